//! The built-in catalog against the published facts (shared/reference/facts/soc2*.json).

use ctrlmap_core::{Catalog, NodeKind, TextLicence};
use ctrlmap_soc2::{CATALOG_JSON, Category, Criterion, CriterionId, Series, catalog};

#[test]
fn builtin_catalog_loads() {
    let parsed = Catalog::from_json_str(CATALOG_JSON);
    assert!(parsed.is_ok(), "{}", parsed.unwrap_err());
}

fn count(kind: NodeKind) -> usize {
    catalog().iter().filter(|n| n.kind == kind).count()
}

#[test]
fn exact_counts() {
    assert_eq!(count(NodeKind::Category), 5);
    assert_eq!(count(NodeKind::Series), 20);
    assert_eq!(count(NodeKind::Criterion), 61);
    assert_eq!(catalog().assessable().count(), 61);
    assert_eq!(CriterionId::all().count(), 61);
    assert_eq!(Criterion::all().count(), 61);
    // 293 headings from the checked 2022 copy, the one it omits (CC6.5-POF2), 32 unverified
    // 2017 headings.
    assert_eq!(count(NodeKind::PointOfFocus), 326);
    let unverified = catalog()
        .iter()
        .filter(|n| n.prop("confidence") == Some("unverified"))
        .count();
    assert_eq!(unverified, 32);
}

#[test]
fn counts_per_category() {
    let per: Vec<(Category, usize)> = Category::ALL
        .iter()
        .map(|&c| {
            (
                c,
                CriterionId::all().filter(|id| id.category() == c).count(),
            )
        })
        .collect();
    assert_eq!(
        per,
        [
            (Category::Security, 33),
            (Category::Availability, 3),
            (Category::ProcessingIntegrity, 5),
            (Category::Confidentiality, 2),
            (Category::Privacy, 18),
        ]
    );
    for &c in Category::ALL {
        let node = c.node().unwrap();
        let in_data = node
            .descendants()
            .filter(|n| n.kind == NodeKind::Criterion)
            .count();
        assert_eq!(in_data, per.iter().find(|p| p.0 == c).unwrap().1, "{c}");
        assert_eq!(node.title, c.name());
        assert_eq!(node.prop("code"), Some(c.code()));
    }
}

#[test]
fn counts_per_series() {
    let per: Vec<(String, usize)> = Series::all()
        .map(|s| (s.to_string(), s.node().unwrap().children().count()))
        .collect();
    let expected = [
        ("CC1", 5),
        ("CC2", 3),
        ("CC3", 4),
        ("CC4", 2),
        ("CC5", 3),
        ("CC6", 8),
        ("CC7", 5),
        ("CC8", 1),
        ("CC9", 2),
        ("A1", 3),
        ("PI1", 5),
        ("C1", 2),
        ("P1", 1),
        ("P2", 1),
        ("P3", 2),
        ("P4", 3),
        ("P5", 2),
        ("P6", 7),
        ("P7", 1),
        ("P8", 1),
    ];
    let expected: Vec<(String, usize)> = expected.iter().map(|&(s, n)| (s.to_owned(), n)).collect();
    assert_eq!(per, expected);
    for s in Series::all() {
        assert_eq!(s.criteria().count(), s.node().unwrap().children().count());
    }
    assert_eq!(
        Series::all().map(|s| s.title()).nth(5),
        Some("Logical and Physical Access Controls")
    );
}

#[test]
fn typed_ids_match_the_catalog_in_order() {
    let from_data: Vec<String> = catalog()
        .iter()
        .filter(|n| n.kind == NodeKind::Criterion)
        .map(|n| n.id.to_string())
        .collect();
    let typed: Vec<String> = CriterionId::all().map(|c| c.to_string()).collect();
    assert_eq!(from_data, typed);
    for c in Criterion::all() {
        assert_eq!(c.node().parent().unwrap().id, c.series().to_string());
        assert_eq!(
            c.node().parent().unwrap().parent().unwrap().id,
            c.category().as_str()
        );
    }
}

#[test]
fn all_17_coso_links() {
    let links: Vec<(String, String)> = CriterionId::all()
        .filter_map(|c| c.coso_principle().map(|p| (c.to_string(), p.to_string())))
        .collect();
    let expected = [
        ("CC1.1", "P1"),
        ("CC1.2", "P2"),
        ("CC1.3", "P3"),
        ("CC1.4", "P4"),
        ("CC1.5", "P5"),
        ("CC2.1", "P13"),
        ("CC2.2", "P14"),
        ("CC2.3", "P15"),
        ("CC3.1", "P6"),
        ("CC3.2", "P7"),
        ("CC3.3", "P8"),
        ("CC3.4", "P9"),
        ("CC4.1", "P16"),
        ("CC4.2", "P17"),
        ("CC5.1", "P10"),
        ("CC5.2", "P11"),
        ("CC5.3", "P12"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|&(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
    assert_eq!(links, expected);
    // The data says the same, and so does the COSO catalog from its side.
    for (criterion, principle) in &expected {
        let node = catalog().get(criterion).unwrap();
        assert_eq!(node.prop("coso_principle"), Some(principle.as_str()));
        let coso = ctrlmap_coso::catalog().get(principle).unwrap();
        assert_eq!(coso.prop("tsc_criterion"), Some(criterion.as_str()));
    }
    let with_link = catalog()
        .iter()
        .filter(|n| n.prop("coso_principle").is_some())
        .count();
    assert_eq!(with_link, 17);
}

#[test]
fn points_of_focus_per_criterion_match_the_checked_copy() {
    let checked: &[(&str, usize)] = &[
        ("CC1.1", 5),
        ("CC1.2", 4),
        ("CC1.3", 6),
        ("CC1.4", 7),
        ("CC1.5", 6),
        ("CC2.1", 9),
        ("CC2.2", 13),
        ("CC2.3", 12),
        ("CC3.1", 16),
        ("CC3.2", 8),
        ("CC3.3", 5),
        ("CC3.4", 6),
        ("CC4.1", 8),
        ("CC4.2", 3),
        ("CC5.1", 6),
        ("CC5.2", 4),
        ("CC5.3", 6),
        ("CC6.1", 13),
        ("CC6.2", 3),
        ("CC6.3", 4),
        ("CC6.4", 4),
        // The checked copy merges CC6.5's two into one heading; the catalog has both.
        ("CC6.5", 2),
        ("CC6.6", 4),
        ("CC6.7", 4),
        ("CC6.8", 5),
        ("CC7.1", 5),
        ("CC7.2", 4),
        ("CC7.3", 7),
        ("CC7.4", 14),
        ("CC7.5", 6),
        ("CC8.1", 18),
        ("CC9.1", 2),
        ("CC9.2", 13),
        ("A1.1", 3),
        ("A1.2", 11),
        ("A1.3", 2),
        ("C1.1", 3),
        ("C1.2", 2),
        ("P3.2", 2),
        ("P4.1", 1),
        ("P4.2", 2),
        ("P4.3", 3),
        ("P5.1", 5),
        ("P5.2", 4),
        ("P6.1", 4),
        ("P6.2", 1),
        ("P6.3", 1),
        ("P6.4", 3),
        ("P6.5", 2),
        ("P6.6", 2),
        ("P6.7", 3),
        ("P7.1", 2),
        ("P8.1", 6),
    ];
    for &(id, n) in checked {
        let c = Criterion::get(id.parse().unwrap()).unwrap();
        assert_eq!(c.points_of_focus().count(), n, "{id}");
        assert!(
            c.points_of_focus().all(|p| p.prop("confidence").is_none()),
            "{id}"
        );
    }
    assert_eq!(checked.iter().map(|c| c.1).sum::<usize>(), 293 + 1);
    let unverified = [
        ("PI1.1", 2),
        ("PI1.2", 3),
        ("PI1.3", 5),
        ("PI1.4", 4),
        ("PI1.5", 4),
        ("P1.1", 4),
        ("P2.1", 6),
        ("P3.1", 4),
    ];
    for (id, n) in unverified {
        let c = Criterion::get(id.parse().unwrap()).unwrap();
        assert_eq!(c.points_of_focus().count(), n, "{id}");
        assert!(
            c.points_of_focus()
                .all(|p| p.prop("confidence") == Some("unverified")),
            "{id}"
        );
    }
}

#[test]
fn coso_points_of_focus_restate_cosos_own() {
    // Every point of focus of COSO origin names the COSO point of focus it restates, and the
    // headings agree (but for the TSC's small wording changes, checked here by first word).
    let mut restated = 0;
    for pof in catalog()
        .iter()
        .filter(|n| n.prop("origin") == Some("coso"))
    {
        let coso_id = pof.prop("coso_point_of_focus").unwrap();
        let coso = ctrlmap_coso::catalog().get(coso_id).unwrap();
        let first = |s: &str| s.split_whitespace().next().unwrap().to_owned();
        assert_eq!(
            first(&pof.title),
            first(&coso.title),
            "{} ~ {coso_id}",
            pof.id
        );
        // The restated point of focus sits under the criterion that restates its principle.
        let principle = coso_id.split('-').next().unwrap();
        assert_eq!(
            pof.parent().unwrap().prop("coso_principle"),
            Some(principle)
        );
        restated += 1;
    }
    // COSO's 87, less the two the TSC omits (principle 2's fourth, principle 13's fifth).
    assert_eq!(restated, 85);
    assert_eq!(
        catalog()
            .iter()
            .filter(|n| n.prop("origin") == Some("tsc"))
            .count(),
        326 - 85
    );
}

#[test]
fn known_headings() {
    let title = |id: &str| catalog().get(id).unwrap().node().title.clone();
    assert_eq!(title("CC1.2-POF4"), "Supplements Board Expertise");
    assert_eq!(title("CC6.1-POF10"), "Uses Encryption to Protect Data");
    assert_eq!(title("A1.2-POF8"), "Performs Data Backup");
    // Corrections to the checked public copy, each recorded on its node.
    assert_eq!(
        title("CC6.5-POF1"),
        "Identifies Data and Software for Disposal"
    );
    assert_eq!(
        title("CC6.5-POF2"),
        "Removes Data and Software From Entity Control"
    );
    assert_eq!(
        title("CC5.2-POF3"),
        "Establishes Relevant Security Management Process Control Activities"
    );
    for id in ["CC6.5-POF1", "CC6.5-POF2", "CC5.2-POF3"] {
        assert!(
            catalog().get(id).unwrap().prop("correction").is_some(),
            "{id}"
        );
    }
    // Markup is a property, never part of a title.
    assert_eq!(
        title("P4.1-POF1"),
        "Uses Personal Information for Intended Purposes"
    );
    assert_eq!(
        catalog().get("P4.1-POF1").unwrap().prop("heading_markers"),
        Some("P,C")
    );
    assert_eq!(
        catalog().get("P6.3-POF1").unwrap().prop("heading_markers"),
        Some("P,C")
    );
    assert!(catalog().iter().all(|n| !n.title.contains('[')));
    assert_eq!(
        catalog().get("CC6.1-POF13").unwrap().prop("applies_to"),
        Some("privacy")
    );
    assert_eq!(
        catalog().get("CC3.1-POF16").unwrap().prop("origin"),
        Some("tsc")
    );
    assert_eq!(
        catalog()
            .get("CC3.1-POF5")
            .unwrap()
            .prop("coso_objective_group"),
        Some("External Financial Reporting Objectives")
    );
}

#[test]
fn metadata_names_source_and_licence() {
    let fw = catalog().framework();
    assert_eq!(fw.id, "soc2");
    assert!(fw.sources.iter().all(|s| s.section.is_some()));
    assert!(matches!(fw.licence, TextLicence::SummariesOnly { .. }));
    assert!(catalog().iter().all(|n| n.text.is_none()));
    assert!(Criterion::all().all(|c| c.summary().is_some()));
}
