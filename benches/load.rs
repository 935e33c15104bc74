//! `load` throughput: the news corpus extracted on all cores and stored
//! into a fresh database, as `geokg load` does it (elements = articles).
//!
//! `cargo bench --bench load`

mod common;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use geokg::extract::Extractor;
use geokg::lexicon::Lexicon;
use geokg::pipeline::thread_pool;
use geokg::store::Store;
use std::time::Duration;

fn load(c: &mut Criterion) {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let articles = common::corpus_articles(&dir).len() as u64;
    let lexicon = Lexicon::embedded().expect("embedded lexicon");
    let extractor = Extractor::new(&lexicon);
    let pool = thread_pool(None);
    let mut group = c.benchmark_group("load corpus into a fresh database");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.throughput(Throughput::Elements(articles));
    group.bench_function("articles", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temp dir"),
            |tmp| {
                let mut store = Store::open(&tmp.path().join("bench.db")).expect("store");
                common::load_like_the_command(
                    &mut store,
                    &lexicon,
                    &extractor,
                    &pool,
                    std::slice::from_ref(&dir),
                );
                tmp
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
