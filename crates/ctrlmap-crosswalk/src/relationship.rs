//! Set-theory relationships (NIST IR 8477) and their composition (RCC-5).

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a source control relates to a target control, read "source R target" (the NIST OLIR
/// direction), in the set-theory model of NIST IR 8477.
///
/// The five relations are exactly the base relations of the region connection calculus
/// RCC-5 over non-empty sets: exactly one holds between any two controls.
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
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Relationship {
    /// The source and the target require the same thing (RCC-5 EQ).
    Equal,
    /// The source is narrower than the target: the target requires all the source does, and
    /// more (RCC-5 PP, proper part).
    SubsetOf,
    /// The source is broader than the target: it requires all the target does, and more
    /// (RCC-5 PPi).
    SupersetOf,
    /// The source and the target share some requirements, and each has some the other does
    /// not (RCC-5 PO, partial overlap).
    IntersectsWith,
    /// The source and the target share nothing (RCC-5 DR, discrete).
    NotRelated,
}

impl Relationship {
    /// All five, in declaration order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The serialized name, such as `subset_of`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The relationship read the other way: "target R' source". Swaps subset and superset.
    ///
    /// ```
    /// use ctrlmap::crosswalk::Relationship;
    /// assert_eq!(Relationship::SubsetOf.inverse(), Relationship::SupersetOf);
    /// assert_eq!(Relationship::IntersectsWith.inverse(), Relationship::IntersectsWith);
    /// ```
    pub fn inverse(self) -> Self {
        match self {
            Self::SubsetOf => Self::SupersetOf,
            Self::SupersetOf => Self::SubsetOf,
            other => other,
        }
    }

    /// Whether holding the source satisfies the target entirely (equal or superset).
    pub fn satisfies_target(self) -> bool {
        matches!(self, Self::Equal | Self::SupersetOf)
    }

    fn bit(self) -> u8 {
        match self {
            Self::Equal => 1,
            Self::SubsetOf => 2,
            Self::SupersetOf => 4,
            Self::IntersectsWith => 8,
            Self::NotRelated => 16,
        }
    }

    /// The RCC-5 composition of two base relations: given `a self b` and `b next c`, the
    /// relations that can hold between `a` and `c`.
    pub fn compose(self, next: Self) -> RelationshipSet {
        use Relationship::{
            Equal as Eq, IntersectsWith as Po, NotRelated as Dr, SubsetOf as Pp, SupersetOf as Ppi,
        };
        let set = |rs: &[Self]| RelationshipSet::from_iter(rs.iter().copied());
        match (self, next) {
            (Eq, r) | (r, Eq) => RelationshipSet::single(r),
            (Dr, Dr) | (Po, Po) | (Pp, Ppi) => RelationshipSet::ALL,
            (Dr, Po) | (Dr, Pp) | (Pp, Po) => set(&[Dr, Po, Pp]),
            (Dr, Ppi) | (Pp, Dr) => set(&[Dr]),
            (Po, Dr) | (Po, Ppi) | (Ppi, Dr) => set(&[Dr, Po, Ppi]),
            (Po, Pp) => set(&[Po, Pp]),
            (Pp, Pp) => set(&[Pp]),
            (Ppi, Po) => set(&[Po, Ppi]),
            (Ppi, Pp) => set(&[Eq, Po, Pp, Ppi]),
            (Ppi, Ppi) => set(&[Ppi]),
        }
    }
}

impl fmt::Display for Relationship {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of relationships: the relations that can hold between two controls when a chain of
/// mappings does not determine one exactly. A small bit set.
///
/// ```
/// use ctrlmap::crosswalk::{Relationship::*, RelationshipSet};
///
/// // A narrower than B, B narrower than C: A is narrower than C.
/// let set = RelationshipSet::single(SubsetOf).compose(RelationshipSet::single(SubsetOf));
/// assert_eq!(set, RelationshipSet::single(SubsetOf));
/// // A narrower than B, C narrower than B: anything can hold between A and C.
/// assert!(RelationshipSet::single(SubsetOf).compose(RelationshipSet::single(SupersetOf)).is_all());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RelationshipSet(u8);

impl RelationshipSet {
    /// The empty set.
    pub const EMPTY: Self = Self(0);
    /// All five relations: nothing is known.
    pub const ALL: Self = Self(31);

    /// The set holding one relation.
    pub fn single(r: Relationship) -> Self {
        Self(r.bit())
    }

    /// Whether the set holds `r`.
    pub fn contains(self, r: Relationship) -> bool {
        self.0 & r.bit() != 0
    }

    /// Adds `r`.
    pub fn insert(&mut self, r: Relationship) {
        self.0 |= r.bit();
    }

    /// The union of two sets.
    #[must_use]
    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the set holds all five relations (nothing is known).
    pub fn is_all(self) -> bool {
        self == Self::ALL
    }

    /// How many relations the set holds.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The single relation, when the set holds exactly one.
    pub fn exactly_one(self) -> Option<Relationship> {
        let mut it = self.iter();
        match (it.next(), it.next()) {
            (Some(r), None) => Some(r),
            _ => None,
        }
    }

    /// Whether every relation in `self` is also in `other`.
    pub fn is_subset(self, other: Self) -> bool {
        self.0 & !other.0 == 0
    }

    /// The relations, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = Relationship> {
        Relationship::ALL
            .iter()
            .copied()
            .filter(move |r| self.contains(*r))
    }

    /// Every relation read the other way.
    #[must_use]
    pub fn inverse(self) -> Self {
        self.iter().map(Relationship::inverse).collect()
    }

    /// The composition of two sets: the union of the compositions of their members.
    #[must_use]
    pub fn compose(self, next: Self) -> Self {
        // Every pair of sets, composed once: searches compose on every edge they look at.
        static TABLE: std::sync::LazyLock<[[u8; 32]; 32]> = std::sync::LazyLock::new(|| {
            let mut table = [[0u8; 32]; 32];
            for (a, row) in (0u8..).zip(table.iter_mut()) {
                for (b, cell) in (0u8..).zip(row.iter_mut()) {
                    *cell = RelationshipSet(a).compose_slowly(RelationshipSet(b)).0;
                }
            }
            table
        });
        let cell = TABLE
            .get(usize::from(self.0 & 31))
            .and_then(|row| row.get(usize::from(next.0 & 31)));
        cell.map_or_else(|| self.compose_slowly(next), |&bits| Self(bits))
    }

    /// The composition, relation by relation.
    fn compose_slowly(self, next: Self) -> Self {
        let mut out = Self::EMPTY;
        for a in self.iter() {
            for b in next.iter() {
                out = out.union(a.compose(b));
                if out.is_all() {
                    return out;
                }
            }
        }
        out
    }

    /// Whether holding the source provably satisfies the target: every possible relation is
    /// equal or superset.
    pub fn provably_satisfies(self) -> bool {
        !self.is_empty()
            && self.is_subset(Self::from_iter([
                Relationship::Equal,
                Relationship::SupersetOf,
            ]))
    }

    /// Whether the source provably shares something with the target: "not related" is not
    /// possible.
    pub fn provably_overlaps(self) -> bool {
        !self.is_empty() && !self.contains(Relationship::NotRelated)
    }
}

impl FromIterator<Relationship> for RelationshipSet {
    fn from_iter<I: IntoIterator<Item = Relationship>>(iter: I) -> Self {
        let mut set = Self::EMPTY;
        for r in iter {
            set.insert(r);
        }
        set
    }
}

impl fmt::Debug for RelationshipSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl fmt::Display for RelationshipSet {
    /// `{subset_of, intersects_with}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{")?;
        for (i, r) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(r.as_str())?;
        }
        f.write_str("}")
    }
}

impl Serialize for RelationshipSet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for RelationshipSet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<Relationship>::deserialize(deserializer)?
            .into_iter()
            .collect())
    }
}

impl JsonSchema for RelationshipSet {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RelationshipSet".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let item = generator.subschema_for::<Relationship>();
        schemars::json_schema!({
            "description": "The relationships that can hold, in the order equal, subset_of, superset_of, intersects_with, not_related.",
            "type": "array",
            "items": item,
            "uniqueItems": true,
            "maxItems": 5
        })
    }
}

impl FromStr for RelationshipSet {
    type Err = strum::ParseError;

    /// Parses `{subset_of, equal}` or `subset_of,equal`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim()
            .trim_start_matches('{')
            .trim_end_matches('}')
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(Relationship::from_str)
            .collect()
    }
}
