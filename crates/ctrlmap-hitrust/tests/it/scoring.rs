use ctrlmap_hitrust::scoring::{
    DomainScore, MaturityLevel, MissingRating, Rating, Ratings, Score, certify, statement_score,
    statements_below,
};
use ctrlmap_hitrust::{AssessmentType, StatementCount};
use proptest::prelude::*;

fn hundredths(h: u16) -> Score {
    Score::from_hundredths(h).unwrap()
}

fn domain(scores: &[u16]) -> DomainScore {
    DomainScore::from_scores(scores.iter().map(|&h| hundredths(h))).unwrap()
}

#[test]
fn full_policy_procedure_implemented_scores_75() {
    let r = Ratings::new()
        .policy(Rating::FullyCompliant)
        .procedure(Rating::FullyCompliant)
        .implemented(Rating::FullyCompliant)
        .measured(Rating::NonCompliant)
        .managed(Rating::NonCompliant);
    assert_eq!(
        statement_score(AssessmentType::R2, &r).unwrap(),
        Score::from_points(75).unwrap()
    );
    // Unrated Measured and Managed (optional in v11) score the same.
    let r = Ratings::new()
        .policy(Rating::FullyCompliant)
        .procedure(Rating::FullyCompliant)
        .implemented(Rating::FullyCompliant);
    assert_eq!(
        statement_score(AssessmentType::R2, &r).unwrap().to_string(),
        "75"
    );
}

#[test]
fn hand_computed_r2_statements() {
    // 15×75% + 20×50% + 40×75% + 10×25% + 15×0% = 11.25 + 10 + 30 + 2.5 + 0 = 53.75
    let r = Ratings::new()
        .policy(Rating::MostlyCompliant)
        .procedure(Rating::PartiallyCompliant)
        .implemented(Rating::MostlyCompliant)
        .measured(Rating::SomewhatCompliant)
        .managed(Rating::NonCompliant);
    assert_eq!(
        statement_score(AssessmentType::R2, &r).unwrap().to_string(),
        "53.75"
    );
    let all = Ratings::new()
        .policy(Rating::FullyCompliant)
        .procedure(Rating::FullyCompliant)
        .implemented(Rating::FullyCompliant)
        .measured(Rating::FullyCompliant)
        .managed(Rating::FullyCompliant);
    assert_eq!(
        statement_score(AssessmentType::R2, &all).unwrap(),
        Score::MAX
    );
    assert_eq!(
        MaturityLevel::ALL
            .iter()
            .map(|l| l.weight_percent())
            .sum::<u16>(),
        100
    );
}

#[test]
fn e1_and_i1_score_implemented_only() {
    let r = Ratings::new()
        .implemented(Rating::MostlyCompliant)
        .policy(Rating::NonCompliant);
    assert_eq!(
        statement_score(AssessmentType::I1, &r).unwrap().to_string(),
        "75"
    );
    assert_eq!(
        statement_score(AssessmentType::E1, &r).unwrap().to_string(),
        "75"
    );
    assert_eq!(
        statement_score(
            AssessmentType::I1,
            &Ratings::new().policy(Rating::FullyCompliant)
        ),
        Err(MissingRating {
            assessment: AssessmentType::I1,
            level: MaturityLevel::Implemented
        })
    );
    assert_eq!(
        statement_score(
            AssessmentType::R2,
            &Ratings::new()
                .policy(Rating::FullyCompliant)
                .implemented(Rating::FullyCompliant)
        ),
        Err(MissingRating {
            assessment: AssessmentType::R2,
            level: MaturityLevel::Procedure
        })
    );
}

#[test]
fn thresholds_are_exact() {
    assert!(certify(AssessmentType::R2, [("d", domain(&[6200]))]).is_certified());
    assert!(!certify(AssessmentType::R2, [("d", domain(&[6199]))]).is_certified());
    // Averages: (62.00 + 61.98) / 2 = 61.99 fails; (61.99 + 62.01) / 2 = 62 passes.
    assert!(!certify(AssessmentType::R2, [("d", domain(&[6200, 6198]))]).is_certified());
    assert!(certify(AssessmentType::R2, [("d", domain(&[6199, 6201]))]).is_certified());
    // A third of a hundredth below: (6200 + 6200 + 6199) / 3 = 61.9966…
    let d = domain(&[6200, 6200, 6199]);
    assert!(!d.at_least(Score::from_points(62).unwrap()));
    assert_eq!(d.average().to_string(), "61.99");
    assert!(certify(AssessmentType::I1, [("d", domain(&[8300]))]).is_certified());
    assert!(!certify(AssessmentType::I1, [("d", domain(&[8299]))]).is_certified());
    assert!(certify(AssessmentType::E1, [("d", domain(&[7500, 9100]))]).is_certified());
    assert!(!certify::<&str>(AssessmentType::E1, []).is_certified());
}

#[test]
fn certification_lists_failing_domains() {
    let c = certify(
        AssessmentType::R2,
        [
            ("Endpoint Protection", domain(&[7500])),
            ("Transmission Protection", domain(&[5000])),
            ("Incident Management", domain(&[6100])),
        ],
    );
    assert!(!c.is_certified());
    assert_eq!(
        c.failing().copied().collect::<Vec<_>>(),
        ["Transmission Protection", "Incident Management"]
    );
    assert_eq!(c.threshold.to_string(), "62");
}

#[test]
fn assessment_types() {
    use AssessmentType::*;
    assert_eq!([E1, I1, R2].map(|a| a.validity_years()), [1, 1, 2]);
    assert_eq!(
        [E1, I1, R2].map(|a| a.interim_assessment_required()),
        [false, false, true]
    );
    assert_eq!(
        [E1, I1, R2].map(|a| a.certification_threshold().to_string()),
        ["83", "83", "62"]
    );
    assert_eq!(E1.scored_levels(), [MaturityLevel::Implemented]);
    assert_eq!(R2.scored_levels().len(), 5);
    assert!(matches!(
        E1.requirement_statements(),
        StatementCount::Fixed { count: 44, .. }
    ));
    assert!(matches!(
        I1.requirement_statements(),
        StatementCount::ForCsfVersion {
            count: 182,
            csf_version: "11.0",
            ..
        }
    ));
    assert!(matches!(
        R2.requirement_statements(),
        StatementCount::Tailored
    ));
    assert_eq!(
        R2.cap_threshold().map(|(s, _)| s.to_string()),
        Some("71".to_owned())
    );
    assert_eq!(I1.cap_threshold(), None);
    let below = statements_below(
        [
            ("a", hundredths(7000)),
            ("b", hundredths(7100)),
            ("c", hundredths(0)),
        ],
        R2.cap_threshold().unwrap().0,
    );
    assert_eq!(below, ["a", "c"]);
}

fn any_rating() -> impl Strategy<Value = Rating> {
    prop::sample::select(Rating::ALL)
}

proptest! {
    #[test]
    fn r2_scores_are_the_weighted_sum(p in any_rating(), pr in any_rating(), i in any_rating(), m in any_rating(), ma in any_rating()) {
        let r = Ratings::new().policy(p).procedure(pr).implemented(i).measured(m).managed(ma);
        let score = statement_score(AssessmentType::R2, &r).unwrap();
        let expected = 15 * p.percent() + 20 * pr.percent() + 40 * i.percent() + 10 * m.percent() + 15 * ma.percent();
        prop_assert_eq!(score.hundredths(), expected);
        prop_assert!(score <= Score::MAX);
    }

    #[test]
    fn domain_threshold_agrees_with_exact_rationals(scores in prop::collection::vec(0u16..=10_000, 1..40), t in 0u16..=10_000) {
        let d = DomainScore::from_scores(scores.iter().map(|&h| hundredths(h))).unwrap();
        let sum: u64 = scores.iter().map(|&h| u64::from(h)).sum();
        prop_assert_eq!(d.at_least(hundredths(t)), sum >= u64::from(t) * scores.len() as u64);
        prop_assert!(d.average().hundredths() as u64 * scores.len() as u64 <= sum);
    }
}
