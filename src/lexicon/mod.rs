//! Loading and validating the seed data under `seeds/`: the actor
//! gazetteer, the relation vocabulary and the word lists the extraction
//! rules use. The files are embedded in the binary (see `build.rs`) so geokg
//! runs from any directory; users add actors from a folder of their own
//! (`--actors DIR` or `$GEOKG_ACTORS`) without recompiling.
//!
//! Every error names the file and line it comes from.

pub mod fold;
pub mod gazetteer;
pub mod grammar;
pub mod inflect;
pub mod names;
pub mod tsv;
pub mod vocabulary;
pub mod words;

pub use gazetteer::{ActorEntry, ActorId, Gazetteer, GazetteerBuilder, NameForm, Role};
pub use grammar::{Grammar, WordClass};
pub use names::NameWords;
pub use vocabulary::{RelationId, RelationType, Vocabulary};
pub use words::{WordInfo, Words};

use inflect::Irregulars;
use std::path::Path;

use crate::embedded;

/// A seed file that failed validation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.location())]
pub struct LexiconError {
    pub file: String,
    /// 1-based; 0 when the error concerns the whole file
    pub line: usize,
    pub message: String,
}

impl LexiconError {
    pub fn at(file: &str, line: usize, message: impl Into<String>) -> LexiconError {
        LexiconError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }

    fn location(&self) -> String {
        if self.line > 0 {
            format!("{}:{}: {}", self.file, self.line, self.message)
        } else {
            format!("{}: {}", self.file, self.message)
        }
    }
}

/// Everything extraction knows about the language and the world.
pub struct Lexicon {
    pub gazetteer: Gazetteer,
    pub vocabulary: Vocabulary,
    pub grammar: Grammar,
    pub names: NameWords,
    /// irregular verb forms, for rules and for generating text
    pub irregulars: Irregulars,
    /// class, lemma and patterns of a word in one lookup, merged from
    /// `grammar` and `vocabulary` once they are complete
    pub words: Words,
}

/// The embedded seed file at `path` (relative to `seeds/`).
pub fn embedded_file(path: &str) -> Option<&'static str> {
    embedded::SEED_FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, c)| *c)
}

/// The embedded seed files, relative to `seeds/`.
pub fn embedded_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    embedded::SEED_FILES.iter().copied()
}

fn require(path: &str) -> Result<&'static str, LexiconError> {
    embedded_file(path).ok_or_else(|| LexiconError::at(path, 0, "missing from the build"))
}

/// How an actor file is read, from its name.
enum ActorFileKind {
    Countries,
    Organizations,
    People,
    Blocked,
}

fn actor_file_kind(path: &str) -> Option<ActorFileKind> {
    let name = path.rsplit('/').next().unwrap_or(path);
    if !name.ends_with(".tsv") {
        return None;
    }
    if path.contains("people/") {
        Some(ActorFileKind::People)
    } else if name.starts_with("countries") {
        Some(ActorFileKind::Countries)
    } else if name.starts_with("organizations") || name.starts_with("organisations") {
        Some(ActorFileKind::Organizations)
    } else if name.starts_with("blocked") {
        Some(ActorFileKind::Blocked)
    } else {
        None
    }
}

fn add_actor_file(
    builder: &mut GazetteerBuilder,
    kind: ActorFileKind,
    file: &str,
    content: &str,
) -> Result<(), LexiconError> {
    match kind {
        ActorFileKind::Countries => builder.add_countries(file, content),
        ActorFileKind::Organizations => builder.add_organizations(file, content),
        ActorFileKind::People => builder.add_people(file, content),
        ActorFileKind::Blocked => builder.add_blocked(file, content),
    }
}

impl Lexicon {
    /// The embedded seeds, plus the actor files of `extra_actors` if given.
    pub fn load(extra_actors: Option<&Path>) -> Result<Lexicon, LexiconError> {
        Lexicon::load_with(extra_actors, &[])
    }

    /// As [`Lexicon::load`], plus persons earlier loads discovered in text:
    /// `(name, affiliation code)`, as the database keeps them.
    pub fn load_with(
        extra_actors: Option<&Path>,
        discovered: &[(String, String)],
    ) -> Result<Lexicon, LexiconError> {
        let mut irregulars = Irregulars::default();
        for (_, row) in tsv::read_rows::<IrregularRow>(
            "lexicon/irregular-verbs.tsv",
            require("lexicon/irregular-verbs.tsv")?,
        )? {
            irregulars.insert(
                &row.base,
                tsv::list(&row.past).map(str::to_string).collect(),
                tsv::list(&row.participle).map(str::to_string).collect(),
            );
        }
        let mut grammar = Grammar::parse(require("lexicon/grammar.toml")?, &irregulars)?;
        let vocabulary = Vocabulary::parse(require("lexicon/relations.toml")?, &irregulars)?;
        for lemma in &vocabulary.verb_lemmas {
            grammar.add_verb(lemma, WordClass::default(), &irregulars);
        }
        let mut names = NameWords::default();
        names.add_given_names(require("lexicon/given-names.txt")?);
        names.add_common_words(require("lexicon/common-words.txt")?);
        names.add_honorifics(require("lexicon/honorifics.txt")?);
        names.add_titles("lexicon/titles.tsv", require("lexicon/titles.tsv")?)?;
        for (word, class) in names.word_classes() {
            grammar.add_class(&word, class);
        }

        let mut builder = GazetteerBuilder::new();
        for (path, content) in embedded_files().filter(|(p, _)| p.starts_with("actors/")) {
            if let Some(kind) = actor_file_kind(path) {
                add_actor_file(&mut builder, kind, path, content)?;
            }
        }
        if let Some(path) = extra_actors {
            add_user_actors(&mut builder, path)?;
        }
        for (name, affiliation) in discovered {
            builder.add_discovered(name, affiliation, "database");
        }
        let gazetteer = builder.build()?;
        for word in gazetteer.first_words() {
            grammar.add_class(word, WordClass::NAME_START);
        }
        let words = Words::build(&grammar, &vocabulary);
        Ok(Lexicon {
            gazetteer,
            vocabulary,
            grammar,
            names,
            irregulars,
            words,
        })
    }

    /// The gazetteer entry of an output actor, if the gazetteer knows it.
    pub fn gazetteer_entry(&self, actor: &crate::model::Actor) -> Option<&ActorEntry> {
        let g = &self.gazetteer;
        let id = match (&actor.code, actor.kind) {
            (
                Some(code),
                crate::model::ActorKind::Country
                | crate::model::ActorKind::Organization
                | crate::model::ActorKind::Group,
            ) => g.by_code(code),
            _ => g.by_name(&actor.name),
        }?;
        let entry = g.actor(id);
        (entry.kind == actor.kind && !entry.discovered).then_some(entry)
    }

    /// The embedded seeds only; they are validated by the test suite, so this
    /// fails only on a broken build.
    pub fn embedded() -> Result<Lexicon, LexiconError> {
        Lexicon::load(None)
    }
}

#[derive(serde::Deserialize)]
struct IrregularRow {
    base: String,
    past: String,
    participle: String,
}

/// The kind of a user's actor file, from its header row, so a file can be
/// named anything: `person …` (people), `code name official …`
/// (countries), `code name kind …` (organisations), `phrase …` (blocked).
fn kind_from_header(content: &str) -> Option<ActorFileKind> {
    let header = content
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))?;
    let columns: Vec<&str> = header.split('\t').map(str::trim).collect();
    match columns.as_slice() {
        ["person", ..] => Some(ActorFileKind::People),
        ["code", "name", "official", ..] => Some(ActorFileKind::Countries),
        ["code", "name", "kind", ..] => Some(ActorFileKind::Organizations),
        ["phrase", ..] => Some(ActorFileKind::Blocked),
        _ => None,
    }
}

/// `--actors PATH`: one actor file, or a directory of them (recursively).
/// Each file's kind comes from its header, else from its name as in
/// `seeds/actors/`; every file must be an actor file, so a typo is an
/// error, not a silently ignored file.
fn add_user_actors(builder: &mut GazetteerBuilder, path: &Path) -> Result<(), LexiconError> {
    let shown = path.display().to_string();
    let files = if path.is_dir() {
        let mut files = Vec::new();
        collect_tsv(path, path, &mut files)
            .map_err(|e| LexiconError::at(&shown, 0, e.to_string()))?;
        if files.is_empty() {
            return Err(LexiconError::at(
                &shown,
                0,
                "no actor files (*.tsv) in this directory",
            ));
        }
        files
    } else if path.exists() {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        vec![(name.unwrap_or_default(), path.to_path_buf())]
    } else {
        return Err(LexiconError::at(&shown, 0, "no such file or directory"));
    };
    for (relative, full) in files {
        let file = full.display().to_string();
        let content = std::fs::read_to_string(&full)
            .map_err(|e| LexiconError::at(&file, 0, e.to_string()))?;
        // the header decides; failing that, the name (countries*.tsv, people/...)
        match kind_from_header(&content).or_else(|| actor_file_kind(&relative)) {
            Some(kind) => add_actor_file(builder, kind, &file, &content)?,
            None => {
                return Err(LexiconError::at(
                    &file,
                    1,
                    "not an actor file: the header must start with `person`, `code name official`, `code name kind` or `phrase`, or its name be countries*.tsv, organizations*.tsv, blocked*.tsv or people/*.tsv (see seeds/actors/README.md)",
                ));
            }
        }
    }
    Ok(())
}

fn collect_tsv(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, std::path::PathBuf)>,
) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect_tsv(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "tsv") {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_seeds_load_and_are_rich_enough() {
        let lexicon = Lexicon::embedded().expect("embedded seeds are valid");
        let g = &lexicon.gazetteer;
        let count = |kind| g.actors().iter().filter(|a| a.kind == kind).count();
        use crate::model::ActorKind::*;
        assert!(count(Country) >= 200, "countries: {}", count(Country));
        assert!(
            count(Organization) >= 80,
            "organisations: {}",
            count(Organization)
        );
        assert!(count(Group) >= 40, "groups: {}", count(Group));
        assert!(count(Person) >= 1000, "persons: {}", count(Person));
        assert!(
            lexicon.vocabulary.relations().len() >= 60,
            "relation names: {}",
            lexicon.vocabulary.relations().len()
        );
        for code in [
            "RUS", "CHN", "USA", "SUN", "YUG", "SCG", "DDR", "TWN", "XKX", "PSE", "HKG", "ESH",
        ] {
            assert!(g.by_code(code).is_some(), "{code} missing");
        }
    }

    #[test]
    fn user_actor_files_extend_the_gazetteer() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("people")).unwrap();
        std::fs::write(
            dir.path().join("people/local.tsv"),
            "person\tsurname\tgender\trole\ttitle\tof\tstart\tend\taliases\nAda Quill\tQuill\tf\tminister\tEnvoy\tNOR\t2020-01-01\t\t\n",
        )
        .unwrap();
        let lexicon = Lexicon::load(Some(dir.path())).unwrap();
        let id = lexicon
            .gazetteer
            .by_name("Ada Quill")
            .expect("user person loaded");
        assert_eq!(lexicon.gazetteer.actor(id).roles.len(), 1);

        std::fs::write(
            dir.path().join("countries-extra.tsv"),
            "code\tname\nRUS\tRussia again\n",
        )
        .unwrap();
        let err = Lexicon::load(Some(dir.path())).err().unwrap();
        assert!(
            err.to_string()
                .contains("countries-extra.tsv:2: duplicate code `RUS`"),
            "{err}"
        );
    }
}
