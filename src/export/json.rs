//! The graph as one JSON document: `{"nodes": [...], "edges": [...]}`.

use crate::store::{ActorRow, EdgeRow};
use serde_json::json;

pub fn to_json(actors: &[ActorRow], edges: &[EdgeRow]) -> serde_json::Value {
    json!({ "nodes": actors, "edges": edges })
}
