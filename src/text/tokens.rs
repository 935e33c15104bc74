//! Tokens with byte offsets.
//!
//! The tokenizer is written for news prose: "U.S." and "Mr." stay one token,
//! possessive and negative clitics ("Russia's", "don't") become tokens of
//! their own so rules can see them, and hyphens split compounds ("US-China",
//! "Putin–Xi") while remembering there was no space, so a rule can tell a
//! hyphenated pair from two separate words.

use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// The capitalisation of a word token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// no upper-case letter
    Lower,
    /// an initial capital ("Russia", "McCain", "A")
    Title,
    /// two or more letters, all upper case ("NATO", "U.S.", "RUSSIA")
    Upper,
    /// no letters at all
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
    pub case: Case,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// Newlines in that whitespace (capped at 2: a paragraph break).
    pub newlines_before: u8,
}

impl Token {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn is_capitalized(&self) -> bool {
        matches!(self.case, Case::Title | Case::Upper)
    }
}

/// Abbreviations from `seeds/lexicon/abbreviations.txt`.
pub struct Abbreviations {
    /// never end a sentence
    pub fixed: HashSet<String>,
    /// may end a sentence when a sentence opener follows
    pub terminal: HashSet<String>,
}

impl Abbreviations {
    pub fn parse(text: &str) -> Abbreviations {
        let mut fixed = HashSet::new();
        let mut terminal = HashSet::new();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.strip_prefix('+') {
                Some(word) => terminal.insert(word.to_string()),
                None => fixed.insert(line.to_string()),
            };
        }
        Abbreviations { fixed, terminal }
    }

    /// The embedded English list.
    pub fn english() -> &'static Abbreviations {
        static ABBREVIATIONS: OnceLock<Abbreviations> = OnceLock::new();
        ABBREVIATIONS.get_or_init(|| {
            Abbreviations::parse(include_str!("../../seeds/lexicon/abbreviations.txt"))
        })
    }

    fn contains(&self, lower: &str) -> bool {
        self.fixed.contains(lower) || self.terminal.contains(lower)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}')
}

/// The clitic spelled after an apostrophe, if `rest` starts with one that ends
/// at a word boundary.
fn clitic_after_apostrophe(rest: &str) -> Option<usize> {
    let letters: usize = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let word = &rest[..letters];
    let lower = word.to_ascii_lowercase();
    matches!(lower.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m").then_some(letters)
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let abbreviations = Abbreviations::english();
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut pos = 0;
    let mut space_before = true;
    let mut newlines: u8 = 0;
    while pos < text.len() {
        let b = bytes[pos];
        // ASCII without decoding: nearly all of English news
        let c = if b.is_ascii() {
            b as char
        } else {
            text[pos..].chars().next().unwrap_or(' ')
        };
        if c.is_whitespace() {
            if c == '\n' {
                newlines = newlines.saturating_add(1).min(2);
            }
            space_before = true;
            pos += c.len_utf8();
            continue;
        }
        let start = pos;
        let mut kind = TokenKind::Punct;
        if is_word_char(c) {
            pos = scan_word(text, pos, abbreviations);
            kind = if text[start..pos]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
        } else if is_apostrophe(c) {
            let after = pos + c.len_utf8();
            let prev_is_word = !space_before
                && tokens
                    .last()
                    .is_some_and(|t| t.kind != TokenKind::Punct && t.end as usize == start);
            match clitic_after_apostrophe(&text[after..]) {
                Some(len) if prev_is_word => {
                    pos = after + len;
                    kind = TokenKind::Word;
                }
                _ => pos = after,
            }
        } else if c == '-' && bytes.get(pos + 1) == Some(&b'-') {
            pos += 2;
            while bytes.get(pos) == Some(&b'-') {
                pos += 1;
            }
        } else if c == '.' && text[pos..].starts_with("...") {
            pos += 3;
        } else {
            pos += c.len_utf8();
        }
        tokens.push(Token {
            start: start as u32,
            end: pos as u32,
            kind,
            case: case_of(&text[start..pos]),
            space_before,
            newlines_before: newlines,
        });
        space_before = false;
        newlines = 0;
    }
    tokens
}

/// Scans one word from `start`; returns its end.
fn scan_word(text: &str, start: usize, abbreviations: &Abbreviations) -> usize {
    let mut pos = start;
    loop {
        // a run of word characters (ASCII bytes without decoding)
        let bytes = text.as_bytes();
        while pos < bytes.len() {
            let b = bytes[pos];
            if b.is_ascii_alphanumeric() {
                pos += 1;
                continue;
            }
            if b.is_ascii() {
                break;
            }
            match text[pos..].chars().next() {
                Some(c) if is_word_char(c) => pos += c.len_utf8(),
                _ => break,
            }
        }
        let rest = &text[pos..];
        let Some(next) = rest.chars().next() else {
            return pos;
        };
        let word = &text[start..pos];
        if next == '.' {
            let after = &rest[1..];
            let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
            let dotted = word.contains('.');
            let next_is_letter_dot = {
                let mut chars = after.chars();
                matches!((chars.next(), chars.next()), (Some(a), Some('.')) if a.is_alphabetic())
            };
            let digit_follows = after.starts_with(|c: char| c.is_ascii_digit())
                && word
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b',' || b == b'.');
            if digit_follows {
                pos += 1;
                continue;
            }
            if single_letter || dotted || next_is_letter_dot {
                // initials and dotted acronyms: "W.", "U.S.", "e.g."
                pos += 1;
                if next_is_letter_dot {
                    continue;
                }
                return pos;
            }
            if abbreviations.contains(&word.to_ascii_lowercase()) {
                return pos + 1;
            }
            return pos;
        }
        if next == ',' && word.bytes().all(|b| b.is_ascii_digit()) {
            // 1,000
            let after = &rest[1..];
            if after.len() >= 3 && after.as_bytes()[..3].iter().all(u8::is_ascii_digit) {
                pos += 1;
                continue;
            }
            return pos;
        }
        if is_apostrophe(next) {
            let after = &rest[next.len_utf8()..];
            // don't -> do + n't
            if (after.starts_with('t') || after.starts_with('T'))
                && !after[1..].starts_with(char::is_alphabetic)
                && (word.ends_with('n') || word.ends_with('N'))
                && word.len() > 1
            {
                return pos - 1;
            }
            if clitic_after_apostrophe(after).is_some() {
                return pos;
            }
            if after.starts_with(char::is_alphabetic) {
                // Shi'ite, O'Brien, Qa'ida
                pos += next.len_utf8();
                continue;
            }
            return pos;
        }
        return pos;
    }
}

fn case_of(word: &str) -> Case {
    let mut letters = 0;
    let mut upper = 0;
    let mut first_upper = false;
    if word.is_ascii() {
        // nearly every word of English news: no decoding
        for b in word.bytes().filter(u8::is_ascii_alphabetic) {
            if b.is_ascii_uppercase() {
                if letters == 0 {
                    first_upper = true;
                }
                upper += 1;
            }
            letters += 1;
        }
        return case_from_counts(letters, upper, first_upper);
    }
    for (i, c) in word.chars().filter(|c| c.is_alphabetic()).enumerate() {
        letters += 1;
        if c.is_uppercase() {
            upper += 1;
            if i == 0 {
                first_upper = true;
            }
        }
    }
    case_from_counts(letters, upper, first_upper)
}

fn case_from_counts(letters: usize, upper: usize, first_upper: bool) -> Case {
    if letters == 0 {
        Case::None
    } else if upper == letters && letters >= 2 {
        Case::Upper
    } else if first_upper {
        Case::Title
    } else if upper == 0 {
        Case::Lower
    } else {
        // "iPhone", "al-Qaeda" parts, "McCain" start upper so never here
        Case::Lower
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.range()]).collect()
    }

    #[test]
    fn abbreviations_and_acronyms_stay_whole() {
        assert_eq!(
            words("Mr. Putin met U.S. officials on Jan. 5."),
            [
                "Mr.",
                "Putin",
                "met",
                "U.S.",
                "officials",
                "on",
                "Jan.",
                "5",
                "."
            ]
        );
        assert_eq!(words("George W. Bush"), ["George", "W.", "Bush"]);
        assert_eq!(
            words("the U.S.A. and U.N."),
            ["the", "U.S.A.", "and", "U.N."]
        );
    }

    #[test]
    fn clitics_are_split() {
        assert_eq!(words("Russia’s invasion"), ["Russia", "’s", "invasion"]);
        assert_eq!(words("there's no"), ["there", "'s", "no"]);
        assert_eq!(words("they've put"), ["they", "'ve", "put"]);
        assert_eq!(words("didn't send"), ["did", "n't", "send"]);
        assert_eq!(words("Shi'ite militia"), ["Shi'ite", "militia"]);
        assert_eq!(words("Americans' views"), ["Americans", "'", "views"]);
        assert_eq!(words("‘If you"), ["‘", "If", "you"]);
    }

    #[test]
    fn hyphens_split_but_remember_no_space() {
        let text = "US-China talks";
        let toks = tokenize(text);
        assert_eq!(words(text), ["US", "-", "China", "talks"]);
        assert!(!toks[1].space_before && !toks[2].space_before && toks[3].space_before);
        assert_eq!(words("Putin–Xi meeting"), ["Putin", "–", "Xi", "meeting"]);
        assert_eq!(words("JERUSALEM -- A"), ["JERUSALEM", "--", "A"]);
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(
            words("1.96 pct of 1,000 tons."),
            ["1.96", "pct", "of", "1,000", "tons", "."]
        );
        let t = tokenize("33.5");
        assert_eq!(t[0].kind, TokenKind::Number);
    }

    #[test]
    fn case_and_newlines_are_recorded() {
        let text = "NATO said\n\nRussia";
        let t = tokenize(text);
        assert_eq!(t[0].case, Case::Upper);
        assert_eq!(t[1].case, Case::Lower);
        assert_eq!(t[2].case, Case::Title);
        assert_eq!(t[2].newlines_before, 2);
    }
}
