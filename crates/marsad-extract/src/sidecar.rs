//! A crawler's TSV sidecar (`--meta`): hints per page, matched by file name.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::{Error, Hints, Record};

/// A crawler's TSV sidecar: a header row naming the columns `file`, `published` and
/// optionally `url` and `outlet`, then one row per page. A page matches a row by its
/// path as given or by its file name.
#[derive(Debug, Clone, Default)]
pub struct Sidecar {
    rows: HashMap<String, Hints>,
}

impl Sidecar {
    /// Reads a sidecar file.
    pub fn read(path: &Path) -> Result<Sidecar, Error> {
        let text = fs::read_to_string(path).map_err(|e| Error::Io(e).with_file(path))?;
        Sidecar::parse(&text).map_err(|e| e.with_file(path))
    }

    /// Parses sidecar text.
    pub fn parse(text: &str) -> Result<Sidecar, Error> {
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let Some((_, header)) = lines.next() else {
            return Ok(Sidecar::default());
        };
        let cols: Vec<String> = header
            .split('\t')
            .map(|c| c.trim().to_ascii_lowercase())
            .collect();
        let col = |name: &str| cols.iter().position(|c| c == name);
        let file_col = col("file").ok_or_else(|| {
            Error::Malformed {
                what: "TSV header",
                why: format!("no \"file\" column in {header:?}"),
            }
            .with_record(Record::Line(1))
        })?;
        let (published, url, outlet) = (col("published"), col("url"), col("outlet"));
        let mut rows = HashMap::new();
        for (n, line) in lines {
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            let get = |c: Option<usize>| {
                c.and_then(|c| cells.get(c))
                    .filter(|v| !v.is_empty())
                    .map(|v| v.to_string())
            };
            let Some(file) = get(Some(file_col)) else {
                return Err(Error::Malformed {
                    what: "TSV row",
                    why: "empty \"file\" cell".into(),
                }
                .with_record(Record::Line(n + 1)));
            };
            rows.insert(
                file,
                Hints {
                    published: get(published),
                    url: get(url),
                    outlet: get(outlet),
                    ..Hints::default()
                },
            );
        }
        Ok(Sidecar { rows })
    }

    /// The hints for a page at `path`: by the path as given, else by file name.
    pub fn hints_for(&self, path: &Path) -> Hints {
        let by_path = self.rows.get(path.to_string_lossy().as_ref());
        let by_name = || {
            path.file_name()
                .and_then(|n| self.rows.get(n.to_string_lossy().as_ref()))
        };
        by_path.or_else(by_name).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_matches_by_file_name() {
        let s = Sidecar::parse("file\tpublished\n000.txt\t2023-09-26\n004.txt\t\n").unwrap();
        assert_eq!(
            s.hints_for(Path::new("corpus/seeds/000.txt"))
                .published
                .as_deref(),
            Some("2023-09-26")
        );
        assert_eq!(s.hints_for(Path::new("004.txt")).published, None);
        assert!(Sidecar::parse("name\tpublished\n").is_err());
    }
}
