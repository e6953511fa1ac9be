//! The readiness report: building it and rendering it as text, CSV, Markdown and HTML, for the
//! built-in main job and for a generated target of 100,000 requirements (near-linear
//! rendering, issue #14).
//!
//! Run with `cargo bench --bench report`. Under `cargo test --benches` (no `--bench`
//! argument) the generated target is scaled down so that the test run stays quick.

// Benches report through criterion; unwrap is how they fail loudly on broken data.
#![allow(clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ctrlmap::crosswalk::{CoverageOptions, Holding};
use ctrlmap::report::{self, ReadinessReport, ReportContext};
use ctrlmap::{Catalog, CatalogDocument, FrameworkInfo, Library, Node, NodeKind, TextLicence};

fn main_job(c: &mut Criterion) {
    let library = ctrlmap::builtin();
    let have = [Holding::Control("soc2:security".parse().unwrap())];
    let hipaa = "hipaa".parse().unwrap();
    let coverage = library
        .crosswalk()
        .coverage_with(&have, &hipaa, &CoverageOptions::new())
        .unwrap();
    c.bench_function("report_build_hipaa_from_soc2_security", |b| {
        b.iter(|| {
            ReadinessReport::new(library, black_box(coverage.clone()), &ReportContext::new())
                .gaps
                .len()
        })
    });
    let r = ReadinessReport::new(library, coverage, &ReportContext::new());
    c.bench_function("report_text_80_columns", |b| {
        b.iter(|| report::to_text(black_box(&r), 80).len())
    });
    c.bench_function("report_html", |b| {
        b.iter(|| report::to_html(black_box(&r)).len())
    });
}

/// A library with one framework of `n` assessable controls under `n / 1000` groups.
fn large(n: usize) -> Library {
    let groups = (n / 1000).max(1);
    let mut nodes: Vec<Node> = (0..groups)
        .map(|g| {
            Node::new(
                format!("G{g}").parse().unwrap(),
                NodeKind::Group,
                format!("Group {g}"),
            )
        })
        .collect();
    nodes.extend((0..n).map(|i| {
        Node::new(
            format!("R{i}").parse().unwrap(),
            NodeKind::Requirement,
            format!("Requirement {i}"),
        )
        .with_parent(format!("G{}", i % groups).parse().unwrap())
        .with_assessable(true)
    }));
    let info = FrameworkInfo::new(
        "big".parse().unwrap(),
        "Big",
        "1",
        "bench",
        TextLicence::PublicDomain { notice: None },
    );
    let catalog = Catalog::from_document(CatalogDocument::new(info, nodes), "big").unwrap();
    Library::builder()
        .without_builtin()
        .catalog_str(catalog.to_json_pretty(), "big.json")
        .build()
        .unwrap()
}

fn at_scale(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let n = if full { 100_000 } else { 2_000 };
    let library = large(n);
    let coverage = library
        .crosswalk()
        .coverage(
            &[Holding::Control("big:G0".parse().unwrap())],
            &"big".parse().unwrap(),
            1,
        )
        .unwrap();
    let r = ReadinessReport::new(&library, coverage, &ReportContext::new());
    let mut group = c.benchmark_group("scale");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function(format!("report_html_{n}_rows"), |b| {
        b.iter(|| report::to_html(black_box(&r)).len())
    });
    group.bench_function(format!("report_csv_{n}_rows"), |b| {
        b.iter(|| report::to_csv(black_box(&r)).len())
    });
    group.bench_function(format!("report_text_{n}_rows"), |b| {
        b.iter(|| report::to_text(black_box(&r), 100).len())
    });
    group.finish();
}

criterion_group!(benches, main_job, at_scale);
criterion_main!(benches);
