//! The actor gazetteer: countries, organisations, groups and persons with
//! dated roles, read from `seeds/actors` (format: `seeds/actors/README.md`)
//! and matched in text token by token: every name is indexed by its first
//! word, so finding names costs one hash probe per word of the text.
//!
//! The gazetteer answers "which names occur where" and "who held this title
//! on this date"; deciding which reading a name has in context (a person's
//! surname, "Jordan" next to another name) is the extractor's job.

use super::LexiconError;
use super::fold::fold;
use super::tsv::{list, read_rows};
use crate::model::ActorKind;
use crate::text::Token;
use crate::text::article::normalize_date;
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

pub type ActorId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// How a name denotes its actor; rules treat a demonym ("Russian") or a
/// capital ("Moscow") differently from the name itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameForm {
    Name,
    Official,
    Variant,
    Demonym,
    Capital,
    Metonym,
    /// a person's full name or another spelling of it
    FullName,
    /// a person's second-mention name
    Surname,
}

/// A role a person held, with its dates (`YYYY-MM-DD`; `end` open while in
/// office).
#[derive(Debug, Clone)]
pub struct Role {
    pub role: String,
    /// lower-case, folded titles written before the name ("president")
    pub titles: Vec<String>,
    pub of: ActorId,
    pub start: Option<String>,
    pub end: Option<String>,
}

impl Role {
    pub fn covers(&self, date: &str) -> bool {
        self.start.as_deref().is_none_or(|s| s <= date)
            && self.end.as_deref().is_none_or(|e| date < e)
    }

    /// Rank for choosing a person's affiliation when several roles apply:
    /// state offices before organisation posts before party or group roles.
    fn precedence(&self) -> u8 {
        match self.role.as_str() {
            "head-of-state" => 0,
            "head-of-government" => 1,
            "foreign-minister" => 2,
            "defence-minister" | "finance-minister" => 3,
            "minister" => 4,
            "secretary-general" | "head" => 5,
            "leader" => 6,
            _ => 7,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ActorEntry {
    pub id: ActorId,
    pub name: String,
    pub code: Option<String>,
    pub kind: ActorKind,
    /// For a body of an organisation (the UN Security Council): the
    /// organisation, whose code its relations are coded with.
    pub parent: Option<ActorId>,
    /// For a group: the country it belongs to.
    pub country: Option<ActorId>,
    pub gender: Option<Gender>,
    pub surname: Option<String>,
    pub roles: Vec<Role>,
    /// Every surface name, with its form, as written in the seed file.
    pub names: Vec<(String, NameForm)>,
    /// `file:line` of the entry's first row.
    pub source: String,
    /// found in the text of earlier articles, not listed in a seed file:
    /// matched by full name only (a bare surname could be anyone's)
    pub discovered: bool,
    /// The first word of `name` and the surname, folded and lower-cased
    /// once at build: "Minister Smith" is compared with every holder of a
    /// minister's title, thousands of them.
    pub first_key: String,
    pub surname_key: Option<String>,
}

/// One reading of a matched name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameEntry {
    pub actor: ActorId,
    pub form: NameForm,
    /// `^`: also a given name, surname or part of other names
    pub name_like: bool,
    /// `?`: an ordinary word in capitals; not matched in ALL-CAPS text
    pub caps_ambiguous: bool,
}

struct Pattern {
    /// its words, folded and lower-cased, as the tokenizer cuts them
    words: Vec<String>,
    /// the same words as written, for the capitalisation check
    written_words: Vec<String>,
    /// whether each word had a space before it
    spaces: Vec<bool>,
    /// written with a leading "the": it is included when the text has it
    the_optional: bool,
    /// "the States": only with its "the"
    the_required: bool,
    entries: Vec<NameEntry>,
}

/// A name found in a document, in original byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch {
    pub start: usize,
    pub end: usize,
    pattern: u32,
}

/// `text` ends with the whole words `tail`: "un chief" ends with "chief".
pub fn ends_with_words(text: &str, tail: &str) -> bool {
    text.len() > tail.len()
        && text.ends_with(tail)
        && text.as_bytes()[text.len() - tail.len() - 1] == b' '
}

pub struct Gazetteer {
    actors: Vec<ActorEntry>,
    by_code: HashMap<String, ActorId>,
    by_name: HashMap<String, ActorId>,
    surnames: HashMap<String, Vec<ActorId>>,
    /// last word of a role title → (person, role index): "president"
    titled_roles: HashMap<String, Vec<(ActorId, usize)>>,
    patterns: Vec<Pattern>,
    /// first word → patterns starting with it, longest first
    first_words: HashMap<String, Vec<u32>>,
}

impl Gazetteer {
    pub fn actors(&self) -> &[ActorEntry] {
        &self.actors
    }

    pub fn actor(&self, id: ActorId) -> &ActorEntry {
        &self.actors[id as usize]
    }

    /// An actor by code ("RUS", "NATO"), case-insensitively.
    pub fn by_code(&self, code: &str) -> Option<ActorId> {
        self.by_code.get(&code.to_uppercase()).copied()
    }

    /// An actor by canonical name, case- and accent-insensitively.
    pub fn by_name(&self, name: &str) -> Option<ActorId> {
        self.by_name.get(&fold(name).to_lowercase()).copied()
    }

    /// Persons whose second-mention name is `surname` (folded, any case).
    pub fn persons_with_surname(&self, surname: &str) -> &[ActorId] {
        self.surnames
            .get(&fold(surname).to_lowercase())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The readings of a matched name.
    pub fn entries(&self, m: &NameMatch) -> &[NameEntry] {
        &self.patterns[m.pattern as usize].entries
    }

    /// Finds every gazetteer name in `doc` as whole words, with the
    /// capitalisation the seed file gives it, preferring the longest match
    /// and dropping names inside blocked phrases ("Washington Post").
    pub fn find(&self, doc: &str) -> Vec<NameMatch> {
        self.find_in_tokens(doc, &crate::text::tokenize(doc))
    }

    /// [`Gazetteer::find`] over an already tokenized document.
    pub fn find_in_tokens(&self, doc: &str, tokens: &[Token]) -> Vec<NameMatch> {
        self.find_in_tokens_where(doc, tokens, |_| true)
    }

    /// Every first word of a name (folded, lower-case): the lexicon marks
    /// them [`WordClass::NAME_START`](super::WordClass::NAME_START).
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.first_words.keys().map(String::as_str)
    }

    /// As [`Gazetteer::find_in_tokens`], looking names up only at tokens
    /// where `may_start` holds: word classes computed once per token spare
    /// most hash lookups.
    pub fn find_in_tokens_where(
        &self,
        doc: &str,
        tokens: &[Token],
        may_start: impl Fn(usize) -> bool,
    ) -> Vec<NameMatch> {
        let mut out = Vec::new();
        let mut key = String::new();
        let mut i = 0;
        while i < tokens.len() {
            if !may_start(i) {
                i += 1;
                continue;
            }
            let Some(candidates) = self.first_words.get(token_key(doc, &tokens[i], &mut key))
            else {
                i += 1;
                continue;
            };
            // the longest pattern that fits here; the next word's key, once,
            // rules out most patterns of a common first word ("the", "new")
            let mut next_buf = String::new();
            let next_key = tokens
                .get(i + 1)
                .map(|t| token_key(doc, t, &mut next_buf))
                .unwrap_or("");
            let mut best: Option<(usize, u32)> = None;
            for &p in candidates {
                let pattern = &self.patterns[p as usize];
                if best.is_some_and(|(end, _)| end >= i + pattern.words.len()) {
                    break;
                }
                if pattern.words.len() > 1 && pattern.words[1] != next_key {
                    continue;
                }
                if let Some(end) = self.fits(doc, tokens, i, pattern) {
                    best = Some((end, p));
                    break;
                }
            }
            match best {
                Some((end, p)) => {
                    let pattern = &self.patterns[p as usize];
                    let with_the = pattern.the_optional
                        && i > 0
                        && token_text(doc, &tokens[i - 1]).eq_ignore_ascii_case("the");
                    let first = if with_the { i - 1 } else { i };
                    if !pattern.entries.is_empty() {
                        out.push(NameMatch {
                            start: tokens[first].start as usize,
                            end: tokens[end - 1].end as usize,
                            pattern: p,
                        });
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Does `pattern` match the tokens from `i`? Returns the end.
    fn fits(&self, doc: &str, tokens: &[Token], i: usize, pattern: &Pattern) -> Option<usize> {
        let end = i + pattern.words.len();
        if end > tokens.len() {
            return None;
        }
        let mut key = String::new();
        for (n, word) in pattern.words.iter().enumerate() {
            let t = &tokens[i + n];
            // words of a name are adjacent as written: "al-Qaeda" is not "al - Qaeda"
            if n > 0 && t.space_before != pattern_space(pattern, n) {
                return None;
            }
            if token_key(doc, t, &mut key) != word.as_str()
                || !case_matches(&pattern.written_words[n], token_text(doc, t))
            {
                return None;
            }
        }
        if pattern.the_required
            && !(i > 0 && token_text(doc, &tokens[i - 1]).eq_ignore_ascii_case("the"))
        {
            return None;
        }
        Some(end)
    }

    /// The role that gives a person's affiliation on `date`: a role covering
    /// the date, else the role closest to it; without a date, the latest.
    pub fn role_at(&self, person: ActorId, date: Option<&str>) -> Option<&Role> {
        let roles = &self.actor(person).roles;
        if roles.is_empty() {
            return None;
        }
        match date {
            Some(date) => {
                let covering = roles
                    .iter()
                    .filter(|r| r.covers(date))
                    .min_by_key(|r| r.precedence());
                covering.or_else(|| {
                    roles.iter().min_by_key(|r| {
                        let distance_to = |d: &str| date_distance(date, d);
                        let a = r.start.as_deref().map(distance_to).unwrap_or(u32::MAX);
                        let b = r.end.as_deref().map(distance_to).unwrap_or(u32::MAX);
                        (a.min(b), r.precedence())
                    })
                })
            }
            None => roles.iter().max_by(|a, b| {
                let open = |r: &Role| r.end.is_none();
                (open(a), &a.start, std::cmp::Reverse(a.precedence())).cmp(&(
                    open(b),
                    &b.start,
                    std::cmp::Reverse(b.precedence()),
                ))
            }),
        }
    }

    /// Persons who held a role with `title` (lower case), optionally of a
    /// given country or organisation, on `date` (without a date: the latest
    /// holders).
    /// `(person, role index)` of every role whose title ends in `word`
    /// ("president").
    pub fn titled_roles(&self, word: &str) -> &[(ActorId, usize)] {
        self.titled_roles
            .get(word)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn holders(&self, title: &str, of: Option<ActorId>, date: Option<&str>) -> Vec<ActorId> {
        let title = fold(title).to_lowercase();
        let last = title.rsplit(' ').next().unwrap_or(&title);
        let mut found: Vec<(ActorId, &Role)> = Vec::new();
        for &(id, index) in self
            .titled_roles
            .get(last)
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            let role = &self.actors[id as usize].roles[index];
            // "chief" fits the role title "un chief", and the reverse
            let fits = role
                .titles
                .iter()
                .any(|t| *t == title || ends_with_words(t, &title) || ends_with_words(&title, t));
            if fits && of.is_none_or(|o| role.of == o) {
                found.push((id, role));
            }
        }
        let mut ids: Vec<ActorId> = match date {
            Some(date) => found
                .iter()
                .filter(|(_, r)| r.covers(date))
                .map(|(id, _)| *id)
                .collect(),
            None => {
                let latest = found
                    .iter()
                    .map(|(_, r)| (r.end.is_none(), r.start.clone()))
                    .max();
                found
                    .iter()
                    .filter(|(_, r)| Some((r.end.is_none(), r.start.clone())) == latest)
                    .map(|(id, _)| *id)
                    .collect()
            }
        };
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    pub fn len(&self) -> usize {
        self.actors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }
}

fn pattern_space(pattern: &Pattern, n: usize) -> bool {
    pattern.spaces[n]
}

fn token_text<'a>(doc: &'a str, t: &Token) -> &'a str {
    &doc[t.range()]
}

/// A token's lookup key: folded and lower-cased, without allocating for
/// plain ASCII.
fn token_key<'a>(doc: &'a str, t: &Token, buf: &'a mut String) -> &'a str {
    let text = &doc[t.range()];
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return text;
    }
    buf.clear();
    if text.is_ascii() {
        buf.extend(text.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        buf.push_str(&fold(text).to_lowercase());
    }
    buf.as_str()
}

/// Rough day distance between two `YYYY-MM-DD` dates, for "closest role".
fn date_distance(a: &str, b: &str) -> u32 {
    let days = |d: &str| -> i64 {
        let y: i64 = d.get(0..4).and_then(|s| s.parse().ok()).unwrap_or(0);
        let m: i64 = d.get(5..7).and_then(|s| s.parse().ok()).unwrap_or(1);
        let dd: i64 = d.get(8..10).and_then(|s| s.parse().ok()).unwrap_or(1);
        y * 372 + m * 31 + dd
    };
    (days(a) - days(b)).unsigned_abs() as u32
}

/// Checks a matched surface against the alias as written: a capitalised
/// alias word needs a capitalised text word, an all-capitals alias word
/// (an acronym) an all-capitals one; lower-case alias words match any case.
fn case_matches(written: &str, surface: &str) -> bool {
    let w_words = written.split(|c: char| !c.is_alphanumeric());
    let s_words = surface.split(|c: char| !c.is_alphanumeric());
    for (w, s) in w_words.zip(s_words) {
        let Some(first) = w.chars().next() else {
            continue;
        };
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let all_upper = letters >= 2
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        if all_upper {
            if !s
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
            {
                return false;
            }
        } else if first.is_uppercase() && !s.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
    }
    true
}

/// Strips the `^` and `?` markers off an alias.
fn parse_marked(alias: &str) -> (&str, bool, bool) {
    let mut text = alias.trim();
    let mut name_like = false;
    let mut caps_ambiguous = false;
    loop {
        if let Some(t) = text.strip_suffix('^') {
            name_like = true;
            text = t.trim_end();
        } else if let Some(t) = text.strip_suffix('?') {
            caps_ambiguous = true;
            text = t.trim_end();
        } else {
            return (text, name_like, caps_ambiguous);
        }
    }
}

/// Single words that must not be matched without their "the" ("the States",
/// "the Union"): without it they are ordinary capitalised words.
const NEEDS_ARTICLE: &[&str] = &[
    "states",
    "community",
    "union",
    "alliance",
    "commission",
    "council",
    "assembly",
    "mainland",
    "republic",
    "kingdom",
    "island",
    "islands",
    "gulf",
    "continent",
    "west",
    "east",
    "north",
    "south",
    "agency",
    "court",
    "bank",
    "league",
    "conference",
    "organization",
    "organisation",
    "movement",
    "party",
    "front",
    "army",
    "group",
    "network",
    "brotherhood",
    "fund",
    "forum",
];

#[derive(Deserialize)]
struct CountryRow {
    code: String,
    name: String,
    #[serde(default)]
    official: String,
    #[serde(default)]
    variants: String,
    #[serde(default)]
    demonyms: String,
    #[serde(default)]
    capitals: String,
    #[serde(default)]
    metonyms: String,
}

#[derive(Deserialize)]
struct OrganizationRow {
    code: String,
    name: String,
    kind: String,
    #[serde(default)]
    aliases: String,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    country: String,
}

#[derive(Deserialize)]
struct PersonRow {
    person: String,
    #[serde(default)]
    surname: String,
    #[serde(default)]
    gender: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    of: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    end: String,
    #[serde(default)]
    aliases: String,
}

#[derive(Deserialize)]
struct BlockedRow {
    phrase: String,
}

struct PendingRef {
    actor: ActorId,
    code: String,
    what: &'static str,
    at: (String, usize),
}

struct PendingRole {
    person: ActorId,
    role: String,
    titles: Vec<String>,
    of: String,
    start: Option<String>,
    end: Option<String>,
    at: (String, usize),
}

/// Collects seed files, then validates and indexes them.
#[derive(Default)]
pub struct GazetteerBuilder {
    actors: Vec<ActorEntry>,
    names: Vec<(String, NameEntry)>,
    blocked: Vec<String>,
    by_code: HashMap<String, ActorId>,
    persons: HashMap<String, ActorId>,
    refs: Vec<PendingRef>,
    roles: Vec<PendingRole>,
}

fn valid_role_kind(role: &str) -> bool {
    matches!(
        role,
        "head-of-state"
            | "head-of-government"
            | "foreign-minister"
            | "defence-minister"
            | "finance-minister"
            | "minister"
            | "secretary-general"
            | "head"
            | "leader"
            | "official"
            | "member"
    )
}

impl GazetteerBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    fn new_actor(
        &mut self,
        name: &str,
        code: Option<String>,
        kind: ActorKind,
        source: String,
    ) -> ActorId {
        let id = self.actors.len() as ActorId;
        self.actors.push(ActorEntry {
            id,
            name: name.to_string(),
            code,
            kind,
            parent: None,
            country: None,
            gender: None,
            surname: None,
            roles: Vec::new(),
            names: Vec::new(),
            source,
            discovered: false,
            first_key: String::new(),
            surname_key: None,
        });
        id
    }

    fn add_name(&mut self, actor: ActorId, raw: &str, form: NameForm) {
        let (text, name_like, caps_ambiguous) = parse_marked(raw);
        if text.is_empty() {
            return;
        }
        let entry = NameEntry {
            actor,
            form,
            name_like,
            caps_ambiguous,
        };
        self.actors[actor as usize]
            .names
            .push((text.to_string(), form));
        self.names.push((text.to_string(), entry));
        // "the Kremlin" is also written "Kremlin officials said"
        if let Some(rest) = text.strip_prefix("the ")
            && !rest.is_empty()
        {
            let single = !rest.contains(' ');
            let lower = rest.to_lowercase();
            if rest.starts_with(char::is_uppercase)
                && !(single && NEEDS_ARTICLE.contains(&lower.as_str()))
            {
                self.names.push((rest.to_string(), entry));
            }
        }
    }

    fn register_code(
        &mut self,
        code: &str,
        id: ActorId,
        file: &str,
        line: usize,
    ) -> Result<(), LexiconError> {
        let key = code.to_uppercase();
        if let Some(&other) = self.by_code.get(&key) {
            return Err(LexiconError::at(
                file,
                line,
                format!(
                    "duplicate code `{code}` (already used by {} at {})",
                    self.actors[other as usize].name, self.actors[other as usize].source
                ),
            ));
        }
        self.by_code.insert(key, id);
        Ok(())
    }

    pub fn add_countries(&mut self, file: &str, content: &str) -> Result<(), LexiconError> {
        for (line, row) in read_rows::<CountryRow>(file, content)? {
            let code = row.code.trim();
            if code.is_empty() || row.name.trim().is_empty() {
                return Err(LexiconError::at(
                    file,
                    line,
                    "a country needs a code and a name",
                ));
            }
            if !(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())) {
                return Err(LexiconError::at(
                    file,
                    line,
                    format!("country code `{code}` is not three capital letters"),
                ));
            }
            let id = self.new_actor(
                parse_marked(&row.name).0,
                Some(code.to_string()),
                ActorKind::Country,
                format!("{file}:{line}"),
            );
            self.register_code(code, id, file, line)?;
            self.add_name(id, &row.name, NameForm::Name);
            for (field, form) in [
                (&row.official, NameForm::Official),
                (&row.variants, NameForm::Variant),
                (&row.demonyms, NameForm::Demonym),
                (&row.capitals, NameForm::Capital),
                (&row.metonyms, NameForm::Metonym),
            ] {
                for name in list(field) {
                    self.add_name(id, name, form);
                }
            }
        }
        Ok(())
    }

    pub fn add_organizations(&mut self, file: &str, content: &str) -> Result<(), LexiconError> {
        for (line, row) in read_rows::<OrganizationRow>(file, content)? {
            let code = row.code.trim();
            if code.is_empty() || row.name.trim().is_empty() {
                return Err(LexiconError::at(
                    file,
                    line,
                    "an organisation needs a code and a name",
                ));
            }
            let kind: ActorKind = row
                .kind
                .parse()
                .map_err(|e: String| LexiconError::at(file, line, e))?;
            if !matches!(kind, ActorKind::Organization | ActorKind::Group) {
                return Err(LexiconError::at(
                    file,
                    line,
                    format!("kind `{}` must be organization or group", row.kind),
                ));
            }
            let id = self.new_actor(
                parse_marked(&row.name).0,
                Some(code.to_string()),
                kind,
                format!("{file}:{line}"),
            );
            self.register_code(code, id, file, line)?;
            self.add_name(id, &row.name, NameForm::Name);
            let code_is_acronym = code.len() >= 2
                && code
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if code_is_acronym
                && !list(&row.aliases).any(|a| parse_marked(a).0 == code)
                && code != row.name.trim()
            {
                self.add_name(id, code, NameForm::Variant);
            }
            for name in list(&row.aliases) {
                self.add_name(id, name, NameForm::Variant);
            }
            for (field, what) in [(&row.parent, "parent"), (&row.country, "country")] {
                if !field.trim().is_empty() {
                    self.refs.push(PendingRef {
                        actor: id,
                        code: field.trim().to_string(),
                        what,
                        at: (file.to_string(), line),
                    });
                }
            }
        }
        Ok(())
    }

    pub fn add_people(&mut self, file: &str, content: &str) -> Result<(), LexiconError> {
        for (line, row) in read_rows::<PersonRow>(file, content)? {
            let name = row.person.trim();
            if name.is_empty() {
                return Err(LexiconError::at(
                    file,
                    line,
                    "a person row needs a `person` name",
                ));
            }
            let key = fold(name).to_lowercase();
            let id = match self.persons.get(&key) {
                Some(&id) => id,
                None => {
                    let id =
                        self.new_actor(name, None, ActorKind::Person, format!("{file}:{line}"));
                    self.persons.insert(key, id);
                    self.add_name(id, name, NameForm::FullName);
                    id
                }
            };
            let gender = match row.gender.trim() {
                "" => None,
                "m" | "M" => Some(Gender::Male),
                "f" | "F" => Some(Gender::Female),
                other => {
                    return Err(LexiconError::at(
                        file,
                        line,
                        format!("gender `{other}` must be m or f"),
                    ));
                }
            };
            let entry = &mut self.actors[id as usize];
            if let Some(g) = gender {
                if entry.gender.is_some_and(|e| e != g) {
                    return Err(LexiconError::at(
                        file,
                        line,
                        format!("gender of {name} disagrees with {}", entry.source),
                    ));
                }
                entry.gender = Some(g);
            }
            let surname = row.surname.trim();
            if !surname.is_empty() {
                if entry.surname.as_deref().is_some_and(|s| s != surname) {
                    return Err(LexiconError::at(
                        file,
                        line,
                        format!("surname of {name} disagrees with {}", entry.source),
                    ));
                }
                entry.surname = Some(surname.to_string());
            }
            for alias in list(&row.aliases) {
                if !self.actors[id as usize]
                    .names
                    .iter()
                    .any(|(n, _)| n == parse_marked(alias).0)
                {
                    self.add_name(id, alias, NameForm::FullName);
                }
            }
            let role = row.role.trim();
            if role.is_empty() {
                continue;
            }
            if !valid_role_kind(role) {
                return Err(LexiconError::at(
                    file,
                    line,
                    format!("unknown role `{role}` (see seeds/actors/README.md)"),
                ));
            }
            let date = |value: &str, what: &str| -> Result<Option<String>, LexiconError> {
                let value = value.trim();
                if value.is_empty() {
                    return Ok(None);
                }
                match normalize_date(value) {
                    Some(d) if d.len() == value.len() => Ok(Some(d)),
                    _ => Err(LexiconError::at(
                        file,
                        line,
                        format!("{what} date `{value}` is not YYYY-MM-DD"),
                    )),
                }
            };
            let start = date(&row.start, "start")?;
            let end = date(&row.end, "end")?;
            if let (Some(s), Some(e)) = (&start, &end)
                && s > e
            {
                return Err(LexiconError::at(
                    file,
                    line,
                    format!("start {s} is after end {e}"),
                ));
            }
            if row.of.trim().is_empty() {
                return Err(LexiconError::at(
                    file,
                    line,
                    "a role needs `of`: the code of a country, organisation or group",
                ));
            }
            self.roles.push(PendingRole {
                person: id,
                role: role.to_string(),
                titles: list(&row.title).map(|t| fold(t).to_lowercase()).collect(),
                of: row.of.trim().to_string(),
                start,
                end,
                at: (file.to_string(), line),
            });
        }
        Ok(())
    }

    /// A person an earlier article introduced ("Foreign Minister Penny
    /// Wong"), as the database stored it: later articles recognise the full
    /// name and give it the same affiliation. A name the seed files already
    /// list, or an affiliation code they do not, adds nothing.
    pub fn add_discovered(&mut self, name: &str, affiliation: &str, source: &str) {
        let key = fold(name).to_lowercase();
        if self.persons.contains_key(&key) {
            return;
        }
        let Some(&of) = self.by_code.get(&affiliation.to_uppercase()) else {
            return;
        };
        let id = self.new_actor(name, None, ActorKind::Person, source.to_string());
        self.actors[id as usize].discovered = true;
        self.persons.insert(key, id);
        self.add_name(id, name, NameForm::FullName);
        self.actors[id as usize].roles.push(Role {
            role: "official".into(),
            titles: Vec::new(),
            of,
            start: None,
            end: None,
        });
    }

    pub fn add_blocked(&mut self, file: &str, content: &str) -> Result<(), LexiconError> {
        for (_, row) in read_rows::<BlockedRow>(file, content)? {
            if !row.phrase.trim().is_empty() {
                self.blocked.push(row.phrase.trim().to_string());
            }
        }
        Ok(())
    }

    /// Resolves references, derives surnames and builds the matcher.
    pub fn build(mut self) -> Result<Gazetteer, LexiconError> {
        for r in std::mem::take(&mut self.refs) {
            let target = self
                .by_code
                .get(&r.code.to_uppercase())
                .copied()
                .ok_or_else(|| {
                    LexiconError::at(
                        &r.at.0,
                        r.at.1,
                        format!("unknown {} code `{}`", r.what, r.code),
                    )
                })?;
            let actor = &mut self.actors[r.actor as usize];
            match r.what {
                "parent" => actor.parent = Some(target),
                _ => actor.country = Some(target),
            }
        }
        for r in std::mem::take(&mut self.roles) {
            let of = self
                .by_code
                .get(&r.of.to_uppercase())
                .copied()
                .ok_or_else(|| {
                    LexiconError::at(&r.at.0, r.at.1, format!("unknown `of` code `{}`", r.of))
                })?;
            self.actors[r.person as usize].roles.push(Role {
                role: r.role,
                titles: r.titles,
                of,
                start: r.start,
                end: r.end,
            });
        }
        // surnames: the given one, else the last word of the name; plus the
        // matching words of accented spellings ("Védrine" for "Vedrine")
        let mut surnames: HashMap<String, Vec<ActorId>> = HashMap::default();
        let mut surname_names = Vec::new();
        for actor in self
            .actors
            .iter_mut()
            .filter(|a| a.kind == ActorKind::Person)
        {
            if actor.discovered {
                actor.surname = actor.name.rsplit(' ').next().map(str::to_string);
                continue;
            }
            let surname = actor.surname.clone().unwrap_or_else(|| {
                actor
                    .name
                    .rsplit(' ')
                    .next()
                    .unwrap_or(&actor.name)
                    .to_string()
            });
            if actor.surname.is_none() {
                actor.surname = Some(surname.clone());
            }
            let mut spellings = vec![surname.clone()];
            let folded_surname = fold(&surname).to_lowercase();
            let n_words = surname.split(' ').count();
            for (name, _) in &actor.names {
                let words: Vec<&str> = name.split(' ').collect();
                for w in words.windows(n_words) {
                    let candidate = w.join(" ");
                    if fold(&candidate).to_lowercase() == folded_surname
                        && !spellings.contains(&candidate)
                    {
                        spellings.push(candidate);
                    }
                }
            }
            let ids = surnames.entry(folded_surname).or_default();
            if !ids.contains(&actor.id) {
                ids.push(actor.id);
            }
            for s in spellings {
                if s != actor.name {
                    surname_names.push((actor.id, s));
                }
            }
        }
        for (id, s) in surname_names {
            self.add_name(id, &s, NameForm::Surname);
        }
        for actor in &mut self.actors {
            let first = actor.name.split(' ').next().unwrap_or(&actor.name);
            actor.first_key = fold(first).to_lowercase();
            actor.surname_key = actor.surname.as_deref().map(|s| fold(s).to_lowercase());
        }

        // one pattern per distinct folded spelling, indexed by first word
        let mut index: HashMap<String, usize> = HashMap::default();
        let mut patterns: Vec<Pattern> = Vec::new();
        let new_pattern = |text: &str| -> Option<Pattern> {
            let folded = fold(text).into_owned();
            let (body, the_optional) = match folded.strip_prefix("the ") {
                Some(rest) if !rest.is_empty() => (rest.to_string(), true),
                _ => (folded.clone(), false),
            };
            let tokens = crate::text::tokenize(&body);
            if tokens.is_empty() {
                return None;
            }
            let written_words: Vec<String> =
                tokens.iter().map(|t| body[t.range()].to_string()).collect();
            let words = written_words.iter().map(|w| w.to_lowercase()).collect();
            let the_required = the_optional
                && written_words.len() == 1
                && NEEDS_ARTICLE.contains(&written_words[0].to_lowercase().as_str());
            let spaces = tokens.iter().map(|t| t.space_before).collect();
            Some(Pattern {
                words,
                written_words,
                the_optional,
                the_required,
                entries: Vec::new(),
                spaces,
            })
        };
        // "the United States" and "United States" are one pattern whose
        // "the" is optional; "the States" needs its "the"
        let body_key = |text: &str| {
            let folded = fold(text).into_owned();
            match folded.strip_prefix("the ") {
                Some(rest) if !rest.is_empty() => rest.to_string(),
                _ => folded,
            }
        };
        for (text, entry) in self.names {
            let key = body_key(&text);
            let Some(new) = new_pattern(&text) else {
                continue;
            };
            let i = match index.get(&key) {
                Some(&i) => {
                    let p = &mut patterns[i];
                    p.the_optional |= new.the_optional;
                    p.the_required &= new.the_required;
                    i
                }
                None => {
                    index.insert(key, patterns.len());
                    patterns.push(new);
                    patterns.len() - 1
                }
            };
            if !patterns[i].entries.contains(&entry) {
                patterns[i].entries.push(entry);
            }
        }
        for phrase in self.blocked {
            let folded = body_key(&phrase);
            match index.get(&folded) {
                // a blocked phrase that is also an organisation's name
                // ("Paris Club") keeps that reading and loses any other
                Some(&i) => {
                    let actors = &self.actors;
                    patterns[i]
                        .entries
                        .retain(|e| actors[e.actor as usize].kind != ActorKind::Country);
                }
                None => {
                    let Some(p) = new_pattern(&phrase) else {
                        continue;
                    };
                    index.insert(folded, patterns.len());
                    patterns.push(p);
                }
            }
        }
        let mut first_words: HashMap<String, Vec<u32>> = HashMap::default();
        for (i, p) in patterns.iter().enumerate() {
            first_words
                .entry(p.words[0].clone())
                .or_default()
                .push(i as u32);
        }
        for list in first_words.values_mut() {
            list.sort_by_key(|&p| std::cmp::Reverse(patterns[p as usize].words.len()));
        }
        let mut titled_roles: HashMap<String, Vec<(ActorId, usize)>> = HashMap::default();
        for actor in &self.actors {
            for (index, role) in actor.roles.iter().enumerate() {
                let mut lasts: Vec<&str> = role
                    .titles
                    .iter()
                    .filter_map(|t| t.rsplit(' ').next())
                    .collect();
                lasts.sort_unstable();
                lasts.dedup();
                for last in lasts {
                    titled_roles
                        .entry(last.to_string())
                        .or_default()
                        .push((actor.id, index));
                }
            }
        }
        let by_name = self
            .actors
            .iter()
            .map(|a| (fold(&a.name).to_lowercase(), a.id))
            .collect();
        Ok(Gazetteer {
            actors: self.actors,
            by_code: self.by_code,
            by_name,
            surnames,
            titled_roles,
            patterns,
            first_words,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNTRIES: &str = "code\tname\tofficial\tvariants\tdemonyms\tcapitals\tmetonyms\n\
RUS\tRussia\tRussian Federation\t\tRussian|Russians\tMoscow\tthe Kremlin\n\
USA\tUnited States\t\tthe United States|U.S.|US?|America\tAmerican|Americans\tWashington^\tthe White House|the States\n\
JOR\tJordan^\t\t\tJordanian\tAmman\t\n\
IRN\tIran\t\t\tIranian|Iranians\tTehran\t\n";

    const ORGS: &str = "code\tname\tkind\taliases\tparent\tcountry\n\
UN\tUnited Nations\torganization\tU.N.\t\t\n\
UNSC\tUN Security Council\torganization\tSecurity Council\tUN\t\n\
Hamas\tHamas\tgroup\t\t\tPSE\n";

    const PEOPLE: &str = "person\tsurname\tgender\trole\ttitle\tof\tstart\tend\taliases\n\
George H. W. Bush\tBush\tm\thead-of-state\tPresident\tUSA\t1989-01-20\t1993-01-20\tGeorge Bush\n\
George W. Bush\tBush\tm\thead-of-state\tPresident\tUSA\t2001-01-20\t2009-01-20\t\n\
Hubert Védrine\tVedrine\tm\tforeign-minister\tForeign Minister\tRUS\t1997-06-04\t2002-05-07\tHubert Vedrine\n";

    fn gazetteer() -> Gazetteer {
        let mut b = GazetteerBuilder::new();
        b.add_countries("countries.tsv", COUNTRIES).unwrap();
        b.add_countries("extra.tsv", "code\tname\nPSE\tPalestine\n")
            .unwrap();
        b.add_organizations("organizations.tsv", ORGS).unwrap();
        b.add_people("people.tsv", PEOPLE).unwrap();
        b.add_blocked("blocked.tsv", "phrase\tnote\nWashington Post\tnewspaper\n")
            .unwrap();
        b.build().unwrap()
    }

    fn found(g: &Gazetteer, text: &str) -> Vec<String> {
        g.find(text)
            .iter()
            .map(|m| {
                format!(
                    "{}={}",
                    &text[m.start..m.end],
                    g.actor(g.entries(m)[0].actor).name
                )
            })
            .collect()
    }

    #[test]
    fn whole_words_longest_first_with_capitalisation() {
        let g = gazetteer();
        assert_eq!(
            found(
                &g,
                "The Kremlin and the United States; Iranian drones hit Iranians in Moscow."
            ),
            [
                "The Kremlin=Russia",
                "the United States=United States",
                "Iranian=Iran",
                "Iranians=Iran",
                "Moscow=Russia"
            ]
        );
        assert!(
            found(&g, "let us go to the us").is_empty(),
            "`US` needs capitals"
        );
        assert!(found(&g, "Iranianism").is_empty(), "whole words only");
        assert_eq!(found(&g, "Kremlin officials"), ["Kremlin=Russia"]);
        assert_eq!(found(&g, "the States said"), ["the States=United States"]);
        assert!(
            found(&g, "member States said").is_empty(),
            "`States` alone is not the USA"
        );
    }

    #[test]
    fn blocked_phrases_hide_their_names() {
        let g = gazetteer();
        assert!(found(&g, "the Washington Post reported").is_empty());
        assert_eq!(found(&g, "Washington said"), ["Washington=United States"]);
    }

    #[test]
    fn accents_and_surnames_fold() {
        let g = gazetteer();
        assert_eq!(found(&g, "Mr Védrine said"), ["Védrine=Hubert Védrine"]);
        assert_eq!(found(&g, "Mr Vedrine said"), ["Vedrine=Hubert Védrine"]);
        let m = g.find("Bush spoke");
        assert_eq!(g.entries(&m[0]).len(), 2, "two Bushes share the surname");
        assert_eq!(g.persons_with_surname("bush").len(), 2);
    }

    #[test]
    fn markers_are_parsed() {
        let g = gazetteer();
        let m = g.find("Jordan and the US");
        let jordan = g.entries(&m[0])[0];
        assert!(jordan.name_like && !jordan.caps_ambiguous);
        let us = g.entries(&m[1])[0];
        assert!(us.caps_ambiguous);
        assert_eq!(
            g.actor(jordan.actor).name,
            "Jordan",
            "the marker is not part of the name"
        );
    }

    #[test]
    fn roles_resolve_by_date() {
        let g = gazetteer();
        let usa = g.by_code("usa").unwrap();
        let name = |ids: Vec<ActorId>| {
            ids.iter()
                .map(|&i| g.actor(i).name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            name(g.holders("president", Some(usa), Some("1991-03-01"))),
            ["George H. W. Bush"]
        );
        assert_eq!(
            name(g.holders("President", Some(usa), Some("2004-06-01"))),
            ["George W. Bush"]
        );
        assert_eq!(
            name(g.holders("president", Some(usa), None)),
            ["George W. Bush"],
            "latest without a date"
        );
        assert!(
            g.holders("president", Some(usa), Some("1995-01-01"))
                .is_empty()
        );
        let hw = g.by_name("george h. w. bush").unwrap();
        assert_eq!(g.role_at(hw, Some("1990-01-01")).map(|r| r.of), Some(usa));
        assert_eq!(
            g.role_at(hw, Some("2020-01-01")).map(|r| r.of),
            Some(usa),
            "closest role outside its dates"
        );
    }

    #[test]
    fn references_are_resolved() {
        let g = gazetteer();
        let unsc = g.by_code("UNSC").unwrap();
        assert_eq!(g.actor(unsc).parent, g.by_code("UN"));
        assert_eq!(
            g.actor(g.by_code("Hamas").unwrap()).country,
            g.by_code("PSE")
        );
    }

    #[test]
    fn validation_errors_name_file_and_line() {
        let mut b = GazetteerBuilder::new();
        let e = b
            .add_countries("c.tsv", "code\tname\nRUS\tRussia\nRUS\tAgain\n")
            .unwrap_err();
        assert!(
            e.to_string().starts_with("c.tsv:3: duplicate code `RUS`"),
            "{e}"
        );
        let mut b = GazetteerBuilder::new();
        let e = b
            .add_people("p.tsv", "person\trole\ttitle\tof\tstart\tend\nX Y\thead-of-state\tPresident\tRUS\t2001-13-01\t\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.tsv:2: start date `2001-13-01` is not YYYY-MM-DD"
        );
        let mut b = GazetteerBuilder::new();
        b.add_people(
            "p.tsv",
            "person\trole\ttitle\tof\tstart\tend\nX Y\thead-of-state\tPresident\tZZZ\t\t\n",
        )
        .unwrap();
        let e = b.build().err().unwrap();
        assert_eq!(e.to_string(), "p.tsv:2: unknown `of` code `ZZZ`");
        let mut b = GazetteerBuilder::new();
        let e = b
            .add_people("p.tsv", "person\trole\ttitle\tof\tstart\tend\nX Y\thead-of-state\tPresident\tRUS\t2005-01-01\t2001-01-01\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.tsv:2: start 2005-01-01 is after end 2001-01-01"
        );
    }
}
