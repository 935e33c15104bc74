//! Everything the extractor asks of a lower-case word, behind one lookup.
//!
//! Word classes, verb lemmas and the relation patterns a word can head
//! live in three lexicons (grammar, verb forms, relation vocabulary), each
//! its own hash map. The tagger and the rules asked about most tokens two
//! or three times over: on the corpus, 768,000 class lookups came with
//! 396,000 lemma and 403,000 pattern lookups, each hashing the word and
//! comparing keys again. [`Words`] merges the three once, at load, and
//! `Doc` looks each token up once.

use super::inflect::VerbForm;
use super::{Grammar, Vocabulary, WordClass};
use rustc_hash::FxHashMap;

/// What the lexicon knows about one word.
#[derive(Debug, Default)]
pub struct WordInfo {
    pub class: WordClass,
    /// lemma and form, if the word is a known verb form
    lemma: Option<(Box<str>, VerbForm)>,
    /// verb patterns whose verb has this form
    pub verb_patterns: Box<[(u32, VerbForm)]>,
    /// noun patterns whose head noun has this form
    pub noun_patterns: Box<[u32]>,
}

impl WordInfo {
    /// As [`Grammar::lemma`].
    pub fn lemma(&self) -> Option<(&str, VerbForm)> {
        self.lemma.as_ref().map(|(l, f)| (&**l, *f))
    }
}

/// The merged table.
#[derive(Default)]
pub struct Words {
    index: FxHashMap<Box<str>, WordInfo>,
    unknown: WordInfo,
}

impl Words {
    /// Merges what `grammar` and `vocabulary` know, word by word.
    pub fn build(grammar: &Grammar, vocabulary: &Vocabulary) -> Words {
        let mut index: FxHashMap<Box<str>, WordInfo> = FxHashMap::default();
        for (word, class) in grammar.classes() {
            index.entry(word.into()).or_default().class = class;
        }
        for (word, lemma, form) in grammar.lemmas() {
            index.entry(word.into()).or_default().lemma = Some((lemma.into(), form));
        }
        for (word, patterns) in vocabulary.verb_index() {
            index.entry(word.into()).or_default().verb_patterns = patterns.into();
        }
        for (word, patterns) in vocabulary.noun_index() {
            index.entry(word.into()).or_default().noun_patterns = patterns.into();
        }
        Words {
            index,
            unknown: WordInfo::default(),
        }
    }

    /// The entry of a lower-case word; an empty one if the lexicon does
    /// not know it.
    pub fn get(&self, word: &str) -> &WordInfo {
        self.index.get(word).unwrap_or(&self.unknown)
    }
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Lexicon;

    #[test]
    fn one_lookup_answers_as_the_three_lexicons_do() {
        let lexicon = Lexicon::embedded().unwrap();
        let (g, v) = (&lexicon.grammar, &lexicon.vocabulary);
        for word in [
            "attacked",
            "attack",
            "attacks",
            "talks",
            "met",
            "the",
            "in",
            "said",
            "sanctions",
            "visit",
            "condemned",
            "xyzzy",
            "minister",
            "putin",
        ] {
            let info = lexicon.words.get(word);
            assert_eq!(info.class, g.class(word), "{word}");
            assert_eq!(info.lemma(), g.lemma(word), "{word}");
            assert_eq!(&*info.verb_patterns, v.verb_patterns_for(word), "{word}");
            assert_eq!(&*info.noun_patterns, v.noun_patterns_for(word), "{word}");
        }
        // and for every word any of them knows
        for (word, class) in g.classes() {
            assert_eq!(lexicon.words.get(word).class, class, "{word}");
        }
        for (word, lemma, form) in g.lemmas() {
            assert_eq!(
                lexicon.words.get(word).lemma(),
                Some((lemma, form)),
                "{word}"
            );
        }
        for (word, patterns) in v.verb_index() {
            assert_eq!(&*lexicon.words.get(word).verb_patterns, patterns, "{word}");
        }
        for (word, patterns) in v.noun_index() {
            assert_eq!(&*lexicon.words.get(word).noun_patterns, patterns, "{word}");
        }
    }
}
