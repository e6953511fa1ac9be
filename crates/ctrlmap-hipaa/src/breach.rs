//! Breach notification: whether an incident is a breach (§ 164.402) and when notice is due
//! (§§ 164.404–164.410).
//!
//! ```
//! use ctrlmap::hipaa::breach::{Affected, Recipient, notification_deadlines};
//! use ctrlmap::hipaa::jiff::civil::date;
//!
//! let affected = Affected::new(620).with_state("CA", 540).with_state("NV", 80);
//! let plan = notification_deadlines(date(2025, 3, 3), &affected);
//! let due: Vec<(String, String)> = plan
//!     .iter()
//!     .map(|o| (o.recipient.to_string(), o.due.to_string()))
//!     .collect();
//! assert_eq!(due, [
//!     ("individuals".to_owned(), "2025-05-02".to_owned()),
//!     ("media in CA".to_owned(), "2025-05-02".to_owned()),
//!     ("the Secretary".to_owned(), "2025-05-02".to_owned()),
//! ]);
//! ```

use std::collections::BTreeMap;
use std::fmt;

use jiff::ToSpan;
use jiff::civil::Date;

/// Days after discovery within which notice is due (§§ 164.404(b), 164.406(b),
/// 164.408(b), 164.410(b)): "without unreasonable delay and in no case later than 60
/// calendar days after discovery". The date is the outer limit, not a target.
pub const NOTICE_DAYS: i64 = 60;

/// Notice to the media is due when more than this many residents of one State or
/// jurisdiction are affected (§ 164.406(a)).
pub const MEDIA_THRESHOLD: u64 = 500;

/// Notice to the Secretary goes with the notice to individuals when this many or more
/// individuals are affected (§ 164.408(b)); below it, within 60 days after the end of the
/// calendar year (§ 164.408(c)).
pub const SECRETARY_THRESHOLD: u64 = 500;

/// The three kinds of incident that are not breaches (§ 164.402, paragraph (1) of the
/// definition of breach).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Exclusion {
    /// Unintentional acquisition, access or use by a workforce member or person acting under
    /// the entity's authority, in good faith and within the scope of authority, with no
    /// further impermissible use or disclosure (§ 164.402(1)(i)).
    UnintentionalWorkforceAccess,
    /// Inadvertent disclosure between people authorized to access PHI at the same entity or
    /// organized health care arrangement, with no further impermissible use or disclosure
    /// (§ 164.402(1)(ii)).
    InadvertentInternalDisclosure,
    /// A disclosure where the entity believes in good faith that the recipient could not
    /// reasonably have retained the information (§ 164.402(1)(iii)).
    RecipientCouldNotRetain,
}

impl Exclusion {
    /// The paragraph that states the exclusion.
    pub fn citation(self) -> &'static str {
        match self {
            Self::UnintentionalWorkforceAccess => "164.402(1)(i)",
            Self::InadvertentInternalDisclosure => "164.402(1)(ii)",
            Self::RecipientCouldNotRetain => "164.402(1)(iii)",
        }
    }
}

/// The four factors a risk assessment must consider at least (§ 164.402, paragraph (2) of
/// the definition of breach).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::VariantArray)]
pub enum Factor {
    /// The nature and extent of the PHI involved, including the types of identifiers and the
    /// likelihood of re-identification (§ 164.402(2)(i)).
    NatureAndExtent,
    /// The unauthorized person who used the PHI or to whom it was disclosed
    /// (§ 164.402(2)(ii)).
    UnauthorizedPerson,
    /// Whether the PHI was actually acquired or viewed (§ 164.402(2)(iii)).
    AcquiredOrViewed,
    /// The extent to which the risk to the PHI has been mitigated (§ 164.402(2)(iv)).
    Mitigation,
}

impl Factor {
    /// All four, in the regulation's order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The paragraph that states the factor.
    pub fn citation(self) -> &'static str {
        match self {
            Self::NatureAndExtent => "164.402(2)(i)",
            Self::UnauthorizedPerson => "164.402(2)(ii)",
            Self::AcquiredOrViewed => "164.402(2)(iii)",
            Self::Mitigation => "164.402(2)(iv)",
        }
    }
}

/// The finding on one factor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactorFinding {
    /// Whether this factor points to a low probability that the PHI was compromised.
    pub low_probability: bool,
    /// The documented analysis.
    pub analysis: String,
}

/// A § 164.402 risk assessment: the finding on each factor.
///
/// An impermissible use or disclosure is presumed to be a breach unless the assessment
/// demonstrates a low probability that the PHI has been compromised. This model is
/// conservative: it concludes low probability only when every factor was assessed with a
/// written analysis and every factor points to low probability.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RiskAssessment {
    findings: BTreeMap<Factor, FactorFinding>,
}

/// The outcome of assessing an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Determination {
    /// One of the three exclusions applies: not a breach.
    Excluded(Exclusion),
    /// The assessment demonstrates a low probability of compromise: not a breach.
    LowProbabilityOfCompromise,
    /// A breach, presumed because the assessment does not demonstrate a low probability of
    /// compromise; the reasons name the factors not assessed or not pointing to low
    /// probability.
    PresumedBreach {
        /// The factors that stop the presumption being rebutted.
        open_factors: Vec<Factor>,
    },
}

impl Determination {
    /// Whether notification is required.
    pub fn is_breach(&self) -> bool {
        matches!(self, Self::PresumedBreach { .. })
    }
}

impl RiskAssessment {
    /// An assessment with no findings yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the finding on a factor.
    pub fn find(
        &mut self,
        factor: Factor,
        low_probability: bool,
        analysis: impl Into<String>,
    ) -> &mut Self {
        self.findings.insert(
            factor,
            FactorFinding {
                low_probability,
                analysis: analysis.into(),
            },
        );
        self
    }

    /// The finding on a factor, if recorded.
    pub fn finding(&self, factor: Factor) -> Option<&FactorFinding> {
        self.findings.get(&factor)
    }

    /// The determination, given whether an exclusion applies.
    ///
    /// ```
    /// use ctrlmap::hipaa::breach::{Determination, Factor, RiskAssessment};
    ///
    /// let mut ra = RiskAssessment::new();
    /// ra.find(Factor::NatureAndExtent, true, "Appointment times only, no identifiers")
    ///   .find(Factor::UnauthorizedPerson, true, "Another covered entity's nurse")
    ///   .find(Factor::AcquiredOrViewed, false, "Opened and read");
    /// assert_eq!(ra.determine(None), Determination::PresumedBreach {
    ///     open_factors: vec![Factor::AcquiredOrViewed, Factor::Mitigation],
    /// });
    /// ```
    pub fn determine(&self, exclusion: Option<Exclusion>) -> Determination {
        if let Some(e) = exclusion {
            return Determination::Excluded(e);
        }
        let open_factors: Vec<Factor> = Factor::ALL
            .iter()
            .copied()
            .filter(|f| {
                !self
                    .findings
                    .get(f)
                    .is_some_and(|x| x.low_probability && !x.analysis.trim().is_empty())
            })
            .collect();
        if open_factors.is_empty() {
            Determination::LowProbabilityOfCompromise
        } else {
            Determination::PresumedBreach { open_factors }
        }
    }
}

/// The individuals affected by a breach: the total, and residents per State or jurisdiction
/// where known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Affected {
    total: u64,
    by_state: BTreeMap<String, u64>,
}

impl Affected {
    /// `total` individuals affected.
    pub fn new(total: u64) -> Self {
        Self {
            total,
            by_state: BTreeMap::new(),
        }
    }

    /// Records how many residents of a State or jurisdiction are affected.
    #[must_use]
    pub fn with_state(mut self, state: impl Into<String>, residents: u64) -> Self {
        self.by_state.insert(state.into(), residents);
        self
    }

    /// The total.
    pub fn total(&self) -> u64 {
        self.total
    }
}

/// Who must be notified.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Recipient {
    /// Each affected individual (§ 164.404).
    Individuals,
    /// Prominent media outlets serving a State or jurisdiction (§ 164.406).
    Media {
        /// The State or jurisdiction.
        state: String,
    },
    /// The Secretary of HHS (§ 164.408).
    Secretary,
    /// The covered entity, notified by its business associate (§ 164.410).
    CoveredEntity,
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Individuals => f.write_str("individuals"),
            Self::Media { state } => write!(f, "media in {state}"),
            Self::Secretary => f.write_str("the Secretary"),
            Self::CoveredEntity => f.write_str("the covered entity"),
        }
    }
}

/// One notice that must be given, with its latest date and the rule that sets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    /// Who must be notified.
    pub recipient: Recipient,
    /// The latest day notice may be given (notice is due without unreasonable delay; this is
    /// the outer limit).
    pub due: Date,
    /// The paragraph that sets the deadline.
    pub citation: &'static str,
}

fn days_after(day: Date, days: i64) -> Date {
    // Dates near the end of jiff's range (year 9999) saturate rather than fail.
    day.checked_add(days.days()).unwrap_or(Date::MAX)
}

/// The notices a covered entity owes for a breach discovered on `discovered` (the first day
/// the breach is known, or by reasonable diligence would have been known: § 164.404(a)(2)).
///
/// - Individuals: within 60 days (§ 164.404(b)).
/// - The media of each State or jurisdiction with more than 500 affected residents: within
///   60 days (§ 164.406(b)).
/// - The Secretary: for 500 or more individuals, at the same time as the individuals
///   (§ 164.408(b)); for fewer, within 60 days after the end of the calendar year in which
///   the breach was discovered (§ 164.408(c)).
///
/// Deadlines do not account for a law enforcement delay (§ 164.412), which postpones them by
/// the period a law enforcement official specifies.
pub fn notification_deadlines(discovered: Date, affected: &Affected) -> Vec<Obligation> {
    let due = days_after(discovered, NOTICE_DAYS);
    let mut plan = vec![Obligation {
        recipient: Recipient::Individuals,
        due,
        citation: "164.404(b)",
    }];
    plan.extend(
        affected
            .by_state
            .iter()
            .filter(|&(_, &n)| n > MEDIA_THRESHOLD)
            .map(|(state, _)| Obligation {
                recipient: Recipient::Media {
                    state: state.clone(),
                },
                due,
                citation: "164.406(b)",
            }),
    );
    plan.push(if affected.total >= SECRETARY_THRESHOLD {
        Obligation {
            recipient: Recipient::Secretary,
            due,
            citation: "164.408(b)",
        }
    } else {
        let year_end = jiff::civil::Date::new(discovered.year(), 12, 31).unwrap_or(discovered);
        Obligation {
            recipient: Recipient::Secretary,
            due: days_after(year_end, NOTICE_DAYS),
            citation: "164.408(c)",
        }
    });
    plan
}

/// The notice a business associate owes its covered entity for a breach it discovered on
/// `discovered`: within 60 days (§ 164.410(b)).
///
/// ```
/// use ctrlmap::hipaa::breach::business_associate_deadline;
/// use ctrlmap::hipaa::jiff::civil::date;
/// assert_eq!(business_associate_deadline(date(2025, 11, 15)).due, date(2026, 1, 14));
/// ```
pub fn business_associate_deadline(discovered: Date) -> Obligation {
    Obligation {
        recipient: Recipient::CoveredEntity,
        due: days_after(discovered, NOTICE_DAYS),
        citation: "164.410(b)",
    }
}
