//! What is held is a report: a SOC 2 report's type, period, carve-outs, exceptions,
//! qualifications, boundary and opinion decide what it evidences (#20).

use ctrlmap::crosswalk::{CoverageOptions, CoverageReport, CoverageStatus, Holding};
use ctrlmap::soc2::Engagement;
use ctrlmap::soc2::jiff::civil::{Date, date};

const AS_OF: Date = date(2026, 12, 4);

/// A Type II report on Security, boundary holding all ePHI, with `extra` fields.
fn engagement(extra: &str) -> Engagement {
    let text = format!(
        r#"{{ "scope": ["security"],
        "report": {{ "type": "type2", "period": {{ "start": "2025-07-01", "end": "2026-06-30" }} }},
        "system": {{ "name": "Acme Care Platform", "boundary_includes_all_ephi": true }},
        "opinion": "unqualified" {extra} }}"#
    );
    Engagement::from_json_str(&text).unwrap()
}

fn holding(e: &Engagement, as_of: Date) -> Holding {
    ctrlmap::soc2_report_holding(e, &ctrlmap::hipaa::FRAMEWORK_ID, as_of).unwrap()
}

fn coverage(have: &[Holding]) -> CoverageReport {
    ctrlmap::builtin_crosswalk()
        .coverage_with(have, &ctrlmap::hipaa::FRAMEWORK_ID, &CoverageOptions::new())
        .unwrap()
}

fn status(r: &CoverageReport, id: &str) -> CoverageStatus {
    r.rows
        .iter()
        .find(|x| x.control.control() == id)
        .unwrap()
        .status
}

fn facts(h: &Holding) -> Vec<String> {
    match h {
        Holding::Report(r) => r.facts.clone(),
        _ => Vec::new(),
    }
}

#[test]
fn a_clean_type_ii_report_covers_as_the_criteria_do() {
    let r = coverage(&[holding(&engagement(""), AS_OF)]);
    assert_eq!(status(&r, "164.310(a)"), CoverageStatus::Covered);
    assert_eq!(status(&r, "164.308(a)(3)(ii)(C)"), CoverageStatus::Covered);
    let j = &r
        .rows
        .iter()
        .find(|x| x.control == "hipaa:164.310(a)")
        .unwrap()
        .justification[0];
    assert_eq!(
        j.report.as_deref(),
        Some("SOC 2 Type II report on Acme Care Platform, 2025-07-01 to 2026-06-30")
    );
}

#[test]
fn a_type_i_report_covers_nothing_it_shows_design() {
    let e = Engagement::from_json_str(
        r#"{ "scope": ["security"], "report": { "type": "type1", "as_of": "2026-06-30" },
             "system": { "name": "Acme", "boundary_includes_all_ephi": true } }"#,
    )
    .unwrap();
    let r = coverage(&[holding(&e, AS_OF)]);
    assert_eq!(r.totals.covered, 0);
    assert!(r.totals.designed >= 2, "{:?}", r.totals);
    assert_eq!(status(&r, "164.310(a)"), CoverageStatus::Designed);
    assert_eq!(CoverageStatus::Designed.label(), "designed, not tested");
    // Every format shows them per section: a bar segment and a column in HTML, a column in
    // Markdown; reports without such rows keep their columns.
    let designed = r.totals.designed;
    let report = ctrlmap::report::ReadinessReport::new(
        ctrlmap::builtin(),
        r,
        &ctrlmap::report::ReportContext::new(),
    );
    let html = ctrlmap::report::to_html(&report);
    assert!(html.contains("<th scope=\"col\">Designed, not tested</th>"));
    assert!(html.contains("<span class=\"designed\" style=\"width:"));
    assert!(
        html.contains(" designed, not tested, "),
        "aria-label and counts"
    );
    let markdown = ctrlmap::report::to_markdown(&report);
    assert!(markdown.contains("| Section | Covered | Designed, not tested | Partial |"));
    let columns = |line: &str| line.matches('|').count();
    let table: Vec<&str> = markdown
        .lines()
        .skip_while(|l| !l.starts_with("| Section |"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(table.len() > 2);
    assert!(table.iter().all(|l| columns(l) == 8), "{table:#?}");
    let per_section: usize = report.sections.iter().map(|s| s.totals.designed).sum();
    assert_eq!(per_section, designed);
    let clean = coverage(&[holding(&engagement(""), AS_OF)]);
    let clean = ctrlmap::report::ReadinessReport::new(
        ctrlmap::builtin(),
        clean,
        &ctrlmap::report::ReportContext::new(),
    );
    assert!(!ctrlmap::report::to_html(&clean).contains("Designed, not tested</th>"));
    assert!(!ctrlmap::report::to_markdown(&clean).contains("Designed"));
}

#[test]
fn a_type_ii_report_past_twelve_months_is_out_of_date_unless_bridged() {
    let e = engagement("");
    let late = date(2027, 9, 1);
    assert!(
        facts(&holding(&e, late))
            .iter()
            .any(|f| f.starts_with("Out of date: the period ended 2026-06-30")),
        "{:?}",
        facts(&holding(&e, late))
    );
    assert!(
        !facts(&holding(&e, AS_OF))
            .iter()
            .any(|f| f.starts_with("Out of date"))
    );
    let bridged = engagement(r#", "bridge_letter_through": "2027-09-30""#);
    let f = facts(&holding(&bridged, late));
    assert!(!f.iter().any(|f| f.starts_with("Out of date")), "{f:?}");
    assert!(f.iter().any(|f| f == "Bridge letter through 2027-09-30"));
}

#[test]
fn a_carved_out_criterion_is_held_only_with_the_subservice_report() {
    let e = engagement(
        r#", "subservice_organizations": [
            { "name": "Cloud host", "method": "carve_out", "criteria": ["CC6.4"] } ]"#,
    );
    let r = coverage(&[holding(&e, AS_OF)]);
    assert_ne!(status(&r, "164.310(a)"), CoverageStatus::Covered);
    assert_eq!(r.excluded.len(), 1);
    assert_eq!(r.excluded[0].control, "soc2:CC6.4");
    assert!(r.excluded[0].reason.starts_with("carved out to Cloud host"));
    // The host's own report, held too, brings CC6.4 back, and the row says whose it is.
    let host = Engagement::from_json_str(
        r#"{ "scope": ["security"],
             "report": { "type": "type2", "period": { "start": "2026-01-01", "end": "2026-09-30" } },
             "system": { "name": "Cloud host", "boundary_includes_all_ephi": true },
             "opinion": "unqualified" }"#,
    )
    .unwrap();
    let r = coverage(&[holding(&e, AS_OF), holding(&host, AS_OF)]);
    assert_eq!(status(&r, "164.310(a)"), CoverageStatus::Covered);
    let row = r
        .rows
        .iter()
        .find(|x| x.control == "hipaa:164.310(a)")
        .unwrap();
    assert_eq!(
        row.justification[0].report.as_deref(),
        Some("SOC 2 Type II report on Cloud host, 2026-01-01 to 2026-09-30")
    );
    assert!(r.excluded.is_empty());
}

#[test]
fn an_exception_leaves_what_it_would_cover_partial_in_its_words() {
    let e = engagement(
        r#", "exceptions": [ { "criterion": "CC6.2",
              "description": "2 of 40 terminations not removed in 24 h" } ]"#,
    );
    let r = coverage(&[holding(&e, AS_OF)]);
    assert_eq!(status(&r, "164.308(a)(3)(ii)(C)"), CoverageStatus::Partial);
    let row = r
        .rows
        .iter()
        .find(|x| x.control == "hipaa:164.308(a)(3)(ii)(C)")
        .unwrap();
    assert!(row.justification.iter().any(|j| j.limit.as_deref()
        == Some("exception in testing CC6.2: 2 of 40 terminations not removed in 24 h")));
    // The rest of the report still covers.
    assert_eq!(status(&r, "164.310(a)"), CoverageStatus::Covered);
}

#[test]
fn a_qualified_criterion_evidences_nothing() {
    let e = Engagement::from_json_str(
        r#"{ "scope": ["security"],
             "report": { "type": "type2", "period": { "start": "2025-07-01", "end": "2026-06-30" } },
             "system": { "name": "Acme", "boundary_includes_all_ephi": true },
             "opinion": "qualified", "qualified_criteria": ["CC6.2"] }"#,
    )
    .unwrap();
    let r = coverage(&[holding(&e, AS_OF)]);
    assert_ne!(status(&r, "164.308(a)(3)(ii)(C)"), CoverageStatus::Covered);
    assert!(
        r.excluded
            .iter()
            .any(|x| x.control == "soc2:CC6.2" && x.reason == "the opinion is qualified on CC6.2")
    );
    let row = r
        .rows
        .iter()
        .find(|x| x.control == "hipaa:164.308(a)(3)(ii)(C)")
        .unwrap();
    assert!(!row.justification.iter().any(|j| j.held == "soc2:CC6.2"));
}

#[test]
fn a_boundary_not_known_to_hold_all_ephi_covers_nothing_of_hipaa() {
    let e = Engagement::from_json_str(
        r#"{ "scope": ["security"],
             "report": { "type": "type2", "period": { "start": "2025-07-01", "end": "2026-06-30" } } }"#,
    )
    .unwrap();
    let h = holding(&e, AS_OF);
    assert!(facts(&h).iter().any(|f| f.starts_with(
        "Boundary: the system boundary is not stated to include every system with ePHI"
    )));
    let r = coverage(&[h]);
    assert_eq!(r.totals.covered, 0);
    assert_eq!(status(&r, "164.310(a)"), CoverageStatus::Partial);
}

#[test]
fn adverse_opinions_disclaimers_soc1_and_soc3_hold_nothing() {
    for (opinion, why) in [
        ("adverse", "the opinion is adverse"),
        ("disclaimer", "the auditor disclaimed an opinion"),
    ] {
        let e = engagement("").clone();
        let text = serde_json::to_string(&e)
            .unwrap()
            .replace("\"unqualified\"", &format!("\"{opinion}\""));
        let e = Engagement::from_json_str(&text).unwrap();
        let err = ctrlmap::soc2_report_holding(&e, &ctrlmap::hipaa::FRAMEWORK_ID, AS_OF)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("holds nothing: ") && err.contains(why),
            "{err}"
        );
    }
    for kind in ["soc1", "soc3"] {
        let err = Engagement::from_json_str(&format!(
            r#"{{ "kind": "{kind}", "scope": ["security"],
                 "report": {{ "type": "type1", "as_of": "2026-06-30" }} }}"#
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("did you mean"), "{err}");
    }
}

#[test]
fn bad_engagements_get_one_error_per_problem() {
    let err = Engagement::from_json_str(
        r#"{ "scope": ["security"],
             "report": { "type": "type2", "period": { "start": "2025-07-01", "end": "2026-06-30" } },
             "subservice_organizations": [ { "name": "Host", "method": "carve_out", "criteria": ["CC6.4"] } ],
             "exceptions": [ { "criterion": "CC6.4", "description": "x" },
                             { "criterion": "CC9.9", "description": "y" },
                             { "criterion": "P4.2", "description": "z" } ] }"#,
    )
    .unwrap_err()
    .to_string();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "<string>: 3 problems in the SOC 2 engagement:");
    assert!(lines[1].starts_with("exceptions[1].criterion: unknown SOC 2 criterion \"CC9.9\""));
    assert_eq!(
        lines[2],
        "exceptions[2].criterion: P4.2 is a Privacy criterion, outside the report's scope"
    );
    assert!(lines[3].starts_with("exceptions[0].criterion: CC6.4 is carved out to Host"));
    // A period that ends before it starts, and an opinion that is not one.
    assert!(
        Engagement::from_json_str(
            r#"{ "scope": ["security"],
                 "report": { "type": "type2", "period": { "start": "2026-07-01", "end": "2025-06-30" } } }"#
        )
        .unwrap_err()
        .to_string()
        .contains("must end after it starts")
    );
    assert!(
        Engagement::from_json_str(
            r#"{ "scope": ["security"], "report": { "type": "type1", "as_of": "2026-06-30" },
                 "opinion": "clean" }"#
        )
        .unwrap_err()
        .to_string()
        .contains("unknown variant `clean`")
    );
}

mod hitrust {
    use super::*;
    use ctrlmap::hitrust::HeldAssessment;

    fn assessment(text: &str) -> HeldAssessment {
        HeldAssessment::from_json_str(text).unwrap()
    }

    #[test]
    fn an_expired_assessment_holds_nothing() {
        let r2 = assessment(r#"{ "type": "r2", "report_date": "2024-01-15", "certified": true }"#);
        let err = ctrlmap::hitrust_assessment_holding(&r2, AS_OF)
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("holds nothing: it expired on 2026-01-15"),
            "{err}"
        );
        // Two years is an r2's validity: a day before, it still holds.
        assert!(ctrlmap::hitrust_assessment_holding(&r2, date(2026, 1, 14)).is_ok());
    }

    #[test]
    fn only_references_scored_at_the_threshold_are_held() {
        let a = assessment(
            r#"{ "type": "r2", "report_date": "2025-06-01", "certified": true,
                 "interim_assessment": "2026-06-01",
                 "scores": [ { "control_reference": "09.l", "score": 62 },
                             { "control_reference": "01.b", "score": 61.99 } ] }"#,
        );
        let h = ctrlmap::hitrust_assessment_holding(&a, AS_OF).unwrap();
        let r = coverage(&[h]);
        // 09.l (back-up) contains 164.308(a)(7)(ii)(A): held at 62, it covers.
        assert_eq!(status(&r, "164.308(a)(7)(ii)(A)"), CoverageStatus::Covered);
        assert_eq!(r.excluded.len(), 1);
        assert_eq!(r.excluded[0].control, "hitrust:01.b");
        assert_eq!(
            r.excluded[0].reason,
            "scored 61.99 (below the threshold of 62)"
        );
    }

    #[test]
    fn without_scores_say_what_was_assumed() {
        let e1 = assessment(r#"{ "type": "e1", "report_date": "2026-03-01", "certified": true }"#);
        let r = coverage(&[ctrlmap::hitrust_assessment_holding(&e1, AS_OF).unwrap()]);
        assert_eq!(
            r.totals.covered, 0,
            "an e1 without scores proves no containment"
        );
        let r2 = assessment(r#"{ "type": "r2", "report_date": "2026-03-01", "certified": true }"#);
        let h = ctrlmap::hitrust_assessment_holding(&r2, AS_OF).unwrap();
        assert!(
            facts(&h)
                .iter()
                .any(|f| f.starts_with("Assumed: every control reference"))
        );
        let unscored =
            assessment(r#"{ "type": "i1", "report_date": "2026-03-01", "certified": false }"#);
        assert!(ctrlmap::hitrust_assessment_holding(&unscored, AS_OF).is_err());
    }

    #[test]
    fn bad_assessments_get_one_error_per_problem() {
        let err = HeldAssessment::from_json_str(
            r#"{ "type": "i1", "report_date": "2026-03-01", "certified": true,
                 "interim_assessment": "2026-09-01",
                 "scores": [ { "control_reference": "01.zz", "score": 70 },
                             { "control_reference": "01.a", "score": 170 } ] }"#,
        )
        .unwrap_err()
        .to_string();
        assert_eq!(err.lines().count(), 4, "{err}");
        assert!(err.contains("scores[0].control_reference: "), "{err}");
        assert!(
            err.contains("scores[1].score: 170 is not a score from 0 to 100"),
            "{err}"
        );
        assert!(
            err.contains("interim_assessment: an i1 has no interim assessment"),
            "{err}"
        );
    }
}
