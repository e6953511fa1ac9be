//! Coverage analysis: given what an organization holds, how much of a target framework is
//! covered. The rules are documented on [`CoverageReport`].

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use ctrlmap_core::{ControlRef, FrameworkId, LoadError, NodeKind, load};
use petgraph::graph::NodeIndex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::graph::{
    ControlInfo, Crosswalk, Found, FrameworkInfo, Mapping, NodeMap, NodeSet, QueryError, Scratch,
};
use crate::relationship::{Relationship, RelationshipSet};

/// The hop count used when none is given: paths of at most three mappings, enough to reach
/// HIPAA from SOC 2 through HITRUST or COSO.
pub const DEFAULT_MAX_HOPS: usize = 3;

/// Something an organization holds: a control (with every assessable control under it),
/// every assessable control of a framework (the ideal case: a report on all of it with no
/// exceptions), or a report or assessment with the limits on what it proves.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Holding {
    /// One control and every assessable control under it, such as `soc2:CC6.1`.
    Control(ControlRef),
    /// A group of controls and every assessable control in it: a SOC 2 category
    /// (`soc2:security`) or series (`soc2:CC6`), a HITRUST category (`hitrust:01`). Read
    /// exactly as [`Holding::Control`]; the name says what is held.
    Group(ControlRef),
    /// Every assessable control of a framework.
    Framework(FrameworkId),
    /// A report or assessment: what it covers, and what limits its evidence (exceptions,
    /// carve-outs, a design-only examination, ...).
    Report(Box<HeldReport>),
}

/// A report or assessment an organization holds, such as a SOC 2 Type II report or a HITRUST
/// r2 assessment, read as evidence: the controls it covers and the limits on what each of
/// them proves. Framework crates know their reports; the facade turns them into this (for
/// SOC 2, `ctrlmap::soc2_report_holding`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct HeldReport {
    /// What it is, for people, such as "SOC 2 Type II report on Acme Care Platform,
    /// 2025-07-01 to 2026-06-30".
    pub name: String,
    /// What it covers: controls or frameworks (not other reports).
    pub holds: Vec<Holding>,
    /// Limits on what parts of it prove, most restrictive first where several apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<HeldLimit>,
    /// What a reader must know of it (its type, period, opinion, boundary), one fact each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<String>,
    /// Work the holder's side must do for the report to hold, such as the complementary user
    /// entity controls a SOC 2 report lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_duties: Vec<String>,
}

impl HeldReport {
    /// A report that covers `holds`, with no limits, facts or duties yet.
    pub fn new(name: impl Into<String>, holds: Vec<Holding>) -> Self {
        Self {
            name: name.into(),
            holds,
            limits: Vec::new(),
            facts: Vec::new(),
            user_duties: Vec::new(),
        }
    }

    /// Adds a limit.
    #[must_use]
    pub fn with_limit(mut self, limit: HeldLimit) -> Self {
        self.limits.push(limit);
        self
    }

    /// Adds a fact a reader must know.
    #[must_use]
    pub fn with_fact(mut self, fact: impl Into<String>) -> Self {
        self.facts.push(fact.into());
        self
    }

    /// Adds work the holder's side must do.
    #[must_use]
    pub fn with_user_duty(mut self, duty: impl Into<String>) -> Self {
        self.user_duties.push(duty.into());
        self
    }
}

/// A limit on what part of a held report proves.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct HeldLimit {
    /// What it applies to: a control (and every control under it) or a whole framework.
    pub on: Holding,
    /// How far the evidence goes.
    pub kind: LimitKind,
    /// Why, in the report's words where it has them (an exception's description, the
    /// subservice organization a criterion is carved out to).
    pub reason: String,
}

impl HeldLimit {
    /// A limit of `kind` on `on`, for `reason`.
    pub fn new(on: Holding, kind: LimitKind, reason: impl Into<String>) -> Self {
        Self {
            on,
            kind,
            reason: reason.into(),
        }
    }
}

/// How far a limited control's evidence goes, most restrictive first.
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
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum LimitKind {
    /// It proves nothing: not held (a qualified criterion, one carved out to a subservice
    /// organization whose own report is not held).
    Nothing,
    /// It proves at most an overlap: requirements it would contain are partial (exceptions
    /// found in testing; a boundary not known to hold every system in question).
    AtMostPartial,
    /// It proves design only: requirements it would contain are
    /// [`Designed`](CoverageStatus::Designed), not covered (a Type I report).
    DesignOnly,
}

impl std::fmt::Display for Holding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Control(r) | Self::Group(r) => r.fmt(f),
            Self::Framework(id) => id.fmt(f),
            Self::Report(r) => f.write_str(&r.name),
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
    /// Some held control is equal to or a superset of it by the mappings (directly or by
    /// sound composition), or every one of its elements is evidenced and they are the whole
    /// requirement; and every required part of it is covered. The mappings are judgments,
    /// each with its confidence: "covered" is as sure as they are.
    Covered,
    /// A held control would cover it, but what is held proves design only (a Type I
    /// report): designed, not tested. Counted apart from covered.
    Designed,
    /// Some held control overlaps it, one of its elements or one of its parts, by the
    /// mappings, but it is not covered.
    Partial,
    /// No held control overlaps it, its elements or its parts, by the mappings.
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
            Self::Designed => "designed, not tested",
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
    /// The most paths the whole report extends, across every requirement and element
    /// ([`DEFAULT_MAX_REPORT_PATHS`](crate::DEFAULT_MAX_REPORT_PATHS) unless set); rows whose
    /// search it cuts short are marked [`incomplete`](CoverageRow::incomplete).
    pub max_report_paths: usize,
}

impl Default for CoverageOptions {
    fn default() -> Self {
        Self {
            max_hops: DEFAULT_MAX_HOPS,
            not_applicable: Vec::new(),
            max_paths: crate::DEFAULT_MAX_PATHS,
            max_report_paths: crate::DEFAULT_MAX_REPORT_PATHS,
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

    /// Sets the search budget of the whole report.
    #[must_use]
    pub fn with_max_report_paths(mut self, max_report_paths: usize) -> Self {
        self.max_report_paths = max_report_paths;
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
    /// The held report the control comes from, when it was held through one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// The limit on the held control's evidence that lowered this justification (an
    /// exception, a design-only report, a boundary), in the report's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
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
    /// No mapping of its own contains it, but every one of its elements is evidenced and
    /// together they are the whole requirement: covered, by these held controls together.
    ThroughElements(Vec<ControlRef>),
}

/// One element of a requirement (or a key activity that groups elements), and whether what
/// is held evidences it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ElementRow {
    /// The element or key activity, such as `hipaa:D_164.308(a)(1).2.1`.
    pub control: ControlRef,
    /// `element` or `key_activity`.
    pub kind: NodeKind,
    /// Its title (for a NIST description, its first words).
    pub title: String,
    /// The key activity or element it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<ControlRef>,
    /// Who names it: `nist` (NIST SP 800-66 Rev. 2) or `ctrlmap` (a part of the rule's text
    /// that no NIST description names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// `covered` when evidenced, `partial` when something held overlaps it, `not_covered`
    /// otherwise; `not_applicable` for an informative element, which is not counted.
    pub status: CoverageStatus,
    /// For an element that asks nothing of an organization: why it is not counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informative: Option<String>,
    /// When it is evidenced because a held control contains something it is part of (its
    /// requirement, key activity or description): that part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<ControlRef>,
    /// Every held control that evidences it (or, when it is partial, overlaps it), best
    /// first; empty when it is held itself or evidenced through its parts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub held: Vec<ControlRef>,
    /// The best of those paths, spelled out (the first of [`held`](Self::held)), or the
    /// path to what [`via`](Self::via) names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Justification>,
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
    /// Not covered, yet chains of mappings within the hop limit reach it from what is held:
    /// they compose to no relationship that can be known (two overlaps say nothing of each
    /// other), so its status is unknown rather than a shown gap. Always false for other
    /// statuses.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inconclusive: bool,
    /// The evidence: for covered rows the paths that cover, for partial rows the paths that
    /// overlap; best first, at most three.
    pub justification: Vec<Justification>,
    /// How many paths of this row's status there were in all; more than
    /// [`justification`](Self::justification) holds when some were left out.
    #[serde(default)]
    pub justifications_found: usize,
    /// Whether its elements are judged to be the whole requirement; absent when it has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elements_exhaustive: Option<bool>,
    /// Why its elements are, or are not, the whole requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elements_note: Option<String>,
    /// Its elements, grouped under their key activities, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<ElementRow>,
}

/// Counts of a coverage report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Totals {
    /// Requirements assessed: applicable ones only.
    pub total: usize,
    /// Covered.
    pub covered: usize,
    /// Designed, not tested (evidence of design only).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub designed: usize,
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
            CoverageStatus::Designed => self.designed += 1,
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

    /// The share of applicable requirements designed but not tested, in percent, rounded to
    /// one decimal.
    pub fn designed_percent(&self) -> f64 {
        percent(self.designed, self.total)
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

fn is_zero(n: &usize) -> bool {
    *n == 0
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
    /// The holding as given (for a report, each thing it holds).
    pub holding: Holding,
    /// The report it is part of, when it is held through one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
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

/// A control a held report covers whose evidence counts for nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Excluded {
    /// The control.
    pub control: ControlRef,
    /// Why, in the report's words.
    pub reason: String,
    /// The report.
    pub report: String,
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
/// - **Elements.** A requirement's elements are the [`Element`](NodeKind::Element) nodes
///   whose nearest assessable ancestor it is, and those of a key activity that names it with
///   [`ELEMENT_OF_PROP`](ctrlmap_core::ELEMENT_OF_PROP). An element is evidenced when a held
///   control contains it, or contains its description, key activity or requirement (through
///   `parent`, never through `element_of`, and never from a standard to its
///   specifications' elements), or when it has parts and every counted part is evidenced.
///   A requirement whose elements are judged exhaustive
///   ([`ELEMENTS_PROP`](ctrlmap_core::ELEMENTS_PROP)) and are all evidenced is covered
///   ([`Rollup::ThroughElements`]), even when no one held control contains it; a
///   requirement with an element evidenced or overlapped is at least partial. Informative
///   elements are listed but not counted. Requirement-level rows stay valid: a held control
///   that contains a requirement contains each of its own elements.
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
    /// Counts over the elements of applicable requirements, each counted once (`covered` =
    /// evidenced); absent when the target's requirements have no elements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element_totals: Option<Totals>,
    /// Counts over the key activities of applicable requirements, each counted once; absent
    /// when there are none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_activity_totals: Option<Totals>,
    /// Parts of the target with no assessable requirement.
    pub not_assessed: Vec<NotAssessed>,
    /// Controls a held report covers but whose evidence counts for nothing (qualified,
    /// carved out), and that nothing else held holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<Excluded>,
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
    /// One requirement is marked not applicable twice, with different reasons (perhaps once
    /// by an alias, or in two files).
    #[error(
        "{} is marked not applicable twice: as {} (\"{}\") and as {} (\"{}\"); keep one reason",
        first.control, first.control, first.reason, second.control, second.reason
    )]
    ConflictingNotApplicable {
        /// The first entry.
        first: Box<NotApplicable>,
        /// The entry that conflicts with it.
        second: Box<NotApplicable>,
    },
    /// A held report holds another report; a report holds controls and frameworks.
    #[error("{0}: a report holds controls or frameworks, not other reports")]
    NestedReport(String),
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
        // A holding named twice is held once (and reported once).
        let mut seen: HashSet<&Holding> = HashSet::with_capacity(have.len());
        let have: Vec<Holding> = have.iter().filter(|h| seen.insert(*h)).cloned().collect();
        let have = have.as_slice();
        let mut held: NodeSet = NodeSet::default();
        let mut caps: NodeMap<Cap> = NodeMap::default();
        let mut dropped: NodeMap<(Box<str>, Box<str>)> = NodeMap::default();
        let mut scope = Vec::with_capacity(have.len());
        for h in have {
            match h {
                Holding::Report(report) => {
                    self.hold_report(report, &mut held, &mut caps, &mut dropped, &mut scope)?;
                }
                _ => {
                    let (framework, nodes) = self.expand(h)?;
                    scope.push(self.held_scope(h, framework, &nodes));
                    for n in nodes.into_iter().chain(self.held_elements(h)) {
                        held.insert(n);
                        caps.insert(n, Cap::FULL);
                    }
                }
            }
        }
        // What a report leaves out is out unless something else holds it.
        let mut excluded: Vec<Excluded> = dropped
            .into_iter()
            .filter(|(n, _)| !held.contains(n))
            .filter_map(|(n, (reason, report))| {
                let c = self.control(n).filter(|c| c.assessable)?;
                Some(Excluded {
                    control: c.reference.clone(),
                    reason: reason.into(),
                    report: report.into(),
                })
            })
            .collect();
        excluded.sort_by(|a, b| a.control.cmp(&b.control));
        let not_applicable = self.not_applicable(target, &options.not_applicable)?;
        let max_hops = options.max_hops.min(crate::MAX_HOPS);
        let mut memo = Evidence::new(self, &held, &caps, max_hops, options.max_paths);
        memo.budget_left = options.max_report_paths;
        let elements = self.elements(info);
        memo.parts = &elements.parts;
        for list in elements.of.values() {
            for &e in list {
                *memo.owners_left.entry(e).or_insert(0) += 1;
            }
        }

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
                None => {
                    let own = memo.of(node);
                    let mut row = CoverageRow {
                        incomplete: !own.complete,
                        justifications_found: own.found,
                        ..self.row(control, own.status, own.justification.clone())
                    };
                    if let Some(of_row) = elements.of.get(&node) {
                        self.read_elements(&mut row, control, of_row, &mut memo);
                    }
                    row
                }
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
                && let Some((rollup, status)) = rollup(row.status, children)
            {
                row.rollup = Some(rollup);
                row.status = status;
            }
            if let Some(parent) = part_of {
                parts.entry(*parent).or_default().push((
                    row.control.clone(),
                    row.required,
                    row.status,
                ));
            }
        }
        // Which not-covered requirements chains from what is held reach at all, whatever
        // they compose to: one breadth-first pass from every held control, linear in the
        // graph within the hop limit.
        let reached = self.reached_from(&held, max_hops);
        let rows: Vec<CoverageRow> = rows
            .into_iter()
            .map(|(node, _, mut row)| {
                row.inconclusive =
                    row.status == CoverageStatus::NotCovered && reached.contains(&node);
                row
            })
            .collect();

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
        // The roots with an assessable control under them, in one pass.
        let assessed_roots: NodeSet = info
            .order
            .iter()
            .filter(|&&n| self.control(n).is_some_and(|c| c.assessable))
            .map(|&n| self.ancestors(n).last().unwrap_or(n))
            .collect();
        let not_assessed = info
            .order
            .iter()
            .filter_map(|&n| self.control(n).map(|c| (n, c)))
            .filter(|(_, c)| c.parent.is_none())
            .filter(|(n, _)| !assessed_roots.contains(n))
            .map(|(_, c)| NotAssessed {
                control: c.reference.clone(),
                title: c.title.to_string(),
            })
            .collect();
        let (element_totals, key_activity_totals) = element_totals(&rows);
        let incomplete = rows.iter().filter(|r| r.incomplete).count();
        Ok(CoverageReport {
            excluded,
            element_totals,
            key_activity_totals,
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

    /// Every node some chain of at most `max_hops` mappings reaches from a node of `from`
    /// (mappings read either way, relationships not composed): one multi-source
    /// breadth-first pass, each node and mapping visited once.
    fn reached_from(&self, from: &NodeSet, max_hops: usize) -> NodeSet {
        let mut reached: NodeSet = from.iter().copied().collect();
        let mut frontier: Vec<NodeIndex> = from.iter().copied().collect();
        for _ in 0..max_hops {
            let mut next = Vec::new();
            for &n in &frontier {
                for neighbour in self.graph.neighbors_undirected(n) {
                    if reached.insert(neighbour) {
                        next.push(neighbour);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        reached
    }

    /// Adds what a held report holds, with the limits on each control, to `held` and `caps`;
    /// the controls it holds for nothing go to `dropped` (with the reason and the report).
    fn hold_report(
        &self,
        report: &HeldReport,
        held: &mut NodeSet,
        caps: &mut NodeMap<Cap>,
        dropped: &mut NodeMap<(Box<str>, Box<str>)>,
        scope: &mut Vec<HeldScope>,
    ) -> Result<(), CoverageError> {
        if report.holds.is_empty() {
            return Err(CoverageError::EmptyHolding(Holding::Report(Box::new(
                report.clone(),
            ))));
        }
        // Each limit's node (None for a whole framework), resolved once.
        let mut limits: Vec<(Option<NodeIndex>, Option<&FrameworkId>, &HeldLimit)> = Vec::new();
        for limit in &report.limits {
            match &limit.on {
                Holding::Control(r) | Holding::Group(r) => {
                    limits.push((Some(self.query_node(r)?), None, limit));
                }
                Holding::Framework(f) => {
                    if !self.frameworks.contains_key(f) {
                        return Err(self.unknown_framework(f).into());
                    }
                    limits.push((None, Some(f), limit));
                }
                Holding::Report(_) => return Err(CoverageError::NestedReport(report.name.clone())),
            }
        }
        let name: Box<str> = report.name.as_str().into();
        for inner in &report.holds {
            if matches!(inner, Holding::Report(_)) {
                return Err(CoverageError::NestedReport(report.name.clone()));
            }
            let (framework, nodes) = self.expand(inner)?;
            scope.push(HeldScope {
                report: Some(report.name.clone()),
                ..self.held_scope(inner, framework, &nodes)
            });
            for n in nodes.into_iter().chain(self.held_elements(inner)) {
                let applies = |(node, fw, _): &&(
                    Option<NodeIndex>,
                    Option<&FrameworkId>,
                    &HeldLimit,
                )| {
                    match (node, fw) {
                        (Some(root), _) => n == *root || self.ancestors(n).any(|a| a == *root),
                        (None, Some(f)) => self
                            .control(n)
                            .is_some_and(|c| c.reference.framework() == *f),
                        (None, None) => false,
                    }
                };
                let limit = limits
                    .iter()
                    .filter(applies)
                    .map(|(_, _, l)| *l)
                    .min_by_key(|l| l.kind);
                match limit {
                    Some(l) if l.kind == LimitKind::Nothing => {
                        dropped
                            .entry(n)
                            .or_insert_with(|| (l.reason.as_str().into(), name.clone()));
                    }
                    _ => {
                        let cap = Cap {
                            kind: limit.map(|l| l.kind),
                            reason: limit.map(|l| l.reason.as_str().into()),
                            report: Some(name.clone()),
                        };
                        held.insert(n);
                        // Where several holdings hold it, the one that proves most stands.
                        let better = caps.get(&n).is_none_or(|old| cap.status() < old.status());
                        if better {
                            caps.insert(n, cap);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The framework of a holding and the assessable controls it includes.
    fn expand<'a>(
        &self,
        holding: &'a Holding,
    ) -> Result<(&'a FrameworkId, Vec<NodeIndex>), CoverageError> {
        match holding {
            Holding::Report(r) => Err(CoverageError::NestedReport(r.name.clone())),
            Holding::Framework(f) => {
                let fw = self
                    .frameworks
                    .get(f)
                    .ok_or_else(|| self.unknown_framework(f))?;
                Ok((f, self.assessable_of(fw.order.iter().copied(), holding)?))
            }
            Holding::Control(r) | Holding::Group(r) => {
                // A named selection (a baseline) holds exactly the controls it lists.
                if let Some(listed) = self.selection_info(r) {
                    let nodes = self.assessable_of(listed.nodes.iter().copied(), holding)?;
                    return Ok((r.framework(), nodes));
                }
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
                // An element or key activity held is held as such (`held_elements`).
                if nodes.is_empty() && !self.is_element_or_activity(root) {
                    return Err(CoverageError::EmptyHolding(holding.clone()));
                }
                Ok((r.framework(), nodes))
            }
        }
    }

    /// The assessable ones of `nodes`, in order; a holding that holds none is an error.
    fn assessable_of(
        &self,
        nodes: impl Iterator<Item = NodeIndex>,
        holding: &Holding,
    ) -> Result<Vec<NodeIndex>, CoverageError> {
        let held: Vec<NodeIndex> = nodes
            .filter(|&n| self.control(n).is_some_and(|c| c.assessable))
            .collect();
        if held.is_empty() {
            return Err(CoverageError::EmptyHolding(holding.clone()));
        }
        Ok(held)
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
            // One pass: each assessable control counted under its root (linear in the
            // catalog, whatever the number of roots).
            let mut per_root: NodeMap<(usize, usize)> = NodeMap::default();
            for &n in &fw.order {
                if !self.control(n).is_some_and(|c| c.assessable) {
                    continue;
                }
                let root = self.ancestors(n).last().unwrap_or(n);
                let counts = per_root.entry(root).or_default();
                counts.1 += 1;
                if held_set.contains(&n) {
                    counts.0 += 1;
                }
            }
            for &root in &fw.order {
                let Some(c) = self.control(root).filter(|c| c.parent.is_none()) else {
                    continue;
                };
                let Some(&(held, total)) = per_root.get(&root) else {
                    continue;
                };
                groups.push(ScopeGroup {
                    control: c.reference.clone(),
                    title: c.title.to_string(),
                    held,
                    total,
                });
            }
        }
        HeldScope {
            report: None,
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
        let mut out: HashMap<NodeIndex, &'a str> = HashMap::with_capacity(entries.len());
        let mut first: HashMap<NodeIndex, &'a NotApplicable> =
            HashMap::with_capacity(entries.len());
        for e in entries {
            if e.control.framework() != target {
                return Err(CoverageError::NotInTarget {
                    control: e.control.clone(),
                    target: target.clone(),
                });
            }
            let node = self.query_node(&e.control)?;
            // The same requirement twice (perhaps by an alias) with two reasons is a conflict
            // to settle, not a reason to drop silently.
            match first.get(&node) {
                Some(earlier) if earlier.reason.trim() != e.reason.trim() => {
                    return Err(CoverageError::ConflictingNotApplicable {
                        first: Box::new((*earlier).clone()),
                        second: Box::new(e.clone()),
                    });
                }
                Some(_) => {}
                None => {
                    first.insert(node, e);
                    out.insert(node, e.reason.as_str());
                }
            }
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
            inconclusive: false,
            justifications_found: justification.len(),
            justification,
            elements_exhaustive: None,
            elements_note: None,
            elements: Vec::new(),
        }
    }

    /// The elements and key activities of each requirement of a framework: those whose
    /// nearest assessable ancestor it is, and those under a node that names it in
    /// `element_of`.
    fn elements(&self, info: &FrameworkInfo) -> ElementIndex {
        let mut out: NodeMap<Vec<NodeIndex>> = NodeMap::default();
        let mut parts: NodeMap<Vec<NodeIndex>> = NodeMap::default();
        for &node in &info.order {
            let Some(c) = self.control(node) else {
                continue;
            };
            if c.kind != NodeKind::Element && c.kind != NodeKind::KeyActivity {
                continue;
            }
            if c.kind == NodeKind::Element
                && let Some(parent) = c.parent.filter(|&p| self.is_element_or_activity(p))
            {
                parts.entry(parent).or_default().push(node);
            }
            // The nodes from this one up to (not including) its nearest assessable ancestor
            // may name further requirements.
            let mut owners: Vec<NodeIndex> = Vec::new();
            for n in std::iter::once(node).chain(self.ancestors(node)) {
                let Some(nc) = self.control(n) else {
                    break;
                };
                if nc.assessable {
                    owners.push(n);
                    break;
                }
                owners.extend(nc.element_of.iter().copied());
            }
            owners.dedup();
            for owner in owners {
                out.entry(owner).or_default().push(node);
            }
        }
        ElementIndex { of: out, parts }
    }

    fn is_element_or_activity(&self, node: NodeIndex) -> bool {
        self.control(node)
            .is_some_and(|c| matches!(c.kind, NodeKind::Element | NodeKind::KeyActivity))
    }

    /// The elements and key activities a holding includes: those under the control held
    /// (or the whole framework held), and the control itself if it is one.
    fn held_elements(&self, holding: &Holding) -> Vec<NodeIndex> {
        let (framework, root) = match holding {
            Holding::Framework(f) => (f, None),
            Holding::Control(r) | Holding::Group(r) => match self.query_node(r) {
                Ok(n) => (r.framework(), Some(n)),
                // A selection (a baseline) holds only the controls it lists.
                Err(_) => return Vec::new(),
            },
            Holding::Report(_) => return Vec::new(),
        };
        let Some(fw) = self.frameworks.get(framework) else {
            return Vec::new();
        };
        fw.order
            .iter()
            .copied()
            .filter(|&n| self.is_element_or_activity(n))
            .filter(|&n| root.is_none_or(|r| n == r || self.ancestors(n).any(|a| a == r)))
            .collect()
    }

    /// Reads a requirement's elements into its row: each element's status, the key
    /// activities', and the requirement's status through them.
    fn read_elements(
        &self,
        row: &mut CoverageRow,
        control: &ControlInfo,
        of_row: &[NodeIndex],
        memo: &mut Evidence<'_>,
    ) {
        let mut counted: Vec<CoverageStatus> = Vec::with_capacity(of_row.len());
        let mut behind: Vec<ControlRef> = Vec::new();
        row.elements.reserve_exact(of_row.len());
        for &node in of_row {
            let Some(element) = memo.element(node) else {
                continue;
            };
            if element.kind == NodeKind::Element && element.informative.is_none() {
                counted.push(element.status);
                if matches!(
                    element.status,
                    CoverageStatus::Covered | CoverageStatus::Designed
                ) {
                    // The held controls behind it: those its paths start from, else the part
                    // of it that is held, else itself when it is held (an element evidenced
                    // through its parts adds nothing of its own).
                    let held_here: Vec<&ControlRef> = if element.held.is_empty() {
                        let held = element
                            .via
                            .as_ref()
                            .or_else(|| memo.held.contains(&node).then_some(&element.control));
                        held.into_iter().collect()
                    } else {
                        element.held.iter().collect()
                    };
                    for h in held_here {
                        if !behind.contains(h) {
                            behind.push(h.clone());
                        }
                    }
                }
            }
            row.incomplete |= !memo.complete(node);
            row.elements.push(element);
        }
        row.elements_exhaustive = Some(control.exhaustive);
        row.elements_note = control.elements_note.as_deref().map(str::to_owned);
        if counted.is_empty() || row.status == CoverageStatus::Covered {
            return;
        }
        // The elements together: as good as the worst of them when they are the whole
        // requirement (covered, or designed when some are only designed); else at most
        // partial when any is touched.
        let worst = counted
            .iter()
            .copied()
            .max()
            .unwrap_or(CoverageStatus::NotCovered);
        let touched = counted.iter().any(|s| *s < CoverageStatus::NotCovered);
        let through = if worst <= CoverageStatus::Designed && control.exhaustive {
            worst
        } else if touched {
            CoverageStatus::Partial
        } else {
            CoverageStatus::NotCovered
        };
        if through < row.status {
            row.status = through;
            if through <= CoverageStatus::Designed {
                behind.sort();
                row.rollup = Some(Rollup::ThroughElements(behind));
            }
        }
    }

    /// The held controls' relationship to one node: covered if some path proves a held
    /// control equal to or a superset of it, partial if some path proves an overlap.
    fn evidence_of(
        &self,
        scratch: &mut Scratch,
        node: NodeIndex,
        held: &NodeSet,
        caps: &NodeMap<Cap>,
        max_hops: usize,
        max_paths: usize,
    ) -> NodeEvidence {
        if held.contains(&node) {
            return NodeEvidence {
                status: caps.get(&node).map_or(CoverageStatus::Covered, Cap::status),
                ..NodeEvidence::NONE
            };
        }
        let lonely = self.graph.neighbors_undirected(node).next().is_none();
        if lonely {
            return NodeEvidence::NONE;
        }
        // An element's row spells out its best path and names the other held controls; a
        // requirement's spells out the best three.
        let element = self
            .control(node)
            .is_some_and(|c| c.kind == NodeKind::Element);
        let spelled_out = if element { 1 } else { MAX_JUSTIFICATIONS };
        // Search from the node to held controls, then read each path backwards.
        // Only paths that can still prove an overlap are worth extending: once "not related"
        // is possible it stays possible (it is in the composition of "not related" with
        // anything), and such a path proves nothing.
        self.search_where(
            scratch,
            node,
            max_hops,
            max_paths,
            |n| held.contains(&n),
            |set| !set.contains(Relationship::NotRelated),
            |_| true,
        );
        let search = &scratch.search;
        let found = &search.best;
        let mut evidence: Vec<(CoverageStatus, &Found, RelationshipSet)> = found
            .values()
            .filter_map(|f| {
                let from_held = f.set.inverse();
                let status = if from_held.provably_satisfies() {
                    caps.get(&f.node)
                        .map_or(CoverageStatus::Covered, Cap::status)
                } else if from_held.provably_overlaps() {
                    CoverageStatus::Partial
                } else {
                    return None;
                };
                Some((status, f, from_held))
            })
            .collect();
        let name = |n: NodeIndex| self.control(n).map(|c| &c.reference);
        evidence.sort_by(|a, b| {
            (a.0, a.1.rank())
                .cmp(&(b.0, b.1.rank()))
                .then_with(|| name(a.1.node).cmp(&name(b.1.node)))
        });
        let status = evidence.first().map_or(CoverageStatus::NotCovered, |e| e.0);
        let of_status = evidence.iter().filter(|e| e.0 == status);
        let justification = of_status
            .clone()
            .take(spelled_out)
            .filter_map(|(_, f, set)| {
                let mut path = self.path(search, f);
                path.reverse();
                for step in &mut path {
                    std::mem::swap(&mut step.from, &mut step.to);
                    step.relationship = step.relationship.inverse();
                }
                let cap = caps.get(&f.node);
                Some(Justification {
                    held: self.reference(f.node)?,
                    relationships: *set,
                    path,
                    report: cap.and_then(|c| c.report.as_deref()).map(str::to_owned),
                    // The limit's reason, where it lowered what this path proves.
                    limit: cap
                        .filter(|c| c.kind.is_some() && set.provably_satisfies())
                        .and_then(|c| c.reason.as_deref())
                        .map(str::to_owned),
                })
            })
            .collect();
        let (found, held_refs) = if status == CoverageStatus::NotCovered {
            (0, Vec::new())
        } else if element {
            let refs: Vec<ControlRef> =
                of_status.filter_map(|e| self.reference(e.1.node)).collect();
            (refs.len(), refs)
        } else {
            (of_status.count(), Vec::new())
        };
        NodeEvidence {
            status,
            justification,
            found,
            held: held_refs,
            complete: search.complete,
            extended: search.extended,
        }
    }

    fn reference(&self, node: NodeIndex) -> Option<ControlRef> {
        self.control(node).map(|c| c.reference.clone())
    }
}

const COUNTING: &str = "Every applicable assessable requirement counts once, at its own level; \
a requirement is covered when a held control contains it, or when every one of its elements (NIST's \
key activity descriptions and the parts of the rule's text they do not name) is evidenced by any \
mix of held controls and together they are the whole requirement; it is partial when something \
held overlaps it or one of its elements; a requirement with assessable parts is covered only when \
every required part is too, and is partial when only its parts are covered or partial; \
requirements not applicable leave the denominator.";

/// How far a held control's evidence goes, and where it comes from.
#[derive(Debug, Clone)]
struct Cap {
    /// `None` when nothing limits it.
    kind: Option<LimitKind>,
    /// Why it is limited.
    reason: Option<Box<str>>,
    /// The report it is held through.
    report: Option<Box<str>>,
}

impl Cap {
    /// Held plainly: no limit, no report.
    const FULL: Self = Self {
        kind: None,
        reason: None,
        report: None,
    };

    /// The status a containment of a requirement by this control proves.
    fn status(&self) -> CoverageStatus {
        match self.kind {
            None => CoverageStatus::Covered,
            Some(LimitKind::DesignOnly) => CoverageStatus::Designed,
            Some(LimitKind::AtMostPartial | LimitKind::Nothing) => CoverageStatus::Partial,
        }
    }
}

/// The most justifications a row or element carries.
const MAX_JUSTIFICATIONS: usize = 3;

/// What is held, read against one node.
#[derive(Debug, Clone)]
struct NodeEvidence {
    status: CoverageStatus,
    justification: Vec<Justification>,
    /// How many paths of `status` were found (more than `justification` holds when some
    /// were left out).
    found: usize,
    /// For an element: the held control at the end of each of them, best first.
    held: Vec<ControlRef>,
    complete: bool,
    /// How many paths its search extended.
    extended: usize,
}

impl NodeEvidence {
    /// Nothing held bears on the node.
    const NONE: Self = Self {
        status: CoverageStatus::NotCovered,
        justification: Vec::new(),
        found: 0,
        held: Vec::new(),
        complete: true,
        extended: 0,
    };
}

/// The evidence for each node, searched at most once per report.
struct Evidence<'a> {
    crosswalk: &'a Crosswalk,
    held: &'a NodeSet,
    caps: &'a NodeMap<Cap>,
    max_hops: usize,
    max_paths: usize,
    nodes: NodeMap<NodeEvidence>,
    elements: NodeMap<ElementRow>,
    parts: &'a NodeMap<Vec<NodeIndex>>,
    /// For each element, how many requirements still to read list it.
    owners_left: NodeMap<usize>,
    scratch: Scratch,
    /// Paths the report may still extend.
    budget_left: usize,
}

/// The elements of each requirement of a framework, and the parts of each element or key
/// activity.
struct ElementIndex {
    of: NodeMap<Vec<NodeIndex>>,
    parts: NodeMap<Vec<NodeIndex>>,
}

static NO_PARTS: std::sync::LazyLock<NodeMap<Vec<NodeIndex>>> =
    std::sync::LazyLock::new(NodeMap::default);

impl<'a> Evidence<'a> {
    fn new(
        crosswalk: &'a Crosswalk,
        held: &'a NodeSet,
        caps: &'a NodeMap<Cap>,
        max_hops: usize,
        max_paths: usize,
    ) -> Self {
        Self {
            crosswalk,
            held,
            caps,
            max_hops,
            max_paths,
            nodes: NodeMap::default(),
            elements: NodeMap::default(),
            parts: &NO_PARTS,
            owners_left: NodeMap::default(),
            scratch: Scratch::default(),
            budget_left: crate::DEFAULT_MAX_REPORT_PATHS,
        }
    }

    fn parts_of(&self, node: NodeIndex) -> &'a [NodeIndex] {
        self.parts.get(&node).map_or(&[], Vec::as_slice)
    }

    /// The evidence for a node's own mappings.
    fn of(&mut self, node: NodeIndex) -> &NodeEvidence {
        let (cw, held, caps) = (self.crosswalk, self.held, self.caps);
        let hops = self.max_hops;
        // Each search gets what is left of the report's budget, at most the row's own.
        let paths = self.max_paths.min(self.budget_left);
        let scratch = &mut self.scratch;
        let budget = &mut self.budget_left;
        self.nodes.entry(node).or_insert_with(|| {
            let found = cw.evidence_of(scratch, node, held, caps, hops, paths);
            *budget = budget.saturating_sub(found.extended);
            found
        })
    }

    fn complete(&self, node: NodeIndex) -> bool {
        self.nodes.get(&node).is_none_or(|e| e.complete)
    }

    /// An element's or key activity's row: evidenced when a held control contains it or
    /// something it is part of (its description, key activity or requirement, through
    /// `parent`), or when it has parts and every counted one is evidenced.
    ///
    /// Each row is computed once; the last requirement that lists it takes it, the others
    /// get a copy.
    fn element(&mut self, node: NodeIndex) -> Option<ElementRow> {
        self.read_with_parts(node)?;
        let left = self.owners_left.entry(node).or_insert(1);
        *left = left.saturating_sub(1);
        if *left == 0 {
            self.elements.remove(&node)
        } else {
            self.elements.get(&node).cloned()
        }
    }

    /// Reads an element and its parts into `elements`, parts first.
    fn read_with_parts(&mut self, node: NodeIndex) -> Option<()> {
        if self.elements.contains_key(&node) {
            return Some(());
        }
        // Its parts first, bottom-up without recursion.
        let cw = self.crosswalk;
        let mut stack = vec![(node, false)];
        let mut budget = cw.graph.node_count().saturating_mul(2);
        while let Some((n, expanded)) = stack.pop() {
            budget = budget.checked_sub(1)?;
            if self.elements.contains_key(&n) {
                continue;
            }
            let parts = self.parts_of(n);
            if !expanded && !parts.is_empty() {
                stack.push((n, true));
                stack.extend(parts.iter().map(|&p| (p, false)));
                continue;
            }
            let row = self.read_element(n)?;
            self.elements.insert(n, row);
        }
        Some(())
    }

    /// A node's evidence, taken out of the memo when it is no use to other elements (only a
    /// containment is read through `parent`); its status stays.
    fn take(&mut self, node: NodeIndex) -> NodeEvidence {
        let own = self.of(node);
        if own.status == CoverageStatus::Covered {
            return own.clone();
        }
        let stub = NodeEvidence {
            status: own.status,
            found: own.found,
            complete: own.complete,
            ..NodeEvidence::NONE
        };
        self.nodes.insert(node, stub).unwrap_or(NodeEvidence::NONE)
    }

    /// One element's row, its parts already read.
    fn read_element(&mut self, node: NodeIndex) -> Option<ElementRow> {
        let cw = self.crosswalk;
        let c = cw.control(node)?;
        let group = c.parent.filter(|&p| {
            cw.control(p)
                .is_some_and(|pc| matches!(pc.kind, NodeKind::Element | NodeKind::KeyActivity))
        });
        let mut row = ElementRow {
            control: c.reference.clone(),
            kind: c.kind,
            title: c.title.to_string(),
            group: group.and_then(|g| cw.reference(g)),
            source: c.element_source.as_deref().map(str::to_owned),
            status: CoverageStatus::NotCovered,
            informative: c.informative.as_deref().map(str::to_owned),
            via: None,
            held: Vec::new(),
            evidence: Vec::new(),
        };
        if row.informative.is_some() {
            row.status = CoverageStatus::NotApplicable;
            return Some(row);
        }
        let own = self.take(node);
        // Its key activity and descriptions, and the requirement it belongs to; not the
        // requirement's own requirement (a standard contained at its own level says nothing
        // of its specifications' elements), nor past a key activity that names the
        // requirements it belongs to (`element_of`).
        let mut ancestors: Vec<NodeIndex> = Vec::new();
        let mut current = c;
        for a in cw.ancestors(node) {
            if !current.element_of.is_empty() {
                break;
            }
            ancestors.push(a);
            match cw.control(a) {
                Some(ac) if !ac.assessable => current = ac,
                _ => break,
            }
        }
        // The best of: its own evidence, a containment of something it is part of, and its
        // parts together (as good as the worst of them when all are evidenced or designed).
        let mut best = own.status;
        let mut from_ancestor: Option<NodeIndex> = None;
        for a in ancestors {
            let status = self.of(a).status;
            if status <= CoverageStatus::Designed && status < best {
                best = status;
                from_ancestor = Some(a);
            }
        }
        let parts: Vec<CoverageStatus> = self
            .parts_of(node)
            .iter()
            .filter_map(|p| self.elements.get(p))
            .filter(|p| p.informative.is_none())
            .map(|p| p.status)
            .collect();
        let through_parts = match parts.iter().copied().max() {
            Some(worst) if worst <= CoverageStatus::Designed => worst,
            Some(_) if parts.iter().any(|s| *s < CoverageStatus::NotCovered) => {
                CoverageStatus::Partial
            }
            _ => CoverageStatus::NotCovered,
        };
        if through_parts < best {
            row.status = through_parts;
            return Some(row);
        }
        row.status = best;
        if let Some(a) = from_ancestor {
            let of_a = self.of(a);
            row.evidence = of_a.justification.iter().take(1).cloned().collect();
            row.held = of_a.justification.iter().map(|j| j.held.clone()).collect();
            row.via = cw.reference(a);
        } else if best != CoverageStatus::NotCovered {
            row.evidence = own.justification;
            row.held = own.held;
        }
        Some(row)
    }
}

/// Counts of the elements and key activities of applicable rows, each counted once.
fn element_totals(rows: &[CoverageRow]) -> (Option<Totals>, Option<Totals>) {
    let mut seen: HashSet<&ControlRef> = HashSet::new();
    let mut elements = Totals::default();
    let mut activities = Totals::default();
    for row in rows
        .iter()
        .filter(|r| r.status != CoverageStatus::NotApplicable)
    {
        for e in &row.elements {
            if !seen.insert(&e.control) {
                continue;
            }
            match e.kind {
                NodeKind::KeyActivity => activities.record(e.status),
                _ => elements.record(e.status),
            }
        }
    }
    let some = |t: Totals| (t.total + t.not_applicable > 0).then_some(t);
    (some(elements), some(activities))
}

/// How a requirement's parts change a status, if they do.
fn rollup(
    status: CoverageStatus,
    parts: &[(ControlRef, bool, CoverageStatus)],
) -> Option<(Rollup, CoverageStatus)> {
    match status {
        CoverageStatus::Covered | CoverageStatus::Designed => {
            // The worst required part decides: a part that is only designed leaves the whole
            // designed; one that is partial or not covered leaves it partial.
            let required = parts
                .iter()
                .filter(|(_, required, s)| *required && *s != CoverageStatus::NotApplicable);
            let worst = required.clone().map(|(_, _, s)| *s).max()?;
            if worst <= status {
                return None;
            }
            let mut missing: Vec<ControlRef> = required
                .filter(|(_, _, s)| *s > status)
                .map(|(c, _, _)| c.clone())
                .collect();
            missing.sort();
            let status = if worst == CoverageStatus::Designed {
                CoverageStatus::Designed
            } else {
                CoverageStatus::Partial
            };
            Some((Rollup::LimitedBy(missing), status))
        }
        CoverageStatus::NotCovered => {
            let mut through: Vec<ControlRef> = parts
                .iter()
                .filter(|(_, _, s)| {
                    matches!(
                        s,
                        CoverageStatus::Covered
                            | CoverageStatus::Designed
                            | CoverageStatus::Partial
                    )
                })
                .map(|(c, _, _)| c.clone())
                .collect();
            through.sort();
            (!through.is_empty())
                .then_some((Rollup::ThroughParts(through), CoverageStatus::Partial))
        }
        CoverageStatus::Partial | CoverageStatus::NotApplicable => None,
    }
}
