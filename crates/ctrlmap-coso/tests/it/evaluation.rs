use ctrlmap_coso::{
    Component, Deficiency, Evaluation, Finding, Principle, PrincipleAssessment, Severity,
};

#[test]
fn all_present_and_functioning_is_effective() {
    let c = Evaluation::all_present_and_functioning().conclude();
    assert!(c.is_effective());
    assert!(
        c.components()
            .iter()
            .all(|c| c.is_present_and_functioning())
    );
    assert_eq!(c.components().len(), 5);
}

#[test]
fn an_unassessed_principle_blocks_the_conclusion() {
    let mut eval = Evaluation::new();
    for &p in Principle::ALL.iter().filter(|&&p| p != Principle::P9) {
        eval.assess(p, PrincipleAssessment::present_and_functioning());
    }
    eval.set_operating_together(true);
    let c = eval.conclude();
    assert!(!c.is_effective());
    assert_eq!(
        c.findings(),
        [Finding::NotAssessed {
            principle: Principle::P9
        }]
    );
    assert!(
        !c.component(Component::RiskAssessment)
            .is_present_and_functioning()
    );
    assert!(
        c.component(Component::ControlEnvironment)
            .is_present_and_functioning()
    );
}

#[test]
fn not_present_or_not_functioning_fails_the_component() {
    let mut eval = Evaluation::all_present_and_functioning();
    eval.assess(
        Principle::P14,
        PrincipleAssessment::present_not_functioning(),
    );
    eval.assess(Principle::P2, PrincipleAssessment::not_present());
    let c = eval.conclude();
    assert_eq!(
        c.findings(),
        [
            Finding::NotPresent {
                principle: Principle::P2
            },
            Finding::NotFunctioning {
                principle: Principle::P14
            },
        ]
    );
}

#[test]
fn only_major_deficiencies_preclude_present_and_functioning() {
    let mut eval = Evaluation::all_present_and_functioning();
    eval.assess(
        Principle::P10,
        PrincipleAssessment::present_and_functioning()
            .with_deficiency(Deficiency::minor("late reconciliations"))
            .with_deficiency(Deficiency::significant("no segregation in payments")),
    );
    assert!(
        eval.principle(Principle::P10)
            .unwrap()
            .is_present_and_functioning()
    );
    assert!(eval.conclude().is_effective());
    assert_eq!(eval.deficiencies().len(), 2);
    assert_eq!(
        eval.deficiencies()[0].2.severity,
        Severity::SignificantDeficiency
    );

    eval.assess(
        Principle::P10,
        PrincipleAssessment::present_and_functioning().with_deficiency(Deficiency::major("none")),
    );
    let c = eval.conclude();
    assert!(!c.is_effective());
    assert!(
        !c.component(Component::ControlActivities)
            .is_present_and_functioning()
    );
}

#[test]
fn a_component_level_major_deficiency_fails_the_component() {
    let mut eval = Evaluation::all_present_and_functioning();
    eval.add_component_deficiency(
        Component::MonitoringActivities,
        Deficiency::major("several lesser deficiencies together"),
    );
    eval.add_component_deficiency(Component::ControlEnvironment, Deficiency::minor("minor"));
    let c = eval.conclude();
    assert!(!c.is_effective());
    assert_eq!(
        c.component(Component::MonitoringActivities).findings(),
        [Finding::MajorDeficiency {
            component: Component::MonitoringActivities,
            principle: None,
            description: "several lesser deficiencies together".into(),
        }]
    );
    assert!(
        c.component(Component::ControlEnvironment)
            .is_present_and_functioning()
    );
}

#[test]
fn components_must_operate_together() {
    let mut eval = Evaluation::all_present_and_functioning();
    eval.set_operating_together(false);
    assert_eq!(eval.conclude().findings(), [Finding::NotOperatingTogether]);

    let mut eval = Evaluation::new();
    for &p in Principle::ALL {
        eval.assess(p, PrincipleAssessment::present_and_functioning());
    }
    let c = eval.conclude();
    assert!(
        c.components()
            .iter()
            .all(|c| c.is_present_and_functioning())
    );
    assert_eq!(c.findings(), [Finding::OperatingTogetherNotAssessed]);
}

#[test]
fn severities_order_and_name() {
    assert!(Severity::Deficiency < Severity::SignificantDeficiency);
    assert!(Severity::SignificantDeficiency < Severity::MajorDeficiency);
    assert_eq!(Severity::MajorDeficiency.as_str(), "major_deficiency");
    assert_eq!(
        "significant_deficiency".parse::<Severity>().unwrap(),
        Severity::SignificantDeficiency
    );
}
