//! geokg: news articles in, a geopolitical relationship knowledge graph out.
//!
//! The pipeline, one module per stage: [`text`] (articles, sentences,
//! tokens) → [`extract`] (actors and relations) → `store` (SQLite) →
//! `graph` (petgraph paths and neighbourhoods) → [`export`] (DOT, JSON).
//! [`lexicon`] loads the seed data every stage shares; [`model`] holds the
//! domain types.

pub mod cli;
pub mod eval;
/// Seed files, migrations and queries, embedded by `build.rs`.
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/seeds.rs"));
}
pub mod commands;
pub mod export;
pub mod extract;
pub mod graph;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod store;
pub mod synth;
pub mod text;
