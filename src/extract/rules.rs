//! The rules that turn a tagged sentence into candidate relations: verb
//! patterns with their subjects and objects, event nouns ("Russia's
//! invasion of Ukraine", "US-China talks", "US-backed Karzai"), threats of
//! an action ("threatened to kill", "Rwanda's threat to launch strikes"),
//! and the scopes that negate ("no indication that", "denied that") or
//! suspend ("if") what they contain.

use super::clauses::{Candidate, Control};
use super::mentions::{Form, Who};
use super::sentence::Sentence;
use super::tags::Tag;
use crate::lexicon::inflect::VerbForm;
use crate::lexicon::vocabulary::ObjectMarker;
use crate::lexicon::{RelationId, WordClass};
use crate::model::Category;

/// Scopes of a sentence that change what is asserted.
struct Scopes {
    /// tokens whose relations are negated ("no indication that …", "denied
    /// a report that …", up to the next comma)
    negated: Vec<bool>,
    /// tokens in a conditional clause
    conditional: Vec<bool>,
    /// tokens in the complement of a threat: threatened, not done
    threatened: Vec<bool>,
    question: bool,
}

/// What a rule found, apart from who: the relation, its negation, where,
/// how sure, and which rule.
struct Finding {
    relation: RelationId,
    negated: bool,
    trigger: usize,
    confidence: f64,
    rule: &'static str,
}

pub struct Rules<'s, 'a> {
    s: &'s Sentence<'a>,
    scopes: Scopes,
    pub out: Vec<Candidate>,
}

impl<'s, 'a> Rules<'s, 'a> {
    pub fn new(s: &'s Sentence<'a>) -> Rules<'s, 'a> {
        let scopes = scopes(s);
        Rules {
            s,
            scopes,
            out: Vec::new(),
        }
    }

    fn relation(&self, name: &str) -> Option<RelationId> {
        self.s.lexicon.vocabulary.by_name(name)
    }

    fn k(&self, i: usize) -> usize {
        i - self.s.range.start
    }

    /// Runs every rule over the sentence.
    pub fn run(mut self) -> Vec<Candidate> {
        self.threats();
        self.verbs();
        self.nouns();
        self.backed_compounds();
        self.out
    }

    /// Subjects × objects, or pairs within the subjects for a symmetric
    /// relation without an object. A relation of an actor with itself is
    /// dropped.
    fn emit(&mut self, subjects: &[Who], objects: &[Who], f: Finding) {
        let mut pairs = Vec::new();
        if objects.is_empty() {
            if self.s.lexicon.vocabulary.relation(f.relation).symmetric && subjects.len() >= 2 {
                for (a, x) in subjects.iter().enumerate() {
                    pairs.extend(subjects[a + 1..].iter().map(|y| (*x, *y, 0.95)));
                }
            }
        } else {
            for &x in subjects {
                pairs.extend(objects.iter().map(|&y| (x, y, 1.0)));
            }
        }
        for (subject, object, factor) in pairs {
            if subject != object {
                self.out.push(Candidate {
                    subject,
                    object,
                    relation: f.relation,
                    negated: f.negated,
                    trigger: f.trigger,
                    confidence: f.confidence * factor,
                    rule: f.rule,
                });
            }
        }
    }

    fn negated_at(&self, i: usize) -> bool {
        self.scopes.negated[self.k(i)]
    }

    fn suspended_at(&self, i: usize) -> bool {
        self.scopes.question || self.scopes.conditional[self.k(i)]
    }

    /// Relations from verb patterns.
    fn verbs(&mut self) {
        let s = self.s;
        let vocabulary = &s.lexicon.vocabulary;
        let mut shared: Option<usize> = None;
        let mut main_subject: Option<usize> = None;
        let mut shared_hypothetical = false;
        for i in s.range.clone() {
            if s.tag(i) != Tag::Verb {
                continue;
            }
            let mut group = s.verb_group(i);
            let form = s.doc.info(i).lemma().map(|(_, f)| f);
            let before = (group.start > s.range.start).then(|| group.start - 1);
            // "X would A and B": the second verb shares the first one's modality
            if before.is_some_and(|b| s.tag(b) == Tag::Coord) {
                group.hypothetical |= shared_hypothetical;
            }
            // ", and welcomed": after a comma the coordinated verb shares the
            // sentence's main subject, not that of an embedded clause
            let after_comma = before.is_some_and(|b| {
                s.tag(b) == Tag::Coord && b > s.range.start && s.tag(b - 1) == Tag::Comma
            });
            let object_control = match group.control {
                Some((Control::Object, gov)) => Some((gov, s.object_control_subject(gov))),
                _ => None,
            };
            let mut subject = match object_control {
                Some((_, (subject, _))) => subject,
                None => {
                    s.subject_left(group.start, if after_comma { main_subject } else { shared })
                }
            };
            // "asked France to curb … and stop …", "a proposal for U.S. firms to
            // sell …": requested or proposed, not done — and neither is what
            // is coordinated with it
            if let Some((gov, (_, governing))) = object_control {
                let requested = governing.is_some_and(|v| asks_for_action(s, v));
                let np_start = s.np_left(gov + 1).map(|(st, _)| st).unwrap_or(gov);
                let proposed = np_start > s.range.start && s.lower(np_start - 1) == "for";
                if requested || proposed {
                    group.hypothetical = true;
                }
            }
            // "while greeting X", "after declaring": a participle takes the clause's subject
            if form == Some(VerbForm::Gerund)
                && let Some(b) = before
                && matches!(
                    s.lower(b),
                    "while"
                        | "after"
                        | "before"
                        | "when"
                        | "since"
                        | "upon"
                        | "by"
                        | "without"
                        | "following"
                        | "despite"
                )
            {
                subject = shared;
            }
            shared_hypothetical = group.hypothetical;
            if main_subject.is_none() {
                main_subject = subject;
            }
            if subject.is_some()
                && group
                    .control
                    .is_none_or(|(c, _)| c != Control::Threat || s.tag(group.start) != Tag::Noun)
            {
                shared = subject;
            }
            let patterns = &s.doc.info(i).verb_patterns;
            if patterns.is_empty()
                || self.scopes.threatened[self.k(i)]
                || self.governs_infinitive(i)
            {
                continue;
            }
            // longest pattern first
            let mut matched: Vec<(usize, u32)> = patterns
                .iter()
                .filter_map(|&(p, _)| {
                    let words = &vocabulary.verb_patterns[p as usize].words;
                    s.match_words(i, words).map(|end| (end, p)).or_else(|| {
                        // "sanctions were imposed on Iran": in a passive the
                        // pattern's noun is the subject
                        (group.passive
                            && !words.is_empty()
                            && self.subject_holds(group.start, words))
                        .then_some((i + 1, p))
                    })
                })
                .collect();
            matched.sort_by_key(|&(end, p)| {
                (
                    std::cmp::Reverse(vocabulary.verb_patterns[p as usize].words.len()),
                    std::cmp::Reverse(end),
                )
            });
            for (end, p) in matched {
                if self.verb_relation(i, end, p, &group, form, subject) {
                    break;
                }
            }
        }
    }

    /// The subject noun phrase of a passive ending at `end` contains the
    /// pattern's words, in order.
    fn subject_holds(&self, end: usize, words: &[Vec<String>]) -> bool {
        let s = self.s;
        let Some((start, _)) = s.np_left(end) else {
            return false;
        };
        let mut n = 0;
        for j in start..end {
            if n < words.len() && words[n].iter().any(|w| w == s.lower(j)) {
                n += 1;
            }
        }
        n == words.len()
    }

    /// "agreed to strengthen": the verb controls an infinitive, whose action
    /// is the relation; the verb's own pattern does not apply.
    fn governs_infinitive(&self, i: usize) -> bool {
        let s = self.s;
        let mut j = i + 1;
        while j < s.end() && s.tag(j) == Tag::Adv {
            j += 1;
        }
        if j >= s.end() || s.tag(j) != Tag::To {
            return false;
        }
        j += 1;
        while j < s.end() && matches!(s.tag(j), Tag::Quote | Tag::Adv) {
            j += 1;
        }
        j < s.end() && s.tag(j) == Tag::Verb
    }

    /// Tries one matched verb pattern; true if it produced relations.
    fn verb_relation(
        &mut self,
        i: usize,
        end: usize,
        p: u32,
        group: &super::clauses::VerbGroup,
        form: Option<VerbForm>,
        subject: Option<usize>,
    ) -> bool {
        let s = self.s;
        let vocabulary = &s.lexicon.vocabulary;
        let pattern = &vocabulary.verb_patterns[p as usize];
        let mut relation = pattern.relation;
        let mut confidence: f64 = 0.9;
        let mut rule = "verb";
        // passive: "was invaded by X"; reduced: "nationals abducted by the North"
        let reduced = !group.passive
            && group.start == i
            && matches!(form, Some(VerbForm::Participle | VerbForm::Past))
            && i > s.range.start
            && matches!(s.tag(i - 1), Tag::Noun | Tag::Actor)
            && s.agent_after(end).is_some();
        let (subject_slot, object_slot) = if group.passive || reduced {
            let patient = if reduced {
                s.np_left(i).and_then(|(_, sl)| sl)
            } else {
                subject
            };
            rule = "passive";
            confidence = 0.85;
            match patient {
                Some(_) => (s.agent_after(end), patient),
                None => {
                    // "sanctions were imposed on Iran by the EU": the object
                    // comes with the pattern's preposition, the agent later
                    let preps: Vec<ObjectMarker> = pattern
                        .markers
                        .iter()
                        .filter(|m| matches!(m, ObjectMarker::Prep(_)))
                        .cloned()
                        .collect();
                    let object = if preps.is_empty() {
                        None
                    } else {
                        s.object_after(end, &preps).map(|(o, _)| o)
                    };
                    let stop = s.clause_end(end).min(end + 12);
                    let agent = (end..stop)
                        .find(|&j| s.lower(j) == "by" && s.tag(j) == Tag::Prep)
                        .and_then(|j| s.np_right(j + 1))
                        .and_then(|(_, sl)| sl);
                    (agent, object)
                }
            }
        } else {
            let object = if pattern.markers.is_empty() {
                None
            } else {
                s.object_after(end, &pattern.markers).map(|(o, _)| o)
            };
            (subject, object)
        };
        let Some(subject_slot) = subject_slot else {
            return false;
        };
        // "vows to fight U.S. potash action": an attack needs an agent or a target
        let physical = matches!(
            vocabulary.relation(relation).category,
            Category::Assault | Category::Coerce | Category::Mobilize
        );
        let object_slot = object_slot.filter(|&o| !(physical && s.is_attributive(o)));
        let subjects = s.members(subject_slot);
        let mut objects = object_slot.map(|o| s.members(o)).unwrap_or_default();
        let category = vocabulary.relation(relation).category;
        // "weapons or other things that Russia has wanted": the one who
        // wants what is given is its recipient
        if category == Category::Aid
            && objects.is_empty()
            && let Some(o) = self.desiring_recipient(end)
        {
            {
                objects = s.members(o);
                rule = "recipient";
                confidence = 0.75;
            }
        }
        // a warning without an actor object: what is threatened
        if category == Category::Threaten
            && (objects.is_empty() || objects.iter().all(|o| subjects.contains(o)))
            && let Some(o) =
                self.first_object_in(end, s.clause_end(end).max((end + 12).min(s.end())))
        {
            objects = s.members(o);
            rule = "warning";
            confidence = 0.75;
        }
        if objects.is_empty() && !(vocabulary.relation(relation).symmetric && subjects.len() >= 2) {
            return false;
        }
        if !vocabulary
            .relation(relation)
            .accepts_all(s, &subjects, &objects)
        {
            return false;
        }
        // "urged Iran to release": a requested action is not asserted
        if let Some((Control::Object, gov)) = group.control {
            let (_, governing) = s.object_control_subject(gov);
            let requested = governing.is_some_and(|v| asks_for_action(s, v));
            if requested {
                return true;
            }
            confidence = 0.7;
            if s.is_class(gov, WordClass::EVIDENCE_NOUN)
                || matches!(
                    s.lower(gov),
                    "plan"
                        | "plans"
                        | "bid"
                        | "effort"
                        | "efforts"
                        | "attempt"
                        | "attempts"
                        | "intention"
                        | "proposal"
                        | "offer"
                        | "move"
                        | "decision"
                )
            {
                confidence = 0.5;
                rule = "intention";
            }
        }
        let mut negated = group.negated || self.negated_at(i);
        match group.control {
            Some((Control::Threat, _)) => {
                if let Some(r) = self.relation("threatens") {
                    relation = r;
                    rule = "threat";
                    confidence = 0.8;
                    negated =
                        group.negated && !matches!(group.control, Some((Control::Negative, _)));
                }
            }
            Some((Control::Intention, _)) => {
                confidence = 0.5;
                rule = "intention";
            }
            _ => {}
        }
        let threat = vocabulary.relation(relation).category == Category::Threaten;
        if (group.hypothetical && !threat) || self.suspended_at(i) {
            return true; // matched, but not asserted
        }
        if s.slots[subject_slot].form == Form::Pronoun {
            confidence -= 0.1;
        }
        self.emit(
            &subjects,
            &objects,
            Finding {
                relation,
                negated,
                trigger: i,
                confidence,
                rule,
            },
        );
        true
    }

    /// A relative clause on the thing given whose subject wants it:
    /// "… weapons or other things that Russia has wanted".
    fn desiring_recipient(&self, from: usize) -> Option<usize> {
        let s = self.s;
        let end = s.clause_end(from).max(from);
        let stop = (from + 12).min(s.end());
        let that = (from..stop)
            .find(|&j| s.tag(j) == Tag::Clause && matches!(s.lower(j), "that" | "which"))?;
        if (from..that).any(|j| s.is_boundary(j)) && that > end {
            return None;
        }
        let slot = s.slot(that + 1)?;
        let mut v = s.slots[slot].end;
        while v < s.end() && matches!(s.tag(v), Tag::Aux | Tag::Adv | Tag::Modal) {
            v += 1;
        }
        let lemma = s.doc.info(v).lemma().map(|(l, _)| l)?;
        matches!(
            lemma,
            "want" | "need" | "request" | "seek" | "ask" | "demand" | "require" | "covet"
        )
        .then_some(slot)
    }

    /// The object of the first relation pattern (verb or noun) in `from..to`:
    /// what a warning or a threat is about.
    fn first_object_in(&self, from: usize, to: usize) -> Option<usize> {
        let s = self.s;
        let vocabulary = &s.lexicon.vocabulary;
        for j in from..to.min(s.end()) {
            let info = s.doc.info(j);
            for &(p, _) in info.verb_patterns.iter() {
                let pattern = &vocabulary.verb_patterns[p as usize];
                let category = vocabulary.relation(pattern.relation).category;
                if !matches!(
                    category,
                    Category::Assault
                        | Category::Coerce
                        | Category::Sanction
                        | Category::Mobilize
                        | Category::Threaten
                ) {
                    continue;
                }
                if let Some(end) = s.match_words(j, &pattern.words)
                    && let Some((o, _)) = s.object_after(end, &pattern.markers)
                {
                    return Some(o);
                }
            }
            for &p in info.noun_patterns.iter() {
                let pattern = &vocabulary.noun_patterns[p as usize];
                let category = vocabulary.relation(pattern.relation).category;
                if !matches!(
                    category,
                    Category::Assault | Category::Coerce | Category::Sanction | Category::Mobilize
                ) {
                    continue;
                }
                if let Some((o, _)) = s.object_after(j + 1, &pattern.markers) {
                    return Some(o);
                }
            }
        }
        None
    }

    /// "threatened to kill X", "Rwanda's threat to launch strikes in Congo":
    /// THREATEN, with the object of the threatened action. Marks the
    /// complement so its action is not also taken as done.
    fn threats(&mut self) {
        let s = self.s;
        for i in s.range.clone() {
            let threat_noun = s.tag(i) == Tag::Noun && s.is_class(i, WordClass::THREAT_NOUN);
            let threat_verb = s.tag(i) == Tag::Verb
                && s.doc.info(i).lemma().is_some_and(|(l, _)| l == "threaten");
            if !(threat_noun || threat_verb) {
                continue;
            }
            let mut j = i + 1;
            while j < s.end() && s.tag(j) == Tag::Adv {
                j += 1;
            }
            if j + 1 >= s.end() || s.tag(j) != Tag::To {
                continue;
            }
            if threat_verb {
                continue; // the verb rule reads "threaten to" as control
            }
            let complement_end = s.clause_end(j + 1).max((j + 10).min(s.end()));
            for k in j + 1..complement_end {
                let kk = self.k(k);
                self.scopes.threatened[kk] = true;
            }
            let Some(object) = self.first_object_in(j + 1, complement_end) else {
                continue;
            };
            // the threat's owner: "Rwanda's threat", "its threats", or the subject of "renewed its threats"
            let owner = self.noun_subject(i, i).or_else(|| {
                let np_start = s.np_left(i + 1).map(|(st, _)| st).unwrap_or(i);
                let g = s.verb_group(np_start.saturating_sub(1).max(s.range.start));
                (np_start > s.range.start && s.tag(np_start - 1) == Tag::Verb)
                    .then(|| s.subject_left(g.start, None))
                    .flatten()
            });
            let Some(owner) = owner else { continue };
            let Some(relation) = self.relation("threatens") else {
                continue;
            };
            if self.suspended_at(i) {
                continue;
            }
            let subjects = s.members(owner);
            let objects = s.members(object);
            let negated = self.negated_at(i);
            self.emit(
                &subjects,
                &objects,
                Finding {
                    relation,
                    negated,
                    trigger: i,
                    confidence: 0.8,
                    rule: "threat-noun",
                },
            );
        }
    }

    /// The subject of an event noun whose modifiers start at `first`: a
    /// possessive ("Russia's invasion"), an actor modifier ("the U.S.
    /// invasion", "Israeli air strikes").
    fn noun_subject(&self, first: usize, head: usize) -> Option<usize> {
        let s = self.s;
        let floor = s.range.start;
        let mut j = first;
        let mut steps = 0;
        while j > floor && steps < 4 {
            let t = s.tag(j - 1);
            match t {
                Tag::Poss => {
                    return (j >= 2).then(|| s.slot(j - 2)).flatten();
                }
                Tag::Actor => {
                    let slot = s.slot(j - 1)?;
                    // a person's title slot does not modify the noun, and a
                    // capital before it is a place ("the Cairo summit")
                    return (s.slots[slot].end == j && s.slots[slot].form != Form::Capital)
                        .then_some(slot);
                }
                Tag::Noun | Tag::Name | Tag::Quote | Tag::Num | Tag::Hyphen if j - 1 != head => {
                    j -= 1;
                    steps += 1;
                }
                _ => return None,
            }
        }
        None
    }

    /// Relations from event nouns.
    fn nouns(&mut self) {
        let s = self.s;
        let vocabulary = &s.lexicon.vocabulary;
        for i in s.range.clone() {
            if !matches!(s.tag(i), Tag::Noun | Tag::Name) || self.scopes.threatened[self.k(i)] {
                continue;
            }
            let patterns = &s.doc.info(i).noun_patterns;
            if patterns.is_empty() {
                continue;
            }
            // longest modifier list first
            let mut ordered: Vec<u32> = patterns.to_vec();
            ordered.sort_by_key(|&p| {
                std::cmp::Reverse(vocabulary.noun_patterns[p as usize].modifiers.len())
            });
            for p in ordered {
                let pattern = &vocabulary.noun_patterns[p as usize];
                let m = pattern.modifiers.len();
                if i < s.range.start + m {
                    continue;
                }
                let first = i - m;
                if !(0..m).all(|n| pattern.modifiers[n].iter().any(|w| w == s.lower(first + n))) {
                    continue;
                }
                if self.noun_relation(i, first, p) {
                    break;
                }
            }
        }
    }

    fn noun_relation(&mut self, i: usize, first: usize, p: u32) -> bool {
        let s = self.s;
        let vocabulary = &s.lexicon.vocabulary;
        let pattern = &vocabulary.noun_patterns[p as usize];
        // the event noun heads its phrase: "trade problems with" is about problems
        if i + 1 < s.end()
            && matches!(s.tag(i + 1), Tag::Noun | Tag::Name)
            && s.lower(i + 1) != "of"
        {
            return false;
        }
        let relation = pattern.relation;
        let symmetric = vocabulary.relation(relation).symmetric;
        let mut confidence = 0.8;
        let mut rule = "noun";
        // "US-China talks", "the Putin–Xi meeting"
        let mut subjects: Vec<Who> = Vec::new();
        let mut objects: Vec<Who> = Vec::new();
        let joins = |j: usize| {
            s.tag(j) == Tag::Hyphen || s.lower(j) == "/" && !s.doc.tokens[j].space_before
        };
        if symmetric
            && first >= s.range.start + 3
            && joins(first - 2)
            && let (Some(a), Some(b)) = (s.slot(first - 3), s.slot(first - 1))
            && s.slots[a].end == first - 2
            && s.slots[b].start == first - 1
        {
            subjects.push(s.slots[a].who);
            objects.push(s.slots[b].who);
            rule = "hyphen-pair";
            confidence = 0.75;
        }
        if subjects.is_empty()
            && let Some(subject) = self.noun_subject(first, i)
        {
            subjects = s.members(subject);
        }
        let object = s.object_after(i + 1, &pattern.markers);
        if objects.is_empty()
            && let Some((o, marker)) = &object
        {
            if *marker == ObjectMarker::Prep("between".into()) && symmetric {
                let pair = s.members(*o);
                if pair.len() >= 2 {
                    subjects = vec![pair[0]];
                    objects = pair[1..].to_vec();
                    rule = "between";
                } else {
                    objects = pair;
                }
            } else if *marker == ObjectMarker::Prep("by".into()) {
                if subjects.is_empty() {
                    subjects = s.members(*o);
                }
                // "accusations by Jordan's King Abdullah that Tehran …": the object follows
                let after_by = s
                    .np_right(s.slots[*o].start)
                    .map(|(e, _)| e)
                    .unwrap_or(s.slots[*o].end);
                let rest: Vec<ObjectMarker> = pattern
                    .markers
                    .iter()
                    .filter(|m| **m != ObjectMarker::Prep("by".into()))
                    .cloned()
                    .collect();
                let mut k = after_by;
                // skip a parenthetical ", and some western evacuees,"
                if k < s.end()
                    && s.tag(k) == Tag::Comma
                    && let Some(close) =
                        (k + 1..s.end().min(k + 8)).find(|&c| s.tag(c) == Tag::Comma)
                {
                    k = close + 1;
                }
                if let Some((o2, _)) = s.object_after(k, &rest) {
                    objects = s.members(o2);
                }
            } else {
                objects = s.members(*o);
            }
        }
        if subjects.is_empty() {
            // "an attack by X on Y"
            if let Some(agent) = s.agent_after(i + 1) {
                subjects = s.members(agent);
                rule = "noun-by";
            }
        }
        if subjects.is_empty() {
            // the object of an event verb: "denied any arms sales to Iran"
            if let Some(subject) = self.event_verb_subject(first) {
                subjects = s.members(subject);
                rule = "event-verb";
                confidence = 0.7;
            }
        }
        if !subjects.is_empty()
            && objects.is_empty()
            && !(symmetric && subjects.len() >= 2)
            && let Some(other) = self.copula_subject(first)
        {
            // "Canada is the United States' largest trading partner"
            objects = s.members(other);
            rule = "copula";
        }
        if subjects.is_empty() || (objects.is_empty() && !(symmetric && subjects.len() >= 2)) {
            return false;
        }
        if !vocabulary
            .relation(relation)
            .accepts_all(s, &subjects, &objects)
        {
            return false;
        }
        if self.suspended_at(i) {
            return true;
        }
        // "no talks with", and the scope of "denied"
        let no_before = (first.saturating_sub(3).max(s.range.start)..first)
            .any(|j| s.lower(j) == "no" || s.lower(j) == "without");
        let negated = no_before || self.negated_at(i);
        self.emit(
            &subjects.clone(),
            &objects,
            Finding {
                relation,
                negated,
                trigger: i,
                confidence,
                rule,
            },
        );
        true
    }

    /// The subject of "be" when the noun phrase at `first` is its
    /// complement: "Canada is [the United States' largest trading partner]".
    fn copula_subject(&self, first: usize) -> Option<usize> {
        let s = self.s;
        let (start, _) = s.np_left(first + 1)?;
        let mut v = start;
        while v > s.range.start && matches!(s.tag(v - 1), Tag::Adv) {
            v -= 1;
        }
        if v == s.range.start || s.tag(v - 1) != Tag::Aux || !s.is_class(v - 1, WordClass::BE) {
            return None;
        }
        s.subject_left(s.verb_group(v - 1).start.min(v - 1), None)
    }

    /// If the noun phrase starting at or before `first` is the object of an
    /// event verb ("denied arms sales", "launched an offensive"), that
    /// verb's subject.
    fn event_verb_subject(&self, first: usize) -> Option<usize> {
        let s = self.s;
        let (start, slot) = s.np_left(first + 1).unwrap_or((first, None));
        if slot.is_some() && s.slot(first).is_none() {
            return None;
        }
        let mut v = start;
        while v > s.range.start
            && matches!(s.tag(v - 1), Tag::Adv | Tag::Det | Tag::Noun | Tag::Quote)
        {
            v -= 1;
        }
        if v == s.range.start
            || s.tag(v - 1) != Tag::Verb
            || !s.is_class(v - 1, WordClass::EVENT_VERB)
        {
            return None;
        }
        let g = s.verb_group(v - 1);
        if g.hypothetical {
            return None;
        }
        s.subject_left(g.start, None)
    }

    /// "US-backed incumbent Karzai": SUPPORT from the compound's actor.
    fn backed_compounds(&mut self) {
        let s = self.s;
        let Some(relation) = self.relation("supports") else {
            return;
        };
        for i in s.range.clone() {
            if !matches!(
                s.lower(i),
                "backed" | "supported" | "sponsored" | "funded" | "armed"
            ) || i < s.range.start + 2
                || s.tag(i - 1) != Tag::Hyphen
            {
                continue;
            }
            let Some(backer) = s.slot(i - 2) else {
                continue;
            };
            // the backed actor heads the phrase: "US-backed incumbent Karzai",
            // not "a US-sponsored UN Security Council resolution"
            let Some((np_end, Some(backed))) = s.np_right(i + 1) else {
                continue;
            };
            if s.slots[backed].end != np_end {
                continue;
            }
            let subjects = s.members(backer);
            let objects = s.members(backed);
            if self.suspended_at(i) {
                continue;
            }
            self.emit(
                &subjects,
                &objects,
                Finding {
                    relation,
                    negated: false,
                    trigger: i,
                    confidence: 0.75,
                    rule: "backed-compound",
                },
            );
        }
    }
}

impl crate::lexicon::RelationType {
    /// The kinds of every subject and object fit the relation.
    fn accepts_all(&self, s: &Sentence, subjects: &[Who], objects: &[Who]) -> bool {
        let kind = |w: &Who| s.kind_of(*w);
        subjects
            .iter()
            .all(|x| objects.iter().all(|y| self.accepts(kind(x), kind(y))))
            && (!objects.is_empty()
                || subjects.iter().all(|x| {
                    self.subject_kinds.is_empty() || self.subject_kinds.contains(&kind(x))
                }))
    }
}

fn scopes(s: &Sentence) -> Scopes {
    let n = s.range.len();
    let mut conditional = vec![false; n];
    let mut negated = vec![false; n];
    let mut open_if = false;
    let mut open_negation = false;
    for i in s.range.clone() {
        let k = i - s.range.start;
        let w = s.lower(i);
        if s.tag(i) == Tag::Clause && matches!(w, "if" | "unless" | "whether") {
            open_if = true;
        } else if matches!(s.tag(i), Tag::Comma) {
            open_if = false;
            open_negation = false;
        }
        conditional[k] = open_if;
        negated[k] = open_negation;
        // "no indication (that)", "no evidence", "not any sign"
        if s.is_class(i, WordClass::EVIDENCE_NOUN)
            && i > s.range.start
            && (s.lower(i - 1) == "no"
                || s.lower(i - 1) == "any" && i >= s.range.start + 2 && s.tag(i - 2) == Tag::Neg)
        {
            open_negation = true;
        }
        // "denied (a report) that", "refuted", "dismissed"
        if s.tag(i) == Tag::Verb
            && let Some((lemma, _)) = s.doc.info(i).lemma()
            && matches!(lemma, "deny" | "refute" | "dismiss")
            && !s.verb_group(i).negated
        {
            open_negation = true;
        }
    }
    let question = s
        .range
        .clone()
        .rev()
        .find(|&i| s.tag(i) != Tag::Quote)
        .is_some_and(|i| s.lower(i) == "?");
    Scopes {
        negated,
        conditional,
        threatened: vec![false; n],
        question,
    }
}

/// Verb `v` asks for or intends an action ("urged Iran to release", "plans
/// to"): the action it governs is not asserted.
fn asks_for_action(s: &Sentence, v: usize) -> bool {
    let vocabulary = &s.lexicon.vocabulary;
    s.doc.info(v).verb_patterns.iter().any(|&(p, _)| {
        vocabulary
            .relation(vocabulary.verb_patterns[p as usize].relation)
            .category
            == Category::Request
    }) || s.is_class(v, WordClass::INTENTION_CONTROL)
}
