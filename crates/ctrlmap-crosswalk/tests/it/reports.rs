//! Reports as holdings: limits on what each held control proves.

use ctrlmap_crosswalk::{
    CoverageError, CoverageOptions, CoverageReport, CoverageStatus, Crosswalk, HeldLimit,
    HeldReport, Holding, LimitKind,
};

use crate::fixtures::{catalog, set};

fn crosswalk() -> Crosswalk {
    let mut cw = Crosswalk::new();
    cw.add_catalog(&catalog("r", &["R1", "R2"])).unwrap();
    cw.add_catalog(&catalog("h", &["H1", "H2"])).unwrap();
    cw.add_mapping_set(&set(
        "r-h",
        "r",
        "h",
        &[
            ("r:R1", "subset_of", "h:H1", 8),
            ("r:R2", "subset_of", "h:H2", 8),
        ],
    ))
    .unwrap();
    cw
}

fn control(id: &str) -> Holding {
    Holding::Control(id.parse().unwrap())
}

fn report(have: &[Holding]) -> CoverageReport {
    crosswalk()
        .coverage_with(have, &"r".parse().unwrap(), &CoverageOptions::new())
        .unwrap()
}

fn row<'a>(r: &'a CoverageReport, id: &str) -> &'a ctrlmap_crosswalk::CoverageRow {
    r.rows.iter().find(|x| x.control.control() == id).unwrap()
}

fn held(limits: Vec<HeldLimit>) -> Holding {
    let mut r = HeldReport::new("Report A", vec![Holding::Framework("h".parse().unwrap())]);
    for l in limits {
        r = r.with_limit(l);
    }
    Holding::Report(Box::new(r))
}

#[test]
fn an_exception_makes_a_containment_an_overlap() {
    let r = report(&[held(vec![HeldLimit::new(
        control("h:H1"),
        LimitKind::AtMostPartial,
        "2 of 40 samples failed",
    )])]);
    let r1 = row(&r, "R1");
    assert_eq!(r1.status, CoverageStatus::Partial);
    assert_eq!(
        r1.justification[0].limit.as_deref(),
        Some("2 of 40 samples failed")
    );
    assert_eq!(r1.justification[0].report.as_deref(), Some("Report A"));
    let r2 = row(&r, "R2");
    assert_eq!(r2.status, CoverageStatus::Covered);
    assert_eq!(r2.justification[0].limit, None);
    assert_eq!(r2.justification[0].report.as_deref(), Some("Report A"));
}

#[test]
fn design_only_evidence_is_designed_not_covered_and_counted_apart() {
    let r = report(&[held(vec![HeldLimit::new(
        Holding::Framework("h".parse().unwrap()),
        LimitKind::DesignOnly,
        "Type I: design only",
    )])]);
    assert_eq!(row(&r, "R1").status, CoverageStatus::Designed);
    assert_eq!(
        (r.totals.covered, r.totals.designed, r.totals.total),
        (0, 2, 2)
    );
}

#[test]
fn a_control_held_for_nothing_is_excluded_unless_something_else_holds_it() {
    let carve_out = || {
        held(vec![HeldLimit::new(
            control("h:H2"),
            LimitKind::Nothing,
            "carved out to Cloud host",
        )])
    };
    let r = report(&[carve_out()]);
    assert_eq!(row(&r, "R2").status, CoverageStatus::NotCovered);
    assert_eq!(r.excluded.len(), 1);
    assert_eq!(r.excluded[0].control, "h:H2");
    assert_eq!(r.excluded[0].reason, "carved out to Cloud host");
    // The host's own report holds it.
    let host = Holding::Report(Box::new(HeldReport::new("Host", vec![control("h:H2")])));
    let r = report(&[carve_out(), host]);
    assert_eq!(row(&r, "R2").status, CoverageStatus::Covered);
    assert_eq!(
        row(&r, "R2").justification[0].report.as_deref(),
        Some("Host")
    );
    assert!(r.excluded.is_empty());
}

#[test]
fn reports_hold_controls_not_reports() {
    let inner = HeldReport::new("Inner", vec![control("h:H1")]);
    let outer = HeldReport::new("Outer", vec![Holding::Report(Box::new(inner))]);
    let err = crosswalk()
        .coverage_with(
            &[Holding::Report(Box::new(outer))],
            &"r".parse().unwrap(),
            &CoverageOptions::new(),
        )
        .unwrap_err();
    assert_eq!(err, CoverageError::NestedReport("Outer".to_owned()));
    // A limit on a control that does not exist is an error naming it.
    let bad = held(vec![HeldLimit::new(
        control("h:H9"),
        LimitKind::Nothing,
        "x",
    )]);
    let err = crosswalk()
        .coverage_with(&[bad], &"r".parse().unwrap(), &CoverageOptions::new())
        .unwrap_err();
    assert!(err.to_string().contains("h:H9"), "{err}");
}

/// The search budget is the report's (#22): once it is spent, the rows left are marked
/// incomplete rather than searched.
#[test]
fn a_report_has_a_search_budget_of_its_own() {
    let cw = crosswalk();
    let have = [Holding::Framework("h".parse().unwrap())];
    let full = cw
        .coverage_with(&have, &"r".parse().unwrap(), &CoverageOptions::new())
        .unwrap();
    assert_eq!(full.incomplete, 0);
    let tight = cw
        .coverage_with(
            &have,
            &"r".parse().unwrap(),
            &CoverageOptions::new().with_max_report_paths(1),
        )
        .unwrap();
    assert!(tight.incomplete >= 1, "{}", tight.incomplete);
    assert!(tight.rows.iter().any(|r| r.incomplete));
}
