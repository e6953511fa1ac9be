//! **ctrlmap** models the compliance frameworks health-tech companies are audited against
//! (SOC 2, COSO, HIPAA, HITRUST CSF, NIST SP 800-53 and the NIST Cybersecurity Framework)
//! as typed, validated catalogs, and the crosswalk between them.
//!
//! The main job: *we hold a SOC 2 report; how much of HIPAA does it cover, and where are the
//! gaps?*
//!
//! ```
//! use ctrlmap::prelude::*;
//!
//! let held = [Holding::Framework(ctrlmap::soc2::FRAMEWORK_ID)];
//! let report = ctrlmap::builtin_crosswalk().coverage(
//!     &held,
//!     &ctrlmap::hipaa::FRAMEWORK_ID,
//!     ctrlmap::crosswalk::DEFAULT_MAX_HOPS,
//! )?;
//! let t = &report.totals;
//! println!("{} of {} HIPAA requirements covered, {} in part", t.covered, t.total, t.partial);
//! for gap in report.rows.iter().filter(|r| r.status == CoverageStatus::NotCovered) {
//!     println!("gap: {} {}", gap.control, gap.title);
//! }
//! assert_eq!(t.covered + t.partial + t.not_covered, t.total);
//! # assert!(t.covered > 0 && t.not_covered > 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Library::readiness_report`] goes from what is held to the readiness report for people
//! in one call — here for a business associate, whose applicability is one option
//! ([`ForHipaaEntity`]) — and [`report`] renders it (text, HTML, Markdown, CSV) with its
//! assumptions, gaps and next steps; the `ctrlmap` command-line tool (`cargo install
//! ctrlmap-cli`) does all of this from a terminal.
//!
//! ```
//! use ctrlmap::prelude::*;
//! use ctrlmap::hipaa::entity::EntityKind;
//!
//! let held = [Holding::Group("soc2:security".parse()?)];
//! let options = CoverageOptions::new()
//!     .for_hipaa_entity(EntityKind::BusinessAssociate { subcontractor: false });
//! let report = ctrlmap::builtin()
//!     .readiness_report(&held, &ctrlmap::hipaa::FRAMEWORK_ID, &options, &ReportContext::new())?;
//! print!("{}", ctrlmap::report::to_text(&report, 80));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! This crate is the one stable entry point: it re-exports the shared vocabulary at its root
//! ([`FrameworkId`], [`ControlRef`], [`Catalog`], ...), each framework as a module, the
//! [`crosswalk`], and a [`prelude`]. Every example in these docs uses `ctrlmap::` paths
//! only: a dependency on `ctrlmap` is all they need.
//!
//! ```
//! use ctrlmap::prelude::*;
//!
//! let r: ControlRef = "coso:P10".parse()?;
//! let node = ctrlmap::resolve(&r).ok_or("a built-in control")?;
//! assert_eq!(node.title, "Select control activities");
//! assert_eq!(node.parent().map(|p| p.node().title.as_str()), Some("Control Activities"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Frameworks
//! - [`coso`]: COSO 2013 *Internal Control — Integrated Framework*: 5 components, 17
//!   principles and 87 points of focus, with COSO's evaluation model (is the system of
//!   internal control effective?).
//!
//! - [`soc2`]: SOC 2, the AICPA's 2017 Trust Services Criteria with the 2022 points of
//!   focus: 5 categories, 61 criteria, each common criterion's COSO principle, engagement
//!   scope and Type I/II report periods.
//!
//! - [`hipaa`]: HIPAA, 45 CFR Part 164: the Security and Breach Notification Rules
//!   paragraph by paragraph with their verbatim (public domain) text, the Privacy Rule by
//!   section, typed citations, Required/Addressable specifications, breach deadlines and
//!   business associate agreement checklists.
//!
//! - [`hitrust`]: HITRUST CSF v11: 14 categories, 49 objectives and 156 control references
//!   (structure and names only; requirement statements come from a licensed user's catalog
//!   extension), the e1, i1 and r2 assessment types and exact PRISMA maturity scoring.
//!
//! - [`sp800_53`]: NIST SP 800-53 Rev. 5: 20 families, 322 controls and 867 enhancements
//!   with NIST's statements, parameters and discussion (public domain), withdrawn controls
//!   with where they went, and the LOW, MODERATE, HIGH and PRIVACY baselines as named
//!   selections (`sp800-53:moderate`).
//!
//! - [`csf`]: the NIST Cybersecurity Framework 2.0: 6 functions, 22 categories, 106
//!   subcategories and NIST's implementation examples, with CSF 1.1 ids resolved to their
//!   2.0 home.
//!
//! NIST's own crosswalks — HIPAA Security Rule to SP 800-53 and CSF 2.0 to SP 800-53 — are
//! built-in mapping sets marked official; every answer says whether it rests on an
//! authority's crosswalk or on ctrlmap's expert reading ([`crosswalk::Mapping::method`],
//! [`report::evidence_words`]), and [`crosswalk::Crosswalk::disagreements`] lists where
//! the two disagree.
//!
//! # Catalogs
//! Every framework is a [`Catalog`]: metadata (publisher, version, source documents, text
//! licence) and a tree of [`Node`]s in document order, looked up by id in O(1):
//!
//! ```
//! let coso = ctrlmap::coso::catalog();
//! let p6 = coso.get("P6").ok_or("principle 6")?;
//! assert_eq!(p6.children().count(), 5); // five objective groups
//! assert_eq!(p6.descendants().filter(|n| n.kind == ctrlmap::NodeKind::PointOfFocus).count(), 15);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The crosswalk
//! [`crosswalk`] links controls of every framework by NIST IR 8477 set-theory relationships
//! (equal, subset of, superset of, intersects with, not related; read "source R target"),
//! composes chains of mappings soundly with the RCC-5 table, and answers coverage questions.
//! [`builtin_crosswalk`] holds every built-in catalog and mapping set:
//!
//! ```
//! use ctrlmap::crosswalk::{CoverageStatus, Holding};
//!
//! let cw = ctrlmap::builtin_crosswalk();
//! // Frameworks by id: the built-in ones as constants, any other parsed from its text.
//! let report = cw.coverage(&[Holding::Framework("soc2".parse()?)], &ctrlmap::hipaa::FRAMEWORK_ID, 3)?;
//! let row = |id: &str| report.rows.iter().find(|r| r.control.to_string() == id);
//! // CC6.4 must test that physical access to facilities is restricted: covered.
//! assert_eq!(row("hipaa:164.310(a)").ok_or("a row")?.status, CoverageStatus::Covered);
//! // Authentication is only a point of focus of CC6.1: partial.
//! assert_eq!(row("hipaa:164.312(d)").ok_or("a row")?.status, CoverageStatus::Partial);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Each HIPAA Security Rule requirement is also decomposed into *elements*: the descriptions
//! of NIST SP 800-66r2's key activities, and the parts of the rule's text NIST's
//! descriptions do not name. A requirement is covered when a held control contains it, or
//! when every one of its elements is evidenced (by any mix of held controls) and together
//! they are the whole requirement; each row lists its elements with their status:
//!
//! ```
//! use ctrlmap::crosswalk::{CoverageStatus, Holding};
//!
//! let cw = ctrlmap::builtin_crosswalk();
//! let report = cw.coverage(&[Holding::Group("soc2:security".parse()?)], &ctrlmap::hipaa::FRAMEWORK_ID, 3)?;
//! let elements = report.element_totals.ok_or("HIPAA has elements")?;
//! println!("{} of {} elements evidenced", elements.covered, elements.total);
//! let analysis = report.rows.iter().find(|r| r.control == "hipaa:164.308(a)(1)(ii)(A)").ok_or("a row")?;
//! // Its one NIST description, "Conduct an accurate and thorough assessment ...", overlaps
//! // CC3.2 but is not contained in it.
//! let d = analysis.elements.iter().find(|e| e.control == "hipaa:D_164.308(a)(1).2.1").ok_or("an element")?;
//! assert_eq!(d.status, CoverageStatus::Partial);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Your own frameworks load through the same code path and validation as the built-in ones
//! ([`Catalog::from_path`], [`Catalog::from_json_str`]); publisher prose you hold a licence
//! for is added with a [`TextOverlay`]. The JSON Schemas of these formats are in [`schema`].
//!
//! # Conventions
//! The whole API keeps to a few rules, so that one part teaches the rest:
//! - **Typed identifiers.** [`FrameworkId`], [`ControlId`], [`ControlRef`] and
//!   [`MappingSetId`] parse strictly with [`str::parse`] and display canonically; the
//!   built-in frameworks' ids are constants (`ctrlmap::hipaa::FRAMEWORK_ID`), and every
//!   function that takes a framework takes a `&FrameworkId`.
//! - **Loaders** take the input first, then the origin that names it in errors, then options
//!   ([`Catalog::from_json_str_with_limits`], [`load::from_str`],
//!   [`oscal::catalog_from_json`]); a load is all or nothing, and its error lists every
//!   problem with the file, line and identifier.
//! - **Results.** A lookup that may find nothing returns an `Option` ([`Catalog::get`],
//!   [`resolve`]); a parse, load or query that can be wrong returns a `Result` whose error
//!   names the input and, for a misspelling, the closest existing name
//!   ([`crosswalk::QueryError`]).
//! - **Collections.** A list a value stores is borrowed as a slice
//!   ([`crosswalk::MappingSet::mappings`]); a view over several sources is an iterator
//!   ([`builtin_catalogs`], [`Library::catalogs`]); a ranked or computed answer is a `Vec`
//!   ([`Library::search`], [`crosswalk::Crosswalk::direct`]).
//!
//! # Crate features
//! - `coso` (default): the COSO 2013 framework, [`coso`].
//! - `soc2` (default, enables `coso`): the SOC 2 Trust Services Criteria, [`soc2`].
//! - `hipaa` (default): HIPAA, 45 CFR Part 164, [`hipaa`].
//! - `hitrust` (default): HITRUST CSF v11, [`hitrust`].
//! - `sp800-53` (default): NIST SP 800-53 Rev. 5, [`sp800_53`].
//! - `csf` (default): the NIST Cybersecurity Framework 2.0, [`csf`].
//!
//! With `default-features = false` and some of these, the built-in data follows the features:
//! [`builtin_catalogs`], [`builtin()`] and [`builtin_crosswalk`] hold the enabled frameworks
//! only, and [`builtin_mapping_sets`] the sets between them (without `hitrust`, no HITRUST
//! mappings). Without any, the facade is the shared vocabulary, the crosswalk, OSCAL and CPRT
//! import, and your own catalogs and mapping sets. The schemas of the framework-specific
//! formats (`soc2-engagement`, `hipaa-addressable-decisions`) come with their framework.
//!
//! # Data provenance
//! Each framework crate documents the sources of its built-in catalog in its own
//! `# Data provenance` section, and every catalog file names its source documents, versions
//! and sections in its `framework.sources`. Copyrighted publisher prose (COSO, AICPA, HITRUST)
//! is never shipped: only identifiers, official short titles and summaries in our own words.

pub use ctrlmap_core::{
    ALIAS_PROP, CONTROL_ID_PATTERN, CONTROL_REF_PATTERN, Catalog, CatalogDocument,
    CatalogExtension, CatalogExtensionDocument, ControlId, ControlRef, Descendants,
    ELEMENT_OF_PROP, ELEMENT_SOURCE_PROP, ELEMENTS_NOTE_PROP, ELEMENTS_PROP, FRAMEWORK_ID_PATTERN,
    FrameworkId, FrameworkInfo, GUIDANCE_PROP, INCORPORATED_INTO_PROP, INFORMATIVE_PROP,
    IdErrorReason, LoadError, MAX_CONTROL_ID_LEN, MAX_FRAMEWORK_ID_LEN, MOVED_TO_PROP,
    MappingSetId, Node, NodeKind, NodeRef, Nodes, PUBLICATION_DATE_PATTERN, ParseDateError,
    ParseIdError, Problem, Property, PublicationDate, STATUS_PROP, Selection, SourceDocument,
    TEXT_SOURCE, TextLicence, TextOverlay, TextOverlayDocument, WITHDRAWN, escape, framework_id,
    load, suggest,
};

#[cfg(feature = "coso")]
#[doc(inline)]
pub use ctrlmap_coso as coso;
#[cfg(feature = "csf")]
#[doc(inline)]
pub use ctrlmap_csf as csf;
#[cfg(feature = "hipaa")]
#[doc(inline)]
pub use ctrlmap_hipaa as hipaa;
#[cfg(feature = "hitrust")]
#[doc(inline)]
pub use ctrlmap_hitrust as hitrust;
#[cfg(feature = "soc2")]
#[doc(inline)]
pub use ctrlmap_soc2 as soc2;
#[cfg(feature = "sp800-53")]
#[doc(inline)]
pub use ctrlmap_sp800_53 as sp800_53;

mod builtin;
mod evidence;
mod library;
pub mod report;
pub mod schema;

pub use builtin::{MAPPING_SETS_JSON, builtin_crosswalk, builtin_mapping_sets};
#[doc(inline)]
pub use ctrlmap_cprt as cprt;
#[doc(inline)]
pub use ctrlmap_crosswalk as crosswalk;
#[doc(inline)]
pub use ctrlmap_oscal as oscal;
#[cfg(feature = "hitrust")]
pub use evidence::hitrust_assessment_holding;
#[cfg(feature = "soc2")]
pub use evidence::soc2_report_holding;
pub use evidence::{EvidenceError, SOC2_CURRENT_MONTHS};
pub use library::{Library, LibraryBuilder, LibraryError, SourceError, builtin};

// The README's Rust examples run as doctests, so the README cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The types most programs need, for a glob import: `use ctrlmap::prelude::*;`.
pub mod prelude {
    #[cfg(feature = "hipaa")]
    #[doc(no_inline)]
    pub use crate::ForHipaaEntity;
    #[doc(no_inline)]
    pub use crate::crosswalk::{
        CoverageOptions, CoverageReport, CoverageStatus, Crosswalk, Holding, MappingSet,
        NotApplicable, Relationship, RelationshipSet,
    };
    #[doc(no_inline)]
    pub use crate::report::{ReadinessReport, ReportContext};
    #[doc(no_inline)]
    pub use crate::{
        Catalog, CatalogExtension, ControlId, ControlRef, FrameworkId, Library, LoadError, Node,
        NodeKind, NodeRef, TextOverlay,
    };
}

/// What documented decisions on HIPAA's addressable implementation specifications mean for
/// coverage, as § 164.306(d)(3) lets an entity decide: a specification judged not reasonable
/// and appropriate, whether an equivalent alternative is implemented instead or not, is
/// addressed by that documented decision, and leaves the denominator with the decision as its
/// reason (an alternative measure itself is not assessed against what is held: the reason
/// says so). A specification decided "implemented" is assessed as usual.
///
/// ```
/// use ctrlmap::crosswalk::{CoverageOptions, CoverageStatus, Holding};
/// use ctrlmap::hipaa::AddressableDecisions;
///
/// let decisions: AddressableDecisions = ctrlmap::load::from_str(r#"{
///   "164.312(a)(2)(iii)": { "decision": "not_reasonable_and_appropriate",
///     "rationale": "Kiosk terminals are shared; sessions end at logout by design." } }"#,
///   "decisions.json")?;
/// let options = CoverageOptions::new()
///     .with_not_applicable(ctrlmap::addressable_not_applicable(&decisions));
/// let report = ctrlmap::builtin_crosswalk().coverage_with(
///     &[Holding::Group("soc2:security".parse()?)], &ctrlmap::hipaa::FRAMEWORK_ID, &options)?;
/// let logoff = report.rows.iter()
///     .find(|r| r.control == "hipaa:164.312(a)(2)(iii)").ok_or("a row")?;
/// assert_eq!(logoff.status, CoverageStatus::NotApplicable);
/// assert!(logoff.not_applicable_reason.as_deref().unwrap_or_default()
///     .starts_with("Addressed by a documented decision (§ 164.306(d)(3)(ii)(B)(1))"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "hipaa")]
pub fn addressable_not_applicable(
    decisions: &ctrlmap_hipaa::AddressableDecisions,
) -> Vec<crosswalk::NotApplicable> {
    use ctrlmap_hipaa::AddressableDecision;
    decisions
        .iter()
        .filter_map(|(citation, decision)| {
            let reason = match decision {
                AddressableDecision::AlternativeImplemented {
                    alternative,
                    rationale,
                } => format!(
                    "Addressed by a documented decision (§ 164.306(d)(3)(ii)(B)(2)): an equivalent alternative is implemented instead: {}; because {} (the alternative itself is not assessed here)",
                    alternative.as_str(),
                    rationale.as_str()
                ),
                AddressableDecision::NotReasonableAndAppropriate { rationale } => format!(
                    "Addressed by a documented decision (§ 164.306(d)(3)(ii)(B)(1)): neither it nor an alternative is reasonable and appropriate, because {}",
                    rationale.as_str()
                ),
                _ => return None,
            };
            let node = ctrlmap_hipaa::catalog().find(&citation.to_string())?;
            Some(crosswalk::NotApplicable::new(node.control_ref(), reason))
        })
        .collect()
}

/// Coverage options for a HIPAA entity in one call: the requirements that do not bind it are
/// not applicable, each with the provision that says so. In the [`prelude`].
///
/// ```
/// use ctrlmap::prelude::*;
/// use ctrlmap::hipaa::entity::EntityKind;
///
/// let options = CoverageOptions::new()
///     .for_hipaa_entity(EntityKind::BusinessAssociate { subcontractor: false });
/// assert!(options.not_applicable.iter().any(|n| n.control == "hipaa:164.314(b)"));
/// ```
#[cfg(feature = "hipaa")]
pub trait ForHipaaEntity {
    /// These options, with the HIPAA requirements that do not bind `kind` not applicable.
    #[must_use]
    fn for_hipaa_entity(self, kind: ctrlmap_hipaa::entity::EntityKind) -> Self;
}

#[cfg(feature = "hipaa")]
impl ForHipaaEntity for crosswalk::CoverageOptions {
    fn for_hipaa_entity(self, kind: ctrlmap_hipaa::entity::EntityKind) -> Self {
        self.with_not_applicable(hipaa_not_applicable(kind))
    }
}

/// The HIPAA requirements that do not bind an entity of this kind, as not-applicable entries
/// for a coverage report ([`crosswalk::CoverageOptions::with_not_applicable`]).
///
/// ```
/// use ctrlmap::crosswalk::{CoverageOptions, CoverageStatus, Holding};
/// use ctrlmap::hipaa::entity::EntityKind;
///
/// let ba = EntityKind::BusinessAssociate { subcontractor: false };
/// let options = CoverageOptions::new().with_not_applicable(ctrlmap::hipaa_not_applicable(ba));
/// let report = ctrlmap::builtin_crosswalk().coverage_with(
///     &[Holding::Group("soc2:security".parse()?)], &"hipaa".parse()?, &options)?;
/// let ghp = report.rows.iter().find(|r| r.control.to_string() == "hipaa:164.314(b)")
///     .ok_or("164.314(b) is a row")?;
/// assert_eq!(ghp.status, CoverageStatus::NotApplicable);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "hipaa")]
pub fn hipaa_not_applicable(
    entity: ctrlmap_hipaa::entity::EntityKind,
) -> Vec<crosswalk::NotApplicable> {
    entity
        .not_applicable()
        .into_iter()
        .filter_map(|rule| {
            let control = ctrlmap_hipaa::catalog().get(rule.citation)?;
            Some(crosswalk::NotApplicable::new(
                control.control_ref(),
                rule.reason,
            ))
        })
        .collect()
}

/// The not-applicable entries a user gives for HIPAA that the rule does not allow, one
/// problem each: a Required standard or implementation specification binds every covered
/// entity and business associate (§ 164.306(d)(2)), so it may be marked not applicable only
/// where ctrlmap's entity rules say it does not bind the entity (for `entity`, or, without
/// one, for some kind of entity; [`hipaa_not_applicable`]). Addressable specifications are
/// decided under § 164.306(d)(3) instead ([`addressable_not_applicable`]); entries of other
/// frameworks are not looked at.
///
/// ```
/// use ctrlmap::crosswalk::NotApplicable;
/// use ctrlmap::hipaa::entity::EntityKind;
///
/// let entries = [
///     NotApplicable::new("hipaa:164.308(a)(6)(ii)".parse()?, "x"),
///     NotApplicable::new("hipaa:164.314(b)".parse()?, "We are not a group health plan."),
/// ];
/// let ba = EntityKind::BusinessAssociate { subcontractor: false };
/// let problems = ctrlmap::hipaa_refused_not_applicable(&entries, Some(ba));
/// assert_eq!(problems.len(), 1);
/// assert!(problems[0].starts_with("hipaa:164.308(a)(6)(ii) is Required"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "hipaa")]
pub fn hipaa_refused_not_applicable(
    entries: &[crosswalk::NotApplicable],
    entity: Option<ctrlmap_hipaa::entity::EntityKind>,
) -> Vec<String> {
    use ctrlmap_hipaa::entity::{CoveredEntityKind, EntityKind};
    let kinds: Vec<EntityKind> = match entity {
        Some(k) => vec![k],
        None => [
            CoveredEntityKind::HealthPlan,
            CoveredEntityKind::GroupHealthPlan,
            CoveredEntityKind::HealthCareClearinghouse,
            CoveredEntityKind::HealthCareProvider,
        ]
        .into_iter()
        .map(|of| EntityKind::CoveredEntity { of })
        .chain([
            EntityKind::BusinessAssociate {
                subcontractor: false,
            },
            EntityKind::BusinessAssociate {
                subcontractor: true,
            },
        ])
        .collect(),
    };
    let allowed: Vec<ctrlmap_core::NodeRef<'static>> = kinds
        .iter()
        .flat_map(|k| k.not_applicable())
        .filter_map(|rule| ctrlmap_hipaa::catalog().get(rule.citation))
        .collect();
    let catalog = ctrlmap_hipaa::catalog();
    entries
        .iter()
        .filter(|e| e.control.framework() == &ctrlmap_hipaa::FRAMEWORK_ID)
        .filter_map(|e| {
            let node = catalog.find(e.control.control().as_str())?;
            let required = node.assessable && node.prop("requirement") == Some("required");
            let by_rule = std::iter::once(node)
                .chain(node.ancestors())
                .any(|n| allowed.iter().any(|a| a.node().id == n.node().id));
            (required && !by_rule).then(|| {
                format!(
                    "{} is Required: it binds every covered entity and business associate (§ 164.306(d)(2)); only a rule of who the provision binds (--entity) can make it not applicable",
                    e.control
                )
            })
        })
        .collect()
}

/// What a SOC 2 engagement holds: each Trust Services category in its scope, as a holding
/// of every criterion in that category.
///
/// ```
/// use ctrlmap::soc2::{Engagement, ReportType, Scope};
///
/// let engagement = Engagement::from_json_str(r#"{ "scope": ["security", "availability"],
///     "report": { "type": "type_1", "as_of": "2026-06-30" } }"#)?;
/// let have = ctrlmap::soc2_holdings(&engagement);
/// let names: Vec<String> = have.iter().map(ToString::to_string).collect();
/// assert_eq!(names, ["soc2:security", "soc2:availability"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "soc2")]
pub fn soc2_holdings(engagement: &ctrlmap_soc2::Engagement) -> Vec<crosswalk::Holding> {
    engagement
        .scope
        .categories()
        .filter_map(|category| ctrlmap_soc2::catalog().get(category.as_str()))
        .map(|node| crosswalk::Holding::Group(node.control_ref()))
        .collect()
}

/// Every built-in catalog enabled by this build's features, in a stable order.
///
/// ```
/// let ids: Vec<&str> = ctrlmap::builtin_catalogs().map(|c| c.id().as_str()).collect();
/// assert_eq!(ids, ["coso", "soc2", "hipaa", "hitrust", "sp800-53", "csf"]);
/// ```
pub fn builtin_catalogs() -> impl Iterator<Item = &'static Catalog> {
    BUILTIN.iter().map(|(_, catalog)| catalog())
}

/// Each built-in framework of this build with the function that parses its catalog on first
/// use, so that a lookup by id parses only the catalog it names.
type CatalogFn = fn() -> &'static Catalog;
const BUILTIN: &[(FrameworkId, CatalogFn)] = &[
    #[cfg(feature = "coso")]
    (ctrlmap_coso::FRAMEWORK_ID, ctrlmap_coso::catalog),
    #[cfg(feature = "soc2")]
    (ctrlmap_soc2::FRAMEWORK_ID, ctrlmap_soc2::catalog),
    #[cfg(feature = "hipaa")]
    (ctrlmap_hipaa::FRAMEWORK_ID, ctrlmap_hipaa::catalog),
    #[cfg(feature = "hitrust")]
    (ctrlmap_hitrust::FRAMEWORK_ID, ctrlmap_hitrust::catalog),
    #[cfg(feature = "sp800-53")]
    (ctrlmap_sp800_53::FRAMEWORK_ID, ctrlmap_sp800_53::catalog),
    #[cfg(feature = "csf")]
    (ctrlmap_csf::FRAMEWORK_ID, ctrlmap_csf::catalog),
];

/// The built-in catalog of a framework, if this build has it (parsing only that one).
///
/// ```
/// let coso = ctrlmap::builtin_catalog(&ctrlmap::coso::FRAMEWORK_ID).ok_or("COSO is built in")?;
/// assert_eq!(coso.roots().count(), 5);
/// assert!(ctrlmap::builtin_catalog(&"iso27001".parse()?).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn builtin_catalog(framework: &FrameworkId) -> Option<&'static Catalog> {
    BUILTIN
        .iter()
        .find(|(id, _)| id == framework)
        .map(|(_, catalog)| catalog())
}

/// The built-in node a reference names (by id, or by another citation of it such as
/// `hipaa:164.308(a)(1)(i)`), if its framework is built in and the node exists.
pub fn resolve(reference: &ControlRef) -> Option<NodeRef<'static>> {
    builtin_catalog(reference.framework())?.resolve(reference)
}
