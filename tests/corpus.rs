//! Extraction over every item of ../shared/corpus: no article may fail, and
//! the output stays within sane bounds. The corpus is read in place, never
//! copied into the repository.

use geokg::extract::Extractor;
use geokg::lexicon::Lexicon;
use geokg::pipeline::{Item, extracted_batches, thread_pool};
use geokg::text::read_articles;
use std::path::Path;

#[test]
fn the_whole_corpus_extracts_without_failure() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(corpus.exists(), "../shared/corpus is part of the checkout");
    let lexicon = Lexicon::embedded().unwrap();
    let extractor = Extractor::new(&lexicon);
    let pool = thread_pool(None);
    let (mut articles, mut relations, mut failed) = (0usize, 0usize, Vec::new());
    for batch in extracted_batches(&extractor, read_articles(&[corpus]), &pool) {
        for item in batch {
            match item {
                Item::Extracted(boxed) => {
                    let (article, _, extraction) = *boxed;
                    articles += 1;
                    relations += extraction.relations.len();
                    for r in &extraction.relations {
                        assert_ne!(
                            r.subject, r.object,
                            "a relation of an actor with itself in {}",
                            article.id
                        );
                        assert!((0.0..=1.0).contains(&r.confidence));
                        assert!(r.evidence.start < r.evidence.end);
                    }
                }
                Item::Failed(e) => failed.push(e.to_string()),
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} items failed: {:?}",
        failed.len(),
        &failed[..failed.len().min(5)]
    );
    assert!(articles >= 5000, "{articles} articles");
    // a precision-first extractor finds relations in a fraction of news items
    assert!(
        relations > articles / 4 && relations < articles * 3,
        "{relations} relations from {articles} articles"
    );
}
