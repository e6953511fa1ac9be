//! COSO 2013 *Internal Control — Integrated Framework* for ctrlmap.
//!
//! COSO describes internal control as five [`Component`]s, each made of [`Principle`]s (17 in
//! all), each with points of focus that describe its important characteristics. SOC 2's common
//! criteria CC1–CC5 restate the 17 principles, which is why SOC 2 reports cite COSO.
//!
//! ```
//! use ctrlmap::coso::{Component, Principle};
//!
//! let p10: Principle = "P10".parse()?;
//! assert_eq!(p10.component(), Component::ControlActivities);
//! assert_eq!(p10.title(), "Select control activities");
//! assert_eq!(p10.points_of_focus().count(), 6);
//!
//! let catalog = ctrlmap::coso::catalog();
//! assert_eq!(catalog.get("P6-POF5").map(|n| n.node().title.as_str()),
//!            Some("Complies With Applicable Accounting Standards"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Identifiers
//! Components are `CE`, `RA`, `CA`, `IC` and `MA`; principles `P1` … `P17`; points of focus
//! `P1-POF1` …, numbered in COSO's order within each principle. Principle 6 lists its 15
//! points of focus under five objective groups, `P6-G1` … `P6-G5` (operations, external
//! financial reporting, external non-financial reporting, internal reporting, compliance);
//! its points of focus are numbered `P6-POF1` … `P6-POF15` straight through the groups.
//!
//! # Evaluating a system of internal control
//! The [`evaluation`] module models COSO's rules for concluding on effectiveness: each
//! principle present and functioning, each component present and functioning, and all five
//! operating together.
//!
//! # Data provenance
//! The catalog (`data/coso-2013.catalog.json`) follows *Internal Control — Integrated
//! Framework* (COSO, May 2013): its five components, 17 principles and 87 points of focus,
//! with the point-of-focus headings cross-checked against the COSO points of focus as restated
//! in the AICPA's 2017 Trust Services Criteria (revised points of focus, 2022), CC1.1–CC5.3.
//! Principle 6's grouping is marked `confidence: medium` in the data, because it was checked
//! against secondary sources only. COSO's prose is copyrighted, so the catalog ships only
//! identifiers, headings and summaries in ctrlmap's own words; load the licensed text with
//! [`ctrlmap_core::TextOverlay`].

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use ctrlmap_core::{Catalog, NodeKind, NodeRef};

pub mod evaluation;

pub use evaluation::{
    ComponentConclusion, Conclusion, Deficiency, Evaluation, Finding, PrincipleAssessment, Severity,
};

/// The framework id of COSO 2013: `coso`, the id of [`catalog()`] and of every reference to its
/// controls.
///
/// ```
/// let catalog = ctrlmap::coso::catalog();
/// assert_eq!(catalog.id(), &ctrlmap::coso::FRAMEWORK_ID);
/// assert_eq!(ctrlmap::coso::FRAMEWORK_ID.as_str(), "coso");
/// ```
pub const FRAMEWORK_ID: ctrlmap_core::FrameworkId = ctrlmap_core::framework_id!("coso");

/// The built-in catalog as JSON text, in the public catalog format.
pub const CATALOG_JSON: &str = include_str!("../data/coso-2013.catalog.json");

// The embedded file is validated by this crate's tests (`builtin_catalog_loads`).
static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| Catalog::embedded(CATALOG_JSON, "built-in coso"));

/// The built-in COSO 2013 catalog, parsed on first use.
///
/// ```
/// let catalog = ctrlmap::coso::catalog();
/// assert_eq!(catalog.id().as_str(), "coso");
/// assert_eq!(catalog.roots().count(), 5);
/// ```
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

/// The error returned when a component or principle name does not parse.
///
/// It names the closest valid identifier when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown COSO {what} {input:?}{}", .suggestion.map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
pub struct ParseError {
    what: &'static str,
    input: String,
    suggestion: Option<&'static str>,
}

impl ParseError {
    /// The text that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The closest valid identifier, if one is close.
    pub fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }
}

/// The five components of internal control, in COSO's order.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    strum::EnumIter,
    strum::VariantArray,
    strum::EnumCount,
)]
pub enum Component {
    /// `CE`: Control Environment (principles 1–5).
    ControlEnvironment,
    /// `RA`: Risk Assessment (principles 6–9).
    RiskAssessment,
    /// `CA`: Control Activities (principles 10–12).
    ControlActivities,
    /// `IC`: Information and Communication (principles 13–15).
    InformationAndCommunication,
    /// `MA`: Monitoring Activities (principles 16–17).
    MonitoringActivities,
}

impl Component {
    /// All five, in COSO's order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The catalog id: `CE`, `RA`, `CA`, `IC` or `MA`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ControlEnvironment => "CE",
            Self::RiskAssessment => "RA",
            Self::ControlActivities => "CA",
            Self::InformationAndCommunication => "IC",
            Self::MonitoringActivities => "MA",
        }
    }

    /// The component's name, such as `Control Environment`.
    pub fn name(self) -> &'static str {
        match self {
            Self::ControlEnvironment => "Control Environment",
            Self::RiskAssessment => "Risk Assessment",
            Self::ControlActivities => "Control Activities",
            Self::InformationAndCommunication => "Information and Communication",
            Self::MonitoringActivities => "Monitoring Activities",
        }
    }

    /// The component's principles, in order.
    ///
    /// ```
    /// use ctrlmap::coso::{Component, Principle};
    /// assert_eq!(Component::MonitoringActivities.principles(), &[Principle::P16, Principle::P17]);
    /// ```
    pub fn principles(self) -> &'static [Principle] {
        use Principle::*;
        match self {
            Self::ControlEnvironment => &[P1, P2, P3, P4, P5],
            Self::RiskAssessment => &[P6, P7, P8, P9],
            Self::ControlActivities => &[P10, P11, P12],
            Self::InformationAndCommunication => &[P13, P14, P15],
            Self::MonitoringActivities => &[P16, P17],
        }
    }

    /// The component's node in the built-in catalog.
    pub fn node(self) -> Option<NodeRef<'static>> {
        catalog().get(self.as_str())
    }
}

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Component {
    type Err = ParseError;

    /// Accepts the id (`CE`) or the name (`Control Environment`), in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(t) || c.name().eq_ignore_ascii_case(t))
            .ok_or_else(|| ParseError {
                what: "component",
                input: s.to_owned(),
                suggestion: ctrlmap_core::suggest::closest(t, Self::ALL.iter().map(|c| c.as_str())),
            })
    }
}

/// The 17 principles of internal control.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    strum::EnumIter,
    strum::VariantArray,
    strum::EnumCount,
    strum::IntoStaticStr,
)]
#[allow(missing_docs)] // Each variant is documented by its number; titles live in the data.
pub enum Principle {
    P1,
    P2,
    P3,
    P4,
    P5,
    P6,
    P7,
    P8,
    P9,
    P10,
    P11,
    P12,
    P13,
    P14,
    P15,
    P16,
    P17,
}

impl Principle {
    /// All 17, in order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The catalog id, `P1` … `P17`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The principle's number, 1 … 17.
    pub fn number(self) -> u8 {
        // Discriminants run 0..17 in declaration order.
        self as u8 + 1
    }

    /// The principle with this number, 1 … 17.
    ///
    /// ```
    /// use ctrlmap::coso::Principle;
    /// assert_eq!(Principle::from_number(12), Some(Principle::P12));
    /// assert_eq!(Principle::from_number(18), None);
    /// ```
    pub fn from_number(number: u8) -> Option<Self> {
        Self::ALL.get(usize::from(number).checked_sub(1)?).copied()
    }

    /// The component the principle belongs to.
    pub fn component(self) -> Component {
        match self.number() {
            1..=5 => Component::ControlEnvironment,
            6..=9 => Component::RiskAssessment,
            10..=12 => Component::ControlActivities,
            13..=15 => Component::InformationAndCommunication,
            _ => Component::MonitoringActivities,
        }
    }

    /// The principle's node in the built-in catalog.
    pub fn node(self) -> Option<NodeRef<'static>> {
        catalog().get(self.as_str())
    }

    /// ctrlmap's short title of the principle, such as `Integrity and ethical values`.
    pub fn title(self) -> &'static str {
        self.node()
            .map(|n| n.node().title.as_str())
            .unwrap_or_default()
    }

    /// The principle's points of focus in COSO's order (for principle 6, through its five
    /// objective groups).
    pub fn points_of_focus(self) -> impl Iterator<Item = NodeRef<'static>> {
        self.node()
            .into_iter()
            .flat_map(|n| n.descendants())
            .filter(|n| n.kind == NodeKind::PointOfFocus)
    }
}

impl fmt::Display for Principle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Principle {
    type Err = ParseError;

    /// Accepts `P10`, `p10` or `10`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let digits = t
            .strip_prefix('P')
            .or_else(|| t.strip_prefix('p'))
            .unwrap_or(t);
        digits
            .parse::<u8>()
            .ok()
            .filter(|_| digits.bytes().all(|b| b.is_ascii_digit()))
            .and_then(Self::from_number)
            .ok_or_else(|| ParseError {
                what: "principle",
                input: s.to_owned(),
                suggestion: ctrlmap_core::suggest::closest(t, Self::ALL.iter().map(|p| p.as_str())),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principle_numbers_round_trip() {
        for (i, p) in Principle::ALL.iter().enumerate() {
            assert_eq!(usize::from(p.number()), i + 1);
            assert_eq!(Principle::from_number(p.number()), Some(*p));
        }
        assert_eq!(Principle::from_number(0), None);
    }
}
