//! `geokg extract`: relations of articles to stdout, no database.

use super::{Context, print_table};
use crate::cli::{ExtractArgs, ExtractFormat};
use crate::export::jsonl::relation_line;
use crate::pipeline::{Item, extract_stream, thread_pool};
use crate::text::read_articles;
use anyhow::Result;
use std::io::Write;

pub fn run(cx: &Context, args: &ExtractArgs) -> Result<bool> {
    let lexicon = cx.lexicon()?;
    let extractor = crate::extract::Extractor::new(&lexicon);
    let pool = thread_pool(args.jobs);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let mut rows: Vec<Vec<String>> = Vec::new();
    extract_stream(&extractor, read_articles(&args.inputs), &pool, |item| -> Result<()> {
        match item {
            Item::Extracted(boxed) => {
                let (_, _, extraction) = *boxed;
                for r in extraction.relations.iter().filter(|r| r.confidence >= args.min_confidence) {
                    match args.format {
                        ExtractFormat::Jsonl => writeln!(out, "{}", relation_line(r))?,
                        ExtractFormat::Table => rows.push(vec![
                            r.evidence.article.clone(),
                            r.evidence.sentence.to_string(),
                            r.subject.label().to_string(),
                            if r.negated { format!("NOT {}", r.relation) } else { r.relation.clone() },
                            r.category.to_string(),
                            r.object.label().to_string(),
                            format!("{:.2}", r.confidence),
                        ]),
                    }
                }
            }
            Item::Failed(e) => {
                failed += 1;
                eprintln!("geokg: {e}");
            }
        }
        Ok(())
    })?;
    if args.format == ExtractFormat::Table {
        print_table(&mut out, &["article", "sent", "subject", "relation", "category", "object", "conf"], &rows)?;
    }
    out.flush()?;
    Ok(failed == 0)
}
