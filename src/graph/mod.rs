//! Stage 4 of the pipeline: the actor graph.
//!
//! Nodes are actors, edges the aggregated relations of the store (one per
//! subject, relation, object and negation, with a count and first/last
//! date). Path and neighbourhood queries walk the store's indexed adjacency
//! from the actors asked about and collect what they touch into a petgraph
//! [`StableGraph`], so a query on a million edges reads only the part of the
//! graph it needs; the whole graph is loaded only for a whole-graph export.

use crate::store::{EdgeRow, Neighbor, Store, StoreError};
use petgraph::stable_graph::{NodeIndex, StableGraph};
use std::collections::{HashMap, HashSet, VecDeque};

/// Where edges come from: the store, or (in tests) a list.
pub trait Adjacency {
    /// Edges at `actor`, in both directions, with the actor at the other end.
    fn neighbors(&self, actor: i64) -> Result<Vec<Neighbor>, StoreError>;
}

/// Edge selection shared by every query.
#[derive(Debug, Clone, Default)]
pub struct EdgeFilter {
    pub include_negated: bool,
    pub category: Option<String>,
    /// follow edges only from subject to object (symmetric ones both ways)
    pub directed: bool,
}

impl EdgeFilter {
    fn keeps(&self, edge: &EdgeRow) -> bool {
        (self.include_negated || !edge.negated)
            && self
                .category
                .as_deref()
                .is_none_or(|c| edge.category.eq_ignore_ascii_case(c))
    }

    /// May the edge be walked from `from` to its other end?
    fn walks(&self, edge: &EdgeRow, from: i64) -> bool {
        !self.directed || edge.symmetric || edge.subject == from
    }
}

/// Store adjacency honours the negation switch in SQL.
pub struct StoreAdjacency<'s> {
    pub store: &'s Store,
    pub include_negated: bool,
}

impl Adjacency for StoreAdjacency<'_> {
    fn neighbors(&self, actor: i64) -> Result<Vec<Neighbor>, StoreError> {
        self.store.neighbors(actor, self.include_negated)
    }
}

/// A part of the graph: actor ids as nodes, edges as stored.
#[derive(Debug, Default, Clone)]
pub struct Subgraph {
    pub graph: StableGraph<i64, EdgeRow>,
    index: HashMap<i64, NodeIndex>,
    /// hop distance from the centre, for neighbourhoods
    pub depth: HashMap<i64, usize>,
    /// edge ids already in the graph: an edge is met from both its ends
    edge_ids: HashSet<i64>,
}

impl Subgraph {
    pub fn node(&mut self, actor: i64) -> NodeIndex {
        *self
            .index
            .entry(actor)
            .or_insert_with(|| self.graph.add_node(actor))
    }

    pub fn add_edge(&mut self, edge: &EdgeRow) {
        if !self.edge_ids.insert(edge.id) {
            return;
        }
        let a = self.node(edge.subject);
        let b = self.node(edge.object);
        self.graph.add_edge(a, b, edge.clone());
    }

    pub fn actors(&self) -> impl Iterator<Item = i64> + '_ {
        self.graph.node_weights().copied()
    }

    pub fn edges(&self) -> impl Iterator<Item = &EdgeRow> {
        self.graph.edge_weights()
    }

    /// The edges at `actor`, in both directions.
    pub fn incident(&self, actor: i64) -> impl Iterator<Item = &EdgeRow> {
        use petgraph::Direction::{Incoming, Outgoing};
        let node = self.index.get(&actor).copied();
        node.into_iter().flat_map(move |n| {
            self.graph
                .edges_directed(n, Outgoing)
                .chain(self.graph.edges_directed(n, Incoming))
                .map(|e| e.weight())
        })
    }

    pub fn contains(&self, actor: i64) -> bool {
        self.index.contains_key(&actor)
    }
}

/// The graph within `depth` hops of `center`.
pub fn neighborhood(
    adjacency: &dyn Adjacency,
    center: i64,
    depth: usize,
    filter: &EdgeFilter,
) -> Result<Subgraph, StoreError> {
    let mut sub = Subgraph::default();
    sub.node(center);
    sub.depth.insert(center, 0);
    let mut frontier = vec![center];
    for hop in 1..=depth {
        let mut next = Vec::new();
        for actor in frontier {
            for n in adjacency.neighbors(actor)? {
                if !filter.keeps(&n.edge) || !filter.walks(&n.edge, actor) {
                    continue;
                }
                if let std::collections::hash_map::Entry::Vacant(e) = sub.depth.entry(n.actor) {
                    e.insert(hop);
                    next.push(n.actor);
                }
                sub.add_edge(&n.edge);
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    Ok(sub)
}

/// One hop of a path: the edge, and whether it was walked from its subject
/// to its object.
#[derive(Debug, Clone)]
pub struct Step {
    pub from: i64,
    pub to: i64,
    pub edge: EdgeRow,
    pub forward: bool,
}

/// A shortest path (fewest hops) from `from` to `to`, by breadth-first
/// search from both ends, always growing the smaller frontier. `None` when
/// they are not connected.
pub fn shortest_path(
    adjacency: &dyn Adjacency,
    from: i64,
    to: i64,
    filter: &EdgeFilter,
) -> Result<Option<Vec<Step>>, StoreError> {
    if from == to {
        return Ok(Some(Vec::new()));
    }
    // parent maps: node → (previous node, edge) on each side
    let mut forward: HashMap<i64, Option<(i64, EdgeRow)>> = HashMap::from([(from, None)]);
    let mut backward: HashMap<i64, Option<(i64, EdgeRow)>> = HashMap::from([(to, None)]);
    let mut front: VecDeque<i64> = VecDeque::from([from]);
    let mut back: VecDeque<i64> = VecDeque::from([to]);
    while !front.is_empty() && !back.is_empty() {
        let grow_front = front.len() <= back.len();
        let (queue, seen, other) = if grow_front {
            (&mut front, &mut forward, &backward)
        } else {
            (&mut back, &mut backward, &forward)
        };
        let mut next = VecDeque::new();
        let mut meeting = None;
        for actor in queue.drain(..) {
            for n in adjacency.neighbors(actor)? {
                if !filter.keeps(&n.edge) {
                    continue;
                }
                // walking backwards from the target, a directed edge must point at `actor`
                let walkable = if grow_front {
                    filter.walks(&n.edge, actor)
                } else {
                    filter.walks(&n.edge, n.actor)
                };
                if !walkable || seen.contains_key(&n.actor) {
                    continue;
                }
                seen.insert(n.actor, Some((actor, n.edge.clone())));
                if other.contains_key(&n.actor) {
                    meeting = Some(n.actor);
                    break;
                }
                next.push_back(n.actor);
            }
            if meeting.is_some() {
                break;
            }
        }
        *queue = next;
        if let Some(m) = meeting {
            return Ok(Some(join_path(m, &forward, &backward)));
        }
    }
    Ok(None)
}

fn join_path(
    meeting: i64,
    forward: &HashMap<i64, Option<(i64, EdgeRow)>>,
    backward: &HashMap<i64, Option<(i64, EdgeRow)>>,
) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut node = meeting;
    while let Some(Some((prev, edge))) = forward.get(&node) {
        steps.push(Step {
            from: *prev,
            to: node,
            forward: edge.subject == *prev,
            edge: edge.clone(),
        });
        node = *prev;
    }
    steps.reverse();
    let mut node = meeting;
    while let Some(Some((next, edge))) = backward.get(&node) {
        steps.push(Step {
            from: node,
            to: *next,
            forward: edge.subject == node,
            edge: edge.clone(),
        });
        node = *next;
    }
    steps
}

/// The whole graph of the store.
pub fn whole_graph(store: &Store, filter: &EdgeFilter) -> Result<Subgraph, StoreError> {
    let mut sub = Subgraph::default();
    for edge in store.all_edges(filter.include_negated)? {
        if filter.keeps(&edge) {
            sub.add_edge(&edge);
        }
    }
    Ok(sub)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Edges(Vec<EdgeRow>);

    impl Adjacency for Edges {
        fn neighbors(&self, actor: i64) -> Result<Vec<Neighbor>, StoreError> {
            Ok(self
                .0
                .iter()
                .filter_map(|e| {
                    if e.subject == actor {
                        Some(Neighbor {
                            actor: e.object,
                            edge: e.clone(),
                        })
                    } else if e.object == actor {
                        Some(Neighbor {
                            actor: e.subject,
                            edge: e.clone(),
                        })
                    } else {
                        None
                    }
                })
                .collect())
        }
    }

    fn edge(id: i64, subject: i64, object: i64, symmetric: bool, negated: bool) -> EdgeRow {
        EdgeRow {
            id,
            subject,
            object,
            relation: "meets".into(),
            category: "CONSULT".into(),
            weight: 1.0,
            symmetric,
            negated,
            count: 1,
            first_date: None,
            last_date: None,
        }
    }

    // 1 → 2 → 3 → 4, and 1 — 5 (negated), 5 → 4
    fn chain() -> Edges {
        Edges(vec![
            edge(1, 1, 2, false, false),
            edge(2, 2, 3, false, false),
            edge(3, 3, 4, false, false),
            edge(4, 1, 5, false, true),
            edge(5, 5, 4, false, false),
        ])
    }

    #[test]
    fn path_follows_edges_either_way_unless_directed() {
        let g = chain();
        let f = EdgeFilter::default();
        let p = shortest_path(&g, 1, 4, &f).unwrap().unwrap();
        assert_eq!(
            p.iter().map(|s| (s.from, s.to)).collect::<Vec<_>>(),
            [(1, 2), (2, 3), (3, 4)]
        );
        assert!(p.iter().all(|s| s.forward));
        let back = shortest_path(&g, 4, 1, &f).unwrap().unwrap();
        assert_eq!(back.len(), 3);
        assert!(back.iter().all(|s| !s.forward), "walked against the edges");
        let directed = EdgeFilter {
            directed: true,
            ..f.clone()
        };
        assert!(shortest_path(&g, 4, 1, &directed).unwrap().is_none());
        assert_eq!(
            shortest_path(&g, 1, 4, &directed).unwrap().unwrap().len(),
            3
        );
    }

    #[test]
    fn negated_edges_are_skipped_unless_asked() {
        let g = chain();
        let with = EdgeFilter {
            include_negated: true,
            ..EdgeFilter::default()
        };
        assert_eq!(
            shortest_path(&g, 1, 4, &with).unwrap().unwrap().len(),
            2,
            "1 — 5 — 4 is shorter"
        );
        assert!(shortest_path(&g, 1, 99, &with).unwrap().is_none());
    }

    #[test]
    fn neighbourhood_stops_at_depth() {
        let g = chain();
        let f = EdgeFilter::default();
        let one = neighborhood(&g, 2, 1, &f).unwrap();
        let mut ids: Vec<i64> = one.actors().collect();
        ids.sort();
        assert_eq!(ids, [1, 2, 3]);
        let two = neighborhood(&g, 2, 2, &f).unwrap();
        assert_eq!(two.depth.get(&4), Some(&2));
        assert!(!two.contains(5), "5 is only reachable over a negated edge");
    }
}
