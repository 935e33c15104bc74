//! Graph queries on a synthetic graph (`geokg bench-data graph`): building
//! the whole petgraph graph, and the path and 2-hop neighbourhood queries
//! that walk the store's indexed adjacency instead.
//!
//! The default graph is 20,000 actors / 200,000 relations so the bench
//! runs in a minute; `GEOKG_BENCH_ACTORS=100000` gives the README's
//! 100k / 1M graph (ten relations per actor).
//!
//! `cargo bench --bench graph`

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use geokg::graph::{EdgeFilter, StoreAdjacency, neighborhood, shortest_path, whole_graph};
use geokg::lexicon::Lexicon;
use geokg::store::Store;
use geokg::synth::write_graph;
use std::time::Duration;

fn graph(c: &mut Criterion) {
    let actors: usize = std::env::var("GEOKG_BENCH_ACTORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = tmp.path().join("graph.db");
    let lexicon = Lexicon::embedded().expect("embedded lexicon");
    {
        let mut store = Store::open(&path).expect("store");
        write_graph(&mut store, &lexicon, actors, actors * 10, 42, |_| {}).expect("graph");
    }
    let store = Store::open_read_only(&path).expect("store");
    let filter = EdgeFilter::default();
    let adjacency = StoreAdjacency {
        store: &store,
        include_negated: false,
    };
    // the hub: the country the generator favours most; a typical actor:
    // the median degree of a sample; far: another typical one
    let hub = store.resolve_actor("Afghanistan").expect("hub").id;
    let mut sample: Vec<(usize, i64)> = (0..200)
        .map(|k| {
            let id = 1 + (k * (actors as i64 - 1) / 200);
            (store.neighbors(id, false).expect("neighbors").len(), id)
        })
        .collect();
    sample.sort();
    let typical = sample[100].1;
    let far = sample[101].1;

    let mut group = c.benchmark_group(format!("graph of {actors} actors"));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("whole graph build", |b| {
        b.iter(|| whole_graph(&store, &filter).expect("graph"))
    });
    group.bench_function("path typical-far", |b| {
        b.iter(|| shortest_path(&adjacency, typical, far, &filter).expect("path"))
    });
    group.bench_function("neighbors depth 2, typical actor", |b| {
        b.iter(|| neighborhood(&adjacency, typical, 2, &filter).expect("neighbors"))
    });
    group.bench_function("neighbors depth 1, hub", |b| {
        b.iter(|| neighborhood(&adjacency, hub, 1, &filter).expect("neighbors"))
    });
    group.finish();
}

criterion_group!(benches, graph);
criterion_main!(benches);
