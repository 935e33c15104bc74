//! `load` throughput: the news corpus extracted on all cores and stored
//! into a fresh database, as `geokg load` does it (elements = articles).
//!
//! `cargo bench --bench load`

mod common;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use geokg::extract::Extractor;
use geokg::lexicon::Lexicon;
use geokg::pipeline::{Item, extracted_batches, thread_pool};
use geokg::store::{Store, StoreError};
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
                // as `geokg load` does: the next batch is extracted while
                // this one is written
                extracted_batches(&extractor, read_articles(inputs), &pool)
                    .with_fingerprints()
                    .for_each(|items| -> Result<(), StoreError> {
                        let extracted: Vec<_> = items
                            .into_iter()
                            .filter_map(|item| match item {
                                Item::Extracted(boxed) => Some(*boxed),
                                Item::Failed(_) => None,
                            })
                            .collect();
                        let pairs: Vec<_> = extracted.iter().map(|(a, _, x)| (a, x)).collect();
                        for outcome in store.load_batch(&lexicon, &pairs)? {
                            outcome?;
                        }
                        store.settle_if_due(|| {})?;
                        Ok(())
                    })
                    .expect("load");
                tmp
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
