use std::collections::BTreeSet;

use ctrlmap_hipaa::baa::{Provision, Rule, missing_provisions};
use ctrlmap_hipaa::entity::{
    Applicability, CoveredEntityKind, Designation, EntityKind, Organization, Subpart,
};
use ctrlmap_hipaa::{
    AddressableDecision, AddressableDecisions, Citation, DecisionError, Rationale,
};

#[test]
fn addressable_decisions_need_rationales_and_addressable_specs() {
    let mut d = AddressableDecisions::new();
    let logoff: Citation = "164.312(a)(2)(iii)".parse().unwrap();
    d.decide(
        logoff.clone(),
        AddressableDecision::NotReasonableAndAppropriate {
            rationale: Rationale::new("Kiosk mode").unwrap(),
        },
    )
    .unwrap();
    assert!(matches!(
        d.get(&logoff),
        Some(AddressableDecision::NotReasonableAndAppropriate { .. })
    ));
    let required: Citation = "164.308(a)(1)(ii)(A)".parse().unwrap();
    assert_eq!(
        d.decide(required.clone(), AddressableDecision::Implemented)
            .unwrap_err(),
        DecisionError::Required(required)
    );
    let standard: Citation = "164.312(a)(1)".parse().unwrap();
    assert!(matches!(
        d.decide(standard, AddressableDecision::Implemented),
        Err(DecisionError::NotASpecification(_))
    ));
    assert_eq!(d.undecided().count(), 21);

    let json = serde_json::to_string(&d).unwrap();
    assert_eq!(
        json,
        r#"{"164.312(a)(2)(iii)":{"decision":"not_reasonable_and_appropriate","rationale":"Kiosk mode"}}"#
    );
    assert_eq!(
        serde_json::from_str::<AddressableDecisions>(&json).unwrap(),
        d
    );
    for bad in [
        r#"{"164.312(a)(2)(iii)":{"decision":"not_reasonable_and_appropriate","rationale":" "}}"#,
        r#"{"164.312(a)(2)(iii)":{"decision":"not_reasonable_and_appropriate"}}"#,
        r#"{"164.312(a)(2)(i)":{"decision":"implemented"}}"#,
        r#"{"164.312(a)(2)(iii)":{"decision":"alternative_implemented","rationale":"why"}}"#,
    ] {
        assert!(
            serde_json::from_str::<AddressableDecisions>(bad).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn who_the_rules_bind() {
    let plan = EntityKind::CoveredEntity {
        of: CoveredEntityKind::HealthPlan,
    };
    for subpart in [
        Subpart::Security,
        Subpart::BreachNotification,
        Subpart::Privacy,
    ] {
        assert!(matches!(
            plan.applicability(subpart),
            Applicability::Applies { .. }
        ));
    }
    let sub = EntityKind::BusinessAssociate {
        subcontractor: true,
    };
    assert!(matches!(
        sub.applicability(Subpart::Security),
        Applicability::Applies {
            citation: "164.302"
        }
    ));
    assert!(matches!(
        sub.applicability(Subpart::Privacy),
        Applicability::AppliesInPart {
            citation: "164.500(c)",
            ..
        }
    ));
    for subpart in [
        Subpart::Security,
        Subpart::BreachNotification,
        Subpart::Privacy,
    ] {
        let citation = sub.applicability(subpart).citation();
        assert!(citation.parse::<Citation>().is_ok(), "{citation}");
        assert!(ctrlmap_hipaa::catalog().get(subpart.id()).is_some());
    }
}

#[test]
fn officials() {
    let ba = Organization::new(EntityKind::BusinessAssociate {
        subcontractor: false,
    });
    assert_eq!(ba.missing_designations(), [Designation::SecurityOfficial]);
    let mut ce = Organization::new(EntityKind::CoveredEntity {
        of: CoveredEntityKind::HealthCareClearinghouse,
    });
    ce.privacy_official = Some(" ".into());
    assert_eq!(
        ce.missing_designations(),
        [Designation::SecurityOfficial, Designation::PrivacyOfficial]
    );
    for d in [Designation::SecurityOfficial, Designation::PrivacyOfficial] {
        assert!(
            ctrlmap_hipaa::catalog().get(d.citation()).is_some(),
            "{}",
            d.citation()
        );
    }
}

#[test]
fn baa_checklist() {
    assert_eq!(Provision::ALL.len(), 15);
    assert_eq!(
        Provision::ALL
            .iter()
            .filter(|p| p.rule() == Rule::Security)
            .count(),
        3
    );
    let all = missing_provisions(&BTreeSet::new(), &[Rule::Security, Rule::Privacy]);
    assert_eq!(all.len(), 15);
    let draft: BTreeSet<Provision> = Provision::ALL
        .iter()
        .copied()
        .filter(|p| *p != Provision::ReturnOrDestruction)
        .collect();
    let missing = missing_provisions(&draft, &[Rule::Privacy]);
    assert_eq!(missing, [Provision::ReturnOrDestruction]);
    assert_eq!(missing[0].citation(), "164.504(e)(2)(ii)(J)");
    for p in Provision::ALL {
        assert!(
            ctrlmap_hipaa::catalog().get(p.citation()).is_some(),
            "{}",
            p.citation()
        );
        assert!(!p.description().is_empty(), "{p:?}");
    }
    assert!(
        Provision::SecurityIncidentReporting
            .description()
            .contains("security incident")
    );
}

#[test]
fn requirements_that_do_not_bind_an_entity() {
    let ids = |kind: EntityKind| -> Vec<&'static str> {
        kind.not_applicable().iter().map(|r| r.citation).collect()
    };
    let ba = EntityKind::BusinessAssociate {
        subcontractor: true,
    };
    assert_eq!(
        ids(ba),
        [
            "164.308(a)(4)(ii)(A)",
            "164.314(b)",
            "164.404",
            "164.406",
            "164.408"
        ]
    );
    let provider = EntityKind::CoveredEntity {
        of: CoveredEntityKind::HealthCareProvider,
    };
    // Business associate contracts with subcontractors bind business associates only.
    assert_eq!(
        ids(provider),
        [
            "164.308(a)(4)(ii)(A)",
            "164.314(b)",
            "164.314(a)(2)(iii)",
            "164.410"
        ]
    );
    let plan = EntityKind::CoveredEntity {
        of: CoveredEntityKind::GroupHealthPlan,
    };
    assert_eq!(
        ids(plan),
        ["164.308(a)(4)(ii)(A)", "164.314(a)(2)(iii)", "164.410"]
    );
    let clearinghouse = EntityKind::CoveredEntity {
        of: CoveredEntityKind::HealthCareClearinghouse,
    };
    assert_eq!(
        ids(clearinghouse),
        ["164.314(b)", "164.314(a)(2)(iii)", "164.410"]
    );
    // Every rule names a node of the catalog and gives a reason citing the text.
    for kind in [ba, provider, plan, clearinghouse] {
        for rule in kind.not_applicable() {
            assert!(
                ctrlmap_hipaa::catalog().get(rule.citation).is_some(),
                "{}",
                rule.citation
            );
            assert!(rule.reason.starts_with('§'), "{}", rule.reason);
        }
    }
}
