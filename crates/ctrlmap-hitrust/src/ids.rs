//! Objective and control reference identifiers.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use ctrlmap_core::NodeRef;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Category, catalog};

/// The error returned when a HITRUST id does not parse or names nothing in the CSF. It names
/// the nearest valid id when one is close.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown HITRUST CSF {what} {input:?}{}", .nearest.as_ref().map(|n| format!(" (did you mean {n}?)")).unwrap_or_default())]
pub struct ParseHitrustIdError {
    what: &'static str,
    input: String,
    nearest: Option<String>,
}

impl ParseHitrustIdError {
    pub(crate) fn new(what: &'static str, input: &str, nearest: Option<String>) -> Self {
        Self {
            what,
            input: input.to_owned(),
            nearest,
        }
    }

    /// The text that was rejected.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The nearest valid id, if one is close.
    pub fn nearest(&self) -> Option<&str> {
        self.nearest.as_deref()
    }
}

/// Strips an optional `hitrust:` prefix and surrounding space.
fn strip(s: &str) -> &str {
    let t = s.trim();
    match t.get(..8) {
        Some(p) if p.eq_ignore_ascii_case("hitrust:") => t.get(8..).unwrap_or_default(),
        _ => t,
    }
}

fn category_part(text: &str) -> Option<Category> {
    ((1..=2).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
        .and_then(Category::from_number)
}

/// A control objective: `01.01` (category 01, objective 1).
///
/// ```
/// use ctrlmap::hitrust::ObjectiveId;
///
/// let id: ObjectiveId = "9.10".parse()?;
/// assert_eq!(id.to_string(), "09.10");
/// assert!("01.08".parse::<ObjectiveId>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectiveId {
    category: Category,
    number: u8,
}

impl ObjectiveId {
    /// The objective with this category and number (from 1), if the CSF has it.
    pub fn new(category: Category, number: u8) -> Option<Self> {
        let count = category.objectives_count();
        (1..=count)
            .contains(&number)
            .then_some(Self { category, number })
    }

    /// All 49, in order.
    pub fn all() -> impl Iterator<Item = Self> {
        Category::ALL.iter().flat_map(|c| c.objectives())
    }

    /// The category.
    pub fn category(self) -> Category {
        self.category
    }

    /// The number within the category, from 1.
    pub fn number(self) -> u8 {
        self.number
    }

    /// The objective's node in the built-in catalog.
    pub fn node(self) -> Option<NodeRef<'static>> {
        catalog().get(&self.to_string())
    }

    /// The objective's control references, in order. Empty for category 13, whose grouping
    /// of control references under objectives is not known from the sources.
    pub fn control_references(self) -> impl Iterator<Item = ControlReferenceId> {
        self.node()
            .into_iter()
            .flat_map(|n| n.children())
            .filter_map(|n| n.node().id.as_str().parse().ok())
    }
}

impl fmt::Display for ObjectiveId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.category, self.number)
    }
}

impl FromStr for ObjectiveId {
    type Err = ParseHitrustIdError;

    /// Accepts `01.01`, `1.1` and `hitrust:01.01`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = strip(s);
        let parsed = t.split_once('.').and_then(|(c, n)| {
            let category = category_part(c)?;
            let number = ((1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
                .then(|| n.parse::<u8>().ok())
                .flatten()?;
            Self::new(category, number)
        });
        parsed.ok_or_else(|| {
            let all: Vec<String> = Self::all().map(|o| o.to_string()).collect();
            ParseHitrustIdError::new(
                "control objective",
                s,
                ctrlmap_core::suggest::closest(t, all.iter().map(String::as_str))
                    .map(str::to_owned),
            )
        })
    }
}

/// A control reference: `01.a` … `01.y`, `09.aa` … `09.af`, `13.u`.
///
/// ```
/// use ctrlmap::hitrust::ControlReferenceId;
///
/// let id: ControlReferenceId = "hitrust:09.AF".parse()?;
/// assert_eq!(id.to_string(), "09.af");
/// let err = "01.z".parse::<ControlReferenceId>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown HITRUST CSF control reference \"01.z\" (did you mean 01.y?)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ControlReferenceId {
    category: Category,
    index: u8,
}

/// The letters of the `index`-th control reference: `a` … `z`, then `aa` … `az`.
fn letters(index: u8) -> String {
    let letter = |i: u8| char::from(b'a' + i % 26);
    if index < 26 {
        letter(index).to_string()
    } else {
        format!("{}{}", letter(index / 26 - 1), letter(index))
    }
}

fn index_of(text: &str) -> Option<u16> {
    let b = text.as_bytes();
    let value = |c: u8| c.is_ascii_lowercase().then(|| u16::from(c - b'a'));
    match *b {
        [c] => value(c),
        [hi, lo] => Some((value(hi)? + 1) * 26 + value(lo)?),
        _ => None,
    }
}

impl ControlReferenceId {
    /// The control reference with this category and index (from 0: `a` is 0), if the CSF has
    /// it.
    pub fn new(category: Category, index: u8) -> Option<Self> {
        (index < category.control_references_count()).then_some(Self { category, index })
    }

    /// All 156, in order.
    pub fn all() -> impl Iterator<Item = Self> {
        Category::ALL.iter().flat_map(|c| c.control_references())
    }

    /// The category.
    pub fn category(self) -> Category {
        self.category
    }

    /// The control reference's node in the built-in catalog.
    pub fn node(self) -> Option<NodeRef<'static>> {
        catalog().get(&self.to_string())
    }

    /// The objective the control reference belongs to, where the sources establish it (not
    /// for category 13).
    pub fn objective(self) -> Option<ObjectiveId> {
        let parent = self.node()?.parent()?;
        parent.node().id.as_str().parse().ok()
    }
}

impl fmt::Display for ControlReferenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.category, letters(self.index))
    }
}

impl FromStr for ControlReferenceId {
    type Err = ParseHitrustIdError;

    /// Accepts `01.a`, `1.a`, `01.A` and `hitrust:01.a`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = strip(s);
        let lower = t.to_ascii_lowercase();
        let parsed = lower
            .split_once('.')
            .and_then(|(c, l)| Self::new(category_part(c)?, u8::try_from(index_of(l)?).ok()?));
        parsed.ok_or_else(|| {
            // Past the end of a real category's references: the nearest is its last one.
            let past_end = lower.split_once('.').and_then(|(c, l)| {
                let category = category_part(c)?;
                let last = category.control_references_count().checked_sub(1)?;
                (index_of(l)? > u16::from(last)).then(|| {
                    Self {
                        category,
                        index: last,
                    }
                    .to_string()
                })
            });
            let all: Vec<String> = Self::all().map(|r| r.to_string()).collect();
            let nearest = past_end.or_else(|| {
                ctrlmap_core::suggest::closest(&lower, all.iter().map(String::as_str))
                    .map(str::to_owned)
            });
            ParseHitrustIdError::new("control reference", s, nearest)
        })
    }
}

macro_rules! string_serde {
    ($ty:ident, $name:literal, $description:literal, $pattern:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = Cow::<'de, str>::deserialize(deserializer)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }

        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "description": $description,
                    "type": "string",
                    "pattern": $pattern
                })
            }
        }
    };
}

string_serde!(
    ObjectiveId,
    "HitrustObjectiveId",
    "A HITRUST CSF control objective, such as 01.01.",
    "^(0[0-9]|1[0-3])\\.(0[1-9]|10)$"
);
string_serde!(
    ControlReferenceId,
    "HitrustControlReferenceId",
    "A HITRUST CSF control reference, such as 01.a or 09.af.",
    "^(0[0-9]|1[0-3])\\.([a-z]|a[a-f])$"
);

impl Category {
    pub(crate) fn objectives_count(self) -> u8 {
        self.sizes().0
    }

    pub(crate) fn control_references_count(self) -> u8 {
        self.sizes().1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_round_trip() {
        for i in 0..52u8 {
            assert_eq!(index_of(&letters(i)), Some(u16::from(i)), "{i}");
        }
        assert_eq!(letters(26), "aa");
        assert_eq!(letters(31), "af");
        assert_eq!(index_of("ba"), Some(52));
        assert_eq!(index_of(""), None);
        assert_eq!(index_of("abc"), None);
        assert_eq!(index_of("zz"), Some(701));
        assert_eq!(index_of("A"), None);
    }
}
