//! Loading a custom framework from JSON and mapping it to a built-in one: an internal policy
//! set mapped to HIPAA, then queried against SOC 2 through the built-in crosswalk.
//!
//! Run with `cargo run --example custom_framework`.

// Examples talk to the user on standard output.
#![allow(clippy::print_stdout)]

use std::error::Error;

use ctrlmap::crosswalk::Holding;

const POLICY: &str = r#"{
  "framework": { "id": "acme", "name": "ACME security policy", "version": "2025.1",
                 "publisher": "ACME Health", "licence": { "kind": "licensed", "notice": "Internal" } },
  "nodes": [
    { "id": "ACC", "kind": "category", "title": "Access" },
    { "id": "ACC-1", "kind": "control", "title": "Every user has a unique account", "parent": "ACC", "assessable": true },
    { "id": "ACC-2", "kind": "control", "title": "Laptops encrypt their disks", "parent": "ACC", "assessable": true }
  ]
}"#;

const MAPPINGS: &str = r#"{
  "id": "acme-hipaa", "title": "ACME policy to HIPAA", "source_framework": "acme",
  "target_framework": "hipaa", "rationale": "semantic",
  "provenance": { "publisher": "ACME Health", "document": "Policy crosswalk", "version": "1",
                  "licence": "Internal", "method": "expert" },
  "mappings": [
    { "source": "acme:ACC-1", "target": "hipaa:164.312(a)(2)(i)", "relationship": "equal", "strength": 9,
      "note": "Unique accounts are unique user identification." },
    { "source": "acme:ACC-2", "target": "hipaa:164.312(a)(2)(iv)", "relationship": "subset_of", "strength": 6,
      "note": "Disk encryption is one way to encrypt ePHI at rest." }
  ]
}"#;

fn main() -> Result<(), Box<dyn Error>> {
    let library = ctrlmap::Library::builder()
        .catalog_str(POLICY, "acme.json")
        .mappings_str(MAPPINGS, "acme-hipaa.json")
        .build()?;

    let report = library.crosswalk().coverage(
        &[Holding::Framework("acme".parse()?)],
        &"hipaa".parse()?,
        3,
    )?;
    let t = report.totals;
    println!(
        "ACME policy covers {} of {} HIPAA requirements ({} partly)",
        t.covered, t.total, t.partial
    );

    let inferred = library
        .crosswalk()
        .infer(&"acme:ACC-1".parse()?, &"soc2".parse()?, 2)
        .unwrap_or_default();
    for i in inferred {
        println!(
            "acme:ACC-1 {} {} via {} mappings",
            i.relationships,
            i.target,
            i.path.len()
        );
    }
    Ok(())
}
