//! Actor mentions: gazetteer names read in context, persons resolved by
//! title and date ("President Bush" in 1991 and in 2004), and actors the
//! gazetteer does not know discovered from the text ("Foreign Minister Penny
//! Wong", "Social Democrats (PSD)").

use super::document::Doc;
use crate::lexicon::gazetteer::{Gender, NameEntry, ends_with_words};
use crate::lexicon::{ActorId, Lexicon, NameForm, WordClass};
use crate::model::ActorKind;
use crate::text::TokenKind;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// An actor inside one article: from the gazetteer, or discovered in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Who {
    Known(ActorId),
    Found(u16),
}

/// An actor the gazetteer does not know, discovered in this article.
#[derive(Debug, Clone)]
pub struct FoundActor {
    pub name: String,
    pub kind: ActorKind,
    pub code: Option<String>,
    pub affiliation: Option<Who>,
    pub gender: Option<Gender>,
    /// folded lower-case second-mention name
    pub surname: String,
}

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Name,
    Demonym,
    Capital,
    Metonym,
    Person,
    /// a person named only by role: "the Russian president"
    Role,
    Pronoun,
    Description,
}

/// A mention: tokens `start..end` naming `who`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub who: Who,
    pub form: Form,
    /// for a role-only mention ("the Russian president"): the country or
    /// organisation of the role
    pub of: Option<Who>,
}

pub struct Mentions {
    pub list: Vec<Mention>,
    pub found: Vec<FoundActor>,
}

/// Words that end a capitalised run as the name of a thing, not a person.
const INSTITUTION_WORDS: &[&str] = &[
    "ltd",
    "corp",
    "inc",
    "co",
    "plc",
    "bank",
    "university",
    "party",
    "council",
    "ministry",
    "commission",
    "department",
    "agency",
    "association",
    "committee",
    "court",
    "news",
    "post",
    "times",
    "airlines",
    "airways",
    "company",
    "group",
    "organization",
    "organisation",
    "institute",
    "fund",
    "union",
    "league",
    "front",
    "army",
    "force",
    "forces",
    "movement",
    "brigade",
    "brigades",
    "street",
    "square",
    "city",
    "province",
    "state",
    "river",
    "sea",
    "ocean",
    "island",
    "islands",
    "mountains",
    "valley",
    "airport",
    "hotel",
    "stadium",
    "games",
    "cup",
    "open",
    "prize",
    "award",
    "day",
    "war",
    "treaty",
    "accord",
    "agreement",
    "plan",
    "act",
    "bill",
    "corporation",
    "industries",
    "holdings",
    "exchange",
    "index",
    "board",
    "office",
    "service",
    "services",
    "authority",
    "assembly",
    "parliament",
    "senate",
    "congress",
    "house",
    "palace",
    "center",
    "centre",
    "hospital",
    "school",
    "college",
    "church",
    "mosque",
    "press",
    "television",
    "radio",
    "network",
    "channel",
    "magazine",
    "journal",
    "daily",
    "herald",
    "tribune",
    "review",
    "reserve",
    "system",
    "program",
    "programme",
    "project",
    "region",
    "zone",
    "strip",
    "bay",
    "gulf",
    "coast",
    "peninsula",
    "republic",
    "kingdom",
    "federation",
    "coalition",
    "alliance",
    "summit",
    "conference",
    "forum",
    "club",
    "team",
    "fc",
    "motors",
    "oil",
    "petroleum",
    "energy",
    "mining",
    "steel",
    "chemical",
    "chemicals",
    "semiconductor",
    "electronics",
    "telecom",
    "communications",
    "foundation",
    "trust",
    "society",
    "institution",
    "police",
    "guard",
    "navy",
    "embassy",
];

/// Lower-case name particles that may sit inside a person's name.
const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "abu", "abd", "van", "von", "der", "den", "de", "da", "di", "du",
    "le", "la", "dos", "das", "del", "della", "ben", "ter", "ten", "y", "e", "ul", "ud",
];

/// `a..b` lower-cased with whitespace collapsed: the text titles are
/// compared with.
pub fn span_text(doc: &Doc, a: usize, b: usize) -> String {
    let raw = crate::lexicon::fold::fold(
        &doc.lower[doc.tokens[a].start as usize..doc.tokens[b - 1].end as usize],
    );
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// The longest title (from `titles.tsv`) that starts at token `j`; returns
/// the token index after it and the title's role.
pub fn title_at(doc: &Doc, lexicon: &Lexicon, j: usize, limit: usize) -> Option<(usize, String)> {
    if !doc.is(j, WordClass::TITLE_WORD) {
        return None;
    }
    for title in lexicon.names.titles_starting(doc.lower(j)) {
        let mut end = j + 1;
        while end <= limit {
            let (equal, len) = span_is(doc, j, end, &title.text);
            if equal {
                return Some((end, title.role.clone()));
            }
            if len >= title.text.len() || end == limit {
                break;
            }
            end += 1;
        }
    }
    None
}

/// Whether [`span_text`] of tokens `a..b` equals `wanted`, and its length.
/// Titles are looked for at many tokens: ASCII text (nearly all) is
/// compared in place, without building the string.
fn span_is(doc: &Doc, a: usize, b: usize, wanted: &str) -> (bool, usize) {
    let raw = &doc.lower[doc.tokens[a].start as usize..doc.tokens[b - 1].end as usize];
    if !raw.is_ascii() {
        let text = span_text(doc, a, b);
        return (text == wanted, text.len());
    }
    let want = wanted.as_bytes();
    let (mut len, mut equal, mut space) = (0, true, false);
    for &c in raw.as_bytes() {
        if (c as char).is_whitespace() {
            space = true;
            continue;
        }
        if space && len > 0 {
            equal &= want.get(len) == Some(&b' ');
            len += 1;
        }
        space = false;
        equal &= want.get(len) == Some(&c);
        len += 1;
    }
    (equal && len == want.len(), len)
}

/// A title ending right before token `i` (within its sentence): returns its
/// first token, its text and its role. Adjectives of rank ("deputy",
/// "former") are part of what `titles.tsv` lists or are skipped.
pub fn title_before(doc: &Doc, lexicon: &Lexicon, i: usize) -> Option<(usize, String, String)> {
    let floor = doc.sentence_start(i);
    let lowest = i.saturating_sub(6).max(floor);
    let mut best = None;
    for j in (lowest..i).rev() {
        if let Some((end, role)) = title_at(doc, lexicon, j, i)
            && end == i
        {
            best = Some((j, span_text(doc, j, i), role));
        }
    }
    if best.is_none() && i > floor && doc.is(i - 1, WordClass::HONORIFIC) {
        return Some((i - 1, doc.lower(i - 1).to_string(), "honorific".to_string()));
    }
    best
}

struct Context<'d, 'l> {
    doc: &'d Doc<'d>,
    lexicon: &'l Lexicon,
    found: Vec<FoundActor>,
    /// surname → the person last named in full with it
    named: FxHashMap<String, Who>,
    list: Vec<Mention>,
    /// bare surnames left for when every full name of the article is known
    pending: Vec<(usize, usize, Vec<NameEntry>)>,
    /// role-only mentions of an undated article, resolved against the
    /// persons it names: (first token, end, country tokens, actor, title)
    pending_roles: Vec<PendingRole>,
}

struct PendingRole {
    first: usize,
    end: usize,
    actor_start: usize,
    actor_end: usize,
    of: ActorId,
    form: Form,
    title: String,
}

/// Finds every actor mention of the document, in order.
pub fn find_mentions(doc: &Doc, lexicon: &Lexicon) -> Mentions {
    let gazetteer = &lexicon.gazetteer;
    let n = doc.tokens.len();
    // gazetteer matches by first token
    let mut matches: Vec<Option<(usize, Vec<NameEntry>)>> = vec![None; n];
    // a name starts at a word the lexicon marks, or at a word with
    // accents (folded before lookup) or a curly apostrophe
    let may_start = |i: usize| doc.is(i, WordClass::NAME_START) || !doc.lower(i).is_ascii();
    for m in gazetteer.find_in_tokens_where(doc.text, &doc.tokens, may_start) {
        let start = doc.tokens.partition_point(|t| (t.start as usize) < m.start);
        let end = doc.tokens.partition_point(|t| (t.end as usize) <= m.end);
        if start >= n
            || end <= start
            || doc.tokens[start].start as usize != m.start
            || doc.tokens[end - 1].end as usize != m.end
        {
            continue;
        }
        matches[start] = Some((end, gazetteer.entries(&m).to_vec()));
    }
    let mut cx = Context {
        doc,
        lexicon,
        found: Vec::new(),
        named: FxHashMap::default(),
        list: Vec::new(),
        pending: Vec::new(),
        pending_roles: Vec::new(),
    };
    let mut i = 0;
    while i < n {
        if let Some((end, entries)) = matches[i].take()
            && let Some(next) = cx.gazetteer_mention(i, end, &entries)
        {
            i = next;
            continue;
        }
        if let Some(next) = cx.discover_at(i, &matches) {
            i = next;
            continue;
        }
        i += 1;
    }
    // bare surnames: a full name anywhere in the article (a headline's
    // "Blair" is named in the body), else the rules for bare surnames
    for (start, end, persons) in std::mem::take(&mut cx.pending) {
        let key = fold_lower(
            &doc.text[doc.tokens[start].start as usize..doc.tokens[end - 1].end as usize],
        );
        let who = match cx.named.get(&key) {
            Some(&who) => Some(who),
            None => cx.bare_surname(start, end, &persons),
        };
        if let Some(who) = who {
            cx.push(start, end, who, Form::Person);
        }
    }
    // "The Cuban President" in an undated article: a person the article
    // names with that role, else the country itself
    for role in std::mem::take(&mut cx.pending_roles) {
        let gazetteer = &lexicon.gazetteer;
        let named = cx.list.iter().find_map(|m| match m.who {
            Who::Known(id) if m.form == Form::Person => gazetteer
                .actor(id)
                .roles
                .iter()
                .any(|r| r.of == role.of && r.titles.iter().any(|t| title_fits(t, &role.title)))
                .then_some(id),
            _ => None,
        });
        match named {
            Some(id) => cx.list.push(Mention {
                start: role.first,
                end: role.end,
                who: Who::Known(id),
                form: Form::Role,
                of: Some(Who::Known(role.of)),
            }),
            None => cx.push(
                role.actor_start,
                role.actor_end,
                Who::Known(role.of),
                role.form,
            ),
        }
    }
    cx.list.sort_by_key(|m| m.start);
    Mentions {
        list: cx.list,
        found: cx.found,
    }
}

/// A role's title fits a title in the text: equal, or the text names the
/// role's country/organisation too ("un chief" fits "chief" and the reverse).
pub fn title_fits(role_title: &str, text_title: &str) -> bool {
    role_title == text_title
        || ends_with_words(role_title, text_title)
        || ends_with_words(text_title, role_title)
}

/// Words that, in ALL-CAPS text, show a capitalised run is prose and not
/// a name ("MINISTER SEES", "PM RESIGNS").
const ORDINARY_WORD: WordClass = WordClass::COMMON_WORD
    .with(WordClass::AUX)
    .with(WordClass::VERB)
    .with(WordClass::PREPOSITION)
    .with(WordClass::DETERMINER)
    .with(WordClass::CLAUSE_MARKER)
    .with(WordClass::COORDINATOR);

/// Token `i` folded and lower-cased, as [`fold_lower`] would give it; an
/// ASCII word is its lower-cased copy in the document, not a new string.
fn doc_key<'d>(doc: &'d Doc, i: usize) -> Cow<'d, str> {
    let word = doc.word(i);
    if word.is_ascii() {
        Cow::Borrowed(doc.lower(i))
    } else {
        Cow::Owned(fold_lower(word))
    }
}

fn fold_lower(s: &str) -> String {
    crate::lexicon::fold::fold(s).to_lowercase()
}

impl Context<'_, '_> {
    fn push(&mut self, start: usize, end: usize, who: Who, form: Form) {
        self.list.push(Mention {
            start,
            end,
            who,
            form,
            of: None,
        });
    }

    /// Is the capitalised word next to a name-like alias part of a longer
    /// name ("Michael Jordan", "Jordan Peterson")?
    fn beside_other_name(&self, start: usize, end: usize) -> bool {
        let doc = self.doc;
        let name_word = |j: usize| {
            doc.is_word(j)
                && doc.is_cap(j)
                && !doc.is(
                    j,
                    WordClass::DETERMINER
                        | WordClass::PREPOSITION
                        | WordClass::ADVERBIAL
                        | WordClass::CLAUSE_MARKER
                        | WordClass::PRONOUN
                        | WordClass::TITLE_WORD
                        | WordClass::HONORIFIC
                        | WordClass::COORDINATOR,
                )
        };
        let before = start > doc.sentence_start(start)
            && doc.tokens[start].space_before
            && name_word(start - 1)
            && !doc.is_sentence_initial(start - 1);
        let after = end < doc.sentence_end(start) && doc.tokens[end].space_before && name_word(end);
        before || after
    }

    fn gazetteer_mention(
        &mut self,
        start: usize,
        end: usize,
        entries: &[NameEntry],
    ) -> Option<usize> {
        let doc = self.doc;
        let caps = doc.caps_at(start);
        // "pro-Iranian guerrillas", "anti-American protests": not the actor
        if start >= 2
            && !doc.tokens[start].space_before
            && doc.is_punct(start - 1, "-")
            && matches!(
                doc.lower(start - 2),
                "pro" | "anti" | "non" | "ex" | "post" | "pre" | "neo" | "counter"
            )
        {
            return Some(end);
        }
        let usable: Vec<NameEntry> = entries
            .iter()
            .copied()
            .filter(|e| !(caps && e.caps_ambiguous))
            .filter(|e| caps || !e.name_like || !self.beside_other_name(start, end))
            .collect();
        if usable.is_empty() {
            return None;
        }
        let gazetteer = &self.lexicon.gazetteer;
        let persons: Vec<NameEntry> = usable
            .iter()
            .copied()
            .filter(|e| matches!(e.form, NameForm::FullName | NameForm::Surname))
            .collect();
        let others: Vec<NameEntry> = usable
            .iter()
            .copied()
            .filter(|e| !matches!(e.form, NameForm::FullName | NameForm::Surname))
            .collect();
        if !persons.is_empty() {
            let surname_key = fold_lower(
                &doc.text[doc.tokens[start].start as usize..doc.tokens[end - 1].end as usize],
            );
            let seen = self.named.get(&surname_key).copied();
            let full_name = persons.iter().any(|e| e.form == NameForm::FullName);
            // "King Abdullah": a title that is also someone's surname
            let title_before_name = !full_name
                && doc.is(start, WordClass::TITLE_WORD)
                && end < doc.sentence_end(start)
                && doc.is_cap(end)
                && doc.is_word(end);
            if title_before_name && seen.is_none() {
                return None;
            }
            if others.is_empty() || seen.is_some() {
                if let Some(who) = self.resolve_person(start, end, &persons, seen) {
                    self.push(start, end, who, Form::Person);
                    return Some(end);
                }
                if others.is_empty() {
                    // "Ahmed Zaki": a known surname that opens a longer name is
                    // left to discovery
                    let opens_name = end < doc.sentence_end(start)
                        && doc.is_word(end)
                        && doc.is_cap(end)
                        && !doc.caps_at(start)
                        && !doc.headline_at(start)
                        && doc.tokens[end].space_before;
                    if opens_name && !full_name {
                        return None;
                    }
                    if !full_name && title_before(doc, self.lexicon, start).is_none() {
                        self.pending.push((start, end, persons));
                        return Some(end);
                    }
                    return None;
                }
            }
        }
        let entry = others[0];
        let actor = gazetteer.actor(entry.actor);
        if actor.kind != ActorKind::Person
            && matches!(
                entry.form,
                NameForm::Demonym | NameForm::Name | NameForm::Variant | NameForm::Official
            )
            && let Some(next) = self.role_only(start, end, entry.actor)
        {
            return Some(next);
        }
        let form = match entry.form {
            NameForm::Demonym => Form::Demonym,
            NameForm::Capital => Form::Capital,
            NameForm::Metonym => Form::Metonym,
            _ => Form::Name,
        };
        self.push(start, end, Who::Known(entry.actor), form);
        Some(end)
    }

    /// "the Russian president" (no name follows): the holder of that title
    /// on the article's date.
    fn role_only(&mut self, start: usize, end: usize, country: ActorId) -> Option<usize> {
        let doc = self.doc;
        let mut t = end;
        if t < doc.tokens.len() && doc.is_possessive(t) {
            t += 1;
        }
        let limit = doc.sentence_end(start);
        if t >= limit {
            return None;
        }
        let (title_end, _) = title_at(doc, self.lexicon, t, limit)?;
        // "Australia's Foreign Minister, Alexander Downer," names the holder
        if title_end + 1 < limit
            && doc.is_punct(title_end, ",")
            && doc.is_cap(title_end + 1)
            && doc.is_word(title_end + 1)
            && !doc.caps_at(start)
        {
            return None;
        }
        // a name follows: "Russian President Vladimir Putin" is not role-only
        if title_end < limit
            && doc.is_cap(title_end)
            && doc.is_word(title_end)
            && !doc.caps_at(start)
        {
            return None;
        }
        if title_end < limit
            && doc.caps_at(start)
            && doc.is_word(title_end)
            && !doc.is(title_end, ORDINARY_WORD)
        {
            return None;
        }
        let title = span_text(doc, t, title_end);
        let gazetteer = &self.lexicon.gazetteer;
        // a person the article already named in that office comes first
        let named = self.list.iter().rev().find_map(|m| match m.who {
            Who::Known(id) if m.form == Form::Person => gazetteer
                .actor(id)
                .roles
                .iter()
                .any(|r| r.of == country && r.titles.iter().any(|t| title_fits(t, &title)))
                .then_some(id),
            _ => None,
        });
        let first = if start > 0 && doc.lower(start - 1) == "the" {
            start - 1
        } else {
            start
        };
        let holder = match named {
            Some(id) => id,
            None if doc.date.is_none() => {
                // the latest holder is a poor guess for an undated story:
                // wait for the persons the rest of the article names
                let entry = gazetteer.actor(country);
                let form = if entry.names.iter().any(|(n, f)| {
                    *f == NameForm::Demonym && fold_lower(n) == fold_lower(doc.word(start))
                }) {
                    Form::Demonym
                } else {
                    Form::Name
                };
                self.pending_roles.push(PendingRole {
                    first,
                    end: title_end,
                    actor_start: start,
                    actor_end: end,
                    of: country,
                    form,
                    title,
                });
                return Some(title_end);
            }
            None => {
                let holders = gazetteer.holders(&title, Some(country), doc.date);
                if holders.len() != 1 {
                    return None;
                }
                holders[0]
            }
        };
        self.list.push(Mention {
            start: first,
            end: title_end,
            who: Who::Known(holder),
            form: Form::Role,
            of: Some(Who::Known(country)),
        });
        Some(title_end)
    }

    /// Chooses among gazetteer persons for a full-name or surname match.
    fn resolve_person(
        &mut self,
        start: usize,
        end: usize,
        entries: &[NameEntry],
        seen: Option<Who>,
    ) -> Option<Who> {
        let doc = self.doc;
        let gazetteer = &self.lexicon.gazetteer;
        let full: Vec<ActorId> = entries
            .iter()
            .filter(|e| e.form == NameForm::FullName)
            .map(|e| e.actor)
            .collect();
        if !full.is_empty() {
            let id = self.by_date(&full, None);
            let surname = gazetteer.actor(id).surname.clone().unwrap_or_default();
            self.named.insert(fold_lower(&surname), Who::Known(id));
            return Some(Who::Known(id));
        }
        if let Some(who) = seen {
            return Some(who);
        }
        let candidates: Vec<ActorId> = entries.iter().map(|e| e.actor).collect();
        if let Some((_, title, _)) = title_before(doc, self.lexicon, start) {
            let titled: Vec<ActorId> = candidates
                .iter()
                .copied()
                .filter(|&id| {
                    gazetteer
                        .actor(id)
                        .roles
                        .iter()
                        .any(|r| r.titles.iter().any(|t| title.ends_with(t.as_str())))
                })
                .collect();
            if !titled.is_empty() {
                return Some(Who::Known(self.by_date(&titled, Some(&title))));
            }
            if self.lexicon.names.is_honorific(&title) || title.len() < 4 {
                return Some(Who::Known(self.by_date(&candidates, None)));
            }
            return None;
        }
        self.bare_surname(start, end, entries)
    }

    /// A surname alone, with no title and no full name in the article: only
    /// when it cannot be an ordinary word or a given name ("Putin" yes;
    /// "Straw", "May", "Kim" no).
    fn bare_surname(&self, start: usize, end: usize, entries: &[NameEntry]) -> Option<Who> {
        let doc = self.doc;
        let candidates: Vec<ActorId> = entries.iter().map(|e| e.actor).collect();
        let risky = doc.is(
            start,
            WordClass::GIVEN_NAME | WordClass::COMMON_WORD | WordClass::TITLE_WORD,
        ) || end - start > 1 && doc.caps_at(start);
        if risky
            || doc.word(start).chars().count() < 2
            || doc.tokens[start].case == crate::text::Case::Upper
                && !doc.caps_at(start)
                && doc.word(start).len() < 4
        {
            return None;
        }
        Some(Who::Known(self.by_date(&candidates, None)))
    }

    /// Among persons, the one in office on the article's date (with the given
    /// title, if any); without a date, the latest.
    fn by_date(&self, ids: &[ActorId], title: Option<&str>) -> ActorId {
        let gazetteer = &self.lexicon.gazetteer;
        if ids.len() == 1 {
            return ids[0];
        }
        let fits = |id: ActorId| {
            gazetteer.actor(id).roles.iter().filter(move |r| {
                title.is_none_or(|t| r.titles.iter().any(|rt| t.ends_with(rt.as_str())))
            })
        };
        match self.doc.date {
            Some(date) => {
                if let Some(&id) = ids.iter().find(|&&id| fits(id).any(|r| r.covers(date))) {
                    return id;
                }
                // closest role start
                *ids.iter()
                    .min_by_key(|&&id| {
                        fits(id)
                            .filter_map(|r| r.start.as_deref())
                            .map(|s| {
                                (s.get(..4).and_then(|y| y.parse::<i32>().ok()).unwrap_or(0)
                                    - date
                                        .get(..4)
                                        .and_then(|y| y.parse::<i32>().ok())
                                        .unwrap_or(0))
                                .abs()
                            })
                            .min()
                            .unwrap_or(i32::MAX)
                    })
                    .unwrap_or(&ids[0])
            }
            None => *ids
                .iter()
                .max_by_key(|&&id| fits(id).map(|r| (r.end.is_none(), r.start.clone())).max())
                .unwrap_or(&ids[0]),
        }
    }

    /// A run of name tokens from `i`: capitalised words, initials, name
    /// particles and hyphenated parts. Returns its end.
    fn name_run(&self, i: usize, matches: &[Option<(usize, Vec<NameEntry>)>]) -> usize {
        let doc = self.doc;
        let limit = doc.sentence_end(i);
        let caps = doc.caps_at(i);
        let mut j = i;
        let mut words = 0;
        while j < limit && words < 5 {
            let t = &doc.tokens[j];
            // a known surname inside an unknown name ("Bobby Fischer") is part of it
            if j > i
                && let Some((_, entries)) = &matches[j]
                && !entries.iter().all(|e| e.form == NameForm::Surname)
            {
                break;
            }
            if t.kind == TokenKind::Word {
                let lower = doc.lower(j);
                let name_like = if caps {
                    !doc.is(
                        j,
                        ORDINARY_WORD
                            | WordClass::ADVERBIAL
                            | WordClass::TITLE_WORD
                            | WordClass::PRONOUN,
                    ) || doc.is(j, WordClass::GIVEN_NAME)
                } else {
                    t.is_capitalized() && !doc.is(j, WordClass::ADVERBIAL)
                        || (j > i
                            && NAME_PARTICLES.contains(&lower)
                            && j + 1 < limit
                            && (doc.is_cap(j + 1) || doc.is_punct(j + 1, "-")))
                };
                if !name_like {
                    break;
                }
                words += 1;
                j += 1;
            } else if doc.is_punct(j, "-")
                && !t.space_before
                && j > i
                && j + 1 < limit
                && !doc.tokens[j + 1].space_before
                && doc.is_word(j + 1)
            {
                j += 2;
            } else {
                break;
            }
        }
        // "Shui-bian": the hyphen loop may have stepped over the last word
        j.min(limit)
    }

    fn found_who(&mut self, actor: FoundActor) -> Who {
        if let Some(k) = self.found.iter().position(|f| f.name == actor.name) {
            if self.found[k].affiliation.is_none() {
                self.found[k].affiliation = actor.affiliation;
            }
            return Who::Found(k as u16);
        }
        self.found.push(actor);
        Who::Found((self.found.len() - 1) as u16)
    }

    /// Discovers an actor the gazetteer does not know at token `i`.
    fn discover_at(
        &mut self,
        i: usize,
        matches: &[Option<(usize, Vec<NameEntry>)>],
    ) -> Option<usize> {
        let doc = self.doc;
        if !doc.is_word(i) || !doc.is_cap(i) {
            return None;
        }
        // a known surname of a person discovered earlier, in this article
        // or by an earlier load: "Patrushev said"
        if !self.named.is_empty()
            && let Some(&who) = self.named.get(doc_key(doc, i).as_ref())
            && match who {
                Who::Found(_) => true,
                Who::Known(id) => self.lexicon.gazetteer.actor(id).discovered,
            }
        {
            self.push(i, i + 1, who, Form::Person);
            return Some(i + 1);
        }
        if doc.is(
            i,
            WordClass::DETERMINER
                | WordClass::PREPOSITION
                | WordClass::PRONOUN
                | WordClass::CLAUSE_MARKER
                | WordClass::AUX
                | WordClass::ADVERBIAL
                | WordClass::COORDINATOR
                | WordClass::HONORIFIC
                | WordClass::MODAL
                | WordClass::TITLE_WORD,
        ) && !doc.is(i, WordClass::GIVEN_NAME)
        {
            return None;
        }
        if let Some(next) = self.discover_organization(i) {
            return Some(next);
        }
        let end = self.name_run(i, matches);
        let words: Vec<usize> = (i..end).filter(|&j| doc.is_word(j)).collect();
        if words.is_empty() {
            return None;
        }
        let last = *words.last()?;
        if INSTITUTION_WORDS.contains(&doc.lower(last))
            || (end < doc.tokens.len()
                && doc.is_cap(end)
                && doc.is_word(end)
                && INSTITUTION_WORDS.contains(&doc.lower(end)))
        {
            return None;
        }
        let caps = doc.caps_at(i);
        // in running text a name has a word in Title case ("IRNA" is an acronym)
        let title_case = words
            .iter()
            .any(|&j| doc.tokens[j].case == crate::text::Case::Title);
        if !caps && !title_case {
            return None;
        }
        let title = title_before(doc, self.lexicon, i);
        let titled = title.is_some();
        // in capitals, only titles of office lead to a name ("PRIVATE
        // MILITIAS" is not Private Militias)
        let office = title.as_ref().is_some_and(|(_, _, role)| {
            matches!(
                role.as_str(),
                "head-of-state"
                    | "head-of-government"
                    | "foreign-minister"
                    | "defence-minister"
                    | "finance-minister"
                    | "minister"
                    | "secretary-general"
                    | "head"
                    | "leader"
                    | "royal"
                    | "religious"
                    | "legislator"
                    | "official"
            )
        });
        let headline = doc.headline_at(i);
        let given = doc.is(i, WordClass::GIVEN_NAME) && words.len() >= 2;
        let uncommon = words.iter().any(|&j| !doc.is(j, WordClass::COMMON_WORD));
        // looked for only when nothing else makes a person (it scans ahead)
        let appositive = || words.len() >= 2 && self.role_appositive_follows(end);
        // in capitals and headlines, "Minister Sees" and "PM Resigns" are not names
        let plain_words = words.iter().all(|&j| {
            !doc.is(j, WordClass::COMMON_WORD | WordClass::VERB) || doc.is(j, WordClass::GIVEN_NAME)
        });
        let person = if caps {
            office && plain_words
        } else if headline {
            (titled || given) && plain_words && title_case
        } else {
            (titled && uncommon)
                || (given && (words.len() >= 3 || !doc.is(last, WordClass::COMMON_WORD)))
                || (uncommon && appositive())
        };
        if !person {
            return None;
        }
        // a titled name that differs a little from a known holder of that
        // title ("UN Secretary-General Kofi An nan"): the holder
        if let Some((_, title, _)) = &title
            && let Some(id) = self.titled_holder(title, doc.word(i), doc.word(last))
        {
            let surname = self
                .lexicon
                .gazetteer
                .actor(id)
                .surname
                .clone()
                .unwrap_or_default();
            self.named.insert(fold_lower(&surname), Who::Known(id));
            self.push(i, end, Who::Known(id), Form::Person);
            return Some(end);
        }
        let name = words_text(doc, i, end);
        let surname = fold_lower(doc.word(last));
        let who = self.found_who(FoundActor {
            name,
            kind: ActorKind::Person,
            code: None,
            affiliation: None,
            gender: None,
            surname: surname.clone(),
        });
        self.named.insert(surname, who);
        self.push(i, end, who, Form::Person);
        Some(end)
    }

    /// The one gazetteer person who held `title` and shares the first or the
    /// last word of a name.
    fn titled_holder(&self, title: &str, first: &str, last: &str) -> Option<ActorId> {
        let gazetteer = &self.lexicon.gazetteer;
        let (first, last) = (fold_lower(first), fold_lower(last));
        if title.len() < 4 {
            return None;
        }
        let mut found = None;
        let last_word = title.rsplit(' ').next().unwrap_or(title);
        for &(id, role) in gazetteer.titled_roles(last_word) {
            if found == Some(id) {
                continue; // another role of the same person
            }
            let actor = gazetteer.actor(id);
            // the name first: it rules out nearly every holder, cheaply
            let shares =
                actor.first_key == first || actor.surname_key.as_deref() == Some(last.as_str());
            if shares
                && actor.roles[role]
                    .titles
                    .iter()
                    .any(|t| title.ends_with(t.as_str()))
            {
                if found.is_some() {
                    return None;
                }
                found = Some(id);
            }
        }
        found
    }

    /// "Wladyslaw Baka, head of Poland's National Bank": a comma and a role.
    fn role_appositive_follows(&self, end: usize) -> bool {
        let doc = self.doc;
        let limit = doc.sentence_end(end.saturating_sub(1));
        if end >= limit || !doc.is_punct(end, ",") {
            return false;
        }
        (end + 1..(end + 6).min(limit)).any(|j| title_at(doc, self.lexicon, j, limit).is_some())
    }

    /// "the ruling Social Democrats (PSD)": a capitalised name followed by an
    /// acronym in brackets defines an organisation known by that acronym.
    fn discover_organization(&mut self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let limit = doc.sentence_end(i);
        let mut j = i;
        while j < limit
            && j - i < 8
            && (doc.is_cap(j) && doc.is_word(j)
                || (j > i && matches!(doc.lower(j), "of" | "for" | "and" | "the")))
        {
            j += 1;
        }
        if j == i || j + 2 >= limit || !doc.is_punct(j, "(") || !doc.is_punct(j + 2, ")") {
            return None;
        }
        let acronym = doc.word(j + 1);
        if !(2..=8).contains(&acronym.len())
            || !acronym.chars().all(|c| c.is_ascii_uppercase() || c == '-')
        {
            return None;
        }
        if self.lexicon.gazetteer.by_code(acronym).is_some() {
            return None;
        }
        let initials_fit = acronym.len() <= (j - i) + 2;
        if !initials_fit || doc.caps_at(i) {
            return None;
        }
        let name = words_text(doc, i, j);
        let group = (i..j).any(|k| {
            matches!(
                doc.lower(k),
                "party"
                    | "front"
                    | "movement"
                    | "democrats"
                    | "socialists"
                    | "army"
                    | "brigade"
                    | "brigades"
                    | "liberation"
                    | "rebels"
                    | "league"
                    | "congress"
            )
        });
        let who = self.found_who(FoundActor {
            name,
            kind: if group {
                ActorKind::Group
            } else {
                ActorKind::Organization
            },
            code: Some(acronym.to_string()),
            affiliation: None,
            gender: None,
            surname: fold_lower(acronym),
        });
        self.named.insert(fold_lower(acronym), who);
        self.push(i, j + 3, who, Form::Name);
        Some(j + 3)
    }
}

/// The words of `a..b` as written, joined as in the text.
fn words_text(doc: &Doc, a: usize, b: usize) -> String {
    let mut out = String::new();
    for k in a..b {
        if k > a && doc.tokens[k].space_before {
            out.push(' ');
        }
        out.push_str(doc.word(k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_compared_in_place_as_span_text_would() {
        let lexicon = Lexicon::embedded().unwrap();
        let text =
            "The  Prime\nMinister, UN Secretary-General and Ólafur's deputy foreign minister.";
        let doc = Doc::new(text, None, &lexicon);
        let n = doc.tokens.len();
        let mut compared = 0;
        for a in 0..n {
            for b in a + 1..=n.min(a + 5) {
                let text = span_text(&doc, a, b);
                assert_eq!(span_is(&doc, a, b, &text), (true, text.len()), "{text:?}");
                for other in [
                    "prime minister",
                    "secretary-general",
                    "the prime",
                    "minister,",
                ] {
                    let (equal, len) = span_is(&doc, a, b, other);
                    assert_eq!(
                        (equal, len),
                        (text == other, text.len()),
                        "{text:?} vs {other:?}"
                    );
                }
                compared += 1;
            }
        }
        assert!(compared > 40);
        let title = title_at(&doc, &lexicon, 1, n).map(|(end, _)| span_text(&doc, 1, end));
        assert_eq!(title.as_deref(), Some("prime minister"));
    }
}
