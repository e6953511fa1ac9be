//! NIST SP 800-53 Revision 5 for ctrlmap: *Security and Privacy Controls for Information
//! Systems and Organizations*, the catalog that FedRAMP's baselines, HITRUST CSF and most
//! crosswalks are built on.
//!
//! SP 800-53 is a work of the U.S. Government, not subject to copyright in the United
//! States: the catalog carries every family, control and enhancement with its statement
//! (parameters written as NIST prints them, `[Assignment: organization-defined frequency]`)
//! and its discussion ([`discussion`]), verbatim, and the LOW, MODERATE, HIGH and PRIVACY
//! baselines.
//!
//! ```
//! use ctrlmap::sp800_53::{Baseline, Identifier, catalog};
//!
//! let id: Identifier = "AC-2 (1)".parse()?; // also `ac-2.1`, `AC-02(01)`, `sp800-53:AC-2(1)`
//! assert_eq!(id.to_string(), "AC-2(1)");
//! let node = id.node().ok_or("a built-in control")?;
//! assert_eq!(node.title, "Automated System Account Management");
//! assert!(node.text.as_deref().unwrap_or_default().contains("[Assignment: organization-defined automated mechanisms]"));
//! assert!(Baseline::Moderate.includes(&id));
//! assert!(!Baseline::Low.includes(&id));
//! assert_eq!(catalog().selection("moderate").map(|s| s.controls.len()), Some(287));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Identifiers
//! Families are `AC` … `SR`; controls and enhancements as NIST prints them, `AC-2` and
//! `AC-2(1)` ([`Identifier`] reads the forms practitioners and tools write: `ac-2.1` (OSCAL,
//! also an alias in the catalog), `AC-02(01)` (CPRT), `AC-2 (1)`). The baselines are named
//! selections of the catalog, `sp800-53:low`, `sp800-53:moderate`, `sp800-53:high` and
//! `sp800-53:privacy`: holding one holds exactly the controls and enhancements it lists.
//!
//! # Withdrawn controls
//! Controls NIST withdrew in Revision 5 are kept, so that their ids resolve, but are not
//! assessable; `status` is `withdrawn` and `moved_to` / `incorporated_into` name where the
//! content went ([`withdrawn_to`]).
//!
//! # Data provenance
//! `data/sp800-53r5.catalog.json` (with NIST's discussion of each control in
//! `data/sp800-53r5.discussion.json`, read by [`discussion`]) is NIST's OSCAL catalog of SP 800-53 Rev. 5.0.1
//! (usnistgov/oscal-content, OSCAL 1.0.0, last modified 2021-06-08) imported by ctrlmap's own
//! OSCAL importer (`ctrlmap::oscal::catalog_from_json`): 20 families, 322 controls and 867
//! enhancements, 182 of them withdrawn. The baselines are NIST's OSCAL profiles of Rev.
//! 5.1.1 (version 5.1.1+u4, 2024); every id they list is in the 5.0.1 catalog and none is
//! withdrawn there. The facade's tests rebuild the file from NIST's and check it is the same.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use ctrlmap_core::{Catalog, NodeKind, NodeRef, TextOverlay};

/// The framework id of NIST SP 800-53: `sp800-53`, the id of [`catalog()`] and of every
/// reference to its controls.
///
/// ```
/// assert_eq!(ctrlmap::sp800_53::FRAMEWORK_ID.as_str(), "sp800-53");
/// assert_eq!(ctrlmap::sp800_53::catalog().id(), &ctrlmap::sp800_53::FRAMEWORK_ID);
/// ```
pub const FRAMEWORK_ID: ctrlmap_core::FrameworkId = ctrlmap_core::framework_id!("sp800-53");

/// The built-in catalog as JSON text, in the public catalog format.
pub const CATALOG_JSON: &str = include_str!("../data/sp800-53r5.catalog.json");

// The embedded file is validated by this crate's tests (`builtin_catalog_loads`).
static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| Catalog::embedded(CATALOG_JSON, "built-in sp800-53"));

/// The built-in SP 800-53 Rev. 5 catalog, parsed on first use.
///
/// ```
/// let catalog = ctrlmap::sp800_53::catalog();
/// let ra3 = catalog.get("RA-3").ok_or("RA-3")?;
/// assert_eq!(ra3.title, "Risk Assessment");
/// assert_eq!(ra3.parent().map(|f| f.node().id.as_str()), Some("RA"));
/// assert!(ra3.text.as_deref().unwrap_or_default().starts_with("a. Conduct a risk assessment"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

/// NIST's discussion of every control and enhancement, as JSON text in the public
/// text-overlay format (`framework`, `source`, one text per id).
///
/// It is kept out of the catalog, and parsed only when [`discussion`] is first called: it is
/// more than half of SP 800-53's bytes, and most uses of the catalog never read it.
pub const DISCUSSION_JSON: &str = include_str!("../data/sp800-53r5.discussion.json");

// The embedded file is validated by this crate's tests (`discussion_loads`).
static DISCUSSION: LazyLock<Option<TextOverlay>> = LazyLock::new(|| {
    TextOverlay::from_json_str_with_origin(DISCUSSION_JSON, "built-in sp800-53 discussion").ok()
});

/// The built-in catalog with NIST's discussion of each control as its
/// [`GUIDANCE_PROP`](ctrlmap_core::GUIDANCE_PROP) property: the whole of what NIST's OSCAL
/// catalog carries, for an export (an OSCAL export writes it as `guidance` parts). A new
/// catalog each call (about 1.2 MB of text): keep it rather than ask again.
///
/// ```
/// let full = ctrlmap::sp800_53::catalog_with_discussion();
/// let ra3 = full.get("RA-3").ok_or("RA-3")?;
/// assert!(ra3.prop(ctrlmap::GUIDANCE_PROP).unwrap_or_default().starts_with("Risk assessments consider"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn catalog_with_discussion() -> Catalog {
    let mut doc = catalog().document().clone();
    if let Some(overlay) = DISCUSSION.as_ref() {
        for node in &mut doc.nodes {
            if let Some(text) = overlay.texts().get(&node.id) {
                node.props.push(ctrlmap_core::Property::new(
                    ctrlmap_core::GUIDANCE_PROP,
                    text.as_str(),
                ));
            }
        }
    }
    // Adding properties named by a valid constant to valid nodes keeps the catalog valid; a
    // failure would only lose the discussion, never panic.
    Catalog::from_document(doc, "built-in sp800-53 with discussion")
        .unwrap_or_else(|_| catalog().clone())
}

/// NIST's discussion of a control or enhancement (its supplemental guidance), verbatim, for
/// an id in any form [`catalog()`] finds (`RA-3`, `ra-3`, an OSCAL alias such as `ac-2.1`).
///
/// ```
/// let ra3 = ctrlmap::sp800_53::discussion("RA-3").ok_or("RA-3 has a discussion")?;
/// assert!(ra3.starts_with("Risk assessments consider threats"));
/// assert!(ctrlmap::sp800_53::discussion("AC-13").is_none()); // withdrawn
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn discussion(id: &str) -> Option<&'static str> {
    let node = catalog().find(id)?;
    DISCUSSION
        .as_ref()?
        .texts()
        .get(&node.node().id)
        .map(String::as_str)
}

/// The 20 families (`AC` Access Control … `SR` Supply Chain Risk Management), in NIST's order.
///
/// ```
/// assert_eq!(ctrlmap::sp800_53::families().count(), 20);
/// ```
pub fn families() -> impl Iterator<Item = NodeRef<'static>> {
    catalog().iter().filter(|n| n.kind == NodeKind::Family)
}

/// Every base control, withdrawn ones included (322; 287 current).
///
/// ```
/// assert_eq!(ctrlmap::sp800_53::controls().count(), 322);
/// ```
pub fn controls() -> impl Iterator<Item = NodeRef<'static>> {
    catalog().iter().filter(|n| n.kind == NodeKind::Control)
}

/// Every control enhancement, withdrawn ones included (867).
///
/// ```
/// assert_eq!(ctrlmap::sp800_53::enhancements().count(), 867);
/// ```
pub fn enhancements() -> impl Iterator<Item = NodeRef<'static>> {
    catalog()
        .iter()
        .filter(|n| n.kind == NodeKind::ControlEnhancement)
}

/// The controls and enhancements NIST withdrew (182), kept so that their ids resolve.
///
/// ```
/// assert_eq!(ctrlmap::sp800_53::withdrawn().count(), 182);
/// ```
pub fn withdrawn() -> impl Iterator<Item = NodeRef<'static>> {
    catalog().iter().filter(|n| n.is_withdrawn())
}

/// Where a withdrawn control's content went, as NIST says: the controls it was moved to or
/// incorporated into. Empty for a control that is not withdrawn.
///
/// ```
/// let to: Vec<&str> = ctrlmap::sp800_53::withdrawn_to("AC-13").into_iter().map(|n| n.node().id.as_str()).collect();
/// assert_eq!(to, ["AC-2", "AU-6"]);
/// ```
pub fn withdrawn_to(id: &str) -> Vec<NodeRef<'static>> {
    catalog()
        .find(id)
        .map(|node| node.withdrawn_to())
        .unwrap_or_default()
}

/// One of NIST's SP 800-53B control baselines, a named selection of the catalog.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
#[non_exhaustive]
pub enum Baseline {
    /// The LOW security baseline (149 controls and enhancements).
    Low,
    /// The MODERATE security baseline (287).
    Moderate,
    /// The HIGH security baseline (370).
    High,
    /// The PRIVACY baseline (96).
    Privacy,
}

impl Baseline {
    /// Every baseline.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The selection's id in the catalog, such as `moderate` (`sp800-53:moderate`).
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The controls and enhancements it lists, in NIST's order.
    ///
    /// ```
    /// use ctrlmap::sp800_53::Baseline;
    /// let sizes: Vec<usize> = Baseline::ALL.iter().map(|b| b.controls().count()).collect();
    /// assert_eq!(sizes, [149, 287, 370, 96]);
    /// ```
    pub fn controls(self) -> impl Iterator<Item = NodeRef<'static>> {
        catalog()
            .selection(self.id())
            .into_iter()
            .flat_map(|s| s.controls.iter())
            .filter_map(|id| catalog().get(id.as_str()))
    }

    /// Whether it lists this control or enhancement.
    pub fn includes(self, id: &Identifier) -> bool {
        let id = id.to_string();
        catalog()
            .selection(self.id())
            .is_some_and(|s| s.controls.iter().any(|c| c.as_str() == id))
    }
}

/// A control or enhancement identifier as NIST prints it, `AC-2` or `AC-2(1)`, read from any
/// of the forms practitioners and tools write: `AC-2(1)`, `AC-2 (1)`, `ac-2.1` (OSCAL),
/// `AC-02(01)` (CPRT), with or without `sp800-53:` before it. Display gives NIST's form.
///
/// ```
/// use ctrlmap::sp800_53::Identifier;
///
/// for text in ["AC-2(1)", "ac-2.1", "AC-02(01)", "AC-2 (1)", "sp800-53:AC-2(1)", " ac 2(1) "] {
///     assert_eq!(text.parse::<Identifier>()?.to_string(), "AC-2(1)");
/// }
/// let id: Identifier = "cp-9.1".parse()?;
/// assert_eq!((id.family(), id.number(), id.enhancement()), ("CP", 9, Some(1)));
/// assert_eq!(id.oscal_id(), "cp-9.1");
/// assert!("AC-2(x)".parse::<Identifier>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Identifier {
    family: [u8; 2],
    number: u16,
    enhancement: Option<u16>,
}

/// Why a text is not an SP 800-53 identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{input:?} is not an SP 800-53 control id ({reason}); write it as NIST does, such as AC-2 or AC-2(1)"
)]
pub struct IdentifierError {
    /// The text given.
    pub input: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl Identifier {
    /// The family, such as `AC`.
    pub fn family(&self) -> &str {
        std::str::from_utf8(&self.family).unwrap_or_default()
    }

    /// The control's number within its family (2 for `AC-2(1)`).
    pub fn number(&self) -> u16 {
        self.number
    }

    /// The enhancement's number (1 for `AC-2(1)`), or `None` for a base control.
    pub fn enhancement(&self) -> Option<u16> {
        self.enhancement
    }

    /// The base control of an enhancement, or the control itself.
    #[must_use]
    pub fn base(&self) -> Self {
        Self {
            enhancement: None,
            ..*self
        }
    }

    /// The id NIST's OSCAL catalogs use, such as `ac-2.1`.
    pub fn oscal_id(&self) -> String {
        let family = self.family().to_ascii_lowercase();
        match self.enhancement {
            Some(e) => format!("{family}-{}.{e}", self.number),
            None => format!("{family}-{}", self.number),
        }
    }

    /// Its node in the built-in catalog, if NIST's catalog has it.
    pub fn node(&self) -> Option<NodeRef<'static>> {
        catalog().get(&self.to_string())
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.family(), self.number)?;
        if let Some(e) = self.enhancement {
            write!(f, "({e})")?;
        }
        Ok(())
    }
}

impl FromStr for Identifier {
    type Err = IdentifierError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fail = |reason| IdentifierError {
            input: input.to_owned(),
            reason,
        };
        let text = FRAMEWORK_ID.strip_from(input);
        let bytes = text.as_bytes();
        let family = match bytes {
            [a, b, ..] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                [a.to_ascii_uppercase(), b.to_ascii_uppercase()]
            }
            _ => return Err(fail("it does not start with a two-letter family")),
        };
        let rest = text.get(2..).unwrap_or_default().trim_start();
        let rest = rest.strip_prefix('-').unwrap_or(rest).trim_start();
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let (number, rest) = rest.split_at(digits);
        let number = parse_number(number)
            .ok_or_else(|| fail("the control number is missing or too large"))?;
        let rest = rest.trim();
        let enhancement = if rest.is_empty() {
            None
        } else if let Some(e) = rest.strip_prefix('.') {
            Some(parse_number(e).ok_or_else(|| fail("the enhancement number is not a number"))?)
        } else if let Some(e) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            Some(
                parse_number(e.trim())
                    .ok_or_else(|| fail("the enhancement number is not a number"))?,
            )
        } else {
            return Err(fail(
                "only an enhancement number in parentheses may follow the control number",
            ));
        };
        Ok(Self {
            family,
            number,
            enhancement,
        })
    }
}

/// A number of one to five digits (leading zeros allowed: CPRT writes `02`).
fn parse_number(text: &str) -> Option<u16> {
    if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}
