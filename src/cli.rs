//! Command-line definitions only. Every field's doc comment is its `--help`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// geokg turns news articles into a geopolitical knowledge graph: who did
/// what to whom (Russia –partners-with→ China, Biden –warns→ Xi), stored in
/// SQLite, queried as a graph, exported to Graphviz.
///
/// Start with `geokg load seeds/articles`, then try `geokg relations`,
/// `geokg path "Joe Biden" "Vladimir Putin"` or `geokg neighbors China`.
#[derive(Debug, Parser)]
#[command(name = "geokg", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// SQLite database file [default: $GEOKG_DB, else ./geokg.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Your own actor file, or a folder of them, added to the embedded
    /// gazetteer: people, countries, organisations or blocked phrases, told
    /// apart by their header row (formats in seeds/actors/README.md)
    /// [default: $GEOKG_ACTORS]
    #[arg(long, global = true, value_name = "FILE|DIR")]
    pub actors: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract relations from articles and add them to the database.
    ///
    /// Inputs are article files (.txt, optional `key: value` header closed by
    /// `---`), JSONL files (one article per line: id, title, date, source,
    /// url, text), directories (searched recursively) and `-` for stdin.
    /// Each article is stored whole with its relations, or not at all;
    /// loading the same text again changes nothing, and a changed article
    /// with the same id replaces its relations.
    Load(LoadArgs),

    /// Extract relations and print them, without a database.
    ///
    /// `--format jsonl` prints one JSON object per relation (the contract of
    /// spec/ontology.md), ready for ../shared/eval/score.py.
    Extract(ExtractArgs),

    /// List relations, filtered by actor, partner, category and date.
    Relations(RelationsArgs),

    /// List actors: those in the database, or with --all every actor the
    /// gazetteer knows; `actors show NAME` prints all that is known about one.
    Actors(ActorsArgs),

    /// Show how two actors are connected: a shortest path with, for each
    /// hop, the relation, its direction and one evidence sentence.
    Path(PathArgs),

    /// Show the actors within N hops of an actor.
    Neighbors(NeighborsArgs),

    /// Export the graph (or a neighbourhood of it) as Graphviz DOT or JSON.
    Export(ExportArgs),

    /// Run a named read-only SQL query from queries/ (see --list).
    Query(QueryArgs),

    /// Counts of articles, actors, relations and categories.
    Stats(JsonFlag),

    /// Recompute every relation from the stored article text (after the
    /// lexicon changed).
    Reextract(ReextractArgs),

    /// Score extraction against a gold file (the format of
    /// ../shared/eval/dev/gold.jsonl), with the matching rules of score.py.
    Eval(EvalArgs),

    /// Write a deterministic synthetic corpus or graph for benchmarks.
    BenchData(BenchDataArgs),
}

#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Article files, JSONL files, directories, or `-` for stdin
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,

    /// Worker threads for extraction [default: number of cores]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// No progress bar, summary only
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExtractFormat {
    /// one JSON object per relation
    Jsonl,
    /// a readable table
    Table,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files, JSONL files, directories, or `-` for stdin
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = ExtractFormat::Table)]
    pub format: ExtractFormat,

    /// Drop relations below this confidence (0..1)
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    pub min_confidence: f64,

    /// Worker threads [default: number of cores]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Args)]
pub struct RelationsArgs {
    /// Only relations with this actor (name, code or alias) on either side
    #[arg(long, value_name = "ACTOR")]
    pub actor: Option<String>,

    /// Only relations whose other side is this actor
    #[arg(long = "with", value_name = "ACTOR")]
    pub with: Option<String>,

    /// Only this category (AGREE, CONSULT, … ASSAULT, AFFILIATION)
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,

    /// Only articles dated on or after this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only articles dated on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Include negated relations ("refused to criticize")
    #[arg(long)]
    pub include_negated: bool,

    /// At most this many rows
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: usize,

    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ActorsArgs {
    #[command(subcommand)]
    pub show: Option<ActorsCommand>,

    /// Every actor the gazetteer knows, loaded in the database or not
    #[arg(long)]
    pub all: bool,

    /// Only this kind: country, person, organization, group
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,

    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ActorsCommand {
    /// Everything known about one actor: names, roles with dates, relation counts
    Show {
        /// Name, code or alias
        name: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct PathArgs {
    /// Start actor (name, code or alias)
    pub from: String,
    /// End actor (name, code or alias)
    pub to: String,
    /// Follow relations only from subject to object
    #[arg(long)]
    pub directed: bool,
    /// Include negated relations as edges
    #[arg(long)]
    pub include_negated: bool,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct NeighborsArgs {
    /// Actor (name, code or alias)
    pub actor: String,
    /// How many hops
    #[arg(long, short = 'd', default_value_t = 1, value_name = "N")]
    pub depth: usize,
    /// Include negated relations as edges
    #[arg(long)]
    pub include_negated: bool,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// Graphviz DOT: `dot -Tsvg graph.dot > graph.svg`
    Dot,
    /// nodes and edges as one JSON document
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Dot)]
    pub format: ExportFormat,
    /// Write to this file instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only the neighbourhood of this actor
    #[arg(long, value_name = "ACTOR")]
    pub actor: Option<String>,
    /// Neighbourhood depth with --actor
    #[arg(long, short = 'd', default_value_t = 1, value_name = "N")]
    pub depth: usize,
    /// Only edges of this category
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
    /// Include negated relations (drawn dashed)
    #[arg(long)]
    pub include_negated: bool,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Query name (a file queries/NAME.sql)
    #[arg(required_unless_present = "list")]
    pub name: Option<String>,
    /// List the available queries
    #[arg(long)]
    pub list: bool,
    /// Query parameter, bound as :key (repeatable)
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE")]
    pub params: Vec<String>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ReextractArgs {
    /// No progress bar
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold file: one JSON object per article (see ../shared/eval/README.md)
    pub gold: PathBuf,
    /// Articles to extract from (files, JSONL, directories)
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// List missed and spurious relations
    #[arg(long)]
    pub errors: bool,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum BenchKind {
    /// N news-like articles as JSONL (to a file or stdout), for `load` and
    /// `extract` at scale
    Articles,
    /// a synthetic graph of N actors and --edges relations, written into
    /// the database (--db), for `path`, `neighbors` and `export` latency
    Graph,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  geokg bench-data articles -n 1000000 -o /tmp/synth.jsonl
  geokg --db /tmp/big.db bench-data graph -n 100000 --edges 1000000

The same seed gives the same bytes on every machine; different seeds give
articles with different ids and texts, so they load as new articles.")]
pub struct BenchDataArgs {
    /// What to generate
    #[arg(value_enum)]
    pub kind: BenchKind,
    /// How many articles (or actors, for `graph`)
    #[arg(long, short = 'n', default_value_t = 1000)]
    pub count: usize,
    /// Relations of a synthetic graph [default: 10 × count]
    #[arg(long, value_name = "N")]
    pub edges: Option<usize>,
    /// Output file for articles [default: stdout]
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Seed of the generator
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}
