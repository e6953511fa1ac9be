//! Aligned plain-text tables.

use std::io::Write;

use crate::failure::Failure;

/// Writes a header and rows as columns separated by two spaces; the last column is not padded.
/// Cells come from data files: anything a terminal would act on is shown escaped.
pub(crate) fn write(
    out: &mut impl Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> Result<(), Failure> {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| ctrlmap::escape::terminal_text(c))
                .collect()
        })
        .collect();
    let rows = rows.as_slice();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        let last = row.len().saturating_sub(1);
        for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
            line.push_str(cell);
            if i < last {
                let pad = width.saturating_sub(cell.chars().count()) + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}
