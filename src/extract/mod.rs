//! Stage 2 of the pipeline: from an article to relations.
//!
//! The steps, one file each: `document` (tokens, sentences, word classes),
//! `mentions` (gazetteer names in context, persons by title and date, new
//! actors), `phrases` (titles and appositives, the affiliations they state,
//! coordination), `coref` (pronouns, descriptions, "the two sides"), `tags`
//! (coarse parts of speech), `sentence` and `clauses` (noun phrases, verb
//! groups, subjects and objects), `rules` (verb and noun patterns, threats,
//! negation and conditional scopes) and `attribution` (reported speech).
//!
//! Extraction is rule-based and deterministic: the same text and lexicon
//! always give the same relations. It favours precision: a relation is
//! emitted only when its subject, trigger and object are found in one
//! clause by a rule, never by proximity alone.

mod attribution;
mod clauses;
mod coref;
mod document;
pub mod mentions;
mod phrases;
mod rules;
mod sentence;
mod tags;

use crate::lexicon::gazetteer::Gender;
use crate::lexicon::{ActorId, Lexicon};
use crate::model::{Actor, ActorKind, Article, Category, Evidence, Relation};
use coref::{ActorFacts, Discourse};
use document::Doc;
use mentions::{FoundActor, Mentions, Who, find_mentions};
use phrases::{KindOf, Slot, StatedAffiliation, build_slots, coordinations};
use sentence::Sentence;
use std::cell::RefCell;

/// An actor mentioned in an article, with where.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MentionRecord {
    pub actor: Actor,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
}

/// What extraction finds in one article.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub relations: Vec<Relation>,
    pub mentions: Vec<MentionRecord>,
    /// [`Extraction::fingerprint`], once computed
    fingerprint: std::sync::OnceLock<String>,
}

impl Extraction {
    /// A digest of everything the store writes for this extraction, kept
    /// with the article: `reextract` leaves an article alone when its new
    /// extraction has the digest it was stored with. It digests the
    /// serialized relations and mentions, so a field added to either is
    /// covered; should a new build serialize them differently, the article
    /// is merely rewritten once.
    ///
    /// Computed once, on first use: `load` and `reextract` have the
    /// extracting threads compute it ([`crate::pipeline::extract_fingerprinted`]).
    pub fn fingerprint(&self) -> &str {
        self.fingerprint.get_or_init(|| {
            // one buffer hashed at once: serde_json writes a few bytes at a
            // time, and a hasher update per write cost as much as the rest
            let mut json = Vec::with_capacity(4096);
            // serializing plain data into memory cannot fail
            let _ = serde_json::to_writer(&mut json, &(&self.relations, &self.mentions));
            blake3::hash(&json).to_hex().to_string()
        })
    }

    /// Whether [`Extraction::fingerprint`] was computed already.
    #[cfg(test)]
    pub(crate) fn has_fingerprint(&self) -> bool {
        self.fingerprint.get().is_some()
    }
}

/// The extractor: a lexicon and the rules. Cheap to share across threads.
pub struct Extractor<'l> {
    lexicon: &'l Lexicon,
}

/// Facts about the actors of one article.
struct Facts<'a> {
    lexicon: &'a Lexicon,
    found: &'a [FoundActor],
    /// affiliations the text states for discovered persons
    found_affiliation: RefCell<Vec<Option<Who>>>,
    date: Option<&'a str>,
}

impl Facts<'_> {
    fn known_affiliation(&self, id: ActorId) -> Option<ActorId> {
        self.lexicon.gazetteer.role_at(id, self.date).map(|r| r.of)
    }

    /// Bodies of an organisation are coded as the organisation.
    fn coded(&self, who: Who) -> Who {
        match who {
            Who::Known(id) => Who::Known(self.lexicon.gazetteer.actor(id).parent.unwrap_or(id)),
            found => found,
        }
    }
}

impl ActorFacts for Facts<'_> {
    fn kind(&self, who: Who) -> ActorKind {
        match who {
            Who::Known(id) => self.lexicon.gazetteer.actor(id).kind,
            Who::Found(k) => self.found[k as usize].kind,
        }
    }

    fn gender(&self, who: Who) -> Option<Gender> {
        match who {
            Who::Known(id) => self.lexicon.gazetteer.actor(id).gender,
            Who::Found(k) => self.found[k as usize].gender,
        }
    }

    fn affiliation(&self, who: Who) -> Option<Who> {
        match who {
            Who::Known(id) => self.known_affiliation(id).map(Who::Known),
            Who::Found(k) => self.found_affiliation.borrow()[k as usize],
        }
    }

    fn country(&self, who: Who) -> Option<Who> {
        match who {
            Who::Known(id) => self.lexicon.gazetteer.actor(id).country.map(Who::Known),
            Who::Found(_) => None,
        }
    }

    fn has_title(&self, who: Who, title: &str) -> bool {
        match who {
            Who::Known(id) => self.lexicon.gazetteer.actor(id).roles.iter().any(|r| {
                r.titles
                    .iter()
                    .any(|t| t == title || t.ends_with(&format!(" {title}")))
            }),
            Who::Found(_) => false,
        }
    }

    fn name_starts_with(&self, who: Who, word: &str) -> bool {
        match who {
            Who::Known(id) => self
                .lexicon
                .gazetteer
                .actor(id)
                .name
                .to_lowercase()
                .starts_with(&format!("{word} ")),
            Who::Found(_) => false,
        }
    }
}

impl KindOf for Facts<'_> {
    fn kind_of(&self, who: Who) -> ActorKind {
        ActorFacts::kind(self, who)
    }
}

/// A relation before it becomes output: who, what, and where.
struct Found {
    subject: Who,
    object: Who,
    relation: crate::lexicon::RelationId,
    negated: bool,
    attributed_to: Option<Who>,
    confidence: f64,
    sentence: usize,
}

impl<'l> Extractor<'l> {
    pub fn new(lexicon: &'l Lexicon) -> Extractor<'l> {
        Extractor { lexicon }
    }

    pub fn lexicon(&self) -> &Lexicon {
        self.lexicon
    }

    /// Extracts the relations (and actor mentions) of one article.
    pub fn extract(&self, article: &Article) -> Extraction {
        let document = article.document();
        let lexicon = self.lexicon;
        let doc = Doc::new(&document, article.date.as_deref(), lexicon);
        let Mentions { list, found } = find_mentions(&doc, lexicon);
        let facts = Facts {
            lexicon,
            found: &found,
            found_affiliation: RefCell::new(found.iter().map(|f| f.affiliation).collect()),
            date: article.date.as_deref(),
        };
        let mut discourse = Discourse::default();
        let mut results: Vec<Found> = Vec::new();
        let mut mention_records: Vec<(Who, usize, usize, usize)> = Vec::new();
        let mut next = 0;
        for (si, sent) in doc.sentences.iter().enumerate() {
            let range = sent.tokens.clone();
            let first = next;
            while next < list.len() && list[next].start < range.end {
                next += 1;
            }
            let mentions = &list[first..next];
            let phrases = build_slots(&doc, lexicon, mentions, &facts);
            for a in &phrases.affiliations {
                self.note_affiliation(&facts, a, si, &mut results);
            }
            let mut slots: Vec<Slot> = phrases.slots;
            let mut pair: Vec<Option<Who>> = vec![None; slots.len()];
            let references = discourse.resolve(&doc, lexicon, si, &slots, &facts);
            let mut replaced: Vec<usize> = references.iter().filter_map(|r| r.replaces).collect();
            replaced.sort_unstable();
            for k in replaced.into_iter().rev() {
                slots.remove(k);
                pair.remove(k);
            }
            for r in references {
                let at = slots.partition_point(|s| s.start < r.slot.start);
                slots.insert(at, r.slot);
                pair.insert(at, r.pair);
            }
            let groups = coordinations(&doc, &slots);
            let mut group_of = vec![None; slots.len()];
            for (g, members) in groups.iter().enumerate() {
                for &m in members {
                    group_of[m] = Some(g);
                }
            }
            let mut slot_at: Vec<Option<u16>> = vec![None; range.len()];
            for (k, s) in slots.iter().enumerate() {
                for i in s.start.max(range.start)..s.end.min(range.end) {
                    slot_at[i - range.start] = Some(k as u16);
                }
            }
            let tags = tags::tag_sentence(&doc, range.clone(), &slots, &slot_at);
            let sentence = Sentence {
                doc: &doc,
                lexicon,
                facts: &facts,
                range: range.clone(),
                slots,
                pair,
                slot_at,
                groups,
                group_of,
                tags,
            };
            if debug_enabled() {
                debug_sentence(&sentence, &facts);
            }
            for c in rules::Rules::new(&sentence).run() {
                if debug_enabled() {
                    eprintln!(
                        "  -> {:?} {} {:?} neg={} rule={} conf={}",
                        c.subject,
                        self.lexicon.vocabulary.relation(c.relation).name,
                        c.object,
                        c.negated,
                        c.rule,
                        c.confidence
                    );
                }
                let attributed_to = attribution::speaker(&sentence, c.trigger);
                results.push(Found {
                    subject: c.subject,
                    object: c.object,
                    relation: c.relation,
                    negated: c.negated,
                    attributed_to,
                    confidence: c.confidence,
                    sentence: si,
                });
            }
            for s in &sentence.slots {
                if !matches!(
                    s.form,
                    mentions::Form::Pronoun | mentions::Form::Description
                ) {
                    mention_records.push((
                        s.who,
                        si,
                        doc.tokens[s.start].start as usize,
                        doc.tokens[s.end - 1].end as usize,
                    ));
                }
            }
            discourse.record(si, &sentence.slots, &sentence.groups, &facts);
        }
        self.finish(article, &doc, &facts, results, mention_records)
    }

    /// A stated affiliation becomes an AFFILIATION relation; for a
    /// discovered person it is also their affiliation from now on.
    fn note_affiliation(
        &self,
        facts: &Facts,
        a: &StatedAffiliation,
        si: usize,
        results: &mut Vec<Found>,
    ) {
        let of = if a.of == a.member {
            // a title alone: the person's role with that title, on the
            // article's date if it covers it ("President Bush" in 1991)
            let (Who::Known(id), Some(title)) = (a.member, &a.title) else {
                return;
            };
            let roles: Vec<&crate::lexicon::Role> = self
                .lexicon
                .gazetteer
                .actor(id)
                .roles
                .iter()
                .filter(|r| r.titles.iter().any(|t| mentions::title_fits(t, title)))
                .collect();
            let role = match facts.date {
                Some(date) => roles.iter().find(|r| r.covers(date)).or(roles.last()),
                None => roles
                    .iter()
                    .max_by_key(|r| (r.end.is_none(), r.start.clone())),
            };
            match role {
                Some(r) => Who::Known(r.of),
                None => return,
            }
        } else {
            a.of
        };
        if let Who::Found(k) = a.member {
            let mut aff = facts.found_affiliation.borrow_mut();
            if aff[k as usize].is_none() {
                aff[k as usize] = Some(of);
            }
        }
        let Some(relation) = self.lexicon.vocabulary.by_name(a.relation) else {
            return;
        };
        results.push(Found {
            subject: a.member,
            object: of,
            relation,
            negated: false,
            attributed_to: None,
            confidence: a.confidence,
            sentence: si,
        });
    }

    fn actor(&self, facts: &Facts, who: Who) -> Actor {
        let gazetteer = &self.lexicon.gazetteer;
        let code_of = |w: Who| -> Option<String> {
            match facts.coded(w) {
                Who::Known(id) => gazetteer
                    .actor(id)
                    .code
                    .clone()
                    .or_else(|| Some(gazetteer.actor(id).name.clone())),
                Who::Found(k) => facts.found[k as usize]
                    .code
                    .clone()
                    .or_else(|| Some(facts.found[k as usize].name.clone())),
            }
        };
        match facts.coded(who) {
            Who::Known(id) => {
                let entry = gazetteer.actor(id);
                let affiliation = if entry.kind == ActorKind::Person {
                    facts.affiliation(who).and_then(code_of)
                } else {
                    None
                };
                Actor {
                    name: entry.name.clone(),
                    code: if entry.kind == ActorKind::Person {
                        None
                    } else {
                        entry.code.clone()
                    },
                    kind: entry.kind,
                    affiliation,
                }
            }
            Who::Found(k) => {
                let f = &facts.found[k as usize];
                let affiliation = if f.kind == ActorKind::Person {
                    facts.found_affiliation.borrow()[k as usize].and_then(code_of)
                } else {
                    None
                };
                Actor {
                    name: f.name.clone(),
                    code: f.code.clone(),
                    kind: f.kind,
                    affiliation,
                }
            }
        }
    }

    fn finish(
        &self,
        article: &Article,
        doc: &Doc,
        facts: &Facts,
        results: Vec<Found>,
        mentions: Vec<(Who, usize, usize, usize)>,
    ) -> Extraction {
        let vocabulary = &self.lexicon.vocabulary;
        let mut relations: Vec<Relation> = Vec::new();
        for f in results {
            let (subject, object) = (facts.coded(f.subject), facts.coded(f.object));
            if subject == object {
                continue;
            }
            let rtype = vocabulary.relation(f.relation);
            // a person acting on the country they serve is internal politics
            if rtype.category != Category::Affiliation
                && (facts.affiliation(subject).map(|a| facts.coded(a)) == Some(object)
                    || facts.affiliation(object).map(|a| facts.coded(a)) == Some(subject))
            {
                continue;
            }
            let sent = &doc.sentences[f.sentence];
            let relation = Relation {
                subject: self.actor(facts, subject),
                relation: rtype.name.clone(),
                category: rtype.category,
                object: self.actor(facts, object),
                negated: f.negated,
                attributed_to: f.attributed_to.map(|w| self.actor(facts, w)),
                symmetric: rtype.symmetric,
                weight: rtype.weight,
                confidence: (f.confidence * 100.0).round() / 100.0,
                evidence: Evidence {
                    article: article.id.clone(),
                    sentence: f.sentence,
                    start: sent.start,
                    end: sent.end,
                    text: doc.text[sent.start..sent.end].to_string(),
                },
            };
            let duplicate = relations.iter().any(|r| {
                r.evidence.sentence == relation.evidence.sentence
                    && r.relation == relation.relation
                    && r.negated == relation.negated
                    && (r.subject.key() == relation.subject.key()
                        && r.object.key() == relation.object.key()
                        || relation.symmetric
                            && r.subject.key() == relation.object.key()
                            && r.object.key() == relation.subject.key())
            });
            if !duplicate {
                relations.push(relation);
            }
        }
        let mentions = mentions
            .into_iter()
            .map(|(who, sentence, start, end)| MentionRecord {
                actor: self.actor(facts, who),
                sentence,
                start,
                end,
            })
            .collect();
        Extraction {
            relations,
            mentions,
            fingerprint: Default::default(),
        }
    }
}

/// `GEOKG_DEBUG=1` prints each sentence's tags, slots and candidates to
/// stderr: the quickest way to see why a rule did or did not fire.
fn debug_enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("GEOKG_DEBUG").is_some_and(|v| v != "0"))
}

fn debug_sentence(s: &Sentence, facts: &Facts) {
    let mut line = String::new();
    for i in s.range.clone() {
        line.push_str(&format!("{}/{:?} ", s.doc.word(i), s.tag(i)));
    }
    eprintln!("[{}] {}", s.doc.sentence_of[s.range.start], line);
    for (k, slot) in s.slots.iter().enumerate() {
        let name = match slot.who {
            Who::Known(id) => facts.lexicon.gazetteer.actor(id).name.clone(),
            Who::Found(f) => format!("{} (found)", facts.found[f as usize].name),
        };
        eprintln!(
            "  slot {k}: {}..{} {:?} {} group={:?} pair={:?}",
            slot.start, slot.end, slot.form, name, s.group_of[k], s.pair[k]
        );
    }
}
