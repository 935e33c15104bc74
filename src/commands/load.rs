//! `geokg load`: extract articles and store them, one article per
//! savepoint, reporting and skipping what fails.

use super::{Context, progress_bar, report_input_error, settle};
use crate::cli::LoadArgs;
use crate::extract::Extractor;
use crate::pipeline::{Item, extracted_batches, thread_pool};
use crate::store::{LoadOutcome, Store};
use crate::text::read_articles;
use anyhow::Result;
use serde::Serialize;
use std::time::Instant;

/// What a load did.
#[derive(Debug, Default, Serialize)]
pub struct LoadSummary {
    pub new: usize,
    pub unchanged: usize,
    pub replaced: usize,
    pub failed: usize,
    pub relations_added: usize,
    pub seconds: f64,
}

pub fn run(cx: &Context, args: &LoadArgs) -> Result<bool> {
    let mut store = Store::open(&cx.db)?;
    let lexicon = cx.lexicon_with(&store)?;
    let extractor = Extractor::new(&lexicon);
    let pool = thread_pool(args.jobs);
    let bar = progress_bar(args.quiet || args.json, "loading");
    let started = Instant::now();
    let mut summary = LoadSummary::default();
    extracted_batches(&extractor, read_articles(&args.inputs), &pool)
        .with_fingerprints()
        .for_each(|items| -> Result<()> {
            let mut extracted = Vec::with_capacity(items.len());
            for item in items {
                bar.inc(1);
                match item {
                    Item::Extracted(boxed) => extracted.push(*boxed),
                    Item::Failed(e) => {
                        summary.failed += 1;
                        report_input_error(Some(&bar), &e);
                    }
                }
            }
            let pairs: Vec<_> = extracted.iter().map(|(a, _, x)| (a, x)).collect();
            let outcomes = store.load_batch(&lexicon, &pairs)?;
            settle(&mut store, &bar)?;
            for ((article, origin, _), outcome) in extracted.iter().zip(outcomes) {
                match outcome {
                    Ok(LoadOutcome::New { relations }) => {
                        summary.new += 1;
                        summary.relations_added += relations;
                    }
                    Ok(LoadOutcome::Replaced { relations }) => {
                        summary.replaced += 1;
                        summary.relations_added += relations;
                    }
                    Ok(LoadOutcome::Unchanged) => summary.unchanged += 1,
                    Err(e) => {
                        summary.failed += 1;
                        bar.suspend(|| {
                            eprintln!("geokg: {origin}: article {} not stored: {e}", article.id)
                        });
                    }
                }
            }
            Ok(())
        })?;
    store.checkpoint()?;
    bar.finish_and_clear();
    summary.seconds = started.elapsed().as_secs_f64();
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        let total = summary.new + summary.unchanged + summary.replaced + summary.failed;
        println!(
            "{} articles into {}: {} new, {} unchanged, {} replaced, {} failed; {} relations added ({:.1} s)",
            total,
            cx.db.display(),
            summary.new,
            summary.unchanged,
            summary.replaced,
            summary.failed,
            summary.relations_added,
            summary.seconds
        );
    }
    Ok(summary.failed == 0)
}
