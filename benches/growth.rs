//! Growth: each hostile input of issue #22 made at size n and 4n, run through the path that
//! once took time out of proportion to it, and the growth printed, so that a quadratic path
//! cannot come back unseen. Linear cost grows about 4 times from n to 4n; quadratic, 16.
//!
//! Run with `cargo bench --bench growth`. Criterion reports each size; the table at the end
//! gives the input's size and the growth (median of a few runs of each size). Under
//! `cargo test --benches` (no `--bench` argument) the inputs are smaller and each runs once,
//! unoptimised: that run checks the generators, and its growth figures mean nothing.

// Benches report through criterion; unwrap is how they fail loudly on broken data.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::print_stderr,
    clippy::cast_precision_loss,
    missing_docs
)]

mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion};
use ctrlmap::Library;
use ctrlmap::crosswalk::{Holding, MappingSet};
use ctrlmap::report::{self, ReadinessReport, ReportContext};
use serde_json::{Value, json};

/// An input made: its size in bytes and the run over it.
type Made = (usize, Box<dyn Fn() -> usize>);

/// One generator: a name, the size n it starts at, and how to make the input of a size
/// (its bytes and the run over it).
struct Case {
    name: &'static str,
    n: usize,
    make: fn(usize) -> Made,
}

fn framework(id: &str) -> Value {
    json!({ "id": id, "name": "Generated", "version": "1", "publisher": "bench",
            "licence": { "kind": "public_domain" } })
}

fn provenance() -> Value {
    json!({ "publisher": "bench", "document": "generated", "version": "1",
            "licence": "MIT", "method": "expert" })
}

/// A catalog `gen` of `n` assessable controls `C0`….
fn flat_catalog(n: usize) -> String {
    let nodes: Vec<Value> = (0..n)
        .map(|i| json!({ "id": format!("C{i}"), "kind": "control", "title": "c", "assessable": true }))
        .collect();
    json!({ "framework": framework("gen"), "nodes": nodes }).to_string()
}

/// An OSCAL mapping collection with one map of n sources by n targets: refused, and refused
/// before it expands (once 5.6 s and 1.1 GB at 700 x 700).
fn oscal_map(n: usize) -> Made {
    let set = ctrlmap::builtin_mapping_sets().next().unwrap();
    let mut doc: Value = serde_json::from_str(&ctrlmap::oscal::mapping_set_to_json(set)).unwrap();
    let refs: Value = (0..n)
        .map(|i| json!({ "type": "control", "id-ref": format!("C{i}") }))
        .collect();
    let map = &mut doc["mapping-collection"]["mappings"][0]["maps"][0];
    map["sources"] = refs.clone();
    map["targets"] = refs;
    let text = doc.to_string();
    (
        text.len(),
        Box::new(move || {
            ctrlmap::oscal::mapping_set_from_json(black_box(&text), "gen.json", None)
                .map_or(0, |s| s.mappings().len())
        }),
    )
}

/// A framework of n/10 controls with n random self mappings, and coverage of it at 3 hops from
/// 10 held controls (once 3.7 s at 300 controls and 10,000 rows: the path budget was per row).
fn self_mappings(n: usize) -> Made {
    let controls = (n / 10).max(10);
    let catalog = flat_catalog(controls);
    // A small linear congruential generator: the same "random" rows every run.
    let mut x: u64 = 0x2545_f491;
    let mut next = move |m: usize| {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        usize::try_from(x >> 33).unwrap() % m
    };
    let relationships = ["intersects_with", "subset_of", "superset_of", "equal"];
    let mut seen = std::collections::HashSet::new();
    let mut rows = Vec::new();
    while rows.len() < n {
        let (a, b) = (next(controls), next(controls));
        if a == b || !seen.insert((a, b)) || seen.contains(&(b, a)) {
            continue;
        }
        rows.push(
            json!({ "source": format!("gen:C{a}"), "target": format!("gen:C{b}"),
                          "relationship": relationships[rows.len() % 4], "strength": 5 }),
        );
    }
    let set = json!({ "id": "self", "title": "generated", "source_framework": "gen",
                      "target_framework": "gen", "rationale": "semantic",
                      "provenance": provenance(), "mappings": rows })
    .to_string();
    let size = catalog.len() + set.len();
    let library = Library::builder()
        .without_builtin()
        .catalog_str(catalog, "gen.json")
        .mappings_str(set, "self.json")
        .build()
        .unwrap();
    let have: Vec<Holding> = (0..10)
        .map(|i| Holding::Control(format!("gen:C{i}").parse().unwrap()))
        .collect();
    let target = "gen".parse().unwrap();
    (
        size,
        Box::new(move || {
            library
                .crosswalk()
                .coverage(black_box(&have), &target, 3)
                .unwrap()
                .rows
                .len()
        }),
    )
}

/// A catalog of n empty roots and 10 chains of n/56 assessable nodes, held against HIPAA
/// (once 12.7 s at 14,000 roots: held scope and "not assessed" were quadratic).
fn held_scope(n: usize) -> Made {
    let mut nodes: Vec<Value> = (0..n)
        .map(|i| json!({ "id": format!("R{i}"), "kind": "group", "title": "r" }))
        .collect();
    for chain in 0..10 {
        for depth in 0..(n / 56).max(2) {
            let parent = if depth == 0 {
                format!("R{chain}")
            } else {
                format!("K{chain}-{}", depth - 1)
            };
            nodes.push(
                json!({ "id": format!("K{chain}-{depth}"), "kind": "control",
                               "title": "k", "parent": parent, "assessable": true }),
            );
        }
    }
    let catalog = json!({ "framework": framework("deep"), "nodes": nodes }).to_string();
    let size = catalog.len();
    let library = Library::builder()
        .catalog_str(catalog, "deep.json")
        .build()
        .unwrap();
    let have = [Holding::Framework("deep".parse().unwrap())];
    let target = "hipaa".parse().unwrap();
    (
        size,
        Box::new(move || {
            library
                .crosswalk()
                .coverage(black_box(&have), &target, 2)
                .unwrap()
                .rows
                .len()
        }),
    )
}

/// A HIPAA → SOC 2 mapping set whose `unmapped` list names n unknown controls: refused, with
/// close names for the first few only (once 12.9 s at 7,000).
fn unknown_unmapped(n: usize) -> Made {
    let unmapped: Vec<Value> = (0..n)
        .map(|i| json!({ "control": format!("hipaa:164.9{i}(a)"), "reason": "none" }))
        .collect();
    let set = json!({ "id": "unknown", "title": "generated", "source_framework": "hipaa",
                      "target_framework": "soc2", "rationale": "semantic",
                      "provenance": provenance(),
                      "mappings": [{ "source": "hipaa:164.308(a)(1)(i)", "target": "soc2:CC3.1",
                                     "relationship": "intersects_with", "strength": 5 }],
                      "unmapped": unmapped })
    .to_string();
    (
        set.len(),
        Box::new(move || {
            Library::builder()
                .mappings_str(black_box(set.clone()), "unknown.json")
                .build()
                .map_or_else(|e| e.to_string().len(), |_| 0)
        }),
    )
}

/// One control held n times, through coverage, the report and its text (once 18 MB of text
/// and a title of 90,000 entries at 90,000 repeats).
fn repeated_holdings(n: usize) -> Made {
    let have: Vec<Holding> = (0..n)
        .map(|_| Holding::Control("soc2:CC6.1".parse().unwrap()))
        .collect();
    let target = "hipaa".parse().unwrap();
    (
        "soc2:CC6.1\n".len() * n,
        Box::new(move || {
            let library = ctrlmap::builtin();
            let coverage = library
                .crosswalk()
                .coverage(black_box(&have), &target, 2)
                .unwrap();
            let r = ReadinessReport::new(library, coverage, &ReportContext::new());
            report::to_text(&r, 80).len()
        }),
    )
}

/// A mapping set of n duplicate rows and then n distinct ones (once 19.7 s at 40,000 + 40,000:
/// removal was one `Vec::remove` per duplicate).
fn duplicate_rows(n: usize) -> Made {
    let row = |a: usize, b: usize| {
        json!({ "source": format!("gen:C{a}"), "target": format!("gen:C{b}"),
                "relationship": "intersects_with", "strength": 5 })
    };
    let rows: Vec<Value> = (0..n)
        .map(|_| row(0, 1))
        .chain((0..n).map(|i| row(i % 1000, 1000 + i)))
        .collect();
    let set = json!({ "id": "dups", "title": "generated", "source_framework": "gen",
                      "target_framework": "gen", "rationale": "semantic",
                      "provenance": provenance(), "mappings": rows })
    .to_string();
    (
        set.len(),
        Box::new(move || {
            MappingSet::from_json_str(black_box(&set))
                .unwrap()
                .mappings()
                .len()
        }),
    )
}

/// A catalog of 10n nodes and n one-node extensions of it (once 5.8 s at 1,000 extensions:
/// each cloned and rebuilt the catalog).
fn extensions(n: usize) -> Made {
    let catalog = flat_catalog(10 * n);
    let extensions: Vec<String> = (0..n)
        .map(|i| {
            json!({ "framework": "gen", "nodes": [{ "id": format!("X{i}"), "kind": "control",
                                                    "title": "x", "parent": format!("C{i}") }] })
            .to_string()
        })
        .collect();
    let size = catalog.len() + extensions.iter().map(String::len).sum::<usize>();
    (
        size,
        Box::new(move || {
            let mut builder = Library::builder()
                .without_builtin()
                .catalog_str(black_box(catalog.clone()), "gen.json");
            for (i, e) in extensions.iter().enumerate() {
                builder = builder.extension_str(e.clone(), format!("x{i}.json"));
            }
            builder.build().unwrap().catalogs().count()
        }),
    )
}

/// A report over a catalog whose requirements carry n/50 words each, as text at the widest
/// width (`COLUMNS` was unbounded; wrapping is linear at any width).
fn wide_text(n: usize) -> Made {
    let text = "word ".repeat(n / 50);
    let nodes: Vec<Value> = (0..50)
        .map(|i| {
            json!({ "id": format!("C{i}"), "kind": "control", "title": "c",
                         "text": text, "assessable": true })
        })
        .collect();
    let catalog = json!({ "framework": framework("gen"), "nodes": nodes }).to_string();
    let size = catalog.len();
    let library = Library::builder()
        .without_builtin()
        .catalog_str(catalog, "gen.json")
        .build()
        .unwrap();
    let target = "gen".parse().unwrap();
    let coverage = library
        .crosswalk()
        .coverage(&[Holding::Control("gen:C0".parse().unwrap())], &target, 2)
        .unwrap();
    let r = ReadinessReport::new(&library, coverage, &ReportContext::new());
    (
        size,
        Box::new(move || report::to_text(black_box(&r), 65_535).len()),
    )
}

const CASES: &[Case] = &[
    Case {
        name: "oscal_map_n_by_n",
        n: 350,
        make: oscal_map,
    },
    Case {
        name: "self_mappings_coverage_3_hops",
        n: 2_500,
        make: self_mappings,
    },
    Case {
        name: "held_scope_empty_roots",
        n: 3_500,
        make: held_scope,
    },
    Case {
        name: "unmapped_unknown_controls",
        n: 1_750,
        make: unknown_unmapped,
    },
    Case {
        name: "repeated_holdings_report",
        n: 22_500,
        make: repeated_holdings,
    },
    Case {
        name: "duplicate_rows",
        n: 10_000,
        make: duplicate_rows,
    },
    Case {
        name: "extensions_one_node_each",
        n: 250,
        make: extensions,
    },
    Case {
        name: "wide_text_widest_width",
        n: 100_000,
        make: wide_text,
    },
];

/// The median of `runs` timings of `run`.
fn median(run: &dyn Fn() -> usize, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(run());
            start.elapsed()
        })
        .collect();
    times.sort();
    times.get(runs / 2).copied().unwrap_or_default()
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let mut table = Vec::new();
    for case in CASES {
        let n = if full { case.n } else { (case.n / 8).max(2) };
        let (small_bytes, small) = (case.make)(n);
        let (large_bytes, large) = (case.make)(4 * n);
        let mut group = c.benchmark_group(format!("growth/{}", case.name));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| b.iter(&small));
        group.bench_with_input(BenchmarkId::from_parameter(4 * n), &n, |b, _| {
            b.iter(&large)
        });
        group.finish();
        let runs = if full { 5 } else { 1 };
        let (t1, t4) = (median(&small, runs), median(&large, runs));
        table.push((case.name, n, small_bytes, large_bytes, t1, t4));
    }
    c.final_summary();
    eprintln!(
        "\n{:<30} {:>7} {:>9} {:>11} {:>11} {:>7}",
        "growth (n to 4n)", "n", "4n bytes", "time n", "time 4n", "x"
    );
    for (name, n, _small_bytes, large_bytes, t1, t4) in table {
        let growth = t4.as_secs_f64() / t1.as_secs_f64().max(1e-9);
        eprintln!(
            "{name:<30} {n:>7} {large_bytes:>9} {:>9.2}ms {:>9.2}ms {growth:>7.1}",
            t1.as_secs_f64() * 1e3,
            t4.as_secs_f64() * 1e3
        );
    }
    eprintln!(
        "peak RSS of the bench process: {:.0} MiB",
        support::peak_rss_mib().unwrap_or(f64::NAN)
    );
}
