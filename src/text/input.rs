//! Streaming articles out of files, directories, JSONL and stdin.
//!
//! Inputs are opened one at a time and JSONL is read line by line, so memory
//! stays bounded by the largest single article, whatever the input size. A
//! bad file or line becomes one `Err` item and the stream goes on.

use super::article::{ArticleError, parse_article_file, parse_json_article};
use crate::model::Article;
use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Where an article (or a failure) came from: a file, and for JSONL a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: String,
    pub line: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => f.write_str(&self.path),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InputErrorKind {
    #[error("no such file or directory")]
    NotFound,
    #[error("{0}")]
    Io(String),
    #[error("not valid UTF-8 text")]
    NotUtf8,
    #[error("contains no .txt or .jsonl articles")]
    NoArticles,
    #[error("{0}")]
    Article(#[from] ArticleError),
    #[error("{0}")]
    Internal(String),
}

/// One input that could not be read, with its location.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {kind}")]
pub struct InputError {
    pub origin: Origin,
    pub kind: InputErrorKind,
}

/// The article id a file gives when its header has none: its stem.
fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

fn is_jsonl(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "jsonl")
}

fn is_article_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "txt" || e == "jsonl")
}

enum Pending {
    Path(PathBuf),
    Stdin,
}

struct JsonlCursor {
    reader: Box<dyn BufRead + Send>,
    path: String,
    stem: String,
    line: usize,
}

/// An iterator of articles over the given inputs (`-` is stdin).
pub struct ArticleStream {
    pending: VecDeque<Pending>,
    jsonl: Option<JsonlCursor>,
}

/// Streams the articles of `inputs`: article files, JSONL files, directories
/// (recursively, `*.txt` and `*.jsonl`, in name order) and `-` for stdin.
pub fn read_articles<P: AsRef<Path>>(inputs: &[P]) -> ArticleStream {
    let pending = inputs
        .iter()
        .map(|p| {
            let p = p.as_ref();
            if p == Path::new("-") {
                Pending::Stdin
            } else {
                Pending::Path(p.to_path_buf())
            }
        })
        .collect();
    ArticleStream {
        pending,
        jsonl: None,
    }
}

type Item = Result<(Article, Origin), InputError>;

impl Iterator for ArticleStream {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(cursor) = &mut self.jsonl {
                match next_json_line(cursor) {
                    Some(item) => return Some(item),
                    None => self.jsonl = None,
                }
            }
            match self.pending.pop_front()? {
                Pending::Stdin => {
                    if let Some(item) = self.open_stdin() {
                        return Some(item);
                    }
                }
                Pending::Path(path) => {
                    if let Some(item) = self.open_path(path) {
                        return Some(item);
                    }
                }
            }
        }
    }
}

impl ArticleStream {
    fn open_path(&mut self, path: PathBuf) -> Option<Item> {
        let origin = Origin {
            path: path.display().to_string(),
            line: None,
        };
        let fail = |kind| {
            Some(Err(InputError {
                origin: origin.clone(),
                kind,
            }))
        };
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return fail(InputErrorKind::NotFound),
            Err(e) => return fail(InputErrorKind::Io(e.to_string())),
        };
        if meta.is_dir() {
            let mut files = Vec::new();
            if let Err(e) = collect_article_files(&path, &mut files) {
                return fail(InputErrorKind::Io(e.to_string()));
            }
            if files.is_empty() {
                return fail(InputErrorKind::NoArticles);
            }
            for file in files.into_iter().rev() {
                self.pending.push_front(Pending::Path(file));
            }
            return None;
        }
        if is_jsonl(&path) {
            match File::open(&path) {
                Ok(file) => {
                    self.jsonl = Some(JsonlCursor {
                        reader: Box::new(BufReader::with_capacity(1 << 16, file)),
                        path: origin.path.clone(),
                        stem: file_stem(&path),
                        line: 0,
                    });
                    return None;
                }
                Err(e) => return fail(InputErrorKind::Io(e.to_string())),
            }
        }
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => return fail(InputErrorKind::Io(e.to_string())),
        };
        let Ok(content) = String::from_utf8(bytes) else {
            return fail(InputErrorKind::NotUtf8);
        };
        Some(
            parse_article_file(&content, &file_stem(&path))
                .map(|a| (a, origin.clone()))
                .map_err(|e| InputError {
                    origin,
                    kind: e.into(),
                }),
        )
    }

    /// Stdin holds JSONL when its first non-blank byte is `{`, else one article.
    fn open_stdin(&mut self) -> Option<Item> {
        let origin = Origin {
            path: "<stdin>".into(),
            line: None,
        };
        let mut reader = BufReader::with_capacity(1 << 16, io::stdin());
        let first = loop {
            let buf = match reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) => {
                    return Some(Err(InputError {
                        origin,
                        kind: InputErrorKind::Io(e.to_string()),
                    }));
                }
            };
            if buf.is_empty() {
                break None;
            }
            match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                Some(i) => break Some(buf[i]),
                None => {
                    let n = buf.len();
                    reader.consume(n);
                }
            }
        };
        if first == Some(b'{') {
            self.jsonl = Some(JsonlCursor {
                reader: Box::new(reader),
                path: origin.path,
                stem: "stdin".into(),
                line: 0,
            });
            return None;
        }
        let mut bytes = Vec::new();
        if let Err(e) = reader.read_to_end(&mut bytes) {
            return Some(Err(InputError {
                origin,
                kind: InputErrorKind::Io(e.to_string()),
            }));
        }
        let Ok(content) = String::from_utf8(bytes) else {
            return Some(Err(InputError {
                origin,
                kind: InputErrorKind::NotUtf8,
            }));
        };
        Some(
            parse_article_file(&content, "stdin")
                .map(|a| (a, origin.clone()))
                .map_err(|e| InputError {
                    origin,
                    kind: e.into(),
                }),
        )
    }
}

fn next_json_line(cursor: &mut JsonlCursor) -> Option<Item> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        cursor.line += 1;
        let origin = Origin {
            path: cursor.path.clone(),
            line: Some(cursor.line),
        };
        match cursor.reader.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                return Some(Err(InputError {
                    origin,
                    kind: InputErrorKind::Io(e.to_string()),
                }));
            }
        }
        let Ok(line) = std::str::from_utf8(&buf) else {
            return Some(Err(InputError {
                origin,
                kind: InputErrorKind::NotUtf8,
            }));
        };
        if line.trim().is_empty() {
            continue;
        }
        let default_id = format!("{}:{}", cursor.stem, cursor.line);
        return Some(
            parse_json_article(line, &default_id)
                .map(|a| (a, origin.clone()))
                .map_err(|e| InputError {
                    origin,
                    kind: e.into(),
                }),
        );
    }
}

fn collect_article_files(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_article_files(&path, out)?;
        } else if is_article_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        let mut f = File::create(&path).unwrap();
        f.write_all(content).unwrap();
        path
    }

    #[test]
    fn directory_is_walked_recursively_in_order() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.txt", b"Second article text.");
        write(dir.path(), "a.txt", b"First article text.");
        write(
            dir.path(),
            "sub/c.jsonl",
            b"{\"id\":\"c1\",\"text\":\"x\"}\n\n{\"id\":\"c2\",\"text\":\"y\"}\n",
        );
        write(dir.path(), "notes.md", b"ignored");
        let ids: Vec<String> = read_articles(&[dir.path()])
            .map(|r| r.unwrap().0.id)
            .collect();
        assert_eq!(ids, ["a", "b", "c1", "c2"]);
    }

    #[test]
    fn bad_jsonl_line_is_reported_and_the_rest_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "items.jsonl",
            b"{\"id\":\"1\",\"text\":\"ok\"}\n{broken\n{\"id\":\"3\",\"text\":\"ok\"}\n",
        );
        let items: Vec<_> = read_articles(&[&path]).collect();
        assert_eq!(items.len(), 3);
        assert!(items[0].is_ok() && items[2].is_ok());
        let err = items[1].as_ref().unwrap_err();
        assert_eq!(err.origin.line, Some(2));
        assert!(
            err.to_string()
                .starts_with(&format!("{}:2: not a JSON object", path.display()))
        );
    }

    #[test]
    fn missing_file_and_empty_dir_and_bad_utf8_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let latin1 = write(dir.path(), "latin1.txt", b"caf\xe9 au lait");
        let missing = dir.path().join("missing.txt");
        let errors: Vec<String> = read_articles(&[&missing, &empty, &latin1])
            .map(|r| r.unwrap_err().kind.to_string())
            .collect();
        assert_eq!(
            errors,
            [
                "no such file or directory",
                "contains no .txt or .jsonl articles",
                "not valid UTF-8 text"
            ]
        );
    }

    #[test]
    fn jsonl_without_ids_gets_stem_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "feed.jsonl",
            b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n",
        );
        let ids: Vec<String> = read_articles(&[path]).map(|r| r.unwrap().0.id).collect();
        assert_eq!(ids, ["feed:1", "feed:2"]);
    }
}
