//! Criterion identifiers and the typed view of a criterion.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use ctrlmap_core::{NodeKind, NodeRef};
use ctrlmap_coso::Principle;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Category, Scope, catalog};

/// Every series with its number of criteria, in the order of the catalog.
const SERIES: &[(Category, u8, u8)] = &[
    (Category::Security, 1, 5),
    (Category::Security, 2, 3),
    (Category::Security, 3, 4),
    (Category::Security, 4, 2),
    (Category::Security, 5, 3),
    (Category::Security, 6, 8),
    (Category::Security, 7, 5),
    (Category::Security, 8, 1),
    (Category::Security, 9, 2),
    (Category::Availability, 1, 3),
    (Category::ProcessingIntegrity, 1, 5),
    (Category::Confidentiality, 1, 2),
    (Category::Privacy, 1, 1),
    (Category::Privacy, 2, 1),
    (Category::Privacy, 3, 2),
    (Category::Privacy, 4, 3),
    (Category::Privacy, 5, 2),
    (Category::Privacy, 6, 7),
    (Category::Privacy, 7, 1),
    (Category::Privacy, 8, 1),
];

/// A series of criteria, such as `CC6` (logical and physical access controls) or `P4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Series {
    category: Category,
    number: u8,
}

impl Series {
    /// Every series, in catalog order: `CC1` … `CC9`, `A1`, `PI1`, `C1`, `P1` … `P8`.
    pub fn all() -> impl ExactSizeIterator<Item = Self> {
        SERIES
            .iter()
            .map(|&(category, number, _)| Self { category, number })
    }

    /// The category the series belongs to.
    pub fn category(self) -> Category {
        self.category
    }

    /// The series number within its category (the `6` of `CC6`).
    pub fn number(self) -> u8 {
        self.number
    }

    /// The series' criteria, in order.
    pub fn criteria(self) -> impl Iterator<Item = CriterionId> {
        CriterionId::all().filter(move |c| c.series() == self)
    }

    /// The series' node in the built-in catalog.
    pub fn node(self) -> Option<NodeRef<'static>> {
        catalog().get(&self.to_string())
    }

    /// The series' title, such as `Logical and Physical Access Controls`.
    pub fn title(self) -> &'static str {
        self.node()
            .map(|n| n.node().title.as_str())
            .unwrap_or_default()
    }
}

impl fmt::Display for Series {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.category.code(), self.number)
    }
}

/// A Trust Services criterion identifier: `CC1.1` … `CC9.2`, `A1.1` … `A1.3`, `PI1.1` …
/// `PI1.5`, `C1.1`, `C1.2`, `P1.1` … `P8.1` — exactly the 61 criteria of the 2017 TSC.
///
/// Parsing accepts any letter case and an optional `soc2:` prefix; display is canonical.
/// A criterion that does not exist is rejected with the nearest one that does:
///
/// ```
/// use ctrlmap::soc2::CriterionId;
///
/// let id: CriterionId = "cc6.1".parse()?;
/// assert_eq!(id.to_string(), "CC6.1");
/// let err = "CC6.9".parse::<CriterionId>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown SOC 2 criterion \"CC6.9\" (did you mean CC6.1?)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CriterionId {
    category: Category,
    series: u8,
    number: u8,
}

/// The error returned when a criterion id does not parse or names no criterion.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} SOC 2 criterion {input:?}{}", if *.known_shape { "unknown" } else { "invalid" }, match .suggestion {
    Some(s) => format!(" (did you mean {s}?)"),
    None => " (criteria look like CC6.1, A1.2, PI1.3, C1.1 or P4.2)".to_owned(),
})]
pub struct ParseCriterionError {
    input: String,
    known_shape: bool,
    suggestion: Option<CriterionId>,
}

impl ParseCriterionError {
    /// The text that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The nearest valid criterion, if one is close.
    pub fn suggestion(&self) -> Option<CriterionId> {
        self.suggestion
    }
}

impl CriterionId {
    /// The criterion with this category, series and number, if it exists.
    ///
    /// ```
    /// use ctrlmap::soc2::{Category, CriterionId};
    /// assert!(CriterionId::new(Category::Security, 6, 8).is_some());
    /// assert!(CriterionId::new(Category::Security, 6, 9).is_none());
    /// ```
    pub fn new(category: Category, series: u8, number: u8) -> Option<Self> {
        SERIES
            .iter()
            .any(|&(c, s, n)| c == category && s == series && (1..=n).contains(&number))
            .then_some(Self {
                category,
                series,
                number,
            })
    }

    /// All 61 criteria, in catalog order.
    pub fn all() -> impl Iterator<Item = Self> {
        SERIES.iter().flat_map(|&(category, series, count)| {
            (1..=count).map(move |number| Self {
                category,
                series,
                number,
            })
        })
    }

    /// The category the criterion belongs to.
    pub fn category(self) -> Category {
        self.category
    }

    /// The series the criterion belongs to.
    pub fn series(self) -> Series {
        Series {
            category: self.category,
            number: self.series,
        }
    }

    /// The criterion's number within its series (the `1` of `CC6.1`).
    pub fn number(self) -> u8 {
        self.number
    }

    /// The COSO principle that this common criterion restates: CC1.1–CC5.3 restate COSO's
    /// 17 principles (CC1 = principles 1–5, CC2 = 13–15, CC3 = 6–9, CC4 = 16–17,
    /// CC5 = 10–12). Other criteria restate none.
    ///
    /// ```
    /// use ctrlmap::coso::Principle;
    /// use ctrlmap::soc2::CriterionId;
    /// assert_eq!("CC2.1".parse::<CriterionId>()?.coso_principle(), Some(Principle::P13));
    /// assert_eq!("CC6.1".parse::<CriterionId>()?.coso_principle(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn coso_principle(self) -> Option<Principle> {
        if self.category != Category::Security {
            return None;
        }
        let first = match self.series {
            1 => 1,
            2 => 13,
            3 => 6,
            4 => 16,
            5 => 10,
            _ => return None,
        };
        Principle::from_number(first + self.number - 1)
    }

    /// The typed view of the criterion in the built-in catalog.
    pub fn criterion(self) -> Option<Criterion> {
        Criterion::get(self)
    }

    fn parse_shape(s: &str) -> Option<(Category, u8, u8)> {
        let s = s.trim();
        let s = match s.get(..5) {
            Some(prefix) if prefix.eq_ignore_ascii_case("soc2:") => s.get(5..)?,
            _ => s,
        };
        let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (code, rest) = s.split_at_checked(letters)?;
        let category = Category::from_code(code)?;
        let (series, number) = rest.split_once('.')?;
        let small = |t: &str| -> Option<u8> {
            (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
        };
        Some((category, small(series)?, small(number)?))
    }
}

impl fmt::Display for CriterionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}.{}", self.category.code(), self.series, self.number)
    }
}

impl FromStr for CriterionId {
    type Err = ParseCriterionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let shape = Self::parse_shape(s);
        if let Some(id) = shape.and_then(|(c, series, n)| Self::new(c, series, n)) {
            return Ok(id);
        }
        let canonical: Vec<String> = Self::all().map(|c| c.to_string()).collect();
        let wanted = s.trim().to_ascii_uppercase();
        let suggestion = ctrlmap_core::suggest::closest(
            wanted.strip_prefix("SOC2:").unwrap_or(&wanted),
            canonical.iter().map(String::as_str),
        )
        .and_then(Self::parse_shape)
        .and_then(|(c, series, n)| Self::new(c, series, n));
        Err(ParseCriterionError {
            input: s.to_owned(),
            known_shape: shape.is_some(),
            suggestion,
        })
    }
}

impl Serialize for CriterionId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CriterionId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = Cow::<'de, str>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for CriterionId {
    fn schema_name() -> Cow<'static, str> {
        "Soc2CriterionId".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "ctrlmap_soc2::CriterionId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let ids: Vec<String> = Self::all().map(|c| c.to_string()).collect();
        json_schema!({
            "description": "A 2017 Trust Services criterion, in canonical form.",
            "type": "string",
            "enum": ids
        })
    }
}

/// A criterion of the built-in catalog, with its place in the framework.
///
/// ```
/// use ctrlmap::soc2::{Category, Criterion};
///
/// let cc6_1 = Criterion::get("CC6.1".parse()?).ok_or("a built-in criterion")?;
/// assert_eq!(cc6_1.category(), Category::Security);
/// assert_eq!(cc6_1.series().title(), "Logical and Physical Access Controls");
/// assert_eq!(cc6_1.points_of_focus().count(), 13);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Criterion {
    id: CriterionId,
    node: NodeRef<'static>,
}

impl Criterion {
    /// The criterion in the built-in catalog.
    pub fn get(id: CriterionId) -> Option<Self> {
        let node = catalog().get(&id.to_string())?;
        (node.kind == NodeKind::Criterion).then_some(Self { id, node })
    }

    /// All 61 criteria, in catalog order.
    pub fn all() -> impl Iterator<Item = Self> {
        CriterionId::all().filter_map(Self::get)
    }

    /// The criterion's id.
    pub fn id(&self) -> CriterionId {
        self.id
    }

    /// Its category.
    pub fn category(&self) -> Category {
        self.id.category
    }

    /// Its series.
    pub fn series(&self) -> Series {
        self.id.series()
    }

    /// ctrlmap's short title of the criterion.
    pub fn title(&self) -> &'static str {
        &self.node.node().title
    }

    /// ctrlmap's summary of the criterion, in its own words.
    pub fn summary(&self) -> Option<&'static str> {
        self.node.node().summary.as_deref()
    }

    /// The catalog node.
    pub fn node(&self) -> NodeRef<'static> {
        self.node
    }

    /// The COSO principle the criterion restates (CC1.1–CC5.3 only).
    pub fn coso_principle(&self) -> Option<Principle> {
        self.id.coso_principle()
    }

    /// Every point of focus, in the AICPA's order.
    pub fn points_of_focus(&self) -> impl Iterator<Item = NodeRef<'static>> + use<> {
        self.node
            .children()
            .filter(|n| n.kind == NodeKind::PointOfFocus)
    }

    /// The points of focus that apply to an engagement with this scope: the TSC adds some
    /// points of focus to the common criteria that apply only when availability,
    /// confidentiality or privacy is in scope (property `applies_to`).
    ///
    /// ```
    /// use ctrlmap::soc2::{Category, Criterion, Scope};
    ///
    /// let cc6_1 = Criterion::get("CC6.1".parse()?).ok_or("a built-in criterion")?;
    /// assert_eq!(cc6_1.points_of_focus_in(&Scope::security_only()).count(), 11);
    /// let with_privacy = Scope::security_only().with(Category::Privacy);
    /// assert_eq!(cc6_1.points_of_focus_in(&with_privacy).count(), 12);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn points_of_focus_in<'s>(
        &self,
        scope: &'s Scope,
    ) -> impl Iterator<Item = NodeRef<'static>> + use<'s> {
        self.points_of_focus()
            .filter(move |n| match n.node().prop("applies_to") {
                None | Some("all_engagements") => true,
                Some(other) => other.parse::<Category>().is_ok_and(|c| scope.contains(c)),
            })
    }
}
