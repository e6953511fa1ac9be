//! HITRUST CSF v11 for ctrlmap: the structure of the framework, its assessment types and its
//! maturity scoring.
//!
//! The CSF is organized as 14 control categories (`00`–`13`), 49 control objectives
//! (`01.01`) and 156 control references (`01.a` … `09.af`); each control reference holds
//! requirement statements, which HITRUST licenses and ctrlmap does not ship.
//!
//! ```
//! use ctrlmap::hitrust::{Category, ControlReferenceId};
//!
//! let id: ControlReferenceId = "09.ab".parse()?;
//! assert_eq!(id.category(), Category::CommunicationsAndOperationsManagement);
//! assert_eq!(id.node().map(|n| n.node().title.as_str()), Some("Monitoring System Use"));
//! assert_eq!(Category::AccessControl.control_references().count(), 25);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Assessments and scoring
//! [`AssessmentType`] describes e1, i1 and r2; [`scoring`] rates requirement statements on
//! the PRISMA-style maturity levels and decides certification per domain with exact
//! arithmetic (scores are kept in hundredths of a point, so 61.99 never rounds up to 62).
//!
//! # Bringing the licensed content
//! Requirement statements are added with a [`ctrlmap_core::CatalogExtension`] of
//! `requirement_statement` nodes whose parents are control references, and their text with a
//! [`ctrlmap_core::TextOverlay`].
//!
//! # Data provenance
//! The catalog (`data/hitrust-csf-v11.catalog.json`) records the CSF v11 structure (unchanged
//! since v9): category, objective and control reference identifiers and names, as quoted by
//! public cross-reference lists of CSF v11.2.0, with the ISO/IEC 27002:2005-derived titles.
//! Every name carries its confidence (`name_confidence`: `high`, `medium`, `low`, or
//! `unverified` for a name ctrlmap does not present as fact).
//!
//! Category 13 (Privacy Practices) is weakly sourced. Its 21 control references (`13.a` …
//! `13.u`) are named from two public lists of names (CSF v9.2 and v11.2); a name only one list
//! gives has `name_confidence` `low`, and `name_note` says what a name rests on. **No public
//! source names control objectives 13.01–13.07 or says which control references each one
//! groups.** The catalog keeps the seven objectives to match the CSF's structure, but their
//! titles (`Control objective 13.01` …) are ctrlmap's placeholders (`placeholder` = `true`,
//! `name_confidence` = `unverified`); a name recalled from CSF v9.x, found in no source, is
//! kept only in `unverified_name`. No grouping is guessed: the control references sit
//! directly under the category (`objective_unknown`).
//!
//! The scoring constants cite the HITRUST Assessment Handbook and practitioner sources, each
//! with its confidence.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use ctrlmap_core::{Catalog, NodeKind, NodeRef};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod assessment;
mod held;
mod ids;
pub mod scoring;

pub use assessment::{AssessmentType, Confidence, StatementCount};
pub use held::{HeldAssessment, HeldAssessmentError, ReferenceScore};
pub use ids::{ControlReferenceId, ObjectiveId, ParseHitrustIdError};
/// The date-time library of this crate's public API (assessment dates are
/// `jiff::civil::Date`), re-exported so that callers need not add it themselves at the
/// same version.
///
/// The whole crate rather than a few types, on purpose: building a date (`civil::date`),
/// parsing one (`"2026-06-30".parse()`) and date arithmetic (`ToSpan`) are spread across
/// it, and a partial re-export would send users to add jiff themselves and risk a second
/// version. jiff follows semver; ctrlmap moves to a new major version of it only in a
/// release of its own that says so.
pub use jiff;

/// The framework id of HITRUST CSF: `hitrust`, the id of [`catalog()`] and of every reference to its
/// controls.
///
/// ```
/// let catalog = ctrlmap::hitrust::catalog();
/// assert_eq!(catalog.id(), &ctrlmap::hitrust::FRAMEWORK_ID);
/// assert_eq!(ctrlmap::hitrust::FRAMEWORK_ID.as_str(), "hitrust");
/// ```
pub const FRAMEWORK_ID: ctrlmap_core::FrameworkId = ctrlmap_core::framework_id!("hitrust");

/// The built-in catalog as JSON text, in the public catalog format.
pub const CATALOG_JSON: &str = include_str!("../data/hitrust-csf-v11.catalog.json");

// The embedded file is validated by this crate's tests (`builtin_catalog_loads`).
static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| Catalog::embedded(CATALOG_JSON, "built-in hitrust"));

/// The built-in HITRUST CSF catalog, parsed on first use.
///
/// ```
/// let catalog = ctrlmap::hitrust::catalog();
/// assert_eq!(catalog.assessable().count(), 156);
/// ```
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

/// The 14 control categories of the CSF, `00` to `13`.
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
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "HitrustCategory")]
pub enum Category {
    /// `00` Information Security Management Program.
    InformationSecurityManagementProgram,
    /// `01` Access Control.
    AccessControl,
    /// `02` Human Resources Security.
    HumanResourcesSecurity,
    /// `03` Risk Management.
    RiskManagement,
    /// `04` Security Policy.
    SecurityPolicy,
    /// `05` Organization of Information Security.
    OrganizationOfInformationSecurity,
    /// `06` Compliance.
    Compliance,
    /// `07` Asset Management.
    AssetManagement,
    /// `08` Physical and Environmental Security.
    PhysicalAndEnvironmentalSecurity,
    /// `09` Communications and Operations Management.
    CommunicationsAndOperationsManagement,
    /// `10` Information Systems Acquisition, Development, and Maintenance.
    InformationSystemsAcquisitionDevelopmentAndMaintenance,
    /// `11` Information Security Incident Management.
    InformationSecurityIncidentManagement,
    /// `12` Business Continuity Management.
    BusinessContinuityManagement,
    /// `13` Privacy Practices.
    PrivacyPractices,
}

/// Per category: (objectives, control references).
const SIZES: [(u8, u8); 14] = [
    (1, 1),
    (7, 25),
    (4, 9),
    (1, 4),
    (1, 2),
    (2, 11),
    (3, 10),
    (2, 5),
    (2, 13),
    (10, 32),
    (6, 13),
    (2, 5),
    (1, 5),
    (7, 21),
];

impl Category {
    /// All 14, in order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The category's number, 0 to 13.
    pub fn number(self) -> u8 {
        // Discriminants run 0..14 in declaration order.
        self as u8
    }

    /// The category with this number.
    pub fn from_number(number: u8) -> Option<Self> {
        Self::ALL.get(usize::from(number)).copied()
    }

    /// The two-digit id, `00` to `13`.
    pub fn as_str(self) -> &'static str {
        const IDS: [&str; 14] = [
            "00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13",
        ];
        IDS.get(usize::from(self.number())).copied().unwrap_or("00")
    }

    /// The category's name, such as `Access Control`.
    pub fn name(self) -> &'static str {
        match self {
            Self::InformationSecurityManagementProgram => "Information Security Management Program",
            Self::AccessControl => "Access Control",
            Self::HumanResourcesSecurity => "Human Resources Security",
            Self::RiskManagement => "Risk Management",
            Self::SecurityPolicy => "Security Policy",
            Self::OrganizationOfInformationSecurity => "Organization of Information Security",
            Self::Compliance => "Compliance",
            Self::AssetManagement => "Asset Management",
            Self::PhysicalAndEnvironmentalSecurity => "Physical and Environmental Security",
            Self::CommunicationsAndOperationsManagement => {
                "Communications and Operations Management"
            }
            Self::InformationSystemsAcquisitionDevelopmentAndMaintenance => {
                "Information Systems Acquisition, Development, and Maintenance"
            }
            Self::InformationSecurityIncidentManagement => {
                "Information Security Incident Management"
            }
            Self::BusinessContinuityManagement => "Business Continuity Management",
            Self::PrivacyPractices => "Privacy Practices",
        }
    }

    pub(crate) fn sizes(self) -> (u8, u8) {
        SIZES
            .get(usize::from(self.number()))
            .copied()
            .unwrap_or((0, 0))
    }

    /// The category's control objectives, in order.
    pub fn objectives(self) -> impl Iterator<Item = ObjectiveId> {
        (1..=self.sizes().0).filter_map(move |n| ObjectiveId::new(self, n))
    }

    /// The category's control references, in order.
    pub fn control_references(self) -> impl Iterator<Item = ControlReferenceId> {
        (0..self.sizes().1).filter_map(move |i| ControlReferenceId::new(self, i))
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

impl FromStr for Category {
    type Err = ParseHitrustIdError;

    /// Accepts `01` or `1`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        t.parse::<u8>()
            .ok()
            .filter(|_| (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
            .and_then(Self::from_number)
            .ok_or_else(|| {
                ParseHitrustIdError::new(
                    "category",
                    s,
                    ctrlmap_core::suggest::closest(t, Self::ALL.iter().map(|c| c.as_str()))
                        .map(str::to_owned),
                )
            })
    }
}

/// The control references of the built-in catalog that are assessable, in order.
pub fn control_references() -> impl Iterator<Item = NodeRef<'static>> {
    catalog()
        .iter()
        .filter(|n| n.kind == NodeKind::ControlReference)
}
