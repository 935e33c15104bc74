//! Parsing one article: the article file format of `spec/ontology.md` and
//! one JSONL record.

use crate::model::Article;
use serde::Deserialize;

/// Why one article could not be read. The caller adds the file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArticleError {
    #[error("the article is empty")]
    Empty,
    #[error("header line {line}: date `{value}` is not YYYY-MM-DD")]
    BadHeaderDate { line: usize, value: String },
    #[error("date `{0}` is not YYYY-MM-DD")]
    BadDate(String),
    #[error("not a JSON object: {0}")]
    Json(String),
    #[error("the JSON object has no `text` field")]
    MissingText,
}

const HEADER_KEYS: [&str; 5] = ["title", "date", "source", "url", "id"];

/// Parses an article file. `default_id` (the file stem) is used when the
/// header has no `id`.
///
/// A header is recognised only when every line before the first `---` line
/// is a `key: value` pair with a known key, so a body that happens to contain
/// `---` is not mistaken for one.
pub fn parse_article_file(content: &str, default_id: &str) -> Result<Article, ArticleError> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let mut article = Article {
        id: default_id.to_string(),
        title: None,
        date: None,
        source: None,
        url: None,
        text: String::new(),
    };
    let body = match split_header(content) {
        Some((header, body)) => {
            for (index, line) in header.lines().enumerate() {
                let Some((key, value)) = line.split_once(':') else {
                    continue;
                };
                let value = value.trim();
                if value.is_empty() {
                    continue;
                }
                match key.trim().to_ascii_lowercase().as_str() {
                    "title" => article.title = Some(value.to_string()),
                    "date" => {
                        article.date = Some(normalize_date(value).ok_or_else(|| {
                            ArticleError::BadHeaderDate {
                                line: index + 1,
                                value: value.to_string(),
                            }
                        })?)
                    }
                    "source" => article.source = Some(value.to_string()),
                    "url" => article.url = Some(value.to_string()),
                    "id" => article.id = value.to_string(),
                    _ => {}
                }
            }
            body
        }
        None => {
            let (title, body) = split_plain_title(content);
            article.title = title.map(str::to_string);
            body
        }
    };
    article.text = body.trim().to_string();
    if article.text.is_empty() && article.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        return Err(ArticleError::Empty);
    }
    Ok(article)
}

fn split_header(content: &str) -> Option<(&str, &str)> {
    let mut offset = 0;
    for line in content.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed == "---" {
            if offset == 0 {
                return None;
            }
            return Some((&content[..offset], &content[offset + line.len()..]));
        }
        if !trimmed.is_empty() {
            let key = trimmed.split_once(':')?.0.trim().to_ascii_lowercase();
            if !HEADER_KEYS.contains(&key.as_str()) {
                return None;
            }
        }
        offset += line.len();
    }
    None
}

/// A plain-text article's first line is its title if a blank line follows it,
/// or if it is short and has no final full stop.
fn split_plain_title(content: &str) -> (Option<&str>, &str) {
    let content = content.trim_start();
    let Some((first, rest)) = content.split_once('\n') else {
        return (None, content);
    };
    let first_trimmed = first.trim();
    let blank_follows = rest.lines().next().is_some_and(|l| l.trim().is_empty());
    let short_unfinished = first_trimmed.split_whitespace().count() <= 16
        && !first_trimmed.ends_with(['.', '!', '?', '"', '”']);
    if !first_trimmed.is_empty() && !rest.trim().is_empty() && (blank_follows || short_unfinished) {
        (Some(first_trimmed), rest)
    } else {
        (None, content)
    }
}

/// Accepts `YYYY-MM-DD` (and a longer ISO timestamp, cut to its date).
pub fn normalize_date(value: &str) -> Option<String> {
    let value = value.trim();
    let date = value.get(..10)?;
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    if value.len() > 10 && !value[10..].starts_with(['T', ' ']) {
        return None;
    }
    let month: u32 = date[5..7].parse().ok()?;
    let day: u32 = date[8..10].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(date.to_string())
}

#[derive(Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
    text: Option<String>,
}

/// Parses one JSONL record. `default_id` is used when the record has no `id`.
pub fn parse_json_article(line: &str, default_id: &str) -> Result<Article, ArticleError> {
    let record: JsonArticle =
        serde_json::from_str(line).map_err(|e| ArticleError::Json(e.to_string()))?;
    let text = record.text.ok_or(ArticleError::MissingText)?;
    let id = match record.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => default_id.to_string(),
    };
    let date = match record.date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => Some(normalize_date(d).ok_or_else(|| ArticleError::BadDate(d.to_string()))?),
    };
    let title = record.title.filter(|t| !t.trim().is_empty());
    if text.trim().is_empty() && title.is_none() {
        return Err(ArticleError::Empty);
    }
    Ok(Article {
        id,
        title,
        date,
        source: record.source,
        url: record.url,
        text: text.trim().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_parsed_and_closed_by_dashes() {
        let a = parse_article_file(
            "title: Russia and China\ndate: 2022-09-20\nsource: AP\n---\nRussia met China.\n",
            "stem",
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Russia and China"));
        assert_eq!(a.date.as_deref(), Some("2022-09-20"));
        assert_eq!(a.source.as_deref(), Some("AP"));
        assert_eq!(a.id, "stem");
        assert_eq!(a.text, "Russia met China.");
    }

    #[test]
    fn header_id_overrides_stem() {
        let a = parse_article_file("id: seed-1\n---\nText.", "stem").unwrap();
        assert_eq!(a.id, "seed-1");
    }

    #[test]
    fn bad_header_date_names_the_line() {
        let e = parse_article_file("title: x\ndate: 20 Sept 2022\n---\nText.", "s").unwrap_err();
        assert_eq!(
            e,
            ArticleError::BadHeaderDate {
                line: 2,
                value: "20 Sept 2022".into()
            }
        );
    }

    #[test]
    fn body_with_dashes_is_not_a_header() {
        let a = parse_article_file("Some text here.\n---\nMore text.", "s").unwrap();
        assert!(a.text.contains("---"));
        assert_eq!(a.title, None);
    }

    #[test]
    fn plain_text_title_rules() {
        let a = parse_article_file("Russia Invades Ukraine\n\nTroops crossed.", "s").unwrap();
        assert_eq!(a.title.as_deref(), Some("Russia Invades Ukraine"));
        assert_eq!(a.text, "Troops crossed.");
        let b = parse_article_file("Short headline\nTroops crossed.", "s").unwrap();
        assert_eq!(b.title.as_deref(), Some("Short headline"));
        let c = parse_article_file("A full sentence ends here.\nAnother one.", "s").unwrap();
        assert_eq!(c.title, None);
        let d = parse_article_file("Only one line.", "s").unwrap();
        assert_eq!(d.title, None);
        assert_eq!(d.text, "Only one line.");
    }

    #[test]
    fn empty_article_is_an_error() {
        assert_eq!(parse_article_file("  \n\n", "s"), Err(ArticleError::Empty));
        assert_eq!(
            parse_article_file("title: x\n---\n\n", "s").map(|a| a.title),
            Ok(Some("x".into())),
            "a title alone is still an article"
        );
        assert_eq!(
            parse_article_file("id: x\n---\n\n", "s"),
            Err(ArticleError::Empty)
        );
    }

    #[test]
    fn json_article_fields() {
        let a = parse_json_article(
            r#"{"id": 17, "title": "T", "date": "2004-08-01T10:00:00", "text": " Body. ", "extra": 1}"#,
            "file:1",
        )
        .unwrap();
        assert_eq!(a.id, "17");
        assert_eq!(a.date.as_deref(), Some("2004-08-01"));
        assert_eq!(a.text, "Body.");
        let no_id = parse_json_article(r#"{"text": "x"}"#, "file:3").unwrap();
        assert_eq!(no_id.id, "file:3");
        assert_eq!(
            parse_json_article(r#"{"id": "x"}"#, "f"),
            Err(ArticleError::MissingText)
        );
        assert!(matches!(
            parse_json_article("{not json", "f"),
            Err(ArticleError::Json(_))
        ));
        assert!(matches!(
            parse_json_article(r#"{"text": "x", "date": "May 2004"}"#, "f"),
            Err(ArticleError::BadDate(_))
        ));
    }

    #[test]
    fn dates_are_validated() {
        assert_eq!(normalize_date("2022-09-20"), Some("2022-09-20".into()));
        assert_eq!(normalize_date("2022-13-01"), None);
        assert_eq!(normalize_date("2022-09-20x"), None);
        assert_eq!(normalize_date("22-09-20"), None);
    }
}
