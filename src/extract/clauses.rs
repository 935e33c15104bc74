//! Relations from verbs: the verb group (auxiliaries, modals, negation,
//! control verbs: "has refused to criticize"), its subject (through
//! adverbials, appositives, relative pronouns, shared subjects of
//! coordinated verbs), its object (direct, prepositional, passive agent),
//! and coordination on either side.

use super::mentions::Who;
use super::sentence::Sentence;
use super::tags::Tag;
use crate::lexicon::inflect::VerbForm;
use crate::lexicon::vocabulary::ObjectMarker;
use crate::lexicon::{RelationId, WordClass};

/// How a control verb or noun governs the action after "to".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// agree to, begin to, vow to: the action is asserted
    Assertive,
    /// plan to, want to, is willing to: intended, not done
    Intention,
    /// refuse to, fail to, decline to: the action is negated
    Negative,
    /// threaten to, "threat to": a threat of the action
    Threat,
    /// "authorized the Commerce Department to impose", "plans to slap":
    /// the subject is the noun phrase before "to", or the subject of the
    /// verb that governs it
    Object,
}

#[derive(Debug, Clone, Default)]
pub struct VerbGroup {
    pub start: usize,
    pub negated: bool,
    /// would, could, might…: not asserted
    pub hypothetical: bool,
    pub passive: bool,
    pub control: Option<(Control, usize)>,
}

/// A relation found in a sentence, before it becomes output.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub subject: Who,
    pub object: Who,
    pub relation: RelationId,
    pub negated: bool,
    pub trigger: usize,
    pub confidence: f64,
    pub rule: &'static str,
}

impl Sentence<'_> {
    /// The verb group ending at verb `i`.
    pub fn verb_group(&self, i: usize) -> VerbGroup {
        let floor = self.range.start;
        let form = self.doc.info(i).lemma().map(|(_, f)| f);
        let mut g = VerbGroup {
            start: i,
            ..VerbGroup::default()
        };
        let mut j = i;
        while j > floor {
            let k = j - 1;
            match self.tag(k) {
                Tag::Adv => {}
                Tag::Neg => g.negated = !g.negated,
                Tag::Aux => {
                    if self.is_class(k, WordClass::BE)
                        && matches!(form, Some(VerbForm::Participle | VerbForm::Past))
                        && g.control.is_none()
                    {
                        g.passive = true;
                    }
                }
                Tag::Modal => {
                    if self.is_class(k, WordClass::MODAL) {
                        g.hypothetical = true;
                    }
                }
                Tag::To => {
                    // what governs the infinitive? ("plans last week to slap")
                    let c = self.skip_adverbials_left(k);
                    if c == floor {
                        break;
                    }
                    let gov = c - 1;
                    let control = self.control_of(gov).or_else(|| {
                        (matches!(self.tag(gov), Tag::Noun | Tag::Actor | Tag::Name)
                            && g.control.is_none())
                        .then_some(Control::Object)
                    });
                    match control {
                        Some(control) if g.control.is_none() => {
                            g.control = Some((control, gov));
                            if control == Control::Negative {
                                g.negated = !g.negated;
                            }
                            if matches!(self.tag(gov), Tag::Noun | Tag::Actor | Tag::Name) {
                                // "Rwanda's threat to launch": the noun heads the group
                                g.start = gov;
                                return g;
                            }
                            j = gov;
                            g.start = gov;
                            continue;
                        }
                        _ => break,
                    }
                }
                Tag::Verb
                    if g.control.is_none()
                        && k + 1 == j
                        && (matches!(form, Some(VerbForm::Base))
                            || form == Some(VerbForm::Gerund)
                                && self.is_class(
                                    k,
                                    WordClass::NEGATIVE_VERB | WordClass::ASSERTIVE_CONTROL,
                                )) =>
                {
                    // "dare attack", "help evacuate": a bare infinitive;
                    // "denied sending", "began shelling": a gerund
                    match self.control_of(k) {
                        Some(control) => {
                            g.control = Some((control, k));
                            if control == Control::Negative {
                                g.negated = !g.negated;
                            }
                        }
                        None => break,
                    }
                }
                _ => break,
            }
            j = k;
            if self.tag(k) != Tag::Adv {
                g.start = k;
            }
        }
        g
    }

    /// The kind of control a verb, adjective or noun exerts over "to V".
    pub fn control_of(&self, i: usize) -> Option<Control> {
        let c = self.doc.class(i);
        let tag = self.tag(i);
        if tag == Tag::Noun && c.has(WordClass::THREAT_NOUN) {
            return Some(Control::Threat);
        }
        if c.has(WordClass::INTENTION_ADJECTIVE)
            && i > self.range.start
            && self.tag(i - 1) == Tag::Aux
        {
            return Some(Control::Intention);
        }
        if tag != Tag::Verb {
            return None;
        }
        if c.has(WordClass::THREAT_VERB)
            && self
                .doc
                .info(i)
                .lemma()
                .is_some_and(|(l, _)| l == "threaten")
        {
            return Some(Control::Threat);
        }
        if c.has(WordClass::NEGATIVE_VERB) {
            return Some(Control::Negative);
        }
        if c.has(WordClass::INTENTION_CONTROL) {
            return Some(Control::Intention);
        }
        if c.has(WordClass::ASSERTIVE_CONTROL | WordClass::THREAT_VERB) {
            return Some(Control::Assertive);
        }
        // a purpose infinitive after any verb: "flies to stand by"
        Some(Control::Assertive)
    }

    /// The subject of a verb group starting at `pos`. `shared` is the
    /// subject of the previous verb of the sentence, for "X did A and B".
    pub fn subject_left(&self, pos: usize, shared: Option<usize>) -> Option<usize> {
        let floor = self.range.start;
        let mut j = self.skip_adverbials_left(pos);
        let mut hops = 0;
        while j > floor && hops < 3 {
            hops += 1;
            match self.tag(j - 1) {
                Tag::Coord => return shared,
                Tag::Clause if matches!(self.lower(j - 1), "who" | "which" | "that") => {
                    // relative pronoun: its antecedent
                    let mut a = j - 1;
                    if a > floor && self.tag(a - 1) == Tag::Comma {
                        a -= 1;
                    }
                    return self.np_left(a).and_then(|(_, s)| s);
                }
                Tag::Comma => {
                    // an appositive or participial phrase between commas:
                    // the actor of the noun phrase before the opening comma
                    let limit = (j - 1).saturating_sub(30).max(floor);
                    for c in (limit..j - 1).rev() {
                        if matches!(self.tag(c), Tag::Clause)
                            || self.is_boundary(c) && !matches!(self.lower(c), "," | "(" | ")")
                        {
                            return None;
                        }
                        if self.tag(c) == Tag::Comma && c > floor {
                            if let Some(s) = self.slot(c - 1) {
                                return Some(s);
                            }
                            let before = self.skip_adverbials_left(c);
                            if let Some((_, Some(s))) = self.np_left(before) {
                                return Some(s);
                            }
                        }
                    }
                    return None;
                }
                t if t.in_noun_phrase() => {
                    let (start, slot) = self.np_left(j)?;
                    // "men accused of plotting a coup in Equatorial Guinea deny":
                    // a phrase after a preposition is not the subject
                    let after_preposition = start > floor
                        && self.tag(start - 1) == Tag::Prep
                        && self.is_class(start - 1, WordClass::LOCATIVE)
                        && !matches!(self.lower(start - 1), "of" | "from");
                    if slot.is_some() && !after_preposition {
                        return slot;
                    }
                    if slot.is_some() {
                        return None;
                    }
                    // a prepositional phrase without an actor ("after the
                    // meeting"): look further left
                    if start > floor
                        && self.tag(start - 1) == Tag::Prep
                        && self.lower(start - 1) != "of"
                    {
                        j = self.skip_adverbials_left(start - 1);
                        continue;
                    }
                    return None;
                }
                _ => return None,
            }
        }
        None
    }

    /// The subject of an infinitive under [`Control::Object`]: the actor of
    /// the noun phrase before "to", else the subject of the verb governing
    /// that phrase. Returns the slot and that governing verb, if any.
    pub fn object_control_subject(&self, gov: usize) -> (Option<usize>, Option<usize>) {
        let (np_start, slot) = self.np_left(gov + 1).unwrap_or((gov, None));
        let mut v = np_start;
        while v > self.range.start && matches!(self.tag(v - 1), Tag::Adv) {
            v -= 1;
        }
        let verb = (v > self.range.start && self.tag(v - 1) == Tag::Verb).then(|| v - 1);
        if slot.is_some() {
            return (slot, verb);
        }
        // "announced plans to slap tariffs": the subject of a verb that
        // makes the plan its own; "revealed a plot to kill" is not the plotter's
        let subject = verb
            .filter(|&v| {
                self.is_class(v, WordClass::EVENT_VERB)
                    || self.is_class(gov, WordClass::THREAT_NOUN)
            })
            .and_then(|v| self.subject_left(self.verb_group(v).start, None));
        (subject, verb)
    }

    /// The passive agent: "by X" right after the verb (adverbs and time
    /// words may come first: "deported by Germany", "abducted by the North").
    pub fn agent_after(&self, from: usize) -> Option<usize> {
        let mut j = from;
        while j < self.end()
            && (matches!(self.tag(j), Tag::Adv | Tag::Quote)
                || self.lower(j) == "on" && j + 1 < self.end() && self.tag(j + 1) == Tag::Adv)
        {
            j += 1;
        }
        (j < self.end() && self.lower(j) == "by" && self.tag(j) == Tag::Prep)
            .then(|| self.np_right(j + 1))
            .flatten()
            .and_then(|(_, s)| s)
    }

    /// The object of a pattern ending at `from`: the first of `markers`
    /// satisfied in the clause. Returns the slot and the marker used.
    pub fn object_after(
        &self,
        from: usize,
        markers: &[ObjectMarker],
    ) -> Option<(usize, ObjectMarker)> {
        let end = self.end();
        let mut j = from;
        // a direct object comes first, after adverbs and quotes
        if markers.contains(&ObjectMarker::Direct) {
            let mut k = from;
            while k < end && matches!(self.tag(k), Tag::Adv | Tag::Quote) {
                k += 1;
            }
            if k < end
                && let Some((_, Some(slot))) = self.np_right(k)
            {
                return Some((slot, ObjectMarker::Direct));
            }
        }
        let preps: Vec<&str> = markers
            .iter()
            .filter_map(|m| match m {
                ObjectMarker::Prep(p) => Some(p.as_str()),
                _ => None,
            })
            .collect();
        let that = markers.contains(&ObjectMarker::That);
        let limit = (from + 16).min(end);
        while j < limit {
            let t = self.tag(j);
            if that && self.lower(j) == "that" && t == Tag::Clause {
                let stop = (j + 8).min(end);
                return (j + 1..stop)
                    .find_map(|k| self.slot(k))
                    .map(|s| (s, ObjectMarker::That));
            }
            if matches!(t, Tag::Prep | Tag::To) {
                let word = self.lower(j);
                // two-word particles: "out of"
                let (matched, after) = if j + 1 < end
                    && preps.contains(&format!("{} {}", word, self.lower(j + 1)).as_str())
                {
                    (true, j + 2)
                } else {
                    (preps.contains(&word), j + 1)
                };
                if matched {
                    match self.np_right(after) {
                        Some((_, Some(slot))) => {
                            return Some((slot, ObjectMarker::Prep(word.to_string())));
                        }
                        // "demands on the sticking point of Cyprus": an "of" after
                        // the phrase belongs to it, not to the pattern
                        Some((np_end, None))
                            if np_end < self.end() && self.lower(np_end) == "of" =>
                        {
                            return None;
                        }
                        _ => {}
                    }
                } else if preps.is_empty() && !that {
                    return None;
                }
            } else if self.lower(j) == "("
                && (j + 1..(j + 4).min(end)).any(|c| self.lower(c) == ")")
            {
                // "(FCOJ)": an aside in brackets
                j = (j + 1..end).find(|&c| self.lower(c) == ")").unwrap_or(j);
            } else if self.is_boundary(j) || t == Tag::Verb {
                return None;
            }
            j += 1;
        }
        None
    }

    /// Matches the words of a verb pattern after the verb at `i`: each in
    /// order, with at most a few filler tokens between. Returns the index
    /// after the last pattern word.
    pub fn match_words(&self, i: usize, words: &[Vec<String>]) -> Option<usize> {
        let end = self.end();
        let mut j = i + 1;
        for (n, alternatives) in words.iter().enumerate() {
            // a particle sits next to its verb ("take over", "call on"); other
            // words allow fillers ("slap up to 300 mln dlrs in tariffs")
            let particle = alternatives.iter().take(1).all(|w| {
                self.lexicon.grammar.class(w).has(WordClass::PREPOSITION)
                    || matches!(
                        w.as_str(),
                        "down"
                            | "back"
                            | "out"
                            | "off"
                            | "up"
                            | "over"
                            | "away"
                            | "aside"
                            | "forward"
                    )
            });
            if particle {
                let mut k = j;
                while k < end && self.tag(k) == Tag::Adv {
                    k += 1;
                }
                j = self.word_at(k, alternatives)?;
                continue;
            }
            let max_gap = if n == 0 { 7 } else { 3 };
            let mut found = None;
            let mut k = j;
            while k < end && k <= j + max_gap {
                if let Some(next) = self.word_at(k, alternatives) {
                    found = Some(next);
                    break;
                }
                let t = self.tag(k);
                let filler = matches!(
                    t,
                    Tag::Det
                        | Tag::Noun
                        | Tag::Num
                        | Tag::Adv
                        | Tag::Quote
                        | Tag::Hyphen
                        | Tag::Name
                        | Tag::Poss
                ) || t == Tag::Actor
                    && self.slot(k).is_some_and(|s| {
                        matches!(self.slots[s].form, super::mentions::Form::Pronoun)
                    })
                    || matches!(t, Tag::Prep | Tag::To)
                        && matches!(self.lower(k), "up" | "to" | "in" | "of")
                    || t == Tag::Verb
                        && self.lower(k).ends_with("ed")
                        && matches!(self.tag(k.saturating_sub(1)), Tag::Det | Tag::Noun);
                if !filler {
                    break;
                }
                k += 1;
            }
            j = found?;
        }
        Some(j)
    }

    /// If the token(s) at `k` spell one of `alternatives` (hyphenated words
    /// span several tokens), the index after them.
    pub fn word_at(&self, k: usize, alternatives: &[String]) -> Option<usize> {
        if k >= self.end() {
            return None;
        }
        let w = self.lower(k);
        if alternatives.iter().any(|a| a == w) {
            return Some(k + 1);
        }
        // "build-up", "anti-dumping": join hyphenated tokens
        if k + 2 < self.end() && self.tag(k + 1) == Tag::Hyphen {
            let joined = format!("{}-{}", w, self.lower(k + 2));
            if alternatives.contains(&joined) {
                return Some(k + 3);
            }
        }
        None
    }
}
