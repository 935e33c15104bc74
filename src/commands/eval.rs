//! `geokg eval GOLD PATH...`: extraction scored against gold, per category.

use super::{Context, print_table, report_input_error};
use crate::cli::EvalArgs;
use crate::eval::{Gold, article_key, score};
use crate::extract::Extractor;
use crate::pipeline::{Item, extracted_batches, thread_pool};
use crate::text::read_articles;
use anyhow::{Context as _, Result};

pub fn run(cx: &Context, args: &EvalArgs) -> Result<bool> {
    let content = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("cannot read {}", args.gold.display()))?;
    let gold = Gold::parse(&args.gold.display().to_string(), &content)?;
    let lexicon = cx.lexicon()?;
    let extractor = Extractor::new(&lexicon);
    let pool = thread_pool(None);
    let wanted = gold.article_keys();
    let mut relations = Vec::new();
    let mut failed = 0;
    let mut seen = 0;
    extracted_batches(&extractor, read_articles(&args.inputs), &pool).for_each(
        |batch| -> Result<()> {
            for item in batch {
                match item {
                    Item::Extracted(boxed) => {
                        let (article, _, extraction) = *boxed;
                        if wanted.contains(&article_key(&article.id)) {
                            seen += 1;
                        }
                        relations.extend(extraction.relations);
                    }
                    Item::Failed(e) => {
                        failed += 1;
                        report_input_error(None, &e);
                    }
                }
            }
            Ok(())
        },
    )?;
    let report = score(&gold, &relations);
    if args.json {
        if args.errors {
            println!("{}", serde_json::to_string_pretty(&report)?);
        } else {
            println!("{}", serde_json::to_string(&report.groups)?);
        }
        return Ok(failed == 0);
    }
    if args.errors {
        for e in &report.errors {
            match &e.evidence {
                Some(text) => println!(
                    "{}\t{}\t{}\t{}",
                    e.article,
                    e.kind,
                    e.relation,
                    text.replace('\n', " ")
                ),
                None => println!("{}\t{}\t{}", e.article, e.kind, e.relation),
            }
        }
        println!();
    }
    let rows: Vec<Vec<String>> = report
        .groups
        .iter()
        .map(|(group, s)| {
            vec![
                group.clone(),
                s.tp.to_string(),
                s.fp.to_string(),
                s.fn_.to_string(),
                format!("{:.3}", s.precision),
                format!("{:.3}", s.recall),
                format!("{:.3}", s.f1),
            ]
        })
        .collect();
    let mut rows = rows;
    // EVENTS and AFFILIATION first, as score.py prints them
    rows.sort_by_key(|r| match r[0].as_str() {
        "EVENTS" => 0,
        "AFFILIATION" => 1,
        _ => 2,
    });
    println!(
        "{} of {} gold articles found in the input",
        seen,
        wanted.len()
    );
    print_table(
        &mut std::io::stdout().lock(),
        &["group", "tp", "fp", "fn", "P", "R", "F1"],
        &rows,
    )?;
    Ok(failed == 0)
}
