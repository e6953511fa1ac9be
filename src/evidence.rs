//! What an organization holds, read as evidence: a SOC 2 report with its type, period,
//! boundary, carve-outs, exceptions and opinion, as a [`Holding::Report`] the crosswalk's
//! coverage reads.

use ctrlmap_core::FrameworkId;
use ctrlmap_crosswalk::{HeldLimit, HeldReport, Holding, LimitKind};

/// Why a report held cannot be read as evidence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EvidenceError {
    /// The report holds nothing, for the reason given (an adverse opinion, a disclaimer, a
    /// SOC 1 or SOC 3 report, a file that breaks the format's rules).
    #[error("{report}: holds nothing: {reason}")]
    HoldsNothing {
        /// The report.
        report: String,
        /// Why.
        reason: String,
    },
}

/// How long a report's evidence is current after its period (or date) ends, absent a bridge
/// letter: 12 months, as user entities' auditors commonly read SOC 2 reports.
pub const SOC2_CURRENT_MONTHS: i8 = 12;

/// A SOC 2 report held, as evidence for coverage of `target`, assessed on `as_of`.
///
/// The rules, each said in the report's facts or limits:
/// - the categories in scope are held;
/// - a Type I report proves design only: what it would cover is *designed, not tested*;
/// - a Type II period that ended more than [`SOC2_CURRENT_MONTHS`] before `as_of` is out of
///   date unless a bridge letter reaches `as_of` (a fact, not a limit);
/// - a criterion carved out to a subservice organization proves nothing here (hold that
///   organization's own report too); one with exceptions proves at most an overlap, in the
///   exception's words; a qualified criterion proves nothing;
/// - for HIPAA, unless the system boundary is stated to hold every system with ePHI, no
///   criterion proves more than an overlap;
/// - complementary user entity controls are the holder's own work;
/// - an adverse opinion, a disclaimer, a SOC 1 or SOC 3 report, or a file that breaks the
///   format's rules, holds nothing: an error with the reason.
///
/// ```
/// use ctrlmap::crosswalk::{CoverageOptions, CoverageStatus};
/// use ctrlmap::soc2::Engagement;
/// use ctrlmap::soc2::jiff::civil::date;
///
/// let report = Engagement::from_json_str(r#"{
///   "scope": ["security"],
///   "report": { "type": "type2", "period": { "start": "2025-07-01", "end": "2026-06-30" } },
///   "system": { "name": "Acme Care Platform", "boundary_includes_all_ephi": true },
///   "exceptions": [ { "criterion": "CC6.2", "description": "2 of 40 terminations not removed in 24 h" } ],
///   "opinion": "unqualified" }"#)?;
/// let hipaa = &ctrlmap::hipaa::FRAMEWORK_ID;
/// let held = ctrlmap::soc2_report_holding(&report, hipaa, date(2026, 12, 4))?;
/// let coverage = ctrlmap::builtin_crosswalk().coverage_with(&[held], hipaa, &CoverageOptions::new())?;
/// let termination = coverage.rows.iter()
///     .find(|r| r.control == "hipaa:164.308(a)(3)(ii)(C)").ok_or("a row")?;
/// // CC6.2 contains it, but its exception leaves it partial, in the exception's words.
/// assert_eq!(termination.status, CoverageStatus::Partial);
/// assert_eq!(termination.justification[0].limit.as_deref(),
///     Some("exception in testing CC6.2: 2 of 40 terminations not removed in 24 h"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`EvidenceError::HoldsNothing`] as above.
#[cfg(feature = "soc2")]
pub fn soc2_report_holding(
    engagement: &ctrlmap_soc2::Engagement,
    target: &FrameworkId,
    as_of: ctrlmap_soc2::jiff::civil::Date,
) -> Result<Holding, EvidenceError> {
    use ctrlmap_soc2::jiff::ToSpan;
    use ctrlmap_soc2::{Opinion, ReportType, SubserviceMethod};

    let system = engagement
        .system
        .as_ref()
        .map(|s| format!(" on {}", s.name))
        .unwrap_or_default();
    let (kind, when) = match engagement.report {
        ReportType::TypeI { as_of } => ("Type I", format!("as of {as_of}")),
        ReportType::TypeII { period } => {
            ("Type II", format!("{} to {}", period.start(), period.end()))
        }
        _ => ("", String::new()),
    };
    let name = format!("SOC 2 {kind} report{system}, {when}");
    let nothing = |reason: String| EvidenceError::HoldsNothing {
        report: name.clone(),
        reason,
    };
    let problems = engagement.problems();
    if !problems.is_empty() {
        return Err(nothing(problems.join("; ")));
    }
    match engagement.opinion {
        Some(Opinion::Adverse) => {
            return Err(nothing(
                "the opinion is adverse: the controls did not meet the criteria".to_owned(),
            ));
        }
        Some(Opinion::Disclaimer) => {
            return Err(nothing(
                "the auditor disclaimed an opinion: the report concludes nothing".to_owned(),
            ));
        }
        _ => {}
    }
    let criterion = |id: &str| -> Option<Holding> {
        let node = ctrlmap_soc2::catalog().find(id.trim())?;
        Some(Holding::Control(node.control_ref()))
    };
    let mut held = HeldReport::new(name.clone(), crate::soc2_holdings(engagement));
    held = held.with_fact(format!(
        "Scope: {}",
        engagement
            .scope
            .categories()
            .map(ctrlmap_soc2::Category::name)
            .collect::<Vec<_>>()
            .join(", ")
    ));
    match engagement.opinion {
        Some(Opinion::Unqualified) => held = held.with_fact("Opinion: unqualified"),
        Some(Opinion::Qualified) => {
            held = held.with_fact(format!(
                "Opinion: qualified on {}",
                engagement.qualified_criteria.join(", ")
            ));
        }
        _ => {
            held = held.with_fact("Opinion: not recorded; read as unqualified");
        }
    }
    match engagement.report {
        ReportType::TypeI { as_of: date } => {
            held = held
                .with_fact(format!(
                    "Type I as of {date}: design only, operating effectiveness not tested"
                ))
                .with_limit(HeldLimit::new(
                    Holding::Framework(ctrlmap_soc2::FRAMEWORK_ID),
                    LimitKind::DesignOnly,
                    format!("Type I report as of {date}: design only, not tested"),
                ));
        }
        ReportType::TypeII { period } => {
            let current_until = engagement
                .bridge_letter_through
                .unwrap_or(period.end())
                .max(period.end());
            let stale = period
                .end()
                .checked_add(SOC2_CURRENT_MONTHS.months())
                .is_ok_and(|limit| limit < as_of)
                && current_until < as_of;
            if stale {
                held = held.with_fact(format!(
                    "Out of date: the period ended {}, more than {SOC2_CURRENT_MONTHS} months before {as_of}, and no bridge letter reaches {as_of}",
                    period.end()
                ));
            } else if let Some(b) = engagement.bridge_letter_through {
                held = held.with_fact(format!("Bridge letter through {b}"));
            }
        }
        _ => {}
    }
    let hipaa = target.as_str() == "hipaa";
    let boundary = engagement
        .system
        .as_ref()
        .and_then(|s| s.boundary_includes_all_ephi);
    if hipaa {
        if boundary == Some(true) {
            held = held.with_fact(
                "Boundary: stated to include every system that creates, receives, maintains or transmits ePHI",
            );
        } else {
            let why = if boundary == Some(false) {
                "the system boundary does not include every system with ePHI"
            } else {
                "the system boundary is not stated to include every system with ePHI"
            };
            held = held
                .with_fact(format!(
                    "Boundary: {why}, so no criterion can make a HIPAA requirement covered"
                ))
                .with_limit(HeldLimit::new(
                    Holding::Framework(ctrlmap_soc2::FRAMEWORK_ID),
                    LimitKind::AtMostPartial,
                    why,
                ));
        }
    }
    for s in &engagement.subservice_organizations {
        match s.method {
            SubserviceMethod::CarveOut => {
                for c in &s.criteria {
                    if let Some(on) = criterion(c) {
                        held = held.with_limit(HeldLimit::new(
                            on,
                            LimitKind::Nothing,
                            format!(
                                "carved out to {}: held only if {}'s own report is held too",
                                s.name, s.name
                            ),
                        ));
                    }
                }
                held = held.with_fact(format!(
                    "Carved out to {}: {}",
                    s.name,
                    s.criteria.join(", ")
                ));
            }
            SubserviceMethod::Inclusive => {
                held = held.with_fact(format!(
                    "{} included (inclusive method): {}",
                    s.name,
                    s.criteria.join(", ")
                ));
            }
        }
    }
    for e in &engagement.exceptions {
        if let Some(on) = criterion(&e.criterion) {
            held = held.with_limit(HeldLimit::new(
                on,
                LimitKind::AtMostPartial,
                format!(
                    "exception in testing {}: {}",
                    e.criterion.trim(),
                    e.description
                ),
            ));
        }
    }
    for c in &engagement.qualified_criteria {
        if let Some(on) = criterion(c) {
            held = held.with_limit(HeldLimit::new(
                on,
                LimitKind::Nothing,
                format!("the opinion is qualified on {}", c.trim()),
            ));
        }
    }
    for u in &engagement.complementary_user_entity_controls {
        let criteria = if u.criteria.is_empty() {
            String::new()
        } else {
            format!(" ({})", u.criteria.join(", "))
        };
        held = held.with_user_duty(format!("{}{criteria}: {}", u.id, u.text));
    }
    Ok(Holding::Report(Box::new(held)))
}
