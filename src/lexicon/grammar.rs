//! Word classes from `seeds/lexicon/grammar.toml`: the function words and
//! verb classes the clause rules need (auxiliaries, negators, control and
//! speech verbs, clause markers, pronouns, descriptions).

use super::LexiconError;
use super::inflect::{Irregulars, VerbForm, verb_forms};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

/// A set of word classes (bit flags): one word can be several things
/// ("that" is a determiner, a clause marker and a relative pronoun).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordClass(u64);

impl WordClass {
    pub const AUX: WordClass = WordClass(1);
    pub const BE: WordClass = WordClass(1 << 1);
    pub const MODAL: WordClass = WordClass(1 << 2);
    pub const FUTURE: WordClass = WordClass(1 << 3);
    pub const NEGATOR: WordClass = WordClass(1 << 4);
    pub const NEGATIVE_VERB: WordClass = WordClass(1 << 5);
    pub const ASSERTIVE_CONTROL: WordClass = WordClass(1 << 6);
    pub const INTENTION_CONTROL: WordClass = WordClass(1 << 7);
    pub const INTENTION_ADJECTIVE: WordClass = WordClass(1 << 8);
    pub const THREAT_VERB: WordClass = WordClass(1 << 9);
    pub const THREAT_NOUN: WordClass = WordClass(1 << 10);
    pub const SPEECH_VERB: WordClass = WordClass(1 << 11);
    pub const REPORT_NOUN: WordClass = WordClass(1 << 12);
    pub const EVIDENCE_NOUN: WordClass = WordClass(1 << 13);
    pub const CLAUSE_MARKER: WordClass = WordClass(1 << 14);
    pub const CONDITIONAL: WordClass = WordClass(1 << 15);
    pub const RELATIVE: WordClass = WordClass(1 << 16);
    pub const COORDINATOR: WordClass = WordClass(1 << 17);
    pub const CLAUSE_COORDINATOR: WordClass = WordClass(1 << 18);
    pub const DETERMINER: WordClass = WordClass(1 << 19);
    pub const PREPOSITION: WordClass = WordClass(1 << 20);
    pub const LOCATIVE: WordClass = WordClass(1 << 21);
    pub const ADVERBIAL: WordClass = WordClass(1 << 22);
    pub const TIME_PREPOSITION: WordClass = WordClass(1 << 23);
    pub const PRONOUN: WordClass = WordClass(1 << 24);
    /// any form of a known verb (common verbs, classes above, triggers)
    pub const VERB: WordClass = WordClass(1 << 25);
    pub const HONORIFIC: WordClass = WordClass(1 << 26);
    pub const GIVEN_NAME: WordClass = WordClass(1 << 27);
    pub const COMMON_WORD: WordClass = WordClass(1 << 28);
    pub const TITLE_WORD: WordClass = WordClass(1 << 29);
    pub const EVENT_VERB: WordClass = WordClass(1 << 30);
    pub const TITLE_MODIFIER: WordClass = WordClass(1 << 31);
    pub const PARTICIPLE_ADJECTIVE: WordClass = WordClass(1 << 32);
    pub const OF_HEAD: WordClass = WordClass(1 << 33);
    pub const ACCUSATION_NOUN: WordClass = WordClass(1 << 34);
    pub const PLURAL_NOUN: WordClass = WordClass(1 << 35);
    pub const PEJORATIVE: WordClass = WordClass(1 << 36);
    pub const AGENT_HEAD: WordClass = WordClass(1 << 37);
    /// the first word of a gazetteer name: only these start a name lookup
    pub const NAME_START: WordClass = WordClass(1 << 38);

    /// Both classes, usable in constants.
    pub const fn with(self, other: WordClass) -> WordClass {
        WordClass(self.0 | other.0)
    }

    pub fn has(self, other: WordClass) -> bool {
        self.0 & other.0 != 0
    }
    pub fn add(&mut self, other: WordClass) {
        self.0 |= other.0;
    }
    pub fn remove(&mut self, other: WordClass) {
        self.0 &= !other.0;
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl std::ops::BitOr for WordClass {
    type Output = WordClass;
    fn bitor(self, rhs: WordClass) -> WordClass {
        WordClass(self.0 | rhs.0)
    }
}

/// What a pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PronounKind {
    Male,
    Female,
    Thing,
    Plural,
}

/// What a description ("the island", "the militant group") refers back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DescriptionKind {
    Country,
    Organization,
    Group,
    Person,
    /// "the two sides": the last pair of actors
    Pair,
}

#[derive(Deserialize)]
struct GrammarFile {
    auxiliaries: Vec<String>,
    be_forms: Vec<String>,
    modals: Vec<String>,
    future: Vec<String>,
    negators: Vec<String>,
    negative_verbs: Vec<String>,
    assertive_control: Vec<String>,
    intention_control: Vec<String>,
    intention_adjectives: Vec<String>,
    threat_verbs: Vec<String>,
    threat_nouns: Vec<String>,
    speech_verbs: Vec<String>,
    report_nouns: Vec<String>,
    evidence_nouns: Vec<String>,
    clause_markers: Vec<String>,
    conditional_markers: Vec<String>,
    relative_pronouns: Vec<String>,
    coordinators: Vec<String>,
    clause_coordinators: Vec<String>,
    determiners: Vec<String>,
    prepositions: Vec<String>,
    locative_prepositions: Vec<String>,
    adverbials: Vec<String>,
    time_prepositions: Vec<String>,
    pronouns: HashMap<String, PronounKind>,
    descriptions: HashMap<String, Vec<String>>,
    common_verbs: Vec<String>,
    event_verbs: Vec<String>,
    title_modifiers: Vec<String>,
    participle_adjectives: Vec<String>,
    of_heads: Vec<String>,
    accusation_nouns: Vec<String>,
    plural_nouns: Vec<String>,
    pejoratives: Vec<String>,
    agent_heads: Vec<String>,
}

/// A multi-word entry ("rule out", "no longer"): the class applies to its
/// first word when the rest follows.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub rest: Vec<String>,
    pub class: WordClass,
}

pub struct Grammar {
    classes: HashMap<String, WordClass>,
    phrases: HashMap<String, Vec<Phrase>>,
    lemmas: HashMap<String, (String, VerbForm)>,
    pub pronouns: HashMap<String, PronounKind>,
    /// description word sequences, longest first
    pub descriptions: Vec<(Vec<String>, DescriptionKind)>,
}

impl Grammar {
    /// The classes of a lower-case word.
    pub fn class(&self, word: &str) -> WordClass {
        self.classes.get(word).copied().unwrap_or_default()
    }

    /// Every word with a class (for [`super::words::Words`]).
    pub fn classes(&self) -> impl Iterator<Item = (&str, WordClass)> {
        self.classes.iter().map(|(w, c)| (w.as_str(), *c))
    }

    /// Every known verb form: form, lemma and which form.
    pub fn lemmas(&self) -> impl Iterator<Item = (&str, &str, VerbForm)> {
        self.lemmas
            .iter()
            .map(|(w, (l, f))| (w.as_str(), l.as_str(), *f))
    }

    /// Multi-word entries starting with this word.
    pub fn phrases(&self, first: &str) -> &[Phrase] {
        self.phrases.get(first).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Lemma and form of a known verb form.
    pub fn lemma(&self, word: &str) -> Option<(&str, VerbForm)> {
        self.lemmas.get(word).map(|(l, f)| (l.as_str(), *f))
    }

    pub fn add_class(&mut self, word: &str, class: WordClass) {
        self.classes.entry(word.to_string()).or_default().add(class);
    }

    /// Registers a verb lemma's forms (used for relation triggers too).
    pub(super) fn add_verb(&mut self, lemma: &str, class: WordClass, irregulars: &Irregulars) {
        let mut words = lemma.split(' ');
        let Some(first) = words.next() else { return };
        let rest: Vec<String> = words.map(str::to_string).collect();
        for (form, verb_form) in verb_forms(first, irregulars) {
            if rest.is_empty() {
                self.add_class(&form, class | WordClass::VERB);
            } else {
                self.add_class(&form, WordClass::VERB);
                self.phrases.entry(form.clone()).or_default().push(Phrase {
                    rest: rest.clone(),
                    class,
                });
            }
            self.lemmas
                .entry(form)
                .or_insert_with(|| (first.to_string(), verb_form));
        }
    }

    pub fn parse(content: &str, irregulars: &Irregulars) -> Result<Grammar, LexiconError> {
        let file: GrammarFile = toml::from_str(content).map_err(|e| {
            let line = e
                .span()
                .map(|s| content[..s.start].lines().count().max(1))
                .unwrap_or(0);
            LexiconError::at("lexicon/grammar.toml", line, e.message().to_string())
        })?;
        let mut g = Grammar {
            classes: HashMap::default(),
            phrases: HashMap::default(),
            lemmas: HashMap::default(),
            pronouns: file.pronouns,
            descriptions: Vec::new(),
        };
        let words: [(&Vec<String>, WordClass); 26] = [
            (&file.agent_heads, WordClass::AGENT_HEAD),
            (&file.plural_nouns, WordClass::PLURAL_NOUN),
            (&file.pejoratives, WordClass::PEJORATIVE),
            (&file.title_modifiers, WordClass::TITLE_MODIFIER),
            (&file.participle_adjectives, WordClass::PARTICIPLE_ADJECTIVE),
            (&file.of_heads, WordClass::OF_HEAD),
            (&file.accusation_nouns, WordClass::ACCUSATION_NOUN),
            (&file.auxiliaries, WordClass::AUX),
            (&file.be_forms, WordClass::BE | WordClass::AUX),
            (&file.modals, WordClass::MODAL),
            (&file.future, WordClass::FUTURE),
            (&file.negators, WordClass::NEGATOR),
            (&file.intention_adjectives, WordClass::INTENTION_ADJECTIVE),
            (&file.threat_nouns, WordClass::THREAT_NOUN),
            (&file.report_nouns, WordClass::REPORT_NOUN),
            (&file.evidence_nouns, WordClass::EVIDENCE_NOUN),
            (&file.clause_markers, WordClass::CLAUSE_MARKER),
            (&file.conditional_markers, WordClass::CONDITIONAL),
            (&file.relative_pronouns, WordClass::RELATIVE),
            (&file.coordinators, WordClass::COORDINATOR),
            (&file.clause_coordinators, WordClass::CLAUSE_COORDINATOR),
            (&file.determiners, WordClass::DETERMINER),
            (&file.prepositions, WordClass::PREPOSITION),
            (&file.locative_prepositions, WordClass::LOCATIVE),
            (&file.adverbials, WordClass::ADVERBIAL),
            (&file.time_prepositions, WordClass::TIME_PREPOSITION),
        ];
        for (list, class) in words {
            for w in list {
                let mut parts = w.split(' ');
                let first = parts.next().unwrap_or_default();
                let rest: Vec<String> = parts.map(str::to_string).collect();
                if rest.is_empty() {
                    g.add_class(first, class);
                } else {
                    g.phrases
                        .entry(first.to_string())
                        .or_default()
                        .push(Phrase { rest, class });
                }
            }
        }
        for w in g.pronouns.keys().cloned().collect::<Vec<_>>() {
            g.add_class(&w, WordClass::PRONOUN);
        }
        let verbs: [(&Vec<String>, WordClass); 8] = [
            (&file.event_verbs, WordClass::EVENT_VERB),
            (&file.negative_verbs, WordClass::NEGATIVE_VERB),
            (&file.assertive_control, WordClass::ASSERTIVE_CONTROL),
            (&file.intention_control, WordClass::INTENTION_CONTROL),
            (&file.threat_verbs, WordClass::THREAT_VERB),
            (&file.speech_verbs, WordClass::SPEECH_VERB),
            (&file.common_verbs, WordClass::default()),
            (&file.auxiliaries, WordClass::default()),
        ];
        for (list, class) in verbs {
            for lemma in list {
                g.add_verb(lemma, class, irregulars);
            }
        }
        for (kind, list) in &file.descriptions {
            let kind = match kind.as_str() {
                "country" => DescriptionKind::Country,
                "organization" => DescriptionKind::Organization,
                "group" => DescriptionKind::Group,
                "person" => DescriptionKind::Person,
                "pair" => DescriptionKind::Pair,
                other => {
                    return Err(LexiconError::at(
                        "lexicon/grammar.toml",
                        0,
                        format!(
                            "unknown description kind `{other}` (country, organization, group, person, pair)"
                        ),
                    ));
                }
            };
            for d in list {
                g.descriptions
                    .push((d.split(' ').map(str::to_string).collect(), kind));
            }
        }
        g.descriptions
            .sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        Ok(g)
    }
}
