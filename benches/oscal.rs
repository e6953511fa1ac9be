//! OSCAL import and export of the full NIST SP 800-53 rev 5.0.1 catalog (1,189 controls and
//! enhancements, 3 MB of OSCAL 1.0.0 JSON).

// Benches report through criterion; unwrap is how they fail loudly on broken data.
#![allow(clippy::unwrap_used, clippy::print_stderr, missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

/// The catalog lives in the repository only (3 MB, left out of the published package): read
/// at run time, and the bench skipped where it is absent.
const NIST_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/oscal/NIST_SP-800-53_rev5.0.1_catalog_oscal1.0.0.json"
);

fn oscal(c: &mut Criterion) {
    let Ok(nist) = std::fs::read_to_string(NIST_PATH) else {
        eprintln!("{NIST_PATH} is not here (a published package leaves it out): skipped");
        return;
    };
    let nist = nist.as_str();
    let mut group = c.benchmark_group("oscal");
    group.sample_size(20);
    group.bench_function("import_nist_800_53_rev5", |b| {
        b.iter(|| {
            ctrlmap::oscal::catalog_from_json(
                black_box(nist),
                "nist",
                Some("nist-800-53".parse().unwrap()),
            )
            .unwrap()
            .len()
        })
    });
    let catalog =
        ctrlmap::oscal::catalog_from_json(nist, "nist", Some("nist-800-53".parse().unwrap()))
            .unwrap();
    group.bench_function("export_nist_800_53_rev5", |b| {
        b.iter(|| ctrlmap::oscal::catalog_to_json(black_box(&catalog)).len())
    });
    group.finish();
}

criterion_group!(benches, oscal);
criterion_main!(benches);
