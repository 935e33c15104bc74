//! Deterministic synthetic data for benchmarks at scale (`geokg bench-data`).
//!
//! The corpus in `../shared/corpus` is 5,000 articles; the performance
//! targets speak of a million articles and a graph of 100,000 actors. Real
//! news of that size cannot ship with the repository, so this module writes
//! it: articles whose sentences are built from the real gazetteer (countries,
//! titled office holders, capitals) and the real relation vocabulary, so the
//! extractor does the same work on them as on news; and graphs written
//! straight into a store, for query latency. The same seed gives the same
//! bytes, on every machine.

use crate::extract::Extraction;
use crate::lexicon::inflect::{VerbForm, verb_forms};
use crate::lexicon::vocabulary::ObjectMarker;
use crate::lexicon::{Lexicon, NameForm};
use crate::model::{Actor, ActorKind, Article, Evidence, Relation};
use crate::store::{ActorNames, Store, StoreError};

/// SplitMix64: tiny, fast, and the same on every platform; benchmarks need
/// reproducibility, not cryptographic quality.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }

    /// Skewed towards 0 like news coverage: a few actors get most mentions.
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u) * n as f64) as usize % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A country as the generator writes it.
struct Country {
    name: String,
    demonym: String,
    capital: Option<String>,
}

/// A verb pattern written out: "signed agreement with".
struct VerbPhrase {
    text: String,
    /// the pattern relates two actors of any kind
    transitive: bool,
}

/// The vocabulary the generator draws from, taken from the lexicon.
pub struct Vocabulary {
    countries: Vec<Country>,
    /// "Russian President Vladimir Putin"
    officials: Vec<String>,
    verbs: Vec<VerbPhrase>,
    /// "invasion of", "sanctions against"
    nouns: Vec<String>,
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const SOURCES: [&str; 5] = [
    "state media",
    "the foreign ministry",
    "a government spokesman",
    "diplomats",
    "local officials",
];
const TOPICS: [&str; 8] = [
    "border security",
    "energy supplies",
    "trade tariffs",
    "the nuclear programme",
    "refugees",
    "fishing rights",
    "arms exports",
    "a disputed election",
];

fn capitalize_words(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Vocabulary {
    pub fn from_lexicon(lexicon: &Lexicon) -> Vocabulary {
        let g = &lexicon.gazetteer;
        let name_of = |id, form: NameForm| {
            g.actor(id)
                .names
                .iter()
                .find(|(_, f)| *f == form)
                .map(|(n, _)| n.clone())
        };
        let mut countries = Vec::new();
        for a in g.actors().iter().filter(|a| a.kind == ActorKind::Country) {
            let (Some(name), Some(demonym)) = (
                name_of(a.id, NameForm::Name),
                name_of(a.id, NameForm::Demonym),
            ) else {
                continue;
            };
            countries.push(Country {
                name,
                demonym,
                capital: name_of(a.id, NameForm::Capital),
            });
        }
        let mut officials = Vec::new();
        for a in g.actors().iter().filter(|a| a.kind == ActorKind::Person) {
            let Some(role) = a.roles.iter().rev().find(|r| !r.titles.is_empty()) else {
                continue;
            };
            let Some(demonym) = name_of(role.of, NameForm::Demonym) else {
                continue;
            };
            if g.actor(role.of).kind != ActorKind::Country {
                continue;
            }
            officials.push(format!(
                "{demonym} {} {}",
                capitalize_words(&role.titles[0]),
                a.name
            ));
        }
        let v = &lexicon.vocabulary;
        let mut verbs = Vec::new();
        for p in &v.verb_patterns {
            let rel = v.relation(p.relation);
            let (head, marker) = p.source.split_once(" > ").unwrap_or((&p.source, ""));
            if p.markers.contains(&ObjectMarker::That) {
                continue;
            }
            let mut words = head.split_whitespace();
            let Some(lemma) = words.next().and_then(|w| w.split('|').next()) else {
                continue;
            };
            let Some(past) = past_tense(lemma, lexicon) else {
                continue;
            };
            let mut text = past;
            for w in words {
                text.push(' ');
                text.push_str(w.split('|').next().unwrap_or(w));
            }
            let transitive = !p.markers.is_empty()
                && rel.accepts(ActorKind::Country, ActorKind::Country)
                && rel.accepts(ActorKind::Person, ActorKind::Country);
            match marker.split('|').next() {
                Some("-") | Some("") | None => {}
                Some(prep) => {
                    text.push(' ');
                    text.push_str(prep);
                }
            }
            verbs.push(VerbPhrase { text, transitive });
        }
        let mut nouns = Vec::new();
        for p in &v.noun_patterns {
            let Some((head, marker)) = p.source.split_once(" > ") else {
                continue;
            };
            let rel = v.relation(p.relation);
            if !rel.accepts(ActorKind::Country, ActorKind::Country) || rel.symmetric {
                continue;
            }
            let noun: Vec<&str> = head
                .split_whitespace()
                .map(|w| w.split('|').next().unwrap_or(w))
                .collect();
            if let Some(prep) = marker.split('|').next().filter(|m| *m != "-") {
                nouns.push(format!("{} {prep}", noun.join(" ")));
            }
        }
        Vocabulary {
            countries,
            officials,
            verbs,
            nouns,
        }
    }
}

/// The past tense of a verb. Inflection offers both spellings where a final
/// consonant may double ("banned", "visited"); English doubles it after a
/// single stressed vowel: one-syllable verbs and a few known endings.
fn past_tense(lemma: &str, lexicon: &Lexicon) -> Option<String> {
    let forms: Vec<String> = verb_forms(lemma, &lexicon.irregulars)
        .into_iter()
        .filter(|(_, f)| *f == VerbForm::Past)
        .map(|(w, _)| w)
        .collect();
    let vowel = |c: char| "aeiouy".contains(c);
    let chars: Vec<char> = lemma.chars().collect();
    let syllables = chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| vowel(*c) && (i == 0 || !vowel(chars[i - 1])))
        .count();
    // stress on the last syllable ("commit", "confer", "expel") or a
    // British final l ("level"): doubled
    let stressed_last = [
        "l", "nfer", "efer", "mit", "cur", "pel", "nap", "gin", "bet",
    ];
    if syllables == 1 || stressed_last.iter().any(|e| lemma.ends_with(e)) {
        forms.into_iter().max_by_key(String::len)
    } else {
        forms.into_iter().min_by_key(String::len)
    }
}

/// `days` after 1990-01-01 as `YYYY-MM-DD` (proleptic Gregorian).
pub fn date_after_1990(days: u32) -> String {
    // days since 1970-01-01, then Howard Hinnant's civil-from-days
    let z = days as i64 + 7305 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// An endless, deterministic stream of news-like articles.
pub struct Articles<'v> {
    vocab: &'v Vocabulary,
    rng: Rng,
    seed: u64,
    next: u64,
}

impl<'v> Articles<'v> {
    pub fn new(vocab: &'v Vocabulary, seed: u64) -> Articles<'v> {
        Articles {
            vocab,
            rng: Rng::new(seed),
            seed,
            next: 0,
        }
    }

    fn country(&mut self) -> &'v Country {
        let v = self.vocab;
        &v.countries[self.rng.skewed(v.countries.len())]
    }

    /// A subject: a country, its capital, or a titled official.
    fn actor_phrase(&mut self) -> String {
        match self.rng.below(4) {
            0 if !self.vocab.officials.is_empty() => {
                let v = self.vocab;
                v.officials[self.rng.skewed(v.officials.len())].clone()
            }
            1 => {
                let c = self.country();
                c.capital.clone().unwrap_or_else(|| c.name.clone())
            }
            _ => self.country().name.clone(),
        }
    }

    fn sentence(&mut self, n: u64) -> String {
        let v = self.vocab;
        match self.rng.below(7) {
            0..=2 => {
                let verb = loop {
                    let p = self.rng.pick(&v.verbs);
                    if p.transitive {
                        break p;
                    }
                };
                let a = self.actor_phrase();
                let b = self.country().name.clone();
                let day = *self.rng.pick(&WEEKDAYS);
                let src = *self.rng.pick(&SOURCES);
                format!("{a} {} {b} on {day}, {src} said.", verb.text)
            }
            3 if !v.nouns.is_empty() => {
                let a = self.country().name.clone();
                let noun = self.rng.pick(&v.nouns).clone();
                let b = self.country().name.clone();
                let c = self.actor_phrase();
                format!("{a}'s {noun} {b} drew a sharp response from {c}.")
            }
            4 => {
                let c = self.country();
                let topic = *self.rng.pick(&TOPICS);
                format!(
                    "{} officials said talks on {topic} would resume next week.",
                    c.demonym
                )
            }
            5 => {
                let a = self.actor_phrase();
                let b = self.actor_phrase();
                let topic = *self.rng.pick(&TOPICS);
                format!("{a} did not comment on reports that {b} had raised {topic}.")
            }
            _ => {
                let c = self.country();
                let place = c.capital.clone().unwrap_or_else(|| c.name.clone());
                format!(
                    "About {} people attended the session in {place}, according to organisers.",
                    100 + n * 7 % 9_000
                )
            }
        }
    }
}

impl Iterator for Articles<'_> {
    type Item = Article;

    fn next(&mut self) -> Option<Article> {
        let n = self.next;
        self.next += 1;
        let sentences = 4 + self.rng.below(6);
        let mut body: Vec<String> = (0..sentences).map(|_| self.sentence(n)).collect();
        // one sentence only this article has, so no two texts are equal
        let place = &self.country().name;
        body.push(format!(
            "The report, number {n} in series {}, was filed from {place}.",
            self.seed
        ));
        let title = body[0]
            .split(" on ")
            .next()
            .unwrap_or(&body[0])
            .trim_end_matches('.')
            .to_string();
        Some(Article {
            id: format!("synth-{}-{n:07}", self.seed),
            title: Some(title),
            date: Some(date_after_1990(self.rng.below(365 * 35) as u32)),
            source: Some("geokg bench-data".into()),
            url: None,
            text: body.join(" "),
        })
    }
}

/// Syllables for invented surnames: index `i` spelled in base 24 is a name
/// no other index has.
const SYLLABLES: [&str; 24] = [
    "ba", "ko", "ri", "me", "su", "ta", "lo", "ne", "vi", "da", "go", "ha", "ju", "ka", "mi", "no",
    "pe", "ro", "sa", "te", "vo", "za", "li", "mo",
];

fn invented_surname(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.push_str(SYLLABLES[i % SYLLABLES.len()]);
        i /= SYLLABLES.len();
        if i == 0 {
            break;
        }
    }
    s.push_str("ev");
    capitalize_words(&s)
}

/// Alias lookups for a synthetic graph: every actor is named by its name
/// (and code) only.
struct SyntheticNames;

impl ActorNames for SyntheticNames {
    fn names(&self, _actor: &Actor) -> Vec<String> {
        Vec::new()
    }
    fn is_known(&self, _actor: &Actor) -> bool {
        false
    }
}

/// What [`write_graph`] wrote.
#[derive(Debug, Default, serde::Serialize)]
pub struct GraphSummary {
    pub actors: usize,
    pub relations: usize,
    pub articles: usize,
}

/// Relations per synthetic article of a graph.
const RELATIONS_PER_ARTICLE: usize = 10;

/// Writes a synthetic graph of `actors` actors and `relations` relations
/// into `store`, through the same write path as `load` (so edges, aliases
/// and dates are maintained as for real articles). The real countries come
/// first, then invented persons with a country affiliation; endpoints are
/// skewed so there are hubs, as in news. `progress` is called after each
/// batch with the relations written so far.
pub fn write_graph(
    store: &mut Store,
    lexicon: &Lexicon,
    actors: usize,
    relations: usize,
    seed: u64,
    mut progress: impl FnMut(usize),
) -> Result<GraphSummary, StoreError> {
    let mut rng = Rng::new(seed);
    let countries: Vec<Actor> = lexicon
        .gazetteer
        .actors()
        .iter()
        .filter(|a| a.kind == ActorKind::Country)
        .map(|a| Actor {
            name: a.name.clone(),
            code: a.code.clone(),
            kind: ActorKind::Country,
            affiliation: None,
        })
        .collect();
    // from the file, in its order: the lexicon's hash set has none
    let given: Vec<String> = crate::lexicon::embedded_file("lexicon/given-names.txt")
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(capitalize_words)
        .collect();
    let actor = |i: usize| -> Actor {
        if i < countries.len() {
            return countries[i].clone();
        }
        let mut r = Rng::new(i as u64);
        Actor {
            name: format!("{} {}", r.pick(&given), invented_surname(i)),
            code: None,
            kind: ActorKind::Person,
            affiliation: countries[r.below(countries.len())].code.clone(),
        }
    };
    let types = lexicon.vocabulary.relations();
    let mut summary = GraphSummary {
        actors,
        ..GraphSummary::default()
    };
    let names = SyntheticNames;
    let articles = relations.div_ceil(RELATIONS_PER_ARTICLE);
    let mut written = 0;
    for first in (0..articles).step_by(1000) {
        let mut batch = store.batch(&names)?;
        for a in first..(first + 1000).min(articles) {
            let mut text = String::new();
            let mut extraction = Extraction::default();
            let id = format!("graph-{seed}-{a:07}");
            let n = RELATIONS_PER_ARTICLE.min(relations - written);
            for s in 0..n {
                // one actor of each relation uniform, so every actor appears
                let subject = if s % 2 == 0 {
                    rng.skewed(actors)
                } else {
                    (a * RELATIONS_PER_ARTICLE + s) % actors
                };
                let mut object = rng.skewed(actors);
                if object == subject {
                    object = (object + 1) % actors;
                }
                let (subject, object) = (actor(subject), actor(object));
                let rel = &types[rng.below(types.len())];
                let start = text.len();
                text.push_str(&format!("{} {} {}. ", subject.name, rel.name, object.name));
                extraction.relations.push(Relation {
                    subject,
                    relation: rel.name.clone(),
                    category: rel.category,
                    object,
                    negated: false,
                    attributed_to: None,
                    symmetric: rel.symmetric,
                    weight: rel.weight,
                    confidence: 0.9,
                    evidence: Evidence {
                        article: id.clone(),
                        sentence: s,
                        start,
                        end: text.len() - 1,
                        text: text[start..text.len() - 1].to_string(),
                    },
                });
            }
            written += n;
            let article = Article {
                id,
                title: None,
                date: Some(date_after_1990(rng.below(365 * 35) as u32)),
                source: Some("geokg bench-data graph".into()),
                url: None,
                text,
            };
            batch.load(&article, &extraction)?;
            summary.articles += 1;
        }
        batch.commit()?;
        store.settle_if_due(|| {})?;
        progress(written);
    }
    // a graph to query as a database is after long use: all settled
    store.settle()?;
    summary.relations = written;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_calendar_dates() {
        assert_eq!(date_after_1990(0), "1990-01-01");
        assert_eq!(date_after_1990(31), "1990-02-01");
        assert_eq!(date_after_1990(365 * 10 + 2), "2000-01-01");
        assert_eq!(date_after_1990(365 * 10 + 2 + 59), "2000-02-29");
    }

    #[test]
    fn articles_are_deterministic_and_distinct() {
        let lexicon = Lexicon::embedded().unwrap();
        let vocab = Vocabulary::from_lexicon(&lexicon);
        let a: Vec<Article> = Articles::new(&vocab, 7).take(200).collect();
        let b: Vec<Article> = Articles::new(&vocab, 7).take(200).collect();
        assert_eq!(a, b);
        let mut texts: Vec<&str> = a.iter().map(|x| x.text.as_str()).collect();
        texts.sort();
        texts.dedup();
        assert_eq!(texts.len(), 200);
        let other: Vec<Article> = Articles::new(&vocab, 8).take(1).collect();
        assert_ne!(other[0].text, a[0].text);
    }

    #[test]
    fn synthetic_articles_yield_relations() {
        let lexicon = Lexicon::embedded().unwrap();
        let vocab = Vocabulary::from_lexicon(&lexicon);
        let extractor = crate::extract::Extractor::new(&lexicon);
        let relations: usize = Articles::new(&vocab, 1)
            .take(50)
            .map(|a| extractor.extract(&a).relations.len())
            .sum();
        // about three transitive sentences per article
        assert!(relations > 50, "only {relations} relations in 50 articles");
    }

    #[test]
    fn invented_surnames_are_unique() {
        let mut names: Vec<String> = (0..20_000).map(invented_surname).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 20_000);
    }

    #[test]
    fn graph_has_the_requested_size() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("g.db")).unwrap();
        let lexicon = Lexicon::embedded().unwrap();
        let s = write_graph(&mut store, &lexicon, 1000, 5000, 3, |_| {}).unwrap();
        assert_eq!(s.relations, 5000);
        let stats = store.stats().unwrap();
        assert_eq!(stats.relations, 5000);
        assert!(
            stats.actors > 900 && stats.actors <= 1000,
            "{}",
            stats.actors
        );
        assert!(stats.edges > 4500, "{}", stats.edges);
    }
}
