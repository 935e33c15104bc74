//! One article prepared for the rules: tokens with their word classes,
//! sentences, and which sentences are ALL CAPS or Title Case headlines.

use crate::lexicon::{Lexicon, WordClass, WordInfo};
use crate::text::{Case, Sentence, Token, TokenKind, split_sentences, tokenize};

pub struct Doc<'a> {
    pub text: &'a str,
    /// ASCII-lower-cased copy: same byte offsets as `text`
    pub lower: String,
    pub tokens: Vec<Token>,
    pub classes: Vec<WordClass>,
    /// what the lexicon knows of each token's word, looked up once here
    infos: Vec<&'a WordInfo>,
    pub sentences: Vec<Sentence>,
    /// sentence index of every token
    pub sentence_of: Vec<u32>,
    /// sentences written in capitals: case says nothing there
    pub caps: Vec<bool>,
    /// sentences in Title Case (headlines): capitals say little
    pub headline: Vec<bool>,
    pub date: Option<&'a str>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, date: Option<&'a str>, lexicon: &'a Lexicon) -> Doc<'a> {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        let lower = text.to_ascii_lowercase();
        let mut classes = Vec::with_capacity(tokens.len());
        let mut infos = Vec::with_capacity(tokens.len());
        for t in &tokens {
            let raw = &lower[t.range()];
            let straight;
            // a curly apostrophe is three bytes, none ASCII
            let word = if !raw.is_ascii() && raw.contains('’') {
                straight = raw.replace('’', "'");
                straight.as_str()
            } else {
                raw
            };
            // one lookup: the lexicon merges the name lists into the word
            // classes (accented words go through the name lists, which fold)
            let info = lexicon.words.get(word);
            infos.push(info);
            let mut class = info.class;
            if t.kind == TokenKind::Word && !word.is_ascii() {
                if lexicon.names.is_given_name(word) {
                    class.add(WordClass::GIVEN_NAME);
                }
                if lexicon.names.is_common_word(word) {
                    class.add(WordClass::COMMON_WORD);
                }
                if lexicon.names.is_honorific(word) {
                    class.add(WordClass::HONORIFIC);
                }
                if !lexicon.names.titles_starting(word).is_empty() {
                    class.add(WordClass::TITLE_WORD);
                }
            }
            if !t.is_capitalized() {
                class.remove(WordClass::GIVEN_NAME);
            }
            classes.push(class);
        }
        // hyphenated given names: "Jae-in", "Jean-Pierre"
        for i in 0..tokens.len().saturating_sub(2) {
            let (a, h, b) = (&tokens[i], &tokens[i + 1], &tokens[i + 2]);
            if a.kind == TokenKind::Word
                && b.kind == TokenKind::Word
                && !h.space_before
                && !b.space_before
                && &text[h.range()] == "-"
            {
                let joined = format!("{}-{}", &lower[a.range()], &lower[b.range()]);
                if lexicon.names.is_given_name(&joined) {
                    classes[i].add(WordClass::GIVEN_NAME);
                    classes[i + 2].add(WordClass::GIVEN_NAME);
                }
            }
        }
        let mut sentence_of = vec![0u32; tokens.len()];
        let mut caps = Vec::with_capacity(sentences.len());
        let mut headline = Vec::with_capacity(sentences.len());
        for (si, s) in sentences.iter().enumerate() {
            for slot in &mut sentence_of[s.tokens.clone()] {
                *slot = si as u32;
            }
            let (mut words, mut upper, mut long, mut capitalized) = (0, 0, 0, 0);
            for t in &tokens[s.tokens.clone()] {
                if t.kind != TokenKind::Word || t.end - t.start < 2 {
                    continue;
                }
                words += 1;
                upper += usize::from(t.case == Case::Upper);
                if t.end - t.start >= 4 {
                    long += 1;
                    capitalized += usize::from(t.is_capitalized());
                }
            }
            let is_caps = words >= 3 && upper * 10 >= words * 7;
            caps.push(is_caps);
            // Title Case: most words of four letters or more are capitalised
            headline.push(!is_caps && long >= 3 && capitalized * 10 >= long * 7);
        }
        Doc {
            text,
            lower,
            tokens,
            classes,
            infos,
            sentences,
            sentence_of,
            caps,
            headline,
            date,
        }
    }

    pub fn word(&self, i: usize) -> &str {
        &self.text[self.tokens[i].range()]
    }

    pub fn lower(&self, i: usize) -> &str {
        &self.lower[self.tokens[i].range()]
    }

    /// Lemma and relation patterns of token `i`'s word (with a curly
    /// apostrophe made straight).
    pub fn info(&self, i: usize) -> &'a WordInfo {
        self.infos[i]
    }

    pub fn class(&self, i: usize) -> WordClass {
        self.classes[i]
    }

    pub fn is(&self, i: usize, class: WordClass) -> bool {
        self.classes[i].has(class)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Word
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.tokens[i].kind == TokenKind::Punct && self.word(i) == p
    }

    /// Token `i` is a comma, semicolon, colon, bracket or dash.
    pub fn is_break(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Punct
            && matches!(
                self.word(i),
                "," | ";" | ":" | "(" | ")" | "--" | "—" | "–" | "[" | "]"
            )
            // a dash without a space before joins a compound ("Putin–Xi")
            && (!matches!(self.word(i), "–" | "—") || self.tokens[i].space_before)
    }

    pub fn is_quote(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Punct
            && matches!(self.word(i), "\"" | "“" | "”" | "'" | "‘" | "’" | "«" | "»")
    }

    /// A possessive clitic: "'s" after a name or noun ("Russia's"), or the
    /// bare apostrophe of a plural ("Americans'"); not the "'s" of "there's".
    pub fn is_possessive(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let prev = self.lower(i - 1);
        match self.lower(i) {
            "'s" | "’s" => {
                !self.is(i - 1, WordClass::PRONOUN)
                    && !matches!(
                        prev,
                        "there"
                            | "that"
                            | "what"
                            | "who"
                            | "here"
                            | "it"
                            | "where"
                            | "how"
                            | "let"
                            | "he"
                            | "she"
                    )
            }
            "'" | "’" => {
                !self.tokens[i].space_before && prev.ends_with('s') && self.is_word(i - 1)
            }
            _ => false,
        }
    }

    /// The token is capitalised in a sentence where case carries meaning.
    pub fn is_cap(&self, i: usize) -> bool {
        self.tokens[i].is_capitalized()
    }

    pub fn caps_at(&self, i: usize) -> bool {
        self.caps[self.sentence_of[i] as usize]
    }

    pub fn headline_at(&self, i: usize) -> bool {
        self.headline[self.sentence_of[i] as usize]
    }

    pub fn sentence_start(&self, i: usize) -> usize {
        self.sentences[self.sentence_of[i] as usize].tokens.start
    }

    pub fn sentence_end(&self, i: usize) -> usize {
        self.sentences[self.sentence_of[i] as usize].tokens.end
    }

    /// Token `i` opens its sentence (ignoring opening quotes and brackets).
    pub fn is_sentence_initial(&self, i: usize) -> bool {
        let start = self.sentence_start(i);
        (start..i).all(|j| self.tokens[j].kind == TokenKind::Punct)
    }

    /// An adverb or time word that may sit inside a verb group.
    pub fn is_adverbial(&self, i: usize) -> bool {
        let w = self.lower(i);
        self.is(i, WordClass::ADVERBIAL)
            || (w.len() > 4 && w.ends_with("ly") && self.is_word(i) && !self.is_cap(i))
    }
}
