use ctrlmap_coso::{Component, Principle};

#[test]
fn principles_parse_loosely_and_print_canonically() {
    for (input, p) in [
        ("P1", Principle::P1),
        ("p10", Principle::P10),
        ("17", Principle::P17),
        (" P6 ", Principle::P6),
    ] {
        assert_eq!(input.parse::<Principle>().unwrap(), p);
    }
    assert_eq!(Principle::P12.to_string(), "P12");
}

#[test]
fn bad_principles_name_the_closest() {
    let err = "P18".parse::<Principle>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown COSO principle \"P18\" (did you mean P1?)"
    );
    for bad in ["P0", "P", "", "P+1", "P1.0", "Principle 1", "PP1"] {
        assert!(bad.parse::<Principle>().is_err(), "{bad:?} parsed");
    }
}

#[test]
fn components_parse_by_id_or_name() {
    assert_eq!(
        "ce".parse::<Component>().unwrap(),
        Component::ControlEnvironment
    );
    assert_eq!(
        "Monitoring Activities".parse::<Component>().unwrap(),
        Component::MonitoringActivities
    );
    let err = "CX".parse::<Component>().unwrap_err();
    assert_eq!(err.suggestion(), Some("CE"));
    assert_eq!(Component::InformationAndCommunication.to_string(), "IC");
}

#[test]
fn every_principle_is_in_exactly_its_component() {
    for &p in Principle::ALL {
        let owners: Vec<Component> = Component::ALL
            .iter()
            .copied()
            .filter(|c| c.principles().contains(&p))
            .collect();
        assert_eq!(owners, [p.component()], "{p}");
    }
    assert_eq!(
        Component::ALL
            .iter()
            .map(|c| c.principles().len())
            .sum::<usize>(),
        17
    );
}
