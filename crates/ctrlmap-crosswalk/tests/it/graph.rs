//! Building the graph, queries, coverage and export.

use ctrlmap_core::{Catalog, NodeKind};
use ctrlmap_crosswalk::{
    CoverageStatus, Crosswalk, Holding, MappingError, MappingProblem, MappingSet, Relationship,
    RelationshipSet,
};

use crate::fixtures::{abc, catalog, set, set_json};

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
    // Unknown frameworks and controls are errors with the closest loaded name.
    assert_eq!(
        cw.direct(&"z:Z1".parse().unwrap()).unwrap_err().to_string(),
        "framework z is not loaded"
    );
    assert_eq!(
        cw.direct(&"b:B9".parse().unwrap()).unwrap_err().to_string(),
        "control b:B9 is not loaded (did you mean b:B1?)"
    );
    assert_eq!(
        cw.infer(&"a:A1".parse().unwrap(), &"cc".parse().unwrap(), 3)
            .unwrap_err()
            .to_string(),
        "framework cc is not loaded (did you mean c?)"
    );
    assert!(matches!(
        cw.infer(&"a:A9".parse().unwrap(), &"c".parse().unwrap(), 3),
        Err(ctrlmap_crosswalk::QueryError::UnknownControl { .. })
    ));
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
        matches!(&p[0], MappingProblem::DanglingRef { row: 0, field: "source", suggestion: Some(s), .. } if *s == "a:A1"),
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

fn json_method(cw: &Crosswalk) -> String {
    let json = serde_json::to_value(cw.export(false)).unwrap();
    json["mappings"][0]["method"].as_str().unwrap().to_owned()
}

#[test]
fn exports() {
    let cw = abc();
    let csv = cw.to_csv();
    assert_eq!(csv.lines().count(), 7);
    assert_eq!(
        csv.lines().next(),
        Some("source,target,relationship,rationale,strength,confidence,set,method,note")
    );
    assert!(
        csv.contains("a:A1,b:B1,subset_of,semantic,9,,a-b,expert,a:A1 subset_of b:B1"),
        "{csv}"
    );
    let dot = cw.to_dot();
    assert!(dot.starts_with("digraph crosswalk {"));
    assert!(
        dot.contains("\"a:A1\" -> \"b:B1\" [label=\"subset_of\", style=dashed];"),
        "{dot}"
    );
    let graphml = cw.to_graphml();
    assert_eq!(graphml.matches("<node ").count(), 9);
    assert_eq!(graphml.matches("<edge ").count(), 6);
    // Who stands behind each edge: an expert's set here.
    assert_eq!(
        graphml
            .matches("<data key=\"method\">expert</data>")
            .count(),
        6
    );
    assert_eq!(json_method(&cw), "expert");
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

/// A target framework `t` with a standard S (required parts S.1, S.2, optional part S.3) and a
/// plain requirement R, a held framework `h` with H1–H4, and the mappings given.
fn nested(rows: &[(&str, &str, &str, u8)]) -> Crosswalk {
    let target = Catalog::from_json_str(
        r#"{ "framework": { "id": "t", "name": "Target", "version": "1", "publisher": "x",
              "licence": { "kind": "public_domain" } },
            "nodes": [
              { "id": "G", "kind": "group", "title": "Group" },
              { "id": "S", "kind": "standard", "title": "Standard", "parent": "G", "assessable": true },
              { "id": "S.1", "kind": "implementation_specification", "title": "One", "parent": "S", "assessable": true },
              { "id": "S.2", "kind": "implementation_specification", "title": "Two", "parent": "S", "assessable": true,
                "props": [ { "name": "requirement", "value": "required" } ] },
              { "id": "S.3", "kind": "implementation_specification", "title": "Three", "parent": "S", "assessable": true,
                "props": [ { "name": "requirement", "value": "addressable" } ] },
              { "id": "R", "kind": "standard", "title": "Plain", "parent": "G", "assessable": true },
              { "id": "X", "kind": "group", "title": "Nothing to assess" }
            ] }"#,
    )
    .unwrap();
    let mut cw = Crosswalk::new();
    cw.add_catalog(&target).unwrap();
    cw.add_catalog(&catalog("h", &["H1", "H2", "H3", "H4"]))
        .unwrap();
    cw.add_mapping_set(&set("h-t", "h", "t", rows)).unwrap();
    cw
}

fn statuses(report: &ctrlmap_crosswalk::CoverageReport) -> Vec<(String, CoverageStatus)> {
    report
        .rows
        .iter()
        .map(|r| (r.control.control().to_string(), r.status))
        .collect()
}

#[test]
fn parts_limit_their_requirement() {
    use ctrlmap_crosswalk::{CoverageOptions, NotApplicable, Rollup};
    let all = [Holding::Framework("h".parse().unwrap())];
    let t = "t".parse().unwrap();
    // S is contained in H1, but its required part S.2 only overlaps H2: S is partial.
    let cw = nested(&[
        ("h:H1", "superset_of", "t:S", 8),
        ("h:H1", "superset_of", "t:S.1", 8),
        ("h:H2", "intersects_with", "t:S.2", 5),
        ("h:H4", "superset_of", "t:R", 8),
    ]);
    let report = cw.coverage(&all, &t, 3).unwrap();
    use CoverageStatus::{Covered, NotApplicable as Na, NotCovered, Partial};
    let s = |x: &str| x.to_owned();
    assert_eq!(
        statuses(&report),
        [
            (s("S"), Partial),
            (s("S.1"), Covered),
            (s("S.2"), Partial),
            (s("S.3"), NotCovered),
            (s("R"), Covered)
        ]
    );
    assert_eq!(
        report.rows[0].rollup,
        Some(Rollup::LimitedBy(vec!["t:S.2".parse().unwrap()]))
    );
    // The optional part S.3 holds nothing back; S.1 and S.2 carry no requirement property
    // or `required`, so both count.
    assert!(!report.rows[3].required && report.rows[1].required && report.rows[2].required);
    // Per level, and the part that has nothing to assess.
    let levels: Vec<(NodeKind, usize)> = report
        .levels
        .iter()
        .map(|l| (l.kind, l.totals.total))
        .collect();
    assert_eq!(
        levels,
        [
            (NodeKind::Standard, 2),
            (NodeKind::ImplementationSpecification, 3)
        ]
    );
    assert_eq!(report.not_assessed.len(), 1);
    assert_eq!(report.not_assessed[0].control.to_string(), "t:X");

    // No mapping of its own, but a part is covered: partial through its parts.
    let cw = nested(&[("h:H1", "superset_of", "t:S.1", 8)]);
    let report = cw.coverage(&all, &t, 3).unwrap();
    assert_eq!(report.rows[0].status, Partial);
    assert_eq!(
        report.rows[0].rollup,
        Some(Rollup::ThroughParts(vec!["t:S.1".parse().unwrap()]))
    );

    // Not applicable: the requirement and everything under it leave the denominator.
    let options = CoverageOptions::new()
        .with_not_applicable([NotApplicable::new("t:S".parse().unwrap(), "Not ours.")]);
    let report = cw.coverage_with(&all, &t, &options).unwrap();
    assert_eq!(
        statuses(&report),
        [
            (s("S"), Na),
            (s("S.1"), Na),
            (s("S.2"), Na),
            (s("S.3"), Na),
            (s("R"), NotCovered)
        ]
    );
    assert_eq!((report.totals.total, report.totals.not_applicable), (1, 4));
    assert_eq!(
        report.rows[2].not_applicable_reason.as_deref(),
        Some("Not ours.")
    );
    // A not-applicable part no longer limits its requirement.
    let cw = nested(&[
        ("h:H1", "superset_of", "t:S", 8),
        ("h:H1", "superset_of", "t:S.1", 8),
    ]);
    let options = CoverageOptions::new()
        .with_not_applicable([NotApplicable::new("t:S.2".parse().unwrap(), "Not ours.")]);
    let report = cw.coverage_with(&all, &t, &options).unwrap();
    assert_eq!(report.rows[0].status, Covered);
}

#[test]
fn holding_a_group_holds_what_is_under_it() {
    let cw = nested(&[("h:H1", "superset_of", "t:R", 8)]);
    // The target's own group G holds S, its parts and R.
    let report = cw
        .coverage(
            &[Holding::Control("t:G".parse().unwrap())],
            &"t".parse().unwrap(),
            3,
        )
        .unwrap();
    assert_eq!(report.scope[0].controls, 5);
    assert!(
        report
            .rows
            .iter()
            .all(|r| r.status == CoverageStatus::Covered)
    );
    // A group with nothing assessable under it holds nothing: an error.
    let x = Holding::Control("t:X".parse().unwrap());
    assert_eq!(
        cw.coverage(std::slice::from_ref(&x), &"t".parse().unwrap(), 3),
        Err(ctrlmap_crosswalk::CoverageError::EmptyHolding(x))
    );
}

proptest::proptest! {
    /// Whatever the mappings: counts add up, and nothing covered has a required part that is
    /// not covered.
    #[test]
    fn coverage_invariants(rows in proptest::collection::btree_map(
        (0usize..4, 0usize..5), 0usize..4, 0..12)) {
        let held = ["h:H1", "h:H2", "h:H3", "h:H4"];
        let targets = ["t:S", "t:S.1", "t:S.2", "t:S.3", "t:R"];
        let relationships = ["equal", "subset_of", "superset_of", "intersects_with"];
        let rows: Vec<(&str, &str, &str, u8)> = rows
            .iter()
            .filter_map(|(&(h, t), &r)| {
                Some((*held.get(h)?, *relationships.get(r)?, *targets.get(t)?, 5))
            })
            .collect();
        let cw = nested(&rows);
        let report = cw
            .coverage(&[Holding::Framework("h".parse().unwrap())], &"t".parse().unwrap(), 3)
            .unwrap();
        let t = report.totals;
        proptest::prop_assert_eq!(t.covered + t.partial + t.not_covered, t.total);
        proptest::prop_assert_eq!(t.total, 5);
        for row in report.rows.iter().filter(|r| r.status == CoverageStatus::Covered) {
            for part in report.rows.iter().filter(|p| p.part_of.as_ref() == Some(&row.control)) {
                proptest::prop_assert!(!part.required || part.status == CoverageStatus::Covered);
            }
        }
    }
}

/// Three frameworks of `n` controls, each adjacent pair fully mapped with `equal`.
fn dense(n: usize) -> Crosswalk {
    let ids: Vec<String> = (0..n).map(|i| format!("C{i}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut cw = Crosswalk::new();
    for f in ["x", "y", "z"] {
        cw.add_catalog(&catalog(f, &ids)).unwrap();
    }
    for (a, b) in [("x", "y"), ("y", "z"), ("x", "z")] {
        let rows: Vec<(String, String)> = ids
            .iter()
            .flat_map(|i| {
                ids.iter()
                    .map(move |j| (format!("{a}:{i}"), format!("{b}:{j}")))
            })
            .collect();
        let rows: Vec<(&str, &str, &str, u8)> = rows
            .iter()
            .map(|(s, t)| (s.as_str(), "equal", t.as_str(), 5))
            .collect();
        cw.add_mapping_set(&set(&format!("{a}-{b}"), a, b, &rows))
            .unwrap();
    }
    cw
}

#[test]
fn dense_graphs_stay_bounded_and_say_when_incomplete() {
    use ctrlmap_crosswalk::CoverageOptions;
    let cw = dense(13);
    let from = "x:C0".parse().unwrap();
    let z = "z".parse().unwrap();
    // Every z control is equal to x:C0 in one hop; dominated longer paths are dropped.
    let found = cw.infer_bounded(&from, &z, 6, 1_000_000).unwrap();
    assert!(found.complete);
    assert_eq!(found.mappings.len(), 13);
    assert!(
        found.mappings.iter().all(
            |m| m.path.len() == 1 && m.relationships.exactly_one() == Some(Relationship::Equal)
        )
    );
    // A small budget stops the search and says so.
    let cut = cw.infer_bounded(&from, &z, 6, 10).unwrap();
    assert!(!cut.complete);
    assert!(cut.mappings.len() < 13);
    let report = cw
        .coverage_with(
            &[Holding::Framework("x".parse().unwrap())],
            &z,
            &CoverageOptions::new().with_max_paths(5),
        )
        .unwrap();
    assert!(report.incomplete > 0);
    assert!(report.rows.iter().any(|r| r.incomplete));
    let report = cw
        .coverage(&[Holding::Framework("x".parse().unwrap())], &z, 6)
        .unwrap();
    assert_eq!(report.incomplete, 0);
    assert_eq!(report.totals.covered, 13);
}

#[test]
fn exports_are_safe_for_spreadsheets_and_xml() {
    let mut cw = Crosswalk::new();
    cw.add_catalog(&catalog("p", &["P1"])).unwrap();
    cw.add_catalog(&catalog("q", &["Q1"])).unwrap();
    let json = set_json("p-q", "p", "q", &[("p:P1", "equal", "q:Q1", 5)]).replace(
        "\"note\": \"p:P1 equal q:Q1\"",
        "\"note\": \"=HYPERLINK(1)\"",
    );
    cw.add_mapping_set(&MappingSet::from_json_str(&json).unwrap())
        .unwrap();
    let csv = cw.to_csv();
    assert!(csv.ends_with(",p-q,expert,'=HYPERLINK(1)\n"), "{csv}");
    let mut cw = Crosswalk::new();
    cw.add_catalog(&catalog("r", &["R1"])).unwrap();
    let text = r#"{ "framework": { "id": "s", "name": "S", "version": "1", "publisher": "x",
        "licence": { "kind": "public_domain" } },
        "nodes": [ { "id": "S1", "kind": "control", "title": "bell\u0007 and <tag> & \uffff", "assessable": true } ] }"#;
    cw.add_catalog(&Catalog::from_json_str(text).unwrap())
        .unwrap();
    cw.add_mapping_set(&set("r-s", "r", "s", &[("r:R1", "equal", "s:S1", 5)]))
        .unwrap();
    let graphml = cw.to_graphml();
    assert!(
        graphml.contains("bell\u{fffd} and &lt;tag&gt; &amp; \u{fffd}"),
        "{graphml}"
    );
    assert!(
        !graphml
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    );
    let dot = cw.to_dot();
    assert!(!dot.contains('\u{7}'));
}

/// A long `unmapped` list naming unknown controls (#22) gets close names for the first few
/// only, as rows do: one search per entry made 7,000 entries take 13 s.
#[test]
fn unknown_unmapped_controls_get_few_suggestions() {
    let mut cw = Crosswalk::new();
    cw.add_catalog(&catalog("a", &["A1", "A2"])).unwrap();
    cw.add_catalog(&catalog("b", &["B1"])).unwrap();
    let unmapped: Vec<String> = (0..100)
        .map(|i| format!(r#"{{ "control": "a:A{}", "reason": "r" }}"#, i + 10))
        .collect();
    let json = set_json("s", "a", "b", &[("a:A1", "equal", "b:B1", 5)]).replace(
        r#""mappings": ["#,
        &format!(r#""unmapped": [ {} ], "mappings": ["#, unmapped.join(", ")),
    );
    let Err(MappingError::Invalid { problems, .. }) =
        cw.add_mapping_set(&MappingSet::from_json_str(&json).unwrap())
    else {
        panic!("expected problems");
    };
    assert_eq!(problems.len(), 100);
    let suggested = |p: &MappingProblem| {
        matches!(
            p,
            MappingProblem::DanglingRef {
                suggestion: Some(_),
                ..
            }
        )
    };
    assert!(problems[..20].iter().all(suggested), "{problems:?}");
    assert!(!problems[20..].iter().any(suggested), "{problems:?}");
    assert_eq!(
        problems[0].to_string(),
        "unmapped[0]: a:A10 is not a control of the loaded a catalog (did you mean a:A1?)"
    );
    assert_eq!(cw.mapping_count(), 0, "nothing half-applied");
}

/// An expert row that an authority's chain rules out is listed, with the chain; one the chain
/// allows is not; and two rows of one kind never disagree with each other.
#[test]
fn disagreements_set_expert_rows_against_official_chains() {
    let official = |json: String| {
        ctrlmap_crosswalk::MappingSet::from_json_str(
            &json.replace(r#""method": "expert""#, r#""method": "official""#),
        )
        .unwrap()
    };
    let mut cw = Crosswalk::new();
    for (f, ids) in [
        ("a", ["A1", "A2"]),
        ("b", ["B1", "B2"]),
        ("c", ["C1", "C2"]),
    ] {
        cw.add_catalog(&catalog(f, &ids)).unwrap();
    }
    // The authority: A1 = B1 = C1, and A2 is inside B2, which is inside C2.
    cw.add_mapping_set(&official(set_json(
        "a-b",
        "a",
        "b",
        &[
            ("a:A1", "equal", "b:B1", 9),
            ("a:A2", "subset_of", "b:B2", 9),
        ],
    )))
    .unwrap();
    cw.add_mapping_set(&official(set_json(
        "b-c",
        "b",
        "c",
        &[
            ("b:B1", "equal", "c:C1", 9),
            ("b:B2", "subset_of", "c:C2", 9),
        ],
    )))
    .unwrap();
    assert!(cw.disagreements(3).is_empty(), "one kind of evidence only");
    // An expert reads A1 as narrower than C1 (ruled out: the chain says equal) and A2 as
    // narrower than C2 (what the chain says).
    cw.add_mapping_set(&set(
        "a-c",
        "a",
        "c",
        &[
            ("a:A1", "subset_of", "c:C1", 6),
            ("a:A2", "subset_of", "c:C2", 6),
        ],
    ))
    .unwrap();
    let found = cw.disagreements(3);
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(
        (d.mapping.from.to_string(), d.mapping.to.to_string()),
        ("a:A1".to_owned(), "c:C1".to_owned())
    );
    assert_eq!(d.mapping.set, "a-c");
    assert_eq!(
        d.other.relationships.exactly_one(),
        Some(Relationship::Equal)
    );
    let sets: Vec<&str> = d.other.path.iter().map(|m| m.set.as_str()).collect();
    assert_eq!(sets, ["a-b", "b-c"]);
    // Within one hop, the chain is not seen.
    assert!(cw.disagreements(1).is_empty());
}

/// A requirement that chains from what is held reach only through overlaps is not covered
/// and inconclusive (unknown, not a shown gap); one no chain reaches is not covered only.
#[test]
fn chains_of_overlaps_are_inconclusive_not_gaps() {
    let mut cw = Crosswalk::new();
    cw.add_catalog(&catalog("a", &["A1"])).unwrap();
    cw.add_catalog(&catalog("b", &["B1"])).unwrap();
    cw.add_catalog(&catalog("c", &["C1", "C2"])).unwrap();
    cw.add_mapping_set(&set(
        "a-b",
        "a",
        "b",
        &[("a:A1", "intersects_with", "b:B1", 5)],
    ))
    .unwrap();
    cw.add_mapping_set(&set(
        "c-b",
        "c",
        "b",
        &[("c:C1", "intersects_with", "b:B1", 5)],
    ))
    .unwrap();
    let report = cw
        .coverage(
            &[Holding::Framework("a".parse().unwrap())],
            &"c".parse().unwrap(),
            3,
        )
        .unwrap();
    let row = |id: &str| report.rows.iter().find(|r| r.control == id).unwrap();
    assert_eq!(row("c:C1").status, CoverageStatus::NotCovered);
    assert!(row("c:C1").inconclusive);
    assert_eq!(row("c:C2").status, CoverageStatus::NotCovered);
    assert!(!row("c:C2").inconclusive);
    // Within one hop, C1 is not reached either.
    let near = cw
        .coverage(
            &[Holding::Framework("a".parse().unwrap())],
            &"c".parse().unwrap(),
            1,
        )
        .unwrap();
    assert!(near.rows.iter().all(|r| !r.inconclusive));
}

/// A named selection (a baseline) holds exactly the controls it lists: not the enhancements
/// of a listed control, which holding the control itself would.
#[test]
fn a_selection_holds_exactly_what_it_lists() {
    let base = Catalog::from_json_str(
        r#"{ "framework": { "id": "n", "name": "N", "version": "1", "publisher": "x",
               "licence": { "kind": "public_domain" } },
             "nodes": [
               { "id": "A", "kind": "control", "title": "A", "assessable": true },
               { "id": "A(1)", "kind": "control_enhancement", "title": "A one", "parent": "A", "assessable": true },
               { "id": "B", "kind": "control", "title": "B", "assessable": true } ],
             "selections": [ { "id": "low", "title": "LOW baseline", "controls": ["A"] } ] }"#,
    )
    .unwrap();
    let mut cw = Crosswalk::new();
    cw.add_catalog(&base).unwrap();
    cw.add_catalog(&catalog("t", &["T1", "T2"])).unwrap();
    cw.add_mapping_set(&set(
        "n-t",
        "n",
        "t",
        &[("n:A", "equal", "t:T1", 9), ("n:A(1)", "equal", "t:T2", 9)],
    ))
    .unwrap();
    assert_eq!(
        cw.selection(&"n:low".parse().unwrap()),
        Some(("LOW baseline", 1))
    );
    assert_eq!(
        cw.selection(&"n:A".parse().unwrap()),
        None,
        "a control, not a selection"
    );
    let status = |holding: Holding, id: &str| {
        let report = cw.coverage(&[holding], &"t".parse().unwrap(), 3).unwrap();
        report.rows.iter().find(|r| r.control == id).unwrap().status
    };
    let low = || Holding::Group("n:low".parse().unwrap());
    assert_eq!(status(low(), "t:T1"), CoverageStatus::Covered);
    assert_eq!(status(low(), "t:T2"), CoverageStatus::NotCovered);
    // Holding the control itself holds its enhancement too.
    let a = || Holding::Control("n:A".parse().unwrap());
    assert_eq!(status(a(), "t:T2"), CoverageStatus::Covered);
    // An unknown selection is an unknown control, with a suggestion.
    let err = cw
        .coverage(
            &[Holding::Group("n:lwo".parse().unwrap())],
            &"t".parse().unwrap(),
            3,
        )
        .unwrap_err();
    assert!(err.to_string().contains("n:lwo"), "{err}");
}
