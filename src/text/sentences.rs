//! Sentence splitting over tokens.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotes) when the next
//! token can open a sentence, at a paragraph break, and at a line break after
//! a heading-like line ("Biden warned China:"). Abbreviations never end a
//! sentence, except the few listed with `+` in `abbreviations.txt`, which do
//! when a typical sentence opener follows ("in the U.S. The talks").

use super::tokens::{Abbreviations, Case, Token, TokenKind};
use std::ops::Range;

/// A sentence: a range of token indices and its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Range<usize>,
    pub start: usize,
    pub end: usize,
}

const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "but",
    "and",
    "in",
    "on",
    "at",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "however",
    "meanwhile",
    "officials",
    "also",
    "if",
    "when",
    "while",
    "after",
    "before",
];

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | ")" | "]" | "»")
}

fn is_opening(s: &str) -> bool {
    matches!(s, "\"" | "“" | "‘" | "'" | "(" | "[" | "«")
}

/// Splits a tokenized document into sentences.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let abbreviations = Abbreviations::english();
    let mut sentences = Vec::new();
    let mut begin = 0;
    let mut i = 0;
    while i < tokens.len() {
        let tok = &tokens[i];
        let s = &text[tok.range()];
        let mut end_here = false;
        let mut last = i;
        if tok.kind == TokenKind::Punct && matches!(s, "." | "!" | "?" | "...") {
            while last + 1 < tokens.len()
                && is_closing(&text[tokens[last + 1].range()])
                && !tokens[last + 1].space_before
            {
                last += 1;
            }
            end_here = match tokens.get(last + 1) {
                None => true,
                Some(next) => next.newlines_before > 0 || can_open(text, next),
            };
        } else if tok.kind == TokenKind::Word && s.ends_with('.') {
            let bare = s[..s.len() - 1].to_ascii_lowercase();
            if abbreviations.terminal.contains(&bare) {
                end_here = match tokens.get(i + 1) {
                    None => true,
                    Some(next) => {
                        next.newlines_before >= 2
                            || OPENERS.contains(&text[next.range()].to_ascii_lowercase().as_str())
                                && next.case == Case::Title
                    }
                };
            } else if i + 1 == tokens.len() {
                end_here = true;
            }
        }
        if !end_here && let Some(next) = tokens.get(i + 1) {
            if next.newlines_before >= 2 {
                end_here = true;
            } else if next.newlines_before == 1 {
                // a single line break ends a sentence unless the line was
                // wrapped mid-sentence (a word or comma, then lower case)
                let wrapped = matches!(tok.kind, TokenKind::Word | TokenKind::Number) || s == ",";
                end_here = !(wrapped && next.case == Case::Lower);
            }
        }
        if end_here {
            push(&mut sentences, tokens, begin..last + 1);
            begin = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    if begin < tokens.len() {
        push(&mut sentences, tokens, begin..tokens.len());
    }
    sentences
}

fn can_open(text: &str, next: &Token) -> bool {
    match next.kind {
        TokenKind::Number => true,
        TokenKind::Word => next.is_capitalized(),
        TokenKind::Punct => is_opening(&text[next.range()]) || text[next.range()].starts_with('-'),
    }
}

fn push(sentences: &mut Vec<Sentence>, tokens: &[Token], range: Range<usize>) {
    if range.is_empty() {
        return;
    }
    sentences.push(Sentence {
        start: tokens[range.start].start as usize,
        end: tokens[range.end - 1].end as usize,
        tokens: range,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn split(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        split_sentences(text, &tokens)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split("Mr. Putin met U.S. officials on Jan. 5 in Washington. Gen. Smith said so."),
            [
                "Mr. Putin met U.S. officials on Jan. 5 in Washington.",
                "Gen. Smith said so."
            ]
        );
        assert_eq!(
            split("President George W. Bush spoke."),
            ["President George W. Bush spoke."]
        );
    }

    #[test]
    fn terminal_abbreviation_splits_before_an_opener() {
        assert_eq!(
            split("He flew to the U.S. The talks began."),
            ["He flew to the U.S.", "The talks began."]
        );
        assert_eq!(
            split("The U.S. Dollar rose."),
            ["The U.S. Dollar rose."],
            "no split before a word that is not an opener"
        );
    }

    #[test]
    fn quotes_close_the_sentence() {
        assert_eq!(
            split("He said “it is over.” Then he left."),
            ["He said “it is over.”", "Then he left."]
        );
    }

    #[test]
    fn headings_and_paragraphs_split() {
        assert_eq!(
            split("Title Here\n\nBiden warned China:\n\nThe president spoke"),
            ["Title Here", "Biden warned China:", "The president spoke"]
        );
        assert_eq!(
            split("a line that wraps\ninto the next one."),
            ["a line that wraps\ninto the next one."]
        );
    }

    #[test]
    fn lower_case_after_stop_does_not_split() {
        assert_eq!(
            split("It rose 1.5 pct. to 20 dlrs."),
            ["It rose 1.5 pct. to 20 dlrs."]
        );
    }
}
