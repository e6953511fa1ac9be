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

/// Category 13's control references as `shared/reference/facts/hitrust.json` names them:
/// (id, name, confidence, name basis where the facts give one).
const PRIVACY_REFERENCES: [(&str, &str, &str, Option<&str>); 21] = [
    ("13.a", "Privacy Notice", "high", None),
    ("13.b", "Openness and Transparency", "high", None),
    ("13.c", "Accounting of Disclosures", "medium", None),
    ("13.d", "Consent", "medium", None),
    ("13.e", "Choice", "medium", None),
    ("13.f", "Principle Access", "medium", None),
    (
        "13.g",
        "Purpose Legitimacy",
        "low",
        Some(
            "one source (CSF v9.2 list); a reworded secondary page says \"Legitimacy of Purpose\"",
        ),
    ),
    (
        "13.h",
        "Purpose Specification",
        "low",
        Some("one source (CSF v9.2 list)"),
    ),
    (
        "13.i",
        "Collection Limitation",
        "low",
        Some("one source (CSF v9.2 list)"),
    ),
    (
        "13.j",
        "Data Minimization",
        "medium",
        Some("two independent lists (v9.2 and v11.2) agree"),
    ),
    ("13.k", "Use and Disclosure", "medium", None),
    ("13.l", "Retention and Disposal", "medium", None),
    (
        "13.m",
        "Accuracy and Quality",
        "low",
        Some(
            "one source (CSF v9.2 list); \"Data Quality and Integrity\" appeared only on a reworded secondary page",
        ),
    ),
    ("13.n", "Participation and Redress", "medium", None),
    (
        "13.o",
        "Complaint Management",
        "medium",
        Some("v11.2 list; the v9.2 list misspells it \"Compliant Management\""),
    ),
    ("13.p", "Governance", "medium", None),
    ("13.q", "Privacy and Impact Assessment", "medium", None),
    (
        "13.r",
        "Privacy Requirements for Contractors and Processors",
        "medium",
        None,
    ),
    (
        "13.s",
        "Privacy Monitoring and Auditing",
        "low",
        Some("one source (CSF v9.2 list)"),
    ),
    (
        "13.t",
        "Privacy Protection Awareness and Training",
        "medium",
        None,
    ),
    ("13.u", "Privacy Protection Reporting", "medium", None),
];

#[test]
fn privacy_references_are_named_with_the_facts_confidence() {
    let ids: Vec<String> = Category::PrivacyPractices
        .control_references()
        .map(|r| r.to_string())
        .collect();
    let expected: Vec<&str> = PRIVACY_REFERENCES.iter().map(|r| r.0).collect();
    assert_eq!(ids, expected);
    for (id, name, confidence, basis) in PRIVACY_REFERENCES {
        let node = catalog().get(id).unwrap();
        assert_eq!(node.title, name, "{id}");
        assert!(
            !node.title.contains(id) && !node.title.starts_with("Control reference"),
            "{id}: placeholder title {}",
            node.title
        );
        assert_eq!(node.prop("name_confidence"), Some(confidence), "{id}");
        assert_eq!(node.prop("name_note"), basis, "{id}");
        assert_eq!(node.prop("unverified_name"), None, "{id}");
        assert_eq!(node.prop("placeholder"), None, "{id}");
    }
    let count = |c: &str| PRIVACY_REFERENCES.iter().filter(|r| r.2 == c).count();
    assert_eq!((count("high"), count("medium"), count("low")), (2, 14, 5));
}

#[test]
fn privacy_objectives_are_marked_as_not_publicly_named() {
    // No public source names objectives 13.01-13.07 or groups the control references under
    // them: the titles are ctrlmap's placeholders, said so in the data.
    let objectives: Vec<String> = Category::PrivacyPractices
        .objectives()
        .map(|o| o.to_string())
        .collect();
    assert_eq!(
        objectives,
        [
            "13.01", "13.02", "13.03", "13.04", "13.05", "13.06", "13.07"
        ]
    );
    for id in &objectives {
        let node = catalog().get(id).unwrap();
        assert_eq!(node.title, format!("Control objective {id}"));
        assert_eq!(node.prop("placeholder"), Some("true"), "{id}");
        assert_eq!(node.prop("name_confidence"), Some("unverified"), "{id}");
        assert!(
            node.prop("name_note")
                .is_some_and(|n| n.starts_with("No public source read names")),
            "{id}"
        );
        assert!(
            node.summary
                .as_deref()
                .is_some_and(|s| s.starts_with("ctrlmap's placeholder")),
            "{id}"
        );
        assert_eq!(node.children().count(), 0, "{id}: no guessed grouping");
    }
    let category = Category::PrivacyPractices.node().unwrap();
    assert!(
        category
            .prop("objectives_note")
            .is_some_and(|n| n.starts_with("No public source read names"))
    );
    // Nothing else in the catalog is a placeholder.
    let placeholders: Vec<String> = catalog()
        .iter()
        .filter(|n| n.prop("placeholder").is_some())
        .map(|n| n.id.to_string())
        .collect();
    assert_eq!(placeholders, objectives);
}

#[test]
fn doubtful_names_are_not_presented_as_fact() {
    // Category 13: the grouping under objectives is unknown, so the control references sit
    // directly under the category.
    for r in Category::PrivacyPractices.control_references() {
        let node = r.node().unwrap();
        assert_eq!(node.parent().unwrap().id, "13", "{r}");
        assert_eq!(node.prop("objective_unknown"), Some("true"));
        assert!(r.objective().is_none());
    }
    // Only the objectives' recalled names are unverified, kept in a property with a neutral
    // title.
    let unverified: Vec<String> = catalog()
        .iter()
        .filter(|n| n.prop("name_confidence") == Some("unverified"))
        .map(|n| n.id.to_string())
        .collect();
    assert_eq!(
        unverified,
        [
            "13.01", "13.02", "13.03", "13.04", "13.05", "13.06", "13.07"
        ]
    );
    for id in &unverified {
        let node = catalog().get(id).unwrap();
        assert!(node.title.ends_with(id.as_str()), "{id}: {}", node.title);
        assert!(node.prop("unverified_name").is_some(), "{id}");
    }
    assert!(
        catalog()
            .iter()
            .filter(|n| n.kind != NodeKind::Category)
            .all(|n| n.prop("name_confidence").is_some())
    );
    // Every confidence is one of the four levels; no title is a placeholder outside the
    // unverified objectives.
    for n in catalog().iter().filter(|n| n.kind != NodeKind::Category) {
        let c = n.prop("name_confidence").unwrap();
        assert!(
            ["high", "medium", "low", "unverified"].contains(&c),
            "{}",
            n.id
        );
        if c != "unverified" {
            assert!(!n.title.contains(n.id.as_str()), "{}: {}", n.id, n.title);
        }
    }
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
