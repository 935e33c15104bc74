//! One sentence ready for the clause rules: its slots, their coordinations,
//! and the tags; with the noun-phrase and clause navigation every rule uses.

use super::coref::ActorFacts;
use super::document::Doc;
use super::mentions::Who;
use super::phrases::Slot;
use super::tags::Tag;
use crate::lexicon::{Lexicon, WordClass};
use crate::model::ActorKind;
use std::ops::Range;

pub struct Sentence<'a> {
    pub doc: &'a Doc<'a>,
    pub lexicon: &'a Lexicon,
    pub facts: &'a dyn ActorFacts,
    pub range: Range<usize>,
    pub slots: Vec<Slot>,
    /// for pair descriptions ("the two sides"): the second actor of a slot
    pub pair: Vec<Option<Who>>,
    pub slot_at: Vec<Option<u16>>,
    pub groups: Vec<Vec<usize>>,
    pub group_of: Vec<Option<usize>>,
    pub tags: Vec<Tag>,
}

impl<'a> Sentence<'a> {
    pub fn kind_of(&self, who: Who) -> ActorKind {
        self.facts.kind(who)
    }

    pub fn tag(&self, i: usize) -> Tag {
        self.tags[i - self.range.start]
    }

    pub fn slot(&self, i: usize) -> Option<usize> {
        self.slot_at[i - self.range.start].map(usize::from)
    }

    pub fn lower(&self, i: usize) -> &str {
        self.doc.lower(i)
    }

    pub fn end(&self) -> usize {
        self.range.end
    }

    /// The actors a slot stands for: its coordination, or the pair it names.
    pub fn members(&self, slot: usize) -> Vec<Who> {
        if let Some(g) = self.group_of[slot] {
            return self.groups[g].iter().map(|&s| self.slots[s].who).collect();
        }
        let mut out = vec![self.slots[slot].who];
        if let Some(second) = self.pair[slot] {
            out.push(second);
        }
        out
    }

    /// The noun phrase that starts at `start`, if any: its end and the
    /// actors it stands for (its leftmost actor slot; "the leaders of Hamas"
    /// looks past "of" while no actor is found yet).
    pub fn np_right(&self, start: usize) -> Option<(usize, Option<usize>)> {
        let end = self.end();
        let mut j = start;
        let mut first_slot = None;
        while j < end {
            let t = self.tag(j);
            if t.in_noun_phrase() {
                // "their U.S. counterparts": a possessive pronoun gives way to
                // the actor that qualifies the noun
                let possessive = first_slot.is_some_and(|f: usize| {
                    self.slots[f].form == super::mentions::Form::Pronoun
                        && self.slots[f].end == self.slots[f].start + 1
                        && self.is_class(self.slots[f].start, WordClass::DETERMINER)
                });
                // "the Cuban-backed Angolan government": the backer qualifies
                let backer = first_slot.is_some_and(|f: usize| self.is_backer(f));
                if first_slot.is_none()
                    || (possessive || backer) && self.slot(j).is_some_and(|s| Some(s) != first_slot)
                {
                    first_slot = self.slot(j);
                }
                if let Some(s) = self.slot(j) {
                    j = self.slots[s].end.max(j + 1);
                    // a coordination continues the phrase
                    if let Some(g) = self.group_of[s] {
                        let last = *self.groups[g].last().unwrap_or(&s);
                        j = j.max(self.slots[last].end);
                    }
                    continue;
                }
                j += 1;
            } else if t == Tag::Prep
                && (self.lower(j) == "of" && self.is_class(j - 1, WordClass::OF_HEAD)
                    || self.lower(j) == "by" && self.tag(j - 1) == Tag::Noun)
                && first_slot.is_none()
                && j > start
                && j + 1 < end
                && self.tag(j + 1).in_noun_phrase()
            {
                j += 1;
            } else if t == Tag::Verb
                && j > start
                && self.tag(j - 1) == Tag::Hyphen
                && !self.doc.tokens[j].space_before
            {
                // "Cuban-backed", "US-led": a compound adjective
                j += 1;
            } else if t == Tag::Verb
                && j > start
                && matches!(self.tag(j - 1), Tag::Det | Tag::Noun)
                && j + 1 < end
                && matches!(self.tag(j + 1), Tag::Noun | Tag::Actor)
                && self.lower(j).ends_with("ed")
            {
                // participial adjective: "imports of Brazilian frozen concentrated juice"
                j += 1;
            } else {
                break;
            }
        }
        if j == start {
            return None;
        }
        Some((j, first_slot))
    }

    /// A slot that only qualifies what follows: "Cuban-backed",
    /// "US-sponsored".
    pub fn is_backer(&self, slot: usize) -> bool {
        let e = self.slots[slot].end;
        e + 1 < self.end()
            && self.tag(e) == Tag::Hyphen
            && matches!(
                self.lower(e + 1),
                "backed"
                    | "sponsored"
                    | "supported"
                    | "funded"
                    | "armed"
                    | "based"
                    | "born"
                    | "made"
                    | "inspired"
                    | "allied"
                    | "aligned"
                    | "brokered"
                    | "drafted"
            )
    }

    /// An actor named as an attributive modifier of a head that is neither
    /// an agent nor a target ("U.S. potash action", "the Iraq war"): it is
    /// not what is attacked.
    pub fn is_attributive(&self, slot: usize) -> bool {
        use super::mentions::Form;
        let s = &self.slots[slot];
        if !matches!(s.form, Form::Name | Form::Capital | Form::Metonym) {
            return false;
        }
        let Some((np_end, _)) = self.np_right(s.start) else {
            return false;
        };
        if np_end <= s.end || np_end > self.end() {
            return false;
        }
        let head = np_end - 1;
        self.slot(head).is_none()
            && matches!(self.tag(head), Tag::Noun | Tag::Name)
            && !self.is_class(head, WordClass::AGENT_HEAD)
    }

    /// The noun phrase that ends right before `end`: its start and its
    /// leftmost actor slot. "A group of Canadian lawmakers from Ontario" is
    /// read through "of"; the actor that heads it is the leftmost one.
    pub fn np_left(&self, end: usize) -> Option<(usize, Option<usize>)> {
        let floor = self.range.start;
        let mut j = end;
        while j > floor {
            let t = self.tag(j - 1);
            if t.in_noun_phrase() {
                if let Some(s) = self.slot(j - 1) {
                    j = self.slots[s].start.min(j - 1).max(floor);
                    if let Some(g) = self.group_of[s] {
                        j = j.min(self.slots[self.groups[g][0]].start).max(floor);
                    }
                    continue;
                }
                j -= 1;
            } else if t == Tag::Prep
                && j - 1 > floor
                && j < end
                && (self.lower(j - 1) == "of" && self.is_class(j - 2, WordClass::OF_HEAD)
                    || self.lower(j - 1) == "from" && self.tag(j - 2) == Tag::Noun)
                && self.tag(j - 2).in_noun_phrase()
            {
                j -= 1;
            } else {
                break;
            }
        }
        if j == end {
            return None;
        }
        let first = (j..end).find_map(|k| self.slot(k));
        Some((j, first))
    }

    /// Skips adverbs and time phrases ("on Thursday", "last week") leftwards
    /// from `j` (exclusive); returns the new exclusive end.
    pub fn skip_adverbials_left(&self, mut j: usize) -> usize {
        let floor = self.range.start;
        loop {
            let before = j;
            while j > floor && matches!(self.tag(j - 1), Tag::Adv | Tag::Quote) {
                j -= 1;
            }
            // "on Monday", "in a statement", "last week": a preposition before a time word
            if j < before && j > floor && self.tag(j - 1) == Tag::Prep {
                j -= 1;
            }
            // "this week", "last month"
            if j < before
                && j > floor
                && matches!(
                    self.lower(j - 1),
                    "this" | "last" | "next" | "that" | "each" | "every" | "early" | "late"
                )
            {
                j -= 1;
            }
            if j > floor + 1 && self.tag(j - 1) == Tag::Num && self.tag(j - 2) == Tag::Prep {
                j -= 2;
            }
            if j == before {
                return j;
            }
        }
    }

    /// Is token `i` a clause boundary for object search?
    pub fn is_boundary(&self, i: usize) -> bool {
        match self.tag(i) {
            Tag::Clause | Tag::Comma => true,
            Tag::Punct => matches!(
                self.lower(i),
                ";" | ":" | "(" | ")" | "--" | "." | "?" | "!" | "—" | "–"
            ),
            _ => false,
        }
    }

    /// The end of the clause that contains `from`.
    pub fn clause_end(&self, from: usize) -> usize {
        (from..self.end())
            .find(|&j| self.is_boundary(j))
            .unwrap_or(self.end())
    }

    pub fn is_class(&self, i: usize, class: WordClass) -> bool {
        self.doc.is(i, class)
    }
}
