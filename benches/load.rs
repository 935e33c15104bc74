//! `load` throughput: the news corpus extracted on all cores and stored
//! into a fresh database, as `geokg load` does it (elements = articles).
//!
//! `cargo bench --bench load`

mod common;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use geokg::extract::Extractor;
use geokg::lexicon::Lexicon;
use geokg::pipeline::{Item, extracted_batches, thread_pool};
use geokg::store::Store;
use geokg::text::read_articles;
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
                let inputs = std::slice::from_ref(&dir);
                for items in extracted_batches(&extractor, read_articles(inputs), &pool) {
                    let mut batch = store.batch(&lexicon).expect("batch");
                    for item in items {
                        if let Item::Extracted(boxed) = item {
                            let (article, _, extraction) = *boxed;
                            batch.load(&article, &extraction).expect("load");
                        }
                    }
                    batch.commit().expect("commit");
                }
                tmp
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
