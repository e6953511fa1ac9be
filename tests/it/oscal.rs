//! OSCAL: every built-in catalog and mapping set exports valid OSCAL 1.2.1 and comes back
//! unchanged; NIST SP 800-53 rev 5 imports whole.

use std::path::Path;

use ctrlmap::NodeKind;
use serde_json::Value;

fn validator(file: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/ctrlmap-oscal/tests/it/fixtures")
        .join(file);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// Compares two catalogs and names the first difference, rather than printing both whole.
fn assert_same(a: &ctrlmap::Catalog, b: &ctrlmap::Catalog) {
    assert_eq!(
        a.framework(),
        b.framework(),
        "framework metadata of {}",
        b.id()
    );
    assert_eq!(a.len(), b.len(), "node count of {}", b.id());
    for (x, y) in a.iter().zip(b.iter()) {
        assert_eq!(x.node(), y.node(), "node {} of {}", y.id, b.id());
    }
    assert!(a == b);
}

fn errors(v: &jsonschema::Validator, json: &str) -> Vec<String> {
    let value: Value = serde_json::from_str(json).unwrap();
    v.iter_errors(&value)
        .take(5)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn builtin_catalogs_export_valid_oscal_and_round_trip() {
    let v = validator("oscal_catalog_schema_1.2.1.json");
    let mut checked = 0;
    for catalog in ctrlmap::builtin_catalogs() {
        let json = ctrlmap::oscal::catalog_to_json(catalog);
        assert_eq!(errors(&v, &json), Vec::<String>::new(), "{}", catalog.id());
        let back = ctrlmap::oscal::catalog_from_json(&json, "export", None).unwrap();
        assert_same(&back, catalog);
        checked += 1;
    }
    assert_eq!(checked, 6);
}

#[test]
fn builtin_mapping_sets_export_valid_oscal_and_round_trip() {
    let v = validator("oscal_mapping_schema_1.2.1.json");
    for set in ctrlmap::builtin_mapping_sets() {
        let json = ctrlmap::oscal::mapping_set_to_json(set);
        assert_eq!(errors(&v, &json), Vec::<String>::new(), "{}", set.id());
        let back = ctrlmap::oscal::mapping_set_from_json(&json, set.origin(), None).unwrap();
        assert_eq!(
            back.document().provenance,
            set.document().provenance,
            "{}",
            set.id()
        );
        assert_eq!(back.mappings().len(), set.mappings().len(), "{}", set.id());
        for (x, y) in back.mappings().iter().zip(set.mappings()) {
            assert_eq!(x, y, "{}", set.id());
        }
        let mut original = set.document().clone();
        original.schema = None;
        assert_eq!(back.document(), &original, "{}", set.id());
    }
    // Confidence is OSCAL's confidence-score; the completeness reason travels as a prop.
    let set = ctrlmap::builtin_mapping_sets()
        .find(|s| s.id() == "hipaa-soc2")
        .unwrap();
    let json: Value = serde_json::from_str(&ctrlmap::oscal::mapping_set_to_json(set)).unwrap();
    let maps = json["mapping-collection"]["mappings"][0]["maps"]
        .as_array()
        .unwrap();
    assert!(
        maps.iter()
            .all(|m| m["confidence-score"]["category"].is_string())
    );
    assert!(maps.iter().any(|m| {
        m["props"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "completeness")
    }));
}

#[test]
fn nist_800_53_rev5_imports_with_the_exact_count_and_round_trips() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/oscal/NIST_SP-800-53_rev5.0.1_catalog_oscal1.0.0.json");
    let text = std::fs::read_to_string(path).unwrap();
    let catalog =
        ctrlmap::oscal::catalog_from_json(&text, "800-53", Some("nist-800-53".parse().unwrap()))
            .unwrap();
    let count = |k| catalog.iter().filter(|n| n.kind == k).count();
    assert_eq!(count(NodeKind::Family), 20);
    assert_eq!(count(NodeKind::Control), 322);
    assert_eq!(count(NodeKind::ControlEnhancement), 867);
    // 1,189 controls and enhancements, 182 of them withdrawn (kept, not assessable).
    let withdrawn = catalog
        .iter()
        .filter(|n| {
            n.props
                .iter()
                .any(|p| p.name == "status" && p.value == "withdrawn")
        })
        .count();
    assert_eq!(withdrawn, 182);
    assert_eq!(catalog.assessable().count(), 1189 - 182);
    // Every control and enhancement found by its label, as NIST prints it.
    assert_eq!(catalog.find("AC-2(1)").unwrap().id, "ac-2.1");
    assert_eq!(
        catalog
            .iter()
            .filter(|n| n.props.iter().any(|p| p.name == "alias"))
            .count(),
        1189
    );
    assert_eq!(
        catalog.get("ac-2.10").unwrap().prop("incorporated_into"),
        Some("ac-2_smt.k"),
        "NIST's target kept as written: item k of AC-2's statement"
    );
    let exported = ctrlmap::oscal::catalog_to_json(&catalog);
    assert_eq!(
        errors(&validator("oscal_catalog_schema_1.2.1.json"), &exported),
        Vec::<String>::new()
    );
    let again = ctrlmap::oscal::catalog_from_json(&exported, "again", None).unwrap();
    assert_same(&again, &catalog);
}

#[test]
fn the_library_takes_oscal_files_directly() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/ctrlmap-oscal/tests/it/fixtures/nist-800-53-rev5-at-ps.json");
    let library = ctrlmap::Library::builder()
        .catalog_path(&fixture)
        .build()
        .unwrap();
    let ids: Vec<&str> = library.catalogs().map(|c| c.id().as_str()).collect();
    assert_eq!(
        ids.len(),
        ctrlmap::builtin_catalogs().count() + 1,
        "{ids:?}"
    );
    // The id derived from the title keeps the revision (#21 item 14).
    let id = "nist-sp-800-53-rev-5";
    let catalog = library.catalog(&id.parse().unwrap()).unwrap();
    assert_eq!(catalog.assessable().count(), 32, "three are withdrawn");
    // As NIST prints it, through the library too.
    let typed = library
        .resolve(&format!("{id}:AT-2(1)").parse().unwrap())
        .unwrap();
    assert_eq!(typed.id, "at-2.1");
    assert!(
        library
            .resolve(&format!("{id}:at-2").parse().unwrap())
            .is_some()
    );
}
