//! Coverage reports as a table, JSON, CSV, Markdown and a self-contained HTML page.

use std::fmt::Write as _;
use std::io::Write;

use ctrlmap::Library;
use ctrlmap::crosswalk::{CoverageReport, CoverageRow, CoverageStatus, Rollup};

use crate::{Failure, Out, ReportFormat, table};

fn status_word(s: CoverageStatus) -> &'static str {
    s.label()
}

/// A kind of requirement in the plural, for counts: `standards`.
fn level_name(kind: ctrlmap::NodeKind) -> String {
    let words = kind.as_str().replace('_', " ");
    match words.as_str() {
        "criterion" => "criteria".to_owned(),
        "requirement" => "other requirements".to_owned(),
        w if w.ends_with('y') => format!("{}ies", w.trim_end_matches('y')),
        w => format!("{w}s"),
    }
}

fn counts(t: &ctrlmap::crosswalk::Totals) -> String {
    let mut s = format!(
        "{} covered ({:.1}%), {} partial ({:.1}%), {} not covered ({:.1}%) of {}",
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

/// The lines that say what the report assumes and how it counts.
fn summary(report: &CoverageReport) -> Vec<String> {
    let mut lines = Vec::new();
    for scope in &report.scope {
        let held: Vec<String> = scope
            .groups
            .iter()
            .filter(|g| g.held > 0)
            .map(|g| format!("{} ({} of {})", g.title, g.held, g.total))
            .collect();
        let not_held: Vec<&str> = scope
            .groups
            .iter()
            .filter(|g| g.held == 0)
            .map(|g| g.title.as_str())
            .collect();
        let mut line = format!(
            "Held {} ({}): {}",
            scope.holding,
            scope.framework_name,
            held.join(", ")
        );
        if !not_held.is_empty() {
            let _ = write!(line, "; not held: {}", not_held.join(", "));
        }
        lines.push(line);
    }
    for n in &report.not_assessed {
        lines.push(format!(
            "Not assessed: {} ({}), which has no assessable requirements in the catalog",
            n.title, n.control
        ));
    }
    for level in &report.levels {
        lines.push(format!(
            "{}: {}",
            capitalise(&level_name(level.kind)),
            counts(&level.totals)
        ));
    }
    lines.push(format!("All requirements: {}", counts(&report.totals)));
    lines.push(format!("Counting: {}", report.counting));
    lines
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Why a row's status is what it is beyond its own mappings.
fn remark(row: &CoverageRow) -> Option<String> {
    if let Some(reason) = &row.not_applicable_reason {
        return Some(format!("not applicable: {reason}"));
    }
    let list = |refs: &[ctrlmap::ControlRef]| {
        refs.iter()
            .map(|r| r.control().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &row.rollup {
        Some(Rollup::LimitedBy(parts)) => {
            Some(format!("required parts not covered: {}", list(parts)))
        }
        Some(Rollup::ThroughParts(parts)) => Some(format!("through its parts: {}", list(parts))),
        _ => None,
    }
}

fn holdings(report: &CoverageReport) -> String {
    report
        .have
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The held column: each justification, then any remark.
fn held_cell(row: &CoverageRow) -> String {
    let mut cell = evidence(row);
    if let Some(remark) = remark(row) {
        if !cell.is_empty() {
            cell.push_str("; ");
        }
        cell.push_str(&remark);
    }
    cell
}

/// The held control and relationship of each justification: `soc2:CC6.1 {superset_of}`.
fn evidence(row: &CoverageRow) -> String {
    row.justification
        .iter()
        .map(|j| format!("{} {}", j.held, j.relationships))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Each justification's path: `soc2:CC6.1 superset_of hipaa:164.312(a)(1)`.
fn paths(row: &CoverageRow) -> String {
    row.justification
        .iter()
        .map(|j| {
            j.path
                .iter()
                .map(|m| format!("{} {} {}", m.from, m.relationship, m.to))
                .collect::<Vec<_>>()
                .join(" > ")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn paint(text: &str, status: CoverageStatus, color: bool) -> String {
    if !color {
        return text.to_owned();
    }
    let code = match status {
        CoverageStatus::Covered => "32",
        CoverageStatus::Partial => "33",
        CoverageStatus::NotCovered => "31",
        CoverageStatus::NotApplicable => "2",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// The group a requirement is reported under: its top-level node when the framework has five
/// or more of them (SOC 2 categories, HITRUST categories, COSO components), otherwise the
/// node below the top (HIPAA sections).
fn group(lib: &Library, row: &CoverageRow) -> (String, String) {
    let Some(node) = lib.resolve(&row.control) else {
        return (String::new(), String::new());
    };
    let roots = node.catalog().roots().count();
    let chain: Vec<_> = std::iter::once(node).chain(node.ancestors()).collect();
    let pick = if roots >= 5 {
        chain.last()
    } else {
        chain
            .len()
            .checked_sub(2)
            .and_then(|i| chain.get(i))
            .or(chain.last())
    };
    pick.map(|n| (n.node().id.to_string(), n.node().title.clone()))
        .unwrap_or_default()
}

pub(crate) fn coverage(
    lib: &Library,
    report: &CoverageReport,
    format: ReportFormat,
    out: &mut Out<impl Write>,
) -> Result<(), Failure> {
    match format {
        ReportFormat::Json => crate::write_json(out, report),
        ReportFormat::Table => {
            writeln!(
                out.w,
                "Coverage of {} by {} (paths of at most {} mappings)\n",
                report.target,
                holdings(report),
                report.max_hops
            )?;
            let rows: Vec<Vec<String>> = report
                .rows
                .iter()
                .map(|r| {
                    vec![
                        status_word(r.status).to_owned(),
                        r.control.control().to_string(),
                        truncate(&r.title, 48),
                        held_cell(r),
                    ]
                })
                .collect();
            let mut buffer = Vec::new();
            table::write(
                &mut buffer,
                &["STATUS", "REQUIREMENT", "TITLE", "HELD"],
                &rows,
            )?;
            let text = String::from_utf8_lossy(&buffer);
            for (i, line) in text.lines().enumerate() {
                match i.checked_sub(1).and_then(|r| report.rows.get(r)) {
                    Some(row) if out.color => {
                        let word = status_word(row.status);
                        let rest = line.get(word.len()..).unwrap_or_default();
                        writeln!(out.w, "{}{rest}", paint(word, row.status, true))?;
                    }
                    _ => writeln!(out.w, "{line}")?,
                }
            }
            writeln!(out.w)?;
            for line in summary(report) {
                writeln!(out.w, "{line}")?;
            }
            Ok(())
        }
        ReportFormat::Csv => {
            writeln!(
                out.w,
                "requirement,title,level,part_of,status,held,path,remark"
            )?;
            for r in &report.rows {
                let fields = [
                    r.control.to_string(),
                    r.title.clone(),
                    r.kind.as_str().to_owned(),
                    r.part_of
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    status_word(r.status).to_owned(),
                    evidence(r),
                    paths(r),
                    remark(r).unwrap_or_default(),
                ];
                let line: Vec<String> = fields.iter().map(|f| csv(f)).collect();
                writeln!(out.w, "{}", line.join(","))?;
            }
            Ok(())
        }
        ReportFormat::Markdown => {
            writeln!(
                out.w,
                "# Coverage of {} by {}\n",
                report.target,
                holdings(report)
            )?;
            for line in summary(report) {
                writeln!(out.w, "- {}", md(&line))?;
            }
            writeln!(out.w)?;
            writeln!(out.w, "| Status | Requirement | Title | Held | Path |")?;
            writeln!(out.w, "|---|---|---|---|---|")?;
            for r in &report.rows {
                writeln!(
                    out.w,
                    "| {} | `{}` | {} | {} | {} |",
                    status_word(r.status),
                    r.control,
                    md(&r.title),
                    md(&held_cell(r)),
                    md(&paths(r))
                )?;
            }
            Ok(())
        }
        ReportFormat::Html => {
            out.w.write_all(html(lib, report).as_bytes())?;
            Ok(())
        }
    }
}

/// At most `max` characters, ending in `…` when cut.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut cut: String = s.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html(lib: &Library, report: &CoverageReport) -> String {
    let mut groups: Vec<((String, String), [usize; 3])> = Vec::new();
    for r in &report.rows {
        let key = group(lib, r);
        let slot = match r.status {
            CoverageStatus::Covered => 0,
            CoverageStatus::Partial => 1,
            CoverageStatus::NotCovered => 2,
            CoverageStatus::NotApplicable => continue,
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, counts)) => {
                if let Some(c) = counts.get_mut(slot) {
                    *c += 1;
                }
            }
            None => {
                let mut counts = [0; 3];
                if let Some(c) = counts.get_mut(slot) {
                    *c = 1;
                }
                groups.push((key, counts));
            }
        }
    }
    let title = format!("Coverage of {} by {}", report.target, holdings(report));
    let mut h = String::new();
    let _ = write!(
        h,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; }}
h1 {{ font-size: 1.4rem; }}
.legend span, .bar span {{ display: inline-block; }}
.legend span {{ margin-right: 1rem; }}
.sw {{ width: .8rem; height: .8rem; vertical-align: middle; margin-right: .3rem; }}
.covered {{ background: #2e7d32; }} .partial {{ background: #f9a825; }} .not-covered {{ background: #c62828; }}
.group {{ display: grid; grid-template-columns: 22rem 1fr 10rem; align-items: center; gap: .5rem; margin: .25rem 0; }}
.bar {{ display: flex; height: 1.1rem; background: #eee; }}
.bar span {{ height: 100%; }}
table {{ border-collapse: collapse; margin-top: 1.5rem; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; font-size: .9rem; }}
td.status {{ white-space: nowrap; font-weight: 600; }}
td.status.covered, td.status.partial, td.status.not-covered {{ background: none; }}
td.status.not-applicable {{ color: #555; }}
td.status.covered {{ color: #2e7d32; }} td.status.partial {{ color: #a07800; }} td.status.not-covered {{ color: #c62828; }}
code {{ font-size: .85rem; }}
</style>
</head>
<body>
<h1>{title}</h1>
<ul>{summary}</ul>
<p>Paths of at most {hops} mappings; generated by ctrlmap {version}.</p>
<p class="legend"><span><span class="sw covered"></span>covered</span><span><span class="sw partial"></span>partial</span><span><span class="sw not-covered"></span>not covered</span></p>
"#,
        title = esc(&title),
        summary = summary(report)
            .iter()
            .map(|l| format!("<li>{}</li>", esc(l)))
            .collect::<String>(),
        hops = report.max_hops,
        version = env!("CARGO_PKG_VERSION"),
    );
    for ((id, name), [c, p, n]) in &groups {
        let total = (c + p + n).max(1);
        // Two decimals, so the three parts of a bar add up to its full width.
        let pct = |x: &usize| format!("{:.2}", (*x as f64) * 100.0 / (total as f64));
        let _ = writeln!(
            h,
            r#"<div class="group"><div>{} {}</div><div class="bar"><span class="covered" style="width:{}%"></span><span class="partial" style="width:{}%"></span><span class="not-covered" style="width:{}%"></span></div><div>{c} / {p} / {n}</div></div>"#,
            esc(id),
            esc(name),
            pct(c),
            pct(p),
            pct(n)
        );
    }
    h.push_str("<table>\n<tr><th>Status</th><th>Requirement</th><th>Title</th><th>Justification</th></tr>\n");
    for r in &report.rows {
        let class = match r.status {
            CoverageStatus::Covered => "covered",
            CoverageStatus::Partial => "partial",
            CoverageStatus::NotCovered => "not-covered",
            CoverageStatus::NotApplicable => "not-applicable",
        };
        let mut justification = String::new();
        if let Some(remark) = remark(r) {
            let _ = write!(justification, "<div><em>{}</em></div>", esc(&remark));
        }
        for j in &r.justification {
            let _ = write!(
                justification,
                "<div><code>{}</code> {}",
                esc(&j.held.to_string()),
                esc(&j.relationships.to_string())
            );
            for m in &j.path {
                let note = m
                    .note
                    .as_deref()
                    .map(|n| format!(" — {}", esc(n)))
                    .unwrap_or_default();
                let _ = write!(
                    justification,
                    "<br>&nbsp;&nbsp;<code>{}</code> {} <code>{}</code>{note}",
                    esc(&m.from.to_string()),
                    esc(m.relationship.as_str()),
                    esc(&m.to.to_string())
                );
            }
            justification.push_str("</div>");
        }
        let _ = writeln!(
            h,
            r#"<tr><td class="status {class}">{}</td><td><code>{}</code></td><td>{}</td><td>{justification}</td></tr>"#,
            status_word(r.status),
            esc(&r.control.to_string()),
            esc(&r.title)
        );
    }
    h.push_str("</table>\n</body>\n</html>\n");
    h
}
