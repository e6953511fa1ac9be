//! Who the rules bind: covered entities and business associates, and the officials they must
//! designate.

use serde::{Deserialize, Serialize};

/// The three kinds of covered entity (45 CFR 160.103).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum CoveredEntityKind {
    /// A health plan, such as an insurer or HMO, other than a group health plan.
    HealthPlan,
    /// A group health plan (an employee welfare benefit plan that provides medical care,
    /// 45 CFR 160.103): a health plan to which § 164.314(b) also applies.
    GroupHealthPlan,
    /// A health care clearinghouse, which converts health information between standard and
    /// non-standard formats.
    HealthCareClearinghouse,
    /// A health care provider that transmits health information electronically in a HIPAA
    /// standard transaction.
    HealthCareProvider,
}

/// What an organization is under HIPAA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntityKind {
    /// A covered entity.
    CoveredEntity {
        /// Which kind.
        of: CoveredEntityKind,
    },
    /// A business associate: it creates, receives, maintains or transmits protected health
    /// information on behalf of a covered entity (or, as a subcontractor, of another business
    /// associate) (45 CFR 160.103).
    BusinessAssociate {
        /// Whether it is a subcontractor of another business associate; subcontractors are
        /// business associates in their own right since the 2013 Omnibus Rule.
        subcontractor: bool,
    },
}

/// The three subparts of Part 164 that ctrlmap models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum Subpart {
    /// Subpart C, the Security Rule (§§ 164.302–164.318).
    Security,
    /// Subpart D, the Breach Notification Rule (§§ 164.400–164.414).
    BreachNotification,
    /// Subpart E, the Privacy Rule (§§ 164.500–164.534).
    Privacy,
}

impl Subpart {
    /// The catalog id: `subpart-C`, `subpart-D` or `subpart-E`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Security => "subpart-C",
            Self::BreachNotification => "subpart-D",
            Self::Privacy => "subpart-E",
        }
    }
}

/// How far a subpart binds an entity, with the provision that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Applicability {
    /// The whole subpart applies.
    Applies {
        /// The provision that applies it.
        citation: &'static str,
    },
    /// Only the provisions named apply.
    AppliesInPart {
        /// The provisions that apply.
        citation: &'static str,
        /// What they require, in brief.
        scope: &'static str,
    },
}

impl Applicability {
    /// The provision that says how far the subpart applies.
    pub fn citation(self) -> &'static str {
        match self {
            Self::Applies { citation } | Self::AppliesInPart { citation, .. } => citation,
        }
    }
}

impl EntityKind {
    /// Whether the entity is a covered entity.
    pub fn is_covered_entity(self) -> bool {
        matches!(self, Self::CoveredEntity { .. })
    }

    /// How far a subpart binds this kind of entity.
    ///
    /// ```
    /// use ctrlmap::hipaa::entity::{Applicability, EntityKind, Subpart};
    ///
    /// let ba = EntityKind::BusinessAssociate { subcontractor: true };
    /// assert!(matches!(ba.applicability(Subpart::Security), Applicability::Applies { citation: "164.302" }));
    /// assert!(matches!(ba.applicability(Subpart::BreachNotification),
    ///     Applicability::AppliesInPart { citation: "164.410", .. }));
    /// ```
    pub fn applicability(self, subpart: Subpart) -> Applicability {
        match (self, subpart) {
            (_, Subpart::Security) => Applicability::Applies {
                citation: "164.302",
            },
            (Self::CoveredEntity { .. }, Subpart::BreachNotification) => Applicability::Applies {
                citation: "164.400",
            },
            (Self::CoveredEntity { .. }, Subpart::Privacy) => Applicability::Applies {
                citation: "164.500(a)",
            },
            (Self::BusinessAssociate { .. }, Subpart::BreachNotification) => {
                Applicability::AppliesInPart {
                    citation: "164.410",
                    scope: "notify the covered entity (or, for a subcontractor, the business associate) of a breach of unsecured protected health information",
                }
            }
            (Self::BusinessAssociate { .. }, Subpart::Privacy) => Applicability::AppliesInPart {
                citation: "164.500(c)",
                scope: "use and disclose protected health information only as its business associate contract permits or requires or as required by law, and meet the Privacy Rule requirements that apply to business associates",
            },
        }
    }
}

/// A requirement that does not bind an entity, with the provision that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct NotApplicableRule {
    /// The catalog id of the requirement (everything under it is not applicable either).
    pub citation: &'static str,
    /// Why it does not apply, citing the text.
    pub reason: &'static str,
}

const GROUP_HEALTH_PLANS_ONLY: NotApplicableRule = NotApplicableRule {
    citation: "164.314(b)",
    reason: "§ 164.314(b) binds group health plans only (their plan documents and plan sponsors).",
};
const CLEARINGHOUSES_ONLY: NotApplicableRule = NotApplicableRule {
    citation: "164.308(a)(4)(ii)(A)",
    reason: "§ 164.308(a)(4)(ii)(A) binds a health care clearinghouse that is part of a larger organization.",
};
const COVERED_ENTITY_BREACH: [NotApplicableRule; 3] = [
    NotApplicableRule {
        citation: "164.404",
        reason: "§ 164.404 binds covered entities; a business associate notifies its covered entity under § 164.410.",
    },
    NotApplicableRule {
        citation: "164.406",
        reason: "§ 164.406 binds covered entities; a business associate notifies its covered entity under § 164.410.",
    },
    NotApplicableRule {
        citation: "164.408",
        reason: "§ 164.408 binds covered entities; a business associate notifies its covered entity under § 164.410.",
    },
];
const BUSINESS_ASSOCIATE_SUBCONTRACTS: NotApplicableRule = NotApplicableRule {
    citation: "164.314(a)(2)(iii)",
    reason: "§ 164.314(a)(2)(iii) binds business associates (their contracts with subcontractors, § 164.308(b)(2)); a covered entity's business associate contracts are § 164.314(a)(2)(i).",
};
const BUSINESS_ASSOCIATE_BREACH: NotApplicableRule = NotApplicableRule {
    citation: "164.410",
    reason: "§ 164.410 binds business associates; a covered entity notifies under §§ 164.404–164.408.",
};

impl EntityKind {
    /// The requirements of the Security and Breach Notification Rules that do not bind this
    /// kind of entity, each with the provision that says so. An organization that is both a
    /// covered entity and a business associate (of another covered entity) is bound by both
    /// sets: take the rules common to both of its kinds.
    ///
    /// ```
    /// use ctrlmap::hipaa::entity::EntityKind;
    ///
    /// let ba = EntityKind::BusinessAssociate { subcontractor: false };
    /// let ids: Vec<&str> = ba.not_applicable().iter().map(|r| r.citation).collect();
    /// assert_eq!(ids, ["164.308(a)(4)(ii)(A)", "164.314(b)", "164.404", "164.406", "164.408"]);
    /// ```
    pub fn not_applicable(self) -> Vec<NotApplicableRule> {
        let mut rules = Vec::new();
        if self
            != (Self::CoveredEntity {
                of: CoveredEntityKind::HealthCareClearinghouse,
            })
        {
            rules.push(CLEARINGHOUSES_ONLY);
        }
        if self
            != (Self::CoveredEntity {
                of: CoveredEntityKind::GroupHealthPlan,
            })
        {
            rules.push(GROUP_HEALTH_PLANS_ONLY);
        }
        match self {
            Self::BusinessAssociate { .. } => rules.extend(COVERED_ENTITY_BREACH),
            Self::CoveredEntity { .. } => {
                rules.push(BUSINESS_ASSOCIATE_SUBCONTRACTS);
                rules.push(BUSINESS_ASSOCIATE_BREACH);
            }
        }
        rules
    }
}

impl EntityKind {
    /// The paragraph whose text states this entity's own duty under `requirement`, where
    /// the requirement's text is written for another kind of entity: a business associate's
    /// duty under § 164.308(b) (whose (b)(1) binds covered entities) is (b)(2), assurances
    /// from its subcontractors.
    ///
    /// ```
    /// use ctrlmap::hipaa::entity::EntityKind;
    ///
    /// let ba = EntityKind::BusinessAssociate { subcontractor: false };
    /// assert_eq!(ba.binding_paragraph("164.308(b)"), Some("164.308(b)(2)"));
    /// assert_eq!(ba.binding_paragraph("164.308(a)(1)"), None);
    /// ```
    pub fn binding_paragraph(self, requirement: &str) -> Option<&'static str> {
        match (self, requirement) {
            (Self::BusinessAssociate { .. }, "164.308(b)" | "164.308(b)(1)") => {
                Some("164.308(b)(2)")
            }
            _ => None,
        }
    }
}

/// An official an entity must designate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Designation {
    /// The security official responsible for the Security Rule policies and procedures
    /// (§ 164.308(a)(2)); required of covered entities and business associates.
    SecurityOfficial,
    /// The privacy official responsible for the Privacy Rule policies and procedures
    /// (§ 164.530(a)); required of covered entities.
    PrivacyOfficial,
}

impl Designation {
    /// The paragraph that requires the designation.
    pub fn citation(self) -> &'static str {
        match self {
            Self::SecurityOfficial => "164.308(a)(2)",
            Self::PrivacyOfficial => "164.530(a)",
        }
    }
}

/// An organization subject to HIPAA, with its designated officials.
///
/// ```
/// use ctrlmap::hipaa::entity::{CoveredEntityKind, Designation, EntityKind, Organization};
///
/// let mut clinic = Organization::new(EntityKind::CoveredEntity { of: CoveredEntityKind::HealthCareProvider });
/// clinic.security_official = Some("Dana Reyes".into());
/// assert_eq!(clinic.missing_designations(), [Designation::PrivacyOfficial]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Organization {
    /// What the organization is.
    pub kind: EntityKind,
    /// Its designated security official (§ 164.308(a)(2)).
    pub security_official: Option<String>,
    /// Its designated privacy official (§ 164.530(a)).
    pub privacy_official: Option<String>,
}

impl Organization {
    /// An organization with no officials designated yet.
    pub fn new(kind: EntityKind) -> Self {
        Self {
            kind,
            security_official: None,
            privacy_official: None,
        }
    }

    /// The designations it still has to make.
    pub fn missing_designations(&self) -> Vec<Designation> {
        let named = |o: &Option<String>| o.as_deref().is_some_and(|s| !s.trim().is_empty());
        let mut missing = Vec::new();
        if !named(&self.security_official) {
            missing.push(Designation::SecurityOfficial);
        }
        if self.kind.is_covered_entity() && !named(&self.privacy_official) {
            missing.push(Designation::PrivacyOfficial);
        }
        missing
    }
}
