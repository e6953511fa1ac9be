//! Mapping set validation: each problem with a bad input of its own.

use ctrlmap_crosswalk::{MappingError, MappingProblem, MappingSet, Relationship};

use crate::fixtures::set_json;

fn problems(json: &str) -> Vec<MappingProblem> {
    match MappingSet::from_json_str(json) {
        Err(MappingError::Invalid { problems, .. }) => problems,
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn a_row_in_the_wrong_framework() {
    let p = problems(&set_json("s", "a", "b", &[("c:C1", "equal", "b:B1", 5)]));
    assert!(
        matches!(
            &p[..],
            [MappingProblem::WrongFramework {
                row: 0,
                field: "source",
                ..
            }]
        ),
        "{p:?}"
    );
}

#[test]
fn strength_out_of_range() {
    let p = problems(&set_json("s", "a", "b", &[("a:A1", "equal", "b:B1", 11)]));
    assert_eq!(
        p,
        [MappingProblem::StrengthOutOfRange {
            row: 0,
            strength: 11
        }]
    );
}

#[test]
fn equal_and_subset_of_the_same_pair_contradict() {
    let p = problems(&set_json(
        "s",
        "a",
        "b",
        &[
            ("a:A1", "equal", "b:B1", 5),
            ("a:A1", "subset_of", "b:B1", 5),
        ],
    ));
    assert!(
        matches!(
            &p[..],
            [MappingProblem::Contradiction {
                row: 1,
                relationship: Relationship::SubsetOf,
                existing: Relationship::Equal,
                ..
            }]
        ),
        "{p:?}"
    );
    assert!(
        p[0].to_string().contains("contradicts mappings[0]"),
        "{}",
        p[0]
    );
}

#[test]
fn subset_both_ways_without_equal_contradicts() {
    let p = problems(&set_json(
        "s",
        "a",
        "a",
        &[
            ("a:A1", "subset_of", "a:A2", 5),
            ("a:A2", "subset_of", "a:A1", 5),
        ],
    ));
    assert!(
        matches!(
            &p[..],
            [MappingProblem::Contradiction {
                row: 1,
                existing: Relationship::SupersetOf,
                ..
            }]
        ),
        "{p:?}"
    );
}

#[test]
fn exact_duplicates_and_inverse_restatements_are_merged() {
    let s = MappingSet::from_json_str(&set_json(
        "s",
        "a",
        "a",
        &[
            ("a:A1", "subset_of", "a:A2", 5),
            ("a:A1", "subset_of", "a:A2", 5),
            ("a:A2", "superset_of", "a:A1", 5),
        ],
    ))
    .unwrap();
    assert_eq!(s.mappings().len(), 1);
}

#[test]
fn self_mappings_and_empty_fields() {
    let p = problems(&set_json("s", "a", "a", &[("a:A1", "equal", "a:A1", 5)]));
    assert!(
        matches!(&p[..], [MappingProblem::SelfMapping { row: 0, .. }]),
        "{p:?}"
    );
    let json = set_json("s", "a", "b", &[]).replace(r#""title": "Set s""#, r#""title": " ""#);
    assert_eq!(
        problems(&json),
        [MappingProblem::EmptyField {
            path: "title".into()
        }]
    );
}

#[test]
fn unknown_relationship_tokens_and_bad_refs_are_syntax_errors() {
    for json in [
        set_json("s", "a", "b", &[("a:A1", "equivalent-to", "b:B1", 5)]),
        set_json("s", "a", "b", &[("A1", "equal", "b:B1", 5)]),
        set_json("s", "a", "b", &[("a:A1", "equal", "b:B1", 5)]).replace("\"expert\"", "\"guess\""),
    ] {
        let err = MappingSet::from_json_str(&json).unwrap_err();
        assert!(matches!(err, MappingError::Load(_)), "{err}");
        assert!(err.to_string().starts_with("<string>:"), "{err}");
    }
}

#[test]
fn unmapped_controls_need_a_reason_and_no_mapping() {
    let json = set_json("s", "a", "b", &[("a:A1", "equal", "b:B1", 5)]).replace(
        r#""mappings": ["#,
        r#""unmapped": [ { "control": "a:A1", "reason": "x" }, { "control": "a:A2", "reason": " " }, { "control": "c:C1", "reason": "y" } ], "mappings": ["#,
    );
    let p = problems(&json);
    assert!(
        matches!(
            &p[..],
            [
                MappingProblem::MappedAndUnmapped { index: 0, .. },
                MappingProblem::EmptyField { .. },
                MappingProblem::WrongFramework {
                    field: "unmapped",
                    ..
                },
            ]
        ),
        "{p:?}"
    );
    assert_eq!(
        p[1].to_string(),
        "unmapped[1].reason: is empty; give it text"
    );
}
