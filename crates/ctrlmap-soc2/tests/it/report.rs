use ctrlmap_soc2::{Audience, Engagement, Period, PeriodWarning, ReportKind, ReportType, Scope};
use jiff::civil::date;

#[test]
fn period_lengths() {
    let p = |a, b| Period::new(a, b).unwrap().warning();
    assert_eq!(
        p(date(2025, 1, 1), date(2025, 3, 31)),
        None,
        "exactly three months"
    );
    assert_eq!(
        p(date(2025, 1, 1), date(2025, 3, 30)),
        Some(PeriodWarning::ShorterThanThreeMonths)
    );
    assert_eq!(
        p(date(2025, 1, 1), date(2025, 12, 31)),
        None,
        "exactly twelve months"
    );
    assert_eq!(
        p(date(2025, 1, 1), date(2026, 1, 1)),
        Some(PeriodWarning::LongerThanTwelveMonths)
    );
    assert_eq!(p(date(2024, 7, 1), date(2025, 6, 30)), None);
    // Month ends clamp: 30 November plus three months is 28 February.
    assert_eq!(p(date(2024, 11, 30), date(2025, 2, 27)), None);
    assert_eq!(
        p(date(2024, 11, 30), date(2025, 2, 26)),
        Some(PeriodWarning::ShorterThanThreeMonths)
    );
    assert!(Period::new(date(2025, 2, 1), date(2025, 1, 1)).is_err());
    assert!(Period::new(date(2025, 2, 1), date(2025, 2, 1)).is_err());
}

#[test]
fn engagements_round_trip_and_validate() {
    let e = Engagement::new(
        Scope::security_only(),
        ReportType::TypeII {
            period: Period::new(date(2025, 1, 1), date(2025, 6, 30)).unwrap(),
        },
    );
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(
        json,
        r#"{"scope":["security"],"report":{"type":"type_2","period":{"start":"2025-01-01","end":"2025-06-30"}}}"#
    );
    assert_eq!(serde_json::from_str::<Engagement>(&json).unwrap(), e);
    assert_eq!(e.report.warning(), None);

    let backwards = r#"{"scope":["security"],"report":{"type":"type_2","period":{"start":"2025-06-30","end":"2025-01-01"}}}"#;
    let err = serde_json::from_str::<Engagement>(backwards).unwrap_err();
    assert!(
        err.to_string().contains("must end after it starts"),
        "{err}"
    );
    let type1 =
        r#"{"scope":["security","privacy"],"report":{"type":"type_1","as_of":"2025-06-30"}}"#;
    let e: Engagement = serde_json::from_str(type1).unwrap();
    assert_eq!(
        e.report,
        ReportType::TypeI {
            as_of: date(2025, 6, 30)
        }
    );
    assert!(
        serde_json::from_str::<Engagement>(r#"{"scope":["security"],"report":{"type":"type_3"}}"#)
            .is_err()
    );
}

#[test]
fn the_soc_family() {
    assert_eq!(ReportKind::ALL.len(), 5);
    let restricted: Vec<&str> = ReportKind::ALL
        .iter()
        .filter(|k| k.audience() == Audience::RestrictedUse)
        .map(|k| k.name())
        .collect();
    assert_eq!(restricted, ["SOC 1", "SOC 2"]);
    let typed: Vec<&str> = ReportKind::ALL
        .iter()
        .filter(|k| k.has_type_forms())
        .map(|k| k.as_str())
        .collect();
    assert_eq!(typed, ["soc1", "soc2"]);
    assert!(!ReportKind::Soc1.uses_trust_services_criteria());
    assert!(ReportKind::Soc3.uses_trust_services_criteria());
    assert!(ReportKind::Soc1.subject().contains("financial reporting"));
}
