//! Actor phrases ("slots") of a sentence: each mention, widened to take in
//! the title, modifier and appositive that describe it ("Chinese President Hu
//! Jintao", "Sergei Lavrov, Russia's foreign minister,"), with the
//! affiliation those words state; and coordinations of slots ("France,
//! Sweden and Belgium").

use super::document::Doc;
use super::mentions::{Form, Mention, Who, span_text, title_at, title_before};
use crate::lexicon::{Lexicon, WordClass};
use crate::model::ActorKind;

/// An actor phrase: tokens `start..end`, naming `who`.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    pub start: usize,
    pub end: usize,
    pub who: Who,
    pub form: Form,
    /// for a role-only mention: the country or organisation of the role
    pub of: Option<Who>,
}

/// An affiliation the text states: `person` serves/leads/belongs to `of`.
#[derive(Debug, Clone)]
pub struct StatedAffiliation {
    pub member: Who,
    pub of: Who,
    /// relation name: leads, serves, member-of, represents, belongs-to
    pub relation: &'static str,
    pub confidence: f64,
    /// the title, when it alone states the affiliation ("President Bush"):
    /// the person's role with that title gives the country
    pub title: Option<String>,
}

/// The relation name an affiliation gets from the role of its title.
pub fn affiliation_relation(role: &str) -> &'static str {
    match role {
        "head-of-state" | "head-of-government" | "leader" | "secretary-general" | "head"
        | "royal" => "leads",
        "member" => "member-of",
        "official" | "minister" | "foreign-minister" | "defence-minister" | "finance-minister"
        | "military" | "legislator" | "judicial" => "serves",
        "envoy" | "diplomat" | "represents" => "represents",
        _ => "belongs-to",
    }
}

pub struct Phrases {
    pub slots: Vec<Slot>,
    pub affiliations: Vec<StatedAffiliation>,
}

pub trait KindOf {
    fn kind_of(&self, who: Who) -> ActorKind;
}

/// Builds the slots of one sentence from its mentions (in order).
pub fn build_slots(
    doc: &Doc,
    lexicon: &Lexicon,
    mentions: &[Mention],
    kinds: &dyn KindOf,
) -> Phrases {
    let mut slots: Vec<Slot> = mentions
        .iter()
        .map(|m| Slot {
            start: m.start,
            end: m.end,
            who: m.who,
            form: m.form,
            of: m.of,
        })
        .collect();
    let mut affiliations = Vec::new();
    let is_person =
        |s: &Slot| kinds.kind_of(s.who) == ActorKind::Person && matches!(s.form, Form::Person);
    let is_affiliate = |s: &Slot| {
        kinds.kind_of(s.who) != ActorKind::Person
            && !matches!(s.form, Form::Pronoun | Form::Description)
    };

    let mut k = 0;
    while k < slots.len() {
        if !is_person(&slots[k]) {
            k += 1;
            continue;
        }
        let person = slots[k];
        let limit = doc.sentence_end(person.start);
        let mut start = person.start;
        let mut end = person.end;
        let mut stated: Option<(Who, &'static str, f64)> = None;

        // left: [the] [Actor ['s]] [adjectives] Title [,] Person
        let mut title_left = title_before(doc, lexicon, person.start);
        if title_left.is_none() && person.start >= 2 && doc.is_punct(person.start - 1, ",") {
            // "Australia's Foreign Minister, Alexander Downer,"
            title_left = title_before(doc, lexicon, person.start - 1).filter(|(t, _, _)| {
                k > 0
                    && (slots[k - 1].end == *t
                        || slots[k - 1].end + 1 == *t && doc.is_possessive(slots[k - 1].end))
            });
        }
        if let Some((title_start, _title, role)) = &title_left {
            start = *title_start;
            let mut m = *title_start;
            // a title that starts inside the actor before it ("UN nuclear
            // watchdog" + "watchdog chief"): the actor is the modifier
            let overlap =
                k > 0 && slots[k - 1].start < *title_start && slots[k - 1].end > *title_start;
            if overlap {
                m = slots[k - 1].end;
            }
            // adjectives of rank before the title: "top", "senior", "junior"
            while !overlap
                && m > doc.sentence_start(person.start)
                && m + 3 > *title_start
                && doc.is_word(m - 1)
                && !doc.is_cap(m - 1)
                && !doc.caps_at(m - 1)
                && doc.is(m - 1, WordClass::TITLE_MODIFIER)
            {
                m -= 1;
            }
            if m > 0 && doc.is_possessive(m - 1) {
                m -= 1;
            }
            if k > 0 && slots[k - 1].end == m && is_affiliate(&slots[k - 1]) {
                let modifier = slots[k - 1];
                stated = Some((modifier.who, affiliation_relation(role), 0.9));
                start = modifier.start;
                slots.remove(k - 1);
                k -= 1;
            } else if role != "honorific" {
                stated = Some((person.who, affiliation_relation(role), 0.0)); // title only; resolved below
            }
            if start > 0 && doc.lower(start - 1) == "the" {
                start -= 1;
            }
        }
        // left: Actor 's Person ("Russia's Lavrov")
        if stated.is_none()
            && k > 0
            && person.start >= 1
            && doc.is_possessive(person.start - 1)
            && slots[k - 1].end + 1 == person.start
            && is_affiliate(&slots[k - 1])
        {
            stated = Some((slots[k - 1].who, "belongs-to", 0.8));
            start = slots[k - 1].start;
            slots.remove(k - 1);
            k -= 1;
        }

        // right: Person of [the] Actor ['s words] / Person, [the] Actor's title, / Person, title of Actor,
        let after = end;
        if after + 1 < limit && doc.lower(after) == "of" {
            let target = after + 1 + usize::from(doc.lower(after + 1) == "the");
            if let Some(j) = slots
                .iter()
                .position(|s| s.start == target && is_affiliate(s))
            {
                let actor = slots[j];
                if stated.as_ref().is_none_or(|s| s.2 == 0.0) {
                    let role = stated.as_ref().map(|s| s.1).unwrap_or("belongs-to");
                    stated = Some((actor.who, role, 0.85));
                }
                end = extend_org_words(doc, actor.end, limit);
                slots.remove(j);
            }
        } else if after + 1 < limit
            && doc.is_punct(after, ",")
            && let Some((app_end, who, role)) =
                appositive(doc, lexicon, &slots, k, after + 1, limit, &is_affiliate)
        {
            if stated.as_ref().is_none_or(|s| s.2 == 0.0) {
                stated = Some((who, role, 0.85));
            }
            // the appositive's slot is absorbed
            slots.retain(|s| !(s.start > after && s.end <= app_end) || s.start == person.start);
            end = app_end;
            k = slots
                .iter()
                .position(|s| s.start == person.start)
                .unwrap_or(k);
        }
        // "Ho Chi Minh and other top Vietnamese leaders"
        if stated.is_none()
            && end + 2 < limit
            && doc.lower(end) == "and"
            && doc.lower(end + 1) == "other"
        {
            let mut j = end + 2;
            while j < limit && j < end + 5 {
                if let Some(s) = slots
                    .iter()
                    .find(|s| s.start == j && s.form == Form::Demonym)
                {
                    if s.end < limit
                        && matches!(
                            doc.lower(s.end),
                            "leaders" | "officials" | "ministers" | "generals" | "diplomats"
                        )
                    {
                        stated = Some((s.who, "belongs-to", 0.75));
                    }
                    break;
                }
                j += 1;
            }
        }

        // slots inside the widened phrase are absorbed: a title such as "UN
        // Secretary-General" names the organisation itself
        let inner: Vec<Slot> = slots
            .iter()
            .copied()
            .filter(|s| {
                s.start >= start
                    && s.end <= end
                    && !(s.start == person.start && s.who == person.who)
            })
            .collect();
        if stated.as_ref().is_some_and(|s| s.2 == 0.0)
            && let Some(org) = inner.iter().find(|s| is_affiliate(s))
        {
            let relation = stated.as_ref().map(|s| s.1).unwrap_or("belongs-to");
            stated = Some((org.who, relation, 0.9));
        }
        slots.retain(|s| {
            !(s.start >= start && s.end <= end) || (s.start == person.start && s.who == person.who)
        });
        let person_slot = Slot {
            start,
            end,
            ..person
        };
        let at = slots
            .iter()
            .position(|s| s.start == person.start && s.who == person.who);
        if let Some(p) = at {
            slots[p] = person_slot;
        }
        match stated {
            Some((of, relation, confidence)) if confidence > 0.0 => {
                affiliations.push(StatedAffiliation {
                    member: person.who,
                    of,
                    relation,
                    confidence,
                    title: None,
                })
            }
            Some((_, relation, _)) => affiliations.push(StatedAffiliation {
                member: person.who,
                of: person.who, // a title alone: the affiliation comes from the person's role
                relation,
                confidence: 0.7,
                title: title_left.as_ref().map(|(_, t, _)| t.clone()),
            }),
            None => {}
        }
        k = at.map(|p| p + 1).unwrap_or(k + 1);
    }
    // "the Cuban President": a role named without the name states it too
    for slot in slots.iter().filter(|s| s.form == Form::Role) {
        if let Some(of) = slot.of {
            affiliations.push(StatedAffiliation {
                member: slot.who,
                of,
                relation: "leads",
                confidence: 0.8,
                title: None,
            });
        }
    }
    // "[Org] of [Title] Person": "the Social Democrats (PSD) of Prime Minister Adrian Nastase"
    for w in 0..slots.len().saturating_sub(1) {
        let (org, person) = (slots[w], slots[w + 1]);
        if kinds.kind_of(org.who) != ActorKind::Person
            && kinds.kind_of(org.who) != ActorKind::Country
            && is_person(&person)
            && org.end < person.start
            && doc.lower(org.end) == "of"
            && org.end + 1 == person.start
        {
            affiliations.retain(|a| !(a.member == person.who && a.of == person.who));
            affiliations.push(StatedAffiliation {
                member: person.who,
                of: org.who,
                relation: "belongs-to",
                confidence: 0.8,
                title: None,
            });
        }
    }
    // "NATO member Turkey": an organisation, "member", a country
    for w in 0..slots.len().saturating_sub(1) {
        let (org, country) = (slots[w], slots[w + 1]);
        if kinds.kind_of(org.who) == ActorKind::Organization
            && kinds.kind_of(country.who) == ActorKind::Country
            && country.start == org.end + 1
            && matches!(doc.lower(org.end), "member" | "members" | "ally")
        {
            affiliations.push(StatedAffiliation {
                member: country.who,
                of: org.who,
                relation: "member-of",
                confidence: 0.85,
                title: None,
            });
        }
    }
    Phrases {
        slots,
        affiliations,
    }
}

/// After "of Russia's" or "of the Brazilian", the words that name the body
/// ("national Security Council", "Association of Citrus Juice Industries
/// (Abrassuco)") belong to the phrase.
fn extend_org_words(doc: &Doc, mut end: usize, limit: usize) -> usize {
    if end < limit && doc.is_possessive(end) {
        end += 1;
        let mut j = end;
        while j < limit
            && j < end + 5
            && doc.is_word(j)
            && !doc.is(
                j,
                WordClass::VERB
                    | WordClass::AUX
                    | WordClass::PREPOSITION
                    | WordClass::CLAUSE_MARKER
                    | WordClass::COORDINATOR
                    | WordClass::ADVERBIAL
                    | WordClass::MODAL,
            )
        {
            j += 1;
        }
        return j;
    }
    // capitalised words, "of" between them, and an acronym in brackets
    let mut j = end;
    while j < limit && j < end + 8 {
        if doc.is_word(j) && doc.is_cap(j) && !doc.caps_at(j)
            || doc.lower(j) == "of" && j + 1 < limit && doc.is_cap(j + 1)
        {
            j += 1;
        } else if doc.is_punct(j, "(") && j + 2 < limit && doc.is_punct(j + 2, ")") {
            j += 3;
        } else {
            break;
        }
    }
    j
}

/// ", [the|a] [Actor['s]|Demonym] [adjectives] title [of [the] Actor['s words]] ,"
/// after a person; returns the end of the appositive, the actor and role.
fn appositive(
    doc: &Doc,
    lexicon: &Lexicon,
    slots: &[Slot],
    person: usize,
    from: usize,
    limit: usize,
    is_affiliate: &dyn Fn(&Slot) -> bool,
) -> Option<(usize, Who, &'static str)> {
    let mut j = from;
    if j < limit && doc.is(j, WordClass::DETERMINER) && !doc.is(j, WordClass::PRONOUN) {
        j += 1;
    }
    let mut actor = None;
    if let Some(s) = slots
        .iter()
        .skip(person + 1)
        .find(|s| s.start == j && is_affiliate(s))
    {
        actor = Some(s.who);
        j = s.end;
        if j < limit && doc.is_possessive(j) {
            j += 1;
        }
    }
    // adjectives before the title
    let mut title = None;
    for t in j..(j + 4).min(limit) {
        if let Some((end, role)) = title_at(doc, lexicon, t, limit) {
            title = Some((end, role));
            break;
        }
        if !doc.is_word(t)
            || doc.is(
                t,
                WordClass::VERB
                    | WordClass::AUX
                    | WordClass::PREPOSITION
                    | WordClass::CLAUSE_MARKER,
            )
            || doc.is_cap(t) && !doc.caps_at(t) && slots.iter().all(|s| s.start != t)
        {
            break;
        }
    }
    let (mut end, role) = title?;
    if actor.is_none() && end + 1 < limit && doc.lower(end) == "of" {
        let target = end + 1 + usize::from(doc.lower(end + 1) == "the");
        if let Some(s) = slots.iter().find(|s| s.start == target && is_affiliate(s)) {
            actor = Some(s.who);
            end = extend_org_words(doc, s.end, limit);
        }
    }
    let actor = actor?;
    // the appositive must close: a comma, the sentence end, or a verb
    let closes = end >= limit
        || doc.is_break(end)
        || doc.is(end, WordClass::VERB | WordClass::AUX | WordClass::MODAL)
        || doc.is_punct(end, ".");
    if !closes {
        return None;
    }
    let _ = span_text;
    Some((end, actor, affiliation_relation(&role)))
}

/// Coordinations: runs of two or more slots joined by "and", "or", commas
/// and "as well as" ("Egypt, Israel and the United States"). Returns groups
/// of slot indices.
pub fn coordinations(doc: &Doc, slots: &[Slot]) -> Vec<Vec<usize>> {
    let mut groups = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for k in 0..slots.len() {
        let joined = k > 0 && {
            let prev = slots[k - 1];
            let between: Vec<usize> = (prev.end..slots[k].start).collect();
            let words: Vec<&str> = between.iter().map(|&j| doc.lower(j)).collect();
            matches!(
                words.as_slice(),
                ["and"]
                    | ["or"]
                    | [","]
                    | [",", "and"]
                    | [",", "or"]
                    | ["and", "the"]
                    | [",", "the"]
                    | [",", "and", "the"]
                    | ["as", "well", "as"]
                    | ["and", "other"]
                    | ["&"]
                    | ["and", "fellow"]
            ) && !(words == [","] && slots[k].form == Form::Person && prev.form != Form::Person)
        };
        if joined {
            if current.is_empty() {
                current.push(k - 1);
            }
            current.push(k);
        } else if !current.is_empty() {
            groups.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    // a comma list must end in "and"/"or": "Russia, China said" is not one
    groups.retain(|g| {
        g.windows(2).any(|w| {
            (slots[w[0]].end..slots[w[1]].start)
                .any(|j| matches!(doc.lower(j), "and" | "or" | "as" | "&"))
        })
    });
    groups
}
