use ctrlmap::prelude::*;

#[test]
fn builtin_lookup_by_framework_and_reference() {
    assert_eq!(ctrlmap::builtin_catalogs().count(), 6);
    let coso = ctrlmap::builtin_catalog(&ctrlmap::coso::FRAMEWORK_ID).unwrap();
    assert!(
        std::ptr::eq(coso, ctrlmap::coso::catalog()),
        "parsed once, shared"
    );
    let r: ControlRef = "coso:P13-POF5".parse().unwrap();
    let node = ctrlmap::resolve(&r).unwrap();
    assert_eq!(node.title, "Considers Costs and Benefits");
    assert_eq!(node.control_ref(), r);
    assert!(ctrlmap::resolve(&"coso:P18".parse().unwrap()).is_none());
    assert_eq!(
        ctrlmap::resolve(&"soc2:CC6.1".parse().unwrap())
            .unwrap()
            .kind,
        NodeKind::Criterion
    );
    assert_eq!(
        ctrlmap::resolve(&"hipaa:164.308(a)(1)(i)".parse().unwrap())
            .unwrap()
            .id,
        "164.308(a)(1)"
    );
    assert_eq!(
        ctrlmap::resolve(&"hitrust:01.a".parse().unwrap())
            .unwrap()
            .title,
        "Access Control Policy"
    );
    assert!(ctrlmap::resolve(&"nist-800-53:AC-1".parse().unwrap()).is_none());
}

#[test]
fn overlays_apply_to_a_copy_of_a_builtin_catalog() {
    let mut mine: Catalog = ctrlmap::coso::catalog().clone();
    let overlay = TextOverlay::from_json_str(
        r#"{ "framework": "coso", "texts": { "P1": "Licensed text of principle 1." } }"#,
    )
    .unwrap();
    mine.apply_overlay(&overlay).unwrap();
    assert_eq!(
        mine.get("P1").unwrap().text.as_deref(),
        Some("Licensed text of principle 1.")
    );
    assert!(ctrlmap::coso::catalog().get("P1").unwrap().text.is_none());
}

#[test]
fn schema_registry_names_each_format_once() {
    let names: Vec<&str> = ctrlmap::schema::names().collect();
    assert_eq!(
        names,
        [
            "catalog",
            "text-overlay",
            "catalog-extension",
            "mapping-set",
            "coverage-report",
            "readiness-report",
            "applicability",
            "crosswalk-export",
            "soc2-engagement",
            "hitrust-assessment",
            "hipaa-addressable-decisions"
        ]
    );
    assert!(ctrlmap::schema::get("oscal-catalog").is_none());
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len());
}

/// A CPRT export becomes a catalog in the order of NIST's document (#21 item 15): siblings by
/// their citation, or by the export's sort keys where it has them.
#[test]
fn cprt_imports_keep_the_documents_order() {
    let export = ctrlmap::cprt::CprtExport::from_json_str_with_origin(
        ctrlmap::hipaa::guidance::GUIDANCE_JSON,
        "sp800-66r2",
    )
    .unwrap();
    let catalog = export.to_catalog("sp800-66".parse().unwrap()).unwrap();
    let ids: Vec<&str> = catalog.iter().map(|n| n.node().id.as_str()).collect();
    let at = |id: &str| ids.iter().position(|i| *i == id).unwrap();
    assert!(at("KA_164.308(b)(1).1") < at("KA_164.308(b)(1).2"));
    assert!(at("KA_164.308(b)(1).2") < at("KA_164.308(b)(1).3"));
    assert!(at("164.308(a)(7)") < at("164.308(b)(1)"));
    assert!(at("KA_164.308(a)(1).2") < at("KA_164.308(a)(1).9"));
    // Where the export gives sort keys (CSF 2.0 does), they decide: GOVERN before IDENTIFY
    // before DETECT, not the alphabet. An API-wrapped export reads the same.
    let csf_like = r#"{ "response": { "requestType": 4, "elements": {
        "documents": [ { "doc_identifier": "X", "name": "X", "version": "1" } ],
        "elements": [
          { "element_type": "function", "element_identifier": "DE", "title": "DETECT", "text": "", "doc_identifier": "X" },
          { "element_type": "function", "element_identifier": "GV", "title": "GOVERN", "text": "", "doc_identifier": "X" },
          { "element_type": "function", "element_identifier": "ID", "title": "IDENTIFY", "text": "", "doc_identifier": "X" },
          { "element_type": "sort", "element_identifier": "S-DE", "title": "00004", "text": "", "doc_identifier": "X" },
          { "element_type": "sort", "element_identifier": "S-GV", "title": "00001", "text": "", "doc_identifier": "X" },
          { "element_type": "sort", "element_identifier": "S-ID", "title": "00002", "text": "", "doc_identifier": "X" } ],
        "relationships": [
          { "source_element_identifier": "DE", "source_doc_identifier": "X", "dest_element_identifier": "S-DE", "dest_doc_identifier": "X", "relationship_identifier": "projection", "provenance_doc_identifier": "X" },
          { "source_element_identifier": "GV", "source_doc_identifier": "X", "dest_element_identifier": "S-GV", "dest_doc_identifier": "X", "relationship_identifier": "projection", "provenance_doc_identifier": "X" },
          { "source_element_identifier": "ID", "source_doc_identifier": "X", "dest_element_identifier": "S-ID", "dest_doc_identifier": "X", "relationship_identifier": "projection", "provenance_doc_identifier": "X" } ] } } }"#;
    let export = ctrlmap::cprt::CprtExport::from_json_str(csf_like).unwrap();
    let catalog = export.to_catalog("x".parse().unwrap()).unwrap();
    let roots: Vec<&str> = catalog.roots().map(|n| n.node().id.as_str()).collect();
    assert_eq!(roots, ["GV", "ID", "DE"]);
}

/// An extension cannot add law to a catalog of published law (#22), and what it may add is
/// marked as the organization's own wherever it is shown.
#[test]
fn extensions_add_the_organizations_own_never_the_law() {
    let fake_law = r#"{ "framework": "hipaa", "nodes": [
        { "id": "164.312(a)(2)(v)", "kind": "implementation_specification",
          "title": "Invented", "text": "(v) Invented regulation text (Required).",
          "parent": "164.312(a)", "assessable": true,
          "props": [ { "name": "requirement", "value": "required" } ] } ] }"#;
    let err = ctrlmap::Library::builder()
        .extension_str(fake_law, "fake.json")
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(
            "a implementation_specification cannot be added to a catalog of published law"
        ) || err.contains("cannot be added to a catalog of published law"),
        "{err}"
    );
    let own = r#"{ "framework": "hipaa", "nodes": [
        { "id": "ACME-1", "kind": "control", "title": "Acme's own logging rule",
          "parent": "164.312(b)", "assessable": true } ] }"#;
    let library = ctrlmap::Library::builder()
        .extension_str(own, "acme.json")
        .build()
        .unwrap();
    let node = library.resolve(&"hipaa:ACME-1".parse().unwrap()).unwrap();
    assert_eq!(node.prop("added_by"), Some("acme.json"));
    let report = library
        .readiness_report(
            &[Holding::Group("soc2:security".parse().unwrap())],
            &ctrlmap::hipaa::FRAMEWORK_ID,
            &CoverageOptions::new(),
            &ctrlmap::report::ReportContext::new(),
        )
        .unwrap();
    let gap = report
        .gaps
        .iter()
        .find(|g| g.control == "hipaa:ACME-1")
        .unwrap();
    assert_eq!(
        gap.why[0],
        "Added by acme.json: the organization's own, not part of HIPAA as published."
    );
    // The assumptions name every file of the user's the answer rests on.
    assert_eq!(report.assumptions.your_files, ["extension acme.json"]);
    assert!(
        ctrlmap::report::to_text(&report, 100).contains("\n  Your files: extension acme.json\n")
    );
}

/// Extensions of one framework are applied together (#22): many small files cost one
/// rebuild, a later file may build on an earlier one, and each node says which file added it.
#[test]
fn many_extensions_apply_together() {
    let mut builder = ctrlmap::Library::builder();
    builder = builder.extension_str(
        r#"{ "framework": "coso", "nodes": [ { "id": "ACME", "kind": "group", "title": "Acme" } ] }"#,
        "acme-0.json",
    );
    for i in 1..200 {
        builder = builder.extension_str(
            format!(
                r#"{{ "framework": "coso", "nodes": [ {{ "id": "ACME-{i}", "kind": "control", "title": "Acme {i}", "parent": "ACME", "assessable": true }} ] }}"#
            ),
            format!("acme-{i}.json"),
        );
    }
    let library = builder.build().unwrap();
    let coso = library.catalog(&ctrlmap::coso::FRAMEWORK_ID).unwrap();
    assert_eq!(coso.get("ACME").unwrap().children().count(), 199);
    assert_eq!(
        coso.get("ACME-7").unwrap().prop("added_by"),
        Some("acme-7.json")
    );
    assert_eq!(
        coso.get("ACME").unwrap().prop("added_by"),
        Some("acme-0.json")
    );
    // One bad file among them is named, and the others still apply one by one.
    let err = ctrlmap::Library::builder()
        .extension_str(
            r#"{ "framework": "coso", "nodes": [ { "id": "X1", "kind": "control", "title": "X", "parent": "NOPE" } ] }"#,
            "bad.json",
        )
        .extension_str(
            r#"{ "framework": "coso", "nodes": [ { "id": "X2", "kind": "control", "title": "Y" } ] }"#,
            "good.json",
        )
        .build()
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("bad.json: "), "{err}");
    assert!(!err.contains("good.json"), "{err}");
}
