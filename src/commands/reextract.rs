//! `geokg reextract`: recompute every relation from the stored text, after
//! the lexicon or the rules changed.

use super::{Context, progress_bar, settle};
use crate::cli::ReextractArgs;
use crate::extract::Extractor;
use crate::pipeline::{BATCH, extract_fingerprinted, thread_pool};
use crate::store::{LoadOutcome, Store};
use anyhow::Result;
use rayon::prelude::*;

pub fn run(cx: &Context, args: &ReextractArgs) -> Result<bool> {
    let mut store = Store::open(&cx.db)?;
    let lexicon = cx.lexicon_with(&store)?;
    let extractor = Extractor::new(&lexicon);
    let pool = thread_pool(None);
    let before = store.stats()?.relations;
    let ids = store.article_row_ids()?;
    let bar = progress_bar(args.quiet, "re-extracting");
    let mut failed = 0usize;
    let mut unchanged = 0usize;
    for chunk in ids.chunks(BATCH) {
        let articles = store.stored_articles(chunk)?;
        let extracted: Vec<_> = pool.install(|| {
            articles
                .par_iter()
                .map(|a| (a.row_id, extract_fingerprinted(&extractor, &a.article)))
                .collect()
        });
        let mut items = Vec::with_capacity(extracted.len());
        for ((row_id, extraction), stored) in extracted.iter().zip(&articles) {
            match extraction {
                Some(extraction) => items.push((*row_id, extraction, stored)),
                None => {
                    failed += 1;
                    bar.suspend(|| eprintln!("geokg: article {}: extraction failed (a bug: please report it); its old relations are kept", stored.article.id));
                }
            }
        }
        let pairs: Vec<_> = items.iter().map(|(id, x, _)| (*id, *x)).collect();
        let outcomes = store.replace_batch(&lexicon, &pairs)?;
        for ((_, _, stored), outcome) in items.iter().zip(outcomes) {
            match outcome {
                Ok(LoadOutcome::Unchanged) => unchanged += 1,
                Ok(_) => {}
                Err(e) => {
                    failed += 1;
                    bar.suspend(|| eprintln!("geokg: article {}: {e}", stored.article.id));
                }
            }
        }
        bar.inc(articles.len() as u64);
        settle(&mut store, &bar)?;
    }
    bar.finish_and_clear();
    let after = store.stats()?.relations;
    println!(
        "re-extracted {} articles: {} rewritten, {} unchanged, {} failed; {} relations before, {} now",
        ids.len(),
        ids.len() - unchanged - failed,
        unchanged,
        failed,
        before,
        after
    );
    Ok(failed == 0)
}
