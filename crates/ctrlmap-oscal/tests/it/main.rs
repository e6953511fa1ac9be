//! Integration tests of ctrlmap-oscal: one test binary (see STYLE.md).

// Tests fail by panicking: unwrap, expect, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ctrlmap_core::{Catalog, NodeKind};
use ctrlmap_crosswalk::{MappingSet, Relationship};
use ctrlmap_oscal::{OscalError, OscalKind};
use serde_json::Value;

/// Two families of NIST SP 800-53 rev 5.0.1 (OSCAL 1.0.0): AT (6 controls, 11 enhancements)
/// and PS (9 controls, 9 enhancements).
const NIST_AT_PS: &str = include_str!("fixtures/nist-800-53-rev5-at-ps.json");
/// NIST's official OSCAL 1.2.1 JSON Schemas, copied unchanged from shared/reference/oscal/.
const CATALOG_SCHEMA: &str = include_str!("fixtures/oscal_catalog_schema_1.2.1.json");
const MAPPING_SCHEMA: &str = include_str!("fixtures/oscal_mapping_schema_1.2.1.json");

fn validator(schema: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&serde_json::from_str::<Value>(schema).unwrap()).unwrap()
}

fn errors(v: &jsonschema::Validator, json: &str) -> Vec<String> {
    let value: Value = serde_json::from_str(json).unwrap();
    v.iter_errors(&value)
        .take(10)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

fn nist() -> Catalog {
    ctrlmap_oscal::catalog_from_json(
        NIST_AT_PS,
        "nist.json",
        Some("nist-800-53".parse().unwrap()),
    )
    .unwrap()
}

#[test]
fn imports_nist_families_with_exact_counts() {
    let c = nist();
    let count = |k| c.iter().filter(|n| n.kind == k).count();
    // NIST's groups are of class `family`.
    assert_eq!(count(NodeKind::Family), 2);
    assert_eq!(count(NodeKind::Control), 15);
    assert_eq!(count(NodeKind::ControlEnhancement), 20);
    // Three of the 35 are withdrawn: kept so that their ids resolve, not assessable, and
    // saying where they went, as NIST's links do.
    assert_eq!(c.assessable().count(), 32);
    let moved = c.get("at-3.4").unwrap();
    assert!(!moved.assessable);
    assert_eq!(moved.prop("status"), Some("withdrawn"));
    assert_eq!(moved.prop(ctrlmap_oscal::MOVED_TO_PROP), Some("at-2.4"));
    let at5 = c.get("at-5").unwrap();
    assert!(!at5.assessable);
    assert_eq!(
        at5.prop(ctrlmap_oscal::INCORPORATED_INTO_PROP),
        Some("pm-15")
    );
    assert_eq!(
        c.get("ps-6.1")
            .unwrap()
            .prop(ctrlmap_oscal::INCORPORATED_INTO_PROP),
        Some("ps-3")
    );
    let at2 = c.get("at-2").unwrap();
    assert_eq!(at2.title, "Literacy Training and Awareness");
    assert_eq!(at2.prop("label"), Some("AT-2"));
    assert_eq!(at2.prop("sort-id"), Some("at-02"));
    assert_eq!(at2.prop("class"), Some("SP800-53"));
    assert_eq!(at2.parent().unwrap().id, "at");
    assert!(
        at2.text
            .as_deref()
            .unwrap()
            .starts_with("a. Provide security and privacy literacy training"),
        "{:?}",
        at2.text
    );
    assert!(at2.summary.is_none());
    assert!(
        at2.prop(ctrlmap::GUIDANCE_PROP).unwrap().len() > 100,
        "NIST's discussion is kept verbatim as the guidance property"
    );
    // Parameters written as NIST prints them, not as OSCAL's insert markers.
    let text = at2.text.as_deref().unwrap();
    assert!(
        text.contains(
            "1. As part of initial training for new users and [Assignment: organization-defined frequency] thereafter; and"
        ),
        "{text}"
    );
    assert!(
        c.iter()
            .all(|n| !n.text.as_deref().unwrap_or_default().contains("{{"))
    );
    // NIST's label is an alias: the id people type finds the node.
    assert_eq!(c.find("AT-2(1)").unwrap().id, "at-2.1");
    assert_eq!(c.find("PS-3").unwrap().id, "ps-3");
    let enh = c.get("at-2.1").unwrap();
    assert_eq!(enh.kind, NodeKind::ControlEnhancement);
    assert_eq!(enh.parent().unwrap().id, "at-2");
    assert_eq!(c.framework().version, "5.0.1");
    assert_eq!(
        c.framework().publisher,
        "Joint Task Force, Interagency Working Group"
    );
}

#[test]
fn import_export_import_is_unchanged() {
    let first = nist();
    let exported = ctrlmap_oscal::catalog_to_json(&first);
    let second = ctrlmap_oscal::catalog_from_json(&exported, "export.json", None).unwrap();
    assert_eq!(second, first);
    // Exports are reproducible to the byte.
    assert_eq!(ctrlmap_oscal::catalog_to_json(&second), exported);
}

#[test]
fn exports_validate_against_nist_schema() {
    let v = validator(CATALOG_SCHEMA);
    assert_eq!(
        errors(&v, &ctrlmap_oscal::catalog_to_json(&nist())),
        Vec::<String>::new()
    );
    // A broken export is caught, so the check has teeth.
    let broken =
        ctrlmap_oscal::catalog_to_json(&nist()).replacen("\"uuid\": \"", "\"uuid\": \"x", 1);
    assert!(!errors(&v, &broken).is_empty());
}

#[test]
fn detects_document_kinds() {
    assert_eq!(ctrlmap_oscal::detect(NIST_AT_PS), Some(OscalKind::Catalog));
    assert_eq!(
        ctrlmap_oscal::detect(r#"{ "$schema": "x", "mapping-collection": {} }"#),
        Some(OscalKind::MappingCollection)
    );
    assert_eq!(ctrlmap_oscal::detect("[]"), None);
    assert_eq!(ctrlmap_oscal::detect(""), None);
}

fn demo_set() -> MappingSet {
    MappingSet::from_json_str(
        r#"{ "id": "a-b", "title": "A to B", "source_framework": "a", "target_framework": "b",
        "rationale": "semantic",
        "provenance": { "publisher": "P", "document": "D", "version": "2", "published": "2024-03",
                        "licence": "MIT", "method": "expert", "note": "Assumes things." },
        "mappings": [
          { "source": "a:A1", "target": "b:B.1(a)", "relationship": "subset_of", "strength": 8, "note": "A1 is narrower." },
          { "source": "a:A2", "target": "b:B2", "relationship": "equal", "rationale": "syntactic", "strength": 10 },
          { "source": "a:A3", "target": "b:B3", "relationship": "not_related", "strength": 3 }
        ],
        "unmapped": [ { "control": "a:A4", "reason": "No counterpart." } ] }"#,
    )
    .unwrap()
}

#[test]
fn mapping_sets_round_trip_and_validate() {
    let set = demo_set();
    let json = ctrlmap_oscal::mapping_set_to_json(&set);
    assert_eq!(
        errors(&validator(MAPPING_SCHEMA), &json),
        Vec::<String>::new()
    );
    assert!(json.contains("\"relationship\": \"subset-of\""));
    assert!(json.contains("\"relationship\": \"no-relationship\""));
    assert!(json.contains("\"matching-rationale\": \"semantic\""));
    let back = ctrlmap_oscal::mapping_set_from_json(&json, "m.json", None).unwrap();
    assert_eq!(
        back,
        MappingSet::from_document(set.document().clone(), "m.json").unwrap()
    );
}

#[test]
fn unknown_relationship_tokens_are_refused() {
    let json =
        ctrlmap_oscal::mapping_set_to_json(&demo_set()).replace("\"subset-of\"", "\"related-to\"");
    let err = ctrlmap_oscal::mapping_set_from_json(&json, "m.json", None).unwrap_err();
    assert!(matches!(err, OscalError::Invalid { .. }), "{err}");
    assert!(
        err.to_string().contains("unknown token \"related-to\""),
        "{err}"
    );
    for (token, r) in [
        ("equal-to", Relationship::Equal),
        ("equivalent-to", Relationship::Equal),
        ("no-relationship", Relationship::NotRelated),
    ] {
        assert_eq!(ctrlmap_oscal::relationship_from_token(token), Some(r));
    }
    for &r in Relationship::ALL {
        assert_eq!(
            ctrlmap_oscal::relationship_from_token(ctrlmap_oscal::relationship_token(r)),
            Some(r)
        );
    }
}

#[test]
fn foreign_collections_need_their_frameworks() {
    let json = ctrlmap_oscal::mapping_set_to_json(&demo_set())
        .replace(ctrlmap_oscal::CTRLMAP_NS, "https://example.com/ns");
    let err = ctrlmap_oscal::mapping_set_from_json(&json, "m.json", None).unwrap_err();
    assert!(err.to_string().contains("no framework id"), "{err}");
    let set = ctrlmap_oscal::mapping_set_from_json(
        &json,
        "m.json",
        Some(("a".parse().unwrap(), "b".parse().unwrap())),
    )
    .unwrap();
    assert_eq!(set.mappings().len(), 3);
    assert_eq!(
        set.mappings()[0].strength,
        5,
        "strength unknown to other tools defaults to 5"
    );
}

#[test]
fn malformed_documents_are_errors_not_panics() {
    for text in [
        "",
        "{",
        "{\"catalog\": 1}",
        "{\"catalog\": {\"uuid\": \"u\"}}",
        "[1,2]",
    ] {
        assert!(
            ctrlmap_oscal::catalog_from_json(text, "x", None).is_err(),
            "{text:?}"
        );
        assert!(
            ctrlmap_oscal::mapping_set_from_json(text, "x", None).is_err(),
            "{text:?}"
        );
    }
    // A control id that is not a ctrlmap id.
    let bad = NIST_AT_PS.replacen("\"id\": \"at-1\"", "\"id\": \"at 1\"", 1);
    assert!(ctrlmap_oscal::catalog_from_json(&bad, "x", Some("n".parse().unwrap())).is_err());
}

/// Inputs the fuzzer found (fuzz/fuzz_targets/oscal.rs), kept as regression tests: what
/// imports must export and import back unchanged.
#[test]
fn fuzz_regressions_round_trip() {
    for text in [
        include_str!("fixtures/fuzz-oscal-roundtrip-1.json"),
        include_str!("fixtures/fuzz-oscal-roundtrip-2.json"),
        include_str!("fixtures/fuzz-oscal-roundtrip-3.json"),
    ] {
        let first = ctrlmap_oscal::catalog_from_json(text, "fuzz", None).unwrap();
        let exported = ctrlmap_oscal::catalog_to_json(&first);
        let again = ctrlmap_oscal::catalog_from_json(&exported, "fuzz", None).unwrap();
        assert!(again == first, "round trip changed the catalog");
    }
}

/// A chain `depth` nodes deep (`N0` > `N1` > …), the deepest assessable, with a second
/// branch under the top to check that order is kept.
fn chain(depth: usize) -> Catalog {
    let mut nodes = vec![r#"{ "id": "N0", "kind": "group", "title": "N0" }"#.to_owned()];
    for i in 1..depth {
        let assessable = i + 1 == depth;
        nodes.push(format!(
            r#"{{ "id": "N{i}", "kind": "group", "title": "N{i}", "parent": "N{}", "assessable": {assessable} }}"#,
            i - 1
        ));
    }
    nodes.push(r#"{ "id": "S", "kind": "group", "title": "S", "parent": "N0" }"#.to_owned());
    Catalog::from_json_str(&format!(
        r#"{{ "framework": {{ "id": "deep", "name": "Deep", "version": "1", "publisher": "p",
            "licence": {{ "kind": "public_domain" }} }}, "nodes": [{}] }}"#,
        nodes.join(",")
    ))
    .unwrap()
}

#[test]
fn any_depth_the_loader_accepts_round_trips_through_oscal() {
    for depth in [10, 63, 100, 250] {
        let catalog = chain(depth);
        let json = ctrlmap_oscal::catalog_to_json(&catalog);
        let back = ctrlmap_oscal::catalog_from_json(&json, "deep.json", None)
            .unwrap_or_else(|e| panic!("{depth}: {e}"));
        assert_eq!(back.len(), catalog.len(), "{depth}");
        let ids = |c: &Catalog| c.iter().map(|n| n.id.to_string()).collect::<Vec<_>>();
        assert_eq!(ids(&back), ids(&catalog), "{depth}: document order");
        for node in &catalog {
            let other = back.get(node.id.as_str()).unwrap();
            assert_eq!(
                other.parent().map(|p| p.id.to_string()),
                node.parent().map(|p| p.id.to_string()),
                "{depth}: {}",
                node.id
            );
            assert_eq!(other.assessable, node.assessable);
        }
        // Still valid OSCAL 1.2.1.
        let v = validator(CATALOG_SCHEMA);
        assert_eq!(errors(&v, &json), Vec::<String>::new(), "{depth}");
        // Shallow catalogs nest as before: nothing is detached.
        if depth < 40 {
            assert!(!json.contains("\"parent\""), "{depth}");
        }
    }
}

#[test]
fn ids_that_collide_as_tokens_get_distinct_suffixes() {
    // "A+B", "A/B" … all become the token "A_B"; each gets its own, in order, and the
    // original id survives the round trip.
    let ids = ["A+B", "A/B", "A-B", "A*B", "A&B"];
    let nodes: Vec<String> = ids
        .iter()
        .map(|i| {
            format!(r#"{{ "id": "{i}", "kind": "control", "title": "t", "assessable": true }}"#)
        })
        .collect();
    let text = format!(
        r#"{{ "framework": {{ "id": "tok", "name": "Tok", "version": "1", "publisher": "p",
            "licence": {{ "kind": "public_domain" }} }}, "nodes": [{}] }}"#,
        nodes.join(",")
    );
    let catalog = Catalog::from_json_str(&text).unwrap();
    let json = ctrlmap_oscal::catalog_to_json(&catalog);
    assert!(
        json.contains("\"id\": \"A_B-2\"") && json.contains("\"id\": \"A_B-4\""),
        "{json}"
    );
    let back = ctrlmap_oscal::catalog_from_json(&json, "tok.json", None).unwrap();
    let got: Vec<String> = back.iter().map(|n| n.id.to_string()).collect();
    assert_eq!(got, ids);
}

/// A map of many sources by many targets cannot expand a small file into gigabytes (#22):
/// the expansion is bounded by the file's size, and refused before any row is made.
#[test]
fn many_by_many_maps_are_bounded_by_the_file() {
    let json = ctrlmap_oscal::mapping_set_to_json(&demo_set());
    let mut doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let map = &mut doc["mapping-collection"]["mappings"][0]["maps"][0];
    let refs = |n: usize| -> serde_json::Value {
        (0..n)
            .map(|i| serde_json::json!({ "type": "control", "id-ref": format!("C{i}") }))
            .collect()
    };
    map["sources"] = refs(700);
    map["targets"] = refs(700);
    let text = serde_json::to_string(&doc).unwrap();
    let err = ctrlmap_oscal::mapping_set_from_json(&text, "big.json", None).unwrap_err();
    assert!(
        err.to_string().contains(
            "maps[0]: 700 sources by 700 targets (with the maps before it) expand to more than 16 times the file's size"
        ),
        "{err}"
    );
    // A long remark copied into every row counts as well.
    let mut doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let map = &mut doc["mapping-collection"]["mappings"][0]["maps"][0];
    map["sources"] = refs(40);
    map["targets"] = refs(40);
    map["remarks"] = serde_json::json!("x".repeat(500_000));
    let text = serde_json::to_string(&doc).unwrap();
    assert!(ctrlmap_oscal::mapping_set_from_json(&text, "remarks.json", None).is_err());
}

/// Parameters: a selection is written as NIST prints it, a parameter inside a choice is
/// written out too, and a long label inserted many times cannot grow a small file past 16
/// times its size (#22's rule for the importer): the file is refused, saying why.
#[test]
fn parameters_are_written_out_within_a_budget() {
    let catalog = |params: serde_json::Value, prose: &str| {
        serde_json::json!({ "catalog": {
            "uuid": "00000000-0000-4000-8000-000000000000",
            "metadata": { "title": "Params", "last-modified": "2026-01-01T00:00:00Z",
                          "version": "1", "oscal-version": "1.0.0" },
            "groups": [{ "id": "g", "title": "G", "controls": [{
                "id": "c-1", "title": "C", "params": params,
                "parts": [{ "id": "c-1_smt", "name": "statement", "prose": prose }] }] }] } })
        .to_string()
    };
    let text = catalog(
        serde_json::json!([
            { "id": "p1", "select": { "how-many": "one-or-more",
                                      "choice": ["Daily", "Every {{ insert: param, p2 }}"] } },
            { "id": "p2", "label": "organization-defined period" }
        ]),
        "Review logs {{ insert: param, p1 }}; keep {{ insert: param, p9 }}.",
    );
    let c = ctrlmap_oscal::catalog_from_json(&text, "p.json", Some("p".parse().unwrap())).unwrap();
    assert_eq!(
        c.get("c-1").unwrap().text.as_deref(),
        Some(
            "Review logs [Selection (one or more): Daily; Every [Assignment: organization-defined period]]; keep {{ insert: param, p9 }}."
        )
    );
    let label = "x".repeat(100_000);
    let prose = "{{ insert: param, p1 }} ".repeat(400);
    let text = catalog(serde_json::json!([{ "id": "p1", "label": label }]), &prose);
    let err = ctrlmap_oscal::catalog_from_json(&text, "big.json", Some("p".parse().unwrap()))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(
            "c-1: its parameters, written out, grow the text to more than 16 times the file's size"
        ),
        "{err}"
    );
}

/// OSCAL's markup links are written as NIST prints them: `AT-2` for a link to a control,
/// `[PRIVACT]` for a citation of a back-matter resource.
#[test]
fn links_are_written_as_nist_prints_them() {
    let c = nist();
    let texts = || {
        c.iter()
            .flat_map(|n| {
                [
                    n.text.clone(),
                    n.prop(ctrlmap::GUIDANCE_PROP).map(str::to_owned),
                ]
            })
            .flatten()
    };
    assert!(texts().all(|t| !t.contains("](#")));
    assert!(texts().any(|t| t.contains("[PRIVACT]")));
    assert!(
        texts()
            .any(|t| t.contains("system access controls (see AC-3) and flow controls (see AC-4)."))
    );
}
