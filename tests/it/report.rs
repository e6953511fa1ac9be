//! The readiness report: assumptions, gap list with NIST next steps, and every format.

use std::path::Path;

use ctrlmap::crosswalk::{CoverageOptions, CoverageStatus, Holding};
use ctrlmap::report::{self, ReadinessReport, ReportContext};
use serde_json::Value;

/// SOC 2 Security held, HIPAA assessed for a business associate: the README's main job.
fn main_job() -> ReadinessReport {
    let library = ctrlmap::builtin();
    let ba = ctrlmap::hipaa::entity::EntityKind::BusinessAssociate {
        subcontractor: false,
    };
    let coverage = library
        .crosswalk()
        .coverage_with(
            &[Holding::Control("soc2:security".parse().unwrap())],
            &"hipaa".parse().unwrap(),
            &CoverageOptions::new().with_not_applicable(ctrlmap::hipaa_not_applicable(ba)),
        )
        .unwrap();
    ReadinessReport::new(
        library,
        coverage,
        &ReportContext::new()
            .generated("2026-11-24")
            .applicability("Entity: business associate"),
    )
}

#[test]
fn the_assumptions_block_says_what_the_answer_rests_on() {
    let r = main_job();
    assert_eq!(r.title, "Coverage of HIPAA by SOC 2 (Security)");
    let a = &r.assumptions;
    assert_eq!(a.held.len(), 1);
    assert_eq!(a.held[0].name, "SOC 2 — Trust Services Criteria");
    assert_eq!(a.held[0].version, "2017 (revised points of focus 2022)");
    assert_eq!(a.held[0].scope, "Security (33 of 33)");
    assert_eq!(
        a.held[0].not_held,
        [
            "Availability",
            "Processing Integrity",
            "Confidentiality",
            "Privacy"
        ]
    );
    assert_eq!(a.target_short_name, "HIPAA");
    assert_eq!(a.target_version, "2013 Omnibus Rule (78 FR 5566)");
    assert_eq!(
        a.leaves_out,
        [
            "Subpart E—Privacy of Individually Identifiable Health Information (hipaa:subpart-E): no assessable requirements in the catalog"
        ]
    );
    assert_eq!(
        a.applicability,
        [
            "Entity: business associate",
            "13 requirements are marked not applicable, each with its reason, and left out of the counts."
        ]
    );
    let sets: Vec<(&str, &str)> = a
        .mapping_sets
        .iter()
        .map(|s| (s.id.as_str(), s.method.as_str()))
        .collect();
    // The sets the answer rests on; the others are said to be consulted without effect.
    assert_eq!(
        sets,
        [("hipaa-soc2", "expert"), ("hipaa-elements-soc2", "expert")]
    );
    assert_eq!(a.max_hops, 3);
    assert_eq!(a.generated.as_deref(), Some("2026-11-24"));
    assert_eq!(a.ctrlmap_version, env!("CARGO_PKG_VERSION"));
}

#[test]
fn the_gap_list_gives_text_reasons_and_nist_key_activities() {
    let r = main_job();
    // Every partial and not-covered requirement, and nothing else.
    let expected = r
        .coverage
        .rows
        .iter()
        .filter(|row| {
            matches!(
                row.status,
                CoverageStatus::Partial | CoverageStatus::NotCovered
            )
        })
        .count();
    assert_eq!(r.gaps.len(), expected);
    assert_eq!(r.gaps.len(), 64);
    let analysis = r
        .gaps
        .iter()
        .find(|g| g.control == "hipaa:164.308(a)(1)(ii)(A)")
        .unwrap();
    assert_eq!(analysis.status, CoverageStatus::Partial);
    assert_eq!(analysis.requirement.as_deref(), Some("Required"));
    assert!(
        analysis.text.as_deref().unwrap().starts_with(
            "(A) Risk analysis (Required). Conduct an accurate and thorough assessment"
        )
    );
    assert!(
        analysis.why[0].starts_with("soc2:CC3.2 overlaps it: check the HIPAA-specific part [ctrlmap expert reading]. CC3.2 asks for risk identification"),
        "{:?}",
        analysis.why
    );
    let steps: Vec<(&str, &str)> = analysis
        .next_steps
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(steps, [("KA_164.308(a)(1).2", "Conduct Risk Assessment")]);
    // Its one NIST description is the work to do, and it is only partly evidenced.
    let work: Vec<(String, CoverageStatus)> = analysis.next_steps[0]
        .work
        .iter()
        .map(|w| (w.control.to_string(), w.status))
        .collect();
    assert_eq!(
        work,
        [(
            "hipaa:D_164.308(a)(1).2.1".to_owned(),
            CoverageStatus::Partial
        )]
    );
    assert!(
        analysis
            .why
            .iter()
            .any(|w| w == "Elements: 0 of 1 evidenced, 1 partly, 0 not at all; together they are the whole requirement."),
        "{:?}",
        analysis.why
    );
    // "Next" holds only what is not yet evidenced: termination procedures (CC6.2 contains the
    // requirement) is covered, so it is no gap; the security management standard offers its
    // key activities less those whose descriptions are all evidenced.
    assert!(
        !r.gaps
            .iter()
            .any(|g| g.control == "hipaa:164.308(a)(3)(ii)(C)")
    );
    let process = r
        .gaps
        .iter()
        .find(|g| g.control == "hipaa:164.308(a)(1)")
        .unwrap();
    for step in &process.next_steps {
        assert!(!step.work.is_empty(), "{}", step.id);
        assert!(
            step.work
                .iter()
                .all(|w| w.status != CoverageStatus::Covered)
        );
    }
    // A part of the rule no NIST description names is a step of its own, in the rule's words.
    assert!(
        process
            .next_steps
            .iter()
            .any(|s| s.id == "E_164.308(a)(1).1" && s.source.starts_with("the rule's own words"))
    );
    // Key activities that do not bind a business associate are not offered.
    assert!(
        r.gaps
            .iter()
            .flat_map(|g| &g.next_steps)
            .all(|s| s.title != "Isolate Healthcare Clearinghouse Functions")
    );
    // Requirements with no key activity get steps from their own text.
    for id in [
        "hipaa:164.410(b)",
        "hipaa:164.410(c)",
        "hipaa:164.316(b)(1)(ii)",
    ] {
        let g = r.gaps.iter().find(|g| g.control == id).unwrap();
        assert!(
            g.next_steps
                .iter()
                .all(|s| s.id.starts_with("E_") && !s.work.is_empty()),
            "{id}"
        );
        assert!(!g.next_steps.is_empty(), "{id}");
    }
    // The report opens with the few gaps to start with: not covered and required first.
    assert_eq!(r.start_with.len(), ctrlmap::report::FIRST_GAPS);
    let first = r
        .gaps
        .iter()
        .find(|g| g.control == r.start_with[0])
        .unwrap();
    assert_eq!(first.status, CoverageStatus::NotCovered);
    // A requirement no mapping reaches says why.
    let retention = r
        .gaps
        .iter()
        .find(|g| g.control == "hipaa:164.316(b)(2)(i)")
        .unwrap();
    assert_eq!(retention.status, CoverageStatus::NotCovered);
    assert!(retention.why[0].starts_with("Unmapped in hipaa-soc2: SOC 2 sets no retention period"));
    assert!(!retention.next_steps.is_empty());
    // A standard held back by a part says which.
    let access = r
        .gaps
        .iter()
        .find(|g| g.control == "hipaa:164.312(a)")
        .unwrap();
    assert_eq!(
        access.why[0],
        "Required parts are not fully covered: 164.312(a)(2)(i), 164.312(a)(2)(ii)."
    );
    // Sections: counts add up to the totals.
    let covered: usize = r.sections.iter().map(|s| s.totals.covered).sum();
    assert_eq!(covered, r.coverage.totals.covered);
    assert_eq!(r.sections[0].anchor, "sec-164-308");
    assert_eq!(r.sections[0].title, "Administrative safeguards");
}

#[test]
fn plain_words_not_raw_tokens() {
    let r = main_job();
    let text = report::to_text(&r, 80);
    let html = report::to_html(&r);
    let md = report::to_markdown(&r);
    for out in [&text, &html, &md] {
        assert!(!out.contains("{intersects_with}"), "no raw sets");
        assert!(!out.contains("{superset_of"), "no raw sets");
        assert!(out.contains("fully includes"));
        assert!(out.contains("overlaps it: check the HIPAA-specific part"));
        assert!(out.contains("strength"));
        assert!(out.contains("confidence"));
    }
    // An inferred link names its path, and an unknown one says to verify.
    let library = ctrlmap::builtin();
    let coverage = library
        .crosswalk()
        .coverage(
            &[Holding::Framework("hitrust".parse().unwrap())],
            &"soc2".parse().unwrap(),
            3,
        )
        .unwrap();
    let r = ReadinessReport::new(library, coverage, &ReportContext::new());
    let text = report::to_text(&r, 100);
    assert!(text.contains("(inferred via "), "{text}");
}

#[test]
fn eighty_column_terminal_output() {
    let text = report::to_text(&main_job(), 80);
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line}");
        assert!(!line.contains('\u{1b}'));
    }
    // Long text wraps with a hanging indent, at words.
    assert!(text.contains(
        "\n    Text: (A) Risk analysis (Required). Conduct an accurate and thorough\n      assessment of the potential risks and vulnerabilities to the\n"
    ));
    assert!(text.contains("\n    Next: Conduct Risk Assessment (NIST SP 800-66r2 key activity\n      KA_164.308(a)(1).2)\n"));
    // Narrow terminals too.
    for line in report::to_text(&main_job(), 40).lines() {
        assert!(line.chars().count() <= 40, "{line}");
    }
    // No doubled labels, no trailing colons.
    assert!(!text.contains("not applicable: Not applicable"));
    // (A label alone on a line, such as "Held:", would be a trailing colon.)
    assert!(
        text.lines()
            .all(|l| !(l.trim_end().ends_with(':') && l.split_whitespace().count() <= 2)),
        "{text}"
    );
}

#[test]
fn csv_has_one_row_per_requirement_with_separate_columns() {
    let r = main_job();
    let csv = report::to_csv(&r);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "section,requirement,title,level,requirement_type,status,held_control,relationship,direct_or_inferred,hops,strength,confidence,evidence,reason,elements_evidenced,elements_counted,elements_missing,requirement_text"
        )
    );
    assert_eq!(
        csv.matches("\nhipaa:").count() + csv.matches("\n164.").count(),
        81
    );
    let row = csv
        .lines()
        .find(|l| l.contains(",hipaa:164.310(a),"))
        .unwrap();
    assert!(
        row.starts_with("164.310 Physical safeguards,hipaa:164.310(a),Facility access controls,standard,Required,covered,soc2:CC6.4,fully includes it,direct,1,8,high,ctrlmap expert reading,"),
        "{row}"
    );
    // Element counts and the elements still missing.
    let analysis = csv
        .lines()
        .find(|l| l.contains(",hipaa:164.308(a)(1)(ii)(A),"))
        .unwrap();
    assert!(analysis.contains(",0,1,D_164.308(a)(1).2.1,"), "{analysis}");
    let na = csv
        .lines()
        .find(|l| l.contains(",hipaa:164.314(b),"))
        .unwrap();
    assert!(na.contains(",not applicable,"), "{na}");
    assert!(
        na.contains("Not applicable: § 164.314(b) binds group health plans only"),
        "{na}"
    );
}

/// The report of a library of one catalog (`catalog` JSON, no built-in data), holding
/// `held` (or the catalog's first assessable control), assessed against that catalog.
fn one_catalog_report(catalog: &str, held: Option<&str>, max_hops: usize) -> ReadinessReport {
    let library = ctrlmap::Library::builder()
        .without_builtin()
        .catalog_str(catalog, "x.json")
        .build()
        .unwrap();
    let c = library.catalogs().next().unwrap();
    let held = match held {
        Some(r) => r.parse().unwrap(),
        None => c.assessable().next().unwrap().control_ref(),
    };
    let coverage = library
        .crosswalk()
        .coverage(&[Holding::Control(held)], c.id(), max_hops)
        .unwrap();
    ReadinessReport::new(&library, coverage, &ReportContext::new())
}

#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    let csv = report::to_csv(&one_catalog_report(
        r#"{ "framework": { "id": "x", "name": "X", "version": "1", "publisher": "p",
             "licence": { "kind": "public_domain" } },
             "nodes": [ { "id": "A", "kind": "control", "title": "=HYPERLINK(\"http://evil\")", "assessable": true },
                        { "id": "B", "kind": "control", "title": "@SUM(1)", "assessable": true } ] }"#,
        Some("x:B"),
        3,
    ));
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://evil\"\")\","),
        "{csv}"
    );
    assert!(csv.contains(",'@SUM(1),"), "{csv}");
}

#[test]
fn markdown_escapes_cells() {
    let md = report::to_markdown(&one_catalog_report(
        r#"{ "framework": { "id": "x", "name": "X | Y", "version": "1", "publisher": "p",
             "licence": { "kind": "public_domain" } },
             "nodes": [ { "id": "A|1", "kind": "control", "title": "<script>alert(1)</script> a|b\nc *d*", "assessable": true } ] }"#,
        Some("x:A|1"),
        3,
    ));
    assert!(!md.contains("<script>"), "{md}");
    assert!(
        md.contains("&lt;script&gt;alert(1)&lt;/script&gt; a\\|b c \\*d\\*"),
        "{md}"
    );
    assert!(md.contains("| A\\|1 |"), "{md}");
    // Every table row has the same number of unescaped cell separators as its header.
    for table_line in md
        .lines()
        .filter(|l| l.starts_with("| ✓") || l.starts_with("| ◐"))
    {
        let cells = table_line.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 5, "{table_line}");
    }
}

#[test]
fn the_json_report_matches_its_schema() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/readiness-report.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let r = main_job();
    let value = serde_json::to_value(&r).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // The coverage report's own fields sit at the top level, as before.
    assert_eq!(value["totals"]["not_applicable"], 13);
    let back: ReadinessReport = serde_json::from_value(value).unwrap();
    assert_eq!(back, r);
}

#[test]
fn html_is_accessible_printable_and_self_contained() {
    let html = report::to_html(&main_job());
    for needle in [
        "<html lang=\"en\">",
        "<caption>",
        "<thead>",
        "scope=\"col\"",
        "scope=\"row\"",
        "@media print",
        "thead { display: table-header-group; }",
        "break-inside: avoid",
        "print-color-adjust: exact",
        "@media (max-width: 700px)",
        "<meta name=\"viewport\"",
        "href=\"#sec-164-308\"",
        "id=\"sec-164-308\"",
        "✓ covered",
        "◐ partial",
        "✗ not covered",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"));
    // One row per requirement in the requirement tables, plus a header row each.
    let sections = main_job().sections.len();
    assert_eq!(html.matches("<tr><td class=\"status").count(), 81);
    assert_eq!(html.matches("<table class=\"rows\"").count(), sections);
}

/// Renders the report in headless Chromium, when the machine has it, and checks the
/// screenshot: a PNG of the requested size with content on it.
#[test]
fn html_renders_in_headless_chromium() {
    let Some(browser) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        println!("no Chromium on this machine: the HTML render check is skipped");
        return;
    };
    let dir = std::env::temp_dir().join(format!("ctrlmap-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    std::fs::write(&page, report::to_html(&main_job())).unwrap();
    for (width, name) in [(1280, "wide.png"), (420, "narrow.png")] {
        let png = dir.join(name);
        let status = std::process::Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                &format!("--window-size={width},1400"),
                &format!("--screenshot={}", png.display()),
                &format!("file://{}", page.display()),
            ])
            .stderr(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        // IHDR: width and height, big-endian, at bytes 16..24.
        let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!((w, h), (width, 1400));
        assert!(bytes.len() > 20_000, "a page with content, not a blank one");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Found by the `renderers` fuzz target: an id longer than the line broke the width.
#[test]
fn a_word_longer_than_the_line_still_fits() {
    let r = one_catalog_report(
        include_str!("fixtures/fuzz-renderers-long-id.catalog.json"),
        None,
        2,
    );
    for width in [40, 60, 80] {
        for line in report::to_text(&r, width).lines() {
            assert!(line.chars().count() <= width, "{width}: {line}");
        }
    }
}

/// A row that shows three justifications of more says so, in every format.
#[test]
fn rows_say_when_justifications_are_left_out() {
    let library = ctrlmap::builtin();
    let coverage = library
        .crosswalk()
        .coverage(
            &[Holding::Framework("soc2".parse().unwrap())],
            &"hipaa".parse().unwrap(),
            3,
        )
        .unwrap();
    let process = coverage
        .rows
        .iter()
        .find(|r| r.control == "hipaa:164.308(a)(1)")
        .unwrap();
    assert_eq!(process.justification.len(), 3);
    assert_eq!(process.justifications_found, 4);
    let r = ReadinessReport::new(library, coverage, &ReportContext::new());
    let line = "(the strongest 3 of 4 held controls shown; 1 more bears on it too)";
    assert!(report::to_text(&r, 100).contains(line));
    assert!(report::to_markdown(&r).contains(line));
    assert!(report::to_csv(&r).contains(line));
}

/// Words a newcomer stumbled on (#21): the same words in every format, no "§" left at a
/// line's end, and the level without a familiar name says what is in it.
#[test]
fn wording_a_newcomer_reads_the_same_everywhere() {
    let r = main_job();
    // Sections wholly not applicable read alike in Markdown and text.
    let md = report::to_markdown(&r);
    assert!(md.contains("| all 4 not applicable |"), "{md}");
    assert!(
        report::to_text(&r, 100)
            .contains("164.404 Notification to individuals: all 4 not applicable")
    );
    // No line ends with the section sign, at any width.
    for width in [40, 57, 63, 80, 100, 120] {
        let text = report::to_text(&r, width);
        for line in text.lines() {
            assert!(!line.trim_end().ends_with('§'), "{width}: {line}");
        }
    }
    // The "other requirements" level names its requirements.
    assert!(report::to_text(&r, 200).contains(
        "(requirements that are neither a standard nor a specification: 164.316(b)(1)(ii), 164.412, 164.414(b))"
    ));
    // A standard held back by a partial part: "not fully covered", never "not covered".
    let access = r
        .gaps
        .iter()
        .find(|g| g.control == "hipaa:164.312(a)")
        .unwrap();
    assert!(access.why[0].starts_with("Required parts are not fully covered: "));
}

/// The legend defines only what the report uses, and the assumptions tell the mapping sets
/// the answer rests on from those consulted without effect (#21 item 4).
#[test]
fn legend_and_mapping_sets_follow_what_the_report_uses() {
    let r = main_job();
    let terms: Vec<&str> = r.legend.iter().map(|l| l.term.as_str()).collect();
    assert!(terms.contains(&"overlaps") && terms.contains(&"fully includes"));
    for unused in [
        "equal to",
        "inferred via",
        "unknown after N steps",
        "designed, not tested",
    ] {
        assert!(!terms.contains(&unused), "{unused}: {terms:?}");
    }
    let used: Vec<&str> = r
        .assumptions
        .mapping_sets
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(used, ["hipaa-soc2", "hipaa-elements-soc2"]);
    let unused: Vec<&str> = r
        .assumptions
        .consulted_without_effect
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        unused,
        [
            "soc2-coso",
            "hitrust-hipaa",
            "hitrust-soc2",
            "hipaa-sp800-53"
        ]
    );
    let text = report::to_text(&r, 100);
    assert!(text.contains("\n  Also consulted: without effect on this answer: SOC 2 Trust Services Criteria to COSO 2013"));
}

/// HTML a reader on a phone or on paper can use (#21 items 9-11): counts in words beside each
/// bar (shown on narrow screens), headings kept with what follows when printed, fixed
/// column widths and citations that do not break.
#[test]
fn html_for_phones_and_paper() {
    let html = report::to_html(&main_job());
    assert!(html.contains(
        "<span class=\"counts\" aria-hidden=\"true\">✓ 2 covered · ◐ 27 partial · ✗ 0 not covered, of 29</span>"
    ));
    assert!(
        html.contains("@media (max-width: 700px)")
            && html.contains("  .counts { display: block; }")
    );
    assert!(html.contains("<p class=\"next-head\"><strong>Next steps:</strong></p>"));
    assert!(html.contains("h2, h3, caption, .next-head { break-after: avoid;"));
    assert!(html.contains("table.sections, .gap { break-inside: avoid;"));
    assert!(html.contains("table.rows { table-layout: fixed; }"));
    assert!(html.contains("code { white-space: nowrap; }"));
}

/// Section anchors are unique even when two ids fold to the same letters (#22).
#[test]
fn section_anchors_never_collide() {
    let catalog = r#"{ "framework": { "id": "x", "name": "X", "version": "1", "publisher": "p",
        "licence": { "kind": "public_domain" } },
      "nodes": [
        { "id": "+A", "kind": "section", "title": "Plus" },
        { "id": "+A.1", "kind": "control", "title": "One", "parent": "+A", "assessable": true },
        { "id": "-A", "kind": "section", "title": "Minus" },
        { "id": "-A.1", "kind": "control", "title": "Two", "parent": "-A", "assessable": true },
        { "id": "@A", "kind": "section", "title": "At" },
        { "id": "@A.1", "kind": "control", "title": "Three", "parent": "@A", "assessable": true } ] }"#;
    let library = ctrlmap::Library::builder()
        .catalog_str(catalog, "x.json")
        .build()
        .unwrap();
    let coverage = library
        .crosswalk()
        .coverage(
            &[Holding::Framework("x".parse().unwrap())],
            &"x".parse().unwrap(),
            3,
        )
        .unwrap();
    let r = ReadinessReport::new(&library, coverage, &ReportContext::new());
    let anchors: Vec<&str> = r.sections.iter().map(|s| s.anchor.as_str()).collect();
    assert_eq!(anchors, ["sec--a-1", "sec--a-1-2", "sec--a-1-3"]);
}
