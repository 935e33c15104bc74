//! Coreference inside an article: pronouns ("he", "its", "they"),
//! descriptions ("the island", "the Islamic group", "the president") and
//! pairs ("the two sides", "both countries") resolved to the actors the
//! article has named.
//!
//! The discourse is a history of the actors seen, sentence by sentence; a
//! reference looks back at most three sentences and takes the most recent
//! actor that fits.

use super::document::Doc;
use super::mentions::{Form, Who};
use super::phrases::Slot;
use crate::lexicon::gazetteer::Gender;
use crate::lexicon::grammar::{DescriptionKind, PronounKind};
use crate::lexicon::{Lexicon, WordClass};
use crate::model::ActorKind;

const WINDOW: usize = 3;

#[derive(Debug, Clone, Copy)]
struct Seen {
    who: Who,
    kind: ActorKind,
    sentence: usize,
}

/// What the article has said so far.
#[derive(Default)]
pub struct Discourse {
    seen: Vec<Seen>,
    /// actors named together ("Russia and China"), with the sentence and
    /// whether they are persons
    pairs: Vec<(Who, Who, usize, bool)>,
    /// the person that opens each sentence, usually its subject
    leading_persons: Vec<(Who, usize)>,
}

/// Facts about actors the resolver needs, from the gazetteer or the article.
pub trait ActorFacts {
    fn kind(&self, who: Who) -> ActorKind;
    fn gender(&self, who: Who) -> Option<Gender>;
    /// the country or organisation a person serves, if known
    fn affiliation(&self, who: Who) -> Option<Who>;
    /// the country a group belongs to (Hamas: Palestine)
    fn country(&self, who: Who) -> Option<Who>;
    /// the person holds a role with this title (lower case)
    fn has_title(&self, who: Who, title: &str) -> bool;
    /// the country's name starts with this word ("north", "south")
    fn name_starts_with(&self, who: Who, word: &str) -> bool;
}

/// A resolved reference: the slot to add, a second actor for pairs, and
/// the slot it takes the place of ("the Palestinian militant group" replaces
/// the demonym "Palestinian").
pub struct Reference {
    pub slot: Slot,
    pub pair: Option<Who>,
    pub replaces: Option<usize>,
}

impl Reference {
    /// A description ("the two sides", "the militant group") standing for
    /// `who` (and `pair`) over tokens `start..end`.
    fn description(start: usize, end: usize, who: Who, pair: Option<Who>) -> Reference {
        Reference {
            slot: Slot {
                start,
                end,
                who,
                form: Form::Description,
                of: None,
            },
            pair,
            replaces: None,
        }
    }
}

impl Discourse {
    /// Records the slots of a finished sentence (persons also bring their
    /// country, which "the country" may refer to).
    pub fn record(
        &mut self,
        sentence: usize,
        slots: &[Slot],
        groups: &[Vec<usize>],
        facts: &dyn ActorFacts,
    ) {
        for s in slots {
            if let Some(country) = facts
                .affiliation(s.who)
                .filter(|_| facts.kind(s.who) == ActorKind::Person)
            {
                self.seen.push(Seen {
                    who: country,
                    kind: facts.kind(country),
                    sentence,
                });
            }
            self.seen.push(Seen {
                who: s.who,
                kind: facts.kind(s.who),
                sentence,
            });
        }
        if let Some(first) = slots.first()
            && facts.kind(first.who) == ActorKind::Person
            && matches!(
                first.form,
                Form::Person | Form::Role | Form::Description | Form::Pronoun
            )
        {
            self.leading_persons.push((first.who, sentence));
        }
        for g in groups {
            if g.len() >= 2 {
                let persons = facts.kind(slots[g[0]].who) == ActorKind::Person;
                self.pairs
                    .push((slots[g[0]].who, slots[g[1]].who, sentence, persons));
            }
        }
    }

    fn recent<'a>(
        &'a self,
        sentence: usize,
        before: usize,
        current: &'a [Slot],
        facts: &'a dyn ActorFacts,
    ) -> impl Iterator<Item = Seen> + 'a {
        let here = current
            .iter()
            .filter(move |s| s.end <= before)
            .rev()
            .map(move |s| Seen {
                who: s.who,
                kind: facts.kind(s.who),
                sentence,
            });
        let earlier = self
            .seen
            .iter()
            .rev()
            .copied()
            .filter(move |s| s.sentence + WINDOW >= sentence && s.sentence < sentence);
        here.chain(earlier)
    }

    /// Finds the references (pronouns, descriptions, pairs) of sentence
    /// `si` in tokens not covered by `slots`, and resolves them.
    pub fn resolve(
        &self,
        doc: &Doc,
        lexicon: &Lexicon,
        si: usize,
        slots: &[Slot],
        facts: &dyn ActorFacts,
    ) -> Vec<Reference> {
        let range = doc.sentences[si].tokens.clone();
        let covered = |i: usize| slots.iter().any(|s| s.start <= i && i < s.end);
        let mut out: Vec<Reference> = Vec::new();
        // the sentence's slots with the references found so far, for recency
        let mut current: Vec<Slot> = slots.to_vec();
        let mut i = range.start;
        while i < range.end {
            let found = if covered(i) {
                self.national_description(doc, lexicon, si, i, slots, &current, facts)
            } else if doc.is(i, WordClass::PRONOUN)
                && let Some(kind) = lexicon.grammar.pronouns.get(doc.lower(i))
            {
                let slot = |who| Slot {
                    start: i,
                    end: i + 1,
                    who,
                    form: Form::Pronoun,
                    of: None,
                };
                if doc.lower(i).ends_with("self") || doc.lower(i).ends_with("selves") {
                    // reflexive: the actor before it in the clause, its subject
                    current.iter().rfind(|s| s.end <= i).map(|s| {
                        (
                            i + 1,
                            Reference {
                                slot: slot(s.who),
                                pair: None,
                                replaces: None,
                            },
                        )
                    })
                } else if let Some(who) = self.pronoun(doc, *kind, si, i, &current, facts) {
                    Some((
                        i + 1,
                        Reference {
                            slot: slot(who),
                            pair: None,
                            replaces: None,
                        },
                    ))
                } else if *kind == PronounKind::Plural
                    && let Some((a, b, at)) = self.last_pair(None)
                    && at + WINDOW >= si
                {
                    Some((
                        i + 1,
                        Reference {
                            slot: slot(a),
                            pair: Some(b),
                            replaces: None,
                        },
                    ))
                } else {
                    None
                }
            } else {
                self.description(doc, lexicon, si, i, &current, facts)
            };
            match found {
                Some((end, reference)) => {
                    let at = current.partition_point(|s| s.start < reference.slot.start);
                    current.insert(at, reference.slot);
                    out.push(reference);
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// "the Palestinian militant group": a group of that country the article
    /// named before (Hamas), in place of the demonym.
    #[allow(clippy::too_many_arguments)]
    fn national_description(
        &self,
        doc: &Doc,
        lexicon: &Lexicon,
        si: usize,
        i: usize,
        slots: &[Slot],
        current: &[Slot],
        facts: &dyn ActorFacts,
    ) -> Option<(usize, Reference)> {
        if i == 0 || doc.lower(i - 1) != "the" {
            return None;
        }
        let k = slots
            .iter()
            .position(|s| s.start == i && s.form == Form::Demonym)?;
        let country = slots[k].who;
        let end_limit = doc.sentences[si].tokens.end;
        let mut j = slots[k].end;
        let mut steps = 0;
        while j < end_limit && steps < 3 {
            let w = doc.lower(j);
            let kind = lexicon
                .grammar
                .descriptions
                .iter()
                .find(|(words, kind)| {
                    words.len() == 1
                        && words[0] == w
                        && matches!(kind, DescriptionKind::Group | DescriptionKind::Organization)
                })
                .map(|(_, kind)| *kind);
            if let Some(kind) = kind {
                let wanted = if kind == DescriptionKind::Group {
                    ActorKind::Group
                } else {
                    ActorKind::Organization
                };
                let who = self
                    .recent(si, i, current, facts)
                    .find(|s| s.kind == wanted && facts.country(s.who) == Some(country))
                    .map(|s| s.who)?;
                return Some((
                    j + 1,
                    Reference {
                        replaces: Some(k),
                        ..Reference::description(i - 1, j + 1, who, None)
                    },
                ));
            }
            if !doc.is_word(j)
                || doc.is_cap(j)
                || doc.is(
                    j,
                    WordClass::VERB | WordClass::PREPOSITION | WordClass::DETERMINER,
                )
            {
                return None;
            }
            j += 1;
            steps += 1;
        }
        None
    }

    fn pronoun(
        &self,
        doc: &Doc,
        kind: PronounKind,
        si: usize,
        i: usize,
        slots: &[Slot],
        facts: &dyn ActorFacts,
    ) -> Option<Who> {
        let fits = |who: Who| match kind {
            PronounKind::Male | PronounKind::Female => {
                let wanted = if kind == PronounKind::Male {
                    Gender::Male
                } else {
                    Gender::Female
                };
                facts.kind(who) == ActorKind::Person
                    && facts.gender(who).is_none_or(|g| g == wanted)
            }
            _ => facts.kind(who) != ActorKind::Person,
        };
        // a pronoun prefers the subject of its sentence: the nearest actor
        // before it that a verb follows ("France defended itself against
        // accusations by Ivory Coast that it used …")
        let subject = slots.iter().rev().filter(|s| s.end <= i).find(|s| {
            let mut j = s.end;
            while j < i && doc.is_adverbial(j) {
                j += 1;
            }
            j < i
                && doc.is(
                    j,
                    WordClass::VERB | WordClass::AUX | WordClass::MODAL | WordClass::FUTURE,
                )
                && !doc.is_possessive(j)
                && fits(s.who)
        });
        if let Some(s) = subject
            && kind != PronounKind::Plural
        {
            return Some(s.who);
        }
        let mut candidates = self.recent(si, i, slots, facts);
        match kind {
            PronounKind::Male | PronounKind::Female => {
                let wanted = if kind == PronounKind::Male {
                    Gender::Male
                } else {
                    Gender::Female
                };
                candidates
                    .find(|s| {
                        s.kind == ActorKind::Person
                            && facts.gender(s.who).is_none_or(|g| g == wanted)
                    })
                    .map(|s| s.who)
            }
            PronounKind::Thing => candidates
                .find(|s| s.kind != ActorKind::Person)
                .map(|s| s.who),
            PronounKind::Plural => {
                // "they" after a pair is the pair (handled by the caller);
                // otherwise the last group or country
                if self
                    .last_pair(None)
                    .is_some_and(|(_, _, at)| at == si || at + 1 == si)
                {
                    return None;
                }
                candidates
                    .find(|s| s.kind != ActorKind::Person)
                    .map(|s| s.who)
            }
        }
    }

    /// "the two sides", "the island", "the Islamic group", "the president".
    fn description(
        &self,
        doc: &Doc,
        lexicon: &Lexicon,
        si: usize,
        i: usize,
        slots: &[Slot],
        facts: &dyn ActorFacts,
    ) -> Option<(usize, Reference)> {
        let range = doc.sentences[si].tokens.clone();
        let w = doc.lower(i);
        if !matches!(w, "the" | "both" | "our" | "two") {
            return None;
        }
        let start = i;
        let from = if w == "the" { i + 1 } else { i };
        for (words, kind) in &lexicon.grammar.descriptions {
            let end = from + words.len();
            if end > range.end || !(0..words.len()).all(|n| doc.lower(from + n) == words[n]) {
                continue;
            }
            // "the country's" is fine; "the state of X", "the group Hamas" name their referent
            if end < range.end
                && (doc.lower(end) == "of"
                    || doc.is_cap(end) && !doc.caps_at(end) && doc.is_word(end))
            {
                return None;
            }
            if *kind != DescriptionKind::Pair && w != "the" {
                continue;
            }
            let reference = match kind {
                DescriptionKind::Pair => {
                    // "both countries" are countries, "the two leaders" persons,
                    // "the two sides" countries if the article has named a pair of them
                    let last = words.last().map(String::as_str).unwrap_or("");
                    let wanted = match last {
                        "leaders" | "men" => Some(true),
                        _ => Some(false),
                    };
                    let found = self
                        .last_pair(wanted)
                        .filter(|(_, _, at)| at + WINDOW >= si);
                    let found = match (found, last) {
                        (None, "sides" | "parties") => self.last_pair(None),
                        (f, _) => f,
                    };
                    let (a, b, at) =
                        found.or_else(|| self.two_recent_countries(si, i, slots, facts))?;
                    if at + WINDOW < si {
                        return None;
                    }
                    Reference::description(start, end, a, Some(b))
                }
                DescriptionKind::Person => {
                    let title = words.join(" ");
                    let mut people = self
                        .recent(si, i, slots, facts)
                        .filter(|s| s.kind == ActorKind::Person);
                    let titled: Vec<Who> = people
                        .by_ref()
                        .filter(|s| facts.has_title(s.who, &title))
                        .map(|s| s.who)
                        .collect();
                    // "the president" is the one a recent sentence was about
                    let leading = titled.iter().copied().find(|w| {
                        self.leading_persons
                            .iter()
                            .rev()
                            .take(WINDOW)
                            .any(|(l, at)| l == w && at + WINDOW >= si)
                    });
                    let who = leading.or_else(|| titled.first().copied())?;
                    Reference::description(start, end, who, None)
                }
                _ => {
                    let wanted = match kind {
                        DescriptionKind::Country => ActorKind::Country,
                        DescriptionKind::Group => ActorKind::Group,
                        _ => ActorKind::Organization,
                    };
                    // the actor just before (and its country) is rarely "the country" it mentions
                    let nearest = slots
                        .iter()
                        .rfind(|s| s.end <= i)
                        .map(|s| (s.who, facts.affiliation(s.who)));
                    let who = self
                        .recent(si, i, slots, facts)
                        .filter(|s| {
                            s.kind == wanted
                                || (wanted == ActorKind::Group
                                    && s.kind == ActorKind::Organization
                                    && words.len() > 1)
                        })
                        .find(|s| nearest.is_none_or(|(n, aff)| s.who != n && Some(s.who) != aff))
                        .map(|s| s.who)?;
                    Reference::description(start, end, who, None)
                }
            };
            return Some((end, reference));
        }
        // "the North" (Korea), "the South"
        if w == "the"
            && from < range.end
            && matches!(doc.word(from), "North" | "South")
            && (from + 1 >= range.end || !doc.is_cap(from + 1))
        {
            let word = doc.lower(from).to_string();
            let who = self
                .recent(si, i, slots, facts)
                .find(|s| s.kind == ActorKind::Country && facts.name_starts_with(s.who, &word))
                .map(|s| s.who)?;
            return Some((from + 1, Reference::description(start, from + 1, who, None)));
        }
        None
    }

    /// The last pair named together; `persons` asks for a pair of persons
    /// (true) or of other actors (false).
    fn last_pair(&self, persons: Option<bool>) -> Option<(Who, Who, usize)> {
        self.pairs
            .iter()
            .rev()
            .find(|p| persons.is_none_or(|want| p.3 == want))
            .map(|p| (p.0, p.1, p.2))
    }

    fn two_recent_countries(
        &self,
        si: usize,
        i: usize,
        slots: &[Slot],
        facts: &dyn ActorFacts,
    ) -> Option<(Who, Who, usize)> {
        let mut found: Vec<(Who, usize)> = Vec::new();
        for s in self
            .recent(si, i, slots, facts)
            .filter(|s| s.kind == ActorKind::Country)
        {
            if !found.iter().any(|(w, _)| *w == s.who) {
                found.push((s.who, s.sentence));
            }
            if found.len() == 2 {
                return Some((found[1].0, found[0].0, found[1].1));
            }
        }
        None
    }
}
