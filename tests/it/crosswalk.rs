//! The built-in mapping sets and the crosswalk built from them.

use std::collections::BTreeSet;
use std::path::Path;

use ctrlmap::crosswalk::{CoverageStatus, Holding, MappingSet, Relationship};
use ctrlmap::{ControlRef, NodeKind};
use serde_json::Value;

#[test]
fn builtin_mapping_sets_load_and_match_the_schema() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/mapping-set.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for (id, json) in ctrlmap::MAPPING_SETS_JSON {
        let set = MappingSet::from_json_str(json);
        assert!(set.is_ok(), "{id}: {}", set.unwrap_err());
        let value: Value = serde_json::from_str(json).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{id}: {errors:?}");
        assert_eq!(value["$schema"], "../../schemas/mapping-set.schema.json");
        assert_eq!(set.unwrap().id(), id);
    }
    assert_eq!(ctrlmap::builtin_mapping_sets().count(), 7);
}

#[test]
fn builtin_crosswalk_holds_every_catalog_and_set() {
    let cw = ctrlmap::builtin_crosswalk();
    let frameworks: Vec<&str> = cw.frameworks().map(|f| f.as_str()).collect();
    assert_eq!(
        frameworks,
        ["coso", "soc2", "hipaa", "hitrust", "sp800-53", "csf"]
    );
    // HIPAA: 210 nodes of the regulation, 104 NIST key activities, 309 NIST descriptions and
    // 66 elements ctrlmap names from the rule's text. SP 800-53: 20 families and 1,189
    // controls and enhancements. CSF: 6 functions, 34 categories and 185 subcategories
    // (withdrawn CSF 1.1 ones included), 363 implementation examples.
    assert_eq!(
        cw.control_count(),
        114 + 412 + (210 + 104 + 309 + 66) + 219 + (20 + 1_189) + (6 + 34 + 185 + 363)
    );
    let sets: Vec<&str> = cw.mapping_sets().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(
        sets,
        [
            "soc2-coso",
            "hipaa-soc2",
            "hipaa-elements-soc2",
            "hitrust-hipaa",
            "hitrust-soc2",
            "hipaa-sp800-53",
            "csf-sp800-53"
        ]
    );
    let rows: usize = ctrlmap::builtin_mapping_sets()
        .map(|s| s.mappings().len())
        .sum();
    assert_eq!(cw.mapping_count(), rows);
    // NIST's HIPAA crosswalk: its 279 entries on 278 rows; its CSF references: 737 pairs less 8 to
    // controls added after Rev. 5.0.1.
    assert_eq!(rows, 102 + 112 + 617 + 149 + 150 + 278 + 729);
}

#[test]
fn soc2_coso_is_generated_from_the_soc2_data() {
    let set = ctrlmap::builtin_mapping_sets()
        .find(|s| s.id() == "soc2-coso")
        .unwrap();
    let in_file: BTreeSet<(String, String)> = set
        .mappings()
        .iter()
        .inspect(|r| assert_eq!(r.relationship, Relationship::Equal))
        .map(|r| (r.source.to_string(), r.target.to_string()))
        .collect();
    let from_data: BTreeSet<(String, String)> = ctrlmap::soc2::catalog()
        .iter()
        .filter_map(|n| {
            let target = n.prop("coso_principle").or(n.prop("coso_point_of_focus"))?;
            Some((format!("soc2:{}", n.id), format!("coso:{target}")))
        })
        .collect();
    assert_eq!(in_file, from_data);
    // All 17 principles, and the 85 points of focus the TSC restates.
    assert_eq!(
        in_file.iter().filter(|(s, _)| !s.contains("-POF")).count(),
        17
    );
    assert_eq!(in_file.len(), 17 + 85);
}

#[test]
fn every_security_rule_item_maps_to_soc2_and_hitrust_or_says_why_not() {
    let cw = ctrlmap::builtin_crosswalk();
    let mut items = 0;
    for spec in ctrlmap::hipaa::standards()
        .map(|s| s.node())
        .chain(ctrlmap::hipaa::implementation_specifications().map(|s| s.node()))
    {
        items += 1;
        let r: ControlRef = spec.control_ref();
        let direct = cw.direct(&r).unwrap();
        let to = |f: &str| direct.iter().any(|m| m.to.framework() == f);
        assert!(
            to("soc2") || !cw.unmapped_reasons(&r).is_empty(),
            "{r} has no SOC 2 mapping or reason"
        );
        assert!(to("hitrust"), "{r} has no HITRUST mapping");
    }
    assert_eq!(items, 65);
    let unmapped: Vec<String> = ctrlmap::hipaa::standards()
        .map(|s| s.node())
        .chain(ctrlmap::hipaa::implementation_specifications().map(|s| s.node()))
        .filter(|n| !cw.unmapped_reasons(&n.control_ref()).is_empty())
        .map(|n| n.id.to_string())
        .collect();
    assert_eq!(
        unmapped,
        ["164.314(b)", "164.314(b)(2)", "164.316(b)(2)(i)"]
    );
}

/// "We hold SOC 2: what of HIPAA is covered?" — expected rows worked out by hand from the
/// mapping data, the RCC-5 table and the roll-up rule.
#[test]
fn coverage_of_hipaa_by_soc2_worked_by_hand() {
    let cw = ctrlmap::builtin_crosswalk();
    let report = cw
        .coverage(
            &[Holding::Framework("soc2".parse().unwrap())],
            &"hipaa".parse().unwrap(),
            3,
        )
        .unwrap();
    let row = |id: &str| {
        report
            .rows
            .iter()
            .find(|r| r.control.control() == id)
            .unwrap()
    };

    // hipaa 164.310(a) subset_of soc2 CC6.4, so CC6.4 superset_of it: covered in 1 hop.
    let physical = row("164.310(a)");
    assert_eq!(physical.status, CoverageStatus::Covered);
    assert_eq!(physical.justification[0].held.to_string(), "soc2:CC6.4");
    assert_eq!(
        physical.justification[0].relationships.exactly_one(),
        Some(Relationship::SupersetOf)
    );
    assert_eq!(physical.justification[0].path.len(), 1);
    // Authentication is only a point of focus of CC6.1: partial.
    assert_eq!(row("164.312(d)").status, CoverageStatus::Partial);
    // Unique user identification is only a point of focus of CC6.1: partial.
    assert_eq!(row("164.312(a)(2)(i)").status, CoverageStatus::Partial);
    // 164.308(a)(2) intersects CC1.3 only: partial.
    assert_eq!(row("164.308(a)(2)").status, CoverageStatus::Partial);
    // 164.308(a)(7)(ii)(A) intersects A1.2 (retrievability is a point of focus): partial.
    assert_eq!(row("164.308(a)(7)(ii)(A)").status, CoverageStatus::Partial);
    // Unmapped at requirement level, and every longer path composes
    // intersects∘intersects = anything; but their elements overlap criteria: partial.
    for id in ["164.314(b)(2)", "164.316(b)(1)(ii)"] {
        assert_eq!(row(id).status, CoverageStatus::Partial, "{id}");
        assert!(row(id).justification.is_empty());
        assert!(
            row(id)
                .elements
                .iter()
                .any(|e| e.status == CoverageStatus::Partial),
            "{id}"
        );
    }
    // The group health plan standard's key activities all carry its specification (b)(2).
    assert_eq!(row("164.314(b)").status, CoverageStatus::Partial);
    assert!(row("164.314(b)").elements.is_empty());
    // Six-year retention: nothing in SOC 2 bears on it at either level.
    let retention = row("164.316(b)(2)(i)");
    assert_eq!(retention.status, CoverageStatus::NotCovered);
    assert!(retention.justification.is_empty());
    // Breach notification intersects P6.6, CC7.4 and CC2.3: partial (strongest first).
    let breach = row("164.404(a)");
    assert_eq!(breach.status, CoverageStatus::Partial);
    let held: Vec<String> = breach
        .justification
        .iter()
        .map(|j| j.held.to_string())
        .collect();
    assert_eq!(held, ["soc2:P6.6", "soc2:CC2.3", "soc2:CC7.4"]);

    // 26 standards (22 Security Rule, 4 Breach Rule), 52 specifications (43 + 9), and
    // 164.316(b)(1)(ii), 164.412 and 164.414(b).
    assert_eq!(report.totals.total, 81);
    assert_eq!(
        (
            report.totals.covered,
            report.totals.partial,
            report.totals.not_covered
        ),
        (4, 76, 1)
    );
    let levels: Vec<(NodeKind, usize, usize, usize)> = report
        .levels
        .iter()
        .map(|l| {
            (
                l.kind,
                l.totals.covered,
                l.totals.partial,
                l.totals.not_covered,
            )
        })
        .collect();
    assert_eq!(
        levels,
        [
            (NodeKind::Standard, 2, 24, 0),
            (NodeKind::ImplementationSpecification, 2, 49, 1),
            (NodeKind::Requirement, 0, 3, 0),
        ]
    );
    assert_eq!(
        report.rows.len(),
        ctrlmap::hipaa::catalog().assessable().count()
    );
    assert!(report.rows.iter().all(|r| {
        ctrlmap::hipaa::catalog()
            .get(r.control.control().as_str())
            .unwrap()
            .kind
            != NodeKind::Section
    }));
    // The Privacy Rule is said to be not assessed.
    let not_assessed: Vec<String> = report
        .not_assessed
        .iter()
        .map(|n| n.control.to_string())
        .collect();
    assert_eq!(not_assessed, ["hipaa:subpart-E"]);
}

#[test]
fn coverage_report_matches_its_schema() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/coverage-report.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let report = ctrlmap::builtin_crosswalk()
        .coverage(
            &[Holding::Framework("hitrust".parse().unwrap())],
            &"hipaa".parse().unwrap(),
            3,
        )
        .unwrap();
    let value = serde_json::to_value(&report).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let back: ctrlmap::crosswalk::CoverageReport = serde_json::from_value(value).unwrap();
    assert_eq!(back, report);

    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/crosswalk-export.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let export = serde_json::to_value(ctrlmap::builtin_crosswalk().export(true)).unwrap();
    assert!(
        jsonschema::validator_for(&schema)
            .unwrap()
            .is_valid(&export)
    );
}

#[test]
fn inference_through_coso_links_soc2_points_of_focus() {
    // soc2:CC1.1 equal coso:P1: a 1-hop inference with the exact relationship.
    let cw = ctrlmap::builtin_crosswalk();
    let found = cw
        .infer(&"soc2:CC1.1".parse().unwrap(), &"coso".parse().unwrap(), 2)
        .unwrap();
    assert_eq!(found[0].target.to_string(), "coso:P1");
    assert_eq!(
        found[0].relationships.exactly_one(),
        Some(Relationship::Equal)
    );
    assert!(found.iter().all(|f| !f.relationships.is_all()));
    // hitrust:09.aa intersects hipaa 164.312(b) intersects soc2:CC7.2: anything can hold,
    // so that path is dropped, but the direct 09.aa intersects CC7.2 mapping remains.
    let found = cw
        .infer(
            &"hitrust:09.aa".parse().unwrap(),
            &"soc2".parse().unwrap(),
            3,
        )
        .unwrap();
    let cc72 = found.iter().find(|f| f.target == "soc2:CC7.2").unwrap();
    assert_eq!(
        cc72.relationships.exactly_one(),
        Some(Relationship::IntersectsWith)
    );
    assert_eq!(cc72.path.len(), 1);
}
