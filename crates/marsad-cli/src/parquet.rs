//! `marsad export --format parquet`: the rows of the CSV export (documents, or events with
//! `--events`) as an Apache Parquet file, built only with `--features parquet`.
//!
//! Written with the `parquet` crate's low-level API (a schema in Parquet's message
//! syntax, then each column's values and definition levels per row group), with its
//! default features off: no Arrow. The Arrow writer would only turn our rows into Arrow
//! arrays before the same column writers saw them, and arrow-rs (arrow-array,
//! arrow-select, arrow-ipc, …) is most of the crate's build time; the low-level API
//! needs only the Parquet core. The one codec enabled is GZIP through `flate2` with
//! `zlib-rs`, the very build of it the WARC reader uses, so compression adds no crate.
//!
//! Columns are typed where the CSV's cells are numbers (`chars`, `entities`, `events`:
//! INT64; `confidence`: DOUBLE); every other column is a UTF-8 string, null where the CSV
//! cell is empty because the value is absent. Lists (`other_actors`, `about`) are joined
//! by `; ` as in the CSV, so that both files have the same columns and read the same.
//! Rows are buffered a row group at a time ([`ROW_GROUP`] rows), so memory stays bounded
//! whatever the size of the store.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

/// Rows per row group: large enough for columnar reads to pay, small enough that a
/// group of events with their evidence sentences stays a few tens of MB.
const ROW_GROUP: usize = 32_768;

/// The type of a column.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text, null when absent.
    Text,
    /// A 64-bit integer, always present.
    Int,
    /// A double, always present.
    Real,
}

/// One cell of a row, of its column's [`Kind`].
pub enum Cell {
    /// A text cell (`None`: null).
    Text(Option<String>),
    /// An integer cell.
    Int(i64),
    /// A double cell.
    Real(f64),
}

/// A column's values of the row group being filled.
enum Values {
    Text {
        values: Vec<ByteArray>,
        /// Definition levels: 1 for a value, 0 for null.
        defined: Vec<i16>,
    },
    Int(Vec<i64>),
    Real(Vec<f64>),
}

/// A Parquet file being written, a row at a time.
pub struct Writer {
    // Buffered inside (the crate's `TrackedWrite` is a `BufWriter`).
    file: SerializedFileWriter<File>,
    columns: Vec<Values>,
    rows: usize,
    path: String,
}

impl Writer {
    /// Creates `path` with one column per `(name, kind)`, in order; `message` names the
    /// schema (`document`, `event`).
    pub fn create(path: &Path, message: &str, columns: &[(&str, Kind)]) -> anyhow::Result<Writer> {
        let fields: String = columns
            .iter()
            .map(|(name, kind)| match kind {
                Kind::Text => format!("OPTIONAL BYTE_ARRAY {name} (UTF8); "),
                Kind::Int => format!("REQUIRED INT64 {name}; "),
                Kind::Real => format!("REQUIRED DOUBLE {name}; "),
            })
            .collect();
        let schema = parse_message_type(&format!("message {message} {{ {fields}}}"))
            .context("the Parquet schema")?;
        let props = WriterProperties::builder()
            .set_compression(Compression::GZIP(Default::default()))
            .set_created_by(format!("marsad {}", env!("CARGO_PKG_VERSION")))
            .build();
        let out = File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let file = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(props))?;
        let columns = columns
            .iter()
            .map(|(_, kind)| match kind {
                Kind::Text => Values::Text {
                    values: Vec::new(),
                    defined: Vec::new(),
                },
                Kind::Int => Values::Int(Vec::new()),
                Kind::Real => Values::Real(Vec::new()),
            })
            .collect();
        Ok(Writer {
            file,
            columns,
            rows: 0,
            path: path.display().to_string(),
        })
    }

    /// Adds a row: one cell per column, of its kind.
    pub fn push(&mut self, row: Vec<Cell>) -> anyhow::Result<()> {
        anyhow::ensure!(
            row.len() == self.columns.len(),
            "a row of {} cells for {} columns",
            row.len(),
            self.columns.len()
        );
        for (column, cell) in self.columns.iter_mut().zip(row) {
            match (column, cell) {
                (Values::Text { values, defined }, Cell::Text(text)) => match text {
                    Some(t) => {
                        values.push(ByteArray::from(t.into_bytes()));
                        defined.push(1);
                    }
                    None => defined.push(0),
                },
                (Values::Int(values), Cell::Int(n)) => values.push(n),
                (Values::Real(values), Cell::Real(x)) => values.push(x),
                _ => anyhow::bail!("a cell of the wrong type for its column"),
            }
        }
        self.rows += 1;
        if self.rows == ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the buffered rows as one row group.
    fn flush(&mut self) -> anyhow::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = self.file.next_row_group()?;
        for values in &mut self.columns {
            let mut column = group
                .next_column()?
                .context("fewer Parquet columns than the schema's")?;
            match values {
                Values::Text { values, defined } => {
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(values, Some(defined), None)?;
                    values.clear();
                    defined.clear();
                }
                Values::Int(values) => {
                    column
                        .typed::<Int64Type>()
                        .write_batch(values, None, None)?;
                    values.clear();
                }
                Values::Real(values) => {
                    column
                        .typed::<DoubleType>()
                        .write_batch(values, None, None)?;
                    values.clear();
                }
            }
            column.close()?;
        }
        group.close()?;
        self.rows = 0;
        Ok(())
    }

    /// Writes the last row group and the footer.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.flush()?;
        let path = std::mem::take(&mut self.path);
        self.file
            .into_inner()
            .with_context(|| format!("writing {path}"))?;
        Ok(())
    }
}
