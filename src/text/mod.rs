//! Stage 1 of the pipeline: from bytes to articles, sentences and tokens.
//!
//! `input` streams articles out of files, directories, JSONL and stdin;
//! `article` parses one article; `tokens` and `sentences` cut a document into
//! the units extraction works on. Nothing here knows about actors.

pub mod article;
pub mod input;
pub mod sentences;
pub mod tokens;

pub use article::{ArticleError, parse_article_file, parse_json_article};
pub use input::{ArticleStream, InputError, InputErrorKind, Origin, read_articles};
pub use sentences::{Sentence, split_sentences};
pub use tokens::{Case, Token, TokenKind, tokenize};
