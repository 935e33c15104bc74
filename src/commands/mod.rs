//! One file per subcommand: arguments in, one library call, output out.

pub mod extract;

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
        let actors = cli.actors.clone().or_else(|| std::env::var_os("GEOKG_ACTORS").map(PathBuf::from));
        Context { db, actors }
    }

    /// The embedded lexicon plus the user's actor files.
    pub fn lexicon(&self) -> Result<Lexicon> {
        Lexicon::load(self.actors.as_deref()).context("cannot load the lexicon")
    }
}

/// Runs a command; `Ok(false)` means it ran but some input failed.
pub fn run(cli: &Cli) -> Result<bool> {
    let cx = Context::from_cli(cli);
    match &cli.command {
        Command::Extract(args) => extract::run(&cx, args),
        _ => anyhow::bail!("not implemented yet"),
    }
}

/// Prints rows as a table that fits the terminal.
pub fn print_table(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut table = comfy_table::Table::new();
    table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    table.set_header(header);
    for row in rows {
        table.add_row(row);
    }
    writeln!(out, "{table}")?;
    Ok(())
}
