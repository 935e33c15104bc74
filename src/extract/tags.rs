//! A coarse part-of-speech tag per token, from the word classes, the actor
//! slots and a few context rules. The clause rules read tags, not words:
//! "forces" is a noun in "Pakistani forces have been battling" and a verb in
//! "the army forces them back", and the rules need to know which.

use super::document::Doc;
use super::mentions::Form;
use super::phrases::Slot;
use crate::lexicon::WordClass;
use crate::lexicon::inflect::VerbForm;
use crate::text::TokenKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// inside an actor slot
    Actor,
    /// a capitalised word that is not an actor
    Name,
    /// nouns and adjectives
    Noun,
    Det,
    Num,
    /// 's, '
    Poss,
    Verb,
    Aux,
    Modal,
    Neg,
    To,
    Prep,
    Coord,
    /// subordinators and relative pronouns
    Clause,
    Pron,
    Adv,
    Comma,
    Quote,
    Hyphen,
    /// . ; : ( ) and other punctuation
    Punct,
}

impl Tag {
    /// Tags a noun phrase may contain.
    pub fn in_noun_phrase(self) -> bool {
        matches!(
            self,
            Tag::Actor
                | Tag::Name
                | Tag::Noun
                | Tag::Det
                | Tag::Num
                | Tag::Poss
                | Tag::Hyphen
                | Tag::Quote
        )
    }
}

/// Tags the tokens `range` of a sentence; `slot_at[i - range.start]` tells
/// which slot covers a token.
pub fn tag_sentence(
    doc: &Doc,
    range: std::ops::Range<usize>,
    slots: &[Slot],
    slot_at: &[Option<u16>],
) -> Vec<Tag> {
    let base = range.start;
    let mut tags: Vec<Tag> = Vec::with_capacity(range.len());
    for i in range.clone() {
        let tag = if slot_at[i - base].is_some() {
            Tag::Actor
        } else {
            first_pass(doc, i)
        };
        tags.push(tag);
    }
    // second pass: verbs and nouns from context, left to right
    for i in range.clone() {
        let k = i - base;
        if tags[k] == Tag::Noun
            && k > 0
            && matches!(tags[k - 1], Tag::Aux | Tag::Modal | Tag::Neg)
            && (doc.lower(i).ends_with("ed") || doc.lower(i).ends_with("ing"))
        {
            // an unknown verb after an auxiliary: "would be encouraged"
            tags[k] = Tag::Verb;
            continue;
        }
        if tags[k] == Tag::Noun
            && k > 0
            && tags[k - 1] == Tag::To
            && !doc.is_cap(i)
            && (!doc.lower(i).ends_with('s') || doc.lower(i).ends_with("ss"))
            && tags.get(k + 1).is_some_and(|t| {
                matches!(
                    t,
                    Tag::Det | Tag::Actor | Tag::Name | Tag::Pron | Tag::Prep | Tag::Num
                )
            })
        {
            // an unknown verb after "to": "to cope with", "to disgrace a movement"
            tags[k] = Tag::Verb;
            continue;
        }
        if tags[k] != Tag::Verb {
            continue;
        }
        tags[k] = verb_or_noun(doc, i, base, &tags, slots, slot_at);
    }
    // "that": a determiner before a noun after a preposition ("in that country")
    for i in range.clone() {
        let k = i - base;
        if doc.lower(i) == "that"
            && tags[k] == Tag::Clause
            && k > 0
            && tags[k - 1] == Tag::Prep
            && k + 1 < tags.len()
            && matches!(tags[k + 1], Tag::Noun)
        {
            tags[k] = Tag::Det;
        }
        // possessive "her" before a noun
        if doc.lower(i) == "her"
            && k + 1 < tags.len()
            && matches!(tags[k + 1], Tag::Noun | Tag::Name)
            && tags[k] == Tag::Pron
        {
            tags[k] = Tag::Det;
        }
    }
    tags
}

fn first_pass(doc: &Doc, i: usize) -> Tag {
    let t = &doc.tokens[i];
    match t.kind {
        TokenKind::Punct => {
            let w = doc.word(i);
            return match w {
                "," => Tag::Comma,
                "-" | "–" | "—" if !t.space_before => Tag::Hyphen,
                "'" | "’" if doc.is_possessive(i) => Tag::Poss,
                _ if doc.is_quote(i) => Tag::Quote,
                _ => Tag::Punct,
            };
        }
        TokenKind::Number => return Tag::Num,
        TokenKind::Word => {}
    }
    if doc.is_possessive(i) {
        return Tag::Poss;
    }
    let w = doc.lower(i);
    let c = doc.class(i);
    if c.has(WordClass::NEGATOR) {
        return Tag::Neg;
    }
    if w == "to" {
        return Tag::To;
    }
    if c.has(WordClass::MODAL | WordClass::FUTURE) {
        return Tag::Modal;
    }
    if c.has(WordClass::AUX) {
        return Tag::Aux;
    }
    if c.has(WordClass::COORDINATOR) {
        return Tag::Coord;
    }
    if matches!(
        w,
        "that"
            | "who"
            | "which"
            | "whom"
            | "whose"
            | "when"
            | "where"
            | "while"
            | "whereas"
            | "because"
            | "although"
            | "though"
            | "unless"
            | "if"
            | "whether"
            | "once"
    ) {
        return Tag::Clause;
    }
    if c.has(WordClass::PRONOUN) && !c.has(WordClass::DETERMINER) {
        return Tag::Pron;
    }
    if c.has(WordClass::DETERMINER) {
        return Tag::Det;
    }
    if c.has(WordClass::PREPOSITION) {
        return Tag::Prep;
    }
    if c.has(WordClass::VERB) {
        return Tag::Verb;
    }
    // an unknown word in -ed is a past tense or participle ("lasted",
    // "reneged"); context may still make it an adjective
    if w.len() > 4
        && w.ends_with("ed")
        && !w.ends_with("eed")
        && !matches!(
            w,
            "hundred"
                | "sacred"
                | "naked"
                | "wicked"
                | "kindred"
                | "rugged"
                | "ragged"
                | "beloved"
                | "crooked"
                | "wretched"
        )
        && !doc.is_cap(i)
        && !c.has(WordClass::DETERMINER | WordClass::PREPOSITION)
    {
        return Tag::Verb;
    }
    if doc.is_adverbial(i) {
        return Tag::Adv;
    }
    let caps_or_headline = doc.caps_at(i) || doc.headline_at(i);
    if doc.is_cap(i)
        && !(caps_or_headline && c.has(WordClass::COMMON_WORD))
        && !(doc.is_sentence_initial(i) && c.has(WordClass::COMMON_WORD))
    {
        return Tag::Name;
    }
    Tag::Noun
}

/// The word before `i` is an adjective made of a participle ("imported
/// frozen juice").
fn adjectival_before(doc: &Doc, i: usize) -> bool {
    i > 0 && (doc.lower(i - 1).ends_with("ed") || doc.is(i - 1, WordClass::PARTICIPLE_ADJECTIVE))
}

/// Nouns and adjectives back to a determiner or possessive: token `k` sits
/// inside a noun phrase.
fn opened_by_determiner(tags: &[Tag], k: usize) -> bool {
    let mut j = k;
    while j > 0 && matches!(tags[j - 1], Tag::Noun | Tag::Name) {
        j -= 1;
    }
    j > 0 && j < k && matches!(tags[j - 1], Tag::Det | Tag::Poss | Tag::Num)
}

/// The previous tag, skipping adverbs.
fn previous(tags: &[Tag], k: usize) -> Option<(usize, Tag)> {
    (0..k)
        .rev()
        .map(|j| (j, tags[j]))
        .find(|(_, t)| *t != Tag::Adv)
}

fn verb_or_noun(
    doc: &Doc,
    i: usize,
    base: usize,
    tags: &[Tag],
    slots: &[Slot],
    slot_at: &[Option<u16>],
) -> Tag {
    let k = i - base;
    let w = doc.lower(i);
    let form = doc
        .info(i)
        .lemma()
        .map(|(_, f)| f)
        .unwrap_or(if w.ends_with("ed") {
            VerbForm::Past
        } else {
            VerbForm::Base
        });
    let prev = previous(tags, k);
    let next = tags.get(k + 1).copied();
    let noun_capable = !doc.info(i).noun_patterns.is_empty()
        || matches!(form, VerbForm::ThirdPerson | VerbForm::Gerund);
    // an adjective demonym ("Israeli strikes"), not a people plural
    // ("Canadians urge")
    let prev_is_demonym = prev.is_some_and(|(j, t)| {
        let word = doc.lower(base + j);
        t == Tag::Actor
            && (word.ends_with("ss") || !word.ends_with('s'))
            && slot_at[j].is_some_and(|s| {
                slots[s as usize].form == Form::Demonym && slots[s as usize].end == base + j + 1
            })
    });
    // "their demands": a possessive pronoun is a determiner
    let prev_is_possessive = prev.is_some_and(|(j, t)| {
        t == Tag::Actor
            && slot_at[j].is_some_and(|s| slots[s as usize].form == Form::Pronoun)
            && doc.is(base + j, WordClass::DETERMINER)
    });
    if prev_is_possessive {
        return Tag::Noun;
    }
    // "the Putin–Xi meeting", "US-China talks"
    if noun_capable
        && k >= 3
        && tags[k - 1] == Tag::Actor
        && tags[k - 2] == Tag::Hyphen
        && tags[k - 3] == Tag::Actor
    {
        return Tag::Noun;
    }
    match prev.map(|(_, t)| t) {
        Some(Tag::Det | Tag::Poss | Tag::Num) => return Tag::Noun,
        Some(Tag::Aux | Tag::Modal | Tag::Neg | Tag::To) => return Tag::Verb,
        _ => {}
    }
    let next_is_verbal = matches!(next, Some(Tag::Aux | Tag::Modal | Tag::Neg))
        || next == Some(Tag::Verb) && tags.get(k + 2).is_some_and(|t| !matches!(t, Tag::Verb)) && {
            // "strikes killed": the next word is itself a finite verb form
            let next = doc.info(i + 1);
            next.lemma()
                .is_some_and(|(_, f)| matches!(f, VerbForm::Past | VerbForm::ThirdPerson))
                && next.noun_patterns.is_empty()
        };
    let prev_tag = prev.map(|(_, t)| t);
    // the word right before, adverbs included: "on Thursday praised" is a verb
    let adjacent = (k > 0).then(|| tags[k - 1]);
    // "visiting Iraqi Prime Minister", "convicted spy": a participle as adjective
    if doc.is(i, WordClass::PARTICIPLE_ADJECTIVE)
        && (matches!(next, Some(Tag::Noun | Tag::Name | Tag::Actor))
            && matches!(
                adjacent,
                None | Some(
                    Tag::Det
                        | Tag::Prep
                        | Tag::Coord
                        | Tag::Poss
                        | Tag::Num
                        | Tag::Comma
                        | Tag::Punct
                        | Tag::Quote
                )
            )
            || matches!(next, Some(Tag::Noun | Tag::Verb))
                && adjacent == Some(Tag::Noun)
                && k > 0
                && adjectival_before(doc, i))
    {
        return Tag::Noun;
    }
    // "the United States' largest trading partner": inside a noun phrase
    // opened by a determiner or possessive, before a noun or at its end
    if matches!(
        form,
        VerbForm::Gerund | VerbForm::Base | VerbForm::ThirdPerson
    ) && matches!(adjacent, Some(Tag::Noun | Tag::Name))
        && opened_by_determiner(tags, k)
        && !doc.lower(i - 1).ends_with('s')
        && !matches!(next, Some(Tag::Det | Tag::Actor | Tag::Pron | Tag::To))
    {
        return Tag::Noun;
    }
    match form {
        VerbForm::Gerund => match prev.map(|(_, t)| t) {
            Some(Tag::Noun) if prev_is_demonym => Tag::Noun,
            Some(
                Tag::Noun
                | Tag::Name
                | Tag::Actor
                | Tag::Pron
                | Tag::Prep
                | Tag::Comma
                | Tag::Clause
                | Tag::Coord,
            )
            | None => {
                if noun_capable && next_is_verbal {
                    Tag::Noun
                } else {
                    Tag::Verb
                }
            }
            _ => Tag::Verb,
        },
        // "banned arms shipments", "Iran arms scandal": an -s form right after a
        // verb, or between a name and a noun, is a plural noun
        VerbForm::ThirdPerson
            if doc.is(i, WordClass::PLURAL_NOUN)
                && (adjacent == Some(Tag::Verb)
                    || adjacent == Some(Tag::Actor)
                        && matches!(
                            next,
                            Some(Tag::Noun | Tag::Prep | Tag::Aux | Tag::Modal | Tag::To)
                        )) =>
        {
            Tag::Noun
        }
        // "Talks between Japan and North Korea": no subject to the left
        VerbForm::ThirdPerson
            if matches!(
                prev_tag,
                None | Some(Tag::Punct | Tag::Comma | Tag::Clause | Tag::Prep | Tag::Quote)
            ) && matches!(next, Some(Tag::Prep | Tag::Det)) =>
        {
            Tag::Noun
        }
        VerbForm::ThirdPerson => {
            if prev_is_demonym
                || next_is_verbal
                || matches!(prev.map(|(_, t)| t), Some(Tag::Noun))
                    && !matches!(
                        next,
                        Some(
                            Tag::Actor
                                | Tag::Det
                                | Tag::Name
                                | Tag::Pron
                                | Tag::To
                                | Tag::Clause
                                | Tag::Prep
                                | Tag::Num
                                | Tag::Quote
                        )
                    )
            {
                Tag::Noun
            } else {
                Tag::Verb
            }
        }
        // "a free trade agreement": a noun between nouns
        VerbForm::Base
            if matches!(prev_tag, Some(Tag::Noun | Tag::Name))
                && next == Some(Tag::Noun)
                && !doc.lower(i - 1).ends_with('s') =>
        {
            Tag::Noun
        }
        // "on imported juice", "the disputed election": participles as adjectives
        VerbForm::Past | VerbForm::Participle
            if (matches!(adjacent, Some(Tag::Prep | Tag::Det | Tag::Poss))
                || adjacent == Some(Tag::Noun) && adjectival_before(doc, i))
                && matches!(next, Some(Tag::Noun | Tag::Name | Tag::Actor | Tag::Verb)) =>
        {
            Tag::Noun
        }
        VerbForm::Base => {
            if prev_is_demonym
                || (noun_capable
                    && matches!(prev.map(|(_, t)| t), Some(Tag::Noun | Tag::Prep))
                    && !doc.lower(i - 1).ends_with('s'))
            {
                if next_is_verbal || matches!(prev.map(|(_, t)| t), Some(Tag::Prep)) {
                    return Tag::Noun;
                }
                if prev_is_demonym {
                    return Tag::Noun;
                }
            }
            if matches!(prev.map(|(_, t)| t), Some(Tag::Prep))
                && doc.lower(base + prev.map(|(j, _)| j).unwrap_or(0)) != "to"
            {
                return Tag::Noun;
            }
            Tag::Verb
        }
        VerbForm::Past | VerbForm::Participle => Tag::Verb,
    }
}
