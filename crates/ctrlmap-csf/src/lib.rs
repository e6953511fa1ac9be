//! The NIST Cybersecurity Framework (CSF) 2.0 for ctrlmap: the CSF Core's 6 functions, 22
//! categories and 106 subcategories, with NIST's implementation examples.
//!
//! The CSF is a work of the U.S. Government, not subject to copyright in the United States:
//! the catalog carries NIST's text verbatim.
//!
//! ```
//! use ctrlmap::csf::{Identifier, subcategories, new_home};
//!
//! assert_eq!(subcategories().count(), 106);
//! let id: Identifier = "pr.aa-1".parse()?;
//! assert_eq!(id.to_string(), "PR.AA-01");
//! let node = id.node().ok_or("a subcategory")?;
//! assert!(node.text.as_deref().unwrap_or_default().starts_with("Identities and credentials"));
//! // A CSF 1.1 subcategory resolves to where CSF 2.0 put it.
//! let home: Vec<&str> = new_home("ID.BE-01").into_iter().map(|n| n.node().id.as_str()).collect();
//! assert_eq!(home, ["GV.OC-05"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Identifiers
//! Functions `GV` `ID` `PR` `DE` `RS` `RC`; categories `GV.OC`; subcategories `GV.OC-01`;
//! implementation examples `GV.OC-01.001`, as NIST writes them. [`Identifier`] also reads
//! `gv.oc-01` (OSCAL) and `GV.OC-1` (unpadded).
//!
//! Subcategories are the assessable outcomes; the CSF gives them no titles, so a node's title
//! is the start of its outcome and its text the whole. Implementation examples illustrate
//! ways to achieve an outcome and are not requirements: they are not assessable.
//!
//! # Withdrawn CSF 1.1 elements
//! The 12 categories and 79 subcategories CSF 2.0 withdrew from CSF 1.1 are kept, so that a
//! CSF 1.1 id still resolves, but are not assessable; `status` is `withdrawn` and
//! `incorporated_into` / `moved_to` name the CSF 2.0 elements that took the content over
//! ([`new_home`]).
//!
//! # Data provenance
//! `data/csf-2.0.catalog.json` is NIST's CPRT export of the CSF 2.0 (document `CSF_2_0_0`,
//! exported 2024-04-24) imported by ctrlmap's own CPRT importer
//! (`ctrlmap::cprt::CprtExport::to_catalog`). CPRT's references from categories and
//! subcategories to SP 800-53 families are kept as `sp800_53_family` properties. The
//! facade's tests rebuild the file from NIST's and check it is the same.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use ctrlmap_core::{Catalog, NodeKind, NodeRef};

/// The framework id of the CSF: `csf`, the id of [`catalog()`] and of every reference to its
/// elements.
///
/// ```
/// assert_eq!(ctrlmap::csf::FRAMEWORK_ID.as_str(), "csf");
/// assert_eq!(ctrlmap::csf::catalog().id(), &ctrlmap::csf::FRAMEWORK_ID);
/// ```
pub const FRAMEWORK_ID: ctrlmap_core::FrameworkId = ctrlmap_core::framework_id!("csf");

/// The built-in catalog as JSON text, in the public catalog format.
pub const CATALOG_JSON: &str = include_str!("../data/csf-2.0.catalog.json");

// The embedded file is validated by this crate's tests (`builtin_catalog_loads`).
static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| Catalog::embedded(CATALOG_JSON, "built-in csf"));

/// The built-in CSF 2.0 catalog, parsed on first use.
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

fn current(kind: NodeKind) -> impl Iterator<Item = NodeRef<'static>> {
    catalog()
        .iter()
        .filter(move |n| n.kind == kind && !n.is_withdrawn())
}

/// The six functions: Govern, Identify, Protect, Detect, Respond, Recover.
///
/// ```
/// let titles: Vec<&str> = ctrlmap::csf::functions().map(|f| f.node().title.as_str()).collect();
/// assert_eq!(titles, ["GOVERN", "IDENTIFY", "PROTECT", "DETECT", "RESPOND", "RECOVER"]);
/// ```
pub fn functions() -> impl Iterator<Item = NodeRef<'static>> {
    current(NodeKind::Function)
}

/// The 22 current categories (withdrawn CSF 1.1 categories left out).
///
/// ```
/// assert_eq!(ctrlmap::csf::categories().count(), 22);
/// ```
pub fn categories() -> impl Iterator<Item = NodeRef<'static>> {
    current(NodeKind::Category)
}

/// The 106 current subcategories, the CSF's outcomes (withdrawn ones left out).
pub fn subcategories() -> impl Iterator<Item = NodeRef<'static>> {
    current(NodeKind::Subcategory)
}

/// NIST's implementation examples (363), each under its subcategory.
///
/// ```
/// assert_eq!(ctrlmap::csf::implementation_examples().count(), 363);
/// ```
pub fn implementation_examples() -> impl Iterator<Item = NodeRef<'static>> {
    current(NodeKind::ImplementationExample)
}

/// The CSF 1.1 categories and subcategories CSF 2.0 withdrew (91), kept so their ids resolve.
///
/// ```
/// assert_eq!(ctrlmap::csf::withdrawn().count(), 91);
/// ```
pub fn withdrawn() -> impl Iterator<Item = NodeRef<'static>> {
    catalog().iter().filter(|n| n.is_withdrawn())
}

/// Where CSF 2.0 put a withdrawn CSF 1.1 element: the elements NIST says it was incorporated
/// into or moved to. Empty for an element that is not withdrawn.
pub fn new_home(id: &str) -> Vec<NodeRef<'static>> {
    catalog()
        .find(id)
        .map(|node| node.withdrawn_to())
        .unwrap_or_default()
}

/// A CSF function, category, subcategory or implementation example id as NIST writes it
/// (`GV`, `GV.OC`, `GV.OC-01`, `GV.OC-01.001`), read in any case, unpadded (`GV.OC-1`), or
/// with `csf:` before it.
///
/// ```
/// use ctrlmap::csf::Identifier;
/// for text in ["PR.AA-01", "pr.aa-01", "PR.AA-1", "csf:PR.AA-01"] {
///     assert_eq!(text.parse::<Identifier>()?.to_string(), "PR.AA-01");
/// }
/// assert_eq!("gv.oc-01.001".parse::<Identifier>()?.to_string(), "GV.OC-01.001");
/// assert!("PR.AA-".parse::<Identifier>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Identifier {
    function: [u8; 2],
    category: Option<[u8; 2]>,
    subcategory: Option<u16>,
    example: Option<u16>,
}

/// Why a text is not a CSF identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a CSF 2.0 id ({reason}); write it as NIST does, such as PR.AA-01")]
pub struct IdentifierError {
    /// The text given.
    pub input: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl Identifier {
    /// Its node in the built-in catalog, if the CSF has it.
    pub fn node(&self) -> Option<NodeRef<'static>> {
        catalog().get(&self.to_string())
    }
}

fn letters(text: &str) -> Option<[u8; 2]> {
    match text.as_bytes() {
        [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
            Some([a.to_ascii_uppercase(), b.to_ascii_uppercase()])
        }
        _ => None,
    }
}

fn number(text: &str) -> Option<u16> {
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = |b: &[u8; 2]| String::from_utf8_lossy(b).into_owned();
        write!(f, "{}", s(&self.function))?;
        if let Some(c) = &self.category {
            write!(f, ".{}", s(c))?;
        }
        if let Some(n) = self.subcategory {
            write!(f, "-{n:02}")?;
        }
        if let Some(e) = self.example {
            write!(f, ".{e:03}")?;
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
        let (head, tail) = match text.split_once('-') {
            Some((h, t)) => (h, Some(t)),
            None => (text, None),
        };
        let (function, category) = match head.split_once('.') {
            Some((f, c)) => (f, Some(c)),
            None => (head, None),
        };
        let function = letters(function).ok_or_else(|| fail("the function is not two letters"))?;
        let category = category
            .map(|c| letters(c).ok_or_else(|| fail("the category is not two letters")))
            .transpose()?;
        let (subcategory, example) = match tail {
            None => (None, None),
            Some(_) if category.is_none() => {
                return Err(fail("a subcategory needs its category, as in PR.AA-01"));
            }
            Some(t) => {
                let (sub, ex) = match t.split_once('.') {
                    Some((s, e)) => (s, Some(e)),
                    None => (t, None),
                };
                let sub = number(sub).ok_or_else(|| fail("the subcategory number is missing"))?;
                let ex = ex
                    .map(|e| number(e).ok_or_else(|| fail("the example number is not a number")))
                    .transpose()?;
                (Some(sub), ex)
            }
        };
        Ok(Self {
            function,
            category,
            subcategory,
            example,
        })
    }
}
