//! SOC 2 for ctrlmap: the AICPA's 2017 Trust Services Criteria (TSC) with the 2022 revised
//! points of focus.
//!
//! A SOC 2 examination reports on a service organization's controls against the criteria of
//! the Trust Services categories in scope: **Security** (the common criteria CC1–CC9, always in
//! scope), and optionally **Availability** (A1), **Processing Integrity** (PI1),
//! **Confidentiality** (C1) and **Privacy** (P1–P8). The common criteria CC1–CC5 restate the
//! 17 principles of COSO 2013, which [`CriterionId::coso_principle`] returns as a typed
//! [`ctrlmap_coso::Principle`].
//!
//! ```
//! use ctrlmap::soc2::{Category, CriterionId, Scope, criteria_in_scope};
//!
//! let scope = Scope::new([Category::Security, Category::Availability])?;
//! assert_eq!(criteria_in_scope(&scope).count(), 33 + 3);
//!
//! let id: CriterionId = "CC1.1".parse()?;
//! assert_eq!(id.coso_principle().map(|p| p.number()), Some(1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Identifiers
//! Categories are `security`, `availability`, `processing_integrity`, `confidentiality` and
//! `privacy`; series `CC1` … `CC9`, `A1`, `PI1`, `C1`, `P1` … `P8`; criteria `CC6.1` and so on;
//! points of focus `CC6.1-POF1` …, numbered in the AICPA's order (the form the Secure Controls
//! Framework's mappings use).
//!
//! # Reports
//! [`ReportType`] is a Type I report (as of a date) or a Type II report (over a [`Period`],
//! with a warning outside the usual 3–12 months); [`ReportKind`] describes the SOC family
//! (SOC 1, SOC 2, SOC 3, SOC for Cybersecurity, SOC for Supply Chain).
//!
//! # Data provenance
//! The catalog (`data/soc2-2017.catalog.json`) follows *2017 Trust Services Criteria for
//! Security, Availability, Processing Integrity, Confidentiality, and Privacy (with Revised
//! Points of Focus — 2022)* (AICPA, TSP section 100): 5 categories, 20 series, 61 criteria and
//! their points of focus. The point-of-focus headings come from a checked public copy of the
//! 2022 revision; the copy lacks the points of focus of PI1.1–PI1.5, P1.1, P2.1 and P3.1, whose
//! 2017 headings are shipped marked `confidence: unverified`. Each point of focus records its
//! origin (`coso`, with the COSO point of focus it restates, or `tsc`) and, for the TSC's
//! category-specific additions, the category it `applies_to`. Three corrections to the
//! checked copy are recorded on their nodes (property `correction`): CC6.5's two points of
//! focus, which the copy merges into one, and CC5.2-POF3's "Control Activities". The `[P]`
//! and `[C]` markers that end some privacy headings in the copy are kept in the property
//! `heading_markers`, not in the titles. The AICPA's prose is
//! copyrighted: the catalog ships ids, structure, headings and summaries in ctrlmap's own
//! words; load the licensed text with [`ctrlmap_core::TextOverlay`].

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use ctrlmap_core::{Catalog, NodeRef};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod criterion;
mod report;
mod scope;

pub use criterion::{Criterion, CriterionId, ParseCriterionError, Series};
/// The date-time library of this crate's public API (SOC 2 report periods take and return
/// `jiff::civil::Date`), re-exported so that callers need not add it themselves at the
/// same version.
///
/// The whole crate rather than a few types, on purpose: building a date (`civil::date`),
/// parsing one (`"2026-06-30".parse()`) and date arithmetic (`ToSpan`) are spread across
/// it, and a partial re-export would send users to add jiff themselves and risk a second
/// version. jiff follows semver; ctrlmap moves to a new major version of it only in a
/// release of its own that says so.
pub use jiff;
pub use report::{
    Audience, Engagement, EngagementError, Opinion, Period, PeriodError, PeriodWarning,
    ReportFamily, ReportKind, ReportType, SubserviceMethod, SubserviceOrganization,
    SystemDescription, TestException, UserEntityControl,
};
pub use scope::{Scope, ScopeError, criteria_in_scope};

/// The framework id of SOC 2: `soc2`, the id of [`catalog()`] and of every reference to its
/// controls.
///
/// ```
/// let catalog = ctrlmap::soc2::catalog();
/// assert_eq!(catalog.id(), &ctrlmap::soc2::FRAMEWORK_ID);
/// assert_eq!(ctrlmap::soc2::FRAMEWORK_ID.as_str(), "soc2");
/// ```
pub const FRAMEWORK_ID: ctrlmap_core::FrameworkId = ctrlmap_core::framework_id!("soc2");

/// The built-in catalog as JSON text, in the public catalog format.
pub const CATALOG_JSON: &str = include_str!("../data/soc2-2017.catalog.json");

// The embedded file is validated by this crate's tests (`builtin_catalog_loads`).
static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| Catalog::embedded(CATALOG_JSON, "built-in soc2"));

/// The built-in SOC 2 catalog, parsed on first use.
///
/// ```
/// let catalog = ctrlmap::soc2::catalog();
/// assert_eq!(catalog.id().as_str(), "soc2");
/// assert_eq!(catalog.assessable().count(), 61);
/// ```
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

/// The five Trust Services categories, in the order the TSC names them.
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
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "Soc2Category")]
#[strum(serialize_all = "snake_case")]
pub enum Category {
    /// Security: the common criteria CC1–CC9, which apply to every SOC 2 engagement.
    Security,
    /// Availability: the additional criteria A1.1–A1.3.
    Availability,
    /// Processing Integrity: the additional criteria PI1.1–PI1.5.
    ProcessingIntegrity,
    /// Confidentiality: the additional criteria C1.1–C1.2.
    Confidentiality,
    /// Privacy: the additional criteria P1.1–P8.1.
    Privacy,
}

impl Category {
    /// All five, in order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The category's id and serialized name, such as `processing_integrity`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The category's name, such as `Processing Integrity`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Security => "Security",
            Self::Availability => "Availability",
            Self::ProcessingIntegrity => "Processing Integrity",
            Self::Confidentiality => "Confidentiality",
            Self::Privacy => "Privacy",
        }
    }

    /// The prefix of the category's criteria: `CC`, `A`, `PI`, `C` or `P`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Security => "CC",
            Self::Availability => "A",
            Self::ProcessingIntegrity => "PI",
            Self::Confidentiality => "C",
            Self::Privacy => "P",
        }
    }

    /// The category with this criterion prefix, in any letter case.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.code().eq_ignore_ascii_case(code))
    }

    /// The category's series, in order.
    pub fn series(self) -> impl Iterator<Item = Series> {
        Series::all().filter(move |s| s.category() == self)
    }

    /// The category's node in the built-in catalog.
    pub fn node(self) -> Option<NodeRef<'static>> {
        catalog().get(self.as_str())
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a category name does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown Trust Services category {input:?}{}", .suggestion.map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
pub struct ParseCategoryError {
    input: String,
    suggestion: Option<Category>,
}

impl FromStr for Category {
    type Err = ParseCategoryError;

    /// Accepts the id (`processing_integrity`), the name (`Processing Integrity`) or the
    /// criterion prefix (`PI`), in any letter case, with `-` or space for `_`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted: String = s
            .trim()
            .chars()
            .map(|c| match c {
                ' ' | '-' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == wanted || c.code().eq_ignore_ascii_case(&wanted))
            .ok_or_else(|| ParseCategoryError {
                input: s.to_owned(),
                suggestion: ctrlmap_core::suggest::closest(
                    &wanted,
                    Self::ALL.iter().map(|c| c.as_str()),
                )
                .and_then(|found| Self::ALL.iter().copied().find(|c| c.as_str() == found)),
            })
    }
}
