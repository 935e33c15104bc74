//! Streaming extraction on all cores: articles are read in batches, each
//! batch is extracted in parallel, and results come back in input order to a
//! single consumer (the SQLite writer, or stdout). Memory is bounded by the
//! batch size, whatever the input size.

use crate::extract::{Extraction, Extractor};
use crate::model::Article;
use crate::text::{ArticleStream, InputError, Origin};
use rayon::prelude::*;

/// Articles per batch: large enough to keep both cores busy, small enough
/// to bound memory.
pub const BATCH: usize = 256;

/// One input item after extraction.
pub enum Item {
    Extracted(Box<(Article, Origin, Extraction)>),
    Failed(InputError),
}

/// A thread pool with `jobs` workers (default: all cores).
pub fn thread_pool(jobs: Option<usize>) -> rayon::ThreadPool {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        builder = builder.num_threads(n.max(1));
    }
    builder.build().unwrap_or_else(|_| rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a one-thread pool"))
}

/// Extracts every article of `stream` and hands the results, in order, to
/// `consume`. Stops early if `consume` returns an error.
pub fn extract_stream<E>(
    extractor: &Extractor,
    stream: ArticleStream,
    pool: &rayon::ThreadPool,
    mut consume: impl FnMut(Item) -> Result<(), E>,
) -> Result<(), E> {
    let mut stream = stream.peekable();
    let mut batch: Vec<Result<(Article, Origin), InputError>> = Vec::with_capacity(BATCH);
    loop {
        batch.clear();
        while batch.len() < BATCH {
            match stream.next() {
                Some(item) => batch.push(item),
                None => break,
            }
        }
        if batch.is_empty() {
            return Ok(());
        }
        let items: Vec<Item> = pool.install(|| {
            std::mem::take(&mut batch)
                .into_par_iter()
                .map(|item| match item {
                    Ok((article, origin)) => {
                        let extraction = extractor.extract(&article);
                        Item::Extracted(Box::new((article, origin, extraction)))
                    }
                    Err(e) => Item::Failed(e),
                })
                .collect()
        });
        for item in items {
            consume(item)?;
        }
    }
}
