//! The built-in catalog against the regulation text and the checked facts.

use ctrlmap_core::{Catalog, NodeKind, TextLicence};
use ctrlmap_hipaa::{
    CATALOG_JSON, Citation, Requirement, catalog, implementation_specifications, standards,
};

// The Security Rule's standards and implementation specifications, from
// shared/reference/facts/hipaa.json: (citation as the CFR gives it, type, status, name).
include!("expected.rs");

/// The reference text files, copied unchanged from shared/reference/hipaa/.
const SUBPART_C: &str = include_str!("../reference/45cfr164-subpart-C-security-rule.txt");
const SUBPART_D: &str = include_str!("../reference/45cfr164-subpart-D-breach-notification.txt");

#[test]
fn builtin_catalog_loads() {
    let parsed = Catalog::from_json_str(CATALOG_JSON);
    assert!(parsed.is_ok(), "{}", parsed.unwrap_err());
    assert!(matches!(
        catalog().licence(),
        TextLicence::PublicDomain { .. }
    ));
}

#[test]
fn exact_security_rule_standards_and_specifications() {
    let expected_standards: Vec<(String, &str)> = SECURITY_RULE
        .iter()
        .filter(|r| r.1 == "standard")
        .map(|r| (r.0.parse::<Citation>().unwrap().to_string(), r.3))
        .collect();
    let actual: Vec<(String, &str)> = standards()
        .map(|s| (s.citation().to_string(), s.name()))
        .collect();
    assert_eq!(actual, expected_standards);
    assert_eq!(actual.len(), 22);

    let expected_specs: Vec<(String, &str, &str)> = SECURITY_RULE
        .iter()
        .filter(|r| r.1 == "implementation_specification")
        .map(|r| (r.0.to_owned(), r.2, r.3))
        .collect();
    let actual: Vec<(String, &str, &str)> = implementation_specifications()
        .map(|s| {
            let status = match s.requirement() {
                Requirement::Required => "Required",
                Requirement::Addressable => "Addressable",
            };
            (s.citation().to_string(), status, s.name())
        })
        .collect();
    assert_eq!(actual, expected_specs);
    assert_eq!(actual.len(), 43);
    assert_eq!(actual.iter().filter(|s| s.1 == "Required").count(), 21);
    assert_eq!(actual.iter().filter(|s| s.1 == "Addressable").count(), 22);
}

#[test]
fn standards_per_section_and_their_specifications() {
    let per_section = |section: &str| standards().filter(|s| s.section().id == section).count();
    assert_eq!(
        ["164.308", "164.310", "164.312", "164.314", "164.316"].map(per_section),
        [9, 4, 5, 2, 2]
    );
    let access = "164.312(a)(1)"
        .parse::<Citation>()
        .unwrap()
        .standard()
        .unwrap();
    let names: Vec<&str> = access
        .implementation_specifications()
        .map(|s| s.name())
        .collect();
    assert_eq!(
        names,
        [
            "Unique user identification",
            "Emergency access procedure",
            "Automatic logoff",
            "Encryption and decryption"
        ]
    );
    for spec in implementation_specifications() {
        assert!(
            spec.standard()
                .implementation_specifications()
                .any(|s| s == spec)
        );
    }
    let without: Vec<String> = standards()
        .filter(|s| s.implementation_specifications().next().is_none())
        .map(|s| s.citation().to_string())
        .collect();
    assert_eq!(
        without,
        [
            "164.308(a)(2)",
            "164.308(a)(8)",
            "164.310(b)",
            "164.310(c)",
            "164.312(b)",
            "164.312(d)",
            "164.316(a)"
        ]
    );
}

/// The reference file's sections: (section, title, body lines, source notes).
fn reference_sections(file: &str) -> Vec<(String, String, Vec<String>, Vec<String>)> {
    let body = file.split_once("\n=====").unwrap().1;
    let body = body.split_once('\n').unwrap().1;
    let mut sections: Vec<(String, String, Vec<String>, Vec<String>)> = Vec::new();
    let mut in_section = false;
    for line in body.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(rest) = line.strip_prefix("§ ") {
            let (num, title) = rest.split_once(char::is_whitespace).unwrap();
            let title = title.trim().trim_end_matches('.');
            sections.push((num.to_owned(), title.to_owned(), vec![], vec![]));
            in_section = true;
        } else if line.starts_with("Appendix A to Subpart C") {
            let title = line.split_once('—').unwrap().1;
            sections.push((
                "subpart-C-appendix-A".to_owned(),
                title.to_owned(),
                vec![],
                vec![],
            ));
            in_section = true;
        } else if line.starts_with("Subpart ") {
            in_section = false;
        } else if in_section {
            let last = sections.last_mut().unwrap();
            if line.starts_with('[') && line.contains(" FR ") && line.ends_with(']') {
                last.3.push(line.to_owned());
            } else {
                last.2.push(line.to_owned());
            }
        }
    }
    sections
}

#[test]
fn text_equals_the_regulation() {
    let mut sections = reference_sections(SUBPART_C);
    sections.extend(reference_sections(SUBPART_D));
    assert_eq!(sections.len(), 9 + 1 + 8);
    for (id, title, lines, notes) in &sections {
        let node = catalog()
            .get(id)
            .unwrap_or_else(|| panic!("no section {id}"));
        assert_eq!(&node.title, title, "{id}");
        assert_eq!(
            node.text.as_deref(),
            Some(lines.join("\n\n").as_str()),
            "{id}"
        );
        let node_notes: Vec<&str> = node
            .props
            .iter()
            .filter(|p| p.name == "source_note")
            .map(|p| p.value.as_str())
            .collect();
        assert_eq!(node_notes, *notes, "{id}");
        // Every paragraph below the section is one line of it, in the same order, and every
        // line that opens a paragraph is a node.
        let paragraph_lines: Vec<&str> = node
            .descendants()
            .filter(|d| !matches!(d.kind, NodeKind::KeyActivity | NodeKind::Element))
            .map(|d| d.node().text.as_deref().unwrap())
            .collect();
        let opening: Vec<&str> = lines
            .iter()
            .map(String::as_str)
            .filter(|l| l.starts_with('('))
            .collect();
        assert_eq!(paragraph_lines, opening, "{id}");
    }
}

#[test]
fn paragraph_citations_and_aliases() {
    let node = catalog().get("164.308(a)(1)").unwrap();
    assert_eq!(node.kind, NodeKind::Standard);
    assert!(
        node.text
            .as_deref()
            .unwrap()
            .starts_with("(1)(i) Standard: Security management process.")
    );
    assert_eq!(node.prop("alias"), Some("164.308(a)(1)(i)"));
    let child = catalog().get("164.308(a)(1)(ii)(A)").unwrap();
    assert_eq!(child.parent().unwrap().id, "164.308(a)(1)(ii)");
    assert_eq!(child.ancestors().nth(1).unwrap().id, "164.308(a)(1)");
    // § 164.404(c)(1) lists (A)-(E) directly, skipping the roman level, as the CFR does.
    assert_eq!(
        catalog()
            .get("164.404(c)(1)(E)")
            .unwrap()
            .parent()
            .unwrap()
            .id,
        "164.404(c)"
    );
    // subpart-D > 164.402 > (2) > (iv)
    assert_eq!(catalog().get("164.402(2)(iv)").unwrap().depth(), 3);
}

#[test]
fn subparts_and_privacy_sections() {
    let roots: Vec<&str> = catalog().roots().map(|r| r.node().id.as_str()).collect();
    assert_eq!(roots, ["subpart-C", "subpart-D", "subpart-E"]);
    let sections = |s: &str| {
        catalog()
            .get(s)
            .unwrap()
            .children()
            .filter(|c| c.kind == NodeKind::Section)
            .count()
    };
    assert_eq!(sections("subpart-C"), 10, "9 sections and Appendix A");
    // §§ 164.400-164.414; § 164.412 (law enforcement delay) is one requirement as a whole.
    assert_eq!(sections("subpart-D"), 7);
    assert_eq!(
        catalog().get("164.412").map(|n| (n.kind, n.assessable)),
        Some((NodeKind::Requirement, true))
    );
    assert_eq!(sections("subpart-E"), 17);
    let unverified = catalog()
        .iter()
        .filter(|n| n.prop("confidence") == Some("unverified"))
        .count();
    assert_eq!(unverified, 16);
}

#[test]
fn breach_rule_specifications_sit_under_their_standard() {
    for (spec, standard) in [
        ("164.404(b)", "164.404(a)"),
        ("164.404(c)", "164.404(a)"),
        ("164.404(d)", "164.404(a)"),
        ("164.406(b)", "164.406(a)"),
        ("164.406(c)", "164.406(a)"),
        ("164.408(b)", "164.408(a)"),
        ("164.408(c)", "164.408(a)"),
        ("164.410(b)", "164.410(a)"),
        ("164.410(c)", "164.410(a)"),
    ] {
        let node = catalog().get(spec).unwrap();
        assert_eq!(node.kind, NodeKind::ImplementationSpecification, "{spec}");
        assert_eq!(node.parent().unwrap().id, standard, "{spec}");
    }
}

#[test]
fn documentation_records_are_an_assessable_requirement_of_their_standard() {
    let node = catalog().get("164.316(b)(1)(ii)").unwrap();
    assert!(node.assessable);
    assert_eq!(node.kind, NodeKind::Requirement);
    assert_eq!(node.parent().unwrap().id, "164.316(b)");
    assert_eq!(node.prop("requirement"), Some("required"));
    assert_eq!(node.prop("title_source"), Some("ctrlmap"));
    assert!(
        node.text
            .as_deref()
            .unwrap()
            .starts_with("(ii) If an action, activity or assessment")
    );
    // 164.314(b)(2)'s title is ours too, and says so.
    let plan = catalog().get("164.314(b)(2)").unwrap();
    assert_eq!(plan.prop("title_source"), Some("ctrlmap"));
    assert!(plan.prop("title_note").is_some());
    // 66 assessable Security Rule requirements: 22 standards, 43 specifications and this one.
    let security = catalog()
        .assessable()
        .filter(|n| n.ancestors().any(|a| a.id == "subpart-C"))
        .count();
    assert_eq!(security, 22 + 43 + 1);
}

#[test]
fn guidance_covers_every_standard() {
    use ctrlmap_hipaa::guidance;
    // NIST SP 800-66r2: 104 key activities over the 22 Security Rule standards.
    assert_eq!(guidance::key_activities().len(), 104);
    for standard in standards() {
        let id = standard.node().id.to_string();
        let id = id.as_str();
        assert!(!guidance::for_requirement(id).is_empty(), "{id}");
    }
    let per_standard = |id: &str| guidance::for_requirement(id).len();
    assert_eq!(per_standard("164.308(a)(1)"), 9);
    // Aliases resolve: CPRT names the standard 164.312(e)(1).
    assert_eq!(per_standard("164.312(e)(1)"), per_standard("164.312(e)"));
    // Every implementation specification is carried by at least one key activity.
    for spec in implementation_specifications() {
        let id = spec.node().id.to_string();
        let id = id.as_str();
        assert!(!guidance::for_requirement(id).is_empty(), "{id}");
    }
    let analysis = guidance::for_requirement("164.308(a)(1)(ii)(A)");
    assert_eq!(analysis.len(), 1);
    assert_eq!(analysis[0].id, "KA_164.308(a)(1).2");
    assert_eq!(analysis[0].standard, "164.308(a)(1)");
    assert!(!analysis[0].descriptions.is_empty());
    assert!(!analysis[0].sample_questions.is_empty());
    // Counts from the export (its README): 279 top-level descriptions and 473 top-level
    // sample questions hang under key activities; 30 and 28 sub-points under those.
    let all = guidance::key_activities();
    let d: usize = all.iter().map(|k| k.descriptions.len()).sum();
    let d_sub: usize = all
        .iter()
        .flat_map(|k| &k.descriptions)
        .map(|p| p.points.len())
        .sum();
    let q: usize = all.iter().map(|k| k.sample_questions.len()).sum();
    let q_sub: usize = all
        .iter()
        .flat_map(|k| &k.sample_questions)
        .map(|p| p.points.len())
        .sum();
    assert_eq!((d, d_sub, q, q_sub), (279, 30, 473, 28));
    // The export's 164.308(b)(4) is today's 164.308(b)(3).
    assert_eq!(
        guidance::for_requirement("164.308(b)(3)")[0].title,
        "Written Contract or Other Arrangement"
    );
    // Nothing for the Breach Rule or unknown ids.
    assert!(guidance::for_requirement("164.404(a)").is_empty());
    assert!(guidance::for_requirement("164.999").is_empty());
}

/// The elements of the requirements: NIST SP 800-66r2's key activities and descriptions as
/// NIST exports them, and the parts of the rule's text ctrlmap names, quoted verbatim.
#[test]
fn elements_are_nists_descriptions_and_the_rules_own_words() {
    use ctrlmap_core::{ELEMENT_OF_PROP, ELEMENT_SOURCE_PROP, ELEMENTS_PROP, INFORMATIVE_PROP};
    use ctrlmap_cprt::CprtExport;

    let export =
        CprtExport::from_json_str_with_origin(ctrlmap_hipaa::guidance::GUIDANCE_JSON, "g").unwrap();
    let of_kind = |k: NodeKind| catalog().iter().filter(move |n| n.kind == k);
    // Every key activity and description of the export, once, with NIST's words.
    assert_eq!(of_kind(NodeKind::KeyActivity).count(), 104);
    let nist: Vec<_> = of_kind(NodeKind::Element)
        .filter(|n| n.prop(ELEMENT_SOURCE_PROP) == Some("nist"))
        .collect();
    assert_eq!(nist.len(), 309);
    for e in export.of_type("description") {
        let node = catalog().get(&e.element_identifier).unwrap();
        assert_eq!(node.text.as_deref(), Some(e.text.trim()), "{}", node.id);
    }
    for e in export.of_type("key_activity") {
        let node = catalog().get(&e.element_identifier).unwrap();
        let title: Vec<&str> = e.title.split_whitespace().collect();
        assert_eq!(node.title, title.join(" "), "{}", node.id);
        // A key activity hangs under the one specification it carries, else its standard.
        let parent = node.parent().unwrap();
        assert!(parent.assessable, "{}", node.id);
    }
    // The three key activities that carry several specifications name each of them.
    let several: Vec<(&str, Vec<&str>)> = of_kind(NodeKind::KeyActivity)
        .filter_map(|n| {
            let n = n.node();
            let of: Vec<&str> = n
                .props
                .iter()
                .filter(|p| p.name == ELEMENT_OF_PROP)
                .map(|p| p.value.as_str())
                .collect();
            (!of.is_empty()).then_some((n.id.as_str(), of))
        })
        .collect();
    assert_eq!(
        several,
        [
            (
                "KA_164.308(a)(5).3",
                vec![
                    "164.308(a)(5)(ii)(B)",
                    "164.308(a)(5)(ii)(C)",
                    "164.308(a)(5)(ii)(D)"
                ]
            ),
            (
                "KA_164.308(a)(7).5",
                vec!["164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)"]
            ),
            (
                "KA_164.312(a).8",
                vec!["164.312(a)(2)(iii)", "164.312(a)(2)(iv)"]
            ),
        ]
    );
    // ctrlmap's elements quote the rule: each is words of its requirement's text (or of a
    // paragraph under it), and says so.
    let ours: Vec<_> = of_kind(NodeKind::Element)
        .filter(|n| n.prop(ELEMENT_SOURCE_PROP) == Some("ctrlmap"))
        .collect();
    assert_eq!(ours.len(), 66);
    for e in &ours {
        assert!(e.id.as_str().starts_with("E_"), "{}", e.id);
        let requirement = e.parent().unwrap();
        assert!(requirement.assessable, "{}", e.id);
        let quoted = e.text.as_deref().unwrap();
        let in_rule = std::iter::once(requirement)
            .chain(requirement.descendants())
            .filter_map(|n| n.node().text.as_deref())
            .any(|t| t.contains(quoted));
        assert!(
            in_rule,
            "{}: {quoted:?} is not words of {}",
            e.id, requirement.id
        );
    }
    // Informative descriptions (pointers to other parts of the guide) say why they are not
    // counted.
    let informative = of_kind(NodeKind::Element)
        .filter(|n| {
            n.prop(INFORMATIVE_PROP)
                .is_some_and(|r| r.split_whitespace().count() >= 3)
        })
        .count();
    assert_eq!(informative, 10);
    // Every assessable Security and Breach Rule requirement says whether its elements exhaust
    // it, and why.
    for r in catalog().assessable() {
        assert!(
            matches!(r.prop(ELEMENTS_PROP), Some("exhaustive" | "not_exhaustive")),
            "{}",
            r.id
        );
        assert!(
            r.prop("elements_note").is_some_and(|n| n.len() > 20),
            "{}",
            r.id
        );
    }
}

/// SP 800-66r2's publication crosswalk as NIST's export gives it: 107 references over the 22
/// standards, SP 800-53 for 14 of them (the reference README's counts).
#[test]
fn nist_publications_per_standard() {
    use ctrlmap::hipaa::guidance::publications;
    let standards: Vec<String> = ctrlmap::hipaa::standards()
        .map(|s| s.citation().to_string())
        .collect();
    assert_eq!(standards.len(), 22);
    let all: usize = standards.iter().map(|s| publications(s).len()).sum();
    assert_eq!(all, 107);
    let with_800_53 = standards
        .iter()
        .filter(|s| publications(s).iter().any(|p| p.title == "SP 800-53"))
        .count();
    assert_eq!(with_800_53, 14);
    let first = publications("164.308(a)(1)");
    assert_eq!(first[0].title, "FIPS 199");
    assert_eq!(first[0].url, "https://doi.org/10.6028/NIST.FIPS.199");
}
