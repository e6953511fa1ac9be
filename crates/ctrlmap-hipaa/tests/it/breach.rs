use ctrlmap_hipaa::breach::{
    Affected, Determination, Exclusion, Factor, Recipient, RiskAssessment,
    business_associate_deadline, notification_deadlines,
};
use ctrlmap_hipaa::{Citation, catalog};
use jiff::civil::{Date, date};

fn due(
    plan: &[ctrlmap_hipaa::breach::Obligation],
    recipient: &Recipient,
) -> Option<(Date, &'static str)> {
    plan.iter()
        .find(|o| &o.recipient == recipient)
        .map(|o| (o.due, o.citation))
}

#[test]
fn individuals_within_60_days() {
    let plan = notification_deadlines(date(2025, 1, 10), &Affected::new(3));
    assert_eq!(
        due(&plan, &Recipient::Individuals),
        Some((date(2025, 3, 11), "164.404(b)"))
    );
}

#[test]
fn media_only_above_500_residents_of_a_state() {
    let affected = Affected::new(1600)
        .with_state("TX", 501)
        .with_state("OK", 500)
        .with_state("NM", 599);
    let plan = notification_deadlines(date(2025, 6, 1), &affected);
    let media: Vec<String> = plan
        .iter()
        .filter(|o| matches!(o.recipient, Recipient::Media { .. }))
        .map(|o| o.recipient.to_string())
        .collect();
    assert_eq!(media, ["media in NM", "media in TX"]);
    assert_eq!(
        due(&plan, &Recipient::Media { state: "TX".into() }),
        Some((date(2025, 7, 31), "164.406(b)"))
    );
}

#[test]
fn secretary_with_individuals_at_500_or_more() {
    let plan = notification_deadlines(date(2025, 6, 1), &Affected::new(500));
    assert_eq!(
        due(&plan, &Recipient::Secretary),
        Some((date(2025, 7, 31), "164.408(b)"))
    );
}

#[test]
fn secretary_after_year_end_below_500_including_the_edges() {
    let secretary = |d| {
        due(
            &notification_deadlines(d, &Affected::new(499)),
            &Recipient::Secretary,
        )
        .unwrap()
    };
    assert_eq!(
        secretary(date(2025, 6, 1)),
        (date(2026, 3, 1), "164.408(c)")
    );
    // Discovered on the last day of the year: due 60 days after that same year's end.
    assert_eq!(secretary(date(2024, 12, 31)).0, date(2025, 3, 1));
    // A leap year after the year's end: 60 days after 31 December 2023 is 29 February 2024.
    assert_eq!(secretary(date(2023, 12, 31)).0, date(2024, 2, 29));
    // Discovered on the first day of a year: due after the end of that year, not the last.
    assert_eq!(secretary(date(2025, 1, 1)).0, date(2026, 3, 1));
}

#[test]
fn business_associate_to_covered_entity_within_60_days() {
    let o = business_associate_deadline(date(2025, 12, 20));
    assert_eq!(
        (o.recipient, o.due, o.citation),
        (Recipient::CoveredEntity, date(2026, 2, 18), "164.410(b)")
    );
}

#[test]
fn deadlines_cite_paragraphs_that_exist() {
    let plan = notification_deadlines(date(2025, 1, 1), &Affected::new(900).with_state("WA", 900));
    for o in plan
        .iter()
        .chain([&business_associate_deadline(date(2025, 1, 1))])
    {
        assert!(o.citation.parse::<Citation>().is_ok(), "{}", o.citation);
    }
    for f in Factor::ALL {
        assert!(catalog().get(f.citation()).is_some(), "{}", f.citation());
    }
    for e in [
        Exclusion::UnintentionalWorkforceAccess,
        Exclusion::InadvertentInternalDisclosure,
        Exclusion::RecipientCouldNotRetain,
    ] {
        assert!(catalog().get(e.citation()).is_some(), "{}", e.citation());
    }
}

#[test]
fn a_breach_is_presumed_unless_every_factor_shows_low_probability() {
    let mut ra = RiskAssessment::new();
    assert_eq!(
        ra.determine(None),
        Determination::PresumedBreach {
            open_factors: Factor::ALL.to_vec()
        }
    );
    for &f in Factor::ALL {
        ra.find(f, true, "documented analysis");
    }
    assert_eq!(
        ra.determine(None),
        Determination::LowProbabilityOfCompromise
    );
    assert!(!ra.determine(None).is_breach());
    ra.find(Factor::Mitigation, true, "  ");
    assert_eq!(
        ra.determine(None),
        Determination::PresumedBreach {
            open_factors: vec![Factor::Mitigation]
        }
    );
    assert_eq!(
        ra.determine(Some(Exclusion::RecipientCouldNotRetain)),
        Determination::Excluded(Exclusion::RecipientCouldNotRetain)
    );
}
