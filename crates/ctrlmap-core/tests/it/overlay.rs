use ctrlmap_core::{Catalog, LoadError, Problem, TextOverlay};

fn catalog() -> Catalog {
    Catalog::from_json_str(
        r#"{
      "framework": { "id": "demo", "name": "Demo", "version": "1", "publisher": "Us",
                     "licence": { "kind": "summaries_only", "notice": "(c) Us" } },
      "nodes": [
        { "id": "P1", "kind": "principle", "title": "One" },
        { "id": "P2", "kind": "principle", "title": "Two", "text": "old" }
      ]
    }"#,
    )
    .unwrap()
}

#[test]
fn an_overlay_sets_full_texts() {
    let mut c = catalog();
    let overlay = TextOverlay::from_json_str(
        r#"{ "$schema": "x", "framework": "demo", "texts": { "P1": "full one", "P2": "full two" },
             "source": { "title": "Demo, licensed edition" } }"#,
    )
    .unwrap();
    c.apply_overlay(&overlay).unwrap();
    assert_eq!(c.get("P1").unwrap().text.as_deref(), Some("full one"));
    assert_eq!(c.get("P2").unwrap().text.as_deref(), Some("full two"));
}

#[test]
fn an_overlay_with_unknown_ids_changes_nothing_and_names_every_one() {
    let mut c = catalog();
    let before = c.clone();
    let overlay = TextOverlay::from_json_str_with_origin(
        r#"{ "framework": "demo", "texts": { "P1": "full", "P3": "x", "Q9": "y" } }"#,
        "mine.json",
    )
    .unwrap();
    let err = c.apply_overlay(&overlay).unwrap_err();
    assert_eq!(c, before, "a failed overlay must not change the catalog");
    assert_eq!(err.origin(), "mine.json");
    let unknown: Vec<String> = err
        .problems()
        .iter()
        .map(|p| match p {
            Problem::UnknownId { id, .. } => id.to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(unknown, ["P3", "Q9"]);
    assert!(err.to_string().contains("(did you mean \"P1\"?)"), "{err}");
}

#[test]
fn an_overlay_for_another_framework_is_refused() {
    let mut c = catalog();
    let overlay =
        TextOverlay::from_json_str(r#"{ "framework": "soc2", "texts": { "P1": "x" } }"#).unwrap();
    let err = c.apply_overlay(&overlay).unwrap_err();
    assert!(
        matches!(err.problems(), [Problem::WrongFramework { .. }]),
        "{err}"
    );
    assert_eq!(c, catalog());
}

#[test]
fn empty_texts_and_bad_ids_are_rejected_at_load() {
    let err =
        TextOverlay::from_json_str(r#"{ "framework": "demo", "texts": { "P1": " ", "P2": "" } }"#)
            .unwrap_err();
    assert_eq!(
        err.problems(),
        [
            Problem::EmptyField {
                path: "texts.P1".into()
            },
            Problem::EmptyField {
                path: "texts.P2".into()
            }
        ]
    );
    let err = TextOverlay::from_json_str(r#"{ "framework": "demo", "texts": { "P 1": "x" } }"#)
        .unwrap_err();
    assert!(matches!(err, LoadError::Syntax { .. }), "{err}");
}
