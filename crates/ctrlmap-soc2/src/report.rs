//! SOC report types and the SOC family of reports.

use std::borrow::Cow;

use jiff::ToSpan;
use jiff::civil::Date;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use ctrlmap_core::{LoadError, load};

use crate::Scope;

/// The JSON Schema of a calendar date (`YYYY-MM-DD`), as jiff's serde writes it.
struct IsoDate;

impl JsonSchema for IsoDate {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar date, YYYY-MM-DD.",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

/// The period a Type II report covers: from `start` to `end`, both days included.
///
/// `start` must come before `end`. Periods are usually 3 to 12 months long; a shorter or
/// longer one is allowed, and [`Period::warning`] says so for the caller to show.
///
/// ```
/// use ctrlmap::soc2::{Period, PeriodWarning};
/// use ctrlmap::soc2::jiff::civil::date;
///
/// let year = Period::new(date(2025, 1, 1), date(2025, 12, 31))?;
/// assert_eq!(year.warning(), None);
/// let short = Period::new(date(2025, 1, 1), date(2025, 2, 28))?;
/// assert_eq!(short.warning(), Some(PeriodWarning::ShorterThanThreeMonths));
/// assert!(Period::new(date(2025, 6, 1), date(2025, 6, 1)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PeriodFields")]
pub struct Period {
    start: Date,
    end: Date,
}

/// The period a Type II report covers, both days included; `end` is after `start`.
// The form as written, before the dates are checked: the schema and serde form of `Period`.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Soc2Period")]
struct PeriodFields {
    /// The first day of the period.
    #[schemars(with = "IsoDate")]
    start: Date,
    /// The last day of the period (included); after `start`.
    #[schemars(with = "IsoDate")]
    end: Date,
}

impl JsonSchema for Period {
    fn schema_name() -> Cow<'static, str> {
        PeriodFields::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        PeriodFields::json_schema(generator)
    }
}

impl TryFrom<PeriodFields> for Period {
    type Error = PeriodError;
    fn try_from(fields: PeriodFields) -> Result<Self, Self::Error> {
        Self::new(fields.start, fields.end)
    }
}

/// The error returned when a period does not end after it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a Type II period must end after it starts; got {start} to {end}")]
pub struct PeriodError {
    start: Date,
    end: Date,
}

/// A period of unusual length: allowed, but worth showing to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum PeriodWarning {
    /// The period is shorter than three months, less than a Type II report usually covers.
    #[error("the period is shorter than the usual minimum of three months")]
    ShorterThanThreeMonths,
    /// The period is longer than twelve months, more than a Type II report usually covers.
    #[error("the period is longer than the usual maximum of twelve months")]
    LongerThanTwelveMonths,
}

impl Period {
    /// The period from `start` to `end`, both included.
    ///
    /// # Errors
    /// [`PeriodError`] when `end` is not after `start`.
    pub fn new(start: Date, end: Date) -> Result<Self, PeriodError> {
        if start < end {
            Ok(Self { start, end })
        } else {
            Err(PeriodError { start, end })
        }
    }

    /// The first day.
    pub fn start(&self) -> Date {
        self.start
    }

    /// The last day (included).
    pub fn end(&self) -> Date {
        self.end
    }

    /// Whether the period is outside the usual 3 to 12 months. Months are calendar months:
    /// 1 January to 31 March is three months, 1 January to 31 December twelve.
    pub fn warning(&self) -> Option<PeriodWarning> {
        // The day after the last day, so that whole months compare exactly.
        let after = self.end.tomorrow().ok()?;
        let three = self.start.checked_add(3.months()).ok()?;
        if after < three {
            return Some(PeriodWarning::ShorterThanThreeMonths);
        }
        let twelve = self.start.checked_add(12.months()).ok()?;
        (after > twelve).then_some(PeriodWarning::LongerThanTwelveMonths)
    }
}

/// Whether a report covers a point in time or a period of operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", deny_unknown_fields)]
#[schemars(rename = "Soc2ReportType")]
#[non_exhaustive]
pub enum ReportType {
    /// Type I: the fairness of the system description and the suitability of the design of
    /// controls, as of a specified date.
    #[serde(rename = "type_1")]
    TypeI {
        /// The date the report speaks to.
        #[schemars(with = "IsoDate")]
        as_of: Date,
    },
    /// Type II: as Type I, plus the operating effectiveness of controls throughout a period.
    #[serde(rename = "type_2")]
    TypeII {
        /// The period covered.
        period: Period,
    },
}

impl ReportType {
    /// A warning about the period's length, for Type II reports.
    pub fn warning(&self) -> Option<PeriodWarning> {
        match self {
            Self::TypeI { .. } => None,
            Self::TypeII { period } => period.warning(),
        }
    }
}

/// A SOC 2 engagement: the Trust Services categories in scope and the type of report. This
/// is the `soc2-engagement` data format (`schemas/soc2-engagement.schema.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ctrlmap SOC 2 engagement")]
#[non_exhaustive]
pub struct Engagement {
    /// The Trust Services categories in scope.
    pub scope: Scope,
    /// The type of report.
    pub report: ReportType,
}

impl Engagement {
    /// An engagement.
    ///
    /// ```
    /// use ctrlmap::soc2::jiff::civil::date;
    /// use ctrlmap::soc2::{Category, Engagement, Period, ReportType, Scope};
    ///
    /// let period = Period::new(date(2025, 1, 1), date(2025, 12, 31))?;
    /// let scope = Scope::new([Category::Security, Category::Availability])?;
    /// let e = Engagement::new(scope, ReportType::TypeII { period });
    /// assert!(e.scope.contains(Category::Availability));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(scope: Scope, report: ReportType) -> Self {
        Self { scope, report }
    }

    /// Parses an engagement file (the `soc2-engagement` format) from JSON text; errors name
    /// the document `<string>`.
    ///
    /// ```
    /// use ctrlmap::soc2::{Engagement, ReportType};
    ///
    /// let e = Engagement::from_json_str(r#"{
    ///   "scope": ["security", "availability"],
    ///   "report": { "type": "type_2", "period": { "start": "2025-01-01", "end": "2025-12-31" } }
    /// }"#)?;
    /// assert!(matches!(e.report, ReportType::TypeII { .. }));
    /// // Privacy needs the common criteria: a scope without Security is refused.
    /// assert!(Engagement::from_json_str(r#"{ "scope": ["privacy"],
    ///   "report": { "type": "type_1", "as_of": "2025-06-30" } }"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`LoadError::Syntax`] with the line and column when the text is not an engagement.
    pub fn from_json_str(text: &str) -> Result<Self, LoadError> {
        Self::from_json_str_with_origin(text, load::STRING_ORIGIN)
    }

    /// As [`Engagement::from_json_str`], naming the document `origin` in errors.
    ///
    /// # Errors
    /// As [`Engagement::from_json_str`].
    pub fn from_json_str_with_origin(text: &str, origin: &str) -> Result<Self, LoadError> {
        load::from_str(text, origin)
    }
}

/// Who may receive a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Audience {
    /// Restricted use: the service organization, its customers (user entities) and their
    /// auditors, who understand the service and the report.
    RestrictedUse,
    /// General use: anyone, such as prospective customers on a public website.
    GeneralUse,
}

/// The reports of the AICPA's System and Organization Controls (SOC) family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum ReportKind {
    /// SOC 1: controls at a service organization relevant to user entities' internal control
    /// over financial reporting; an examination under SSAE 18 (AT-C section 320).
    Soc1,
    /// SOC 2: controls at a service organization relevant to security, availability,
    /// processing integrity, confidentiality or privacy, against the Trust Services Criteria
    /// (AT-C section 205, with the AICPA's SOC 2 guide).
    Soc2,
    /// SOC 3: the same subject matter and criteria as SOC 2, in a short general-use report
    /// without the detailed description of the system and of the tests.
    Soc3,
    /// SOC for Cybersecurity: an entity-wide cybersecurity risk management program, against
    /// the AICPA's description criteria and the Trust Services Criteria (2017).
    Cybersecurity,
    /// SOC for Supply Chain: controls over a system that produces, manufactures or
    /// distributes goods, against the Trust Services Criteria (AICPA guide, 2020).
    SupplyChain,
}

impl ReportKind {
    /// Every kind, in order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The kind's id, such as `soc2` or `supply_chain`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The report's common name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Soc1 => "SOC 1",
            Self::Soc2 => "SOC 2",
            Self::Soc3 => "SOC 3",
            Self::Cybersecurity => "SOC for Cybersecurity",
            Self::SupplyChain => "SOC for Supply Chain",
        }
    }

    /// Who may receive the report. SOC 1 and SOC 2 reports are restricted use; SOC 3 and SOC
    /// for Cybersecurity reports are general use. SOC for Supply Chain is recorded as general
    /// use, as the AICPA presents it; ctrlmap has not checked this against the text of the
    /// AICPA's 2020 guide.
    pub fn audience(self) -> Audience {
        match self {
            Self::Soc1 | Self::Soc2 => Audience::RestrictedUse,
            Self::Soc3 | Self::Cybersecurity | Self::SupplyChain => Audience::GeneralUse,
        }
    }

    /// What the report is on.
    pub fn subject(self) -> &'static str {
        match self {
            Self::Soc1 => {
                "controls at a service organization relevant to user entities' internal control over financial reporting"
            }
            Self::Soc2 => {
                "controls at a service organization relevant to security, availability, processing integrity, confidentiality or privacy"
            }
            Self::Soc3 => "the SOC 2 subject matter, summarized for general use",
            Self::Cybersecurity => "an entity's cybersecurity risk management program",
            Self::SupplyChain => {
                "controls over a system that produces, manufactures or distributes goods"
            }
        }
    }

    /// Whether the report comes in Type I (point in time) and Type II (period) forms. SOC 1
    /// and SOC 2 do; the general-use reports do not use that distinction.
    pub fn has_type_forms(self) -> bool {
        matches!(self, Self::Soc1 | Self::Soc2)
    }

    /// Whether the report uses the Trust Services Criteria.
    pub fn uses_trust_services_criteria(self) -> bool {
        !matches!(self, Self::Soc1)
    }
}
