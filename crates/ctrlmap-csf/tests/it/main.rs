//! The built-in CSF 2.0 catalog against NIST's counts, and the identifier parser.

// Tests fail by panicking: unwrap, expect, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctrlmap::csf::{self, Identifier};
use ctrlmap::{Catalog, NodeKind};
use proptest::prelude::*;

#[test]
fn builtin_catalog_loads() {
    let catalog = Catalog::from_json_str_with_origin(csf::CATALOG_JSON, "csf").unwrap();
    assert_eq!(catalog.id(), &csf::FRAMEWORK_ID);
    assert_eq!(catalog.licence().kind(), "public_domain");
}

/// NIST's counts (reference README): 6 functions, 22 categories (GV 6, ID 3, PR 5, DE 2,
/// RS 4, RC 2), 106 subcategories (GV 31, ID 21, PR 22, DE 11, RS 13, RC 8), 363
/// implementation examples, 12 + 79 withdrawn CSF 1.1 elements.
#[test]
fn counts_are_nists() {
    assert_eq!(csf::functions().count(), 6);
    assert_eq!(csf::categories().count(), 22);
    assert_eq!(csf::subcategories().count(), 106);
    assert_eq!(csf::implementation_examples().count(), 363);
    assert_eq!(csf::catalog().assessable().count(), 106);
    let per = |kind: NodeKind, f: &str| -> usize {
        let it: Box<dyn Iterator<Item = ctrlmap::NodeRef<'static>>> = match kind {
            NodeKind::Category => Box::new(csf::categories()),
            _ => Box::new(csf::subcategories()),
        };
        it.filter(|n| n.id.as_str().starts_with(f)).count()
    };
    let functions = ["GV", "ID", "PR", "DE", "RS", "RC"];
    let cats: Vec<usize> = functions
        .iter()
        .map(|f| per(NodeKind::Category, f))
        .collect();
    let subs: Vec<usize> = functions
        .iter()
        .map(|f| per(NodeKind::Subcategory, f))
        .collect();
    assert_eq!(cats, [6, 3, 5, 2, 4, 2]);
    assert_eq!(subs, [31, 21, 22, 11, 13, 8]);
    let withdrawn: Vec<_> = csf::withdrawn().collect();
    assert_eq!(
        withdrawn
            .iter()
            .filter(|n| n.kind == NodeKind::Category)
            .count(),
        12
    );
    assert_eq!(
        withdrawn
            .iter()
            .filter(|n| n.kind == NodeKind::Subcategory)
            .count(),
        79
    );
    // Every withdrawn element has NIST's reason; all but four point to where CSF 2.0 put
    // it (NIST's export gives those four a reason only, such as PR.IP's "Incorporated into
    // other Categories and Functions").
    assert!(withdrawn.iter().all(|n| n.prop("withdrawal").is_some()));
    let unpointed: Vec<&str> = withdrawn
        .iter()
        .filter(|n| csf::new_home(n.id.as_str()).is_empty())
        .map(|n| n.node().id.as_str())
        .collect();
    assert_eq!(unpointed, ["PR.IP", "PR.PT", "DE.DP", "RS.RP"]);
}

#[test]
fn known_facts() {
    let c = csf::catalog();
    let gv = c.get("GV").unwrap();
    assert_eq!((gv.kind, gv.title.as_str()), (NodeKind::Function, "GOVERN"));
    let pr_aa_01 = c.get("PR.AA-01").unwrap();
    assert_eq!(
        pr_aa_01.parent().unwrap().title,
        "Identity Management, Authentication, and Access Control"
    );
    assert!(
        pr_aa_01
            .children()
            .all(|e| e.kind == NodeKind::ImplementationExample)
    );
    let ex = c.get("GV.OC-01.001").unwrap();
    assert!(
        ex.title.starts_with("Share the organization's mission"),
        "{}",
        ex.title
    );
    assert_eq!(ex.prop("example_label"), Some("Ex1"));
    assert!(!ex.assessable);
    // CPRT's references to SP 800-53 families are kept.
    assert_eq!(
        c.get("PR.AA-01").unwrap().prop("sp800_53_family"),
        Some("IA")
    );
    let home: Vec<&str> = csf::new_home("ID.BE-01")
        .into_iter()
        .map(|n| n.node().id.as_str())
        .collect();
    assert_eq!(home, ["GV.OC-05"]);
    assert!(csf::new_home("GV.OC-01").is_empty());
}

#[test]
fn identifiers_parse_and_refuse() {
    for bad in [
        "",
        "G",
        "GVX",
        "GV.O",
        "GV.OC-",
        "GV.OC-x",
        "GV-01",
        "GV.OC-01.",
        "GV.OC-01.x",
    ] {
        assert!(bad.parse::<Identifier>().is_err(), "{bad:?}");
    }
    for n in csf::catalog().iter() {
        let id: Identifier = n.id.as_str().parse().unwrap();
        assert_eq!(id.to_string(), n.id.as_str());
        assert_eq!(id.node().unwrap().id, n.id);
    }
}

proptest! {
    /// No input panics the parser, and what parses displays to a form that parses the same.
    #[test]
    fn identifier_never_panics(text in "\\PC{0,16}") {
        if let Ok(id) = text.parse::<Identifier>() {
            prop_assert_eq!(id.to_string().parse::<Identifier>().unwrap(), id);
        }
    }
}
