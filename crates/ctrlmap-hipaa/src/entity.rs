//! Who the rules bind: covered entities and business associates, and the officials they must
//! designate.

use serde::{Deserialize, Serialize};

/// The three kinds of covered entity (45 CFR 160.103).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum CoveredEntityKind {
    /// A health plan, such as an insurer, HMO or group health plan.
    HealthPlan,
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
    /// use ctrlmap_hipaa::entity::{Applicability, EntityKind, Subpart};
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
/// use ctrlmap_hipaa::entity::{CoveredEntityKind, Designation, EntityKind, Organization};
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
