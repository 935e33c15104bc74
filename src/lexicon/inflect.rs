//! English inflection for lexicon entries: the lexicon lists lemmas ("meet",
//! "sanction") and matching needs every form ("met", "meeting", "sanctions").
//! Where the spelling rule is uncertain (doubling a final consonant) both
//! spellings are produced: an unused form costs nothing.

use rustc_hash::FxHashMap as HashMap;

/// The grammatical form of a verb token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbForm {
    Base,
    ThirdPerson,
    Past,
    Participle,
    Gerund,
}

/// Irregular verbs: lemma → (past forms, participle forms).
#[derive(Default)]
pub struct Irregulars {
    forms: HashMap<String, (Vec<String>, Vec<String>)>,
}

impl Irregulars {
    pub fn insert(&mut self, base: &str, past: Vec<String>, participle: Vec<String>) {
        self.forms.insert(base.to_string(), (past, participle));
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Consonant–vowel–consonant ending, where the final consonant may double
/// ("ban" → "banned"; "visit" → "visited" too, both are produced).
fn may_double(word: &str) -> bool {
    let b = word.as_bytes();
    let n = b.len();
    n >= 3
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

/// All forms of a verb lemma with their grammatical form.
pub fn verb_forms(lemma: &str, irregulars: &Irregulars) -> Vec<(String, VerbForm)> {
    let mut out = vec![(lemma.to_string(), VerbForm::Base)];
    let b = lemma.as_bytes();
    let n = b.len();
    if n == 0 {
        return out;
    }
    let last = b[n - 1];
    // third person
    let third = if lemma.ends_with("s")
        || lemma.ends_with("x")
        || lemma.ends_with("z")
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
        || lemma.ends_with('o')
    {
        format!("{lemma}es")
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        format!("{}ies", &lemma[..n - 1])
    } else {
        format!("{lemma}s")
    };
    out.push((third, VerbForm::ThirdPerson));
    // gerund
    let stem_ing = if lemma.ends_with("ie") {
        format!("{}ying", &lemma[..n - 2])
    } else if last == b'e'
        && !lemma.ends_with("ee")
        && !lemma.ends_with("ye")
        && !lemma.ends_with("oe")
        && n > 2
    {
        format!("{}ing", &lemma[..n - 1])
    } else {
        format!("{lemma}ing")
    };
    out.push((stem_ing, VerbForm::Gerund));
    if may_double(lemma) {
        out.push((format!("{lemma}{}ing", last as char), VerbForm::Gerund));
    }
    match irregulars.forms.get(lemma) {
        Some((past, participle)) => {
            out.extend(past.iter().map(|p| (p.clone(), VerbForm::Past)));
            out.extend(participle.iter().map(|p| (p.clone(), VerbForm::Participle)));
        }
        None => {
            let ed = if last == b'e' {
                format!("{lemma}d")
            } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
                format!("{}ied", &lemma[..n - 1])
            } else {
                format!("{lemma}ed")
            };
            out.push((ed.clone(), VerbForm::Past));
            out.push((ed, VerbForm::Participle));
            if may_double(lemma) {
                let doubled = format!("{lemma}{}ed", last as char);
                out.push((doubled.clone(), VerbForm::Past));
                out.push((doubled, VerbForm::Participle));
            }
        }
    }
    out
}

/// Singular and plural of a noun ("sanction" → "sanctions"; "ally" →
/// "allies"). Words already plural or uncountable keep their own form too.
pub fn noun_forms(noun: &str) -> Vec<String> {
    let n = noun.len();
    let b = noun.as_bytes();
    let mut out = vec![noun.to_string()];
    if n == 0 {
        return out;
    }
    let plural = if noun.ends_with("s")
        || noun.ends_with("x")
        || noun.ends_with("z")
        || noun.ends_with("ch")
        || noun.ends_with("sh")
    {
        if noun.ends_with("ss") || !noun.ends_with('s') {
            format!("{noun}es")
        } else {
            return out; // already plural: "talks", "relations"
        }
    } else if b[n - 1] == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        format!("{}ies", &noun[..n - 1])
    } else {
        format!("{noun}s")
    };
    out.push(plural);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(lemma: &str) -> Vec<String> {
        let mut irregulars = Irregulars::default();
        irregulars.insert("meet", vec!["met".into()], vec!["met".into()]);
        verb_forms(lemma, &irregulars)
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    #[test]
    fn regular_verbs() {
        let f = forms("invade");
        for form in ["invade", "invades", "invading", "invaded"] {
            assert!(f.contains(&form.to_string()), "{form} in {f:?}");
        }
        let f = forms("ban");
        assert!(f.contains(&"banned".to_string()) && f.contains(&"banning".to_string()));
        let f = forms("visit");
        assert!(f.contains(&"visited".to_string()) && f.contains(&"visiting".to_string()));
        let f = forms("deny");
        assert!(f.contains(&"denied".to_string()) && f.contains(&"denies".to_string()));
        let f = forms("agree");
        assert!(f.contains(&"agreed".to_string()) && f.contains(&"agreeing".to_string()));
        assert!(forms("reach").contains(&"reaches".to_string()));
    }

    #[test]
    fn irregular_verbs_replace_ed() {
        let f = forms("meet");
        assert!(f.contains(&"met".to_string()) && f.contains(&"meeting".to_string()));
        assert!(!f.contains(&"meeted".to_string()));
    }

    #[test]
    fn nouns() {
        assert_eq!(noun_forms("sanction"), ["sanction", "sanctions"]);
        assert_eq!(noun_forms("ally"), ["ally", "allies"]);
        assert_eq!(noun_forms("talks"), ["talks"]);
        assert_eq!(noun_forms("embargo"), ["embargo", "embargos"]);
        assert_eq!(noun_forms("crash"), ["crash", "crashes"]);
    }
}
