//! HIPAA for ctrlmap: 45 CFR Part 164, the Security Rule (Subpart C), the Breach
//! Notification Rule (Subpart D) and the Privacy Rule (Subpart E).
//!
//! HIPAA is law, and its text is public domain: the catalog carries the Security and Breach
//! Notification Rules paragraph by paragraph with their verbatim text, and the Privacy Rule
//! section by section.
//!
//! ```
//! use ctrlmap::hipaa::{Citation, Requirement, implementation_specifications, standards};
//!
//! // The Security Rule: 22 standards and 43 implementation specifications.
//! assert_eq!(standards().count(), 22);
//! assert_eq!(implementation_specifications().count(), 43);
//!
//! let spec = Citation::from_str_spec("§ 164.312(a)(2)(iv)")?;
//! assert_eq!(spec.name(), "Encryption and decryption");
//! assert_eq!(spec.requirement(), Requirement::Addressable);
//! assert_eq!(spec.standard().name(), "Access control");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is here
//! - [`Citation`]: `45 CFR 164.312(a)(2)(iv)`, `§ 164.312(a)(2)(iv)` and
//!   `164.312(a)(2)(iv)` parse to one normal form, checked against the regulation.
//! - [`Standard`] and [`ImplementationSpecification`] with [`Requirement`] (Required or
//!   Addressable), and [`AddressableDecision`], the documented choice an addressable
//!   specification needs (§ 164.306(d)(3)).
//! - [`entity`]: who the rules bind (covered entities and business associates) and the
//!   designated security and privacy officials.
//! - [`breach`]: the § 164.402 risk assessment and the notification deadlines of
//!   §§ 164.404–164.410.
//! - [`baa`]: the provisions a business associate agreement must contain.
//!
//! # Identifiers
//! Subparts are `subpart-C`, `subpart-D`, `subpart-E`; sections `164.308`; paragraphs as
//! cited in the CFR, `164.308(a)(1)(ii)(A)`. A line of the CFR that opens several paragraphs
//! at once (`(1)(i) Standard: Security management process.`) is one node with the outermost
//! citation, `164.308(a)(1)`, and the inner citations as `alias` properties that
//! [`Citation`] accepts.
//!
//! # Data provenance
//! The catalog (`data/hipaa-45cfr164.catalog.json`) is built from HHS's *HIPAA
//! Administrative Simplification Regulation Text, 45 CFR Parts 160, 162, and 164 (Unofficial
//! Version, as amended through March 26, 2013)*, checked against the eCFR: §§ 164.302–164.318
//! with Appendix A, and §§ 164.400–164.414, verbatim. Subparts C and D have not been amended
//! since the 2013 Omnibus Rule (78 FR 5566); the January 2025 proposed Security Rule (90 FR
//! 898) is not final and is not reflected. The Privacy Rule is present by section title; the
//! few Privacy Rule paragraphs the logic cites (§ 164.504(e)(2), § 164.530(a)) carry titles
//! and summaries in ctrlmap's words, marked `confidence: unverified`.
//!
//! [`guidance`] ships NIST SP 800-66 Rev. 2's key activities, descriptions and sample
//! questions (public domain) as NIST's CPRT export of it (document `SP800_66_2_0_0`, version
//! 2.0.0, exported 2025-08-28), less its footnotes and publication crosswalks.

use std::fmt;
use std::sync::LazyLock;

use ctrlmap_core::{Catalog, NodeKind, NodeRef};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod addressable;
pub mod baa;
pub mod breach;
mod citation;
pub mod entity;
pub mod guidance;

pub use addressable::{
    AddressableDecision, AddressableDecisions, DecisionError, EmptyRationale, Rationale,
};
pub use citation::{Citation, CitationError, CitationErrorReason, Designator};
/// The date-time library of this crate's public API (breach notification deadlines take and return
/// `jiff::civil::Date`), re-exported so that callers need not add it themselves at the
/// same version.
///
/// The whole crate rather than a few types, on purpose: building a date (`civil::date`),
/// parsing one (`"2026-06-30".parse()`) and date arithmetic (`ToSpan`) are spread across
/// it, and a partial re-export would send users to add jiff themselves and risk a second
/// version. jiff follows semver; ctrlmap moves to a new major version of it only in a
/// release of its own that says so.
pub use jiff;

/// The framework id of HIPAA: `hipaa`, the id of [`catalog()`] and of every reference to its
/// controls.
///
/// ```
/// let catalog = ctrlmap::hipaa::catalog();
/// assert_eq!(catalog.id(), &ctrlmap::hipaa::FRAMEWORK_ID);
/// assert_eq!(ctrlmap::hipaa::FRAMEWORK_ID.as_str(), "hipaa");
/// ```
pub const FRAMEWORK_ID: ctrlmap_core::FrameworkId = ctrlmap_core::framework_id!("hipaa");

/// The built-in catalog as JSON text, in the public catalog format.
pub const CATALOG_JSON: &str = include_str!("../data/hipaa-45cfr164.catalog.json");

// The embedded file is validated by this crate's tests (`builtin_catalog_loads`).
static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| Catalog::embedded(CATALOG_JSON, "built-in hipaa"));

/// The built-in HIPAA catalog, parsed on first use.
///
/// ```
/// let catalog = ctrlmap::hipaa::catalog();
/// let spec = catalog.get("164.312(a)(2)(iv)").ok_or("a HIPAA paragraph")?;
/// assert!(spec.text.as_deref().unwrap_or_default().contains("encrypt and decrypt"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

/// Whether an implementation specification must be implemented as written, or may be
/// addressed by a documented decision (§ 164.306(d)).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Requirement {
    /// "Required": the specification must be implemented (§ 164.306(d)(2)).
    Required,
    /// "Addressable": implement it if reasonable and appropriate; otherwise document why and
    /// implement an equivalent alternative if reasonable and appropriate (§ 164.306(d)(3)).
    Addressable,
}

impl Requirement {
    /// Both, in order.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The serialized name: `required` or `addressable`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn requirement_of(node: &NodeRef<'static>) -> Requirement {
    match node.node().prop("requirement") {
        Some("addressable") => Requirement::Addressable,
        _ => Requirement::Required,
    }
}

/// The Security Rule sections that hold standards: §§ 164.308–164.316.
const SAFEGUARD_SECTIONS: &[&str] = &["164.308", "164.310", "164.312", "164.314", "164.316"];

fn in_security_rule(node: &NodeRef<'static>) -> bool {
    node.ancestors()
        .any(|a| SAFEGUARD_SECTIONS.contains(&a.node().id.as_str()))
}

/// A standard of the Security Rule, such as § 164.308(a)(1) *Security management process*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standard {
    node: NodeRef<'static>,
}

impl Standard {
    /// The standard's citation, as the catalog writes it (`164.308(a)(1)`).
    pub fn citation(&self) -> Citation {
        Citation::from_node(self.node)
    }

    /// The standard's name, such as `Security management process`.
    pub fn name(&self) -> &'static str {
        &self.node.node().title
    }

    /// The section the standard is in, such as `164.308` (administrative safeguards).
    pub fn section(&self) -> NodeRef<'static> {
        self.node
            .ancestors()
            .find(|a| a.kind == NodeKind::Section)
            .unwrap_or(self.node)
    }

    /// The verbatim regulatory text of the paragraph that states the standard.
    pub fn text(&self) -> &'static str {
        self.node.node().text.as_deref().unwrap_or_default()
    }

    /// The catalog node.
    pub fn node(&self) -> NodeRef<'static> {
        self.node
    }

    /// The standard's implementation specifications, in order (none for some standards,
    /// such as § 164.308(a)(2), which Appendix A marks Required as a whole).
    pub fn implementation_specifications(
        &self,
    ) -> impl Iterator<Item = ImplementationSpecification> + use<> {
        self.node
            .descendants()
            .filter(|n| n.kind == NodeKind::ImplementationSpecification)
            .map(|node| ImplementationSpecification { node })
    }
}

/// An implementation specification of the Security Rule, such as § 164.312(a)(2)(iv)
/// *Encryption and decryption* (Addressable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImplementationSpecification {
    node: NodeRef<'static>,
}

impl ImplementationSpecification {
    /// The specification's citation.
    pub fn citation(&self) -> Citation {
        Citation::from_node(self.node)
    }

    /// The specification's name, such as `Encryption and decryption`.
    pub fn name(&self) -> &'static str {
        &self.node.node().title
    }

    /// Required or Addressable, as the regulation marks it.
    pub fn requirement(&self) -> Requirement {
        requirement_of(&self.node)
    }

    /// The standard the specification implements.
    pub fn standard(&self) -> Standard {
        let node = self
            .node
            .ancestors()
            .find(|a| a.kind == NodeKind::Standard)
            .unwrap_or(self.node);
        Standard { node }
    }

    /// The verbatim regulatory text.
    pub fn text(&self) -> &'static str {
        self.node.node().text.as_deref().unwrap_or_default()
    }

    /// The catalog node.
    pub fn node(&self) -> NodeRef<'static> {
        self.node
    }
}

/// The 22 standards of the Security Rule (§§ 164.308–164.316), in order.
pub fn standards() -> impl Iterator<Item = Standard> {
    catalog()
        .iter()
        .filter(|n| n.kind == NodeKind::Standard && in_security_rule(n))
        .map(|node| Standard { node })
}

/// The 43 implementation specifications of the Security Rule, in order.
pub fn implementation_specifications() -> impl Iterator<Item = ImplementationSpecification> {
    catalog()
        .iter()
        .filter(|n| n.kind == NodeKind::ImplementationSpecification && in_security_rule(n))
        .map(|node| ImplementationSpecification { node })
}

impl Citation {
    fn from_node(node: NodeRef<'static>) -> Self {
        // Catalog ids of Part 164 paragraphs are citations in normal form.
        Self::from_catalog_id(node.node().id.as_str())
    }

    /// The Security Rule standard this citation names, if it names one.
    pub fn standard(&self) -> Option<Standard> {
        let node = self.node()?;
        (node.kind == NodeKind::Standard && in_security_rule(&node)).then_some(Standard { node })
    }

    /// The Security Rule implementation specification this citation names, if it names one.
    pub fn implementation_specification(&self) -> Option<ImplementationSpecification> {
        let node = self.node()?;
        (node.kind == NodeKind::ImplementationSpecification && in_security_rule(&node))
            .then_some(ImplementationSpecification { node })
    }

    /// Parses a citation that must name a Security Rule implementation specification.
    ///
    /// # Errors
    /// [`CitationError`] when the text is not a citation of an existing paragraph, or the
    /// paragraph is not an implementation specification (reason
    /// [`CitationErrorReason::UnknownParagraph`]).
    pub fn from_str_spec(text: &str) -> Result<ImplementationSpecification, CitationError> {
        let citation: Citation = text.parse()?;
        citation
            .implementation_specification()
            .ok_or_else(|| CitationError::not_a_specification(text))
    }
}
