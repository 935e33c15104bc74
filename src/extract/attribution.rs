//! Attribution: a relation stated inside reported speech keeps the speaker
//! ("Biden said China has not sent weapons" → attributed to Biden).

use super::mentions::Who;
use super::sentence::Sentence;
use super::tags::Tag;
use crate::lexicon::WordClass;

/// The speaker whose report contains the token `trigger`, if any: "X said
/// (that) …", "… , X said", "…, said X", "according to X".
pub fn speaker(s: &Sentence, trigger: usize) -> Option<Who> {
    let is_speech = |j: usize| s.tag(j) == Tag::Verb && s.is_class(j, WordClass::SPEECH_VERB);
    // before: "X said (that) ..."
    for v in (s.range.start..trigger).rev() {
        if is_speech(v) {
            let g = s.verb_group(v);
            if let Some(slot) = s.subject_left(g.start, None) {
                return Some(s.slots[slot].who);
            }
        }
    }
    // after: "..., X said" / "..., said X"
    for v in trigger + 1..s.end() {
        if is_speech(v) {
            let g = s.verb_group(v);
            if g.start > s.range.start
                && matches!(s.tag(g.start - 1), Tag::Comma | Tag::Quote | Tag::Actor)
            {
                if let Some(slot) = s.subject_left(g.start, None) {
                    return Some(s.slots[slot].who);
                }
                if let Some((_, Some(slot))) = s.np_right(v + 1) {
                    return Some(s.slots[slot].who);
                }
            }
        }
        if s.lower(v) == "according"
            && v + 2 < s.end()
            && s.lower(v + 1) == "to"
            && let Some((_, Some(slot))) = s.np_right(v + 2)
        {
            return Some(s.slots[slot].who);
        }
    }
    None
}
