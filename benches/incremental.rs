//! Loading 1,000 new articles into a large database against loading them
//! into an empty one (the README's incremental row), with synthetic
//! articles (`geokg bench-data articles`), so it needs no corpus.
//!
//! The large database holds 100,000 articles by default (built once, about
//! 25 s); `GEOKG_BENCH_ARTICLES=1000000` gives the README's million (about
//! 4 minutes, and a 2.7 GB copy per sample). Each sample loads into a fresh
//! copy, so every sample starts from the same state. Two states of the
//! large database:
//!
//! - *settled*: every tier merged down first, so no merge falls inside the
//!   timed load: the cost of writing alone;
//! - *as loaded*: the tiers as the bulk load left them; the bench prints
//!   their sizes, so you can tell whether the 1,000 articles fill the
//!   newest tier (10,000 relations) and pay a merge.
//!
//! `cargo bench --bench incremental`

mod common;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use geokg::extract::Extractor;
use geokg::lexicon::Lexicon;
use geokg::pipeline::thread_pool;
use geokg::store::Store;
use geokg::synth::{Articles, Vocabulary};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

const NEW: usize = 1_000;

/// Writes `count` synthetic articles of `seed` as JSONL.
fn synthetic(vocab: &Vocabulary, seed: u64, count: usize, path: &Path) -> PathBuf {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("jsonl"));
    for article in Articles::new(vocab, seed).take(count) {
        serde_json::to_writer(&mut out, &article).expect("json");
        out.write_all(b"\n").expect("write");
    }
    out.flush().expect("flush");
    path.to_path_buf()
}

/// A copy of the database at `from` (its log already copied in).
fn copy_of(from: &Path, dir: &Path) -> Store {
    let to = dir.join("copy.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    std::fs::copy(from, &to).expect("copy");
    // on disk before the timed load: else the load's first checkpoint,
    // which syncs the file, pays for writing out the whole copy (a fresh
    // 300 MB copy made 1,000 articles take 0.28 s instead of 0.16)
    std::fs::File::open(&to)
        .and_then(|f| f.sync_all())
        .expect("sync");
    Store::open(&to).expect("store")
}

fn incremental(c: &mut Criterion) {
    let size: usize = std::env::var("GEOKG_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let lexicon = Lexicon::embedded().expect("embedded lexicon");
    let extractor = Extractor::new(&lexicon);
    let pool = thread_pool(None);
    let vocab = Vocabulary::from_lexicon(&lexicon);
    let bulk = synthetic(&vocab, 42, size, &tmp.join("bulk.jsonl"));
    let new = [synthetic(&vocab, 50, NEW, &tmp.join("new.jsonl"))];

    let as_loaded = tmp.join("as-loaded.db");
    let settled = tmp.join("settled.db");
    {
        let mut store = Store::open(&as_loaded).expect("store");
        common::load_like_the_command(&mut store, &lexicon, &extractor, &pool, &[bulk]);
        eprintln!(
            "{size} articles loaded; relations per tier, oldest first: {:?}",
            store.tier_sizes().expect("tiers")
        );
    }
    std::fs::copy(&as_loaded, &settled).expect("copy");
    {
        let mut store = Store::open(&settled).expect("store");
        store.settle().expect("settle");
        store.checkpoint().expect("checkpoint");
    }
    let empty = tmp.join("empty.db");
    Store::open(&empty)
        .expect("store")
        .checkpoint()
        .expect("checkpoint");

    let mut group = c.benchmark_group(format!("{NEW} new articles"));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Elements(NEW as u64));
    for (name, base) in [
        ("into an empty database".to_string(), &empty),
        (format!("into {size} articles, settled"), &settled),
        (format!("into {size} articles, as loaded"), &as_loaded),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || copy_of(base, tmp),
                |mut store| {
                    common::load_like_the_command(&mut store, &lexicon, &extractor, &pool, &new);
                    store
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, incremental);
criterion_main!(benches);
