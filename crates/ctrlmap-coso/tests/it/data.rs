//! The built-in catalog against the published facts.

use ctrlmap_core::{Catalog, NodeKind, TextLicence};
use ctrlmap_coso::{CATALOG_JSON, Component, Principle, catalog};

#[test]
fn builtin_catalog_loads() {
    // The same path users' files take, with the error shown in full if it ever fails.
    let parsed = Catalog::from_json_str(CATALOG_JSON);
    assert!(parsed.is_ok(), "{}", parsed.unwrap_err());
    assert_eq!(catalog().id().as_str(), "coso");
}

fn count(kind: NodeKind) -> usize {
    catalog().iter().filter(|n| n.kind == kind).count()
}

#[test]
fn exact_counts() {
    assert_eq!(count(NodeKind::Component), 5);
    assert_eq!(count(NodeKind::Principle), 17);
    assert_eq!(count(NodeKind::PointOfFocus), 87);
    assert_eq!(count(NodeKind::ObjectiveGroup), 5);
    assert_eq!(catalog().len(), 5 + 17 + 5 + 87);
    assert_eq!(catalog().assessable().count(), 17);
    assert!(
        catalog()
            .assessable()
            .all(|n| n.kind == NodeKind::Principle)
    );
}

#[test]
fn points_of_focus_per_principle() {
    // COSO 2013, as checked in shared/reference/facts/coso.json.
    let expected = [4, 4, 3, 4, 5, 15, 5, 4, 3, 6, 4, 6, 5, 4, 5, 7, 3];
    let actual: Vec<usize> = Principle::ALL
        .iter()
        .map(|p| p.points_of_focus().count())
        .collect();
    assert_eq!(actual, expected);
    assert_eq!(expected.iter().sum::<usize>(), 87);
}

#[test]
fn principle_to_component_for_all_17_from_the_data() {
    let expected = [
        "CE", "CE", "CE", "CE", "CE", "RA", "RA", "RA", "RA", "CA", "CA", "CA", "IC", "IC", "IC",
        "MA", "MA",
    ];
    for (p, comp) in Principle::ALL.iter().zip(expected) {
        let node = p.node().unwrap();
        assert_eq!(node.kind, NodeKind::Principle);
        assert_eq!(node.parent().unwrap().id, comp, "{p}");
        assert_eq!(p.component().as_str(), comp, "{p}");
        assert_eq!(node.prop("number"), Some(p.number().to_string().as_str()));
    }
}

#[test]
fn enums_match_the_catalog_tree() {
    let roots: Vec<&str> = catalog().roots().map(|n| n.node().id.as_str()).collect();
    let ids: Vec<&str> = Component::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(roots, ids);
    for &c in Component::ALL {
        let node = c.node().unwrap();
        assert_eq!(node.title, c.name());
        let children: Vec<String> = node.children().map(|n| n.id.to_string()).collect();
        let principles: Vec<String> = c.principles().iter().map(|p| p.to_string()).collect();
        assert_eq!(children, principles);
    }
}

#[test]
fn principle_six_groups_its_points_of_focus() {
    let p6 = catalog().get("P6").unwrap();
    let groups: Vec<(String, usize)> = p6
        .children()
        .map(|g| {
            assert_eq!(g.kind, NodeKind::ObjectiveGroup);
            (g.title.clone(), g.children().count())
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("Operations Objectives".to_owned(), 4),
            ("External Financial Reporting Objectives".to_owned(), 3),
            ("External Nonfinancial Reporting Objectives".to_owned(), 3),
            ("Internal Reporting Objectives".to_owned(), 3),
            ("Compliance Objectives".to_owned(), 2),
        ]
    );
    let ids: Vec<String> = Principle::P6
        .points_of_focus()
        .map(|n| n.id.to_string())
        .collect();
    let expected: Vec<String> = (1..=15).map(|i| format!("P6-POF{i}")).collect();
    assert_eq!(ids, expected);
    assert_eq!(p6.prop("confidence"), Some("medium"));
    assert_eq!(catalog().get("P6-POF15").unwrap().depth(), 3);
}

#[test]
fn known_headings_and_tsc_links() {
    let title = |id: &str| catalog().get(id).unwrap().node().title.clone();
    assert_eq!(title("P1-POF1"), "Sets the Tone at the Top");
    assert_eq!(
        title("P2-POF4"),
        "Provides Oversight for the System of Internal Control"
    );
    assert_eq!(title("P13-POF5"), "Considers Costs and Benefits");
    assert_eq!(title("P17-POF3"), "Monitors Corrective Actions");
    assert_eq!(
        title("P11-POF1"),
        "Determines Dependency Between the Use of Technology in Business Processes and Technology General Controls"
    );
    // The two points of focus the TSC does not restate are marked.
    let omitted: Vec<String> = catalog()
        .iter()
        .filter(|n| n.prop("restated_in_tsc") == Some("false"))
        .map(|n| n.id.to_string())
        .collect();
    assert_eq!(omitted, ["P2-POF4", "P13-POF5"]);
    // The SOC 2 criterion that restates each principle (CC1.1 = P1 ... CC5.3 = P12).
    let links: Vec<&str> = Principle::ALL
        .iter()
        .map(|p| p.node().unwrap().node().prop("tsc_criterion").unwrap())
        .collect();
    assert_eq!(
        links,
        [
            "CC1.1", "CC1.2", "CC1.3", "CC1.4", "CC1.5", "CC3.1", "CC3.2", "CC3.3", "CC3.4",
            "CC5.1", "CC5.2", "CC5.3", "CC2.1", "CC2.2", "CC2.3", "CC4.1", "CC4.2"
        ]
    );
}

#[test]
fn metadata_names_source_and_licence() {
    let fw = catalog().framework();
    assert_eq!(fw.version, "2013");
    assert_eq!(fw.published.unwrap().to_string(), "2013-05");
    assert!(!fw.sources.is_empty());
    assert!(fw.sources.iter().all(|s| s.section.is_some()));
    assert!(matches!(fw.licence, TextLicence::SummariesOnly { .. }));
    // Summaries only: no node carries full text.
    assert!(catalog().iter().all(|n| n.text.is_none()));
    assert!(
        catalog()
            .iter()
            .filter(|n| n.kind != NodeKind::ObjectiveGroup)
            .all(|n| n.summary.is_some())
    );
}
