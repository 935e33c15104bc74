//! `geokg bench-data`: synthetic articles (JSONL) or a synthetic graph
//! (into the database), deterministic, for the benchmarks of the README.

use super::{Context, progress_bar};
use crate::cli::{BenchDataArgs, BenchKind};
use crate::store::Store;
use crate::synth::{Articles, Vocabulary, write_graph};
use anyhow::{Context as _, Result};
use std::io::{BufWriter, Write};

pub fn run(cx: &Context, args: &BenchDataArgs) -> Result<bool> {
    let lexicon = cx.lexicon()?;
    match args.kind {
        BenchKind::Articles => {
            let vocab = Vocabulary::from_lexicon(&lexicon);
            let out: Box<dyn Write> = match &args.output {
                Some(path) => Box::new(
                    std::fs::File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?,
                ),
                None => Box::new(std::io::stdout().lock()),
            };
            let mut out = BufWriter::with_capacity(1 << 16, out);
            let bar = progress_bar(args.output.is_none(), "writing");
            for article in Articles::new(&vocab, args.seed).take(args.count) {
                serde_json::to_writer(&mut out, &article)?;
                out.write_all(b"\n")?;
                bar.inc(1);
            }
            out.flush()?;
            bar.finish_and_clear();
            if let Some(path) = &args.output {
                eprintln!("{} articles written to {}", args.count, path.display());
            }
        }
        BenchKind::Graph => {
            anyhow::ensure!(args.count >= 2, "a graph needs at least 2 actors");
            let edges = args.edges.unwrap_or(args.count * 10);
            let mut store = Store::open(&cx.db)?;
            let bar = progress_bar(false, "relations");
            let summary = write_graph(&mut store, &lexicon, args.count, edges, args.seed, |n| {
                bar.set_position(n as u64)
            })?;
            bar.finish_and_clear();
            let stats = store.stats()?;
            println!(
                "{} relations in {} articles written to {}: the database holds {} actors, {} edges",
                summary.relations,
                summary.articles,
                cx.db.display(),
                stats.actors,
                stats.edges
            );
        }
    }
    Ok(true)
}
