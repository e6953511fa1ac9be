//! Small catalogs and mapping sets built from strings.

use ctrlmap_core::Catalog;
use ctrlmap_crosswalk::{Crosswalk, MappingSet};

/// A catalog of assessable controls, each `id` titled `Title id`.
pub(crate) fn catalog(framework: &str, ids: &[&str]) -> Catalog {
    let nodes: Vec<String> = ids
        .iter()
        .map(|c| {
            format!(
                r#"{{ "id": "{c}", "kind": "control", "title": "Title {c}", "assessable": true }}"#
            )
        })
        .collect();
    Catalog::from_json_str(&format!(
        r#"{{ "framework": {{ "id": "{framework}", "name": "Framework {framework}", "version": "1",
            "publisher": "x", "licence": {{ "kind": "public_domain" }} }}, "nodes": [{}] }}"#,
        nodes.join(",")
    ))
    .unwrap()
}

/// The JSON of a mapping set from rows `(source, relationship, target, strength)`.
pub(crate) fn set_json(id: &str, from: &str, to: &str, rows: &[(&str, &str, &str, u8)]) -> String {
    let rows: Vec<String> = rows
        .iter()
        .map(|(s, r, t, n)| {
            format!(r#"{{ "source": "{s}", "target": "{t}", "relationship": "{r}", "strength": {n}, "note": "{s} {r} {t}" }}"#)
        })
        .collect();
    format!(
        r#"{{ "id": "{id}", "title": "Set {id}", "source_framework": "{from}", "target_framework": "{to}",
            "rationale": "semantic",
            "provenance": {{ "publisher": "tests", "document": "fixtures", "version": "1",
                            "licence": "MIT", "method": "expert" }},
            "mappings": [{}] }}"#,
        rows.join(",")
    )
}

pub(crate) fn set(id: &str, from: &str, to: &str, rows: &[(&str, &str, &str, u8)]) -> MappingSet {
    MappingSet::from_json_str(&set_json(id, from, to, rows)).unwrap()
}

/// Frameworks a (A1–A3), b (B1–B3), c (C1–C3), and two sets:
/// a:A1 subset b:B1, a:A2 equal b:B2, a:A3 intersects b:B3; b:B1 subset c:C1, b:B2 superset
/// c:C2, b:B3 equal c:C3.
pub(crate) fn abc() -> Crosswalk {
    let mut cw = Crosswalk::new();
    cw.add_catalog(&catalog("a", &["A1", "A2", "A3"])).unwrap();
    cw.add_catalog(&catalog("b", &["B1", "B2", "B3"])).unwrap();
    cw.add_catalog(&catalog("c", &["C1", "C2", "C3"])).unwrap();
    cw.add_mapping_set(&set(
        "a-b",
        "a",
        "b",
        &[
            ("a:A1", "subset_of", "b:B1", 9),
            ("a:A2", "equal", "b:B2", 10),
            ("a:A3", "intersects_with", "b:B3", 5),
        ],
    ))
    .unwrap();
    cw.add_mapping_set(&set(
        "b-c",
        "b",
        "c",
        &[
            ("b:B1", "subset_of", "c:C1", 7),
            ("b:B2", "superset_of", "c:C2", 8),
            ("b:B3", "equal", "c:C3", 6),
        ],
    ))
    .unwrap();
    cw
}
