//! The documented decision an addressable implementation specification requires.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::{Citation, ImplementationSpecification, Requirement, implementation_specifications};

/// A written rationale: text that says something (not empty or only white space).
///
/// ```
/// use ctrlmap::hipaa::Rationale;
/// assert!(Rationale::new("Sessions end when the thin client disconnects.").is_ok());
/// assert!(Rationale::new("   ").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Rationale(String);

/// The error returned for an empty rationale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a rationale must be written out: it is empty")]
pub struct EmptyRationale;

impl Rationale {
    /// A rationale.
    ///
    /// # Errors
    /// [`EmptyRationale`] when the text is empty or only white space.
    pub fn new(text: impl Into<String>) -> Result<Self, EmptyRationale> {
        let text = text.into();
        if text.trim().is_empty() {
            Err(EmptyRationale)
        } else {
            Ok(Self(text))
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Rationale {
    type Error = EmptyRationale;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::new(text)
    }
}

impl From<Rationale> for String {
    fn from(r: Rationale) -> Self {
        r.0
    }
}

impl JsonSchema for Rationale {
    fn schema_name() -> Cow<'static, str> {
        "Rationale".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Written reasoning; must contain more than white space.",
            "type": "string",
            "pattern": "[^\\u0000-\\u0020]"
        })
    }
}

/// What a covered entity or business associate decided about an addressable implementation
/// specification, as § 164.306(d)(3) requires it to assess and document.
///
/// The two choices that depart from the specification carry a [`Rationale`], so a decision
/// without its written reasoning cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "decision", rename_all = "snake_case", deny_unknown_fields)]
#[schemars(rename = "HipaaAddressableDecision")]
#[non_exhaustive]
pub enum AddressableDecision {
    /// The specification is reasonable and appropriate and is implemented
    /// (§ 164.306(d)(3)(ii)(A)).
    Implemented,
    /// It is not reasonable and appropriate as written; an equivalent alternative measure is
    /// implemented instead (§ 164.306(d)(3)(ii)(B)(1)–(2)).
    AlternativeImplemented {
        /// The alternative measure.
        alternative: Rationale,
        /// Why the specification is not reasonable and appropriate.
        rationale: Rationale,
    },
    /// It is not reasonable and appropriate, and neither is an alternative
    /// (§ 164.306(d)(3)(ii)(B)(1)).
    NotReasonableAndAppropriate {
        /// Why neither the specification nor an alternative is reasonable and appropriate.
        rationale: Rationale,
    },
}

/// The error returned when a decision is recorded against something that is not an
/// addressable implementation specification.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecisionError {
    /// The citation names no Security Rule implementation specification.
    #[error("{0} is not a Security Rule implementation specification")]
    NotASpecification(Citation),
    /// The specification is Required: it must be implemented, there is nothing to decide.
    #[error("{0} is a Required implementation specification: it must be implemented, not decided")]
    Required(Citation),
}

/// Decisions on the addressable implementation specifications, by citation.
///
/// Serialized as a JSON object from citation to decision: the `hipaa-addressable-decisions`
/// format (`schemas/hipaa-addressable-decisions.schema.json`).
///
/// ```
/// use ctrlmap::hipaa::{AddressableDecision, AddressableDecisions, Rationale};
///
/// let mut decisions = AddressableDecisions::new();
/// decisions.decide("164.312(a)(2)(iv)".parse()?, AddressableDecision::Implemented)?;
/// decisions.decide(
///     "164.312(a)(2)(iii)".parse()?,
///     AddressableDecision::AlternativeImplemented {
///         alternative: Rationale::new("Thin clients lock after 5 minutes")?,
///         rationale: Rationale::new("Shared clinical workstations cannot log off")?,
///     },
/// )?;
/// assert!(decisions.decide("164.312(a)(2)(i)".parse()?, AddressableDecision::Implemented).is_err());
/// assert_eq!(decisions.undecided().count(), 22 - 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BTreeMap<Citation, AddressableDecision>")]
#[serde(into = "BTreeMap<Citation, AddressableDecision>")]
pub struct AddressableDecisions {
    decisions: BTreeMap<Citation, AddressableDecision>,
}

impl AddressableDecisions {
    /// No decisions yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records (or replaces) the decision on an addressable specification.
    ///
    /// # Errors
    /// [`DecisionError`] when the citation is not an addressable implementation
    /// specification.
    pub fn decide(
        &mut self,
        citation: Citation,
        decision: AddressableDecision,
    ) -> Result<&mut Self, DecisionError> {
        let spec = citation
            .implementation_specification()
            .ok_or_else(|| DecisionError::NotASpecification(citation.clone()))?;
        if spec.requirement() == Requirement::Required {
            return Err(DecisionError::Required(citation));
        }
        self.decisions.insert(citation, decision);
        Ok(self)
    }

    /// The decision on a specification, if made.
    pub fn get(&self, citation: &Citation) -> Option<&AddressableDecision> {
        self.decisions.get(citation)
    }

    /// Every decision, in citation order.
    pub fn iter(&self) -> impl Iterator<Item = (&Citation, &AddressableDecision)> {
        self.decisions.iter()
    }

    /// The addressable specifications with no decision yet, in regulation order.
    pub fn undecided(&self) -> impl Iterator<Item = ImplementationSpecification> + '_ {
        implementation_specifications().filter(|s| {
            s.requirement() == Requirement::Addressable
                && !self.decisions.contains_key(&s.citation())
        })
    }
}

impl TryFrom<BTreeMap<Citation, AddressableDecision>> for AddressableDecisions {
    type Error = DecisionError;
    fn try_from(map: BTreeMap<Citation, AddressableDecision>) -> Result<Self, Self::Error> {
        let mut decisions = Self::new();
        for (citation, decision) in map {
            decisions.decide(citation, decision)?;
        }
        Ok(decisions)
    }
}

impl From<AddressableDecisions> for BTreeMap<Citation, AddressableDecision> {
    fn from(d: AddressableDecisions) -> Self {
        d.decisions
    }
}

impl JsonSchema for AddressableDecisions {
    fn schema_name() -> Cow<'static, str> {
        "HipaaAddressableDecisions".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let decision = generator.subschema_for::<AddressableDecision>();
        let addressable: Vec<String> = implementation_specifications()
            .filter(|s| s.requirement() == Requirement::Addressable)
            .map(|s| s.citation().to_string())
            .collect();
        json_schema!({
            "title": "ctrlmap HIPAA addressable decisions",
            "description": "Decisions on the Security Rule's addressable implementation specifications, by citation (45 CFR 164.306(d)(3)).",
            "type": "object",
            "propertyNames": { "enum": addressable },
            "additionalProperties": decision
        })
    }
}
