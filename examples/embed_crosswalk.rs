//! Embedding the crosswalk in a tool: look up how a HIPAA specification maps to SOC 2 and
//! HITRUST, directly and by inference, with the path behind each answer.
//!
//! Run with `cargo run --example embed_crosswalk`.

// Examples talk to the user on standard output.
#![allow(clippy::print_stdout)]

use std::error::Error;

use ctrlmap::prelude::*;

fn main() -> Result<(), Box<dyn Error>> {
    let library = ctrlmap::builtin();
    let spec: ControlRef = "hipaa:164.312(a)(2)(iv)".parse()?;
    let node = library.resolve(&spec).ok_or("not a built-in control")?;
    println!("{spec}  {}", node.title);

    for m in library.crosswalk().direct(&spec).unwrap_or_default() {
        println!(
            "  {} {}  (strength {}, {})",
            m.relationship, m.to, m.strength, m.set
        );
    }

    let soc2: FrameworkId = "soc2".parse()?;
    for inferred in library
        .crosswalk()
        .infer(&spec, &soc2, 3)
        .unwrap_or_default()
    {
        let path: Vec<String> = inferred
            .path
            .iter()
            .map(|m| format!("{} {} {}", m.from, m.relationship, m.to))
            .collect();
        println!(
            "  inferred {} {}: {}",
            inferred.relationships,
            inferred.target,
            path.join(" > ")
        );
    }
    Ok(())
}
