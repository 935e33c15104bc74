//! One file per subcommand: arguments in, one library call, output out.

pub mod actors;
pub mod bench_data;
pub mod eval;
pub mod export;
pub mod extract;
pub mod load;
pub mod neighbors;
pub mod path;
pub mod query;
pub mod reextract;
pub mod relations;
pub mod stats;

use crate::cli::{Cli, Command};
use crate::lexicon::Lexicon;
use anyhow::{Context as _, Result};
use std::io::Write;
use std::path::PathBuf;

/// What every command may need: where the database is, and the lexicon.
pub struct Context {
    pub db: PathBuf,
    pub actors: Option<PathBuf>,
}

impl Context {
    pub fn from_cli(cli: &Cli) -> Context {
        let db = cli
            .db
            .clone()
            .or_else(|| std::env::var_os("GEOKG_DB").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("geokg.db"));
        let actors = cli
            .actors
            .clone()
            .or_else(|| std::env::var_os("GEOKG_ACTORS").map(PathBuf::from));
        Context { db, actors }
    }

    /// The embedded lexicon plus the user's actor files.
    pub fn lexicon(&self) -> Result<Lexicon> {
        Lexicon::load(self.actors.as_deref()).context("cannot load the lexicon")
    }

    /// The lexicon plus the persons earlier loads discovered in `store`, so
    /// a name introduced once is recognised in every later article.
    pub fn lexicon_with(&self, store: &crate::store::Store) -> Result<Lexicon> {
        let discovered = store.discovered_persons()?;
        Lexicon::load_with(self.actors.as_deref(), &discovered).context("cannot load the lexicon")
    }
}

/// Runs a command; `Ok(false)` means it ran but some input failed.
pub fn run(cli: &Cli) -> Result<bool> {
    let cx = Context::from_cli(cli);
    match &cli.command {
        Command::Extract(args) => extract::run(&cx, args),
        Command::Load(args) => load::run(&cx, args),
        Command::Relations(args) => relations::run(&cx, args),
        Command::Actors(args) => actors::run(&cx, args),
        Command::Path(args) => path::run(&cx, args),
        Command::Neighbors(args) => neighbors::run(&cx, args),
        Command::Export(args) => export::run(&cx, args),
        Command::Query(args) => query::run(&cx, args),
        Command::Stats(args) => stats::run(&cx, args),
        Command::Reextract(args) => reextract::run(&cx, args),
        Command::Eval(args) => eval::run(&cx, args),
        Command::BenchData(args) => bench_data::run(&cx, args),
    }
}

/// A `--category` argument as stored (`assault` → `ASSAULT`), or an error
/// listing the categories.
pub fn category_arg(category: Option<&String>) -> Result<Option<String>> {
    category
        .map(|c| {
            c.parse::<crate::model::Category>()
                .map(|c| c.as_str().to_string())
                .map_err(anyhow::Error::msg)
        })
        .transpose()
}

/// Checks a `YYYY-MM-DD` argument.
pub fn validate_date(date: &str) -> Result<()> {
    match crate::text::article::normalize_date(date) {
        Some(d) if d.len() == date.len() => Ok(()),
        _ => anyhow::bail!("date `{date}` is not YYYY-MM-DD"),
    }
}

/// A progress bar on stderr when it is a terminal (hidden otherwise).
pub fn progress_bar(quiet: bool, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {msg} {pos} articles, {per_sec} [{elapsed}]",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.set_message(what.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Merges the store's index tiers once the newest is full (after a
/// committed batch), saying so on the progress line: at a million articles
/// a merge takes seconds.
pub fn settle(store: &mut crate::store::Store, bar: &indicatif::ProgressBar) -> Result<()> {
    let what = bar.message();
    if store.settle_if_due(|| bar.set_message("merging index tiers"))? > 0 {
        bar.set_message(what);
    }
    Ok(())
}

/// One line on stderr for an input that could not be read.
pub fn report_input_error(bar: Option<&indicatif::ProgressBar>, e: &crate::text::InputError) {
    match bar {
        Some(bar) => bar.suspend(|| eprintln!("geokg: {e}")),
        None => eprintln!("geokg: {e}"),
    }
}

/// Prints rows as a table that fits the terminal.
pub fn print_table(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut table = comfy_table::Table::new();
    table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    if table.width().is_none() {
        // not a terminal: keep lines readable in files and pipes
        table.set_width(160);
    }
    table.set_header(header);
    for row in rows {
        table.add_row(row);
    }
    writeln!(out, "{table}")?;
    Ok(())
}
