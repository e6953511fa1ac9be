//! End-to-end tests of the `ctrlmap` binary: output and exit codes.

// Tests fail by panicking: unwrap, expect, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::{Command, Output};

fn ctrlmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ctrlmap"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn ok(args: &[&str]) -> String {
    let output = ctrlmap(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    assert!(output.stderr.is_empty(), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

/// Runs a command that must fail with exit status 2 and a one-line message.
fn fails(args: &[&str]) -> String {
    let output = ctrlmap(args);
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(output.stdout.is_empty(), "{args:?}");
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    err
}

#[test]
fn frameworks_lists_coso() {
    let table = ok(&["frameworks"]);
    let lines: Vec<&str> = table.lines().collect();
    let words = |line: &str| {
        line.split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        words(lines[0]),
        ["ID", "NAME", "VERSION", "NODES", "ASSESSABLE", "TEXT"]
    );
    assert_eq!(words(lines[1])[0], "coso");
    assert!(lines[1].contains("  COSO Internal Control"), "{table}");
    let coso = words(lines[1]);
    assert_eq!(coso[coso.len() - 3..], ["114", "17", "summaries_only"]);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["frameworks", "--format", "json"])).unwrap();
    assert_eq!(json[0]["id"], "coso");
    assert_eq!(json[0]["nodes"], 114);
    assert_eq!(json[0]["assessable"], 17);
    assert_eq!(json[0]["licence"], "summaries_only");
}

#[test]
fn tree_prints_every_node_indented() {
    let tree = ok(&["tree", "coso"]);
    let lines: Vec<&str> = tree.lines().collect();
    assert_eq!(lines.len(), 114);
    assert_eq!(lines[0], "CE  Control Environment");
    assert_eq!(lines[1], "  P1  Integrity and ethical values");
    assert_eq!(lines[2], "    P1-POF1  Sets the Tone at the Top");
    assert!(lines.contains(&"      P6-POF1  Reflects Management's Choices"));
    assert_eq!(lines.iter().filter(|l| l.contains("-POF")).count(), 87);
}

#[test]
fn tree_json_nests_children() {
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["tree", "coso", "-f", "json"])).unwrap();
    let roots = json["nodes"].as_array().unwrap();
    assert_eq!(roots.len(), 5);
    assert_eq!(roots[1]["id"], "RA");
    assert_eq!(roots[1]["children"][0]["id"], "P6");
    assert_eq!(
        roots[1]["children"][0]["children"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        roots[1]["children"][0]["children"][0]["kind"],
        "objective_group"
    );
}

#[test]
fn show_a_control() {
    let text = ok(&["show", "coso:P10"]);
    assert!(
        text.starts_with("coso:P10  Select control activities\n"),
        "{text}"
    );
    assert!(
        text.contains("parent:     coso:CA  Control Activities"),
        "{text}"
    );
    assert!(
        text.contains("children:   P10-POF1  Integrates With Risk Assessment"),
        "{text}"
    );
    assert_eq!(text.matches("P10-POF").count(), 6, "{text}");

    let json: serde_json::Value =
        serde_json::from_str(&ok(&["show", "coso:P6-POF15", "--format", "json"])).unwrap();
    assert_eq!(json["ref"], "coso:P6-POF15");
    assert_eq!(json["node"]["parent"], "P6-G5");
    let ancestors: Vec<&str> = json["ancestors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["ref"].as_str().unwrap())
        .collect();
    assert_eq!(ancestors, ["coso:P6-G5", "coso:P6", "coso:RA"]);
}

#[test]
fn show_accepts_ids_in_any_case() {
    assert!(ok(&["show", "coso:p10-pof1"]).starts_with("coso:P10-POF1  "));
}

#[test]
fn unknown_names_exit_2_with_a_suggestion() {
    let err = fails(&["show", "coso:P18"]);
    assert_eq!(
        err,
        "ctrlmap: error: no control \"P18\" in coso (did you mean \"coso:P1\"?)\n"
    );
    let err = fails(&["tree", "cosso"]);
    assert_eq!(
        err,
        "ctrlmap: error: unknown framework \"cosso\" (did you mean \"coso\"?); frameworks: coso, soc2, hipaa, hitrust, sp800-53, csf\n"
    );
    // An id alone is found when exactly one framework has it; otherwise it needs its
    // framework.
    assert!(ok(&["show", "P10"]).starts_with("coso:P10  "));
    let err = fails(&["show", "Q10"]);
    assert!(err.contains("expected `framework:id`"), "{err}");
    let err = fails(&["schema", "catalogue"]);
    assert!(err.contains("(did you mean \"catalog\"?)"), "{err}");
}

#[test]
fn bad_usage_exits_2() {
    let output = ctrlmap(&["tree"]);
    assert_eq!(output.status.code(), Some(2));
    let output = ctrlmap(&["frameworks", "--format", "yaml"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn schema_prints_the_committed_file() {
    for (name, file) in [
        ("catalog", "catalog.schema.json"),
        ("text-overlay", "text-overlay.schema.json"),
        ("catalog-extension", "catalog-extension.schema.json"),
        ("mapping-set", "mapping-set.schema.json"),
        ("coverage-report", "coverage-report.schema.json"),
        ("readiness-report", "readiness-report.schema.json"),
        ("applicability", "applicability.schema.json"),
        ("crosswalk-export", "crosswalk-export.schema.json"),
        ("soc2-engagement", "soc2-engagement.schema.json"),
        ("hitrust-assessment", "hitrust-assessment.schema.json"),
        (
            "hipaa-addressable-decisions",
            "hipaa-addressable-decisions.schema.json",
        ),
    ] {
        let printed = ok(&["schema", name]);
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../schemas")
            .join(file);
        assert_eq!(printed, std::fs::read_to_string(path).unwrap(), "{name}");
    }
    let list = ok(&["schema"]);
    assert!(
        list.lines().any(|l| l
            .split_whitespace()
            .take(2)
            .eq(["text-overlay", "text-overlay.schema.json"])),
        "{list}"
    );
    assert_eq!(list.lines().count(), 12, "{list}");
}

#[test]
fn soc2_tree_and_show() {
    let tree = ok(&["tree", "soc2"]);
    let lines: Vec<&str> = tree.lines().collect();
    assert_eq!(lines.len(), 412);
    assert_eq!(lines[0], "security  Security");
    assert_eq!(lines[1], "  CC1  Control Environment");
    assert_eq!(lines[2], "    CC1.1  Commitment to integrity and ethics");
    assert_eq!(lines[3], "      CC1.1-POF1  Sets the Tone at the Top");

    let text = ok(&["show", "soc2:CC6.1"]);
    assert!(
        text.starts_with("soc2:CC6.1  Logical access security measures\n"),
        "{text}"
    );
    assert!(
        text.contains("parent:     soc2:CC6  Logical and Physical Access Controls"),
        "{text}"
    );
    assert_eq!(text.matches("CC6.1-POF").count(), 13, "{text}");
    assert!(ok(&["show", "soc2:cc6.1"]).starts_with("soc2:CC6.1  "));

    let err = fails(&["show", "soc2:CC6.9"]);
    assert_eq!(
        err,
        "ctrlmap: error: no control \"CC6.9\" in soc2 (did you mean \"soc2:CC6.1\"?)\n"
    );
}

#[test]
fn frameworks_lists_soc2() {
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["frameworks", "--format", "json"])).unwrap();
    assert_eq!(json[1]["id"], "soc2");
    assert_eq!(json[1]["assessable"], 61);
}

#[test]
fn hipaa_tree_and_show() {
    let tree = ok(&["tree", "hipaa"]);
    let lines: Vec<&str> = tree.lines().collect();
    // The regulation's 210 nodes; its elements and key activities only with --elements.
    assert_eq!(lines.len(), 210 + 1);
    assert_eq!(
        lines.last(),
        Some(&"(479 elements and key activities not shown: --elements)")
    );
    assert_eq!(ok(&["tree", "hipaa", "--elements"]).lines().count(), 689);
    assert!(
        lines[0].starts_with("subpart-C  Subpart C—Security Standards"),
        "{tree}"
    );
    assert!(
        lines.contains(&"        164.312(a)(2)(iv)  Encryption and decryption"),
        "{tree}"
    );

    let text = ok(&["show", "hipaa:164.312(a)(2)(iv)", "--width", "80"]);
    assert!(
        text.starts_with("hipaa:164.312(a)(2)(iv)  Encryption and decryption\n"),
        "{text}"
    );
    // Wrapped to the width under its label.
    assert!(text.contains("text:       (iv) Encryption and decryption (Addressable). Implement a mechanism\n              to encrypt and decrypt electronic protected health information.\n"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert!(text.contains("requirement = addressable"), "{text}");
    // Another citation of a standard finds it.
    assert!(
        ok(&["show", "hipaa:164.308(a)(1)(i)"])
            .starts_with("hipaa:164.308(a)(1)  Security management process\n")
    );
}

#[test]
fn hitrust_tree_and_show() {
    let tree = ok(&["tree", "hitrust"]);
    let lines: Vec<&str> = tree.lines().collect();
    assert_eq!(lines.len(), 219);
    assert_eq!(lines[0], "00  Information Security Management Program");
    assert!(lines.contains(&"    01.a  Access Control Policy"), "{tree}");
    assert!(
        lines.contains(&"  13.s  Privacy Monitoring and Auditing"),
        "{tree}"
    );
    assert!(
        lines.contains(&"  13.01  Control objective 13.01"),
        "{tree}"
    );

    let text = ok(&["show", "hitrust:01.a"]);
    assert!(
        text.starts_with("hitrust:01.a  Access Control Policy\n"),
        "{text}"
    );
    assert!(
        text.contains("parent:     hitrust:01.01  Business Requirement for Access Control"),
        "{text}"
    );
    let err = fails(&["show", "hitrust:01.z"]);
    assert!(
        err.contains("no control \"01.z\" in hitrust (did you mean"),
        "{err}"
    );
}

fn files(name: &str) -> String {
    format!("{}/tests/it/files/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn coverage_table_is_the_main_job() {
    let text = ok(&[
        "coverage", "--have", "soc2", "--target", "hipaa", "--width", "80",
    ]);
    assert!(
        text.starts_with("Coverage of HIPAA by SOC 2\n==========================\n"),
        "{text}"
    );
    // Every line fits 80 columns; words are not cut.
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    assert!(
        text.contains("\n    ✓ covered         164.310(a)  Facility access controls\n        soc2:CC6.4 fully includes it [ctrlmap expert reading, strength 8, high\n"),
        "{text}"
    );
    assert!(
        text.contains("\n    ◐ partial         164.312(a)  Access control\n        soc2:CC6.1 fully includes it [ctrlmap expert reading, strength 7, medium\n          confidence]\n"),
        "a standard with a partial Required specification is partial: {text}"
    );
    assert!(
        text.contains("Required parts not fully covered: 164.312(a)(2)(i), 164.312(a)(2)(ii)"),
        "{text}"
    );
    for line in [
        "  Held: SOC 2 — Trust Services Criteria (soc2, 2017 (revised points of focus",
        "      2022)): Security (33 of 33), Availability (3 of 3), Processing Integrity",
        "  All requirements: 4 covered (4.9%), 76 partial (93.8%), 1 not covered (1.2%)",
        "  Standards: 2 covered (7.7%), 24 partial (92.3%), 0 not covered (0.0%) of 26",
        "Gaps: 77 requirements not covered or partly covered, with what to do next",
    ] {
        assert!(text.contains(&format!("\n{line}\n")), "{line}\n{text}");
    }
    assert!(!text.contains('\u{1b}'), "no colour when piped");
    let coloured = ok(&[
        "coverage", "--have", "soc2", "--target", "hipaa", "--color", "always",
    ]);
    assert!(coloured.contains("\u{1b}[32m✓ covered\u{1b}[0m"));
    // Narrower than 40 columns is refused.
    let output = ctrlmap(&[
        "coverage", "--have", "soc2", "--target", "hipaa", "--width", "20",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--width"), "{}", stderr(&output));
}

#[test]
fn coverage_scope_applicability_and_levels() {
    let text = ok(&[
        "coverage",
        "--have",
        "soc2:security",
        "--target",
        "hipaa",
        "--entity",
        "business-associate",
        "-f",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        json["scope"][0]["holding"],
        serde_json::json!({ "control": "soc2:security" })
    );
    assert_eq!(json["scope"][0]["groups"][1]["title"], "Availability");
    assert_eq!(json["scope"][0]["groups"][1]["held"], 0);
    assert_eq!(json["totals"]["not_applicable"], 13);
    // 66 Security and Breach Rule requirements, 164.412 and 164.414(b).
    assert_eq!(json["totals"]["total"], 68);
    // Both levels: requirements, and the elements of NIST's key activities and the rule.
    assert_eq!(json["element_totals"]["total"], 325);
    assert_eq!(json["key_activity_totals"]["total"], 99);
    assert_eq!(json["levels"][0]["kind"], "standard");
    assert_eq!(json["levels"][1]["kind"], "implementation_specification");
    assert_eq!(json["not_assessed"][0]["control"], "hipaa:subpart-E");
    let ghp = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["control"] == "hipaa:164.314(b)")
        .unwrap();
    assert_eq!(ghp["status"], "not_applicable");
    assert!(
        ghp["not_applicable_reason"]
            .as_str()
            .unwrap()
            .contains("group health plans")
    );
    // --entity describes HIPAA entities only.
    let err = fails(&[
        "coverage",
        "--have",
        "soc2",
        "--target",
        "hitrust",
        "--entity",
        "health-plan",
    ]);
    assert!(err.contains("--entity describes a HIPAA entity"), "{err}");
    // A user's applicability file.
    let text = ok(&[
        "coverage",
        "--have",
        "soc2",
        "--target",
        "hipaa",
        "--not-applicable",
        &files("not-applicable.json"),
    ]);
    assert!(
        text.contains("– not applicable  164.310(a)(2)(iv)  Maintenance records"),
        "{text}"
    );
    assert!(
        text.contains("Applicability: 1 entry from "),
        "the file is named in the assumptions, in the singular: {text}"
    );
    let err = fails(&[
        "coverage",
        "--have",
        "soc2",
        "--target",
        "hipaa",
        "--not-applicable",
        &files("held.txt"),
    ]);
    assert!(err.contains("--not-applicable: "), "{err}");
}

#[test]
fn coverage_holdings_from_files_and_engagements() {
    // The engagement format is a report holding the categories in scope, read as evidence.
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "coverage",
        "--have",
        &files("engagement.json"),
        "--target",
        "hipaa",
        "--as-of",
        "2026-12-04",
        "-f",
        "json",
    ]))
    .unwrap();
    let report = &json["have"][0]["report"];
    assert_eq!(
        report["holds"],
        serde_json::json!([{ "group": "soc2:security" }, { "group": "soc2:availability" }])
    );
    // The old two-field file says nothing of its boundary: nothing of HIPAA is covered, and
    // the assumptions say which way it was read.
    assert_eq!(json["totals"]["covered"], 0);
    assert!(
        json["assumptions"]["reports"][0]["facts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f
                .as_str()
                .unwrap()
                .starts_with("Boundary: the system boundary is not stated"))
    );
    // An empty file holds nothing: an error, not an all-red report.
    let output = ctrlmap(&[
        "coverage",
        "--have",
        &files("empty.txt"),
        "--target",
        "hipaa",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("the file names no control"),
        "{}",
        stderr(&output)
    );
    // A holding with no assessable control is an error too.
    let err = fails(&["coverage", "--have", "soc2:CC6.1-POF1", "--target", "hipaa"]);
    assert!(err.contains("includes no assessable control"), "{err}");
    // A broken engagement file: the file, line and column, and what is wrong.
    let path = std::env::temp_dir().join(format!("ctrlmap-engagement-{}.json", std::process::id()));
    std::fs::write(
        &path,
        "{\n  \"scope\": [\"privacy\"],\n  \"report\": { \"type\": \"type_1\", \"as_of\": \"2026-06-30\" }\n}\n",
    )
    .unwrap();
    let err = fails(&[
        "coverage",
        "--have",
        path.to_str().unwrap(),
        "--target",
        "hipaa",
    ]);
    std::fs::remove_file(&path).unwrap();
    assert!(err.contains(&format!("{}:2:", path.display())), "{err}");
    assert!(err.contains("must include security"), "{err}");
    assert!(err.contains("not a SOC 2 engagement file"), "{err}");
}

#[test]
fn a_file_never_shadows_a_reference() {
    let dir = std::env::temp_dir().join(format!("ctrlmap-shadow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("soc2"), "hitrust:01.a\n").unwrap();
    let run = |have: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_ctrlmap"))
            .current_dir(&dir)
            .args([
                "coverage", "--have", have, "--target", "hipaa", "-f", "json",
            ])
            .output()
            .unwrap()
    };
    let output = run("soc2");
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["have"], serde_json::json!([{ "framework": "soc2" }]));
    assert!(
        stderr(&output).contains(
            "--have soc2 is read as soc2, not as the file of that name; write ./soc2 for the file"
        ),
        "{}",
        stderr(&output)
    );
    let output = run("./soc2");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["have"],
        serde_json::json!([{ "control": "hitrust:01.a" }])
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn coverage_formats() {
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "coverage", "--have", "soc2", "--target", "hipaa", "--format", "json",
    ]))
    .unwrap();
    assert_eq!(json["totals"]["covered"], 4);
    assert_eq!(json["rows"].as_array().unwrap().len(), 81);
    assert_eq!(json["title"], "Coverage of HIPAA by SOC 2");
    assert_eq!(json["assumptions"]["target_short_name"], "HIPAA");
    assert!(json["assumptions"]["generated"].as_str().unwrap().len() == 10);
    assert_eq!(json["gaps"].as_array().unwrap().len(), 77);
    // JSON rows list their elements, each with its status.
    let analysis = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["control"] == "hipaa:164.308(a)(1)(ii)(A)")
        .unwrap();
    assert_eq!(
        analysis["elements"][0]["control"],
        "hipaa:KA_164.308(a)(1).2"
    );
    assert_eq!(
        analysis["elements"][1]["control"],
        "hipaa:D_164.308(a)(1).2.1"
    );
    assert_eq!(analysis["elements"][1]["status"], "partial");
    assert_eq!(analysis["elements_exhaustive"], true);
    let csv = ok(&[
        "coverage", "--have", "soc2", "--target", "hipaa", "-f", "csv",
    ]);
    assert_eq!(csv.lines().next(), Some(ctrlmap::report::CSV_HEADER));
    let md = ok(&[
        "coverage", "--have", "soc2", "--target", "hipaa", "-f", "markdown",
    ]);
    assert!(md.starts_with("# Coverage of HIPAA by SOC 2\n"), "{md}");
    let html = ok(&[
        "coverage", "--have", "soc2", "--target", "hipaa", "-f", "html",
    ]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("164.312 Technical safeguards"),
        "a bar per safeguard section"
    );
    assert!(
        !html.contains("<script") && !html.contains("http://") && !html.contains("https://"),
        "self-contained"
    );
}

#[test]
fn coverage_from_a_file_of_held_controls() {
    let text = ok(&[
        "coverage",
        "--have",
        &files("held.txt"),
        "--target",
        "hipaa",
        "-f",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        json["have"],
        serde_json::json!([{ "control": "soc2:CC6.1" }, { "control": "soc2:CC6.7" }])
    );
    // CC6.7 covers transmission security. Access control (164.312(a)) is contained in CC6.1,
    // but two of its Required specifications are only partial; person or entity
    // authentication is only a point of focus of CC6.1.
    assert_eq!(json["totals"]["covered"], 1, "{text}");
    let err = fails(&["coverage", "--have", "soc2:CC6.99", "--target", "hipaa"]);
    assert!(err.contains("no control \"CC6.99\" in soc2"), "{err}");
    // SOC 1 and SOC 3 reports are refused as evidence of criteria, each with why.
    let err = fails(&["coverage", "--have", "soc3", "--target", "hipaa"]);
    assert!(
        err.contains("--have soc3: a SOC 3 report is a general-use summary with no description of the tests or their results"),
        "{err}"
    );
    assert!(
        err.contains("did you mean the SOC 2 report it summarizes?"),
        "{err}"
    );
    let err = fails(&["coverage", "--have", "soc1", "--target", "hipaa"]);
    assert!(err.contains("financial reporting"), "{err}");
    assert!(err.contains("did you mean a SOC 2 report?"), "{err}");
}

#[test]
fn map_direct_and_inferred() {
    let text = ok(&[
        "map",
        "hipaa:164.312(a)(2)(iv)",
        "--to",
        "soc2",
        "--explain",
    ]);
    assert_eq!(
        text,
        "hipaa:164.312(a)(2)(iv) overlaps soc2:CC6.1  Logical access security measures  [strength 6, ctrlmap expert reading, hipaa-soc2]\n    Encryption is only a point of focus of CC6.1; an examination need not test a mechanism to encrypt and decrypt ePHI.\nhipaa:164.312(a)(2)(iv) overlaps soc2:CC6.7  Transmission and movement of data restricted  [strength 5, ctrlmap expert reading, hipaa-soc2]\n    CC6.7 protects information moved or removed, such as on removable media; encryption at rest generally is outside it.\nKey: \"overlaps\" = each requires something the other does not.\n"
    );
    let text = ok(&[
        "map",
        "soc2:CC1.1",
        "--infer",
        "--to",
        "coso",
        "--max-hops",
        "1",
    ]);
    assert!(
        text.starts_with(
            "soc2:CC1.1 is equal to coso:P1  Integrity and ethical values  [1 hop, strength 10, AICPA crosswalk]\n"
        ),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["map", "soc2:CC1.1", "--format", "json"])).unwrap();
    assert_eq!(json[0]["to"], "coso:P1");
    let text = ok(&["map", "hipaa:164.314(b)(2)", "--to", "soc2"]);
    assert!(
        text.contains("unmapped in hipaa-soc2: Plan document provisions for group health plans"),
        "{text}"
    );
}

#[test]
fn map_says_relationships_in_the_reports_words() {
    // Direct mappings, read from the left control, with a key to the words used.
    let text = ok(&["map", "soc2:CC6.1", "--to", "hipaa"]);
    assert!(
        text.contains("\nsoc2:CC6.1 fully includes hipaa:164.312(a)  Access control  [strength 7, ctrlmap expert reading, hipaa-soc2]\n"),
        "{text}"
    );
    assert!(
        text.contains("\nsoc2:CC6.1 overlaps hipaa:164.312(a)(2)(i)  "),
        "{text}"
    );
    assert_eq!(
        text.lines().last(),
        Some(
            "Key: \"fully includes\" = the left control requires everything the right one does; \"overlaps\" = each requires something the other does not."
        )
    );
    for raw in ["superset_of", "intersects_with", "subset_of", "{", "}"] {
        assert!(!text.contains(raw), "{raw}: {text}");
    }
    let text = ok(&["map", "45 CFR 164.312(e)(1)", "--to", "soc2"]);
    assert!(
        text.contains("\"covers part of\" = the right control requires more than the left one"),
        "{text}"
    );
    // Inferred: a chain that leaves several relationships possible says so, as the report does.
    let text = ok(&["map", "soc2:CC6.1", "--infer", "--to", "hipaa"]);
    assert!(
        text.contains("\nsoc2:CC6.1 relationship unknown after 3 steps: verify hipaa:164.308(a)(4)(ii)(B)  Access authorization  [3 hops, strength 6, ctrlmap expert reading]\n"),
        "{text}"
    );
    assert!(
        text.starts_with("soc2:CC6.1 fully includes hipaa:"),
        "{text}"
    );
    assert!(
        text.trim_end().ends_with("; \"relationship unknown\" = the chain of mappings leaves several relationships possible."),
        "{text}"
    );
    // The steps of --explain are read the same way.
    let text = ok(&[
        "map",
        "soc2:CC6.1",
        "--infer",
        "--to",
        "hitrust",
        "--explain",
    ]);
    assert!(
        text.contains(
            "\n    soc2:CC6.1 overlaps hitrust:01.q  (hitrust-soc2, ctrlmap expert reading, strength 7, high confidence)\n"
        ),
        "{text}"
    );
    // JSON keeps the raw names.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["map", "soc2:CC6.1", "--to", "hipaa", "-f", "json"])).unwrap();
    let names: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["relationship"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"superset_of") && names.contains(&"intersects_with"),
        "{names:?}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "map",
        "soc2:CC6.1",
        "--infer",
        "--to",
        "hipaa",
        "-f",
        "json",
    ]))
    .unwrap();
    assert_eq!(json[0]["relationships"], serde_json::json!(["superset_of"]));
    // Nothing found: no key.
    let text = ok(&["map", "hipaa:164.314(b)(2)", "--to", "soc2"]);
    assert!(!text.contains("Key:"), "{text}");
}

#[test]
fn flags_that_would_do_nothing_are_refused() {
    // --max-hops and --max-paths bound only the search of --infer.
    for (flag, value) in [("--max-hops", "2"), ("--max-paths", "1000000")] {
        let err = fails(&["map", "soc2:CC6.1", flag, value]);
        assert_eq!(
            err,
            format!(
                "ctrlmap: error: {flag} needs --infer: it bounds the search for chains of mappings, and without --infer map shows direct mappings only\n"
            )
        );
        ok(&["map", "soc2:CC6.1", "--infer", flag, value]);
    }
    // The default is not a flag given: --explain shows the notes of direct mappings.
    assert!(ok(&["map", "soc2:CC6.1", "--explain"]).contains("\n    "));
    // --framework and --set choose what OSCAL exports; the other formats export everything.
    for format in ["json", "dot", "graphml", "csv"] {
        for (flag, value) in [("--framework", "hipaa"), ("--set", "hipaa-soc2")] {
            let err = fails(&["export", "--format", format, flag, value]);
            assert_eq!(
                err,
                format!(
                    "ctrlmap: error: {flag} applies only to --format oscal; --format {format} exports the whole crosswalk\n"
                )
            );
        }
    }
    let err = fails(&["export", "--framework", "hipaa"]);
    assert!(
        err.contains("--framework applies only to --format oscal"),
        "{err}"
    );
    assert!(ok(&["export", "-f", "oscal", "--framework", "hipaa"]).contains("\"catalog\""));
}

#[test]
fn search_finds_by_words() {
    let text = ok(&["search", "encryption", "decryption"]);
    assert_eq!(
        text.lines().next(),
        Some("hipaa:164.312(a)(2)(iv)  Encryption and decryption")
    );
    assert!(ok(&["search", "zzyzx"]).starts_with("no controls match"));
}

#[test]
fn export_formats() {
    let csv = ok(&["export", "--format", "csv"]);
    // Every built-in row: 1,130 of ctrlmap and the AICPA, 1,007 of NIST.
    assert_eq!(csv.lines().count(), 1 + 1130 + 278 + 729);
    assert!(ok(&["export", "-f", "dot"]).starts_with("digraph crosswalk {"));
    assert!(ok(&["export", "-f", "graphml"]).contains("<graphml"));
    let json: serde_json::Value = serde_json::from_str(&ok(&["export"])).unwrap();
    assert_eq!(json["mappings"].as_array().unwrap().len(), 1130 + 278 + 729);
}

#[test]
fn user_files_join_the_builtin_data() {
    let catalog = files("acme.catalog.json");
    let mappings = files("acme-hipaa.mappings.json");
    let tree = ok(&["tree", "acme", "--catalog", &catalog]);
    assert_eq!(
        tree,
        "ACC  Access\n  ACC-1  Every user has a unique account\n  ACC-2  Laptops encrypt their disks\n"
    );
    let text = ok(&[
        "map",
        "acme:ACC-1",
        "--infer",
        "--to",
        "soc2",
        "--catalog",
        &catalog,
        "--mappings",
        &mappings,
    ]);
    assert!(text.starts_with("acme:ACC-1 overlaps soc2:CC6.1"), "{text}");
    let text = ok(&[
        "coverage",
        "--have",
        "acme",
        "--target",
        "hipaa",
        "--catalog",
        &catalog,
        "--mappings",
        &mappings,
    ]);
    assert!(text.contains("1 covered"), "{text}");
    // A mapping set whose framework is not loaded.
    let err = fails(&["frameworks", "--mappings", &mappings]);
    assert!(
        err.contains("no catalog of framework acme is loaded"),
        "{err}"
    );
}

#[test]
fn validate_reports_every_problem() {
    assert_eq!(
        ok(&["validate", &files("acme.catalog.json")]),
        format!("{}: valid catalog\n", files("acme.catalog.json"))
    );
    assert_eq!(
        ok(&[
            "validate",
            &files("acme-hipaa.mappings.json"),
            "--catalog",
            &files("acme.catalog.json")
        ]),
        format!("{}: valid mapping set\n", files("acme-hipaa.mappings.json"))
    );
    let output = ctrlmap(&["validate", &files("bad.catalog.json")]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 3, "{err}");
    assert!(err.contains("nodes[1]: duplicate id \"A\""), "{err}");
    assert!(err.contains("nodes[1] \"A\": title is empty"), "{err}");
    assert!(
        err.contains("parent \"Q\" is not a node of this catalog"),
        "{err}"
    );
    let output = ctrlmap(&["validate", &files("bad.mappings.json")]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 3, "{err}");
    assert!(err.contains("mappings[0].source: hipaa:164.312(a)(2)(v) is not a control of the loaded hipaa catalog"), "{err}");
    assert!(
        err.contains(
            "soc2:CC6.9 is not a control of the loaded soc2 catalog (did you mean soc2:CC6.1?)"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "contradicts set hipaa-soc2, which says hipaa:164.312(a)(2)(i) intersects_with soc2:CC6.1"
        ),
        "{err}"
    );
    let err = fails(&["validate", &files("held.txt")]);
    assert!(err.contains("held.txt:"), "{err}");
}

#[test]
fn completions_for_a_shell() {
    let bash = ok(&["completions", "bash"]);
    assert!(
        bash.contains("_ctrlmap()"),
        "{}",
        &bash[..200.min(bash.len())]
    );
    assert!(bash.contains("coverage"));
}

#[test]
fn oscal_out_and_in() {
    let oscal = ok(&["export", "--format", "oscal", "--framework", "coso"]);
    assert!(oscal.contains("\"oscal-version\": \"1.2.1\""));
    let dir = std::env::temp_dir().join(format!("ctrlmap-cli-oscal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("coso.oscal.json");
    std::fs::write(&path, &oscal).unwrap();
    let path = path.display().to_string();
    // Converted back, it is the built-in catalog.
    let converted: serde_json::Value = serde_json::from_str(&ok(&["import-oscal", &path])).unwrap();
    let builtin: serde_json::Value = serde_json::from_str(ctrlmap::coso::CATALOG_JSON).unwrap();
    assert_eq!(converted["nodes"], builtin["nodes"]);
    assert_eq!(converted["framework"], builtin["framework"]);
    // An OSCAL catalog is accepted directly wherever a catalog is.
    let nist = format!(
        "{}/../ctrlmap-oscal/tests/it/fixtures/nist-800-53-rev5-at-ps.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let tree = ok(&["tree", "nist-sp-800-53-rev-5", "--catalog", &nist]);
    assert!(
        tree.starts_with("at  Awareness and Training\n  at-1  Policy and Procedures\n"),
        "{tree}"
    );
    let mapping = ok(&["export", "-f", "oscal", "--set", "soc2-coso"]);
    assert!(mapping.contains("\"relationship\": \"equal-to\""));
    let err = fails(&["export", "-f", "oscal"]);
    assert!(err.contains("give --framework ID or --set ID"), "{err}");
    let err = fails(&["export", "-f", "oscal", "--set", "hipaa-soc"]);
    assert!(err.contains("(did you mean \"hipaa-soc2\"?)"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn show_prints_nist_guidance_and_map_explains_each_step() {
    let text = ok(&["show", "hipaa:164.308(a)(1)(ii)(A)"]);
    assert!(
        text.contains("guidance:   NIST SP 800-66 Rev. 2 (February 2024)"),
        "{text}"
    );
    assert!(
        text.contains("            KA_164.308(a)(1).2  Conduct Risk Assessment\n"),
        "{text}"
    );
    assert!(
        text.contains("  ? What are the current and planned controls?"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["show", "hipaa:164.312(a)", "-f", "json"])).unwrap();
    assert_eq!(json["guidance"].as_array().unwrap().len(), 9);
    // Nothing for other frameworks.
    assert!(!ok(&["show", "soc2:CC6.1"]).contains("guidance:"));
    let text = ok(&[
        "map",
        "hipaa:164.312(a)(2)(iv)",
        "--infer",
        "--to",
        "hitrust",
        "--explain",
    ]);
    assert!(
        text.contains("    hipaa:164.312(a)(2)(iv) overlaps hitrust:10.f  (hitrust-hipaa, ctrlmap expert reading, strength 6, medium confidence)\n        The policy on cryptographic controls overlaps encryption and decryption.\n"),
        "{text}"
    );
}

#[test]
fn import_cprt_makes_a_catalog() {
    let fixture = format!(
        "{}/../ctrlmap-cprt/tests/fixtures/sp800-66r2-slice.cprt.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "import-cprt",
        &fixture,
        "--framework",
        "nist-sp800-66r2",
    ]))
    .unwrap();
    assert_eq!(json["framework"]["id"], "nist-sp800-66r2");
    assert_eq!(json["nodes"].as_array().unwrap().len(), 9);
    let err = fails(&["import-cprt", &files("held.txt"), "--framework", "x"]);
    assert!(err.contains("held.txt"), "{err}");
}

#[test]
fn hop_counts_above_the_cap_are_refused_not_clamped() {
    for command in [
        vec!["map", "soc2:CC6.1", "--infer", "--max-hops", "1000"],
        vec![
            "coverage",
            "--have",
            "soc2",
            "--target",
            "hipaa",
            "--max-hops",
            "7",
        ],
        vec!["map", "soc2:CC6.1", "--infer", "--max-hops", "0"],
    ] {
        let output = ctrlmap(&command);
        assert_eq!(output.status.code(), Some(2), "{command:?}");
        assert!(
            stderr(&output).contains("is not from 1 to 6, the most hops ctrlmap follows"),
            "{}",
            stderr(&output)
        );
    }
    // A search that runs out of budget says so.
    let output = ctrlmap(&[
        "map",
        "soc2:CC6.1",
        "--infer",
        "--to",
        "hitrust",
        "--max-paths",
        "5",
    ]);
    assert!(output.status.success());
    assert!(
        stderr(&output).contains("the search stopped after 5 paths: the answer is incomplete"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn terminal_output_never_carries_escapes_from_data() {
    let dir = std::env::temp_dir().join(format!("ctrlmap-escape-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let catalog = dir.join("evil.json");
    std::fs::write(
        &catalog,
        r#"{ "framework": { "id": "evil", "name": "Evil", "version": "1", "publisher": "x",
            "licence": { "kind": "public_domain" } },
            "nodes": [ { "id": "E1", "kind": "control", "title": "\u001b[2J\u001b]0;pwned\u0007 \u202eevil", "assessable": true } ] }"#,
    )
    .unwrap();
    let catalog = catalog.display().to_string();
    for args in [
        vec!["tree", "evil", "--catalog", catalog.as_str()],
        vec!["show", "evil:E1", "--catalog", catalog.as_str()],
        vec!["search", "evil", "--catalog", catalog.as_str()],
        vec![
            "coverage",
            "--have",
            "evil",
            "--target",
            "evil",
            "--catalog",
            catalog.as_str(),
        ],
    ] {
        let text = ok(&args);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}') && !text.contains('\u{7}'),
            "{args:?}: {text}"
        );
        assert!(text.contains("\\u{1b}[2J"), "{args:?}: {text}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn write_failures_exit_non_zero_without_a_panic() {
    // A pipe whose reading end is already closed.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ctrlmap"))
        .args(["completions", "bash"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("the completion script was not written in full"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // A full device, for completions, help and version.
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        for args in [
            vec!["completions", "zsh"],
            vec!["--help"],
            vec!["--version"],
            vec!["frameworks"],
        ] {
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_ctrlmap"))
                .args(&args)
                .stdout(full.try_clone().unwrap())
                .stderr(std::process::Stdio::piped())
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(1), "{args:?}");
            let err = String::from_utf8_lossy(&output.stderr);
            assert!(err.contains("cannot write output"), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
        }
    }
}

#[test]
fn every_file_read_is_bounded() {
    if !std::path::Path::new("/dev/zero").exists() {
        return;
    }
    for args in [
        vec!["import-oscal", "/dev/zero"],
        vec!["import-cprt", "/dev/zero", "--framework", "x"],
        vec!["coverage", "--have", "/dev/zero", "--target", "hipaa"],
        vec![
            "coverage",
            "--have",
            "soc2",
            "--target",
            "hipaa",
            "--not-applicable",
            "/dev/zero",
        ],
        vec!["frameworks", "--catalog", "/dev/zero"],
    ] {
        let err = fails(&args);
        assert!(
            err.contains("/dev/zero: the file size in bytes exceeds the limit of 67108864"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn show_says_when_text_comes_from_an_overlay() {
    let dir = std::env::temp_dir().join(format!("ctrlmap-overlay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let overlay = dir.join("coso-text.json");
    std::fs::write(
        &overlay,
        r#"{ "framework": "coso", "texts": { "P1": "Licensed text of principle 1." } }"#,
    )
    .unwrap();
    let overlay = overlay.display().to_string();
    let text = ok(&["show", "coso:P1", "--overlay", &overlay]);
    assert!(
        text.contains(&format!("text from:  the overlay {overlay}, not the catalog\ntext:       Licensed text of principle 1.\n")),
        "{text}"
    );
    assert!(!ok(&["show", "coso:P1"]).contains("text from"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_citation_forms_practitioners_type() {
    for form in [
        "45 CFR 164.312(a)(2)(iv)",
        "hipaa:§ 164.312(a)(2)(iv)",
        "§ 164.312(a)(2)(iv)",
        "164.312(a)(2)(iv)",
        "hipaa:164.312(a)(2)(iv)",
    ] {
        assert!(
            ok(&["show", form]).starts_with("hipaa:164.312(a)(2)(iv)  Encryption and decryption\n"),
            "{form}"
        );
    }
    assert!(ok(&["show", "cc6.1"]).starts_with("soc2:CC6.1  "));
    let text = ok(&["map", "45 CFR 164.312(e)(1)", "--to", "soc2"]);
    assert!(
        text.contains("\nhipaa:164.312(e) covers part of soc2:CC6.7  "),
        "{text}"
    );
    // A typo in --have gets a did-you-mean like every other name.
    let err = fails(&["coverage", "--have", "soc22", "--target", "hipaa"]);
    assert!(
        err.contains("not a framework (did you mean \"soc2\"?)"),
        "{err}"
    );
    // Search matches words: "encryption at rest" finds the encryption controls.
    let text = ok(&["search", "encryption", "at", "rest"]);
    assert!(
        text.lines()
            .take(4)
            .any(|l| l.starts_with("hipaa:164.312(a)(2)(iv)")),
        "{text}"
    );
}

#[test]
fn a_business_associate_reads_its_own_duty_and_elements() {
    let text = ok(&[
        "coverage",
        "--have",
        "soc2:security",
        "--target",
        "hipaa",
        "--entity",
        "business-associate",
        "--width",
        "100",
    ]);
    // 164.308(b) shows (b)(2), the duty that binds a business associate.
    assert!(
        text.contains("Text: [§ 164.308(b)(2), the duty that binds this organization] (2) A business associate may"),
        "{text}"
    );
    // The summary gives both levels and where to start.
    assert!(text.contains("\n  Elements: "), "{text}");
    assert!(text.contains("\n  Key activities: "), "{text}");
    assert!(text.contains("\n  Start with: "), "{text}");
    // An element is held like a control, by NIST's identifier.
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "coverage",
        "--have",
        "hipaa:KA_164.308(a)(3).5",
        "--target",
        "hipaa",
        "-f",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        json["title"],
        "Coverage of HIPAA by HIPAA (hipaa:KA_164.308(a)(3).5)"
    );
    let termination = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["control"] == "hipaa:164.308(a)(3)(ii)(C)")
        .unwrap();
    assert_eq!(termination["status"], "covered");
    assert_eq!(
        termination["rollup"]["through_elements"],
        serde_json::json!([
            "hipaa:D_164.308(a)(3).5.1",
            "hipaa:D_164.308(a)(3).5.2",
            "hipaa:D_164.308(a)(3).5.3"
        ])
    );
}

/// The README's sample of the main job is the real output: every line of it, in order, is a
/// line of what the README's command prints when piped ("..." marks what it leaves out).
#[test]
fn the_readme_sample_is_the_real_output() {
    let output = ok(&[
        "coverage",
        "--have",
        "soc2:security",
        "--target",
        "hipaa",
        "--entity",
        "business-associate",
        // Piped output's width, whatever COLUMNS says where the tests run.
        "--width",
        "100",
    ]);
    assert_readme_sample("Coverage of HIPAA by SOC 2 (Security)", &output);
}

/// Every line of the README's `text` block that opens with `heading` is a line of `output`,
/// in order ("..." marks what the block leaves out).
fn assert_readme_sample(heading: &str, output: &str) {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let start = readme.find(&format!("```text\n{heading}")).unwrap();
    let sample = &readme[start + "```text\n".len()..];
    let sample = &sample[..sample.find("```").unwrap()];
    let mut lines = output.lines();
    for want in sample.lines().filter(|l| l.trim() != "...") {
        assert!(
            lines.any(|l| l == want),
            "README line not in the output (or out of order): {want:?}"
        );
    }
}

/// The README's SP 800-53 sample is what `coverage --have sp800-53:moderate --target hipaa`
/// prints, line for line ("..." marks what it leaves out), and its HIPAA-to-CSF words are
/// the report's.
#[test]
fn the_readme_nist_sample_is_the_real_output() {
    let output = ok(&[
        "coverage",
        "--have",
        "sp800-53:moderate",
        "--target",
        "hipaa",
        "--width",
        "100",
    ]);
    assert_readme_sample(
        "Coverage of HIPAA by NIST SP 800-53 Rev. 5 (MODERATE baseline)",
        &output,
    );
    let csf = ok(&[
        "coverage", "--have", "hipaa", "--target", "csf", "--width", "1000",
    ]);
    assert!(csf.contains("0 covered (0.0%), 0 partial (0.0%), 106 not covered (100.0%) of 106"));
    assert!(csf.contains(
        "Why: No held control maps to it with a relationship that can be known. It is mapped to 21 sp800-53 controls (NIST crosswalk), and chains of mappings from what is held reach it, but only through mappings that overlap"
    ));
    assert!(csf.contains("Unknown: 83 of the requirements not covered are mapped"));
    // The other 23 no chain from HIPAA reaches at all: their SP 800-53 controls are not
    // among those NIST pairs with HIPAA.
    assert_eq!(
        csf.matches("Why: No held control maps to it, directly or through other frameworks.")
            .count(),
        23
    );
}

/// The README's example report files load and give what the README shows.
#[test]
fn the_readme_example_reports() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/");
    let text = ok(&[
        "coverage",
        "--have",
        &format!("{root}acme-soc2-type2.json"),
        "--target",
        "hipaa",
        "--entity",
        "business-associate",
        "--as-of",
        "2026-12-04",
        "--width",
        "100",
    ]);
    for line in [
        "  Report: SOC 2 Type II report on Acme Care Platform, 2025-07-01 to 2026-06-30",
        "  Report: Carved out to Cloud host: CC6.4",
        "        soc2:CC6.2 fully includes it, but the evidence is limited: exception in testing CC6.2: 2 of",
    ] {
        assert!(text.contains(&format!("\n{line}\n")), "{line}\n{text}");
    }
    let text = ok(&[
        "coverage",
        "--have",
        &format!("{root}acme-hitrust-r2.json"),
        "--target",
        "hipaa",
        "--as-of",
        "2026-12-04",
    ]);
    assert!(text.contains("Report: HITRUST r2 assessment of Acme Care Platform, 2025-03-01"));
    // Past its two years, it holds nothing.
    let err = fails(&[
        "coverage",
        "--have",
        &format!("{root}acme-hitrust-r2.json"),
        "--target",
        "hipaa",
        "--as-of",
        "2027-03-02",
    ]);
    assert!(
        err.trim_end()
            .ends_with("holds nothing: it expired on 2027-03-01"),
        "{err}"
    );
}

/// Every catalog loader takes an id (#21 item 14): `--catalog FILE=ID` loads an OSCAL or a
/// ctrlmap catalog under the framework id given.
#[test]
fn catalogs_load_under_the_id_given() {
    let nist = format!(
        "{}/../ctrlmap-oscal/tests/it/fixtures/nist-800-53-rev5-at-ps.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let show = ok(&[
        "show",
        "nist53:at-2",
        "--catalog",
        &format!("{nist}=nist53"),
    ]);
    assert!(
        show.starts_with("nist53:at-2  Literacy Training and Awareness\n"),
        "{show}"
    );
    let tree = ok(&[
        "tree",
        "acme2",
        "--catalog",
        &format!("{}=acme2", files("acme.catalog.json")),
    ]);
    assert!(!tree.is_empty());
    // An id that is not one is an error, not a file name guess.
    let err = fails(&["tree", "coso", "--catalog", &format!("{nist}=Not An Id")]);
    assert!(err.contains("Not An Id"), "{err}");
}

/// Documented addressable decisions are read into coverage (#21 item 16): a specification
/// decided not reasonable and appropriate is addressed by that decision, with its reason.
#[test]
fn addressable_decisions_are_judged_on_their_decision() {
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "coverage",
        "--have",
        "soc2:security",
        "--target",
        "hipaa",
        "--addressable",
        &files("addressable.json"),
        "-f",
        "json",
    ]))
    .unwrap();
    let row = |id: &str| {
        json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["control"] == id)
            .unwrap()
            .clone()
    };
    let logoff = row("hipaa:164.312(a)(2)(iii)");
    assert_eq!(logoff["status"], "not_applicable");
    assert!(
        logoff["not_applicable_reason"]
            .as_str()
            .unwrap()
            .ends_with("because Kiosk terminals are shared; sessions end at logout by design.")
    );
    let alternative = row("hipaa:164.312(e)(2)(ii)");
    assert!(
        alternative["not_applicable_reason"]
            .as_str()
            .unwrap()
            .contains("an equivalent alternative is implemented instead: All ePHI moves over a private network link.")
    );
    // A decision on a Required specification is refused: the file is not a decision file.
    let dir = std::env::temp_dir().join(format!("ctrlmap-addr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{ "164.308(a)(1)(ii)(A)": { "decision": "not_reasonable_and_appropriate", "rationale": "x" } }"#,
    )
    .unwrap();
    let err = fails(&[
        "coverage",
        "--have",
        "soc2",
        "--target",
        "hipaa",
        "--addressable",
        bad.to_str().unwrap(),
    ]);
    assert!(err.contains("--addressable: "), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Several holdings of one framework read as one (#21 items 1 and 2): one title entry and one
/// "Held" line per framework, counted in the singular or plural as the number says.
#[test]
fn several_holdings_of_one_framework_read_as_one() {
    let text = ok(&[
        "coverage",
        "--have",
        "soc2:security",
        "--have",
        "soc2:availability",
        "--target",
        "hipaa",
        "--width",
        "100",
    ]);
    assert!(
        text.starts_with("Coverage of HIPAA by SOC 2 (Security, Availability)\n"),
        "{text}"
    );
    assert_eq!(text.matches("\n  Held: ").count(), 1, "{text}");
    let text = ok(&[
        "coverage",
        "--have",
        &files("held.txt"),
        "--target",
        "hipaa",
    ]);
    assert!(
        text.starts_with("Coverage of HIPAA by SOC 2 (2 controls)\n"),
        "{text}"
    );
    let one = ok(&["coverage", "--have", "soc2:CC6.1", "--target", "hipaa"]);
    assert!(
        one.starts_with("Coverage of HIPAA by SOC 2 (1 control)\n"),
        "{one}"
    );
}

/// Hostile input, round three (#22): a held-controls file of many unknown lines gets close
/// names for the first few only and a count past a screenful, and a holding named many
/// times is held once.
#[test]
fn many_unknown_or_repeated_holdings_stay_cheap_and_short() {
    let dir = std::env::temp_dir().join(format!("ctrlmap-held-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let unknown = dir.join("unknown.txt");
    let lines: Vec<String> = (0..300).map(|i| format!("soc2:ZZ{i}")).collect();
    std::fs::write(&unknown, lines.join("\n")).unwrap();
    let output = ctrlmap(&[
        "coverage",
        "--have",
        unknown.to_str().unwrap(),
        "--target",
        "hipaa",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    let errors: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("ctrlmap: error: "))
        .collect();
    assert_eq!(errors.len(), 101, "{err}");
    assert!(
        errors
            .last()
            .unwrap()
            .ends_with("and 200 more lines that name no loaded control")
    );
    let repeated = dir.join("repeated.txt");
    std::fs::write(&repeated, "soc2:CC6.1\n".repeat(2000)).unwrap();
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "coverage",
        "--have",
        repeated.to_str().unwrap(),
        "--target",
        "hipaa",
        "-f",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["have"].as_array().unwrap().len(), 1);
    assert_eq!(json["title"], "Coverage of HIPAA by SOC 2 (1 control)");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A byte-order mark is accepted in every text input (#22): an engagement file, a list of
/// held controls, an OSCAL catalog.
#[test]
fn a_byte_order_mark_is_accepted_everywhere() {
    let dir = std::env::temp_dir().join(format!("ctrlmap-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bom = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let engagement = bom(
        "engagement.json",
        &std::fs::read_to_string(files("engagement.json")).unwrap(),
    );
    ok(&["coverage", "--have", &engagement, "--target", "hipaa"]);
    let list = bom("held.txt", "soc2:CC6.1\n");
    ok(&["coverage", "--have", &list, "--target", "hipaa"]);
    let nist = std::fs::read_to_string(format!(
        "{}/../ctrlmap-oscal/tests/it/fixtures/nist-800-53-rev5-at-ps.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let oscal = bom("nist.json", &nist);
    assert!(ok(&["tree", "x", "--catalog", &format!("{oscal}=x")]).starts_with("at  "));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A user's file may not make a Required specification not applicable (#22): it binds every
/// covered entity and business associate; and one requirement named twice with two reasons
/// (by an alias) is a conflict named in the error.
#[test]
fn not_applicable_files_cannot_unbind_the_law() {
    let dir = std::env::temp_dir().join(format!("ctrlmap-na-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let required = dir.join("required.json");
    std::fs::write(
        &required,
        r#"{ "not_applicable": [ { "control": "hipaa:164.308(a)(6)(ii)", "reason": "x" } ] }"#,
    )
    .unwrap();
    let err = fails(&[
        "coverage",
        "--have",
        "soc2",
        "--target",
        "hipaa",
        "--not-applicable",
        required.to_str().unwrap(),
    ]);
    assert!(
        err.contains("hipaa:164.308(a)(6)(ii) is Required: it binds every covered entity and business associate (§ 164.306(d)(2))"),
        "{err}"
    );
    let twice = dir.join("twice.json");
    std::fs::write(
        &twice,
        r#"{ "not_applicable": [
            { "control": "hipaa:164.314(b)", "reason": "We are not a group health plan." },
            { "control": "hipaa:164.314(b)(1)", "reason": "No plan documents." } ] }"#,
    )
    .unwrap();
    let err = fails(&[
        "coverage",
        "--have",
        "soc2",
        "--target",
        "hipaa",
        "--not-applicable",
        twice.to_str().unwrap(),
    ]);
    assert!(err.contains("is marked not applicable twice"), "{err}");
    // In two files: the error names both places.
    let one = dir.join("one.json");
    std::fs::write(
        &one,
        r#"{ "not_applicable": [ { "control": "hipaa:164.314(b)", "reason": "Not a plan." } ] }"#,
    )
    .unwrap();
    let two = dir.join("two.json");
    std::fs::write(
        &two,
        r#"{ "not_applicable": [ { "control": "hipaa:164.314(b)(1)", "reason": "No plan." } ] }"#,
    )
    .unwrap();
    let err = fails(&[
        "coverage",
        "--have",
        "soc2",
        "--target",
        "hipaa",
        "--not-applicable",
        one.to_str().unwrap(),
        "--not-applicable",
        two.to_str().unwrap(),
    ]);
    assert!(
        err.contains(&format!(
            "(the first from --not-applicable {}, the second from --not-applicable {})",
            one.display(),
            two.display()
        )),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// NIST's frameworks from a terminal: the ids practitioners type, a baseline held, NIST's
/// crosswalk marked as such, and an OSCAL export with all NIST's text.
#[test]
fn nist_frameworks_from_the_terminal() {
    for id in [
        "sp800-53:AC-2(1)",
        "AC-2 (1)",
        "sp800-53:ac-2.1",
        "AC-02(01)",
    ] {
        let text = ok(&["show", id]);
        assert!(
            text.starts_with("sp800-53:AC-2(1)  Automated System Account Management\n"),
            "{id}: {text}"
        );
        assert!(
            text.contains("\nin:         sp800-53:moderate  MODERATE baseline\n"),
            "{text}"
        );
    }
    let withdrawn = ok(&["show", "csf:ID.BE-01"]);
    assert!(withdrawn.contains("\nstatus:     withdrawn: incorporated into csf:GV.OC-05\n"));
    let tree = ok(&["tree", "csf"]);
    assert!(tree.starts_with("GV  GOVERN\n  GV.OC  Organizational Context\n"));
    assert!(tree.ends_with("(363 implementation examples not shown: --elements)\n"));
    assert!(
        tree.contains("  ID.BE  Business Environment  (withdrawn)\n"),
        "{tree}"
    );
    let map = ok(&["map", "hipaa:164.308(a)(1)(ii)(A)", "--to", "sp800-53"]);
    assert!(
        map.contains(
            "hipaa:164.308(a)(1)(ii)(A) overlaps sp800-53:RA-3  Risk Assessment  [NIST crosswalk, hipaa-sp800-53]\n"
        ),
        "{map}"
    );
    let baseline = ok(&[
        "coverage",
        "--have",
        "sp800-53:MODERATE",
        "--target",
        "hipaa",
    ]);
    assert!(
        baseline.starts_with("Coverage of HIPAA by NIST SP 800-53 Rev. 5 (MODERATE baseline)\n")
    );
    let output = ctrlmap(&[
        "coverage",
        "--have",
        "sp800-53:modrate",
        "--target",
        "hipaa",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("(did you mean \"sp800-53:moderate\"?)"));
    let output = ctrlmap(&["show", "sp800-53:moderate"]);
    assert!(stderr(&output).contains("is a named selection (MODERATE baseline, 287 controls)"));
    let oscal = ok(&["export", "-f", "oscal", "--framework", "sp800-53"]);
    assert_eq!(oscal.matches("\"name\": \"guidance\"").count(), 1_008);
    assert!(ok(&["disagreements"]).starts_with("no disagreements"));
}
