//! Business associate agreements: the provisions the contract must contain.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// Which rule requires a provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The Security Rule, § 164.314(a)(2)(i).
    Security,
    /// The Privacy Rule, § 164.504(e)(2).
    Privacy,
}

/// A provision a business associate agreement must contain.
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
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Provision {
    /// The business associate complies with the applicable requirements of Subpart C.
    SecurityRuleCompliance,
    /// It ensures its subcontractors agree to comply with Subpart C, under § 164.308(b)(2).
    SecuritySubcontractors,
    /// It reports security incidents to the covered entity, including breaches of unsecured
    /// PHI as § 164.410 requires.
    SecurityIncidentReporting,
    /// The contract establishes the permitted and required uses and disclosures.
    PermittedUses,
    /// No use or further disclosure other than as the contract permits or the law requires.
    NoOtherUseOrDisclosure,
    /// Appropriate safeguards, and Subpart C for electronic PHI.
    Safeguards,
    /// Reporting uses or disclosures the contract does not provide for, including breaches.
    ReportingImproperUse,
    /// Subcontractors agree to the same restrictions and conditions.
    Subcontractors,
    /// PHI made available for individuals' access (§ 164.524).
    Access,
    /// PHI made available for amendment (§ 164.526).
    Amendment,
    /// Information for an accounting of disclosures (§ 164.528).
    AccountingOfDisclosures,
    /// Compliance with Subpart E where it carries out a covered entity's obligation.
    CoveredEntityObligations,
    /// Books and records available to the Secretary.
    BooksAndRecords,
    /// Return or destruction of PHI at termination.
    ReturnOrDestruction,
    /// The covered entity may terminate the contract for a material violation.
    TerminationForViolation,
}

impl Provision {
    /// Every provision, Security Rule ones first, in regulation order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The provision's id, such as `return_or_destruction`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The paragraph that requires it.
    pub fn citation(self) -> &'static str {
        match self {
            Self::SecurityRuleCompliance => "164.314(a)(2)(i)(A)",
            Self::SecuritySubcontractors => "164.314(a)(2)(i)(B)",
            Self::SecurityIncidentReporting => "164.314(a)(2)(i)(C)",
            Self::PermittedUses => "164.504(e)(2)(i)",
            Self::NoOtherUseOrDisclosure => "164.504(e)(2)(ii)(A)",
            Self::Safeguards => "164.504(e)(2)(ii)(B)",
            Self::ReportingImproperUse => "164.504(e)(2)(ii)(C)",
            Self::Subcontractors => "164.504(e)(2)(ii)(D)",
            Self::Access => "164.504(e)(2)(ii)(E)",
            Self::Amendment => "164.504(e)(2)(ii)(F)",
            Self::AccountingOfDisclosures => "164.504(e)(2)(ii)(G)",
            Self::CoveredEntityObligations => "164.504(e)(2)(ii)(H)",
            Self::BooksAndRecords => "164.504(e)(2)(ii)(I)",
            Self::ReturnOrDestruction => "164.504(e)(2)(ii)(J)",
            Self::TerminationForViolation => "164.504(e)(2)(iii)",
        }
    }

    /// The rule that requires it.
    pub fn rule(self) -> Rule {
        if self.citation().starts_with("164.314") {
            Rule::Security
        } else {
            Rule::Privacy
        }
    }

    /// What the provision requires, in brief.
    pub fn description(self) -> &'static str {
        crate::catalog()
            .get(self.citation())
            .map(|n| {
                let node = n.node();
                node.summary
                    .as_deref()
                    .or(node.text.as_deref())
                    .unwrap_or(node.title.as_str())
            })
            .unwrap_or_default()
    }
}

/// The provisions missing from a draft agreement, in regulation order, for the rules it must
/// satisfy (usually both).
///
/// ```
/// use std::collections::BTreeSet;
/// use ctrlmap::hipaa::baa::{Provision, Rule, missing_provisions};
///
/// let draft = BTreeSet::from([Provision::SecurityRuleCompliance, Provision::SecuritySubcontractors]);
/// let missing = missing_provisions(&draft, &[Rule::Security]);
/// assert_eq!(missing, [Provision::SecurityIncidentReporting]);
/// assert_eq!(missing[0].citation(), "164.314(a)(2)(i)(C)");
/// ```
pub fn missing_provisions(present: &BTreeSet<Provision>, rules: &[Rule]) -> Vec<Provision> {
    Provision::ALL
        .iter()
        .copied()
        .filter(|p| rules.contains(&p.rule()) && !present.contains(p))
        .collect()
}
