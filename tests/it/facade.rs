use ctrlmap::prelude::*;

#[test]
fn builtin_lookup_by_framework_and_reference() {
    assert_eq!(ctrlmap::builtin_catalogs().count(), 4);
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
