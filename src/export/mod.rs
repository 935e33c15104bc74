//! Stage 5 of the pipeline: pure functions from relations and graphs to text.

pub mod dot;
pub mod json;
pub mod jsonl;
