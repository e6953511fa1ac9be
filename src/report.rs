//! The readiness report a compliance lead can hand over: what is held and assumed, the gap
//! list with what to do next, counts per section, and every requirement with its evidence,
//! in JSON, plain text, CSV, Markdown and a self-contained HTML page.
//!
//! [`ReadinessReport::new`] adds to a [`CoverageReport`] what a reader needs around it; the
//! renderers work from that one value, so every format says the same thing.
//!
//! ```
//! use ctrlmap::crosswalk::{CoverageOptions, Holding};
//! use ctrlmap::report::{ReadinessReport, ReportContext};
//!
//! let library = ctrlmap::builtin();
//! let coverage = library.crosswalk().coverage_with(
//!     &[Holding::Group("soc2:security".parse()?)], &"hipaa".parse()?, &CoverageOptions::new())?;
//! let report = ReadinessReport::new(library, coverage, &ReportContext::new().generated("2026-11-24"));
//! assert_eq!(report.title, "Coverage of HIPAA by SOC 2 (Security)");
//! assert!(report.gaps.iter().any(|g| g.control.to_string() == "hipaa:164.308(a)(1)(ii)(A)"));
//! let text = ctrlmap::report::to_text(&report, 80);
//! assert!(text.lines().all(|l| l.chars().count() <= 80));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write as _;

use ctrlmap_core::{ControlRef, FrameworkId, MappingSetId, NodeRef};
use ctrlmap_crosswalk::{
    CoverageReport, CoverageRow, CoverageStatus, Crosswalk, ElementRow, Holding, Justification,
    Mapping, Method, Relationship, Rollup, Totals,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Library;

mod render;

pub use render::{CSV_HEADER, to_ansi, to_csv, to_html, to_markdown, to_text, wrap};

/// What the report cannot learn from the coverage itself: when it was made, and why
/// requirements were marked not applicable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReportContext {
    /// The date the report is made, such as `2026-11-24`.
    pub generated: Option<String>,
    /// Where the not-applicable choices come from, one line each, such as
    /// "Entity: business associate (45 CFR 160.103)".
    pub applicability: Vec<String>,
    /// Requirements whose text, for this organization, is another paragraph's: (the
    /// requirement, the paragraph that states its duty), such as a business associate's
    /// § 164.308(b)(2) for § 164.308(b).
    pub text_from: Vec<(ControlRef, ControlRef)>,
}

impl ReportContext {
    /// No date, no applicability notes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the date the report is made.
    #[must_use]
    pub fn generated(mut self, date: impl Into<String>) -> Self {
        self.generated = Some(date.into());
        self
    }

    /// Adds a line saying where not-applicable choices come from.
    #[must_use]
    pub fn applicability(mut self, line: impl Into<String>) -> Self {
        self.applicability.push(line.into());
        self
    }

    /// Shows `paragraph`'s text for `requirement`: the duty that binds this organization
    /// (see [`crate::hipaa::entity::EntityKind::binding_paragraph`]).
    #[must_use]
    pub fn text_from(mut self, requirement: ControlRef, paragraph: ControlRef) -> Self {
        self.text_from.push((requirement, paragraph));
        self
    }
}

/// A framework the organization holds, with the scope assumed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct HeldFramework {
    /// The framework.
    pub framework: FrameworkId,
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// What of it is held, such as "Security (33 of 33 controls)".
    pub scope: String,
    /// Top-level groups not held, such as the SOC 2 categories outside the report's scope.
    pub not_held: Vec<String>,
}

/// A report or assessment held, as the reader must know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ReportHeld {
    /// What it is.
    pub name: String,
    /// Its type, period, opinion, boundary and the like, one fact each.
    pub facts: Vec<String>,
    /// Work the reader's side must do for it to hold (complementary user entity controls).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub your_side: Vec<String>,
}

/// A mapping set the report relies on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct MappingSetInfo {
    /// Its id.
    pub id: MappingSetId,
    /// Its title.
    pub title: String,
    /// Who made it.
    pub publisher: String,
    /// How: official, expert or derived.
    pub method: String,
    /// Its version.
    pub version: String,
}

/// Everything the answer depends on, for the reader to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Assumptions {
    /// What is held, framework by framework.
    pub held: Vec<HeldFramework>,
    /// The target framework's name.
    pub target_name: String,
    /// Its short name, such as `HIPAA`, as titles and explanations use it.
    pub target_short_name: String,
    /// Its version.
    pub target_version: String,
    /// Parts of the target the report does not assess, such as the HIPAA Privacy Rule.
    pub leaves_out: Vec<String>,
    /// Where the not-applicable choices come from, and how many requirements they remove.
    pub applicability: Vec<String>,
    /// The user's own files the answer rests on (catalogs, extensions, text overlays,
    /// mapping sets), as "extension acme.json".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub your_files: Vec<String>,
    /// The reports held, each with what a reader must know of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<ReportHeld>,
    /// Controls held reports cover whose evidence counts for nothing, with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_evidenced: Vec<String>,
    /// The mapping sets the answer relies on: those some justification's path follows.
    pub mapping_sets: Vec<MappingSetInfo>,
    /// The mapping sets between these frameworks that no justification uses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consulted_without_effect: Vec<MappingSetInfo>,
    /// The most mappings a justification may follow.
    pub max_hops: usize,
    /// When the report was made, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    /// The ctrlmap version that made it.
    pub ctrlmap_version: String,
}

/// One entry of the legend: a term the report uses and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct LegendEntry {
    /// The term.
    pub term: String,
    /// What it means.
    pub meaning: String,
}

/// The counts of one section of the target, such as HIPAA § 164.308.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct SectionSummary {
    /// The section.
    pub section: ControlRef,
    /// Its title.
    pub title: String,
    /// An anchor for links, such as `sec-164-308`.
    pub anchor: String,
    /// Its counts.
    pub totals: Totals,
    /// Its requirements, in document order.
    pub requirements: Vec<ControlRef>,
}

/// Something to do next, such as a key activity of NIST SP 800-66r2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct NextStep {
    /// Its identifier in its source, such as `KA_164.308(a)(1).2`.
    pub id: String,
    /// What to do.
    pub title: String,
    /// Where it comes from.
    pub source: String,
    /// The elements of it not yet evidenced, as the work to do (for a NIST key activity,
    /// its descriptions); empty when the step has no elements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work: Vec<WorkItem>,
}

/// One element still to evidence: a NIST description, or words of the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct WorkItem {
    /// The element, such as `hipaa:D_164.308(a)(1).1.1`.
    pub control: ControlRef,
    /// Its text.
    pub text: String,
    /// `partial` when something held overlaps it, else `not_covered`.
    pub status: CoverageStatus,
}

/// A requirement that is not covered, or only partly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Gap {
    /// The requirement.
    pub control: ControlRef,
    /// Its title.
    pub title: String,
    /// The section it is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<ControlRef>,
    /// Its status: partial or not covered.
    pub status: CoverageStatus,
    /// Required, addressable …, when the catalog says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement: Option<String>,
    /// Its text, when the catalog ships it (public-domain text such as HIPAA's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Why it is a gap, one reason per line.
    pub why: Vec<String>,
    /// What to do next.
    pub next_steps: Vec<NextStep>,
    /// Not covered, but only for want of a relationship that can be known: it is mapped, and
    /// no chain from what is held reaches it with one (two "overlaps" compose to anything).
    /// Unknown rather than shown to be a gap: check it by hand.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unknown: bool,
}

/// What the catalog says of a requirement, for every row of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct RequirementDetail {
    /// The requirement.
    pub control: ControlRef,
    /// Required, addressable …, when the catalog says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement: Option<String>,
    /// Its text, when the catalog ships it (public-domain text such as HIPAA's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A readiness report: a [`CoverageReport`] with its title, assumptions, legend, section
/// counts and gap list. Its JSON is the `readiness-report` format: the coverage report's
/// fields, and these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "ctrlmap readiness report")]
#[non_exhaustive]
pub struct ReadinessReport {
    /// A title for people, such as "Coverage of HIPAA by SOC 2 (Security)".
    pub title: String,
    /// What the answer depends on.
    pub assumptions: Assumptions,
    /// The terms the report uses.
    pub legend: Vec<LegendEntry>,
    /// Counts per section of the target, in document order.
    pub sections: Vec<SectionSummary>,
    /// The few gaps to start with: not covered before partial, required before addressable,
    /// fewest elements evidenced first; at most [`FIRST_GAPS`].
    pub start_with: Vec<ControlRef>,
    /// Every requirement not covered or partly covered, in document order.
    pub gaps: Vec<Gap>,
    /// Every requirement's type and text, in document order.
    pub details: Vec<RequirementDetail>,
    /// The coverage itself.
    #[serde(flatten)]
    pub coverage: CoverageReport,
}

impl ReadinessReport {
    /// The report for `coverage`, computed over `library`.
    pub fn new(library: &Library, coverage: CoverageReport, context: &ReportContext) -> Self {
        let title = title(library, &coverage);
        let assumptions = assumptions(library, &coverage, context);
        let sections = sections(library, &coverage);
        // One catalog look-up per requirement, shared by the details and the gap list.
        let details: Vec<RequirementDetail> = coverage
            .rows
            .iter()
            .map(|r| {
                let node = library.resolve(&r.control);
                let own = context
                    .text_from
                    .iter()
                    .find(|(req, _)| req == &r.control)
                    .and_then(|(_, p)| Some((p, library.resolve(p)?.text.clone()?)));
                RequirementDetail {
                    control: r.control.clone(),
                    requirement: node.and_then(|n| n.prop("requirement").map(capitalise)),
                    text: match own {
                        Some((p, text)) => Some(format!(
                            "[§ {}, the duty that binds this organization] {text}",
                            p.control()
                        )),
                        None => node.and_then(|n| n.text.clone()),
                    },
                }
            })
            .collect();
        let section_of: std::collections::HashMap<&ControlRef, &ControlRef> = sections
            .iter()
            .flat_map(|s| s.requirements.iter().map(move |r| (r, &s.section)))
            .collect();
        let held_frameworks: Vec<&FrameworkId> =
            coverage.scope.iter().map(|s| &s.framework).collect();
        let gaps: Vec<Gap> = coverage
            .rows
            .iter()
            .zip(&details)
            .filter(|(r, _)| {
                matches!(
                    r.status,
                    CoverageStatus::Designed | CoverageStatus::Partial | CoverageStatus::NotCovered
                )
            })
            .map(|(r, detail)| Gap {
                section: section_of.get(&r.control).map(|s| (*s).clone()),
                requirement: detail.requirement.clone(),
                text: detail.text.clone(),
                ..gap(library, &assumptions.target_short_name, &held_frameworks, r)
            })
            .collect();
        let start_with = start_with(&gaps, &coverage);
        Self {
            start_with,
            title,
            assumptions,
            details,
            legend: legend(library, &coverage),
            sections,
            gaps,
            coverage,
        }
    }

    /// The section summary a requirement is reported under.
    pub fn section_of(&self, control: &ControlRef) -> Option<&SectionSummary> {
        self.sections
            .iter()
            .find(|s| s.requirements.contains(control))
    }
}

/// The most gaps [`ReadinessReport::start_with`] names.
pub const FIRST_GAPS: usize = 5;

/// The gaps to start with: shown gaps before unknown ones, not covered before partial,
/// required before addressable, the smallest share of elements evidenced first, then
/// document order.
fn start_with(gaps: &[Gap], coverage: &CoverageReport) -> Vec<ControlRef> {
    let rows: std::collections::HashMap<&ControlRef, &CoverageRow> =
        coverage.rows.iter().map(|r| (&r.control, r)).collect();
    let mut ranked: Vec<(usize, &Gap)> = gaps.iter().enumerate().collect();
    // The share of elements evidenced, in thousandths (0 without elements).
    let share = |g: &Gap| -> usize {
        rows.get(&g.control).map_or(0, |row| {
            let (done, all) = element_counts(row);
            done.saturating_mul(1000).checked_div(all).unwrap_or(0)
        })
    };
    ranked.sort_by_key(|(i, g)| {
        (
            g.unknown,
            g.status != CoverageStatus::NotCovered,
            rows.get(&g.control).is_none_or(|r| !r.required),
            share(g),
            *i,
        )
    });
    ranked
        .into_iter()
        .take(FIRST_GAPS)
        .map(|(_, g)| g.control.clone())
        .collect()
}

/// Why a not-covered requirement that chains from what is held reach only through overlaps is
/// unknown rather than a gap, naming what it is mapped to; `None` when a mapping set of a
/// held framework maps it (to controls not held): that set has judged it, and it is a gap.
fn unknown_reason(
    library: &Library,
    held_frameworks: &[&FrameworkId],
    control: &ControlRef,
) -> Option<String> {
    let mapped = library.crosswalk().direct(control).unwrap_or_default();
    if mapped
        .iter()
        .any(|m| held_frameworks.contains(&m.to.framework()))
    {
        return None;
    }
    // Each framework it is mapped to once, with how many controls and whose evidence.
    let mut by_framework: Vec<(&FrameworkId, usize, String)> = Vec::new();
    for m in &mapped {
        match by_framework
            .iter_mut()
            .find(|(f, _, _)| *f == m.to.framework())
        {
            Some(entry) => entry.1 += 1,
            None => by_framework.push((
                m.to.framework(),
                1,
                path_evidence(std::slice::from_ref(m), library.crosswalk()),
            )),
        }
    }
    let list: Vec<String> = by_framework
        .iter()
        .map(|(f, n, e)| format!("{n} {f} control{} ({e})", if *n == 1 { "" } else { "s" }))
        .collect();
    Some(format!(
        "No held control maps to it with a relationship that can be known. It is mapped to {}, and chains of mappings from what is held reach it, but only through mappings that overlap, which leave every relationship possible: nothing is claimed; check it by hand.",
        join_and(&list)
    ))
}

/// A row's counted elements: (evidenced, all).
fn element_counts(row: &CoverageRow) -> (usize, usize) {
    let counted = row
        .elements
        .iter()
        .filter(|e| e.kind == ctrlmap_core::NodeKind::Element && e.informative.is_none());
    let (mut done, mut all) = (0, 0);
    for e in counted {
        all += 1;
        if e.status == CoverageStatus::Covered {
            done += 1;
        }
    }
    (done, all)
}

/// The short name of a framework for titles: `SOC 2`, `HIPAA`, else its catalog name.
fn short_name(library: &Library, framework: &FrameworkId) -> String {
    let name = library
        .catalog(framework)
        .map(|c| c.framework().name.clone())
        .unwrap_or_else(|| framework.to_string());
    // Catalog names lead with the short name: "SOC 2 — Trust Services Criteria",
    // "HIPAA Security, Breach Notification and Privacy Rules (45 CFR Part 164)".
    // "NIST SP 800-53 Rev. 5: Security and Privacy Controls …" is "NIST SP 800-53 Rev. 5".
    let cut = name
        .split(" — ")
        .next()
        .unwrap_or(&name)
        .split(" (")
        .next()
        .unwrap_or(&name)
        .split(": ")
        .next()
        .unwrap_or(&name)
        .to_owned();
    // A long name that leads with an acronym followed by words is known by it: "HIPAA"
    // (but "NIST SP 800-53 Rev. 5" keeps its publication number).
    let words: Vec<&str> = cut.split_whitespace().collect();
    let is_acronym = |w: &str| w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase());
    match words.first() {
        Some(first)
            if words.len() > 3
                && first.len() > 2
                && is_acronym(first)
                && !words.get(1).is_some_and(|w| is_acronym(w)) =>
        {
            (*first).to_owned()
        }
        _ => cut,
    }
}

/// What is held of one framework, all holdings of it together.
struct HeldOf<'a> {
    framework: &'a FrameworkId,
    framework_name: &'a str,
    /// Assessable controls held (a holding counted once per framework it names).
    controls: usize,
    /// Each top-level group: title, controls held (the most any one holding holds), total.
    groups: Vec<(&'a str, usize, usize)>,
    /// The holdings of elements or key activities, which hold no assessable control.
    elements: Vec<String>,
    /// The named selections held, such as "MODERATE baseline".
    selections: Vec<String>,
}

/// The scope of the holdings, one entry per framework in the order first held.
fn held_of<'a>(library: &Library, coverage: &'a CoverageReport) -> Vec<HeldOf<'a>> {
    let mut out: Vec<HeldOf<'_>> = Vec::new();
    for s in &coverage.scope {
        let index = match out.iter().position(|h| *h.framework == s.framework) {
            Some(i) => i,
            None => {
                out.push(HeldOf {
                    framework: &s.framework,
                    framework_name: &s.framework_name,
                    controls: 0,
                    groups: s
                        .groups
                        .iter()
                        .map(|g| (g.title.as_str(), 0, g.total))
                        .collect(),
                    elements: Vec::new(),
                    selections: Vec::new(),
                });
                out.len() - 1
            }
        };
        let Some(h) = out.get_mut(index) else {
            continue;
        };
        h.controls += s.controls;
        if let Holding::Group(r) = &s.holding
            && let Some((title, _)) = library.crosswalk().selection(r)
            && !h.selections.iter().any(|t| t == title)
        {
            h.selections.push(title.to_owned());
        }
        if s.controls == 0 {
            h.elements.push(s.holding.to_string());
        }
        for (g, merged) in s.groups.iter().zip(h.groups.iter_mut()) {
            merged.1 = merged.1.max(g.held);
        }
    }
    out
}

fn title(library: &Library, coverage: &CoverageReport) -> String {
    let target = short_name(library, &coverage.target);
    let held: Vec<String> = held_of(library, coverage)
        .iter()
        .map(|h| {
            let name = short_name(library, h.framework);
            let groups: Vec<&str> = h.groups.iter().filter(|g| g.1 > 0).map(|g| g.0).collect();
            let partial_groups = h.groups.iter().any(|g| g.1 > 0 && g.1 < g.2);
            if h.controls == 0 {
                // Elements or key activities held as such.
                format!("{name} ({})", h.elements.join(", "))
            } else if !h.selections.is_empty() {
                format!("{name} ({})", h.selections.join(", "))
            } else if groups.len() == h.groups.len() && !partial_groups {
                name
            } else if partial_groups || groups.is_empty() {
                format!(
                    "{name} ({} control{})",
                    h.controls,
                    if h.controls == 1 { "" } else { "s" }
                )
            } else {
                format!("{name} ({})", groups.join(", "))
            }
        })
        .collect();
    format!("Coverage of {target} by {}", join_and(&held))
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn assumptions(
    library: &Library,
    coverage: &CoverageReport,
    context: &ReportContext,
) -> Assumptions {
    let mut held: Vec<HeldFramework> = Vec::new();
    for h in held_of(library, coverage) {
        let catalog = library.catalog(h.framework);
        let in_scope: Vec<String> = h
            .groups
            .iter()
            .filter(|g| g.1 > 0)
            .map(|g| format!("{} ({} of {})", g.0, g.1, g.2))
            .collect();
        let not_held: Vec<String> = h
            .groups
            .iter()
            .filter(|g| g.1 == 0)
            .map(|g| g.0.to_owned())
            .collect();
        held.push(HeldFramework {
            framework: h.framework.clone(),
            name: h.framework_name.to_owned(),
            version: catalog
                .map(|c| c.framework().version.clone())
                .unwrap_or_default(),
            scope: if !h.selections.is_empty() {
                format!(
                    "{}, {} controls: {}",
                    h.selections.join(", "),
                    h.controls,
                    in_scope.join(", ")
                )
            } else if !in_scope.is_empty() {
                in_scope.join(", ")
            } else if h.controls == 0 {
                h.elements.join(", ")
            } else {
                format!(
                    "{} control{}",
                    h.controls,
                    if h.controls == 1 { "" } else { "s" }
                )
            },
            not_held,
        });
    }
    let frameworks: Vec<&FrameworkId> = coverage
        .scope
        .iter()
        .map(|s| &s.framework)
        .chain(std::iter::once(&coverage.target))
        .collect();
    let used: std::collections::HashSet<&MappingSetId> = all_justifications(coverage)
        .flat_map(|j| j.path.iter().map(|m| &m.set))
        .collect();
    let info = |s: &ctrlmap_crosswalk::MappingSet| {
        let p = s.provenance();
        MappingSetInfo {
            id: s.id().clone(),
            title: s.title().to_owned(),
            publisher: p.publisher.clone(),
            method: <&'static str>::from(p.method).to_owned(),
            version: p.version.clone(),
        }
    };
    let relevant = || {
        library.mapping_sets().filter(|s| {
            frameworks.contains(&s.source_framework()) || frameworks.contains(&s.target_framework())
        })
    };
    let consulted_without_effect = relevant()
        .filter(|s| !used.contains(s.id()))
        .map(info)
        .collect();
    let mapping_sets = relevant()
        .filter(|s| used.contains(s.id()))
        .map(|s| {
            let p = s.provenance();
            MappingSetInfo {
                id: s.id().clone(),
                title: s.title().to_owned(),
                publisher: p.publisher.clone(),
                method: <&'static str>::from(p.method).to_owned(),
                version: p.version.clone(),
            }
        })
        .collect();
    let mut applicability = context.applicability.clone();
    // Every file of the user's that the answer rests on is named.
    let your_files: Vec<String> = library
        .files()
        .iter()
        .map(|(what, file)| format!("{what} {file}"))
        .collect();
    let na = coverage.totals.not_applicable;
    applicability.push(if na == 0 {
        "Every requirement is assumed to apply.".to_owned()
    } else {
        format!(
            "{na} requirement{} marked not applicable, each with its reason, and left out of the counts.",
            if na == 1 { " is" } else { "s are" }
        )
    });
    let target = library.catalog(&coverage.target);
    let reports = coverage
        .have
        .iter()
        .filter_map(|h| match h {
            ctrlmap_crosswalk::Holding::Report(r) => Some(ReportHeld {
                name: r.name.clone(),
                facts: r.facts.clone(),
                your_side: r.user_duties.clone(),
            }),
            _ => None,
        })
        .collect();
    let not_evidenced = coverage
        .excluded
        .iter()
        .map(|e| format!("{} ({}): {}", e.control, e.report, e.reason))
        .collect();
    Assumptions {
        your_files,
        consulted_without_effect,
        reports,
        not_evidenced,
        held,
        target_name: coverage.target_name.clone(),
        target_short_name: short_name(library, &coverage.target),
        target_version: target
            .map(|c| c.framework().version.clone())
            .unwrap_or_default(),
        leaves_out: coverage
            .not_assessed
            .iter()
            .map(|n| {
                format!(
                    "{} ({}): no assessable requirements in the catalog",
                    n.title, n.control
                )
            })
            .collect(),
        applicability,
        mapping_sets,
        max_hops: coverage.max_hops,
        generated: context.generated.clone(),
        ctrlmap_version: env!("CARGO_PKG_VERSION").to_owned(),
    }
}

/// Every justification of a report: the rows' and their elements'.
fn all_justifications(coverage: &CoverageReport) -> impl Iterator<Item = &Justification> {
    coverage.rows.iter().flat_map(|r| {
        r.justification
            .iter()
            .chain(r.elements.iter().flat_map(|e| e.evidence.iter()))
    })
}

/// The legend: only the terms the report uses.
fn legend(library: &Library, coverage: &CoverageReport) -> Vec<LegendEntry> {
    let target = short_name(library, &coverage.target);
    let has = |s: CoverageStatus| coverage.rows.iter().any(|r| r.status == s);
    let phrases: std::collections::HashSet<&'static str> = all_justifications(coverage)
        .flat_map(|j| {
            let what = match j.relationships.exactly_one() {
                Some(Relationship::SupersetOf) => "fully includes",
                Some(Relationship::Equal) => "equal to",
                Some(Relationship::SubsetOf) => "covers part of it",
                Some(Relationship::IntersectsWith) => "overlaps",
                Some(Relationship::NotRelated) => "not related",
                None if j.relationships.provably_satisfies() => "fully includes",
                None => "unknown after N steps",
            };
            let inferred = (j.path.len() > 1).then_some("inferred via");
            let limited = j.limit.is_some().then_some("the evidence is limited");
            [Some(what), inferred, limited].into_iter().flatten()
        })
        .collect();
    let any_justification = all_justifications(coverage).next().is_some();
    let elements = coverage.rows.iter().any(|r| !r.elements.is_empty());
    let mut out = Vec::new();
    let mut entry = |used: bool, term: &str, meaning: String| {
        if used {
            out.push(LegendEntry {
                term: term.to_owned(),
                meaning,
            });
        }
    };
    entry(
        has(CoverageStatus::Covered),
        "covered",
        "a held control includes the whole requirement, as the mappings judge it (each with its confidence), or every element of it is evidenced and together they are the whole requirement; and every required part of it is covered".to_owned(),
    );
    entry(
        has(CoverageStatus::Designed),
        "designed, not tested",
        "what is held would cover it, but its evidence is of design only (a Type I report): operating effectiveness was not tested".to_owned(),
    );
    entry(
        has(CoverageStatus::Partial),
        "partial",
        "a held control overlaps the requirement, one of its elements or one of its parts, but the requirement is not covered".to_owned(),
    );
    entry(
        has(CoverageStatus::NotCovered),
        "not covered",
        "no held control overlaps it, its elements or its parts by a relationship that can be known".to_owned(),
    );
    entry(
        has(CoverageStatus::NotApplicable),
        "not applicable",
        "it does not bind the organization, for the reason given; it is not counted".to_owned(),
    );
    entry(
        elements,
        "element",
        "one thing a requirement asks for: a description of a NIST SP 800-66r2 key activity (D_ ids), or words of the rule that no description names (E_ ids, named by ctrlmap)".to_owned(),
    );
    entry(
        elements,
        "evidenced",
        "a held control includes the element, or something it is part of".to_owned(),
    );
    entry(
        phrases.contains("fully includes"),
        "fully includes",
        "an assessment of the held control must test every element of the requirement".to_owned(),
    );
    entry(
        phrases.contains("equal to"),
        "equal to",
        "the held control and the requirement ask for the same thing".to_owned(),
    );
    entry(
        phrases.contains("covers part of it"),
        "covers part of it",
        "the held control is narrower than the requirement: the rest needs other controls"
            .to_owned(),
    );
    entry(
        phrases.contains("overlaps"),
        "overlaps",
        format!("they share some elements: check the {target}-specific part"),
    );
    entry(
        phrases.contains("inferred via"),
        "inferred via",
        "no direct mapping: the relationship is composed along the mappings named".to_owned(),
    );
    entry(
        phrases.contains("unknown after N steps"),
        "unknown after N steps",
        "composing N mappings leaves more than one relationship possible: verify by hand"
            .to_owned(),
    );
    entry(
        phrases.contains("the evidence is limited"),
        "the evidence is limited",
        "the held report limits what this control proves (an exception, a design-only report, a boundary), in its words".to_owned(),
    );
    entry(
        any_justification,
        "strength",
        "how strongly the mapping's author rates the link, 0 to 10 (for inferred links, the weakest step)".to_owned(),
    );
    entry(
        any_justification,
        "confidence",
        "how sure the mapping's author is that the relationship holds: high, medium or low"
            .to_owned(),
    );
    out
}

/// The node a requirement is reported under: its top-level node when the framework has five
/// or more of them (SOC 2 categories, HITRUST categories, COSO components), otherwise the
/// node below the top (HIPAA sections).
fn section_node<'a>(library: &'a Library, control: &ControlRef) -> Option<NodeRef<'a>> {
    let node = library.resolve(control)?;
    let roots = node.catalog().roots().count();
    let chain: Vec<NodeRef<'a>> = std::iter::once(node).chain(node.ancestors()).collect();
    if roots >= 5 {
        chain.last().copied()
    } else {
        chain
            .len()
            .checked_sub(2)
            .and_then(|i| chain.get(i))
            .or(chain.last())
            .copied()
    }
}

/// An anchor for a section: `sec-` and its id with every run of other characters as `-`.
fn anchor(control: &ControlRef) -> String {
    let mut out = String::from("sec-");
    let mut dash = false;
    for c in control.control().as_str().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash {
            out.push('-');
            dash = true;
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn sections(library: &Library, coverage: &CoverageReport) -> Vec<SectionSummary> {
    let mut out: Vec<SectionSummary> = Vec::new();
    let mut index_of: std::collections::HashMap<ControlRef, usize> =
        std::collections::HashMap::new();
    // Anchors fold every run of other characters to `-`, so two ids can fold alike
    // (`+A`, `-A`): the later one gets a number.
    let mut anchors: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut unique = |base: String| {
        let mut candidate = base.clone();
        let mut n = 1;
        while !anchors.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        candidate
    };
    for row in &coverage.rows {
        let Some(node) = section_node(library, &row.control) else {
            continue;
        };
        let section = node.control_ref();
        let index = match index_of.get(&section) {
            Some(&i) => i,
            None => {
                index_of.insert(section.clone(), out.len());
                out.push(SectionSummary {
                    anchor: unique(anchor(&section)),
                    section,
                    title: node.title.clone(),
                    totals: Totals::default(),
                    requirements: Vec::new(),
                });
                out.len() - 1
            }
        };
        if let Some(s) = out.get_mut(index) {
            s.totals.record(row.status);
            s.requirements.push(row.control.clone());
        }
    }
    out
}

/// A relationship in the plain words reports and `ctrlmap map` use, read from the held (left)
/// control's side: "fully includes", "is equal to", "covers part of", "overlaps", "is not
/// related to". JSON keeps the raw names (`superset_of`, …).
///
/// ```
/// use ctrlmap::crosswalk::Relationship;
/// assert_eq!(ctrlmap::report::relationship_words(Relationship::SupersetOf), "fully includes");
/// assert_eq!(ctrlmap::report::relationship_words(Relationship::IntersectsWith), "overlaps");
/// ```
pub fn relationship_words(relationship: Relationship) -> &'static str {
    match relationship {
        Relationship::SupersetOf => "fully includes",
        Relationship::Equal => "is equal to",
        Relationship::SubsetOf => "covers part of",
        Relationship::IntersectsWith => "overlaps",
        Relationship::NotRelated => "is not related to",
    }
}

/// Who stands behind a mapping, in plain words: `NIST crosswalk` for a set an authority
/// published (`AICPA crosswalk` for the TSC's links to COSO), `ctrlmap expert reading` for
/// ctrlmap's own sets, `expert reading by ACME` or `derived by ACME` for others.
///
/// ```
/// use ctrlmap::crosswalk::Method;
/// assert_eq!(ctrlmap::report::evidence_words(Method::Official, "NIST"), "NIST crosswalk");
/// assert_eq!(ctrlmap::report::evidence_words(Method::Expert, "ctrlmap contributors"), "ctrlmap expert reading");
/// ```
pub fn evidence_words(method: Method, publisher: &str) -> String {
    match method {
        Method::Official => format!("{publisher} crosswalk"),
        Method::Expert if publisher.starts_with("ctrlmap") => "ctrlmap expert reading".to_owned(),
        Method::Expert => format!("expert reading by {publisher}"),
        Method::Derived => format!("derived by {publisher}"),
    }
}

/// Who stands behind a chain of mappings: the [`evidence_words`] of its steps' sets, each
/// once, joined with ` + ` ("NIST crosswalk + ctrlmap expert reading" when it mixes them).
pub fn path_evidence(path: &[Mapping], crosswalk: &Crosswalk) -> String {
    evidence_of(path, |set| {
        crosswalk
            .mapping_sets()
            .find(|(id, _, _)| *id == set)
            .map(|(_, _, p)| p.publisher.as_str())
    })
}

/// As [`path_evidence`], for a report's justification, from the mapping sets its
/// assumptions list.
pub fn justification_evidence(justification: &Justification, sets: &[MappingSetInfo]) -> String {
    evidence_of(&justification.path, |set| {
        sets.iter()
            .find(|s| &s.id == set)
            .map(|s| s.publisher.as_str())
    })
}

fn evidence_of<'a>(
    path: &[Mapping],
    publisher: impl Fn(&MappingSetId) -> Option<&'a str>,
) -> String {
    let mut words: Vec<String> = Vec::new();
    for step in path {
        let w = evidence_words(step.method, publisher(&step.set).unwrap_or_default());
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words.join(" + ")
}

/// A justification in plain words: "soc2:CC6.1 fully includes it",
/// "soc2:CC3.2 overlaps it: check the HIPAA-specific part", "… (inferred via hitrust:01.q)".
/// `target` names the target framework, such as `HIPAA`.
pub fn explain(justification: &Justification, target: &str) -> String {
    let set = justification.relationships;
    let hops = justification.path.len();
    let what = match set.exactly_one() {
        Some(r @ Relationship::SubsetOf) => {
            format!(
                "{} it: the rest needs other controls",
                relationship_words(r)
            )
        }
        Some(r @ Relationship::IntersectsWith) => format!(
            "{} it: check the {target}-specific part",
            relationship_words(r)
        ),
        Some(r) => format!("{} it", relationship_words(r)),
        None if set.provably_satisfies() => {
            format!("{} it", relationship_words(Relationship::SupersetOf))
        }
        None => format!(
            "relationship unknown after {hops} step{}: verify",
            if hops == 1 { "" } else { "s" }
        ),
    };
    let mut out = format!("{} {what}", justification.held);
    if let Some(limit) = &justification.limit {
        let _ = write!(out, ", but the evidence is limited: {limit}");
    }
    if hops > 1 {
        let via: Vec<String> = justification
            .path
            .iter()
            .skip(1)
            .map(|m| m.from.to_string())
            .collect();
        let _ = write!(out, " (inferred via {})", via.join(", "));
    }
    if let Some(report) = &justification.report {
        let _ = write!(out, " [from {report}]");
    }
    out
}

/// The strength of a justification: the weakest step of its path.
pub fn strength(justification: &Justification) -> Option<u8> {
    justification.path.iter().map(|m| m.strength).min()
}

/// The confidence of a justification: the lowest of its steps, when every step gives one.
pub fn confidence(justification: &Justification) -> Option<ctrlmap_crosswalk::Confidence> {
    justification
        .path
        .iter()
        .map(|m| m.confidence)
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .max()
}

/// A gap's status, reasons and next steps (its section, type and text come from the
/// report's own tables).
fn gap(
    library: &Library,
    target: &str,
    held_frameworks: &[&FrameworkId],
    row: &CoverageRow,
) -> Gap {
    let mut why = Vec::new();
    // An organization's own addition is never shown as the framework's.
    if let Some(file) = library
        .resolve(&row.control)
        .and_then(|n| {
            n.node()
                .props
                .iter()
                .find(|p| p.name == ctrlmap_core::ADDED_BY_PROP)
        })
        .map(|p| p.value.as_str())
    {
        why.push(format!(
            "Added by {file}: the organization's own, not part of {target} as published."
        ));
    }
    match &row.rollup {
        Some(Rollup::LimitedBy(parts)) => why.push(format!(
            "Required parts are not fully covered: {}.",
            list(parts)
        )),
        Some(Rollup::ThroughParts(parts)) => why.push(format!(
            "No held control maps to it; only its parts are covered or partial: {}.",
            list(parts)
        )),
        Some(Rollup::ThroughElements(held)) => why.push(format!(
            "Every element is evidenced, by {} together.",
            list_refs(held)
        )),
        _ => {}
    }
    for j in &row.justification {
        let notes: Vec<&str> = j.path.iter().filter_map(|m| m.note.as_deref()).collect();
        let mut line = explain(j, target);
        let _ = write!(line, " [{}]", path_evidence(&j.path, library.crosswalk()));
        if !notes.is_empty() {
            let _ = write!(line, ". {}", notes.join(" Then: "));
        }
        why.push(line);
    }
    let mut unknown = false;
    if row.justification.is_empty() && row.rollup.is_none() {
        let reasons = library.crosswalk().unmapped_reasons(&row.control);
        // A set that says why it leaves the requirement unmapped has judged it a gap;
        // otherwise an inconclusive row's own mappings decide (`unknown_reason`).
        let unknown_why = (row.inconclusive && reasons.is_empty())
            .then(|| unknown_reason(library, held_frameworks, &row.control))
            .flatten();
        unknown = unknown_why.is_some();
        if let Some(line) = unknown_why {
            why.push(line);
        } else if reasons.is_empty() {
            why.push(
                "No held control maps to it, directly or through other frameworks.".to_owned(),
            );
        } else {
            for (set, reason) in reasons {
                why.push(format!("Unmapped in {set}: {reason}"));
            }
        }
    }
    let (done, all) = element_counts(row);
    if all > 0 {
        let partial = row
            .elements
            .iter()
            .filter(|e| {
                e.kind == ctrlmap_core::NodeKind::Element
                    && e.informative.is_none()
                    && e.status == CoverageStatus::Partial
            })
            .count();
        let mut line = format!(
            "Elements: {done} of {all} evidenced, {partial} partly, {} not at all",
            all - done - partial
        );
        match row.elements_exhaustive {
            Some(true) => line.push_str("; together they are the whole requirement."),
            _ => {
                line.push_str("; they are not judged to be the whole requirement");
                if let Some(note) = &row.elements_note {
                    let _ = write!(line, ": {note}");
                }
                if !line.ends_with('.') {
                    line.push('.');
                }
            }
        }
        why.push(line);
    }
    let next_steps = if row.elements.is_empty() {
        next_steps(&row.control)
    } else {
        element_steps(library, row)
    };
    Gap {
        control: row.control.clone(),
        title: row.title.clone(),
        section: None,
        status: row.status,
        requirement: None,
        text: None,
        why,
        next_steps,
        unknown,
    }
}

/// The next steps of a row with elements: each key activity not yet evidenced, with its
/// descriptions still to evidence, and each element of the rule's own words not yet
/// evidenced.
fn element_steps(library: &Library, row: &CoverageRow) -> Vec<NextStep> {
    let group_of: std::collections::HashMap<&ControlRef, &ControlRef> = row
        .elements
        .iter()
        .filter_map(|e| e.group.as_ref().map(|g| (&e.control, g)))
        .collect();
    let under = |e: &ElementRow, activity: &ControlRef| {
        let mut g = e.group.as_ref();
        for _ in 0..row.elements.len() {
            match g {
                Some(x) if x == activity => return true,
                Some(x) => g = group_of.get(x).copied(),
                None => return false,
            }
        }
        false
    };
    let to_do = |e: &&ElementRow| {
        e.kind == ctrlmap_core::NodeKind::Element
            && e.informative.is_none()
            && e.status != CoverageStatus::Covered
    };
    let item = |e: &ElementRow| WorkItem {
        control: e.control.clone(),
        text: library
            .resolve(&e.control)
            .and_then(|n| n.text.clone())
            .unwrap_or_else(|| e.title.clone()),
        status: e.status,
    };
    let mut steps = Vec::new();
    for e in &row.elements {
        if e.kind == ctrlmap_core::NodeKind::KeyActivity && e.status != CoverageStatus::Covered {
            steps.push(NextStep {
                id: e.control.control().to_string(),
                title: e.title.clone(),
                source: "NIST SP 800-66r2 key activity".to_owned(),
                work: row
                    .elements
                    .iter()
                    .filter(to_do)
                    .filter(|d| under(d, &e.control))
                    .map(item)
                    .collect(),
            });
        } else if e.group.is_none() && to_do(&e) {
            let source = match e.source.as_deref() {
                Some("ctrlmap") => "the rule's own words (element named by ctrlmap)",
                _ => "element",
            };
            steps.push(NextStep {
                id: e.control.control().to_string(),
                title: e.title.clone(),
                source: source.to_owned(),
                work: vec![item(e)],
            });
        }
    }
    steps
}

fn list_refs(refs: &[ControlRef]) -> String {
    refs.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn list(parts: &[ControlRef]) -> String {
    parts
        .iter()
        .map(|p| p.control().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(feature = "hipaa")]
fn next_steps(control: &ControlRef) -> Vec<NextStep> {
    if control.framework() != &ctrlmap_hipaa::FRAMEWORK_ID {
        return Vec::new();
    }
    ctrlmap_hipaa::guidance::for_requirement(control.control().as_str())
        .into_iter()
        .map(|k| NextStep {
            id: k.id.clone(),
            title: k.title.clone(),
            source: "NIST SP 800-66r2 key activity".to_owned(),
            work: Vec::new(),
        })
        .collect()
}

#[cfg(not(feature = "hipaa"))]
fn next_steps(_: &ControlRef) -> Vec<NextStep> {
    Vec::new()
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
