//! Coverage at element level: elements evidenced by any mix of held controls add up to a
//! covered requirement; requirement-level rows still count; containment reaches a
//! requirement's own elements only.

use ctrlmap_core::Catalog;
use ctrlmap_crosswalk::{
    CoverageOptions, CoverageReport, CoverageStatus, Crosswalk, Holding, Rollup,
};

use crate::fixtures::{catalog, set};

/// A regulation `r`: standard S with an addressable specification S.1; S has two key
/// activities (KA1 with elements D1, D2 — D2 with sub-points D2.a, D2.b — and KA2, which
/// S.1 carries, with D3) and one element of the rule's own words (E1). Requirement T has
/// elements but they are not judged exhaustive.
fn regulation(t_exhaustive: &str) -> Catalog {
    Catalog::from_json_str(&format!(
        r#"{{ "framework": {{ "id": "r", "name": "Rule", "version": "1", "publisher": "x",
            "licence": {{ "kind": "public_domain" }} }},
        "nodes": [
          {{ "id": "S", "kind": "standard", "title": "Standard", "assessable": true,
             "props": [ {{ "name": "elements", "value": "exhaustive" }},
                        {{ "name": "elements_note", "value": "KA1 and E1 are all of it" }} ] }},
          {{ "id": "KA1", "kind": "key_activity", "title": "Key activity 1", "parent": "S" }},
          {{ "id": "D1", "kind": "element", "title": "D1", "parent": "KA1" }},
          {{ "id": "D2", "kind": "element", "title": "D2", "parent": "KA1" }},
          {{ "id": "D2.a", "kind": "element", "title": "D2.a", "parent": "D2" }},
          {{ "id": "D2.b", "kind": "element", "title": "D2.b", "parent": "D2" }},
          {{ "id": "D9", "kind": "element", "title": "a pointer", "parent": "KA1",
             "props": [ {{ "name": "informative", "value": "points to another section" }} ] }},
          {{ "id": "E1", "kind": "element", "title": "E1", "parent": "S",
             "props": [ {{ "name": "element_source", "value": "ctrlmap" }} ] }},
          {{ "id": "S.1", "kind": "implementation_specification", "title": "Spec", "parent": "S",
             "assessable": true,
             "props": [ {{ "name": "requirement", "value": "addressable" }},
                        {{ "name": "elements", "value": "exhaustive" }} ] }},
          {{ "id": "KA2", "kind": "key_activity", "title": "Key activity 2", "parent": "S.1" }},
          {{ "id": "D3", "kind": "element", "title": "D3", "parent": "KA2" }},
          {{ "id": "T", "kind": "standard", "title": "Other", "assessable": true,
             "props": [ {{ "name": "elements", "value": "{t_exhaustive}" }} ] }},
          {{ "id": "T1", "kind": "element", "title": "T1", "parent": "T" }}
        ] }}"#
    ))
    .unwrap()
}

fn crosswalk(rows: &[(&str, &str, &str, u8)], t_exhaustive: &str) -> Crosswalk {
    let mut cw = Crosswalk::new();
    cw.add_catalog(&regulation(t_exhaustive)).unwrap();
    cw.add_catalog(&catalog("h", &["H1", "H2", "H3"])).unwrap();
    cw.add_mapping_set(&set("r-h", "r", "h", rows)).unwrap();
    cw
}

fn report(cw: &Crosswalk, held: &[&str]) -> CoverageReport {
    let have: Vec<Holding> = held
        .iter()
        .map(|h| Holding::Control(h.parse().unwrap()))
        .collect();
    cw.coverage_with(&have, &"r".parse().unwrap(), &CoverageOptions::new())
        .unwrap()
}

fn row<'a>(r: &'a CoverageReport, id: &str) -> &'a ctrlmap_crosswalk::CoverageRow {
    r.rows.iter().find(|x| x.control.control() == id).unwrap()
}

fn element(r: &CoverageReport, requirement: &str, id: &str) -> CoverageStatus {
    row(r, requirement)
        .elements
        .iter()
        .find(|e| e.control.control() == id)
        .unwrap()
        .status
}

/// H1 contains D1 and D2; H2 contains E1. Neither alone covers S; together they do.
const SPLIT: &[(&str, &str, &str, u8)] = &[
    ("r:D1", "subset_of", "h:H1", 8),
    ("r:D2", "subset_of", "h:H1", 8),
    ("r:E1", "subset_of", "h:H2", 8),
    ("r:D3", "intersects_with", "h:H3", 5),
];

#[test]
fn elements_held_by_different_controls_add_up() {
    let cw = crosswalk(SPLIT, "exhaustive");
    let one = report(&cw, &["h:H1"]);
    assert_eq!(row(&one, "S").status, CoverageStatus::Partial);
    let other = report(&cw, &["h:H2"]);
    assert_eq!(row(&other, "S").status, CoverageStatus::Partial);
    let both = report(&cw, &["h:H1", "h:H2"]);
    let s = row(&both, "S");
    assert_eq!(s.status, CoverageStatus::Covered);
    assert_eq!(
        s.rollup,
        Some(Rollup::ThroughElements(vec![
            "h:H1".parse().unwrap(),
            "h:H2".parse().unwrap()
        ]))
    );
    // D2 is evidenced, and so are its sub-points, through it.
    assert_eq!(element(&both, "S", "D2.a"), CoverageStatus::Covered);
    let sub = row(&both, "S")
        .elements
        .iter()
        .find(|e| e.control.control() == "D2.b")
        .unwrap();
    assert_eq!(sub.via.as_ref().map(|v| v.control().as_str()), Some("D2"));
    // The informative element is listed, not counted.
    assert_eq!(element(&both, "S", "D9"), CoverageStatus::NotApplicable);
    // The key activity is evidenced when all its counted elements are.
    assert_eq!(element(&both, "S", "KA1"), CoverageStatus::Covered);
    // Counts: each element once (D1, D2, D2.a, D2.b, E1 evidenced; D3 and T1 not; D9
    // informative).
    let t = both.element_totals.unwrap();
    assert_eq!(
        (t.covered, t.partial, t.not_covered, t.not_applicable),
        (5, 0, 2, 1)
    );
    let k = both.key_activity_totals.unwrap();
    assert_eq!((k.covered, k.not_covered, k.total), (1, 1, 2));
    // H3 overlaps D3: the specification's key activity is partly evidenced.
    let with_h3 = report(&cw, &["h:H1", "h:H2", "h:H3"]);
    assert_eq!(element(&with_h3, "S.1", "KA2"), CoverageStatus::Partial);
    assert_eq!(row(&with_h3, "S.1").status, CoverageStatus::Partial);
}

#[test]
fn sub_points_add_up_to_their_description() {
    let rows = [
        ("r:D1", "subset_of", "h:H1", 8),
        ("r:D2.a", "subset_of", "h:H1", 8),
        ("r:D2.b", "subset_of", "h:H2", 8),
        ("r:E1", "subset_of", "h:H2", 8),
    ];
    let cw = crosswalk(&rows, "exhaustive");
    let r = report(&cw, &["h:H1", "h:H2"]);
    assert_eq!(element(&r, "S", "D2"), CoverageStatus::Covered);
    assert_eq!(row(&r, "S").status, CoverageStatus::Covered);
    // One sub-point alone leaves its description partial.
    let r = report(&cw, &["h:H1"]);
    assert_eq!(element(&r, "S", "D2"), CoverageStatus::Partial);
}

#[test]
fn elements_that_are_not_the_whole_requirement_stay_partial() {
    let rows = [("r:T1", "subset_of", "h:H1", 8)];
    let not = crosswalk(&rows, "not_exhaustive");
    let r = report(&not, &["h:H1"]);
    assert_eq!(element(&r, "T", "T1"), CoverageStatus::Covered);
    assert_eq!(row(&r, "T").status, CoverageStatus::Partial);
    assert_eq!(row(&r, "T").elements_exhaustive, Some(false));
    let whole = crosswalk(&rows, "exhaustive");
    assert_eq!(
        row(&report(&whole, &["h:H1"]), "T").status,
        CoverageStatus::Covered
    );
}

#[test]
fn requirement_rows_reach_their_own_elements_only() {
    // H1 contains the standard itself: its own elements are evidenced through it, but the
    // specification's (KA2, D3) are not.
    let rows = [("r:S", "subset_of", "h:H1", 8)];
    let cw = crosswalk(&rows, "exhaustive");
    let r = report(&cw, &["h:H1"]);
    assert_eq!(row(&r, "S").status, CoverageStatus::Covered);
    let d1 = row(&r, "S")
        .elements
        .iter()
        .find(|e| e.control.control() == "D1")
        .unwrap();
    assert_eq!(d1.status, CoverageStatus::Covered);
    assert_eq!(d1.via.as_ref().map(|v| v.control().as_str()), Some("S"));
    assert_eq!(element(&r, "S.1", "D3"), CoverageStatus::NotCovered);
    assert_eq!(row(&r, "S.1").status, CoverageStatus::NotCovered);
    // An overlap at requirement level makes no element evidenced.
    let rows = [("r:S", "intersects_with", "h:H1", 5)];
    let r = report(&crosswalk(&rows, "exhaustive"), &["h:H1"]);
    assert_eq!(row(&r, "S").status, CoverageStatus::Partial);
    assert_eq!(element(&r, "S", "D1"), CoverageStatus::NotCovered);
}

#[test]
fn a_key_activity_of_several_requirements_counts_for_each_but_is_contained_by_none() {
    let text = r#"{ "framework": { "id": "r", "name": "Rule", "version": "1", "publisher": "x",
        "licence": { "kind": "public_domain" } },
      "nodes": [
        { "id": "S", "kind": "standard", "title": "S", "assessable": true },
        { "id": "S.1", "kind": "implementation_specification", "title": "S.1", "parent": "S",
          "assessable": true, "props": [ { "name": "elements", "value": "exhaustive" } ] },
        { "id": "S.2", "kind": "implementation_specification", "title": "S.2", "parent": "S",
          "assessable": true, "props": [ { "name": "elements", "value": "exhaustive" } ] },
        { "id": "KA", "kind": "key_activity", "title": "KA", "parent": "S",
          "props": [ { "name": "element_of", "value": "S.1" }, { "name": "element_of", "value": "S.2" } ] },
        { "id": "D", "kind": "element", "title": "D", "parent": "KA" }
      ] }"#;
    let mut cw = Crosswalk::new();
    cw.add_catalog(&Catalog::from_json_str(text).unwrap())
        .unwrap();
    cw.add_catalog(&catalog("h", &["H1"])).unwrap();
    cw.add_mapping_set(&set("r-h", "r", "h", &[("r:S", "subset_of", "h:H1", 8)]))
        .unwrap();
    let r = report(&cw, &["h:H1"]);
    for id in ["S", "S.1", "S.2"] {
        assert!(
            row(&r, id)
                .elements
                .iter()
                .any(|e| e.control.control() == "D"),
            "{id}"
        );
    }
    // Containing the standard says nothing of a key activity its specifications carry.
    assert_eq!(element(&r, "S.1", "D"), CoverageStatus::NotCovered);
    assert_eq!(row(&r, "S.1").status, CoverageStatus::NotCovered);
    // An element_of that names no node is refused when the catalog loads.
    let bad = text.replace(r#""value": "S.2""#, r#""value": "S.9""#);
    let err = Catalog::from_json_str(&bad).unwrap_err().to_string();
    assert!(
        err.contains("element_of \"S.9\" is not a node of this catalog"),
        "{err}"
    );
}

#[test]
fn an_element_can_be_held() {
    let cw = crosswalk(SPLIT, "exhaustive");
    let r = report(&cw, &["r:KA1", "h:H2"]);
    // Holding KA1 holds its elements; with H2's E1, S is covered.
    assert_eq!(element(&r, "S", "D2.b"), CoverageStatus::Covered);
    assert_eq!(row(&r, "S").status, CoverageStatus::Covered);
}
