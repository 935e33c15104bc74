//! Stage 5 of the pipeline: pure functions from relations and graphs to text.

pub mod jsonl;
