//! What an organization holds, read as evidence: a SOC 2 report with its type, period,
//! boundary, carve-outs, exceptions and opinion, as a [`Holding::Report`] the crosswalk's
//! coverage reads.

#[cfg(feature = "soc2")]
use ctrlmap_core::FrameworkId;
#[cfg(any(feature = "soc2", feature = "hitrust"))]
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

/// A HITRUST assessment held, as evidence, assessed on `as_of`.
///
/// - An assessment past its expiry (one year for an e1 or i1, two for an r2) holds nothing:
///   an error with the date.
/// - With scores, only the control references scored at or above the type's certification
///   threshold are held; those below are listed as not evidenced, with their score.
/// - Without scores, a certified r2 holds every control reference, and says so as an
///   assumption; an e1 or i1 assesses only a subset whose control references are not public,
///   so without scores it proves at most an overlap; an assessment neither certified nor
///   scored holds nothing.
/// - An r2 past its first year without an interim assessment says so.
///
/// ```
/// use ctrlmap::hitrust::HeldAssessment;
/// use ctrlmap::soc2::jiff::civil::date;
///
/// let old = HeldAssessment::from_json_str(
///     r#"{ "type": "i1", "report_date": "2024-06-01", "certified": true }"#)?;
/// let err = ctrlmap::hitrust_assessment_holding(&old, date(2026, 12, 4)).unwrap_err();
/// assert_eq!(err.to_string(),
///     "HITRUST i1 assessment, 2024-06-01: holds nothing: it expired on 2025-06-01");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`EvidenceError::HoldsNothing`] as above.
#[cfg(feature = "hitrust")]
pub fn hitrust_assessment_holding(
    assessment: &ctrlmap_hitrust::HeldAssessment,
    as_of: ctrlmap_hitrust::jiff::civil::Date,
) -> Result<Holding, EvidenceError> {
    let scope = assessment
        .scope
        .as_ref()
        .map(|s| format!(" of {s}"))
        .unwrap_or_default();
    let name = format!(
        "HITRUST {} assessment{scope}, {}",
        assessment.assessment_type, assessment.report_date
    );
    let nothing = |reason: String| EvidenceError::HoldsNothing {
        report: name.clone(),
        reason,
    };
    let problems = assessment.problems();
    if !problems.is_empty() {
        return Err(nothing(problems.join("; ")));
    }
    let expires = assessment.expires();
    if let Some(expires) = expires
        && expires < as_of
    {
        return Err(nothing(format!("it expired on {expires}")));
    }
    let framework = || Holding::Framework(ctrlmap_hitrust::FRAMEWORK_ID);
    let reference = |id: &str| -> Option<Holding> {
        let node = ctrlmap_hitrust::catalog().find(id.trim())?;
        Some(Holding::Control(node.control_ref()))
    };
    let threshold = assessment.assessment_type.certification_threshold();
    let mut held = if assessment.scores.is_empty() {
        if !assessment.certified {
            return Err(nothing(
                "it is not a certification and lists no scores, so no control reference is known to meet the threshold".to_owned(),
            ));
        }
        let held = HeldReport::new(name.clone(), vec![framework()]);
        match assessment.assessment_type {
            ctrlmap_hitrust::AssessmentType::R2 => held.with_fact(
                "Assumed: every control reference was assessed and met the threshold (the assessment lists no scores)",
            ),
            t => held
                .with_fact(format!(
                    "An {t} assesses a fixed subset of requirement statements whose control references are not public; without scores no control reference counts as more than an overlap"
                ))
                .with_limit(HeldLimit::new(
                    framework(),
                    LimitKind::AtMostPartial,
                    format!("an {t} without scores: which control references it assessed is not known"),
                )),
        }
    } else {
        // Every reference scored is held, those below the threshold for nothing (so that
        // the report lists them with their scores).
        let holds: Vec<Holding> = assessment
            .scores
            .iter()
            .filter_map(|s| reference(&s.control_reference))
            .collect();
        if assessment.held_references().next().is_none() {
            return Err(nothing(format!(
                "no control reference scored at or above the {} threshold of {threshold}",
                assessment.assessment_type
            )));
        }
        let mut held = HeldReport::new(name.clone(), holds).with_fact(format!(
            "Scored: {} control references at or above the threshold of {threshold}, {} below",
            assessment.held_references().count(),
            assessment.references_below().count()
        ));
        for s in assessment.references_below() {
            if let Some(on) = reference(&s.control_reference) {
                held = held.with_limit(HeldLimit::new(
                    on,
                    LimitKind::Nothing,
                    format!("scored {} (below the threshold of {threshold})", s.score),
                ));
            }
        }
        held
    };
    held = held.with_fact(format!(
        "{}; valid until {}",
        if assessment.certified {
            "Certified"
        } else {
            "Not certified"
        },
        expires.map_or_else(|| "unknown".to_owned(), |d| d.to_string())
    ));
    if let Some(due) = assessment.interim_due()
        && due < as_of
        && assessment.interim_assessment.is_none()
    {
        held = held.with_fact(format!("The interim assessment due {due} is not recorded"));
    }
    Ok(Holding::Report(Box::new(held)))
}
