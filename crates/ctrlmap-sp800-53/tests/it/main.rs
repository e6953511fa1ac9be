//! The built-in SP 800-53 catalog against NIST's counts, and the identifier parser.

// Tests fail by panicking: unwrap, expect, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctrlmap::sp800_53::{self, Baseline, Identifier};
use ctrlmap::{Catalog, NodeKind};
use proptest::prelude::*;

#[test]
fn builtin_catalog_loads() {
    let catalog = Catalog::from_json_str_with_origin(sp800_53::CATALOG_JSON, "sp800-53").unwrap();
    assert_eq!(catalog.id(), &sp800_53::FRAMEWORK_ID);
    assert_eq!(catalog.licence().kind(), "public_domain");
}

/// NIST's counts for Rev. 5.0.1 (the reference README: 20 groups, 322 controls, 867
/// enhancements, 182 withdrawn) and the 5.1.1 baselines (149, 287, 370, 96).
#[test]
fn counts_are_nists() {
    assert_eq!(sp800_53::families().count(), 20);
    assert_eq!(sp800_53::controls().count(), 322);
    assert_eq!(sp800_53::enhancements().count(), 867);
    assert_eq!(sp800_53::withdrawn().count(), 182);
    assert_eq!(sp800_53::catalog().assessable().count(), 1_189 - 182);
    let sizes: Vec<usize> = Baseline::ALL.iter().map(|b| b.controls().count()).collect();
    assert_eq!(sizes, [149, 287, 370, 96]);
    // LOW: 131 controls + 18 enhancements; MODERATE 177 + 110; HIGH 188 + 182; PRIVACY 75 + 21.
    let split = |b: Baseline| {
        let e = b
            .controls()
            .filter(|n| n.kind == NodeKind::ControlEnhancement)
            .count();
        (b.controls().count() - e, e)
    };
    assert_eq!(split(Baseline::Low), (131, 18));
    assert_eq!(split(Baseline::Moderate), (177, 110));
    assert_eq!(split(Baseline::High), (188, 182));
    assert_eq!(split(Baseline::Privacy), (75, 21));
    // No baseline lists a withdrawn control; every listed control is assessable.
    for b in Baseline::ALL {
        assert!(b.controls().all(|n| n.assessable), "{b}");
    }
}

#[test]
fn discussion_loads() {
    let overlay =
        ctrlmap::TextOverlay::from_json_str_with_origin(sp800_53::DISCUSSION_JSON, "discussion")
            .unwrap();
    assert_eq!(overlay.document().framework, sp800_53::FRAMEWORK_ID);
    // Every id is a node of the catalog: 1,007 current controls and enhancements and the
    // Program Management family's overview.
    assert!(
        overlay
            .texts()
            .keys()
            .all(|id| sp800_53::catalog().contains(id.as_str()))
    );
    assert_eq!(overlay.texts().len(), 1_008);
    // Links as NIST prints them.
    assert!(overlay.texts().values().all(|t| !t.contains("](#")));
    assert!(sp800_53::discussion("PM").unwrap().contains("[FISMA]"));
}

#[test]
fn known_facts() {
    let c = sp800_53::catalog();
    let ac = c.get("AC").unwrap();
    assert_eq!(
        (ac.kind, ac.title.as_str()),
        (NodeKind::Family, "Access Control")
    );
    let ac2 = c.get("AC-2").unwrap();
    assert!(
        ac2.text
            .as_deref()
            .unwrap()
            .starts_with("a. Define and document the types of accounts")
    );
    assert_eq!(c.find("ac-2.1").unwrap().id.as_str(), "AC-2(1)");
    // Withdrawn with where it went, as NIST says.
    let at3_4 = c.get("AT-3(4)").unwrap();
    assert!(!at3_4.assessable);
    assert_eq!(at3_4.prop("moved_to"), Some("AT-2(4)"));
    let to: Vec<&str> = sp800_53::withdrawn_to("AC-2(10)")
        .into_iter()
        .map(|n| n.node().id.as_str())
        .collect();
    assert_eq!(to, ["AC-2"]);
    assert!(sp800_53::withdrawn_to("AC-2").is_empty());
    // Parameters as NIST prints them, selections included.
    let au6 = c.get("AU-6").unwrap().text.clone().unwrap();
    assert!(
        au6.contains("[Assignment: organization-defined frequency]"),
        "{au6}"
    );
    assert!(
        c.iter()
            .all(|n| !n.text.as_deref().unwrap_or_default().contains("{{"))
    );
    // Every current control and enhancement has NIST's discussion; the withdrawn have none.
    assert!(
        c.assessable()
            .all(|n| sp800_53::discussion(n.id.as_str()).is_some())
    );
    assert!(sp800_53::withdrawn().all(|n| sp800_53::discussion(n.id.as_str()).is_none()));
    assert!(c.iter().all(|n| n.prop(ctrlmap::GUIDANCE_PROP).is_none()));
}

#[test]
fn identifiers_parse_and_refuse() {
    for bad in [
        "",
        "A-1",
        "AC",
        "AC-",
        "AC-x",
        "AC-2(",
        "AC-2()",
        "AC-2(1",
        "AC-2 1",
        "AC-999999",
        "1C-2",
    ] {
        assert!(bad.parse::<Identifier>().is_err(), "{bad:?}");
    }
    let err = "AC-2(x)".parse::<Identifier>().unwrap_err();
    assert!(err.to_string().contains("AC-2(x)"), "{err}");
    // Every control and enhancement's id and OSCAL alias parse back to it.
    for n in sp800_53::controls().chain(sp800_53::enhancements()) {
        let id: Identifier = n.id.as_str().parse().unwrap();
        assert_eq!(id.to_string(), n.id.as_str());
        assert_eq!(Some(id.oscal_id().as_str()), n.prop("alias"));
        assert_eq!(id.node().unwrap().id, n.id);
    }
}

proptest! {
    /// Display and parse are inverse, and every written form reads the same.
    #[test]
    fn identifier_round_trips(f in "[A-Z]{2}", n in 0u16..1000, e in proptest::option::of(0u16..100)) {
        let text = match e { Some(e) => format!("{f}-{n}({e})"), None => format!("{f}-{n}") };
        let id: Identifier = text.parse().unwrap();
        prop_assert_eq!(id.to_string(), text.clone());
        let oscal: Identifier = id.oscal_id().parse().unwrap();
        prop_assert_eq!(oscal, id);
        let padded = match e { Some(e) => format!("{f}-{n:02}({e:02})"), None => format!("{f}-{n:02}") };
        prop_assert_eq!(padded.parse::<Identifier>().unwrap(), id);
    }

    /// No input panics the parser.
    #[test]
    fn identifier_never_panics(text in "\\PC{0,20}") {
        let _ = text.parse::<Identifier>();
    }
}
