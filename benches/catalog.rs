//! Parsing the built-in catalog, looking ids up, and parsing references.

// Benches report through criterion; unwrap is how they fail loudly on broken data.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ctrlmap::{Catalog, ControlRef};

fn parse(c: &mut Criterion) {
    c.bench_function("parse_builtin_coso_catalog", |b| {
        b.iter(|| Catalog::from_json_str(black_box(ctrlmap::coso::CATALOG_JSON)).unwrap())
    });
    c.bench_function("parse_builtin_hipaa_catalog", |b| {
        b.iter(|| Catalog::from_json_str(black_box(ctrlmap::hipaa::CATALOG_JSON)).unwrap())
    });
    c.bench_function("parse_builtin_hitrust_catalog", |b| {
        b.iter(|| Catalog::from_json_str(black_box(ctrlmap::hitrust::CATALOG_JSON)).unwrap())
    });
    c.bench_function("parse_builtin_soc2_catalog", |b| {
        b.iter(|| Catalog::from_json_str(black_box(ctrlmap::soc2::CATALOG_JSON)).unwrap())
    });
    c.bench_function("parse_builtin_sp800_53_catalog", |b| {
        b.iter(|| Catalog::from_json_str(black_box(ctrlmap::sp800_53::CATALOG_JSON)).unwrap())
    });
    c.bench_function("parse_builtin_csf_catalog", |b| {
        b.iter(|| Catalog::from_json_str(black_box(ctrlmap::csf::CATALOG_JSON)).unwrap())
    });
}

fn soc2(c: &mut Criterion) {
    c.bench_function("parse_soc2_criterion_id", |b| {
        b.iter(|| {
            black_box("cc6.1")
                .parse::<ctrlmap::soc2::CriterionId>()
                .unwrap()
        })
    });
    c.bench_function("soc2_criterion_lookup_and_points_of_focus", |b| {
        let id: ctrlmap::soc2::CriterionId = "CC6.1".parse().unwrap();
        b.iter(|| {
            ctrlmap::soc2::Criterion::get(black_box(id))
                .unwrap()
                .points_of_focus()
                .count()
        })
    });
    c.bench_function("soc2_criteria_in_scope_all", |b| {
        let scope = ctrlmap::soc2::Scope::all();
        b.iter(|| ctrlmap::soc2::criteria_in_scope(black_box(&scope)).count())
    });
}

fn lookup(c: &mut Criterion) {
    let catalog = ctrlmap::coso::catalog();
    let ids: Vec<String> = catalog.iter().map(|n| n.id.to_string()).collect();
    c.bench_function("lookup_every_coso_id", |b| {
        b.iter(|| {
            for id in &ids {
                black_box(catalog.get(black_box(id)));
            }
        })
    });
    c.bench_function("lookup_one_id", |b| {
        b.iter(|| black_box(catalog.get(black_box("P6-POF15"))))
    });
    c.bench_function("parse_and_resolve_control_ref", |b| {
        b.iter(|| {
            let r: ControlRef = black_box("coso:P13-POF5").parse().unwrap();
            black_box(ctrlmap::resolve(&r).is_some())
        })
    });
    c.bench_function("walk_descendants_of_every_root", |b| {
        b.iter(|| {
            catalog
                .roots()
                .map(|r| r.descendants().count())
                .sum::<usize>()
        })
    });
}

fn hipaa(c: &mut Criterion) {
    c.bench_function("parse_hipaa_citation", |b| {
        b.iter(|| {
            black_box("45 CFR § 164.312(a)(2)(iv)")
                .parse::<ctrlmap::hipaa::Citation>()
                .unwrap()
        })
    });
    c.bench_function("hipaa_spec_lookup_with_requirement", |b| {
        b.iter(|| {
            ctrlmap::hipaa::Citation::from_str_spec(black_box("164.308(a)(1)(ii)(A)"))
                .unwrap()
                .requirement()
        })
    });
}

fn hitrust(c: &mut Criterion) {
    use ctrlmap::hitrust::AssessmentType;
    use ctrlmap::hitrust::scoring::{DomainScore, Rating, Ratings, certify, statement_score};
    c.bench_function("parse_hitrust_control_reference_id", |b| {
        b.iter(|| {
            black_box("09.af")
                .parse::<ctrlmap::hitrust::ControlReferenceId>()
                .unwrap()
        })
    });
    // 2,000 statements in 19 domains, with ratings cycling through the scale.
    let ratings: Vec<Ratings> = (0..2_000usize)
        .map(|i| {
            let r = |k: usize| Rating::ALL[(i + k) % Rating::ALL.len()];
            Ratings::new()
                .policy(r(0))
                .procedure(r(1))
                .implemented(r(2))
                .measured(r(3))
                .managed(r(4))
        })
        .collect();
    c.bench_function("hitrust_score_and_certify_2000_statements", |b| {
        b.iter(|| {
            let scores: Vec<_> = black_box(&ratings)
                .iter()
                .map(|r| statement_score(AssessmentType::R2, r).unwrap())
                .collect();
            let domains = scores
                .chunks(2_000 / 19 + 1)
                .enumerate()
                .filter_map(|(d, chunk)| {
                    Some((d, DomainScore::from_scores(chunk.iter().copied())?))
                });
            certify(AssessmentType::R2, domains).is_certified()
        })
    });
}

criterion_group!(benches, parse, lookup, soc2, hipaa, hitrust);
criterion_main!(benches);
