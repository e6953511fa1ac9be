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

mod support;

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
    let sets: Vec<_> = ctrlmap::builtin_mapping_sets().collect();
    c.bench_function("builtin_crosswalk_assemble", |b| {
        b.iter(|| {
            let mut cw = Crosswalk::new();
            for catalog in &catalogs {
                cw.add_catalog(catalog).unwrap();
            }
            for &set in &sets {
                cw.add_mapping_set(set).unwrap();
            }
            cw.mapping_count()
        })
    });
    // What a fresh process pays for the whole built-in library: every catalog and mapping set
    // parsed from its embedded JSON and validated, and the crosswalk assembled.
    c.bench_function("builtin_library_load_from_json", |b| {
        let catalogs_json = [
            ctrlmap::coso::CATALOG_JSON,
            ctrlmap::soc2::CATALOG_JSON,
            ctrlmap::hipaa::CATALOG_JSON,
            ctrlmap::hitrust::CATALOG_JSON,
            ctrlmap::sp800_53::CATALOG_JSON,
            ctrlmap::csf::CATALOG_JSON,
        ];
        b.iter(|| {
            let mut cw = Crosswalk::new();
            for json in catalogs_json {
                cw.add_catalog(&Catalog::from_json_str(black_box(json)).unwrap())
                    .unwrap();
            }
            for (_, json) in ctrlmap::MAPPING_SETS_JSON {
                cw.add_mapping_set(&MappingSet::from_json_str(black_box(json)).unwrap())
                    .unwrap();
            }
            cw.mapping_count()
        })
    });
    // The same, split as `ctrlmap::builtin()` splits it on first use: the two NIST catalogs
    // parsed on a helper thread while this one parses the mapping sets and the rest.
    c.bench_function("builtin_library_load_from_json_two_threads", |b| {
        b.iter(|| {
            let (nist, (others, sets)) = std::thread::scope(|s| {
                let helper = s.spawn(|| {
                    [ctrlmap::sp800_53::CATALOG_JSON, ctrlmap::csf::CATALOG_JSON]
                        .map(|json| Catalog::from_json_str(black_box(json)).unwrap())
                });
                let sets: Vec<MappingSet> = ctrlmap::MAPPING_SETS_JSON
                    .iter()
                    .map(|(_, json)| MappingSet::from_json_str(black_box(json)).unwrap())
                    .collect();
                let others = [
                    ctrlmap::coso::CATALOG_JSON,
                    ctrlmap::soc2::CATALOG_JSON,
                    ctrlmap::hipaa::CATALOG_JSON,
                    ctrlmap::hitrust::CATALOG_JSON,
                ]
                .map(|json| Catalog::from_json_str(black_box(json)).unwrap());
                (helper.join().unwrap(), (others, sets))
            });
            let mut cw = Crosswalk::new();
            for catalog in others.iter().chain(&nist) {
                cw.add_catalog(catalog).unwrap();
            }
            for set in &sets {
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
    // "We run the 800-53 MODERATE baseline: what of HIPAA is covered?"
    let moderate = [Holding::Group("sp800-53:moderate".parse().unwrap())];
    c.bench_function("coverage_hipaa_from_sp800_53_moderate", |b| {
        b.iter(|| cw.coverage(black_box(&moderate), &hipaa, 3).unwrap().totals)
    });
    // "We comply with HIPAA: what of CSF 2.0?"
    let all_hipaa = [Holding::Framework("hipaa".parse().unwrap())];
    let csf: FrameworkId = "csf".parse().unwrap();
    c.bench_function("coverage_csf_from_hipaa", |b| {
        b.iter(|| cw.coverage(black_box(&all_hipaa), &csf, 3).unwrap().totals)
    });
    c.bench_function("disagreements_builtin_3_hops", |b| {
        b.iter(|| cw.disagreements(black_box(3)).len())
    });
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
        support::peak_rss_mib().unwrap_or(f64::NAN)
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

/// A dense crosswalk: frameworks `d0`…, each of `controls` controls, every pair of adjacent
/// frameworks (and the last with the first, when `ring`) fully mapped with `equal`: the
/// hostile case of issue #14, where every path composes to `equal` and none is dropped as
/// "anything".
fn dense(frameworks: usize, controls: usize, ring: bool) -> Crosswalk {
    let fw = |i: usize| -> FrameworkId { format!("d{i}").parse().unwrap() };
    let mut cw = Crosswalk::new();
    for f in 0..frameworks {
        let nodes = (0..controls)
            .map(|c| {
                Node::new(id(format!("C{c}")), NodeKind::Control, "dense").with_assessable(true)
            })
            .collect();
        let info = FrameworkInfo::new(
            fw(f),
            "Dense",
            "1",
            "bench",
            TextLicence::PublicDomain { notice: None },
        );
        let catalog = Catalog::from_document(CatalogDocument::new(info, nodes), "dense").unwrap();
        cw.add_catalog(&catalog).unwrap();
    }
    let pairs = if ring { frameworks } else { frameworks - 1 };
    for f in 0..pairs {
        let (source, target) = (fw(f), fw((f + 1) % frameworks));
        let mut doc: MappingSetDocument = serde_json::from_value(serde_json::json!({
            "id": format!("dense{f}"), "title": "dense",
            "source_framework": source, "target_framework": target, "rationale": "semantic",
            "provenance": { "publisher": "bench", "document": "dense", "version": "1",
                            "licence": "MIT", "method": "derived" },
            "mappings": []
        }))
        .unwrap();
        doc.mappings = (0..controls)
            .flat_map(|a| (0..controls).map(move |b| (a, b)))
            .map(|(a, b)| {
                MappingRow::new(
                    ControlRef::new(source.clone(), id(format!("C{a}"))),
                    ControlRef::new(target.clone(), id(format!("C{b}"))),
                    Relationship::Equal,
                    5,
                )
            })
            .collect();
        cw.add_mapping_set(&MappingSet::from_document(doc, "dense").unwrap())
            .unwrap();
    }
    cw
}

/// The hostile dense graphs of issue #14: before pruning, the first took 17 s and the second
/// 27 s on this 2-core machine.
fn hostile(c: &mut Criterion) {
    let cw = dense(3, 13, true);
    let from: ControlRef = "d0:C0".parse().unwrap();
    let target: FrameworkId = "d2".parse().unwrap();
    c.bench_function("dense_infer_6_hops_3x13_equal_ring", |b| {
        b.iter(|| cw.infer(black_box(&from), &target, 6).unwrap().len())
    });
    let cw = dense(3, 100, false);
    let have = [Holding::Framework("d0".parse().unwrap())];
    let target: FrameworkId = "d2".parse().unwrap();
    c.bench_function("dense_coverage_3_hops_3x100_equal", |b| {
        b.iter(|| cw.coverage(black_box(&have), &target, 3).unwrap().totals)
    });
}

criterion_group!(benches, builtin, scale, hostile);
criterion_main!(benches);
