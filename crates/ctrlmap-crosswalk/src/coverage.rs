//! Coverage analysis: given what an organization holds, how much of a target framework is
//! covered. The rules are documented on [`CoverageReport`].

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use ctrlmap_core::{ControlRef, FrameworkId, LoadError, NodeKind, load};
use petgraph::graph::NodeIndex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::graph::{ControlInfo, Crosswalk, Found, Mapping, QueryError};
use crate::relationship::RelationshipSet;

/// The hop count used when none is given: paths of at most three mappings, enough to reach
/// HIPAA from SOC 2 through HITRUST or COSO.
pub const DEFAULT_MAX_HOPS: usize = 3;

/// Something an organization holds: a control (with every assessable control under it), or
/// every assessable control of a framework (a SOC 2 report on all five categories, a HITRUST
/// certification).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Holding {
    /// One control and every assessable control under it, such as `soc2:CC6.1`, the series
    /// `soc2:CC6` or the category `soc2:security`.
    Control(ControlRef),
    /// Every assessable control of a framework.
    Framework(FrameworkId),
}

impl std::fmt::Display for Holding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Control(r) => r.fmt(f),
            Self::Framework(id) => id.fmt(f),
        }
    }
}

/// How well a target requirement is covered.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CoverageStatus {
    /// Some held control is provably equal to or a superset of it, directly or by
    /// composition, and so is every required part of it.
    Covered,
    /// Some held control provably overlaps it (or one of its parts), but it is not covered.
    Partial,
    /// No held control provably overlaps it or any of its parts.
    NotCovered,
    /// It does not apply to the organization, for the reason given; it is not counted.
    NotApplicable,
}

impl CoverageStatus {
    /// Every status, in report order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The serialized name, such as `not_covered`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The words a report shows, such as `not covered`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Covered => "covered",
            Self::Partial => "partial",
            Self::NotCovered => "not covered",
            Self::NotApplicable => "not applicable",
        }
    }
}

impl std::fmt::Display for CoverageStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A requirement of the target framework that does not apply, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct NotApplicable {
    /// The requirement; every requirement under it is not applicable either.
    pub control: ControlRef,
    /// Why it does not apply.
    pub reason: String,
}

impl NotApplicable {
    /// A requirement that does not apply, with the reason.
    pub fn new(control: ControlRef, reason: impl Into<String>) -> Self {
        Self {
            control,
            reason: reason.into(),
        }
    }
}

/// The `applicability` file format: requirements that do not apply to an organization, each
/// with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ctrlmap applicability")]
#[non_exhaustive]
pub struct ApplicabilityDocument {
    /// The JSON Schema this document follows (a hint for editors; not checked).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What the file records, such as "Acme Health (business associate), 2026 assessment".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The requirements that do not apply.
    pub not_applicable: Vec<NotApplicable>,
}

/// A validated applicability file: every reason written, no requirement listed twice.
///
/// ```
/// use ctrlmap::crosswalk::Applicability;
///
/// let a = Applicability::from_json_str(r#"{ "not_applicable": [
///     { "control": "hipaa:164.314(b)", "reason": "We are not a group health plan." } ] }"#)?;
/// assert_eq!(a.entries().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicability {
    doc: ApplicabilityDocument,
}

/// Why an applicability file could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApplicabilityError {
    /// The file could not be read or parsed.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// An entry breaks a rule.
    #[error("{origin}: not_applicable[{index}] {control}: {what}")]
    Invalid {
        /// The file or label.
        origin: String,
        /// The entry's position.
        index: usize,
        /// The entry's control.
        control: ControlRef,
        /// What is wrong.
        what: &'static str,
    },
}

impl Applicability {
    /// Validates a document; `origin` names it in errors.
    ///
    /// # Errors
    /// [`ApplicabilityError::Invalid`] for a blank reason or a control listed twice.
    pub fn from_document(
        doc: ApplicabilityDocument,
        origin: &str,
    ) -> Result<Self, ApplicabilityError> {
        let mut seen = HashSet::new();
        for (index, entry) in doc.not_applicable.iter().enumerate() {
            let what = if entry.reason.trim().is_empty() {
                "the reason is empty: say why the requirement does not apply"
            } else if !seen.insert(&entry.control) {
                "listed twice"
            } else {
                continue;
            };
            return Err(ApplicabilityError::Invalid {
                origin: origin.to_owned(),
                index,
                control: entry.control.clone(),
                what,
            });
        }
        Ok(Self { doc })
    }

    /// Parses and validates JSON text.
    ///
    /// # Errors
    /// [`ApplicabilityError::Load`] for malformed JSON, else as
    /// [`Applicability::from_document`].
    pub fn from_json_str(text: &str) -> Result<Self, ApplicabilityError> {
        let doc = load::from_str(text, load::STRING_ORIGIN)?;
        Self::from_document(doc, load::STRING_ORIGIN)
    }

    /// Reads, parses and validates from a reader; `origin` names it in errors.
    ///
    /// # Errors
    /// As [`Applicability::from_json_str`], and [`LoadError::Io`].
    pub fn from_reader(reader: impl Read, origin: &str) -> Result<Self, ApplicabilityError> {
        let doc = load::from_reader(reader, origin)?;
        Self::from_document(doc, origin)
    }

    /// Reads, parses and validates a file; errors name the path.
    ///
    /// # Errors
    /// As [`Applicability::from_reader`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, ApplicabilityError> {
        let path = path.as_ref();
        let doc = load::from_path(path)?;
        Self::from_document(doc, &path.display().to_string())
    }

    /// The file's title, if it has one.
    pub fn title(&self) -> Option<&str> {
        self.doc.title.as_deref()
    }

    /// The entries.
    pub fn entries(&self) -> &[NotApplicable] {
        &self.doc.not_applicable
    }

    /// The entries, taken out.
    pub fn into_entries(self) -> Vec<NotApplicable> {
        self.doc.not_applicable
    }
}

/// What a coverage report takes beyond the holdings and the target.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CoverageOptions {
    /// The most mappings a justification path may follow (at most
    /// [`MAX_HOPS`](crate::MAX_HOPS)); [`DEFAULT_MAX_HOPS`] unless set.
    pub max_hops: usize,
    /// Requirements of the target that do not apply.
    pub not_applicable: Vec<NotApplicable>,
    /// The most paths the search for one requirement extends
    /// ([`DEFAULT_MAX_PATHS`](crate::DEFAULT_MAX_PATHS) unless set); a requirement whose
    /// search runs out is marked [`incomplete`](CoverageRow::incomplete).
    pub max_paths: usize,
}

impl Default for CoverageOptions {
    fn default() -> Self {
        Self {
            max_hops: DEFAULT_MAX_HOPS,
            not_applicable: Vec::new(),
            max_paths: crate::DEFAULT_MAX_PATHS,
        }
    }
}

impl CoverageOptions {
    /// The defaults: [`DEFAULT_MAX_HOPS`], everything applicable.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the hop limit.
    #[must_use]
    pub fn with_max_hops(mut self, max_hops: usize) -> Self {
        self.max_hops = max_hops;
        self
    }

    /// Sets the search budget per requirement.
    #[must_use]
    pub fn with_max_paths(mut self, max_paths: usize) -> Self {
        self.max_paths = max_paths;
        self
    }

    /// Adds requirements that do not apply.
    #[must_use]
    pub fn with_not_applicable(mut self, entries: impl IntoIterator<Item = NotApplicable>) -> Self {
        self.not_applicable.extend(entries);
        self
    }
}

/// One held control's relationship to a target requirement, with the path that shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Justification {
    /// The held control.
    pub held: ControlRef,
    /// The relations that can hold from the held control to the requirement.
    pub relationships: RelationshipSet,
    /// The mappings from the held control to the requirement, in order.
    pub path: Vec<Mapping>,
}

/// How a requirement's parts changed its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rollup {
    /// Covered by its own mappings, but these required parts are not covered: partial.
    LimitedBy(Vec<ControlRef>),
    /// No mapping of its own overlaps it, but these parts are covered or partial: partial.
    ThroughParts(Vec<ControlRef>),
}

/// One requirement of the target framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct CoverageRow {
    /// The requirement.
    pub control: ControlRef,
    /// Its title.
    pub title: String,
    /// Its kind, such as `standard` or `implementation_specification`.
    pub kind: NodeKind,
    /// The nearest assessable requirement it is part of (a HIPAA specification's standard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<ControlRef>,
    /// Whether a gap here keeps [`part_of`](Self::part_of) from being covered.
    pub required: bool,
    /// Its status.
    pub status: CoverageStatus,
    /// Why it does not apply, for [`CoverageStatus::NotApplicable`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable_reason: Option<String>,
    /// How its parts changed its status, if they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollup: Option<Rollup>,
    /// Whether the search ran out of budget before exploring every path: a better
    /// justification may exist.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub incomplete: bool,
    /// The evidence: for covered rows the paths that cover, for partial rows the paths that
    /// overlap; best first, at most three.
    pub justification: Vec<Justification>,
}

/// Counts of a coverage report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Totals {
    /// Requirements assessed: applicable ones only.
    pub total: usize,
    /// Covered.
    pub covered: usize,
    /// Partially covered.
    pub partial: usize,
    /// Not covered.
    pub not_covered: usize,
    /// Not applicable, outside `total`.
    #[serde(default)]
    pub not_applicable: usize,
}

impl Totals {
    /// Counts one requirement of this status: in `total` and its own count, or in
    /// `not_applicable` only.
    pub fn record(&mut self, status: CoverageStatus) {
        match status {
            CoverageStatus::Covered => self.covered += 1,
            CoverageStatus::Partial => self.partial += 1,
            CoverageStatus::NotCovered => self.not_covered += 1,
            CoverageStatus::NotApplicable => {
                self.not_applicable += 1;
                return;
            }
        }
        self.total += 1;
    }

    /// The share of applicable requirements covered, in percent, rounded to one decimal.
    pub fn covered_percent(&self) -> f64 {
        percent(self.covered, self.total)
    }

    /// The share of applicable requirements partially covered, in percent, rounded to one
    /// decimal.
    pub fn partial_percent(&self) -> f64 {
        percent(self.partial, self.total)
    }

    /// The share of applicable requirements not covered, in percent, rounded to one decimal.
    pub fn not_covered_percent(&self) -> f64 {
        percent(self.not_covered, self.total)
    }
}

fn percent(part: usize, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    // Counts are small; the conversion is exact.
    let tenths = (part * 1000 + total / 2) / total;
    f64::from(u32::try_from(tenths).unwrap_or(u32::MAX)) / 10.0
}

/// The counts of one level of requirements, such as the HIPAA standards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct LevelTotals {
    /// The kind of requirement.
    pub kind: NodeKind,
    /// Its counts.
    pub totals: Totals,
}

/// A top-level group of a held framework (such as a SOC 2 category) and how much of it a
/// holding includes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ScopeGroup {
    /// The group.
    pub control: ControlRef,
    /// Its title.
    pub title: String,
    /// Assessable controls of the group that are held.
    pub held: usize,
    /// Assessable controls of the group.
    pub total: usize,
}

/// What one holding includes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct HeldScope {
    /// The holding as given.
    pub holding: Holding,
    /// Its framework.
    pub framework: FrameworkId,
    /// The framework's name.
    pub framework_name: String,
    /// Assessable controls it includes.
    pub controls: usize,
    /// Every top-level group of the framework with assessable controls, with how many of
    /// them the holding includes (0 for groups out of scope).
    pub groups: Vec<ScopeGroup>,
}

/// A top-level part of the target that has no assessable requirement, and so is not assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct NotAssessed {
    /// The part.
    pub control: ControlRef,
    /// Its title.
    pub title: String,
}

/// A readiness report: every assessable requirement of the target framework, with its status
/// and justification. The `coverage-report` data format.
///
/// The rules, each of which an auditor would ask about:
/// - **Holdings.** Holding a control that groups others (a SOC 2 category or series, a
///   HITRUST category) means holding every assessable control under it; holding a framework
///   means holding all of its assessable controls. A holding that names no assessable control
///   is an error, never an empty report. [`scope`](Self::scope) says, for each holding,
///   which top-level groups (such as SOC 2 categories) it includes.
/// - **Applicability.** Requirements marked [not applicable](NotApplicable), with a reason,
///   and every requirement under them, leave the denominator.
/// - **Counting.** A requirement with assessable parts (a HIPAA standard and its
///   implementation specifications) is never *covered* while one of its required parts is
///   not; a part is optional when its catalog node has the property `requirement` set to
///   `addressable` or `optional`. Counts are given per level ([`levels`](Self::levels)).
/// - **Not assessed.** Top-level parts of the target with no assessable requirement (the
///   HIPAA Privacy Rule in the built-in catalog) are listed in
///   [`not_assessed`](Self::not_assessed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "ctrlmap coverage report")]
#[non_exhaustive]
pub struct CoverageReport {
    /// What the organization holds.
    pub have: Vec<Holding>,
    /// What each holding includes.
    pub scope: Vec<HeldScope>,
    /// The framework assessed.
    pub target: FrameworkId,
    /// Its name.
    pub target_name: String,
    /// The most mappings a justification path may follow.
    pub max_hops: usize,
    /// How the counts are made, in a sentence.
    pub counting: String,
    /// Counts over every applicable requirement.
    pub totals: Totals,
    /// Counts per level of requirement, in document order of first appearance.
    pub levels: Vec<LevelTotals>,
    /// Parts of the target with no assessable requirement.
    pub not_assessed: Vec<NotAssessed>,
    /// How many requirements' searches ran out of budget (see
    /// [`CoverageRow::incomplete`]); 0 when the report is complete.
    #[serde(default)]
    pub incomplete: usize,
    /// Each assessable requirement of the target, in document order.
    pub rows: Vec<CoverageRow>,
}

/// Why a coverage report could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CoverageError {
    /// A framework or control is not loaded; the error names the closest loaded one.
    #[error(transparent)]
    Unknown(#[from] QueryError),
    /// Nothing is held.
    #[error("nothing is held: name at least one framework or control")]
    NothingHeld,
    /// A holding includes no assessable control.
    #[error(
        "{0} includes no assessable control: hold a framework, or a control or group with assessable controls"
    )]
    EmptyHolding(Holding),
    /// A requirement marked not applicable is not in the target framework.
    #[error("{control} is marked not applicable, but it is not a requirement of {target}")]
    NotInTarget {
        /// The control.
        control: ControlRef,
        /// The target.
        target: FrameworkId,
    },
}

impl Crosswalk {
    /// The coverage of `target` by what the organization holds, with every requirement
    /// applicable: [`Crosswalk::coverage_with`] with `max_hops`.
    ///
    /// ```
    /// use ctrlmap::crosswalk::{CoverageError, Holding};
    ///
    /// let cw = ctrlmap::builtin_crosswalk();
    /// let hipaa = &ctrlmap::hipaa::FRAMEWORK_ID;
    /// // A single criterion held: CC6.1 alone.
    /// let report = cw.coverage(&[Holding::Control("soc2:CC6.1".parse()?)], hipaa, 3)?;
    /// assert!(report.totals.partial > 0);
    /// assert_eq!(report.totals.total, report.rows.len() - report.totals.not_applicable);
    /// // Holding nothing is a mistake, not an empty report.
    /// assert!(matches!(cw.coverage(&[], hipaa, 3), Err(CoverageError::NothingHeld)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Crosswalk::coverage_with`].
    pub fn coverage(
        &self,
        have: &[Holding],
        target: &FrameworkId,
        max_hops: usize,
    ) -> Result<CoverageReport, CoverageError> {
        self.coverage_with(
            have,
            target,
            &CoverageOptions::new().with_max_hops(max_hops),
        )
    }

    /// The coverage of `target` by what the organization holds.
    ///
    /// For each applicable assessable requirement of `target`, every path of at most
    /// `max_hops` mappings (clamped to [`MAX_HOPS`](crate::MAX_HOPS)) to a held control is
    /// composed; the requirement is *covered* if some path proves the held control equal to
    /// or a superset of it, *partial* if some path proves they overlap, and *not covered*
    /// otherwise. Then its parts are read (the rules are on [`CoverageReport`]): a requirement is
    /// not covered while a required part is not, and is partial when only its parts overlap.
    ///
    /// ```
    /// use ctrlmap::crosswalk::{CoverageOptions, CoverageStatus, Holding, NotApplicable};
    ///
    /// let not_a_group_health_plan = NotApplicable::new(
    ///     "hipaa:164.314(b)".parse()?,
    ///     "we are not a group health plan",
    /// );
    /// let options = CoverageOptions::new()
    ///     .with_max_hops(2)
    ///     .with_not_applicable([not_a_group_health_plan]);
    /// let report = ctrlmap::builtin_crosswalk().coverage_with(
    ///     &[Holding::Control("soc2:security".parse()?)],
    ///     &ctrlmap::hipaa::FRAMEWORK_ID,
    ///     &options,
    /// )?;
    /// let row = report.rows.iter().find(|r| r.control == "hipaa:164.314(b)").ok_or("a row")?;
    /// assert_eq!(row.status, CoverageStatus::NotApplicable);
    /// // A requirement that does not apply takes its parts with it.
    /// let not_applicable: Vec<String> = report.rows.iter()
    ///     .filter(|r| r.status == CoverageStatus::NotApplicable)
    ///     .map(|r| r.control.to_string())
    ///     .collect();
    /// assert_eq!(not_applicable, ["hipaa:164.314(b)", "hipaa:164.314(b)(2)"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`CoverageError`] when nothing is held, a holding includes no assessable control, or
    /// a framework or control is not loaded (or a not-applicable entry is not in `target`).
    pub fn coverage_with(
        &self,
        have: &[Holding],
        target: &FrameworkId,
        options: &CoverageOptions,
    ) -> Result<CoverageReport, CoverageError> {
        let info = self
            .frameworks
            .get(target)
            .ok_or_else(|| self.unknown_framework(target))?;
        if have.is_empty() {
            return Err(CoverageError::NothingHeld);
        }
        let mut held: HashSet<NodeIndex> = HashSet::new();
        let mut scope = Vec::with_capacity(have.len());
        for h in have {
            let (framework, nodes) = self.expand(h)?;
            scope.push(self.held_scope(h, framework, &nodes));
            held.extend(nodes);
        }
        let not_applicable = self.not_applicable(target, &options.not_applicable)?;
        let max_hops = options.max_hops.min(crate::MAX_HOPS);

        // Each assessable requirement on its own.
        let mut rows = Vec::new();
        let mut row_of: HashMap<NodeIndex, usize> = HashMap::new();
        let mut depth: Vec<usize> = Vec::new();
        for &node in &info.order {
            let Some(control) = self.control(node).filter(|c| c.assessable) else {
                continue;
            };
            let part_of = self.assessable_ancestors(node).next();
            let mut row = match self.inherited_reason(node, &not_applicable) {
                Some(reason) => CoverageRow {
                    not_applicable_reason: Some(reason.to_owned()),
                    ..self.row(control, CoverageStatus::NotApplicable, Vec::new())
                },
                None => self.coverage_row(node, control, &held, max_hops, options.max_paths),
            };
            row.part_of = part_of.and_then(|p| self.reference(p));
            row_of.insert(node, rows.len());
            depth.push(self.assessable_ancestors(node).count());
            rows.push((node, part_of, row));
        }

        // Then each requirement with its parts, deepest first.
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(depth.get(i).copied().unwrap_or(0)));
        let mut parts: HashMap<NodeIndex, Vec<(ControlRef, bool, CoverageStatus)>> = HashMap::new();
        for i in order {
            let Some((node, part_of, row)) = rows.get_mut(i) else {
                continue;
            };
            if row.status != CoverageStatus::NotApplicable
                && let Some(children) = parts.get(node)
            {
                row.rollup = rollup(row.status, children);
                if row.rollup.is_some() {
                    row.status = CoverageStatus::Partial;
                }
            }
            if let Some(parent) = part_of {
                parts.entry(*parent).or_default().push((
                    row.control.clone(),
                    row.required,
                    row.status,
                ));
            }
        }
        let rows: Vec<CoverageRow> = rows.into_iter().map(|(_, _, row)| row).collect();

        let mut totals = Totals::default();
        let mut levels: Vec<LevelTotals> = Vec::new();
        for row in &rows {
            totals.record(row.status);
            match levels.iter_mut().find(|l| l.kind == row.kind) {
                Some(level) => level.totals.record(row.status),
                None => {
                    let mut t = Totals::default();
                    t.record(row.status);
                    levels.push(LevelTotals {
                        kind: row.kind,
                        totals: t,
                    });
                }
            }
        }
        let not_assessed = info
            .order
            .iter()
            .filter_map(|&n| self.control(n).map(|c| (n, c)))
            .filter(|(_, c)| c.parent.is_none())
            .filter(|&(n, _)| !info.order.iter().any(|&m| self.is_assessable_within(m, n)))
            .map(|(_, c)| NotAssessed {
                control: c.reference.clone(),
                title: c.title.to_string(),
            })
            .collect();
        let incomplete = rows.iter().filter(|r| r.incomplete).count();
        Ok(CoverageReport {
            incomplete,
            have: have.to_vec(),
            scope,
            target: target.clone(),
            target_name: info.name.clone(),
            max_hops,
            counting: COUNTING.to_owned(),
            totals,
            levels,
            not_assessed,
            rows,
        })
    }

    /// The framework of a holding and the assessable controls it includes.
    fn expand<'a>(
        &self,
        holding: &'a Holding,
    ) -> Result<(&'a FrameworkId, Vec<NodeIndex>), CoverageError> {
        match holding {
            Holding::Framework(f) => {
                let fw = self
                    .frameworks
                    .get(f)
                    .ok_or_else(|| self.unknown_framework(f))?;
                let nodes: Vec<NodeIndex> = fw
                    .order
                    .iter()
                    .copied()
                    .filter(|&n| self.control(n).is_some_and(|c| c.assessable))
                    .collect();
                if nodes.is_empty() {
                    return Err(CoverageError::EmptyHolding(holding.clone()));
                }
                Ok((f, nodes))
            }
            Holding::Control(r) => {
                let root = self.query_node(r)?;
                let fw = self
                    .frameworks
                    .get(r.framework())
                    .ok_or_else(|| self.unknown_framework(r.framework()))?;
                let nodes: Vec<NodeIndex> = fw
                    .order
                    .iter()
                    .copied()
                    .filter(|&n| self.is_assessable_within(n, root))
                    .collect();
                if nodes.is_empty() {
                    return Err(CoverageError::EmptyHolding(holding.clone()));
                }
                Ok((r.framework(), nodes))
            }
        }
    }

    /// Whether `node` is assessable and is `root` or under it.
    fn is_assessable_within(&self, node: NodeIndex, root: NodeIndex) -> bool {
        self.control(node).is_some_and(|c| c.assessable)
            && (node == root || self.ancestors(node).any(|a| a == root))
    }

    /// A node's ancestors, nearest first.
    fn ancestors(&self, node: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        let mut next = self.control(node).and_then(|c| c.parent);
        // Catalogs are acyclic (validated); the bound guards against anything else.
        let mut budget = self.graph.node_count();
        std::iter::from_fn(move || {
            let current = next?;
            budget = budget.checked_sub(1)?;
            next = self.control(current).and_then(|c| c.parent);
            Some(current)
        })
    }

    fn assessable_ancestors(&self, node: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        self.ancestors(node)
            .filter(|&a| self.control(a).is_some_and(|c| c.assessable))
    }

    fn held_scope(
        &self,
        holding: &Holding,
        framework: &FrameworkId,
        held: &[NodeIndex],
    ) -> HeldScope {
        let held_set: HashSet<NodeIndex> = held.iter().copied().collect();
        let mut groups = Vec::new();
        if let Some(fw) = self.frameworks.get(framework) {
            for &root in &fw.order {
                let Some(c) = self.control(root).filter(|c| c.parent.is_none()) else {
                    continue;
                };
                let within: Vec<NodeIndex> = fw
                    .order
                    .iter()
                    .copied()
                    .filter(|&n| self.is_assessable_within(n, root))
                    .collect();
                if within.is_empty() {
                    continue;
                }
                groups.push(ScopeGroup {
                    control: c.reference.clone(),
                    title: c.title.to_string(),
                    held: within.iter().filter(|n| held_set.contains(n)).count(),
                    total: within.len(),
                });
            }
        }
        HeldScope {
            holding: holding.clone(),
            framework: framework.clone(),
            framework_name: self
                .frameworks
                .get(framework)
                .map(|f| f.name.clone())
                .unwrap_or_default(),
            controls: held.len(),
            groups,
        }
    }

    /// The not-applicable entries by node, each checked to be a control of `target`.
    fn not_applicable<'a>(
        &self,
        target: &FrameworkId,
        entries: &'a [NotApplicable],
    ) -> Result<HashMap<NodeIndex, &'a str>, CoverageError> {
        let mut out = HashMap::with_capacity(entries.len());
        for e in entries {
            if e.control.framework() != target {
                return Err(CoverageError::NotInTarget {
                    control: e.control.clone(),
                    target: target.clone(),
                });
            }
            let node = self.query_node(&e.control)?;
            out.entry(node).or_insert(e.reason.as_str());
        }
        Ok(out)
    }

    /// The reason a node is not applicable: its own, or its nearest ancestor's.
    fn inherited_reason<'a>(
        &self,
        node: NodeIndex,
        not_applicable: &HashMap<NodeIndex, &'a str>,
    ) -> Option<&'a str> {
        if not_applicable.is_empty() {
            return None;
        }
        std::iter::once(node)
            .chain(self.ancestors(node))
            .find_map(|n| not_applicable.get(&n).copied())
    }

    fn row(
        &self,
        control: &ControlInfo,
        status: CoverageStatus,
        justification: Vec<Justification>,
    ) -> CoverageRow {
        CoverageRow {
            control: control.reference.clone(),
            title: control.title.to_string(),
            kind: control.kind,
            part_of: None,
            required: control.required,
            status,
            not_applicable_reason: None,
            rollup: None,
            incomplete: false,
            justification,
        }
    }

    fn coverage_row(
        &self,
        node: NodeIndex,
        control: &ControlInfo,
        held: &HashSet<NodeIndex>,
        max_hops: usize,
        max_paths: usize,
    ) -> CoverageRow {
        if held.contains(&node) {
            return self.row(control, CoverageStatus::Covered, Vec::new());
        }
        // Search from the requirement to held controls, then read each path backwards.
        let search = self.search(node, max_hops, max_paths, |n| held.contains(&n));
        let found = &search.best;
        let mut evidence: Vec<(CoverageStatus, &Found, RelationshipSet)> = found
            .values()
            .filter_map(|f| {
                let from_held = f.set.inverse();
                let status = if from_held.provably_satisfies() {
                    CoverageStatus::Covered
                } else if from_held.provably_overlaps() {
                    CoverageStatus::Partial
                } else {
                    return None;
                };
                Some((status, f, from_held))
            })
            .collect();
        evidence.sort_by(|a, b| {
            (a.0, a.1.rank())
                .cmp(&(b.0, b.1.rank()))
                .then_with(|| self.reference(a.1.node).cmp(&self.reference(b.1.node)))
        });
        let status = evidence.first().map_or(CoverageStatus::NotCovered, |e| e.0);
        let justification = evidence
            .iter()
            .filter(|e| e.0 == status)
            .take(3)
            .filter_map(|(_, f, set)| {
                let mut path = self.path(f);
                path.reverse();
                for step in &mut path {
                    std::mem::swap(&mut step.from, &mut step.to);
                    step.relationship = step.relationship.inverse();
                }
                Some(Justification {
                    held: self.reference(f.node)?,
                    relationships: *set,
                    path,
                })
            })
            .collect();
        CoverageRow {
            incomplete: !search.complete,
            ..self.row(control, status, justification)
        }
    }

    fn reference(&self, node: NodeIndex) -> Option<ControlRef> {
        self.control(node).map(|c| c.reference.clone())
    }
}

const COUNTING: &str = "Every applicable assessable requirement counts once, at its own level; \
a requirement with assessable parts is covered only when it is covered itself and so is every \
required part, and is partial when only its parts are covered or partial; requirements not \
applicable leave the denominator.";

/// How a requirement's parts change a status, if they do.
fn rollup(status: CoverageStatus, parts: &[(ControlRef, bool, CoverageStatus)]) -> Option<Rollup> {
    match status {
        CoverageStatus::Covered => {
            let mut missing: Vec<ControlRef> = parts
                .iter()
                .filter(|(_, required, s)| {
                    *required
                        && *s != CoverageStatus::Covered
                        && *s != CoverageStatus::NotApplicable
                })
                .map(|(c, _, _)| c.clone())
                .collect();
            missing.sort();
            (!missing.is_empty()).then_some(Rollup::LimitedBy(missing))
        }
        CoverageStatus::NotCovered => {
            let mut through: Vec<ControlRef> = parts
                .iter()
                .filter(|(_, _, s)| matches!(s, CoverageStatus::Covered | CoverageStatus::Partial))
                .map(|(c, _, _)| c.clone())
                .collect();
            through.sort();
            (!through.is_empty()).then_some(Rollup::ThroughParts(through))
        }
        CoverageStatus::Partial | CoverageStatus::NotApplicable => None,
    }
}
