//! Every example in the documentation a user of `ctrlmap` reads is written against `ctrlmap`
//! alone, so that it can be pasted into a crate whose only ctrlmap dependency is the facade.
//!
//! The examples of the member crates are shown on the facade's pages (the facade re-exports
//! them) and run as those crates' doctests with the facade as a dev-dependency; this test
//! makes sure none of them reaches for a member crate or a third-party crate by name.

use std::path::{Path, PathBuf};

/// Crates an example must not name: the members (reached through `ctrlmap::`) and the
/// third-party crates a user of the facade does not depend on.
const FORBIDDEN: &[&str] = &[
    "ctrlmap_core",
    "ctrlmap_coso",
    "ctrlmap_soc2",
    "ctrlmap_hipaa",
    "ctrlmap_hitrust",
    "ctrlmap_crosswalk",
    "ctrlmap_oscal",
    "ctrlmap_cprt",
    "serde_json",
    "serde",
    "jiff",
    "schemars",
    "petgraph",
    "strum",
    "uuid",
    "proptest",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The lines of the Rust code blocks in a file's doc comments (or, for Markdown, in the file),
/// with their line numbers.
fn example_lines(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let markdown = path.extension().is_some_and(|e| e == "md");
    let mut out = Vec::new();
    let mut in_block = false;
    let mut rust_block = false;
    for (n, line) in text.lines().enumerate() {
        let body = if markdown {
            line
        } else {
            let trimmed = line.trim_start();
            match trimmed
                .strip_prefix("//!")
                .or_else(|| trimmed.strip_prefix("///"))
            {
                Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
                None => {
                    in_block = false;
                    continue;
                }
            }
        };
        if let Some(info) = body.trim_start().strip_prefix("```") {
            if in_block {
                in_block = false;
            } else {
                in_block = true;
                // Unlabelled blocks in doc comments are Rust; in Markdown only `rust` ones.
                let lang = info.split(',').next().unwrap_or_default().trim();
                rust_block = if markdown {
                    lang == "rust"
                } else {
                    lang.is_empty() || lang == "rust" || lang.starts_with("no_run")
                };
            }
            continue;
        }
        if in_block && rust_block {
            out.push((n + 1, body.to_owned()));
        }
    }
    out
}

/// The forbidden crates a line names at the start of a path (`serde_json::`, not
/// `ctrlmap::soc2::jiff::`).
fn named_crates(line: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    for name in FORBIDDEN {
        let mut from = 0;
        while let Some(at) = line[from..].find(name) {
            let start = from + at;
            let end = start + name.len();
            let before = line[..start].chars().next_back();
            let starts_path = !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            let is_path = line[end..].starts_with("::") || line[end..].starts_with(" as ");
            let is_extern = line[..start].trim_end().ends_with("extern crate");
            if starts_path && (is_path || is_extern) {
                found.push(*name);
            }
            from = end;
        }
    }
    found
}

#[test]
fn the_scanner_finds_what_it_must() {
    assert_eq!(named_crates("use ctrlmap_core::Catalog;"), ["ctrlmap_core"]);
    assert_eq!(
        named_crates("let v = serde_json::from_str(t)?;"),
        ["serde_json"]
    );
    assert!(named_crates("use ctrlmap::soc2::jiff::civil::date;").is_empty());
    assert!(named_crates("// see the ctrlmap_core crate").is_empty());
    let lines = example_lines(&root().join("crates/ctrlmap-core/src/id.rs"));
    assert!(
        lines
            .iter()
            .any(|(_, l)| l.contains("use ctrlmap::FrameworkId;"))
    );
}

#[test]
fn every_documentation_example_uses_the_facade_alone() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        let dir = entry.unwrap().path();
        // The CLI is a binary: its docs are not part of the library users read.
        if dir.ends_with("ctrlmap-cli") {
            continue;
        }
        rust_files(&dir.join("src"), &mut files);
        files.push(dir.join("README.md"));
    }
    files.push(root().join("README.md"));
    files.sort();

    let mut examples = 0;
    let mut offenders = Vec::new();
    for file in &files {
        for (line, text) in example_lines(file) {
            examples += 1;
            for name in named_crates(&text) {
                offenders.push(format!(
                    "{}:{line}: names `{name}`: {}",
                    file.strip_prefix(root()).unwrap_or(file).display(),
                    text.trim()
                ));
            }
        }
    }
    // The scan found the examples (hundreds of lines), so an empty result means something.
    assert!(examples > 500, "only {examples} example lines found");
    assert!(
        offenders.is_empty(),
        "examples must use `ctrlmap::` paths only:\n{}",
        offenders.join("\n")
    );
}
