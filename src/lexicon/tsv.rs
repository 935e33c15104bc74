//! Reading the tab-separated seed files with line numbers, so every
//! validation error can say where to look.

use super::LexiconError;
use serde::de::DeserializeOwned;

/// Deserializes every data row of a TSV file (header row, `#` comments,
/// blank lines skipped). Returns each row with its 1-based line number.
pub fn read_rows<T: DeserializeOwned>(
    file: &str,
    content: &str,
) -> Result<Vec<(usize, T)>, LexiconError> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .comment(Some(b'#'))
        .quoting(false)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(content.as_bytes());
    let mut rows = Vec::new();
    for record in reader.deserialize::<T>() {
        match record {
            Ok(row) => {
                // the csv reader already consumed the row; its position is the
                // start of the row just read
                rows.push((0, row));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("expected {expected_len} tab-separated fields, found {len}"),
                    csv::ErrorKind::Deserialize { err, .. } => err.to_string(),
                    _ => e.to_string(),
                };
                return Err(LexiconError::at(file, line, message));
            }
        }
    }
    // Line numbers: recount data lines, since `deserialize` does not expose
    // the position of successful records.
    let data_lines = data_line_numbers(content);
    for ((line, _), number) in rows.iter_mut().zip(data_lines.into_iter().skip(1)) {
        *line = number;
    }
    Ok(rows)
}

/// 1-based numbers of the lines that hold a header or data row.
fn data_line_numbers(content: &str) -> Vec<usize> {
    content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, _)| i + 1)
        .collect()
}

/// Splits a `|`-separated field into its non-empty values.
pub fn list(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Lines of a one-entry-per-line word list, without comments and blanks.
pub fn word_lines(content: &str) -> impl Iterator<Item = (usize, &str)> {
    content
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    struct Row {
        code: String,
        name: String,
    }

    #[test]
    fn rows_carry_their_line_numbers() {
        let rows: Vec<(usize, Row)> = read_rows(
            "t.tsv",
            "# comment\ncode\tname\n\nRUS\tRussia\n# another\nCHN\tChina\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].0, rows[0].1.code.as_str()), (4, "RUS"));
        assert_eq!((rows[1].0, rows[1].1.name.as_str()), (6, "China"));
    }

    #[test]
    fn wrong_field_count_names_file_and_line() {
        let err = read_rows::<Row>("t.tsv", "code\tname\nRUS\tRussia\nCHN\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.tsv:3: expected 2 tab-separated fields, found 1"
        );
    }

    #[test]
    fn list_splits_on_bars() {
        assert_eq!(list(" a | b||c ").collect::<Vec<_>>(), ["a", "b", "c"]);
    }
}
