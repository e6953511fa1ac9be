//! The renderers: plain text for a terminal of any width, CSV, Markdown and HTML.

use std::fmt::Write as _;

use ctrlmap_crosswalk::{CoverageRow, CoverageStatus, Method, Rollup, Totals};

use ctrlmap_core::escape::{csv_cell, html_text, markdown_text, terminal_text};

use super::{ReadinessReport, capitalise, confidence, explain, strength};

/// Who stands behind a set, in words: "NIST crosswalk, official", "ctrlmap expert reading"
/// (the words of [`evidence_words`](super::evidence_words)); another's set by its publisher
/// and method, "ACME, expert".
fn set_evidence(s: &super::MappingSetInfo) -> String {
    match s.method.as_str() {
        "official" => format!(
            "{}, official",
            super::evidence_words(Method::Official, &s.publisher)
        ),
        "expert" if s.publisher.starts_with("ctrlmap") => {
            super::evidence_words(Method::Expert, &s.publisher)
        }
        m => format!("{}, {m}", s.publisher),
    }
}

/// The status as a report shows it, with a symbol so that it never rests on colour alone.
fn status_label(status: CoverageStatus) -> &'static str {
    match status {
        CoverageStatus::Covered => "✓ covered",
        CoverageStatus::Designed => "◇ designed, not tested",
        CoverageStatus::Partial => "◐ partial",
        CoverageStatus::NotCovered => "✗ not covered",
        CoverageStatus::NotApplicable => "– not applicable",
    }
}

fn counts(t: &Totals) -> String {
    if t.total == 0 {
        return format!("all {} not applicable", t.not_applicable);
    }
    let designed = if t.designed > 0 {
        format!(
            ", {} designed, not tested ({:.1}%)",
            t.designed,
            t.designed_percent()
        )
    } else {
        String::new()
    };
    let mut s = format!(
        "{} covered ({:.1}%){designed}, {} partial ({:.1}%), {} not covered ({:.1}%) of {}",
        t.covered,
        t.covered_percent(),
        t.partial,
        t.partial_percent(),
        t.not_covered,
        t.not_covered_percent(),
        t.total
    );
    if t.not_applicable > 0 {
        let _ = write!(s, "; {} not applicable, not counted", t.not_applicable);
    }
    s
}

/// A kind of requirement in the plural, capitalised: `Standards`.
fn level_name(kind: ctrlmap_core::NodeKind) -> String {
    let words = kind.as_str().replace('_', " ");
    capitalise(&match words.as_str() {
        "criterion" => "criteria".to_owned(),
        "requirement" => "other requirements".to_owned(),
        w if w.ends_with('y') => format!("{}ies", w.trim_end_matches('y')),
        w => format!("{w}s"),
    })
}

/// The assumption lines, as label and text.
fn assumption_lines(report: &ReadinessReport) -> Vec<(&'static str, String)> {
    let a = &report.assumptions;
    let mut lines = Vec::new();
    for h in &a.held {
        let mut line = format!("{} ({}, {}): {}", h.name, h.framework, h.version, h.scope);
        if !h.not_held.is_empty() {
            let _ = write!(line, "; not held: {}", h.not_held.join(", "));
        }
        lines.push(("Held", line));
    }
    let mut target = format!("{} ({})", a.target_name, a.target_version);
    if !a.leaves_out.is_empty() {
        let _ = write!(target, "; not assessed: {}", a.leaves_out.join("; "));
    }
    lines.push(("Target", target));
    for r in &a.reports {
        lines.push(("Report", r.name.clone()));
        for f in &r.facts {
            lines.push(("Report", f.clone()));
        }
        for d in &r.your_side {
            lines.push((
                "Your side",
                format!("{d} (a complementary user entity control)"),
            ));
        }
    }
    for e in &a.not_evidenced {
        lines.push(("Not evidenced", e.clone()));
    }
    for f in &a.your_files {
        lines.push(("Your files", f.clone()));
    }
    for line in &a.applicability {
        lines.push(("Applicability", line.clone()));
    }
    for s in &a.mapping_sets {
        lines.push((
            "Mappings",
            format!("{} ({}, version {})", s.title, set_evidence(s), s.version),
        ));
    }
    if !a.consulted_without_effect.is_empty() {
        let names: Vec<String> = a
            .consulted_without_effect
            .iter()
            .map(|s| format!("{} ({})", s.title, set_evidence(s)))
            .collect();
        lines.push((
            "Also consulted",
            format!("without effect on this answer: {}", names.join("; ")),
        ));
    }
    let mut made = format!("Paths of at most {} mappings", a.max_hops);
    if let Some(date) = &a.generated {
        let _ = write!(made, "; generated {date}");
    }
    let _ = write!(made, " by ctrlmap {}", a.ctrlmap_version);
    lines.push(("Made", made));
    lines
}

fn summary_lines(report: &ReadinessReport) -> Vec<(String, String)> {
    let mut lines = vec![(
        "All requirements".to_owned(),
        counts(&report.coverage.totals),
    )];
    if report.coverage.levels.len() > 1 {
        for level in &report.coverage.levels {
            let mut line = counts(&level.totals);
            if level.kind == ctrlmap_core::NodeKind::Requirement {
                // A level with no name a reader knows: say what is in it.
                let ids: Vec<&str> = report
                    .coverage
                    .rows
                    .iter()
                    .filter(|r| r.kind == level.kind)
                    .map(|r| r.control.control().as_str())
                    .collect();
                if ids.len() <= 6 {
                    let _ = write!(
                        line,
                        " (requirements that are neither a standard nor a specification: {})",
                        ids.join(", ")
                    );
                }
            }
            lines.push((level_name(level.kind), line));
        }
    }
    if let Some(t) = &report.coverage.element_totals {
        lines.push((
            "Elements".to_owned(),
            format!(
                "{} of {} evidenced, {} partly, {} not at all (NIST SP 800-66r2 descriptions and the rule's own words; {} informative not counted)",
                t.covered, t.total, t.partial, t.not_covered, t.not_applicable
            ),
        ));
    }
    if let Some(t) = &report.coverage.key_activity_totals {
        lines.push((
            "Key activities".to_owned(),
            format!(
                "{} of {} fully evidenced, {} partly, {} not at all",
                t.covered, t.total, t.partial, t.not_covered
            ),
        ));
    }
    let unknown = report.gaps.iter().filter(|g| g.unknown).count();
    if unknown > 0 {
        lines.push((
            "Unknown".to_owned(),
            format!(
                "{unknown} of the requirements not covered {} mapped, but no chain of mappings from what is held reaches {} with a relationship that can be known: {} not shown to be {}; check {} by hand",
                if unknown == 1 { "is" } else { "are" },
                if unknown == 1 { "it" } else { "them" },
                if unknown == 1 { "it is" } else { "they are" },
                if unknown == 1 { "a gap" } else { "gaps" },
                if unknown == 1 { "it" } else { "them" },
            ),
        ));
    }
    if !report.start_with.is_empty() {
        let titles: std::collections::HashMap<_, _> = report
            .gaps
            .iter()
            .map(|g| (&g.control, (g.title.as_str(), g.status)))
            .collect();
        let first: Vec<String> = report
            .start_with
            .iter()
            .map(|c| match titles.get(c) {
                Some((title, status)) => {
                    format!("{} {} ({})", c.control(), title, status.label())
                }
                None => c.control().to_string(),
            })
            .collect();
        lines.push(("Start with".to_owned(), first.join("; ")));
    }
    if report.coverage.incomplete > 0 {
        lines.push((
            "Incomplete".to_owned(),
            format!(
                "the search ran out of its path budget for {} requirements, so a better justification may exist for them (raise the budget: CoverageOptions::max_paths, or --max-paths)",
                report.coverage.incomplete
            ),
        ));
    }
    lines.push(("Counting".to_owned(), report.coverage.counting.clone()));
    lines
}

/// How a work item stands, in words: what is left of it.
fn work_mark(status: CoverageStatus) -> &'static str {
    match status {
        CoverageStatus::Partial => "partly evidenced",
        _ => "not evidenced",
    }
}

/// Why a row's status is what it is beyond its own mappings.
fn remark(row: &CoverageRow) -> Option<String> {
    if let Some(reason) = &row.not_applicable_reason {
        return Some(format!("Not applicable: {reason}"));
    }
    if row.incomplete {
        return Some(
            "Search incomplete: the path budget ran out; a better justification may exist"
                .to_owned(),
        );
    }
    let list = |refs: &[ctrlmap_core::ControlRef]| {
        refs.iter()
            .map(|r| r.control().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &row.rollup {
        Some(Rollup::LimitedBy(parts)) => {
            Some(format!("Required parts not fully covered: {}", list(parts)))
        }
        Some(Rollup::ThroughParts(parts)) => Some(format!("Through its parts: {}", list(parts))),
        Some(Rollup::ThroughElements(held)) => Some(format!(
            "Every element evidenced, by {} together",
            held.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )),
        _ => None,
    }
}

/// The rows of a report by requirement, so that renderers look each up once.
fn rows_by_control(
    report: &ReadinessReport,
) -> std::collections::HashMap<&ctrlmap_core::ControlRef, &CoverageRow> {
    report
        .coverage
        .rows
        .iter()
        .map(|r| (&r.control, r))
        .collect()
}

/// Each justification in plain words, with strength and confidence, and how many more
/// there were when some are left out.
fn evidence(report: &ReadinessReport, row: &CoverageRow) -> Vec<String> {
    let shown = row.justification.len();
    let more = row.justifications_found.saturating_sub(shown);
    let tail = (more > 0).then(|| {
        format!(
            "(the strongest {shown} of {} held controls shown; {more} more {} it too)",
            row.justifications_found,
            if more == 1 { "bears on" } else { "bear on" }
        )
    });
    row.justification
        .iter()
        .map(|j| {
            let mut line = explain(j, &report.assumptions.target_short_name);
            let mut tags = vec![super::justification_evidence(
                j,
                &report.assumptions.mapping_sets,
            )];
            // An authority's crosswalk gives no strength where it states none (NIST's): the
            // placeholder is not shown as if it were a rating.
            let all_official = j.path.iter().all(|m| m.method == Method::Official);
            if let Some(s) = strength(j).filter(|_| !all_official || confidence(j).is_some()) {
                tags.push(format!("strength {s}"));
            }
            if let Some(c) = confidence(j) {
                tags.push(format!("{} confidence", c.as_str()));
            }
            if !tags.is_empty() {
                let _ = write!(line, " [{}]", tags.join(", "));
            }
            line
        })
        .chain(tail)
        .collect()
}

// ---------------------------------------------------------------------------------------
// Plain text

/// Words of `text` in lines of at most `width` characters, the first starting with
/// `first` and the rest with `rest` (a hanging indent). Words are never cut unless one is
/// longer than a whole line, and never after a section sign (`§ 164.306(a)` stays whole).
/// Linear in the text, whatever the width. The layout every plain-text report uses, for
/// tools that print alongside them.
///
/// ```
/// let lines = ctrlmap::report::wrap("Implement policies and procedures", 20, "text: ", "      ");
/// assert_eq!(lines, ["text: Implement", "      policies and", "      procedures"]);
/// ```
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_owned();
    let mut empty = true;
    // "§ 164.306(a)" is one unit: never break after the section sign.
    let mut units: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match units.last_mut() {
            Some(last) if last.ends_with('§') => {
                last.push(' ');
                last.push_str(word);
            }
            _ => units.push(word.to_owned()),
        }
    }
    // Lengths are kept as the line grows, so that wrapping is linear in the text whatever
    // the width.
    let rest_len = rest.chars().count();
    let mut len = line.chars().count();
    for word in units.iter().map(String::as_str) {
        let word_len = word.chars().count();
        if !empty && len + 1 + word_len > width {
            lines.push(std::mem::replace(&mut line, rest.to_owned()));
            len = rest_len;
            empty = true;
        }
        if empty && len + word_len > width {
            // A word longer than the line: break it where each line ends.
            for c in word.chars() {
                if len >= width {
                    lines.push(std::mem::replace(&mut line, rest.to_owned()));
                    len = rest_len;
                }
                line.push(c);
                len += 1;
            }
            empty = false;
            continue;
        }
        if !empty {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += word_len;
        empty = false;
    }
    if !empty || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn paint(text: &str, status: CoverageStatus, color: bool) -> String {
    if !color {
        return text.to_owned();
    }
    let code = match status {
        CoverageStatus::Covered => "32",
        CoverageStatus::Designed => "36",
        CoverageStatus::Partial => "33",
        CoverageStatus::NotCovered => "31",
        CoverageStatus::NotApplicable => "2",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// A requirement's first lines: indent, status (padded, coloured when asked), id and the
/// title wrapped under itself.
fn head(
    indent: &str,
    status: CoverageStatus,
    id: &str,
    title: &str,
    width: usize,
    color: bool,
) -> Vec<String> {
    let label = status_label(status);
    let pad = 18usize.saturating_sub(label.chars().count());
    let first = format!("{indent}{label}{}{}  ", " ".repeat(pad), terminal_text(id));
    let rest = " ".repeat((indent.chars().count() + 6).min(width / 2));
    let mut lines = if first.chars().count() + 12 > width {
        // Too narrow for columns: status and id, then the title below.
        let mut lines = wrap(
            &format!("{label} {}", terminal_text(id)),
            width,
            indent,
            &rest,
        );
        lines.extend(wrap(&terminal_text(title), width, &rest, &rest));
        lines
    } else {
        wrap(&terminal_text(title), width, &first, &rest)
    };
    if color
        && let Some(line) = lines.first_mut()
        && let Some(tail) = line.strip_prefix(&format!("{indent}{label}"))
    {
        *line = format!("{indent}{}{tail}", paint(label, status, true));
    }
    lines
}

/// The report as plain text for a terminal `width` columns wide (at least 40): every line
/// fits, long text wraps with a hanging indent, and words are not cut.
pub fn to_text(report: &ReadinessReport, width: usize) -> String {
    text(report, width, false)
}

/// As [`to_text`], with the status words coloured by ANSI escapes (for a terminal that shows
/// colour; the symbols still tell the statuses apart without it).
pub fn to_ansi(report: &ReadinessReport, width: usize) -> String {
    text(report, width, true)
}

fn text(report: &ReadinessReport, width: usize, color: bool) -> String {
    let width = width.max(40);
    let rows = rows_by_control(report);
    let mut out = String::new();
    let mut push = |lines: Vec<String>| {
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
    };
    let title = terminal_text(&report.title);
    push(wrap(&title, width, "", ""));
    push(vec!["=".repeat(title.chars().count().min(width))]);
    // A heading, then "label: text" entries with a hanging indent.
    let mut block = |heading: &str, entries: Vec<(String, String)>| {
        push(vec![String::new(), heading.to_owned()]);
        for (label, line) in entries {
            push(wrap(
                &terminal_text(&format!("{label}: {line}")),
                width,
                "  ",
                "      ",
            ));
        }
    };
    block("Summary", summary_lines(report));
    block(
        "Assumptions",
        assumption_lines(report)
            .into_iter()
            .map(|(label, line)| (label.to_owned(), line))
            .collect(),
    );
    push(vec![String::new(), "By section".to_owned()]);
    for s in &report.sections {
        push(wrap(
            &terminal_text(&format!(
                "{} {}: {}",
                s.section.control(),
                s.title,
                counts(&s.totals)
            )),
            width,
            "  ",
            "      ",
        ));
    }
    push(vec![String::new()]);
    push(wrap(
        &format!(
            "Gaps: {} requirements not covered or partly covered, with what to do next",
            report.gaps.len()
        ),
        width,
        "",
        "  ",
    ));
    for g in &report.gaps {
        push(vec![String::new()]);
        push(head(
            "",
            g.status,
            g.control.control().as_str(),
            &g.title,
            width,
            color,
        ));
        if let Some(req) = &g.requirement {
            push(wrap(
                &terminal_text(&format!("Requirement: {req}")),
                width,
                "    ",
                "      ",
            ));
        }
        if let Some(text) = &g.text {
            push(wrap(
                &terminal_text(&format!("Text: {text}")),
                width,
                "    ",
                "      ",
            ));
        }
        for why in &g.why {
            push(wrap(
                &terminal_text(&format!("Why: {why}")),
                width,
                "    ",
                "      ",
            ));
        }
        for step in &g.next_steps {
            push(wrap(
                &terminal_text(&format!(
                    "Next: {} ({} {})",
                    step.title, step.source, step.id
                )),
                width,
                "    ",
                "      ",
            ));
            for w in &step.work {
                push(wrap(
                    &terminal_text(&format!("{}: {}", work_mark(w.status), w.text)),
                    width,
                    "      - ",
                    "        ",
                ));
            }
        }
    }
    push(vec![
        String::new(),
        "All requirements, by section".to_owned(),
    ]);
    for s in &report.sections {
        push(vec![String::new()]);
        push(wrap(
            &terminal_text(&format!("{} {}", s.section.control(), s.title)),
            width,
            "  ",
            "  ",
        ));
        for id in &s.requirements {
            let Some(row) = rows.get(id).copied() else {
                continue;
            };
            push(head(
                "    ",
                row.status,
                row.control.control().as_str(),
                &row.title,
                width,
                color,
            ));
            for e in evidence(report, row) {
                push(wrap(&terminal_text(&e), width, "        ", "          "));
            }
            if let Some(r) = remark(row) {
                push(wrap(&terminal_text(&r), width, "        ", "          "));
            }
        }
    }
    push(vec![String::new(), "Legend".to_owned()]);
    for l in &report.legend {
        push(wrap(
            &terminal_text(&format!("{}: {}", l.term, l.meaning)),
            width,
            "  ",
            "      ",
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------
// CSV

/// The CSV header of [`to_csv`]. `elements_evidenced` and `elements_counted` count the
/// requirement's elements (empty counts when it has none); `elements_missing` lists those
/// not evidenced.
pub const CSV_HEADER: &str = "section,requirement,title,level,requirement_type,status,held_control,relationship,direct_or_inferred,hops,strength,confidence,evidence,reason,elements_evidenced,elements_counted,elements_missing,requirement_text";

/// The report as CSV: one row per requirement, with the header [`CSV_HEADER`]. The held
/// control, relationship, hops, strength and confidence are those of the best
/// justification; `reason` gives every justification and remark. Cells a spreadsheet would
/// read as formulas are neutralised.
pub fn to_csv(report: &ReadinessReport) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    let sections: std::collections::HashMap<&ctrlmap_core::ControlRef, String> = report
        .sections
        .iter()
        .flat_map(|s| {
            let name = format!("{} {}", s.section.control(), s.title);
            s.requirements.iter().map(move |r| (r, name.clone()))
        })
        .collect();
    let gaps: std::collections::HashMap<_, _> =
        report.gaps.iter().map(|g| (&g.control, g)).collect();
    let details: std::collections::HashMap<_, _> =
        report.details.iter().map(|d| (&d.control, d)).collect();
    for row in &report.coverage.rows {
        let best = row.justification.first();
        let section = sections.get(&row.control).cloned().unwrap_or_default();
        let gap = gaps.get(&row.control).copied();
        let mut reasons = evidence(report, row);
        if let Some(r) = remark(row) {
            reasons.push(r);
        }
        if let Some(g) = gap {
            reasons.extend(
                g.why
                    .iter()
                    .filter(|w| w.starts_with("Unmapped") || w.starts_with("No held"))
                    .cloned(),
            );
        }
        let detail = details.get(&row.control).copied();
        let text = detail.and_then(|d| d.text.clone()).unwrap_or_default();
        let counted: Vec<_> = row
            .elements
            .iter()
            .filter(|e| e.kind == ctrlmap_core::NodeKind::Element && e.informative.is_none())
            .collect();
        let fields = [
            section,
            row.control.to_string(),
            row.title.clone(),
            row.kind.as_str().to_owned(),
            detail
                .and_then(|d| d.requirement.clone())
                .unwrap_or_default(),
            row.status.label().to_owned(),
            best.map(|j| j.held.to_string()).unwrap_or_default(),
            best.map(|j| {
                explain(j, &report.assumptions.target_short_name)
                    .trim_start_matches(&j.held.to_string())
                    .trim()
                    .to_owned()
            })
            .unwrap_or_default(),
            best.map(|j| {
                if j.path.len() > 1 {
                    "inferred"
                } else {
                    "direct"
                }
            })
            .unwrap_or_default()
            .to_owned(),
            best.map(|j| j.path.len().to_string()).unwrap_or_default(),
            best.and_then(strength)
                .map(|s| s.to_string())
                .unwrap_or_default(),
            best.and_then(confidence)
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
            best.map(|j| super::justification_evidence(j, &report.assumptions.mapping_sets))
                .unwrap_or_default(),
            reasons.join("; "),
            counted
                .iter()
                .filter(|e| e.status == CoverageStatus::Covered)
                .count()
                .to_string(),
            counted.len().to_string(),
            counted
                .iter()
                .filter(|e| e.status != CoverageStatus::Covered)
                .map(|e| e.control.control().to_string())
                .collect::<Vec<_>>()
                .join(" "),
            text,
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_cell(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------------------
// Markdown

/// The report as Markdown: summary and assumptions, the gap list, sections linked to their
/// requirements, and the legend. Every cell is escaped.
pub fn to_markdown(report: &ReadinessReport) -> String {
    let rows = rows_by_control(report);
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", markdown_text(&report.title));
    let _ = writeln!(o, "## Summary\n");
    for (label, line) in summary_lines(report) {
        let _ = writeln!(
            o,
            "- **{}:** {}",
            markdown_text(&label),
            markdown_text(&line)
        );
    }
    let _ = writeln!(o, "\n## Assumptions\n");
    for (label, line) in assumption_lines(report) {
        let _ = writeln!(o, "- **{label}:** {}", markdown_text(&line));
    }
    let _ = writeln!(o, "\n## By section\n");
    // A column for "designed, not tested" only in reports that have such rows.
    let any_designed = report.coverage.totals.designed > 0;
    let _ = writeln!(
        o,
        "| Section | Covered |{} Partial | Not covered | Of | Not applicable |\n|---|---:|{}---:|---:|---:|---:|",
        if any_designed {
            " Designed, not tested |"
        } else {
            ""
        },
        if any_designed { "---:|" } else { "" }
    );
    for s in &report.sections {
        let t = &s.totals;
        if t.total == 0 {
            // The same words as the text and HTML reports.
            let _ = writeln!(
                o,
                "| [{} {}](#{}) | all {} not applicable | |{} | | {} |",
                markdown_text(s.section.control().as_str()),
                markdown_text(&s.title),
                s.anchor,
                t.not_applicable,
                if any_designed { " |" } else { "" },
                t.not_applicable
            );
            continue;
        }
        let designed = if any_designed {
            format!(" {} ({:.1}%) |", t.designed, t.designed_percent())
        } else {
            String::new()
        };
        let _ = writeln!(
            o,
            "| [{} {}](#{}) | {} ({:.1}%) |{designed} {} ({:.1}%) | {} ({:.1}%) | {} | {} |",
            markdown_text(s.section.control().as_str()),
            markdown_text(&s.title),
            s.anchor,
            t.covered,
            t.covered_percent(),
            t.partial,
            t.partial_percent(),
            t.not_covered,
            t.not_covered_percent(),
            t.total,
            t.not_applicable
        );
    }
    let _ = writeln!(o, "\n## Gaps\n");
    if report.gaps.is_empty() {
        let _ = writeln!(o, "None: every applicable requirement is covered.");
    }
    for g in &report.gaps {
        let _ = writeln!(
            o,
            "### {} {} ({})\n",
            markdown_text(g.control.control().as_str()),
            markdown_text(&g.title),
            status_label(g.status)
        );
        if let Some(req) = &g.requirement {
            let _ = writeln!(o, "- **Requirement:** {}", markdown_text(req));
        }
        if let Some(text) = &g.text {
            let _ = writeln!(o, "- **Text:** {}", markdown_text(text));
        }
        for why in &g.why {
            let _ = writeln!(o, "- **Why:** {}", markdown_text(why));
        }
        for step in &g.next_steps {
            let _ = writeln!(
                o,
                "- **Next:** {} ({} {})",
                markdown_text(&step.title),
                markdown_text(&step.source),
                markdown_text(&step.id)
            );
            for w in &step.work {
                let _ = writeln!(o, "  - {}: {}", work_mark(w.status), markdown_text(&w.text));
            }
        }
        o.push('\n');
    }
    let _ = writeln!(o, "## Requirements\n");
    for s in &report.sections {
        let _ = writeln!(
            o,
            "### <a id=\"{}\"></a>{} {}\n",
            s.anchor,
            markdown_text(s.section.control().as_str()),
            markdown_text(&s.title)
        );
        let _ = writeln!(
            o,
            "| Status | Requirement | Title | Evidence |\n|---|---|---|---|"
        );
        for id in &s.requirements {
            let Some(row) = rows.get(id).copied() else {
                continue;
            };
            let mut ev = evidence(report, row);
            ev.extend(remark(row));
            let ev: Vec<String> = ev.iter().map(|e| markdown_text(e)).collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                status_label(row.status),
                markdown_text(row.control.control().as_str()),
                markdown_text(&row.title),
                ev.join("<br>")
            );
        }
        o.push('\n');
    }
    let _ = writeln!(o, "## Legend\n");
    for l in &report.legend {
        let _ = writeln!(
            o,
            "- **{}:** {}",
            markdown_text(&l.term),
            markdown_text(&l.meaning)
        );
    }
    o
}

// ---------------------------------------------------------------------------------------
// HTML

fn class(status: CoverageStatus) -> &'static str {
    match status {
        CoverageStatus::Covered => "covered",
        CoverageStatus::Designed => "designed",
        CoverageStatus::Partial => "partial",
        CoverageStatus::NotCovered => "not-covered",
        CoverageStatus::NotApplicable => "not-applicable",
    }
}

const STYLE: &str = r#"
:root { --ink: #1a1a1a; --muted: #4a4a4a; --rule: #c8c8c8; --covered: #1b5e20; --partial: #6d4c00; --not-covered: #b71c1c; --na: #4a4a4a; --designed: #00695c; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: var(--ink); line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 2px solid var(--rule); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
dl.assumptions { display: grid; grid-template-columns: 13rem 1fr; gap: .2rem 1rem; margin: 0; }
dl.assumptions dt { font-weight: 600; }
dl.assumptions dd { margin: 0; }
.status { font-weight: 700; white-space: nowrap; }
.status.covered { color: var(--covered); } .status.partial { color: var(--partial); } .status.designed { color: var(--designed); }
.status.not-covered { color: var(--not-covered); } .status.not-applicable { color: var(--na); }
.bar { display: flex; height: 1.1rem; border: 1px solid var(--ink); min-width: 8rem; }
.bar span { display: block; height: 100%; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar .covered { background: var(--covered); }
.bar .partial { background: repeating-linear-gradient(45deg, #b8860b 0 4px, #f0d68a 4px 8px); }
.bar .not-covered { background: var(--not-covered); }
.bar .designed { background: repeating-linear-gradient(90deg, var(--designed) 0 3px, #b2dfdb 3px 6px); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border-bottom: 1px solid var(--rule); padding: .35rem .5rem; text-align: left; vertical-align: top; font-size: .92rem; }
th { background: #f2f2f2; }
td.num { text-align: right; white-space: nowrap; }
code { font-size: .88rem; }
.gap { border-left: 4px solid var(--rule); padding: .1rem 0 .1rem .8rem; margin: .8rem 0; }
.gap.partial { border-left-color: var(--partial); } .gap.designed { border-left-color: var(--designed); } .gap.not-covered { border-left-color: var(--not-covered); }
.gap p { margin: .2rem 0; }
.counts { display: none; font-size: .85rem; }
table.rows { table-layout: fixed; }
table.rows th:nth-child(1), table.rows td:nth-child(1) { width: 12rem; }
table.rows th:nth-child(2), table.rows td:nth-child(2) { width: 12rem; }
table.rows th:nth-child(3), table.rows td:nth-child(3) { width: 16rem; }
code { white-space: nowrap; }
.text { color: var(--muted); font-size: .9rem; }
ul.next { margin: .2rem 0; }
.legend dt { font-weight: 600; } .legend dd { margin: 0 0 .3rem 1rem; }
@media (max-width: 700px) {
  dl.assumptions { grid-template-columns: 1fr; }
  table.rows thead { display: none; }
  table.rows tr { display: block; border-bottom: 1px solid var(--rule); padding: .4rem 0; }
  table.rows td { display: block; border: 0; padding: .1rem 0; }
  table.sections th:nth-child(n+3), table.sections td:nth-child(n+3) { display: none; }
  .counts { display: block; }
  table.rows, table.rows th, table.rows td { width: auto !important; }
  code { white-space: normal; word-break: keep-all; }
}
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .gap h3 { break-after: avoid; page-break-after: avoid; }
  h2, h3, caption, .next-head { break-after: avoid; page-break-after: avoid; }
  h2 + table, h2 + p, caption + thead { break-before: avoid; page-break-before: avoid; }
  table.sections, .gap { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The report as one self-contained HTML page (no script, no external resource): title,
/// summary and assumptions, a bar and counts per section linked to its requirements, the gap
/// list with next steps, every requirement grouped by section, and the legend. Status is
/// given in words and symbols as well as colour; colours meet WCAG AA contrast; tables have
/// captions, header rows and `scope`; print keeps the bars, repeats table headers and does
/// not split rows; narrow screens get one column.
pub fn to_html(report: &ReadinessReport) -> String {
    let rows = rows_by_control(report);
    let mut h = String::new();
    let title = html_text(&report.title);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    );
    h.push_str("<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>\n<dl class=\"assumptions\">\n");
    for (label, line) in summary_lines(report) {
        let _ = writeln!(
            h,
            "<dt>{}</dt><dd>{}</dd>",
            html_text(&label),
            html_text(&line)
        );
    }
    h.push_str("</dl>\n</section>\n<section aria-labelledby=\"assumptions\">\n<h2 id=\"assumptions\">Assumptions</h2>\n<dl class=\"assumptions\">\n");
    for (label, line) in assumption_lines(report) {
        let _ = writeln!(
            h,
            "<dt>{}</dt><dd>{}</dd>",
            html_text(label),
            html_text(&line)
        );
    }
    h.push_str("</dl>\n</section>\n");

    // A segment and a column for "designed, not tested" only in reports that have such rows.
    let any_designed = report.coverage.totals.designed > 0;
    let _ = write!(
        h,
        "<section aria-labelledby=\"sections\">\n<h2 id=\"sections\">By section</h2>\n<table class=\"sections\">\n<caption>Requirements covered (✓, solid), {}partly covered (◐, striped) and not covered (✗, red), per section</caption>\n<thead><tr><th scope=\"col\">Section</th><th scope=\"col\">Share</th><th scope=\"col\">Covered</th>{}<th scope=\"col\">Partial</th><th scope=\"col\">Not covered</th><th scope=\"col\">Of</th></tr></thead>\n<tbody>\n",
        if any_designed {
            "designed, not tested (◇, teal), "
        } else {
            ""
        },
        if any_designed {
            "<th scope=\"col\">Designed, not tested</th>"
        } else {
            ""
        }
    );
    for s in &report.sections {
        let t = &s.totals;
        if t.total == 0 {
            let _ = writeln!(
                h,
                "<tr><th scope=\"row\"><a href=\"#{a}\">{id} {name}</a></th><td colspan=\"{span}\">all {n} not applicable</td></tr>",
                a = s.anchor,
                id = html_text(s.section.control().as_str()),
                name = html_text(&s.title),
                n = t.not_applicable,
                span = if any_designed { 6 } else { 5 }
            );
            continue;
        }
        let total = t.total.max(1) as f64;
        let pct = |x: usize| format!("{:.2}", (x as f64) * 100.0 / total);
        let (d_label, d_bar, d_counts, d_cell) = if any_designed {
            (
                format!(", {} designed, not tested", t.designed),
                format!(
                    "<span class=\"designed\" style=\"width:{}%\"></span>",
                    pct(t.designed)
                ),
                format!(" · ◇ {} designed, not tested", t.designed),
                format!(
                    "<td class=\"num\">{} ({:.1}%)</td>",
                    t.designed,
                    t.designed_percent()
                ),
            )
        } else {
            (String::new(), String::new(), String::new(), String::new())
        };
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\"><a href=\"#{a}\">{id} {name}</a></th><td><div class=\"bar\" role=\"img\" aria-label=\"{c} covered{d_label}, {p} partial, {n} not covered\"><span class=\"covered\" style=\"width:{pc}%\"></span>{d_bar}<span class=\"partial\" style=\"width:{pp}%\"></span><span class=\"not-covered\" style=\"width:{pn}%\"></span></div><span class=\"counts\" aria-hidden=\"true\">✓ {c} covered{d_counts} · ◐ {p} partial · ✗ {n} not covered, of {total}</span></td><td class=\"num\">{c} ({cp:.1}%)</td>{d_cell}<td class=\"num\">{p} ({ppc:.1}%)</td><td class=\"num\">{n} ({npc:.1}%)</td><td class=\"num\">{total}</td></tr>",
            a = s.anchor,
            id = html_text(s.section.control().as_str()),
            name = html_text(&s.title),
            c = t.covered,
            p = t.partial,
            n = t.not_covered,
            pc = pct(t.covered),
            pp = pct(t.partial),
            pn = pct(t.not_covered),
            cp = t.covered_percent(),
            ppc = t.partial_percent(),
            npc = t.not_covered_percent(),
            total = t.total,
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");

    let _ = writeln!(
        h,
        "<section aria-labelledby=\"gaps\">\n<h2 id=\"gaps\">Gaps ({})</h2>",
        report.gaps.len()
    );
    if report.gaps.is_empty() {
        h.push_str("<p>None: every applicable requirement is covered.</p>\n");
    }
    for g in &report.gaps {
        let _ = writeln!(
            h,
            "<div class=\"gap {cls}\"><h3><span class=\"status {cls}\">{label}</span> <code>{id}</code> {title}</h3>",
            cls = class(g.status),
            label = status_label(g.status),
            id = html_text(g.control.control().as_str()),
            title = html_text(&g.title)
        );
        if let Some(req) = &g.requirement {
            let _ = writeln!(h, "<p><strong>Requirement:</strong> {}</p>", html_text(req));
        }
        if let Some(text) = &g.text {
            let _ = writeln!(h, "<p class=\"text\">{}</p>", html_text(text));
        }
        for why in &g.why {
            let _ = writeln!(h, "<p><strong>Why:</strong> {}</p>", html_text(why));
        }
        if !g.next_steps.is_empty() {
            h.push_str(
                "<p class=\"next-head\"><strong>Next steps:</strong></p>\n<ul class=\"next\">\n",
            );
            for step in &g.next_steps {
                let _ = write!(
                    h,
                    "<li>{} <span class=\"text\">({} {})</span>",
                    html_text(&step.title),
                    html_text(&step.source),
                    html_text(&step.id)
                );
                if !step.work.is_empty() {
                    h.push_str("\n<ul class=\"work\">\n");
                    for w in &step.work {
                        let _ = writeln!(
                            h,
                            "<li>{}: {}</li>",
                            work_mark(w.status),
                            html_text(&w.text)
                        );
                    }
                    h.push_str("</ul>");
                }
                h.push_str("</li>\n");
            }
            h.push_str("</ul>\n");
        }
        h.push_str("</div>\n");
    }
    h.push_str("</section>\n<section aria-labelledby=\"requirements\">\n<h2 id=\"requirements\">Requirements</h2>\n");
    for s in &report.sections {
        let _ = writeln!(
            h,
            "<table class=\"rows\" id=\"{a}\">\n<caption>{id} {name}: {counts}</caption>\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\">Requirement</th><th scope=\"col\">Title</th><th scope=\"col\">Evidence</th></tr></thead>\n<tbody>",
            a = s.anchor,
            id = html_text(s.section.control().as_str()),
            name = html_text(&s.title),
            counts = html_text(&counts(&s.totals)),
        );
        for id in &s.requirements {
            let Some(row) = rows.get(id).copied() else {
                continue;
            };
            let mut ev: Vec<String> = evidence(report, row).iter().map(|e| html_text(e)).collect();
            if let Some(r) = remark(row) {
                ev.push(format!("<em>{}</em>", html_text(&r)));
            }
            let _ = writeln!(
                h,
                "<tr><td class=\"status {cls}\">{label}</td><td><code>{id}</code></td><td>{title}</td><td>{ev}</td></tr>",
                cls = class(row.status),
                label = status_label(row.status),
                id = html_text(row.control.control().as_str()),
                title = html_text(&row.title),
                ev = ev.join("<br>")
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</section>\n<section aria-labelledby=\"legend\" class=\"legend\">\n<h2 id=\"legend\">Legend</h2>\n<dl>\n");
    for l in &report.legend {
        let _ = writeln!(
            h,
            "<dt>{}</dt><dd>{}</dd>",
            html_text(&l.term),
            html_text(&l.meaning)
        );
    }
    h.push_str("</dl>\n</section>\n</body>\n</html>\n");
    h
}
