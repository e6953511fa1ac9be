//! The bad-input corpus (`tests/bad_inputs/`): every file fails with exactly its expected
//! error, and a failed load changes nothing.

use std::io::Read;
use std::path::{Path, PathBuf};

use ctrlmap::load::Limits;
use ctrlmap::{Catalog, Library, LoadError};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs")
}

/// Each file with the error it must produce; `{dir}` stands for the corpus folder.
const EXPECTED: &[(&str, &str)] = &[
    (
        "bad-selections.catalog.json",
        "{dir}/bad-selections.catalog.json: selections[0] \"low\": \"AC-3\" is not a node of this catalog (did you mean \"AC-1\"?)\n{dir}/bad-selections.catalog.json: selections[0] \"low\": \"AC-1\" is listed twice\n{dir}/bad-selections.catalog.json: selections[1] \"AC-2\": the id is already a node's id; give the selection an id of its own\n{dir}/bad-selections.catalog.json: selections[2] \"low\": the id is already another selection's",
    ),
    (
        "clashing-id.extension.json",
        "{dir}/clashing-id.extension.json: nodes[0]: \"01.a\" is already a node of the catalog being extended; extensions add new nodes only",
    ),
    (
        "contradiction.mappings.json",
        "{dir}/contradiction.mappings.json: mappings[1]: hipaa:164.312(b) equal soc2:CC4.1 contradicts mappings[0], which says hipaa:164.312(b) subset_of soc2:CC4.1",
    ),
    (
        "control-character-id.catalog.json",
        "{dir}/control-character-id.catalog.json:3:21: invalid control id \"A\\u{7}\": character '\\u{7}' at position 1 is not allowed (control ids contain no white space, control or invisible formatting characters)",
    ),
    (
        "cycle.catalog.json",
        "{dir}/cycle.catalog.json: nodes[0] \"A\": parents form a cycle (A -> C -> B -> A); a node cannot be its own ancestor",
    ),
    (
        "dangling-parent.catalog.json",
        "{dir}/dangling-parent.catalog.json: nodes[1] \"A.1\": parent \"A.0\" is not a node of this catalog (did you mean \"A.1\"?)",
    ),
    (
        "dangling-refs.mappings.json",
        "{dir}/dangling-refs.mappings.json: mappings[0].source: hipaa:164.312(z) is not a control of the loaded hipaa catalog (did you mean hipaa:164.312(a)?)\n{dir}/dangling-refs.mappings.json: mappings[1].target: soc2:CC7.9 is not a control of the loaded soc2 catalog (did you mean soc2:CC7.1?)",
    ),
    (
        "deep-arrays.catalog.json",
        "{dir}/deep-arrays.catalog.json:1:16: invalid type: sequence, expected a string",
    ),
    (
        "deep-groups.catalog.json",
        "{dir}/deep-groups.catalog.json:1:3163: recursion limit exceeded",
    ),
    (
        "duplicate-ids.catalog.json",
        "{dir}/duplicate-ids.catalog.json: nodes[1]: duplicate id \"A\", first defined at nodes[0]; ids must be unique",
    ),
    (
        "duplicate-key.overlay.json",
        "{dir}/duplicate-key.overlay.json:3:90: texts: \"P1\" is given twice",
    ),
    (
        "invalid-utf8.catalog.json",
        "{dir}/invalid-utf8.catalog.json:1:41: the file is not valid UTF-8",
    ),
    (
        "invisible-id.catalog.json",
        "{dir}/invisible-id.catalog.json:3:33: invalid control id \"AC-1\\u{200b}\": character '\\u{200b}' at position 4 is not allowed (control ids contain no white space, control or invisible formatting characters)",
    ),
    (
        "replaces-public-text.overlay.json",
        "{dir}/replaces-public-text.overlay.json: texts.164.312(a)(2)(iv): \"164.312(a)(2)(iv)\" already has the public-domain text the hipaa catalog ships; an overlay adds licensed text and may not replace it",
    ),
    (
        "truncated.catalog.json",
        "{dir}/truncated.catalog.json:4:29: EOF while parsing a string",
    ),
    (
        "unknown-ids.overlay.json",
        "{dir}/unknown-ids.overlay.json: texts.P18: \"P18\" is not a node of the coso catalog (did you mean \"P1\"?)\n{dir}/unknown-ids.overlay.json: texts.P6-POF16: \"P6-POF16\" is not a node of the coso catalog (did you mean \"P6-POF1\"?)",
    ),
    (
        "unknown-token.mappings.json",
        "{dir}/unknown-token.mappings.json:3:91: unknown variant `equivalent-to`, expected one of `equal`, `subset_of`, `superset_of`, `intersects_with`, `not_related`",
    ),
    (
        "wrong-type.catalog.json",
        "{dir}/wrong-type.catalog.json:3:44: invalid type: integer `5`, expected a string",
    ),
];

fn load(path: &Path) -> Result<Library, ctrlmap::LibraryError> {
    let name = path.file_name().unwrap().to_string_lossy();
    let builder = Library::builder();
    let builder = match name.rsplit('.').nth(1) {
        Some("catalog") => builder.catalog_path(path),
        Some("mappings") => builder.mappings_path(path),
        Some("overlay") => builder.overlay_path(path),
        Some("extension") => builder.extension_path(path),
        other => panic!("{name}: unknown kind {other:?}"),
    };
    builder.build()
}

#[test]
fn every_bad_file_gives_its_exact_error() {
    let dir = dir();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let listed: Vec<&str> = EXPECTED.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        files, listed,
        "every file in the corpus has an expected error, and only those"
    );
    for (file, expected) in EXPECTED {
        let err = load(&dir.join(file))
            .err()
            .unwrap_or_else(|| panic!("{file} loaded"));
        let expected = expected.replace("{dir}", &dir.display().to_string());
        assert_eq!(err.to_string(), expected, "{file}");
        assert_eq!(err.errors().len(), 1, "{file}");
        // One line per problem, each naming the file.
        let problems = match err.errors().first() {
            Some(ctrlmap::SourceError::Load(e)) => e.problems().len().max(1),
            Some(ctrlmap::SourceError::Mapping(e)) => e.problems().len().max(1),
            _ => 1,
        };
        assert_eq!(err.to_string().lines().count(), problems, "{file}");
    }
}

#[test]
fn too_deep_trees_and_too_many_nodes_are_limits_not_crashes() {
    let nodes: Vec<String> = (0..300)
        .map(|i| match i {
            0 => r#"{ "id": "n0", "kind": "group", "title": "n" }"#.to_owned(),
            _ => format!(
                r#"{{ "id": "n{i}", "kind": "group", "title": "n", "parent": "n{}" }}"#,
                i - 1
            ),
        })
        .collect();
    let text = format!(
        r#"{{ "framework": {{ "id": "deep", "name": "Deep", "version": "1", "publisher": "x",
            "licence": {{ "kind": "public_domain" }} }}, "nodes": [{}] }}"#,
        nodes.join(",")
    );
    let err = Catalog::from_json_str_with_origin(&text, "deep.json").unwrap_err();
    assert_eq!(
        err.to_string(),
        "deep.json: nodes[257] \"n257\": has 257 ancestors, more than the limit of 256; flatten the tree or raise Limits::max_depth"
    );
    // Raised limits let trusted input through.
    let limits = Limits::default().with_max_depth(400);
    assert_eq!(
        Catalog::from_json_str_with_limits(&text, "deep.json", &limits)
            .unwrap()
            .len(),
        300
    );
    let limits = Limits::default().with_max_nodes(299);
    let err = Catalog::from_json_str_with_limits(&text, "deep.json", &limits).unwrap_err();
    assert_eq!(
        err.to_string(),
        "deep.json: the number of nodes exceeds the limit of 299; raise it with ctrlmap_core::load::Limits if the input is trusted"
    );
}

#[test]
fn a_one_gigabyte_string_stops_at_the_size_limit() {
    // A 1 GiB JSON string, produced lazily: the reader stops at the limit, so memory stays
    // bounded by the limit rather than the input.
    let huge = std::io::repeat(b'a').take(1 << 30);
    let input = std::io::Read::chain(&b"{ \"framework\": \""[..], huge);
    let limits = Limits::default().with_max_file_bytes(1 << 20);
    let err =
        ctrlmap::load::from_reader_limited::<Catalog>(input, "huge.json", &limits).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::LimitExceeded {
                limit: 1_048_576,
                ..
            }
        ),
        "{err}"
    );
    let err = Library::builder()
        .limits(Limits::default().with_max_file_bytes(100))
        .catalog_path(dir().join("cycle.catalog.json"))
        .build()
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("the file size in bytes exceeds the limit of 100"),
        "{err}"
    );
}

#[test]
fn a_failed_load_changes_nothing() {
    let before = ctrlmap::builtin();
    let (catalogs, mappings) = (
        before.catalogs().count(),
        before.crosswalk().mapping_count(),
    );
    let good = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/ctrlmap-cli/tests/it/files/acme.catalog.json");
    // A good catalog and a bad mapping set together: no library at all.
    let err = Library::builder()
        .catalog_path(&good)
        .mappings_path(dir().join("dangling-refs.mappings.json"))
        .build()
        .unwrap_err();
    assert_eq!(err.errors().len(), 1);
    assert_eq!(ctrlmap::builtin().catalogs().count(), catalogs);
    assert_eq!(ctrlmap::builtin().crosswalk().mapping_count(), mappings);
    // Applying a bad overlay or extension to a catalog leaves it as it was.
    let mut coso = ctrlmap::coso::catalog().clone();
    let overlay = ctrlmap::TextOverlay::from_path(dir().join("unknown-ids.overlay.json")).unwrap();
    assert!(coso.apply_overlay(&overlay).is_err());
    assert_eq!(&coso, ctrlmap::coso::catalog());
    assert!(
        coso.get("P1").unwrap().text.is_none(),
        "not even the known id was applied"
    );
    let mut hitrust = ctrlmap::hitrust::catalog().clone();
    let ext =
        ctrlmap::CatalogExtension::from_path(dir().join("clashing-id.extension.json")).unwrap();
    assert!(hitrust.extend(&ext).is_err());
    assert_eq!(&hitrust, ctrlmap::hitrust::catalog());
    // And a crosswalk refusing a set keeps every mapping it had.
    let mut cw = ctrlmap::builtin_crosswalk().clone();
    let set = ctrlmap::crosswalk::MappingSet::from_path(dir().join("dangling-refs.mappings.json"))
        .unwrap();
    assert!(cw.add_mapping_set(&set).is_err());
    assert_eq!(cw.to_csv(), ctrlmap::builtin_crosswalk().to_csv());
}

#[test]
fn the_builder_applies_every_limit_to_every_kind_of_file() {
    let catalog = r#"{ "framework": { "id": "x", "name": "X", "version": "1", "publisher": "p",
        "licence": { "kind": "public_domain" } },
        "nodes": [ { "id": "A", "kind": "control", "title": "A", "assessable": true },
                   { "id": "B", "kind": "control", "title": "B", "assessable": true } ] }"#;
    let extension = r#"{ "framework": "x", "nodes": [
        { "id": "C", "kind": "control", "title": "C" },
        { "id": "D", "kind": "control", "title": "D" } ] }"#;
    let overlay = r#"{ "framework": "x", "texts": { "A": "A long licensed text of control A." } }"#;
    let mappings = r#"{ "id": "x-x2", "title": "t", "source_framework": "x", "target_framework": "x2",
        "rationale": "semantic",
        "provenance": { "publisher": "p", "document": "d", "version": "1", "licence": "MIT", "method": "expert" },
        "mappings": [ { "source": "x:A", "target": "x2:A", "relationship": "equal", "strength": 5 },
                      { "source": "x:B", "target": "x2:B", "relationship": "equal", "strength": 5 } ] }"#;
    let catalog2 = catalog.replace("\"id\": \"x\"", "\"id\": \"x2\"");
    let build = |limits: Limits, with: &str| {
        let mut b = Library::builder()
            .without_builtin()
            .limits(limits)
            .catalog_str(catalog, "x.json")
            .catalog_str(catalog2.clone(), "x2.json");
        b = match with {
            "extension" => b.extension_str(extension, "ext.json"),
            "overlay" => b.overlay_str(overlay, "overlay.json"),
            _ => b.mappings_str(mappings, "map.json"),
        };
        b.build().map(|_| ()).map_err(|e| e.to_string())
    };
    // Within the defaults, all three load.
    for with in ["extension", "overlay", "mappings"] {
        assert_eq!(build(Limits::default(), with), Ok(()), "{with}");
    }
    let err = build(Limits::default().with_max_nodes(3), "extension").unwrap_err();
    assert!(
        err.contains("ext.json: the number of nodes exceeds the limit of 3"),
        "{err}"
    );
    let err = build(Limits::default().with_max_file_bytes(60), "overlay").unwrap_err();
    assert!(
        err.contains("overlay.json: the file size in bytes exceeds the limit of 60"),
        "{err}"
    );
    let err = build(Limits::default().with_max_mappings(1), "mappings").unwrap_err();
    assert!(
        err.contains("map.json: the number of mappings exceeds the limit of 1"),
        "{err}"
    );
}

#[test]
fn an_oscal_map_of_n_sources_by_n_targets_stops_at_the_limit_before_building_rows() {
    let set = ctrlmap::builtin_mapping_sets()
        .find(|s| s.id().as_str() == "hipaa-soc2")
        .unwrap();
    let mut json: serde_json::Value =
        serde_json::from_str(&ctrlmap::oscal::mapping_set_to_json(set)).unwrap();
    let items = |prefix: &str| -> serde_json::Value {
        (0..3000)
            .map(|i| serde_json::json!({ "type": "control", "id-ref": format!("{prefix}{i}") }))
            .collect()
    };
    let map = &mut json["mapping-collection"]["mappings"][0]["maps"][0];
    map["sources"] = items("S");
    map["targets"] = items("T");
    let text = serde_json::to_string(&json).unwrap();
    let err = ctrlmap::oscal::mapping_set_from_json(&text, "big.json", None).unwrap_err();
    // Refused on what the map would expand to, against the file's own size.
    assert!(
        err.to_string().starts_with(
            "big.json: maps[0]: 3000 sources by 3000 targets (with the maps before it) expand to more than 16 times the file's size"
        ),
        "{err}"
    );
}

#[test]
fn a_broken_catalog_does_not_hide_the_problems_of_the_files_that_use_it() {
    // The catalog breaks a rule (an empty title); the mapping set that builds on it also has
    // a problem of its own (a HIPAA paragraph that does not exist); the overlay has none.
    let catalog = r#"{ "framework": { "id": "acme", "name": "ACME", "version": "1",
        "publisher": "ACME", "licence": { "kind": "public_domain" } },
        "nodes": [ { "id": "AC-1", "kind": "control", "title": "", "assessable": true } ] }"#;
    let mappings = r#"{ "id": "acme-hipaa", "title": "ACME to HIPAA", "source_framework": "acme",
        "target_framework": "hipaa", "rationale": "semantic",
        "provenance": { "publisher": "ACME", "document": "Crosswalk", "version": "1",
                        "licence": "proprietary", "method": "expert" },
        "mappings": [
          { "source": "acme:AC-1", "target": "hipaa:164.312(a)(2)(i)", "relationship": "equal", "strength": 9 },
          { "source": "acme:AC-2", "target": "hipaa:164.312(z)", "relationship": "equal", "strength": 9 } ] }"#;
    let overlay = r#"{ "framework": "acme", "texts": { "AC-1": "Each user has an account." } }"#;
    let err = Library::builder()
        .catalog_str(catalog, "acme.json")
        .mappings_str(mappings, "acme-hipaa.json")
        .overlay_str(overlay, "acme-text.json")
        .build()
        .unwrap_err();
    let lines: Vec<String> = err.errors().iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with("acme.json: "), "{err}");
    assert!(lines[0].contains("title"), "{err}");
    // The set's own problem is reported; its unknown source framework is not reported again.
    assert!(lines[1].starts_with("acme-hipaa.json: "), "{err}");
    assert!(lines[1].contains("hipaa:164.312(z)"), "{err}");
    assert!(
        !err.to_string().contains("no catalog of framework acme"),
        "{err}"
    );

    // Without the catalog at all, the set says what it needs, and still lists its other
    // problem rather than stopping at the first.
    let err = Library::builder()
        .mappings_str(mappings, "acme-hipaa.json")
        .build()
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("no catalog of framework acme is loaded"),
        "{text}"
    );
    assert!(text.contains("hipaa:164.312(z)"), "{text}");
}
