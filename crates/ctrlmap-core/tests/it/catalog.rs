use ctrlmap_core::{Catalog, CatalogDocument, LoadError, NodeKind, Problem};
use proptest::prelude::*;

use crate::strategies::catalog_document;

const FRAMEWORK: &str = r#""framework": { "id": "demo", "name": "Demo", "version": "1",
    "publisher": "Us", "licence": { "kind": "summaries_only", "notice": "(c) Us" } }"#;

fn doc(nodes: &str) -> String {
    format!("{{ {FRAMEWORK},\n\"nodes\": [\n{nodes}\n] }}")
}

/// A tree whose document order is not pre-order (B.1 comes after B's sibling C) and whose
/// children reference a parent defined later.
fn sample() -> Catalog {
    Catalog::from_json_str(&doc(r#"
        { "id": "A.1", "kind": "criterion", "title": "A one", "parent": "A", "assessable": true },
        { "id": "A", "kind": "category", "title": "A" },
        { "id": "B", "kind": "category", "title": "B" },
        { "id": "C", "kind": "category", "title": "C" },
        { "id": "B.1", "kind": "criterion", "title": "B one", "parent": "B", "assessable": true },
        { "id": "B.1-POF1", "kind": "point_of_focus", "title": "pof", "parent": "B.1",
          "props": [ { "name": "origin", "value": "tsc" } ] },
        { "id": "B.2", "kind": "criterion", "title": "B two", "parent": "B", "assessable": true }
    "#))
    .unwrap()
}

fn ids<'a>(it: impl Iterator<Item = ctrlmap_core::NodeRef<'a>>) -> Vec<String> {
    it.map(|n| n.id.to_string()).collect()
}

fn problems(text: &str) -> Vec<Problem> {
    match Catalog::from_json_str(text) {
        Err(LoadError::Invalid { problems, origin }) => {
            assert_eq!(origin, "<string>");
            problems
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn navigation() {
    let c = sample();
    assert_eq!(c.len(), 7);
    assert_eq!(
        ids(c.iter()),
        ["A.1", "A", "B", "C", "B.1", "B.1-POF1", "B.2"]
    );
    assert_eq!(ids(c.roots()), ["A", "B", "C"]);
    let b = c.get("B").unwrap();
    assert_eq!(ids(b.children()), ["B.1", "B.2"]);
    assert_eq!(ids(b.descendants()), ["B.1", "B.1-POF1", "B.2"]);
    let pof = c.get("B.1-POF1").unwrap();
    assert_eq!(pof.depth(), 2);
    assert_eq!(ids(pof.ancestors()), ["B.1", "B"]);
    assert_eq!(pof.parent().unwrap().id, "B.1");
    assert_eq!(pof.prop("origin"), Some("tsc"));
    assert_eq!(pof.kind, NodeKind::PointOfFocus);
    assert_eq!(pof.control_ref().to_string(), "demo:B.1-POF1");
    assert_eq!(c.get("A").unwrap().depth(), 0);
    assert!(c.get("C").unwrap().children().next().is_none());
    assert_eq!(ids(c.assessable()), ["A.1", "B.1", "B.2"]);
    assert!(c.get("Z").is_none());
    assert_eq!(c.closest_id("b.3").map(|i| i.as_str()), Some("B.1"));
    let r = "demo:B.2".parse().unwrap();
    assert_eq!(c.resolve(&r).unwrap().title, "B two");
    assert!(c.resolve(&"other:B.2".parse().unwrap()).is_none());
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let text = doc(r#"{ "id": "A", "kind": "category", "title": "A", }"#);
    match Catalog::from_json_str(&text).unwrap_err() {
        LoadError::Syntax {
            line,
            column,
            origin,
            message,
        } => {
            assert_eq!((line, column), (4, 48));
            assert_eq!(origin, "<string>");
            assert!(message.contains("trailing comma"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_fields_bad_kinds_and_bad_ids_are_syntax_errors() {
    for (nodes, needle) in [
        (
            r#"{ "id": "A", "kind": "category", "title": "A", "parnet": "B" }"#,
            "unknown field `parnet`",
        ),
        (
            r#"{ "id": "A", "kind": "chapter", "title": "A" }"#,
            "unknown variant `chapter`",
        ),
        (
            r#"{ "id": "A 1", "kind": "category", "title": "A" }"#,
            "invalid control id \"A 1\"",
        ),
        (
            r#"{ "id": "A", "kind": "category" }"#,
            "missing field `title`",
        ),
    ] {
        let err = Catalog::from_json_str(&doc(nodes)).unwrap_err();
        assert!(matches!(err, LoadError::Syntax { line: 4, .. }), "{err}");
        assert!(err.to_string().contains(needle), "{err}");
    }
}

#[test]
fn every_validation_problem_is_reported_at_once() {
    let found = problems(&doc(r#"
        { "id": "A", "kind": "category", "title": "A" },
        { "id": "A", "kind": "category", "title": "Again" },
        { "id": "B", "kind": "criterion", "title": "  ", "parent": "A" },
        { "id": "C", "kind": "criterion", "title": "C", "parent": "Bx" },
        { "id": "D", "kind": "criterion", "title": "D", "parent": "E" },
        { "id": "E", "kind": "criterion", "title": "E", "parent": "D" },
        { "id": "F", "kind": "criterion", "title": "F", "parent": "F", "summary": "" },
        { "id": "G", "kind": "criterion", "title": "G", "props": [ { "name": "9x", "value": "v" } ] }
    "#));
    assert_eq!(
        found,
        vec![
            Problem::DuplicateId {
                id: "A".parse().unwrap(),
                first: 0,
                index: 1
            },
            Problem::EmptyTitle {
                id: "B".parse().unwrap(),
                index: 2
            },
            Problem::UnknownParent {
                id: "C".parse().unwrap(),
                index: 3,
                parent: "Bx".parse().unwrap(),
                suggestion: Some("B".parse().unwrap()),
            },
            Problem::EmptyField {
                path: "nodes[6].summary".into()
            },
            Problem::InvalidPropertyName {
                path: "nodes[7].props[0].name".into(),
                name: "9x".into()
            },
            Problem::Cycle {
                id: "D".parse().unwrap(),
                index: 4,
                cycle: vec![
                    "D".parse().unwrap(),
                    "E".parse().unwrap(),
                    "D".parse().unwrap()
                ],
            },
            Problem::Cycle {
                id: "F".parse().unwrap(),
                index: 6,
                cycle: vec!["F".parse().unwrap(), "F".parse().unwrap()],
            },
        ]
    );
}

#[test]
fn a_long_cycle_is_reported_once_from_its_first_node() {
    let found = problems(&doc(r#"
        { "id": "X", "kind": "group", "title": "X", "parent": "W" },
        { "id": "W", "kind": "group", "title": "W", "parent": "Z" },
        { "id": "Y", "kind": "group", "title": "Y", "parent": "X" },
        { "id": "Z", "kind": "group", "title": "Z", "parent": "Y" },
        { "id": "tail", "kind": "group", "title": "t", "parent": "Z" }
    "#));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].to_string(),
        "nodes[0] \"X\": parents form a cycle (X -> W -> Z -> Y -> X); a node cannot be its own ancestor"
    );
}

#[test]
fn empty_catalog_and_empty_metadata_are_problems() {
    let text = r#"{ "framework": { "id": "demo", "name": " ", "version": "", "publisher": "Us",
        "licence": { "kind": "public_domain" }, "sources": [ { "title": "" } ] }, "nodes": [] }"#;
    assert_eq!(
        problems(text),
        vec![
            Problem::EmptyField {
                path: "framework.name".into()
            },
            Problem::EmptyField {
                path: "framework.version".into()
            },
            Problem::EmptyField {
                path: "framework.sources[0].title".into()
            },
            Problem::NoNodes,
        ]
    );
}

#[test]
fn errors_name_the_file() {
    let dir = std::env::temp_dir().join(format!("ctrlmap-core-it-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.json");
    std::fs::write(&path, doc(r#"{ "id": "A", "kind": "group", "title": "" }"#)).unwrap();
    let err = Catalog::from_path(&path).unwrap_err();
    assert_eq!(err.origin(), path.display().to_string());
    assert!(err.to_string().starts_with(&path.display().to_string()));
    assert_eq!(err.problems().len(), 1);

    let missing = dir.join("missing.json");
    let err = Catalog::from_path(&missing).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }), "{err:?}");
    std::fs::remove_dir_all(&dir).unwrap();

    let err = Catalog::from_reader(&b"{"[..], "stdin").unwrap_err();
    assert!(err.to_string().starts_with("stdin:1:"), "{err}");
}

#[test]
fn catalogs_deserialize_with_validation() {
    let text = doc(r#"{ "id": "A", "kind": "group", "title": "A", "parent": "A" }"#);
    let err = serde_json::from_str::<Catalog>(&text).unwrap_err();
    assert!(err.to_string().contains("cycle"), "{err}");
    let ok: Catalog =
        serde_json::from_str(&doc(r#"{ "id": "A", "kind": "group", "title": "A" }"#)).unwrap();
    assert_eq!(ok.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn catalogs_round_trip(doc in catalog_document()) {
        let catalog = Catalog::from_document(doc.clone(), "generated").unwrap();
        let json = catalog.to_json_pretty();
        let back = Catalog::from_json_str(&json).unwrap();
        prop_assert_eq!(&back, &catalog);
        prop_assert_eq!(back.document(), &doc);
    }

    #[test]
    fn navigation_invariants(doc in catalog_document()) {
        let catalog = Catalog::from_document(doc, "generated").unwrap();
        let mut reached = 0;
        for root in catalog.roots() {
            prop_assert_eq!(root.depth(), 0);
            reached += 1 + root.descendants().count();
        }
        // Every node is reached exactly once from the roots.
        prop_assert_eq!(reached, catalog.len());
        for node in &catalog {
            prop_assert_eq!(node.ancestors().count(), node.depth());
            for child in node.children() {
                prop_assert_eq!(child.parent(), Some(node));
                prop_assert_eq!(child.depth(), node.depth() + 1);
            }
            let found = catalog.get(node.id.as_str()).unwrap();
            prop_assert_eq!(found, node);
        }
    }

    #[test]
    fn loading_never_panics_on_mutated_documents(doc in catalog_document(), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut bytes = serde_json::to_vec(&doc).unwrap();
        let at = cut.index(bytes.len());
        bytes[at] = byte;
        let _ = ctrlmap_core::load::from_slice::<CatalogDocument>(&bytes, "mutated")
            .and_then(|d| Catalog::from_document(d, "mutated"));
    }
}

/// Each kind of problem, alone in a document of its own, is reported exactly once.
#[test]
fn each_problem_kind_on_its_own() {
    let node = |extra: &str| format!(r#"{{ "id": "A", "kind": "group", "title": "A"{extra} }}"#);
    let cases: Vec<(String, Problem)> = vec![
        (
            format!("{},\n{}", node(""), node("")),
            Problem::DuplicateId {
                id: "A".parse().unwrap(),
                first: 0,
                index: 1,
            },
        ),
        (
            node(r#", "parent": "Q""#),
            Problem::UnknownParent {
                id: "A".parse().unwrap(),
                index: 0,
                parent: "Q".parse().unwrap(),
                suggestion: None,
            },
        ),
        (
            node(r#", "parent": "A""#),
            Problem::Cycle {
                id: "A".parse().unwrap(),
                index: 0,
                cycle: vec!["A".parse().unwrap(), "A".parse().unwrap()],
            },
        ),
        (
            r#"{ "id": "A", "kind": "group", "title": "" }"#.to_owned(),
            Problem::EmptyTitle {
                id: "A".parse().unwrap(),
                index: 0,
            },
        ),
        (
            node(r#", "text": " ""#),
            Problem::EmptyField {
                path: "nodes[0].text".into(),
            },
        ),
        (
            node(r#", "props": [ { "name": "a b", "value": "v" } ]"#),
            Problem::InvalidPropertyName {
                path: "nodes[0].props[0].name".into(),
                name: "a b".into(),
            },
        ),
    ];
    for (nodes, expected) in cases {
        assert_eq!(problems(&doc(&nodes)), vec![expected.clone()], "{nodes}");
        // Every message names where the problem is.
        let text = expected.to_string();
        assert!(text.starts_with("nodes"), "{text}");
    }
}

#[test]
fn licences_reject_unknown_fields_and_kinds() {
    for licence in [
        r#"{ "kind": "public_domain", "extra": 1 }"#,
        r#"{ "kind": "free" }"#,
        r#"{ "notice": "x" }"#,
    ] {
        let text = format!(
            r#"{{ "framework": {{ "id": "d", "name": "D", "version": "1", "publisher": "P", "licence": {licence} }},
                 "nodes": [ {{ "id": "A", "kind": "group", "title": "A" }} ] }}"#
        );
        let err = Catalog::from_json_str(&text).unwrap_err();
        assert!(matches!(err, LoadError::Syntax { .. }), "{licence}: {err}");
    }
}

#[test]
fn aliases_find_nodes_and_must_be_unique() {
    let c = Catalog::from_json_str(&doc(r#"
        { "id": "A", "kind": "standard", "title": "A", "props": [ { "name": "alias", "value": "A(i)" } ] },
        { "id": "B", "kind": "standard", "title": "B" }
    "#))
    .unwrap();
    assert_eq!(c.find("A(i)").unwrap().id, "A");
    assert_eq!(c.find("B").unwrap().id, "B");
    assert!(c.get("A(i)").is_none());
    assert!(c.find("C").is_none());
    let found = problems(&doc(r#"
        { "id": "A", "kind": "standard", "title": "A", "props": [ { "name": "alias", "value": "B" } ] },
        { "id": "B", "kind": "standard", "title": "B", "props": [ { "name": "alias", "value": "X" }, { "name": "alias", "value": "bad alias" } ] },
        { "id": "C", "kind": "standard", "title": "C", "props": [ { "name": "alias", "value": "X" } ] }
    "#));
    let paths: Vec<String> = found
        .iter()
        .map(|p| match p {
            Problem::BadAlias { path, .. } => path.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        paths,
        [
            "nodes[0].props[0].value",
            "nodes[1].props[1].value",
            "nodes[2].props[0].value"
        ]
    );
}

#[test]
fn extensions_add_nodes_all_or_nothing() {
    use ctrlmap_core::CatalogExtension;
    let mut c = sample();
    let ok = CatalogExtension::from_json_str(r#"{ "framework": "demo", "nodes": [
        { "id": "B.1-RS2", "kind": "requirement_statement", "title": "two", "parent": "B.1-RS1" },
        { "id": "B.1-RS1", "kind": "requirement_statement", "title": "one", "parent": "B.1", "assessable": true }
    ] }"#)
    .unwrap();
    c.extend(&ok).unwrap();
    assert_eq!(c.len(), 9);
    assert_eq!(
        ids(c.get("B.1").unwrap().children()),
        ["B.1-POF1", "B.1-RS1"]
    );
    assert_eq!(c.get("B.1-RS2").unwrap().depth(), 3);

    let before = c.clone();
    let bad = CatalogExtension::from_json_str_with_origin(
        r#"{ "framework": "demo", "nodes": [
            { "id": "B.1", "kind": "requirement_statement", "title": "dup of base" },
            { "id": "N1", "kind": "requirement_statement", "title": "x", "parent": "B.9" },
            { "id": "N2", "kind": "requirement_statement", "title": "", "parent": "N2" }
        ] }"#,
        "mine.json",
    )
    .unwrap();
    let err = c.extend(&bad).unwrap_err();
    assert_eq!(c, before, "a failed extension must not change the catalog");
    assert_eq!(err.origin(), "mine.json");
    assert_eq!(
        err.problems(),
        [
            Problem::AlreadyDefined {
                id: "B.1".parse().unwrap(),
                index: 0
            },
            Problem::UnknownParent {
                id: "N1".parse().unwrap(),
                index: 1,
                parent: "B.9".parse().unwrap(),
                suggestion: Some("B.1".parse().unwrap()),
            },
            Problem::EmptyTitle {
                id: "N2".parse().unwrap(),
                index: 2
            },
            Problem::Cycle {
                id: "N2".parse().unwrap(),
                index: 2,
                cycle: vec!["N2".parse().unwrap(), "N2".parse().unwrap()],
            },
        ]
    );
    let other = CatalogExtension::from_json_str(r#"{ "framework": "soc2", "nodes": [] }"#).unwrap();
    assert!(matches!(
        c.extend(&other).unwrap_err().problems(),
        [Problem::WrongFramework { .. }]
    ));
}

#[test]
fn suggestions_stop_after_a_few_so_validation_stays_linear() {
    use ctrlmap_core::suggest::MAX_SUGGESTIONS;
    let nodes: Vec<String> = (0..30)
        .map(|i| {
            format!(r#"{{ "id": "N{i}", "kind": "control", "title": "t", "parent": "M{i}" }}"#)
        })
        .collect();
    let text = format!(
        r#"{{ "framework": {{ "id": "x", "name": "x", "version": "1", "publisher": "p",
            "licence": {{ "kind": "public_domain" }} }}, "nodes": [{}] }}"#,
        nodes.join(",")
    );
    let err = Catalog::from_json_str(&text).unwrap_err();
    let problems = match err {
        ctrlmap_core::LoadError::Invalid { problems, .. } => problems,
        other => panic!("{other}"),
    };
    assert_eq!(problems.len(), 30);
    let suggested = problems
        .iter()
        .filter(|p| {
            matches!(
                p,
                ctrlmap_core::Problem::UnknownParent {
                    suggestion: Some(_),
                    ..
                }
            )
        })
        .count();
    assert_eq!(suggested, MAX_SUGGESTIONS);
}
