//! Coverage reports in every format, through the library's `report` module.

use std::io::Write;

use ctrlmap::report::{self, ReadinessReport};

use crate::cli::ReportFormat;
use crate::failure::Failure;
use crate::output::Out;

/// The width to lay plain text out for: `--width`, else the terminal's, else `COLUMNS`, else
/// 100 (piped output).
pub(crate) fn width(requested: Option<usize>) -> usize {
    if let Some(w) = requested {
        return w;
    }
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
        return usize::from(w);
    }
    // COLUMNS is outside input: held to the range --width allows.
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .map_or(100, |c| c.clamp(40, usize::from(u16::MAX)))
}

pub(crate) fn coverage(
    report: &ReadinessReport,
    format: ReportFormat,
    width: usize,
    out: &mut Out<impl Write>,
) -> Result<(), Failure> {
    let text = match format {
        ReportFormat::Json => return crate::output::write_json(out, report),
        ReportFormat::Table if out.color => report::to_ansi(report, width),
        ReportFormat::Table => report::to_text(report, width),
        ReportFormat::Csv => report::to_csv(report),
        ReportFormat::Markdown => report::to_markdown(report),
        ReportFormat::Html => report::to_html(report),
    };
    out.w.write_all(text.as_bytes())?;
    Ok(())
}
