//! Extraction throughput on one core over the whole news corpus, reported
//! per byte (criterion's MB/s) and per sentence (elements/s).
//!
//! `cargo bench --bench extraction`

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use geokg::extract::Extractor;
use geokg::lexicon::Lexicon;
use std::hint::black_box;
use std::time::Duration;

fn extraction(c: &mut Criterion) {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let articles = common::corpus_articles(&dir);
    let (sentences, bytes) = common::sentences_and_bytes(&articles);
    let lexicon = Lexicon::embedded().expect("embedded lexicon");
    let extractor = Extractor::new(&lexicon);
    let extract_all = || {
        let mut relations = 0;
        for a in &articles {
            relations += extractor.extract(black_box(a)).relations.len();
        }
        relations
    };

    let mut group = c.benchmark_group("extract corpus, one core");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("bytes", |b| b.iter(extract_all));
    group.throughput(Throughput::Elements(sentences));
    group.bench_function("sentences", |b| b.iter(extract_all));
    group.finish();

    c.bench_function("lexicon load", |b| {
        b.iter(|| Lexicon::embedded().expect("embedded lexicon"))
    });
}

criterion_group!(benches, extraction);
criterion_main!(benches);
