//! SOC report types and the SOC family of reports.

use std::borrow::Cow;

use jiff::ToSpan;
use jiff::civil::Date;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use ctrlmap_core::{LoadError, load};

use crate::Scope;

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
    #[schemars(with = "ctrlmap_core::schema::IsoDate")]
    start: Date,
    /// The last day of the period (included); after `start`.
    #[schemars(with = "ctrlmap_core::schema::IsoDate")]
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
    #[serde(rename = "type_1", alias = "type1")]
    TypeI {
        /// The date the report speaks to.
        #[schemars(with = "ctrlmap_core::schema::IsoDate")]
        as_of: Date,
    },
    /// Type II: as Type I, plus the operating effectiveness of controls throughout a period.
    #[serde(rename = "type_2", alias = "type2")]
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

/// A SOC 2 report an organization holds, as evidence: the Trust Services categories in
/// scope and the type of report, and — all optional, so that a two-field file still loads —
/// the system and its boundary, subservice organizations (carved out or included),
/// complementary user entity controls, exceptions found in testing, and the opinion. This is
/// the `soc2-engagement` data format (`schemas/soc2-engagement.schema.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ctrlmap SOC 2 engagement")]
#[non_exhaustive]
pub struct Engagement {
    /// Which report of the SOC family this is; only `soc2` evidences criteria (a SOC 1
    /// report is on financial reporting, a SOC 3 report has no tests or results).
    #[serde(default, skip_serializing_if = "ReportFamily::is_soc2")]
    pub kind: ReportFamily,
    /// The Trust Services categories in scope.
    pub scope: Scope,
    /// The type of report.
    pub report: ReportType,
    /// The system the report describes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<SystemDescription>,
    /// Subservice organizations and how the report treats them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subservice_organizations: Vec<SubserviceOrganization>,
    /// Controls the report expects its user entities (the reader's side) to operate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub complementary_user_entity_controls: Vec<UserEntityControl>,
    /// Exceptions found in testing (Type II).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<TestException>,
    /// The service auditor's opinion; absent means not recorded (read as unqualified, and
    /// said so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opinion: Option<Opinion>,
    /// The criteria a qualified opinion is qualified on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualified_criteria: Vec<String>,
    /// The last day a bridge (gap) letter from the service organization speaks to, when one
    /// is held for the time since the period ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<ctrlmap_core::schema::IsoDate>")]
    pub bridge_letter_through: Option<Date>,
}

/// Which report of the SOC family an engagement file describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "SocReportFamily")]
pub enum ReportFamily {
    /// SOC 1: internal control over financial reporting. Refused as evidence of criteria.
    Soc1,
    /// SOC 2: the Trust Services Criteria, with the tests and their results.
    #[default]
    Soc2,
    /// SOC 3: a general-use summary of a SOC 2 examination, without the tests. Refused as
    /// evidence of criteria.
    Soc3,
}

impl ReportFamily {
    fn is_soc2(&self) -> bool {
        *self == Self::Soc2
    }

    /// Why the report cannot evidence the Trust Services Criteria one by one, or `None` for
    /// SOC 2.
    pub fn refusal(self) -> Option<&'static str> {
        match self {
            Self::Soc2 => None,
            Self::Soc1 => Some(
                "a SOC 1 report is on controls relevant to user entities' financial reporting, not on the Trust Services Criteria; did you mean a SOC 2 report?",
            ),
            Self::Soc3 => Some(
                "a SOC 3 report is a general-use summary with no description of the tests or their results, so it cannot evidence criteria one by one; did you mean the SOC 2 report it summarizes?",
            ),
        }
    }
}

/// The system a SOC 2 report describes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SystemDescription {
    /// Its name, as the report gives it.
    pub name: String,
    /// Its components: infrastructure, software, people, procedures, data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<String>,
    /// Whether the system boundary holds every system that creates, receives, maintains or
    /// transmits ePHI; absent means not known, read as no.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary_includes_all_ephi: Option<bool>,
}

/// A subservice organization and how the report treats it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SubserviceOrganization {
    /// Its name.
    pub name: String,
    /// Carve-out or inclusive.
    pub method: SubserviceMethod,
    /// The criteria its controls bear on.
    pub criteria: Vec<String>,
}

/// How a report treats a subservice organization's controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubserviceMethod {
    /// Its controls are left out of the examination: the criteria they bear on are not
    /// evidenced by this report.
    CarveOut,
    /// Its controls are examined with the service organization's.
    Inclusive,
}

/// A complementary user entity control: something the reader's side must do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct UserEntityControl {
    /// Its label in the report, such as `CUEC-1`.
    pub id: String,
    /// The criteria it bears on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<String>,
    /// What the user entity must do, as the report says.
    pub text: String,
}

/// An exception found in testing a criterion's controls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TestException {
    /// The criterion.
    pub criterion: String,
    /// What was found, in the report's words.
    pub description: String,
}

/// The service auditor's opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Opinion {
    /// Unqualified (unmodified).
    Unqualified,
    /// Qualified on some criteria (`qualified_criteria`).
    Qualified,
    /// Adverse: the controls did not meet the criteria. Holds nothing.
    Adverse,
    /// A disclaimer of opinion: the auditor could not conclude. Holds nothing.
    Disclaimer,
}

/// Why an engagement file cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngagementError {
    /// The file could not be read or parsed.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// It breaks the rules of the format, one problem per line.
    #[error("{origin}: {} problem{} in the SOC 2 engagement:\n{}", problems.len(), if problems.len() == 1 { "" } else { "s" }, problems.join("\n"))]
    Invalid {
        /// The file or label.
        origin: String,
        /// Every problem, each with the field and what would fix it.
        problems: Vec<String>,
    },
}

impl Engagement {
    /// An engagement with the scope and report type only.
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
        Self {
            kind: ReportFamily::Soc2,
            scope,
            report,
            system: None,
            subservice_organizations: Vec::new(),
            complementary_user_entity_controls: Vec::new(),
            exceptions: Vec::new(),
            opinion: None,
            qualified_criteria: Vec::new(),
            bridge_letter_through: None,
        }
    }

    /// Parses and checks an engagement file (the `soc2-engagement` format) from JSON text;
    /// errors name the document `<string>`.
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
    /// // Every problem is named, one per line.
    /// let err = Engagement::from_json_str(r#"{ "scope": ["security"],
    ///   "report": { "type": "type2", "period": { "start": "2025-01-01", "end": "2025-12-31" } },
    ///   "exceptions": [ { "criterion": "CC6.10", "description": "x" },
    ///                   { "criterion": "A1.2", "description": "y" } ] }"#).unwrap_err();
    /// assert_eq!(err.to_string(), "<string>: 2 problems in the SOC 2 engagement:\n\
    ///     exceptions[0].criterion: unknown SOC 2 criterion \"CC6.10\" (did you mean CC6.1?)\n\
    ///     exceptions[1].criterion: A1.2 is an Availability criterion, outside the report's scope");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`EngagementError::Load`] with the line and column when the text is not an
    /// engagement; [`EngagementError::Invalid`] listing every rule it breaks.
    pub fn from_json_str(text: &str) -> Result<Self, EngagementError> {
        Self::from_json_str_with_origin(text, load::STRING_ORIGIN)
    }

    /// As [`Engagement::from_json_str`], naming the document `origin` in errors.
    ///
    /// # Errors
    /// As [`Engagement::from_json_str`].
    pub fn from_json_str_with_origin(text: &str, origin: &str) -> Result<Self, EngagementError> {
        let engagement: Self = load::from_str(text, origin)?;
        let problems = engagement.problems();
        if problems.is_empty() {
            Ok(engagement)
        } else {
            Err(EngagementError::Invalid {
                origin: origin.to_owned(),
                problems,
            })
        }
    }

    /// Every rule the engagement breaks, one line each with the field it is in: criteria
    /// that do not exist or are outside the scope, exceptions on carved-out criteria,
    /// qualified criteria without a qualified opinion, a SOC 1 or SOC 3 report.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if let Some(why) = self.kind.refusal() {
            problems.push(format!("kind: {why}"));
        }
        let mut check = |path: String, text: &str| -> Option<crate::CriterionId> {
            match text.parse::<crate::CriterionId>() {
                Ok(id) if self.scope.contains(id.category()) => Some(id),
                Ok(id) => {
                    let name = id.category().name();
                    let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
                        "an"
                    } else {
                        "a"
                    };
                    problems.push(format!(
                        "{path}: {id} is {article} {name} criterion, outside the report's scope"
                    ));
                    None
                }
                Err(e) => {
                    problems.push(format!("{path}: {e}"));
                    None
                }
            }
        };
        let mut carved = Vec::new();
        for (i, s) in self.subservice_organizations.iter().enumerate() {
            for (j, c) in s.criteria.iter().enumerate() {
                let id = check(format!("subservice_organizations[{i}].criteria[{j}]"), c);
                if s.method == SubserviceMethod::CarveOut {
                    carved.extend(id.map(|id| (id, s.name.clone())));
                }
            }
        }
        for (i, u) in self.complementary_user_entity_controls.iter().enumerate() {
            for (j, c) in u.criteria.iter().enumerate() {
                check(
                    format!("complementary_user_entity_controls[{i}].criteria[{j}]"),
                    c,
                );
            }
        }
        let mut on_carved = Vec::new();
        for (i, e) in self.exceptions.iter().enumerate() {
            let id = check(format!("exceptions[{i}].criterion"), &e.criterion);
            if let Some((id, org)) = id.and_then(|id| carved.iter().find(|(c, _)| *c == id)) {
                on_carved.push(format!(
                    "exceptions[{i}].criterion: {id} is carved out to {org}, so this report did not test it; record the exception against {org}'s own report"
                ));
            }
        }
        for (i, c) in self.qualified_criteria.iter().enumerate() {
            check(format!("qualified_criteria[{i}]"), c);
        }
        problems.extend(on_carved);
        if !self.qualified_criteria.is_empty() && self.opinion != Some(Opinion::Qualified) {
            problems.push(
                "qualified_criteria: criteria are listed as qualified, but the opinion is not \"qualified\"; set \"opinion\": \"qualified\" or remove them".to_owned(),
            );
        }
        if self.opinion == Some(Opinion::Qualified) && self.qualified_criteria.is_empty() {
            problems.push(
                "opinion: a qualified opinion needs the criteria it is qualified on in \"qualified_criteria\"".to_owned(),
            );
        }
        if matches!(self.report, ReportType::TypeI { .. }) && !self.exceptions.is_empty() {
            problems.push(
                "exceptions: a Type I report tests no operation, so it has no exceptions; is this a Type II report?".to_owned(),
            );
        }
        problems
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
