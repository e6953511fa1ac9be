//! The three HITRUST assessment types and what distinguishes them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::scoring::{MaturityLevel, Score};

/// How firmly a constant is established by the sources ctrlmap read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Confidence {
    /// Stated by HITRUST (the Assessment Handbook or an advisory).
    High,
    /// Consistent across practitioner sources, not read in a primary HITRUST source.
    Medium,
    /// Commonly given but not verified; check against HITRUST's current materials.
    Unverified,
}

/// How many requirement statements an assessment has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatementCount {
    /// A fixed set.
    Fixed {
        /// The number of statements.
        count: u16,
        /// How firmly it is established.
        confidence: Confidence,
    },
    /// A set that HITRUST refreshes between CSF releases.
    ForCsfVersion {
        /// The number of statements.
        count: u16,
        /// The CSF version the number belongs to.
        csf_version: &'static str,
        /// How firmly it is established.
        confidence: Confidence,
    },
    /// Tailored to each assessed entity by organizational, system and regulatory factors.
    Tailored,
}

/// A HITRUST assessment type.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "HitrustAssessmentType")]
#[strum(serialize_all = "snake_case")]
pub enum AssessmentType {
    /// e1, "Essentials, 1-year": a fixed set of foundational cybersecurity requirement
    /// statements, scoring the Implemented level only.
    E1,
    /// i1, "Implemented, 1-year": a fixed set of leading-practice statements, scoring the
    /// Implemented level only.
    I1,
    /// r2, "Risk-based, 2-year": statements tailored to the entity's risk factors, scored on
    /// the maturity levels; valid two years with an interim assessment at year one.
    R2,
}

impl AssessmentType {
    /// All three, in order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The id: `e1`, `i1` or `r2`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// How many years a certification is valid (HITRUST Assessment Handbook, assessment
    /// types: e1 and i1 one year, r2 two years).
    pub fn validity_years(self) -> u8 {
        match self {
            Self::E1 | Self::I1 => 1,
            Self::R2 => 2,
        }
    }

    /// Whether an interim assessment is due at the end of the first year (r2 only).
    pub fn interim_assessment_required(self) -> bool {
        self == Self::R2
    }

    /// The maturity levels scored. e1 and i1 score Implemented only; r2 scores Policy,
    /// Procedure and Implemented, and Measured and Managed (optional in CSF v11, scoring
    /// zero when not assessed).
    pub fn scored_levels(self) -> &'static [MaturityLevel] {
        match self {
            Self::E1 | Self::I1 => &[MaturityLevel::Implemented],
            Self::R2 => MaturityLevel::ALL,
        }
    }

    /// How many requirement statements the assessment has: e1 44 (HITRUST advisory
    /// HAA-2021-011); i1 182 for CSF v11.0 (HAA-2021-011 and v11 summaries; refreshed between
    /// v11.x releases); r2 tailored.
    pub fn requirement_statements(self) -> StatementCount {
        match self {
            Self::E1 => StatementCount::Fixed {
                count: 44,
                confidence: Confidence::High,
            },
            Self::I1 => StatementCount::ForCsfVersion {
                count: 182,
                csf_version: "11.0",
                confidence: Confidence::Medium,
            },
            Self::R2 => StatementCount::Tailored,
        }
    }

    /// The score every domain must reach for certification (HITRUST Assessment Handbook,
    /// certification thresholds: r2 62; e1 and i1 83, over the core requirement statements).
    pub fn certification_threshold(self) -> Score {
        match self {
            Self::E1 | Self::I1 => Score::from_points_const(83),
            Self::R2 => Score::from_points_const(62),
        }
    }

    /// The statement score below which a corrective action plan is expected, where known:
    /// r2 71, which is commonly given but not verified in a primary source; none is known
    /// for e1 and i1. Apply HITRUST's current rule with
    /// [`statements_below`](crate::scoring::statements_below) when it differs.
    pub fn cap_threshold(self) -> Option<(Score, Confidence)> {
        match self {
            Self::R2 => Some((Score::from_points_const(71), Confidence::Unverified)),
            Self::E1 | Self::I1 => None,
        }
    }
}

impl fmt::Display for AssessmentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
