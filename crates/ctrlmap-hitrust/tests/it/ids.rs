use ctrlmap_hitrust::{Category, ControlReferenceId, ObjectiveId};
use proptest::prelude::*;

#[test]
fn parse_and_normalise() {
    for (input, canonical) in [
        ("01.a", "01.a"),
        ("1.a", "01.a"),
        ("01.A", "01.a"),
        ("hitrust:13.u", "13.u"),
        (" 09.af ", "09.af"),
        ("09.AA", "09.aa"),
    ] {
        assert_eq!(
            input.parse::<ControlReferenceId>().unwrap().to_string(),
            canonical,
            "{input}"
        );
    }
    for (input, canonical) in [
        ("01.01", "01.01"),
        ("1.1", "01.01"),
        ("09.10", "09.10"),
        ("hitrust:13.07", "13.07"),
    ] {
        assert_eq!(
            input.parse::<ObjectiveId>().unwrap().to_string(),
            canonical,
            "{input}"
        );
    }
    assert_eq!(
        "13".parse::<Category>().unwrap(),
        Category::PrivacyPractices
    );
    assert_eq!(
        "0".parse::<Category>().unwrap(),
        Category::InformationSecurityManagementProgram
    );
}

#[test]
fn reject_with_the_nearest() {
    for (input, nearest) in [
        ("01.z", Some("01.y")),
        ("00.b", Some("00.a")),
        ("14.a", Some("04.a")),
        ("09.ag", Some("09.af")),
        ("02.j", Some("02.i")),
        ("01.zz", Some("01.y")),
    ] {
        let err = input.parse::<ControlReferenceId>().unwrap_err();
        assert_eq!(err.nearest(), nearest, "{input}");
    }
    for bad in [
        "", "01", "01.", ".a", "001.a", "01.aaa", "01.1", "xx.a", "01.a.b", "-1.a",
    ] {
        assert!(bad.parse::<ControlReferenceId>().is_err(), "{bad:?}");
    }
    for bad in ["01.08", "00.02", "14.01", "01.1.1", "01", "1.100"] {
        assert!(bad.parse::<ObjectiveId>().is_err(), "{bad:?}");
    }
    assert_eq!(
        "01.08".parse::<ObjectiveId>().unwrap_err().to_string(),
        "unknown HITRUST CSF control objective \"01.08\" (did you mean 01.01?)"
    );
    assert!("14".parse::<Category>().is_err());
}

proptest! {
    #[test]
    fn ids_round_trip(i in 0usize..156, j in 0usize..49) {
        let r = ControlReferenceId::all().nth(i).unwrap();
        prop_assert_eq!(r.to_string().parse::<ControlReferenceId>().unwrap(), r);
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(serde_json::from_str::<ControlReferenceId>(&json).unwrap(), r);
        let o = ObjectiveId::all().nth(j).unwrap();
        prop_assert_eq!(o.to_string().parse::<ObjectiveId>().unwrap(), o);
    }

    #[test]
    fn parsing_never_panics(s in "\\PC{0,10}|[0-9]{1,3}\\.[a-zA-Z0-9]{1,3}") {
        if let Ok(r) = s.parse::<ControlReferenceId>() { prop_assert!(r.node().is_some()); }
        if let Ok(o) = s.parse::<ObjectiveId>() { prop_assert!(o.node().is_some()); }
    }
}
