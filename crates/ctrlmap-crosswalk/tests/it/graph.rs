//! Building the graph, queries, coverage and export.

use ctrlmap_crosswalk::{
    CoverageStatus, Crosswalk, Holding, MappingError, MappingProblem, Relationship, RelationshipSet,
};

use crate::fixtures::{abc, catalog, set};

#[test]
fn direct_mappings_both_directions_with_inverses() {
    let cw = abc();
    assert_eq!((cw.control_count(), cw.mapping_count()), (9, 6));
    let b1 = cw.direct(&"b:B1".parse().unwrap()).unwrap();
    let seen: Vec<(String, Relationship)> = b1
        .iter()
        .map(|m| (m.to.to_string(), m.relationship))
        .collect();
    assert_eq!(
        seen,
        [
            ("a:A1".to_owned(), Relationship::SupersetOf),
            ("c:C1".to_owned(), Relationship::SubsetOf)
        ]
    );
    assert_eq!(b1[0].note.as_deref(), Some("a:A1 subset_of b:B1"));
    assert_eq!(b1[0].set, "a-b");
    assert!(cw.direct(&"z:Z1".parse().unwrap()).is_none());
}

#[test]
fn inference_composes_and_explains() {
    let cw = abc();
    let found = cw
        .infer(&"a:A1".parse().unwrap(), &"c".parse().unwrap(), 3)
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].target.to_string(), "c:C1");
    assert_eq!(
        found[0].relationships,
        RelationshipSet::single(Relationship::SubsetOf)
    );
    assert_eq!(found[0].strength, 7);
    assert_eq!(
        found[0]
            .path
            .iter()
            .map(|m| m.to.to_string())
            .collect::<Vec<_>>(),
        ["b:B1", "c:C1"]
    );
    assert!(!found[0].mixes_rationales());

    // a:A2 equal b:B2 superset c:C2 → a:A2 superset c:C2.
    let found = cw
        .infer(&"a:A2".parse().unwrap(), &"c".parse().unwrap(), 3)
        .unwrap();
    assert_eq!(
        found[0].relationships.exactly_one(),
        Some(Relationship::SupersetOf)
    );
    // From the other end, inverses apply: c:C2 subset b:B2 equal a:A2.
    let back = cw
        .infer(&"c:C2".parse().unwrap(), &"a".parse().unwrap(), 3)
        .unwrap();
    assert_eq!(
        back[0].relationships.exactly_one(),
        Some(Relationship::SubsetOf)
    );
    // One hop is not enough to reach c from a.
    assert!(
        cw.infer(&"a:A1".parse().unwrap(), &"c".parse().unwrap(), 1)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn paths_that_compose_to_anything_are_dropped() {
    let mut cw = Crosswalk::new();
    cw.add_catalog(&catalog("a", &["A1"])).unwrap();
    cw.add_catalog(&catalog("b", &["B1"])).unwrap();
    cw.add_catalog(&catalog("c", &["C1"])).unwrap();
    cw.add_mapping_set(&set("a-b", "a", "b", &[("a:A1", "subset_of", "b:B1", 9)]))
        .unwrap();
    cw.add_mapping_set(&set("c-b", "c", "b", &[("c:C1", "subset_of", "b:B1", 9)]))
        .unwrap();
    // a:A1 ⊂ b:B1 ⊃ c:C1: anything can hold between a:A1 and c:C1.
    assert!(
        cw.infer(&"a:A1".parse().unwrap(), &"c".parse().unwrap(), 3)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn dangling_refs_are_reported_all_at_once_and_nothing_is_added() {
    let mut cw = abc();
    let before = (cw.mapping_count(), cw.to_csv());
    let bad = set(
        "bad",
        "a",
        "c",
        &[
            ("a:A9", "equal", "c:C1", 5),
            ("a:A1", "equal", "c:C7", 5),
            ("a:A2", "equal", "c:C3", 5),
        ],
    );
    let err = cw.add_mapping_set(&bad).unwrap_err();
    let p = err.problems();
    assert_eq!(p.len(), 2, "{err}");
    assert!(
        matches!(&p[0], MappingProblem::DanglingRef { row: 0, field: "source", suggestion: Some(s), .. } if s.to_string() == "a:A1"),
        "{p:?}"
    );
    assert!(
        matches!(
            &p[1],
            MappingProblem::DanglingRef {
                row: 1,
                field: "target",
                ..
            }
        ),
        "{p:?}"
    );
    assert_eq!((cw.mapping_count(), cw.to_csv()), before);
}

#[test]
fn contradictions_across_sets_and_duplicates_merge() {
    let mut cw = abc();
    let contradicting = set("x", "b", "a", &[("b:B1", "subset_of", "a:A1", 5)]);
    let err = cw.add_mapping_set(&contradicting).unwrap_err();
    assert!(
        matches!(
            err.problems(),
            [MappingProblem::Contradiction {
                existing: Relationship::SupersetOf,
                ..
            }]
        ),
        "{err}"
    );
    assert!(err.to_string().contains("set a-b"), "{err}");
    let agreeing = set("y", "b", "a", &[("b:B1", "superset_of", "a:A1", 5)]);
    cw.add_mapping_set(&agreeing).unwrap();
    assert_eq!(cw.mapping_count(), 6, "merged with the a-b mapping");
    assert!(
        matches!(
            cw.add_mapping_set(&agreeing),
            Err(MappingError::Invalid { .. })
        ),
        "set ids are unique"
    );
    assert!(cw.add_catalog(&catalog("a", &["A1"])).is_err());
    let unknown = set("z", "a", "q", &[]);
    assert!(matches!(
        cw.add_mapping_set(&unknown).unwrap_err().problems(),
        [MappingProblem::UnknownFramework { .. }]
    ));
}

#[test]
fn coverage_by_hand() {
    let cw = abc();
    // Holding all of c: what of a is covered?
    // a:A1 ⊂ b:B1 ⊂ c:C1 → c:C1 ⊃ a:A1: covered.
    // a:A2 = b:B2 ⊃ c:C2 → c:C2 ⊂ a:A2: partial (overlaps, does not cover).
    // a:A3 ∩ b:B3 = c:C3 → c:C3 intersects a:A3: partial.
    let report = cw
        .coverage(
            &[Holding::Framework("c".parse().unwrap())],
            &"a".parse().unwrap(),
            3,
        )
        .unwrap();
    let rows: Vec<(String, CoverageStatus)> = report
        .rows
        .iter()
        .map(|r| (r.control.to_string(), r.status))
        .collect();
    assert_eq!(
        rows,
        [
            ("a:A1".to_owned(), CoverageStatus::Covered),
            ("a:A2".to_owned(), CoverageStatus::Partial),
            ("a:A3".to_owned(), CoverageStatus::Partial),
        ]
    );
    let j = &report.rows[0].justification[0];
    assert_eq!(j.held.to_string(), "c:C1");
    assert_eq!(
        j.relationships.exactly_one(),
        Some(Relationship::SupersetOf)
    );
    let path: Vec<String> = j
        .path
        .iter()
        .map(|m| format!("{} {} {}", m.from, m.relationship, m.to))
        .collect();
    assert_eq!(path, ["c:C1 superset_of b:B1", "b:B1 superset_of a:A1"]);
    assert_eq!(
        (
            report.totals.total,
            report.totals.covered,
            report.totals.partial,
            report.totals.not_covered
        ),
        (3, 1, 2, 0)
    );
    assert_eq!(report.totals.covered_percent(), 33.3);

    // Holding one control only.
    let report = cw
        .coverage(
            &[Holding::Control("b:B2".parse().unwrap())],
            &"a".parse().unwrap(),
            3,
        )
        .unwrap();
    let statuses: Vec<CoverageStatus> = report.rows.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            CoverageStatus::NotCovered,
            CoverageStatus::Covered,
            CoverageStatus::NotCovered
        ]
    );
    assert!(cw.coverage(&[], &"q".parse().unwrap(), 3).is_err());
    assert!(
        cw.coverage(
            &[Holding::Control("a:A7".parse().unwrap())],
            &"a".parse().unwrap(),
            3
        )
        .is_err()
    );
}

#[test]
fn exports() {
    let cw = abc();
    let csv = cw.to_csv();
    assert_eq!(csv.lines().count(), 7);
    assert_eq!(
        csv.lines().next(),
        Some("source,target,relationship,rationale,strength,set,note")
    );
    assert!(
        csv.contains("a:A1,b:B1,subset_of,semantic,9,a-b,a:A1 subset_of b:B1"),
        "{csv}"
    );
    let dot = cw.to_dot();
    assert!(dot.starts_with("digraph crosswalk {"));
    assert!(
        dot.contains("\"a:A1\" -> \"b:B1\" [label=\"subset_of\"];"),
        "{dot}"
    );
    let graphml = cw.to_graphml();
    assert_eq!(graphml.matches("<node ").count(), 9);
    assert_eq!(graphml.matches("<edge ").count(), 6);
    let json = serde_json::to_value(cw.export(false)).unwrap();
    assert_eq!(json["controls"].as_array().unwrap().len(), 9);
    assert_eq!(json["mappings"][0]["relationship"], "subset_of");
    let table = cw.table(&"c".parse().unwrap(), &"b".parse().unwrap());
    let rows: Vec<String> = table
        .iter()
        .map(|m| format!("{} {} {}", m.from, m.relationship, m.to))
        .collect();
    assert_eq!(
        rows,
        [
            "c:C1 superset_of b:B1",
            "c:C2 subset_of b:B2",
            "c:C3 equal b:B3"
        ]
    );
}
