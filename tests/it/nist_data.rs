//! The built-in NIST data (the SP 800-53 and CSF 2.0 catalogs, NIST's HIPAA and CSF
//! crosswalks to SP 800-53) are generated from NIST's own files by ctrlmap's importers, here:
//! each test rebuilds a file and checks the committed copy is exactly what the importer makes
//! of NIST's file today. `CTRLMAP_BLESS=1 cargo test --test it nist_data` rewrites them.
//!
//! Inputs (copies of `../shared/reference`, checked byte for byte by `.ci/run`):
//! `data/oscal/` (SP 800-53 5.0.1 catalog, 5.1.1 baseline profiles), `data/nist/` (CSF 2.0
//! and HIPAA -> SP 800-53 CPRT exports), `data/olir/` (CSF 2.0 -> SP 800-53 OLIR pairs).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use ctrlmap::crosswalk::{
    MappingRow, MappingSetDocument, Method, Provenance, Rationale, Relationship,
};
use ctrlmap::{
    ALIAS_PROP, Catalog, CatalogDocument, ControlId, FrameworkInfo, Node, NodeKind, Property,
    PublicationDate, Selection, SourceDocument, TextLicence,
};
use serde_json::Value;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap()
}

/// A generated catalog as JSON with one node (and one selection) per line: a diff of NIST's
/// next release reads node by node, and the file is a sixth smaller than pretty-printed JSON,
/// which the built-in library parses on every start.
fn catalog_lines(doc: &CatalogDocument) -> String {
    fn one(value: &impl serde::Serialize) -> String {
        serde_json::to_string(value).unwrap()
    }
    let mut out = String::from("{\n");
    if let Some(schema) = &doc.schema {
        out.push_str(&format!("  \"$schema\": {},\n", one(schema)));
    }
    out.push_str(&format!(
        "  \"framework\": {},\n  \"nodes\": [\n",
        one(&doc.framework)
    ));
    let nodes: Vec<String> = doc
        .nodes
        .iter()
        .map(|n| format!("    {}", one(n)))
        .collect();
    out.push_str(&nodes.join(",\n"));
    out.push_str("\n  ]");
    if !doc.selections.is_empty() {
        out.push_str(",\n  \"selections\": [\n");
        let selections: Vec<String> = doc
            .selections
            .iter()
            .map(|s| format!("    {}", one(s)))
            .collect();
        out.push_str(&selections.join(",\n"));
        out.push_str("\n  ]");
    }
    out.push_str("\n}");
    out
}

/// Compares `json` with the committed file, or writes it under `CTRLMAP_BLESS=1`.
fn check_or_bless(path: &str, json: &str) {
    let json = format!("{json}\n");
    if std::env::var_os("CTRLMAP_BLESS").is_some() {
        std::fs::write(repo(path), &json).unwrap();
        return;
    }
    let committed = read(path);
    assert!(
        committed == json,
        "{path} is not what the importer makes of NIST's file; run CTRLMAP_BLESS=1 cargo test --test it nist_data and review the diff"
    );
}

const SP800_53_OSCAL: &str = "data/oscal/NIST_SP-800-53_rev5.0.1_catalog_oscal1.0.0.json";
const BASELINES: [(&str, &str, &str); 4] = [
    ("low", "LOW baseline", "LOW"),
    ("moderate", "MODERATE baseline", "MODERATE"),
    ("high", "HIGH baseline", "HIGH"),
    ("privacy", "PRIVACY baseline", "PRIVACY"),
];

/// NIST's printed id (`AC-2(1)`, family `AC`) for each OSCAL id (`ac-2.1`, `ac`).
fn printed_ids(doc: &CatalogDocument) -> HashMap<String, ControlId> {
    doc.nodes
        .iter()
        .map(|n| {
            let printed = n
                .prop("label")
                .map_or_else(|| n.id.as_str().to_ascii_uppercase(), str::to_owned);
            (n.id.to_string(), printed.parse().unwrap())
        })
        .collect()
}

fn sp800_53_document() -> CatalogDocument {
    let imported = ctrlmap::oscal::catalog_from_json(
        &read(SP800_53_OSCAL),
        SP800_53_OSCAL,
        Some("sp800-53".parse().unwrap()),
    )
    .unwrap();
    let doc = imported.into_document();
    let ids = printed_ids(&doc);
    let nodes = doc
        .nodes
        .iter()
        .map(|n| {
            let id = ids[n.id.as_str()].clone();
            let mut node = Node::new(id.clone(), n.kind, n.title.clone());
            node.parent = n.parent.as_ref().map(|p| ids[p.as_str()].clone());
            node.text.clone_from(&n.text);
            node.summary.clone_from(&n.summary);
            node.assessable = n.assessable;
            if id.as_str() != n.id.as_str() {
                node.props.push(Property::new(ALIAS_PROP, n.id.as_str()));
            }
            for p in &n.props {
                match p.name.as_str() {
                    "label" | "sort-id" | "alias" | "class" => {}
                    "moved_to" | "incorporated_into" => {
                        // `ac-2_smt.k` (item k of AC-2's statement) names AC-2.
                        let control = p.value.split('_').next().unwrap_or(&p.value);
                        node.props
                            .push(Property::new(p.name.clone(), ids[control].as_str()));
                    }
                    _ => node.props.push(p.clone()),
                }
            }
            node
        })
        .collect();

    let selections = BASELINES
        .iter()
        .map(|(id, title, file)| {
            let path = format!("data/oscal/NIST_SP-800-53_rev5_{file}-baseline_profile.json");
            let profile: Value = serde_json::from_str(&read(&path)).unwrap();
            let with_ids = profile["profile"]["imports"][0]["include-controls"][0]["with-ids"]
                .as_array()
                .unwrap();
            let controls = with_ids
                .iter()
                .map(|v| ids[v.as_str().unwrap()].clone())
                .collect();
            let mut source = SourceDocument::new(format!(
                "NIST SP 800-53 Rev. 5 {file} baseline (OSCAL profile)"
            ));
            source.version = Some("5.1.1+u4".to_owned());
            source.publisher = Some("NIST".to_owned());
            source.url = Some(format!(
                "https://github.com/usnistgov/oscal-content/blob/941c978d14c57379fbf6f7fb388f675067d5bff7/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_{file}-baseline_profile.json"
            ));
            source.note = Some(
                "The profile's include-controls with-ids, in its order, as NIST prints the ids. The profile is for Rev. 5.1.1; every id it lists is in the 5.0.1 catalog and none is withdrawn there."
                    .to_owned(),
            );
            Selection::new(id.parse().unwrap(), *title, controls).with_source(source)
        })
        .collect();

    let mut catalog = SourceDocument::new(
        "NIST SP 800-53 Revision 5, Security and Privacy Controls for Information Systems and Organizations (OSCAL catalog)",
    );
    catalog.version = Some("5.0.1 (OSCAL 1.0.0, last modified 2021-06-08)".to_owned());
    catalog.section = Some(
        "All 20 families: controls, enhancements, statements with parameters, discussion"
            .to_owned(),
    );
    catalog.publisher = Some("NIST".to_owned());
    catalog.url = Some("https://github.com/usnistgov/oscal-content/blob/a849dbc/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json".to_owned());
    catalog.note = Some("Imported with ctrlmap's OSCAL importer (ctrlmap::oscal::catalog_from_json): statements verbatim with parameters written as NIST prints them, withdrawn controls kept (not assessable) with where they went. Ids as NIST prints them (AC-2(1)); OSCAL's ids (ac-2.1) are aliases. NIST's discussion of each control is in the companion file sp800-53r5.discussion.json.".to_owned());
    let mut info = FrameworkInfo::new(
        "sp800-53".parse().unwrap(),
        "NIST SP 800-53 Rev. 5: Security and Privacy Controls for Information Systems and Organizations",
        "5.0.1",
        "NIST",
        TextLicence::PublicDomain {
            notice: Some("NIST SP 800-53 is a work of the U.S. Government, not subject to copyright in the United States.".to_owned()),
        },
    );
    info.sources = vec![catalog];
    let mut doc = CatalogDocument::new(info, nodes).with_selections(selections);
    doc.schema = Some("../../../schemas/catalog.schema.json".to_owned());
    doc
}

/// NIST's discussion of each control, taken out of the catalog into its own file (the
/// text-overlay format: framework, source, one text per id), which `ctrlmap::sp800_53`
/// parses only when asked: it is more than half of the catalog's bytes, and every process
/// would pay to parse it.
fn split_discussion(doc: &mut CatalogDocument) -> ctrlmap::TextOverlayDocument {
    let mut texts = std::collections::BTreeMap::new();
    for node in &mut doc.nodes {
        if let Some(i) = node
            .props
            .iter()
            .position(|p| p.name == ctrlmap::GUIDANCE_PROP)
        {
            texts.insert(node.id.clone(), node.props.remove(i).value);
        }
        // A family's overview (Program Management has one) is NIST's prose too, not a
        // summary of ctrlmap's.
        if let Some(overview) = node.summary.take() {
            texts.entry(node.id.clone()).or_insert(overview);
        }
    }
    let mut source = SourceDocument::new(
        "NIST SP 800-53 Revision 5, Security and Privacy Controls for Information Systems and Organizations (OSCAL catalog)",
    );
    source.version = Some("5.0.1 (OSCAL 1.0.0, last modified 2021-06-08)".to_owned());
    source.section =
        Some("Discussion of each control and enhancement (OSCAL guidance parts)".to_owned());
    source.publisher = Some("NIST".to_owned());
    source.note = Some("Verbatim, public domain; links written as NIST prints them. Read by ctrlmap::sp800_53::discussion.".to_owned());
    let mut overlay: ctrlmap::TextOverlayDocument = serde_json::from_value(serde_json::json!({
        "$schema": "../../../schemas/text-overlay.schema.json",
        "framework": "sp800-53",
        "texts": {},
    }))
    .unwrap();
    overlay.source = Some(source);
    overlay.texts = texts;
    overlay
}

#[test]
fn sp800_53_catalog_is_nists_oscal_imported() {
    let mut doc = sp800_53_document();
    let discussion = split_discussion(&mut doc);
    check_or_bless(
        "crates/ctrlmap-sp800-53/data/sp800-53r5.discussion.json",
        &serde_json::to_string_pretty(&discussion).unwrap(),
    );
    let json = catalog_lines(Catalog::from_document(doc, "sp800-53").unwrap().document());
    check_or_bless(
        "crates/ctrlmap-sp800-53/data/sp800-53r5.catalog.json",
        &json,
    );
}

const CSF_CPRT: &str = "data/nist/csf-2.0.cprt.json";

fn csf_document() -> CatalogDocument {
    // An implementation example's title is NIST's label, `Ex1`: without it the importer titles
    // the node by the start of its text, which says more in a tree; the label is kept as a
    // property.
    let mut file: Value = serde_json::from_str(&read(CSF_CPRT)).unwrap();
    let mut labels: HashMap<String, String> = HashMap::new();
    for e in file["response"]["elements"]["elements"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .filter(|e| e["element_type"] == "implementation_example")
    {
        let id = e["element_identifier"].as_str().unwrap().to_owned();
        labels.insert(id, e["title"].as_str().unwrap().to_owned());
        e["title"] = Value::from("");
    }
    let export =
        ctrlmap::cprt::CprtExport::from_json_str_with_origin(&file.to_string(), CSF_CPRT).unwrap();
    let imported = export.to_catalog("csf".parse().unwrap()).unwrap();
    let doc = imported.into_document();
    let kind_of = |n: &Node| n.prop("cprt_element_type").unwrap_or_default().to_owned();
    // A withdrawn element links to its withdraw reason, which says where the content went.
    let mut withdrawn: HashMap<&str, Vec<Property>> = HashMap::new();
    let mut party: HashMap<&str, Vec<String>> = HashMap::new();
    for n in &doc.nodes {
        let Some(parent) = n.parent.as_ref().map(ControlId::as_str) else {
            continue;
        };
        match kind_of(n).as_str() {
            "withdraw_reason" => {
                let moves = withdrawn.entry(parent).or_default();
                if let Some(text) = n.text.as_deref() {
                    moves.push(Property::new("withdrawal", text.trim()));
                }
                for p in &n.props {
                    if matches!(p.name.as_str(), "incorporated_into" | "moved_to") {
                        moves.push(p.clone());
                    }
                }
            }
            "party" => party.entry(parent).or_default().push(n.title.clone()),
            _ => {}
        }
    }
    let nodes = doc
        .nodes
        .iter()
        .filter_map(|n| {
            let kind = match kind_of(n).as_str() {
                "function" => NodeKind::Function,
                "category" => NodeKind::Category,
                "subcategory" => NodeKind::Subcategory,
                "implementation_example" => NodeKind::ImplementationExample,
                _ => return None,
            };
            let moves = withdrawn.get(n.id.as_str());
            let mut node = Node::new(n.id.clone(), kind, n.title.clone());
            if let Some(label) = labels.get(n.id.as_str()) {
                node.props
                    .push(Property::new("example_label", label.clone()));
            }
            node.parent.clone_from(&n.parent);
            node.text.clone_from(&n.text);
            node.assessable = kind == NodeKind::Subcategory && moves.is_none();
            if let Some(moves) = moves {
                node.props
                    .push(Property::new(ctrlmap::STATUS_PROP, ctrlmap::WITHDRAWN));
                node.props.extend(moves.iter().cloned());
            }
            for p in party.get(n.id.as_str()).into_iter().flatten() {
                node.props.push(Property::new("party", p.clone()));
            }
            for p in n.props.iter().filter(|p| p.name == "external_reference") {
                node.props
                    .push(Property::new("sp800_53_family", p.value.clone()));
            }
            Some(node)
        })
        .collect();
    let mut source =
        SourceDocument::new("The NIST Cybersecurity Framework (CSF) 2.0 (NIST CSWP 29)");
    source.version = Some("2.0".to_owned());
    source.publisher = Some("NIST".to_owned());
    source.published = Some("2024-02-26".parse().unwrap());
    source.url = Some("https://doi.org/10.6028/NIST.CSWP.29".to_owned());
    source.section = Some("The CSF Core: functions, categories, subcategories; implementation examples; withdrawn CSF 1.1 elements".to_owned());
    source.note = Some("NIST's CPRT export of document CSF_2_0_0 (exported 2024-04-24), imported with ctrlmap's CPRT importer (ctrlmap::cprt::CprtExport::to_catalog). Subcategories have no titles in CSF, and implementation examples only a label (Ex1, kept as the example_label property): a node's title is the start of its text, its text the whole. Withdrawn CSF 1.1 elements are kept (not assessable) with NIST's reason (withdrawal) and its incorporated_into and moved_to pointers; sp800_53_family is CPRT's reference from a category or subcategory to an SP 800-53 family.".to_owned());
    let mut info = FrameworkInfo::new(
        "csf".parse().unwrap(),
        "NIST Cybersecurity Framework (CSF) 2.0",
        "2.0",
        "NIST",
        TextLicence::PublicDomain {
            notice: Some("The NIST Cybersecurity Framework is a work of the U.S. Government, not subject to copyright in the United States.".to_owned()),
        },
    );
    info.published = Some("2024-02-26".parse::<PublicationDate>().unwrap());
    info.sources = vec![source];
    let mut doc = CatalogDocument::new(info, nodes);
    doc.schema = Some("../../../schemas/catalog.schema.json".to_owned());
    doc
}

#[test]
fn csf_catalog_is_nists_cprt_export_imported() {
    let json = catalog_lines(
        Catalog::from_document(csf_document(), "csf")
            .unwrap()
            .document(),
    );
    check_or_bless("crates/ctrlmap-csf/data/csf-2.0.catalog.json", &json);
}

/// `AC-02` -> `AC-2`, `CP-02(08)` -> `CP-2(8)`: CPRT's zero-padded ids as NIST prints them.
fn unpadded(id: &str) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    for c in id.chars().chain(std::iter::once('\0')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            out.push_str(&digits.parse::<u32>().unwrap().to_string());
            digits.clear();
        }
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

/// A HIPAA citation of NIST's crosswalk as the catalog's assessable node: `164.310(a)` is the
/// standard `164.310(a)(1)`; `164.308(b)(4)` is what current 45 CFR numbers `164.308(b)(3)`;
/// `164.314(b)(2)(i)`-`(iv)` are the items of the one implementation specification
/// `164.314(b)(2)` (the reference README), which coverage assesses.
fn hipaa_node(hipaa: &Catalog, citation: &str) -> ControlId {
    let citation = match citation {
        "164.308(b)(4)" => "164.308(b)(3)",
        c if c.starts_with("164.314(b)(2)(") => "164.314(b)(2)",
        c => c,
    };
    [
        citation.to_owned(),
        format!("{citation}(1)"),
        format!("{citation}(i)"),
    ]
    .iter()
    .find_map(|c| hipaa.find(c))
    .map(|n| n.id.clone())
    .unwrap_or_else(|| panic!("{citation} is not in the HIPAA catalog"))
}

const HIPAA_CPRT: &str = "data/nist/hipaa-security-rule_to_sp800-53r5.1.1.cprt.json";

fn elements<'a>(file: &'a Value, kind: &str) -> Vec<&'a Value> {
    file[kind]["response"]["elements"]
        .as_array()
        .unwrap()
        .iter()
        .collect()
}

fn hipaa_sp800_53_set() -> MappingSetDocument {
    let file: Value = serde_json::from_str(&read(HIPAA_CPRT)).unwrap();
    let hipaa = ctrlmap::hipaa::catalog();
    let sp = ctrlmap::sp800_53::catalog();
    let suffix = |e: &Value, prefix: &str| {
        e["elementIdentifier"]
            .as_str()
            .unwrap()
            .strip_prefix(prefix)
            .unwrap()
            .to_owned()
    };
    let fde: HashMap<String, String> = elements(&file, "fde")
        .into_iter()
        .map(|e| (suffix(e, "FDE-"), e["title"].as_str().unwrap().to_owned()))
        .collect();
    let rde: HashMap<String, String> = elements(&file, "rde")
        .into_iter()
        .map(|e| (suffix(e, "RDE-"), e["title"].as_str().unwrap().to_owned()))
        .collect();
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    for entry in elements(&file, "olir_entry") {
        let s = suffix(entry, "OE-");
        let (citation, control) = (&rde[&s], &fde[&s]);
        let source = hipaa_node(hipaa, citation);
        let target = sp.find(&unpadded(control)).unwrap().id.clone();
        let note = if citation.as_str() == source.as_str() {
            format!("NIST OLIR entry OE-{s}: {citation} and {control}.")
        } else {
            format!("NIST OLIR entry OE-{s}: {citation} (here {source}) and {control}.")
        };
        // Items NIST lists apart (164.314(b)(2)(i)-(iv)) can fall on one node: one row,
        // naming every OLIR entry behind it.
        if !seen.insert((source.clone(), target.clone())) {
            if let Some(row) = rows.iter_mut().find(|r: &&mut MappingRow| {
                r.source.control() == &source && r.target.control() == &target
            }) {
                let more = format!(" Also {}", note.trim_start_matches("NIST "));
                row.note = row.note.take().map(|n| n + &more);
            }
        } else {
            rows.push(
                MappingRow::new(
                    hipaa.control_ref(&source),
                    sp.control_ref(&target),
                    Relationship::IntersectsWith,
                    5,
                )
                .with_note(note),
            );
        }
    }
    MappingSetDocument::new(
        "hipaa-sp800-53".parse().unwrap(),
        "HIPAA Security Rule to NIST SP 800-53 Rev. 5",
        ctrlmap::hipaa::FRAMEWORK_ID,
        ctrlmap::sp800_53::FRAMEWORK_ID,
        Provenance::new(
            "NIST",
            "HIPAA Security Rule to SP 800-53 Rev. 5.1.1 crosswalk (NIST OLIR, CPRT framework version HIPAA-Sec-Rule-800-53-5.1.1)",
            "1.0.0",
            "Public domain (a work of the U.S. Government)",
            Method::Official,
        )
        .with_note("Every pair NIST lists (279 OLIR entries, retrieved from NIST's CPRT API on 2026-08-28), none added. NIST states no relationship type and no strength for these pairs: each row is intersects_with (NIST relates the two; that either contains the other is not stated) with strength 5 as a neutral placeholder, not a figure of NIST's. HIPAA citations are placed on the catalog's assessable nodes: a standard cited without its (1) or (i) is that standard; NIST's 164.308(b)(4) is current 45 CFR 164.308(b)(3); NIST's 164.314(b)(2)(i)-(iv) are items of the one implementation specification 164.314(b)(2), where two of NIST's entries fall on one row (278 rows for 279 entries; each row names its entries). The 800-53 ids are NIST's, unpadded (AC-02 is AC-2); every one is in the 5.0.1 catalog."),
        Rationale::Semantic,
        rows,
    )
}

#[test]
fn hipaa_sp800_53_set_is_nists_crosswalk() {
    let mut doc = hipaa_sp800_53_set();
    doc.schema = Some("../../schemas/mapping-set.schema.json".to_owned());
    let json = serde_json::to_string_pretty(&doc).unwrap();
    check_or_bless("data/mappings/hipaa-sp800-53.mappings.json", &json);
}

const CSF_OLIR: &str = "data/olir/csf-2.0_to_sp800-53r5.mapping-collection.json";

fn csf_sp800_53_set() -> (MappingSetDocument, BTreeSet<String>) {
    let file: Value = serde_json::from_str(&read(CSF_OLIR)).unwrap();
    let csf = ctrlmap::csf::catalog();
    let sp = ctrlmap::sp800_53::catalog();
    let mut rows = Vec::new();
    let mut missing = BTreeSet::new();
    let mut left_out = 0usize;
    for map in file["mapping-collection"]["mappings"][0]["maps"]
        .as_array()
        .unwrap()
    {
        let source = map["sources"][0]["id-ref"]
            .as_str()
            .unwrap()
            .to_ascii_uppercase();
        let source = csf.get(&source).unwrap().id.clone();
        for target in map["targets"].as_array().unwrap() {
            let oscal = target["id-ref"].as_str().unwrap();
            let Some(t) = sp.find(oscal) else {
                missing.insert(oscal.to_owned());
                left_out += 1;
                continue;
            };
            // No note per row: each says only what the set's provenance says of all of them.
            rows.push(MappingRow::new(
                csf.control_ref(&source),
                sp.control_ref(&t.id),
                Relationship::IntersectsWith,
                5,
            ));
        }
    }
    let doc = MappingSetDocument::new(
        "csf-sp800-53".parse().unwrap(),
        "NIST CSF 2.0 to NIST SP 800-53 Rev. 5 informative references",
        ctrlmap::csf::FRAMEWORK_ID,
        ctrlmap::sp800_53::FRAMEWORK_ID,
        Provenance::new(
            "NIST",
            "Cybersecurity Framework v2.0 to SP 800-53 Rev. 5 concept crosswalk (NIST OLIR informative reference #186, Cybersecurity-Framework-v2.0-to-SP-800-53-Rev-5-2-0)",
            "NIST draft workbook, as carried in OSCAL by degenaro/example-mapping 1.0 (2026-03-06)",
            "Pairs: public domain (NIST). Carrying file: Apache-2.0 (degenaro/example-mapping)",
            Method::Official,
        )
        .with_note(format!("The pairs are NIST's: each (subcategory, control) NIST's workbook lists, none added. {} pairs name controls NIST added in Rev. 5.1 and 5.2, which the 5.0.1 catalog does not have, and are left out ({}). NIST's workbook has no relationship column; the carrying file's superset-of labels and 100% confidence are its author's and are not used. ctrlmap reads each pair as intersects_with: NIST lists the control as a reference that informs the outcome, which relates them without saying either contains the other. Strength 5 is a neutral placeholder, not a figure of NIST's. One pair, DE.AE-06 with RA-4, names a control Rev. 5 withdrew (incorporated into RA-3): it is kept as NIST lists it, and holding RA-3 does not reach it.", left_out, if missing.is_empty() { "none".to_owned() } else { missing.iter().cloned().collect::<Vec<_>>().join(", ") })),
        Rationale::Semantic,
        rows,
    );
    (doc, missing)
}

#[test]
fn csf_sp800_53_set_is_nists_pairs() {
    let (mut doc, _) = csf_sp800_53_set();
    doc.schema = Some("../../schemas/mapping-set.schema.json".to_owned());
    let json = serde_json::to_string_pretty(&doc).unwrap();
    check_or_bless("data/mappings/csf-sp800-53.mappings.json", &json);
}

/// NIST's HIPAA crosswalk as shipped: every entry NIST lists, none added, official, each an
/// overlap; every Security Rule requirement NIST pairs; the example (RA-3).
#[test]
fn nist_hipaa_crosswalk_facts() {
    let set = ctrlmap::builtin_mapping_sets()
        .find(|s| s.id() == "hipaa-sp800-53")
        .unwrap();
    assert!(set.provenance().is_official());
    assert_eq!(set.provenance().publisher, "NIST");
    // 279 OLIR entries on 278 rows: two items of 164.314(b)(2) pair it with PL-2.
    assert_eq!(set.mappings().len(), 278);
    let entries: usize = set
        .mappings()
        .iter()
        .map(|r| r.note.as_deref().unwrap().matches("OLIR entry OE-").count())
        .sum();
    assert_eq!(entries, 279);
    assert!(
        set.mappings()
            .iter()
            .all(|r| r.relationship == Relationship::IntersectsWith)
    );
    assert!(set.mappings().iter().all(|r| r.confidence.is_none()));
    let pairs = |citation: &str| -> Vec<String> {
        set.mappings()
            .iter()
            .filter(|r| r.source == citation)
            .map(|r| r.target.to_string())
            .collect()
    };
    assert_eq!(
        pairs("hipaa:164.308(a)(1)(ii)(A)"),
        ["sp800-53:RA-3", "sp800-53:RA-2"]
    );
    // Every standard and implementation specification of the Security Rule is paired (the
    // reference README: all 65 citations of facts/hipaa.json, once normalised).
    let paired: HashSet<String> = set
        .mappings()
        .iter()
        .map(|r| r.source.to_string())
        .collect();
    let security_rule = ctrlmap::hipaa::standards()
        .map(|s| s.citation().to_string())
        .chain(ctrlmap::hipaa::implementation_specifications().map(|s| s.citation().to_string()));
    let mut missing = Vec::new();
    for citation in security_rule {
        let node = ctrlmap::hipaa::catalog().find(&citation).unwrap();
        if !paired.contains(&node.control_ref().to_string()) {
            missing.push(citation);
        }
    }
    assert_eq!(missing, Vec::<String>::new());
}

/// NIST's CSF references as shipped: NIST's pairs, each an overlap, every current
/// subcategory paired, none to a withdrawn control.
#[test]
fn nist_csf_references_facts() {
    let set = ctrlmap::builtin_mapping_sets()
        .find(|s| s.id() == "csf-sp800-53")
        .unwrap();
    assert!(set.provenance().is_official());
    assert_eq!(set.mappings().len(), 729);
    let (_, missing) = csf_sp800_53_set();
    assert_eq!(
        missing.into_iter().collect::<Vec<_>>(),
        ["ia-13", "sa-15.13", "sa-24", "si-2.7"]
    );
    // Every current subcategory but PR.AA-04, whose one reference (IA-13) is newer than 5.0.1.
    let sources: HashSet<String> = set
        .mappings()
        .iter()
        .map(|r| r.source.to_string())
        .collect();
    assert_eq!(sources.len(), 105);
    assert!(!sources.contains("csf:PR.AA-04"));
    // One pair NIST lists names a control Rev. 5 withdrew (RA-4, incorporated into RA-3):
    // kept as NIST lists it, and the set's note says so.
    let sp = ctrlmap::sp800_53::catalog();
    let withdrawn: Vec<String> = set
        .mappings()
        .iter()
        .filter(|r| !sp.get(r.target.control().as_str()).unwrap().assessable)
        .map(|r| format!("{} {}", r.source, r.target))
        .collect();
    assert_eq!(withdrawn, ["csf:DE.AE-06 sp800-53:RA-4"]);
    assert!(set.provenance().note.as_deref().unwrap().contains("RA-4"));
}
