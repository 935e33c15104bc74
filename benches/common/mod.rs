//! Shared by the benches: the corpus of `../shared/corpus`, read in place
//! (its licences forbid copying it into the repository).

#![allow(dead_code)]

use geokg::model::Article;
use geokg::text::read_articles;
use std::path::PathBuf;

/// `../shared/corpus`, or `None` with a message when this checkout has none.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: {} not found (the benches read the shared news corpus)",
            dir.display()
        );
        None
    }
}

/// Every article of the corpus, in memory.
pub fn corpus_articles(dir: &PathBuf) -> Vec<Article> {
    read_articles(std::slice::from_ref(dir))
        .filter_map(Result::ok)
        .map(|(article, _)| article)
        .collect()
}

/// Sentences as the extractor splits them, and bytes of text.
pub fn sentences_and_bytes(articles: &[Article]) -> (u64, u64) {
    articles.iter().fold((0, 0), |(s, b), a| {
        let doc = a.document();
        let tokens = geokg::text::tokens::tokenize(&doc);
        let n = geokg::text::sentences::split_sentences(&doc, &tokens).len();
        (s + n as u64, b + doc.len() as u64)
    })
}

/// The allocator of the `geokg` binary, so the benches measure what users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Loads `inputs` into `store` as `geokg load` does: the next batch is
/// extracted while this one is written, each batch in one transaction,
/// tiers merged when due; then the log is copied into the database.
pub fn load_like_the_command(
    store: &mut geokg::store::Store,
    lexicon: &geokg::lexicon::Lexicon,
    extractor: &geokg::extract::Extractor,
    pool: &rayon::ThreadPool,
    inputs: &[PathBuf],
) {
    use geokg::pipeline::{Item, extracted_batches};
    use geokg::store::StoreError;
    extracted_batches(extractor, read_articles(inputs), pool)
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
            for outcome in store.load_batch(lexicon, &pairs)? {
                outcome?;
            }
            store.settle_if_due(|| {})?;
            Ok(())
        })
        .expect("load");
    store.checkpoint().expect("checkpoint");
}
