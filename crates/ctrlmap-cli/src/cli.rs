//! Argument types that several commands share: output formats and hop counts.

use clap::ValueEnum;

/// The output of most commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Aligned plain text for people.
    Table,
    /// JSON for programs.
    Json,
}

/// The output of `coverage`: a readiness report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Plain text for people, laid out for the terminal's width (or --width).
    Table,
    /// The readiness-report JSON format (see `ctrlmap schema readiness-report`).
    Json,
    /// One row per requirement.
    Csv,
    /// A Markdown document.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

/// A hop count from 1 to [`ctrlmap::crosswalk::MAX_HOPS`]: larger ones are refused, not
/// silently lowered.
pub(crate) fn hops(text: &str) -> Result<usize, String> {
    let max = ctrlmap::crosswalk::MAX_HOPS;
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        Ok(n) => Err(format!(
            "{n} is not from 1 to {max}, the most hops ctrlmap follows"
        )),
        Err(e) => Err(e.to_string()),
    }
}
