//! Reading CPRT exports: a real slice of NIST SP 800-66r2, bad exports, and catalogs.

// Tests fail by panicking: unwrap, expect, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctrlmap_cprt::{CprtError, CprtExport};

const SLICE: &str = include_str!("../fixtures/sp800-66r2-slice.cprt.json");

#[test]
fn a_slice_of_sp_800_66r2_reads_and_navigates() {
    let export = CprtExport::from_json_str(SLICE).unwrap();
    assert_eq!(export.documents()[0].doc_identifier, "SP800_66_2_0_0");
    assert_eq!(export.elements().len(), 9);
    let activities: Vec<&str> = export
        .children("164.308(a)(1)")
        .map(|e| e.element_identifier.as_str())
        .collect();
    assert_eq!(activities, ["KA_164.308(a)(1).1", "KA_164.308(a)(1).2"]);
    let ka = export.get("KA_164.308(a)(1).1").unwrap();
    assert_eq!(
        ka.title,
        "Identify all ePHI and Relevant Information Systems"
    );
    let under: Vec<&str> = export
        .children(&ka.element_identifier)
        .map(|e| e.element_type.as_str())
        .collect();
    assert_eq!(under, ["description", "description", "sample_question"]);
    assert_eq!(
        export
            .parents("164.308(a)(1)(ii)(A)")
            .next()
            .unwrap()
            .element_identifier,
        "KA_164.308(a)(1).2"
    );
    assert_eq!(export.of_type("key_activity").count(), 2);
    assert!(export.get("nope").is_none());
    assert_eq!(export.children("nope").count(), 0);
}

#[test]
fn an_export_becomes_a_catalog() {
    let export = CprtExport::from_json_str(SLICE).unwrap();
    let catalog = export.to_catalog("sp800-66r2".parse().unwrap()).unwrap();
    assert_eq!(catalog.len(), 9);
    let ka = catalog.get("KA_164.308(a)(1).1").unwrap();
    assert_eq!(ka.parent().unwrap().id, "164.308(a)(1)");
    assert_eq!(ka.prop("cprt_element_type"), Some("key_activity"));
    // A description has no title: its text begins it, cut at a word.
    let d = catalog.get("D_164.308(a)(1).1.1").unwrap();
    assert!(d.title.ends_with('…'), "{}", d.title);
    assert!(d.title.chars().count() <= 61);
    assert!(
        d.text
            .as_deref()
            .unwrap()
            .starts_with(d.title.trim_end_matches('…'))
    );
    assert_eq!(
        catalog.framework().name,
        "Implementing the Health Insurance Portability and Accountability Act (HIPAA) Security Rule: A Cybersecurity Resource Guide"
    );
    assert!(catalog.assessable().next().is_none());
}

#[test]
fn bad_exports_are_refused_with_every_problem() {
    let err = CprtExport::from_json_str(
        r#"{ "elements": [
            { "element_type": "a", "element_identifier": "X", "title": "one" },
            { "element_type": "a", "element_identifier": "X", "title": "two" },
            { "element_type": "a", "element_identifier": " " } ],
          "relationships": [
            { "source_element_identifier": "X", "dest_element_identifier": "Y",
              "relationship_identifier": "projection" } ] }"#,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "<string>: elements[1]: \"X\" is used for two different elements; elements[2]: the element_identifier is empty; relationships[0]: dest \"Y\" is not an element of this export"
    );
    assert!(matches!(err, CprtError::Invalid { .. }));
    // Exact duplicates are merged, not refused.
    let ok = CprtExport::from_json_str(
        r#"{ "elements": [
            { "element_type": "a", "element_identifier": "X" },
            { "element_type": "a", "element_identifier": "X" } ] }"#,
    )
    .unwrap();
    assert_eq!(ok.elements().len(), 1);
    // Not JSON, or not an export.
    assert!(matches!(
        CprtExport::from_json_str("{ \"elements\": 3 }"),
        Err(CprtError::Load(_))
    ));
    // A cycle of parents is no catalog.
    let cycle = CprtExport::from_json_str(
        r#"{ "elements": [
            { "element_type": "a", "element_identifier": "A" },
            { "element_type": "a", "element_identifier": "B" } ],
          "relationships": [
            { "source_element_identifier": "A", "dest_element_identifier": "B", "relationship_identifier": "projection" },
            { "source_element_identifier": "B", "dest_element_identifier": "A", "relationship_identifier": "projection" } ] }"#,
    )
    .unwrap();
    assert!(cycle.to_catalog("x".parse().unwrap()).is_err());
}

proptest::proptest! {
    #[test]
    fn never_panics_on_any_text(text in ".{0,200}") {
        let _ = CprtExport::from_json_str(&text);
    }
}
