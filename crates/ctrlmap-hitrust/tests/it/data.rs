use ctrlmap_core::{Catalog, CatalogExtension, NodeKind, TextLicence};
use ctrlmap_hitrust::{CATALOG_JSON, Category, ControlReferenceId, ObjectiveId, catalog};

#[test]
fn builtin_catalog_loads() {
    let parsed = Catalog::from_json_str(CATALOG_JSON);
    assert!(parsed.is_ok(), "{}", parsed.unwrap_err());
    assert!(matches!(
        catalog().licence(),
        TextLicence::SummariesOnly { .. }
    ));
}

#[test]
fn exact_counts_14_49_156() {
    let count = |k| catalog().iter().filter(|n| n.kind == k).count();
    assert_eq!(count(NodeKind::Category), 14);
    assert_eq!(count(NodeKind::Objective), 49);
    assert_eq!(count(NodeKind::ControlReference), 156);
    assert_eq!(
        count(NodeKind::RequirementStatement),
        0,
        "no requirement statements are shipped"
    );
    assert_eq!(ObjectiveId::all().count(), 49);
    assert_eq!(ControlReferenceId::all().count(), 156);
    assert!(catalog().iter().all(|n| n.text.is_none()));
}

#[test]
fn references_and_objectives_per_category() {
    let refs: Vec<usize> = Category::ALL
        .iter()
        .map(|c| {
            c.node()
                .unwrap()
                .descendants()
                .filter(|n| n.kind == NodeKind::ControlReference)
                .count()
        })
        .collect();
    assert_eq!(refs, [1, 25, 9, 4, 2, 11, 10, 5, 13, 32, 13, 5, 5, 21]);
    let objectives: Vec<usize> = Category::ALL
        .iter()
        .map(|c| {
            c.node()
                .unwrap()
                .children()
                .filter(|n| n.kind == NodeKind::Objective)
                .count()
        })
        .collect();
    assert_eq!(objectives, [1, 7, 4, 1, 1, 2, 3, 2, 2, 10, 6, 2, 1, 7]);
    for &c in Category::ALL {
        assert_eq!(c.node().unwrap().title, c.name());
        assert_eq!(
            c.control_references().count(),
            refs[usize::from(c.number())]
        );
    }
}

#[test]
fn typed_ids_match_the_catalog_in_order() {
    let data: Vec<String> = catalog()
        .iter()
        .filter(|n| n.kind == NodeKind::ControlReference)
        .map(|n| n.id.to_string())
        .collect();
    let typed: Vec<String> = ControlReferenceId::all().map(|r| r.to_string()).collect();
    assert_eq!(data, typed);
    let data: Vec<String> = catalog()
        .iter()
        .filter(|n| n.kind == NodeKind::Objective)
        .map(|n| n.id.to_string())
        .collect();
    let typed: Vec<String> = ObjectiveId::all().map(|r| r.to_string()).collect();
    assert_eq!(data, typed);
    assert_eq!(typed.last().map(String::as_str), Some("13.07"));
}

#[test]
fn known_names_and_groupings() {
    let title = |id: &str| catalog().get(id).unwrap().node().title.clone();
    assert_eq!(title("01.a"), "Access Control Policy");
    assert_eq!(title("09.af"), "Clock Synchronization");
    assert_eq!(title("10.m"), "Control of Technical Vulnerabilities");
    let r: ControlReferenceId = "01.d".parse().unwrap();
    assert_eq!(r.objective().unwrap().to_string(), "01.02");
    let o: ObjectiveId = "09.10".parse().unwrap();
    let refs: Vec<String> = o.control_references().map(|r| r.to_string()).collect();
    assert_eq!(refs, ["09.aa", "09.ab", "09.ac", "09.ad", "09.ae", "09.af"]);
}

#[test]
fn doubtful_names_are_not_presented_as_fact() {
    // Category 13: the grouping under objectives is unknown, and weakly sourced names are in
    // a property, with a neutral title.
    for r in Category::PrivacyPractices.control_references() {
        let node = r.node().unwrap();
        assert_eq!(node.parent().unwrap().id, "13", "{r}");
        assert_eq!(node.prop("objective_unknown"), Some("true"));
        assert!(r.objective().is_none());
    }
    let unverified: Vec<String> = catalog()
        .iter()
        .filter(|n| n.prop("name_confidence") == Some("unverified"))
        .map(|n| n.id.to_string())
        .collect();
    assert_eq!(
        unverified,
        [
            "13.01", "13.02", "13.03", "13.04", "13.05", "13.06", "13.07", "13.g", "13.h", "13.i",
            "13.j", "13.m", "13.o", "13.s"
        ]
    );
    for id in &unverified {
        let node = catalog().get(id).unwrap();
        assert!(node.title.ends_with(id.as_str()), "{id}: {}", node.title);
    }
    assert_eq!(
        catalog().get("13.j").unwrap().prop("unverified_name"),
        Some("Data Minimization | Use Limitation")
    );
    assert_eq!(catalog().get("13.s").unwrap().prop("unverified_name"), None);
    assert_eq!(catalog().get("13.a").unwrap().title, "Privacy Notice");
    assert!(
        catalog()
            .iter()
            .filter(|n| n.kind != NodeKind::Category)
            .all(|n| n.prop("name_confidence").is_some())
    );
}

#[test]
fn licensed_requirement_statements_come_in_as_an_extension() {
    let mut mine = catalog().clone();
    let ext = CatalogExtension::from_json_str(r#"{ "framework": "hitrust", "nodes": [
        { "id": "01.a-RS1", "kind": "requirement_statement", "title": "Statement 1", "parent": "01.a", "assessable": true },
        { "id": "01.a-RS2", "kind": "requirement_statement", "title": "Statement 2", "parent": "01.a", "assessable": true }
    ] }"#)
    .unwrap();
    mine.extend(&ext).unwrap();
    assert_eq!(mine.get("01.a").unwrap().children().count(), 2);
    assert_eq!(mine.assessable().count(), 158);
    let bad = CatalogExtension::from_json_str(
        r#"{ "framework": "hitrust", "nodes": [
        { "id": "01.zz-RS1", "kind": "requirement_statement", "title": "x", "parent": "01.zz" }
    ] }"#,
    )
    .unwrap();
    let before = mine.clone();
    assert!(mine.extend(&bad).is_err());
    assert_eq!(mine, before);
}
