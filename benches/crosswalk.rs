//! The crosswalk: assembly of the built-in data, inferred queries, coverage, and a generated
//! graph at scale (200 frameworks × 2,000 controls, 2,000,000 mappings).
//!
//! Run with `cargo bench --bench crosswalk`. Under `cargo test --benches` (no `--bench`
//! argument) the generated graph is scaled down so that the test run stays quick.

// Benches report through criterion; unwrap is how they fail loudly on broken data.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::print_stderr,
    missing_docs
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ctrlmap::crosswalk::{
    Crosswalk, Holding, MappingRow, MappingSet, MappingSetDocument, Relationship,
};
use ctrlmap::{
    Catalog, CatalogDocument, ControlId, ControlRef, FrameworkId, FrameworkInfo, Node, NodeKind,
    TextLicence,
};

fn builtin(c: &mut Criterion) {
    let catalogs: Vec<&Catalog> = ctrlmap::builtin_catalogs().collect();
    let sets = ctrlmap::builtin_mapping_sets();
    c.bench_function("builtin_crosswalk_assemble", |b| {
        b.iter(|| {
            let mut cw = Crosswalk::new();
            for catalog in &catalogs {
                cw.add_catalog(catalog).unwrap();
            }
            for set in sets {
                cw.add_mapping_set(set).unwrap();
            }
            cw.mapping_count()
        })
    });
    c.bench_function("builtin_mapping_sets_parse", |b| {
        b.iter(|| {
            ctrlmap::MAPPING_SETS_JSON
                .iter()
                .map(|(_, json)| {
                    MappingSet::from_json_str(black_box(json))
                        .unwrap()
                        .mappings()
                        .len()
                })
                .sum::<usize>()
        })
    });

    let cw = ctrlmap::builtin_crosswalk();
    let from: ControlRef = "soc2:CC6.1".parse().unwrap();
    let hitrust: FrameworkId = "hitrust".parse().unwrap();
    c.bench_function("infer_3_hops_soc2_cc6_1_to_hitrust", |b| {
        b.iter(|| cw.infer(black_box(&from), &hitrust, 3).unwrap().len())
    });
    let have = [Holding::Framework("soc2".parse().unwrap())];
    let hipaa: FrameworkId = "hipaa".parse().unwrap();
    c.bench_function("coverage_hipaa_from_soc2", |b| {
        b.iter(|| cw.coverage(black_box(&have), &hipaa, 3).unwrap().totals)
    });
    // The README's main job: the Security category held, a business associate's applicability.
    let security = [Holding::Control("soc2:security".parse().unwrap())];
    let options = ctrlmap::crosswalk::CoverageOptions::new().with_not_applicable(
        ctrlmap::hipaa_not_applicable(ctrlmap::hipaa::entity::EntityKind::BusinessAssociate {
            subcontractor: false,
        }),
    );
    c.bench_function(
        "coverage_hipaa_from_soc2_security_business_associate",
        |b| {
            b.iter(|| {
                cw.coverage_with(black_box(&security), &hipaa, &options)
                    .unwrap()
                    .totals
            })
        },
    );
}

fn id(s: String) -> ControlId {
    s.parse().unwrap()
}

/// A generated crosswalk: `frameworks` catalogs of `controls` controls each; framework `i`
/// maps each control to `fan_out` controls of framework `i + 1` (wrapping around).
fn generated(frameworks: usize, controls: usize, fan_out: usize) -> Crosswalk {
    let fw = |i: usize| -> FrameworkId { format!("gen{i:03}").parse().unwrap() };
    let mut cw = Crosswalk::new();
    for f in 0..frameworks {
        let nodes = (0..controls)
            .map(|c| {
                Node::new(id(format!("C{c}")), NodeKind::Control, "generated").with_assessable(true)
            })
            .collect();
        let info = FrameworkInfo::new(
            fw(f),
            "Generated",
            "1",
            "bench",
            TextLicence::PublicDomain { notice: None },
        );
        let catalog =
            Catalog::from_document(CatalogDocument::new(info, nodes), "generated").unwrap();
        cw.add_catalog(&catalog).unwrap();
    }
    let relationships = [
        Relationship::SubsetOf,
        Relationship::IntersectsWith,
        Relationship::SupersetOf,
        Relationship::Equal,
    ];
    for f in 0..frameworks {
        let (source, target) = (fw(f), fw((f + 1) % frameworks));
        let mut doc: MappingSetDocument = serde_json::from_value(serde_json::json!({
            "id": format!("set{f:03}"), "title": "generated",
            "source_framework": source, "target_framework": target, "rationale": "semantic",
            "provenance": { "publisher": "bench", "document": "generated", "version": "1",
                            "licence": "MIT", "method": "derived" },
            "mappings": []
        }))
        .unwrap();
        doc.mappings = (0..controls)
            .flat_map(|c| (0..fan_out).map(move |k| (c, k)))
            .map(|(c, k)| {
                MappingRow::new(
                    ControlRef::new(source.clone(), id(format!("C{c}"))),
                    ControlRef::new(
                        target.clone(),
                        id(format!("C{}", (c * fan_out + k * 7) % controls)),
                    ),
                    relationships[(c + k) % relationships.len()],
                    7,
                )
            })
            .collect();
        let set = MappingSet::from_document(doc, "generated").unwrap();
        cw.add_mapping_set(&set).unwrap();
    }
    cw
}

/// The process's peak resident set size, from /proc (Linux), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn scale(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let (frameworks, controls, fan_out) = if full { (200, 2_000, 5) } else { (10, 200, 5) };
    let mut group = c.benchmark_group("scale");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function(
        format!("build_{frameworks}x{controls}_fan_out_{fan_out}"),
        |b| b.iter(|| generated(frameworks, controls, fan_out).mapping_count()),
    );
    let cw = generated(frameworks, controls, fan_out);
    eprintln!(
        "scale: {} controls, {} mappings; peak RSS of the bench process {:.0} MiB",
        cw.control_count(),
        cw.mapping_count(),
        peak_rss_mib().unwrap_or(f64::NAN)
    );
    let from: ControlRef = "gen000:C17".parse().unwrap();
    let target: FrameworkId = "gen003".parse().unwrap();
    group
        .sample_size(100)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("infer_3_hops", |b| {
        b.iter(|| cw.infer(black_box(&from), &target, 3).unwrap().len())
    });
    group.finish();
}

criterion_group!(benches, builtin, scale);
criterion_main!(benches);
