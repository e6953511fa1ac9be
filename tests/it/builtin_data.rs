//! Every built-in data file validates against the committed schema, and the schema rejects
//! what the loader rejects.

use std::path::Path;

use serde_json::{Value, json};

fn committed(file: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(file);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn builtin_catalogs_match_the_committed_schema() {
    let validator = committed("catalog.schema.json");
    let mut checked = 0;
    for catalog in ctrlmap::builtin_catalogs() {
        // The file as shipped (with its `$schema` key), and the catalog as re-serialized.
        let raw: Value = match catalog.id().as_str() {
            "coso" => serde_json::from_str(ctrlmap::coso::CATALOG_JSON).unwrap(),
            "soc2" => serde_json::from_str(ctrlmap::soc2::CATALOG_JSON).unwrap(),
            "hipaa" => serde_json::from_str(ctrlmap::hipaa::CATALOG_JSON).unwrap(),
            "hitrust" => serde_json::from_str(ctrlmap::hitrust::CATALOG_JSON).unwrap(),
            "sp800-53" => serde_json::from_str(ctrlmap::sp800_53::CATALOG_JSON).unwrap(),
            "csf" => serde_json::from_str(ctrlmap::csf::CATALOG_JSON).unwrap(),
            other => panic!("add the raw JSON of {other} here"),
        };
        assert_eq!(errors(&validator, &raw), Vec::<String>::new());
        assert_eq!(raw["$schema"], "../../../schemas/catalog.schema.json");
        let again: Value = serde_json::to_value(catalog).unwrap();
        assert_eq!(errors(&validator, &again), Vec::<String>::new());
        checked += 1;
    }
    assert_eq!(checked, 6);
}

#[test]
fn the_schema_rejects_bad_catalogs() {
    let validator = committed("catalog.schema.json");
    let good = json!({
        "framework": { "id": "demo", "name": "D", "version": "1", "publisher": "P",
                       "published": "2013-05", "licence": { "kind": "public_domain" } },
        "nodes": [ { "id": "A", "kind": "category", "title": "A" } ]
    });
    assert!(validator.is_valid(&good));
    let mut cases = Vec::new();
    let mut bad = good.clone();
    bad["framework"]["id"] = json!("Demo");
    cases.push(("uppercase framework id", bad));
    let mut bad = good.clone();
    bad["nodes"][0]["id"] = json!("A 1");
    cases.push(("space in control id", bad));
    let mut bad = good.clone();
    bad["nodes"][0]["id"] = json!("A\u{feff}");
    cases.push(("byte-order mark in control id", bad));
    let mut bad = good.clone();
    bad["nodes"][0]["kind"] = json!("chapter");
    cases.push(("unknown kind", bad));
    let mut bad = good.clone();
    bad["nodes"][0]["parnet"] = json!("B");
    cases.push(("unknown field", bad));
    let mut bad = good.clone();
    bad["framework"]["published"] = json!("2013-13");
    cases.push(("bad month", bad));
    let mut bad = good.clone();
    bad["framework"]["licence"] = json!({ "kind": "summaries_only" });
    cases.push(("licence without notice", bad));
    for (what, instance) in cases {
        assert!(!validator.is_valid(&instance), "schema accepted: {what}");
        assert!(
            ctrlmap::Catalog::from_json_str(&instance.to_string()).is_err(),
            "loader accepted: {what}"
        );
    }
}

#[test]
fn overlay_schema_accepts_what_the_loader_accepts() {
    let validator = committed("text-overlay.schema.json");
    let good = json!({ "$schema": "x", "framework": "coso", "texts": { "P1": "text" },
                       "source": { "title": "COSO 2013", "version": "2013" } });
    assert_eq!(errors(&validator, &good), Vec::<String>::new());
    ctrlmap::TextOverlay::from_json_str(&good.to_string()).unwrap();
    let bad = json!({ "framework": "coso", "texts": { "P 1": "text" } });
    assert!(!validator.is_valid(&bad));
    assert!(ctrlmap::TextOverlay::from_json_str(&bad.to_string()).is_err());
}

#[test]
fn engagement_schema_matches_the_loader() {
    let validator = committed("soc2-engagement.schema.json");
    let good = json!({ "scope": ["security", "privacy"],
        "report": { "type": "type_2", "period": { "start": "2025-01-01", "end": "2025-12-31" } } });
    assert_eq!(errors(&validator, &good), Vec::<String>::new());
    serde_json::from_value::<ctrlmap::soc2::Engagement>(good).unwrap();
    for bad in [
        json!({ "scope": ["privacy"], "report": { "type": "type_1", "as_of": "2025-06-30" } }),
        json!({ "scope": ["security", "secrecy"], "report": { "type": "type_1", "as_of": "2025-06-30" } }),
        json!({ "scope": ["security"], "report": { "type": "type_3", "as_of": "2025-06-30" } }),
        json!({ "scope": ["security"], "report": { "type": "type_1" } }),
    ] {
        assert!(!validator.is_valid(&bad), "schema accepted {bad}");
        assert!(
            serde_json::from_value::<ctrlmap::soc2::Engagement>(bad.clone()).is_err(),
            "loader accepted {bad}"
        );
    }
}

#[test]
fn addressable_decisions_schema_matches_the_loader() {
    let validator = committed("hipaa-addressable-decisions.schema.json");
    let good = json!({
        "164.312(a)(2)(iv)": { "decision": "implemented" },
        "164.310(a)(2)(ii)": { "decision": "alternative_implemented",
            "alternative": "Badge readers on the server room", "rationale": "No facility of our own" }
    });
    assert_eq!(errors(&validator, &good), Vec::<String>::new());
    serde_json::from_value::<ctrlmap::hipaa::AddressableDecisions>(good).unwrap();
    for bad in [
        json!({ "164.312(a)(2)(i)": { "decision": "implemented" } }),
        json!({ "164.312(a)(2)(iv)": { "decision": "skipped" } }),
        json!({ "164.312(a)(2)(iv)": { "decision": "not_reasonable_and_appropriate", "rationale": "" } }),
    ] {
        assert!(!validator.is_valid(&bad), "schema accepted {bad}");
        assert!(
            serde_json::from_value::<ctrlmap::hipaa::AddressableDecisions>(bad.clone()).is_err(),
            "loader accepted {bad}"
        );
    }
}
