//! `geokg extract`: relations of articles to stdout, no database.

use super::{Context, print_table, report_input_error};
use crate::cli::{ExtractArgs, ExtractFormat};
use crate::export::jsonl::relation_line;
use crate::extract::Extractor;
use crate::pipeline::{Item, extracted_batches, thread_pool};
use crate::text::read_articles;
use anyhow::Result;
use std::io::Write;

pub fn run(cx: &Context, args: &ExtractArgs) -> Result<bool> {
    let lexicon = cx.lexicon()?;
    let extractor = Extractor::new(&lexicon);
    let pool = thread_pool(args.jobs);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let mut rows: Vec<Vec<String>> = Vec::new();
    extracted_batches(&extractor, read_articles(&args.inputs), &pool).for_each(
        |batch| -> Result<()> {
            for item in batch {
                match item {
                    Item::Extracted(boxed) => {
                        let (_, _, extraction) = *boxed;
                        for r in extraction
                            .relations
                            .iter()
                            .filter(|r| r.confidence >= args.min_confidence)
                        {
                            match args.format {
                                ExtractFormat::Jsonl => writeln!(out, "{}", relation_line(r))?,
                                ExtractFormat::Table => rows.push(vec![
                                    format!("{}:{}", r.evidence.article, r.evidence.sentence),
                                    r.subject.label().to_string(),
                                    if r.negated {
                                        format!("NOT {}", r.relation)
                                    } else {
                                        r.relation.clone()
                                    },
                                    r.category.to_string(),
                                    r.object.label().to_string(),
                                    format!("{:.2}", r.confidence),
                                ]),
                            }
                        }
                    }
                    Item::Failed(e) => {
                        failed += 1;
                        report_input_error(None, &e);
                    }
                }
            }
            out.flush()?;
            Ok(())
        },
    )?;
    if args.format == ExtractFormat::Table {
        if rows.is_empty() {
            eprintln!("geokg: no relations found");
        } else {
            print_table(
                &mut out,
                &[
                    "article:sentence",
                    "subject",
                    "relation",
                    "category",
                    "object",
                    "conf",
                ],
                &rows,
            )?;
        }
    }
    out.flush()?;
    Ok(failed == 0)
}
