//! The one CSV writer of the project (RFC 4180), with the formula guard.
//!
//! Page text is untrusted, and a spreadsheet opening a CSV reads a cell that begins with
//! `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (CSV injection:
//! `=HYPERLINK(…)`, `=cmd|…`). Every such cell gets a leading `'`, which spreadsheets
//! show as text; a cell with a comma, a quote or a line break is quoted, its quotes
//! doubled. Rows end in CRLF. A negative number in a cell reads `'-2`: the price of
//! never handing a spreadsheet a formula.
//!
//! ```
//! let mut out = String::new();
//! marsad_text::csv::row(&mut out, &["a", "=1+1", "b,c"]);
//! assert_eq!(out, "a,'=1+1,\"b,c\"\r\n");
//! ```

/// Appends one cell, guarded and quoted as needed.
pub fn cell(out: &mut String, v: &str) {
    let guard = v.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = v.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    if quote {
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(v);
    }
}

/// Appends one row (cells joined by commas, CRLF at the end).
pub fn row(out: &mut String, cells: &[impl AsRef<str>]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        cell(out, c.as_ref());
    }
    out.push_str("\r\n");
}

/// Writes one row to `w`.
pub fn write_row(w: &mut impl std::io::Write, cells: &[impl AsRef<str>]) -> std::io::Result<()> {
    let mut line = String::new();
    row(&mut line, cells);
    w.write_all(line.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        let mut out = String::new();
        row(
            &mut out,
            &[
                "a",
                "=HYPERLINK(\"x\")",
                "b,c",
                "-2",
                "سطر\nثان",
                "@me",
                "",
                "+1",
                "\tx",
                "\rx",
                "a=b",
            ],
        );
        assert_eq!(
            out,
            "a,\"'=HYPERLINK(\"\"x\"\")\",\"b,c\",'-2,\"سطر\nثان\",'@me,,'+1,'\tx,\"'\rx\",a=b\r\n"
        );
    }
}
