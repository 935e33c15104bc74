//! Words about people's names: given names, titles, honorifics, and the
//! common English words that must not be taken for a name when capitalised
//! ("May", "Straw" at the start of a sentence or in a headline).

use super::LexiconError;
use super::fold::fold;
use super::tsv::{read_rows, word_lines};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

/// A title ("prime minister") and the kind of role it names.
#[derive(Debug, Clone)]
pub struct Title {
    /// lower-case words joined by single spaces: "prime minister"
    pub text: String,
    pub role: String,
}

#[derive(Default)]
pub struct NameWords {
    given: HashSet<String>,
    common: HashSet<String>,
    honorifics: HashSet<String>,
    /// first word → titles starting with it, longest first
    titles: HashMap<String, Vec<Title>>,
}

#[derive(Deserialize)]
struct TitleRow {
    title: String,
    role: String,
}

fn key(word: &str) -> String {
    fold(word).to_lowercase()
}

/// The lookup key of a word without allocating when it is plain lower-case
/// ASCII, as nearly every word of English news is.
fn lookup_key(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(key(word))
    }
}

impl NameWords {
    pub fn add_given_names(&mut self, content: &str) {
        self.given.extend(word_lines(content).map(|(_, w)| key(w)));
    }

    pub fn add_common_words(&mut self, content: &str) {
        self.common.extend(word_lines(content).map(|(_, w)| key(w)));
    }

    pub fn add_honorifics(&mut self, content: &str) {
        for (_, w) in word_lines(content) {
            let k = key(w);
            self.honorifics.insert(k.trim_end_matches('.').to_string());
            self.honorifics.insert(k);
        }
    }

    pub fn add_titles(&mut self, file: &str, content: &str) -> Result<(), LexiconError> {
        for (line, row) in read_rows::<TitleRow>(file, content)? {
            let words: Vec<String> = row.title.split_whitespace().map(key).collect();
            let Some(first) = words.first().cloned() else {
                return Err(LexiconError::at(file, line, "empty title"));
            };
            let list = self.titles.entry(first).or_default();
            list.push(Title {
                text: words.join(" "),
                role: row.role.trim().to_string(),
            });
            list.sort_by_key(|t| std::cmp::Reverse(t.text.split(' ').count()));
        }
        Ok(())
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        self.given.contains(lookup_key(word).as_ref())
    }

    pub fn is_common_word(&self, word: &str) -> bool {
        self.common.contains(lookup_key(word).as_ref())
    }

    pub fn is_honorific(&self, word: &str) -> bool {
        self.honorifics.contains(lookup_key(word).as_ref())
    }

    /// Titles whose first word is `first` (lower case), longest first.
    pub fn titles_starting(&self, first: &str) -> &[Title] {
        self.titles.get(first).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every (lower-case) word of the lists with its class, to merge into
    /// the word classes so a token needs one lookup.
    pub fn word_classes(&self) -> Vec<(String, super::WordClass)> {
        use super::WordClass;
        let mut out = Vec::new();
        out.extend(
            self.given
                .iter()
                .map(|w| (w.clone(), WordClass::GIVEN_NAME)),
        );
        out.extend(
            self.common
                .iter()
                .map(|w| (w.clone(), WordClass::COMMON_WORD)),
        );
        out.extend(
            self.honorifics
                .iter()
                .map(|w| (w.clone(), WordClass::HONORIFIC)),
        );
        out.extend(
            self.titles
                .keys()
                .map(|w| (w.clone(), WordClass::TITLE_WORD)),
        );
        out
    }

    pub fn counts(&self) -> (usize, usize, usize, usize) {
        (
            self.given.len(),
            self.titles.values().map(Vec::len).sum(),
            self.honorifics.len(),
            self.common.len(),
        )
    }
}
