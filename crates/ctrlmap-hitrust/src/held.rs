//! A HITRUST assessment an organization holds: the `hitrust-assessment` format.

use jiff::ToSpan;
use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use ctrlmap_core::{LoadError, load};

use crate::AssessmentType;
use crate::scoring::Score;

/// A validated HITRUST assessment held, as evidence: its type, the date HITRUST issued the
/// validated report, whether it was certified, and optionally the score of each control
/// reference assessed. The `hitrust-assessment` data format
/// (`schemas/hitrust-assessment.schema.json`).
///
/// ```
/// use ctrlmap::hitrust::{AssessmentType, HeldAssessment};
/// use ctrlmap::soc2::jiff::civil::date;
///
/// let a = HeldAssessment::from_json_str(r#"{ "type": "r2", "report_date": "2025-03-01",
///   "certified": true, "scores": [ { "control_reference": "01.a", "score": 75 },
///                                  { "control_reference": "01.b", "score": 55.5 } ] }"#)?;
/// assert_eq!(a.assessment_type, AssessmentType::R2);
/// assert_eq!(a.expires(), Some(date(2027, 3, 1)));
/// // r2 certifies at 62: 01.a counts as held, 01.b does not.
/// let held: Vec<&str> = a.held_references().map(|s| s.control_reference.as_str()).collect();
/// assert_eq!(held, ["01.a"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ctrlmap HITRUST assessment")]
#[non_exhaustive]
pub struct HeldAssessment {
    /// The JSON Schema this document follows (a hint for editors; not checked).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// e1, i1 or r2.
    #[serde(rename = "type")]
    pub assessment_type: AssessmentType,
    /// What was assessed (the entity or its in-scope systems), as the report names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The date HITRUST issued the validated report.
    #[schemars(with = "ctrlmap_core::schema::IsoDate")]
    pub report_date: Date,
    /// Whether the report is a certification (every domain at or above the threshold).
    pub certified: bool,
    /// For an r2, the date its interim assessment was completed, when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<ctrlmap_core::schema::IsoDate>")]
    pub interim_assessment: Option<Date>,
    /// The score of each control reference assessed, 0 to 100.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<ReferenceScore>,
}

/// The score of one control reference in an assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReferenceScore {
    /// The control reference, such as `01.a`.
    pub control_reference: String,
    /// Its score, 0 to 100 (to a hundredth).
    pub score: f64,
}

impl ReferenceScore {
    /// The score, when it is a number from 0 to 100.
    pub fn score(&self) -> Option<Score> {
        if !(0.0..=100.0).contains(&self.score) {
            return None;
        }
        let hundredths = (self.score * 100.0).round();
        // In range: 0 to 10,000.
        Score::from_hundredths(format!("{hundredths:.0}").parse().ok()?)
    }
}

/// Why an assessment file cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HeldAssessmentError {
    /// The file could not be read or parsed.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// It breaks the rules of the format, one problem per line.
    #[error("{origin}: {} problem{} in the HITRUST assessment:\n{}", problems.len(), if problems.len() == 1 { "" } else { "s" }, problems.join("\n"))]
    Invalid {
        /// The file or label.
        origin: String,
        /// Every problem.
        problems: Vec<String>,
    },
}

impl HeldAssessment {
    /// Parses and checks an assessment file from JSON text; errors name `<string>`.
    ///
    /// # Errors
    /// [`HeldAssessmentError::Load`] when the text is not an assessment;
    /// [`HeldAssessmentError::Invalid`] listing every rule it breaks (unknown control
    /// references, scores outside 0 to 100, a reference scored twice, an interim assessment
    /// on an e1 or i1 or before the report).
    pub fn from_json_str(text: &str) -> Result<Self, HeldAssessmentError> {
        Self::from_json_str_with_origin(text, load::STRING_ORIGIN)
    }

    /// As [`HeldAssessment::from_json_str`], naming the document `origin` in errors.
    ///
    /// # Errors
    /// As [`HeldAssessment::from_json_str`].
    pub fn from_json_str_with_origin(
        text: &str,
        origin: &str,
    ) -> Result<Self, HeldAssessmentError> {
        let a: Self = load::from_str(text, origin)?;
        let problems = a.problems();
        if problems.is_empty() {
            Ok(a)
        } else {
            Err(HeldAssessmentError::Invalid {
                origin: origin.to_owned(),
                problems,
            })
        }
    }

    /// Every rule the assessment breaks, one line each.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, s) in self.scores.iter().enumerate() {
            let r = s.control_reference.trim();
            match r.parse::<crate::ControlReferenceId>() {
                Ok(_) if !seen.insert(r.to_owned()) => problems.push(format!(
                    "scores[{i}].control_reference: {r} is scored twice; keep one score"
                )),
                Ok(_) => {}
                Err(e) => problems.push(format!("scores[{i}].control_reference: {e}")),
            }
            if s.score().is_none() {
                problems.push(format!(
                    "scores[{i}].score: {} is not a score from 0 to 100",
                    s.score
                ));
            }
        }
        if let Some(interim) = self.interim_assessment {
            if !self.assessment_type.interim_assessment_required() {
                problems.push(format!(
                    "interim_assessment: an {} has no interim assessment (only an r2 does)",
                    self.assessment_type
                ));
            } else if interim <= self.report_date {
                problems.push(format!(
                    "interim_assessment: {interim} is not after the report date {}",
                    self.report_date
                ));
            }
        }
        problems
    }

    /// The last day the report is valid: one year after it for an e1 or i1, two for an r2.
    pub fn expires(&self) -> Option<Date> {
        let years = i16::from(self.assessment_type.validity_years());
        self.report_date.checked_add(years.years()).ok()
    }

    /// The day an r2's interim assessment is due (one year after the report); none for an
    /// e1 or i1.
    pub fn interim_due(&self) -> Option<Date> {
        if !self.assessment_type.interim_assessment_required() {
            return None;
        }
        self.report_date.checked_add(1.year()).ok()
    }

    /// The control references scored at or above the type's certification threshold.
    pub fn held_references(&self) -> impl Iterator<Item = &ReferenceScore> {
        let threshold = self.assessment_type.certification_threshold();
        self.scores
            .iter()
            .filter(move |s| s.score().is_some_and(|v| v >= threshold))
    }

    /// The control references scored below the threshold.
    pub fn references_below(&self) -> impl Iterator<Item = &ReferenceScore> {
        let threshold = self.assessment_type.certification_threshold();
        self.scores
            .iter()
            .filter(move |s| s.score().is_some_and(|v| v < threshold))
    }
}
