use ctrlmap_soc2::{Category, CriterionId};
use proptest::prelude::*;

#[test]
fn accepts_the_practitioner_forms() {
    for (input, canonical) in [
        ("CC6.1", "CC6.1"),
        ("cc6.1", "CC6.1"),
        ("PI1.3", "PI1.3"),
        ("pi1.3", "PI1.3"),
        ("P4.2", "P4.2"),
        ("A1.2", "A1.2"),
        ("C1.1", "C1.1"),
        (" soc2:CC9.2 ", "CC9.2"),
        ("SOC2:p8.1", "P8.1"),
    ] {
        assert_eq!(
            input.parse::<CriterionId>().unwrap().to_string(),
            canonical,
            "{input:?}"
        );
    }
}

#[test]
fn rejects_with_the_nearest_criterion() {
    for (input, nearest) in [
        ("CC10.1", "CC1.1"),
        ("CC6.9", "CC6.1"),
        ("A2.1", "A1.1"),
        ("P9.1", "P1.1"),
        ("PI1.6", "PI1.1"),
    ] {
        let err = input.parse::<CriterionId>().unwrap_err();
        assert_eq!(
            err.suggestion().map(|s| s.to_string()).as_deref(),
            Some(nearest),
            "{input}"
        );
        assert_eq!(
            err.to_string(),
            format!("unknown SOC 2 criterion \"{input}\" (did you mean {nearest}?)")
        );
    }
    for bad in [
        "", "CC", "6.1", "CC6", "CC6.", "CC6.1.1", "XX6.1", "CC+6.1", "CC06.01x", "CC6.1a",
    ] {
        assert!(bad.parse::<CriterionId>().is_err(), "{bad:?} parsed");
    }
    let err = "hello world".parse::<CriterionId>().unwrap_err();
    assert!(
        err.to_string()
            .starts_with("invalid SOC 2 criterion \"hello world\""),
        "{err}"
    );
}

#[test]
fn categories_parse_by_id_name_or_code() {
    for (input, c) in [
        ("security", Category::Security),
        ("Processing Integrity", Category::ProcessingIntegrity),
        ("processing-integrity", Category::ProcessingIntegrity),
        ("PI", Category::ProcessingIntegrity),
        ("cc", Category::Security),
        ("P", Category::Privacy),
        ("C", Category::Confidentiality),
    ] {
        assert_eq!(input.parse::<Category>().unwrap(), c, "{input}");
    }
    assert_eq!(
        "privacyy".parse::<Category>().unwrap_err().to_string(),
        "unknown Trust Services category \"privacyy\" (did you mean privacy?)"
    );
    assert_eq!(
        serde_json::to_string(&Category::ProcessingIntegrity).unwrap(),
        "\"processing_integrity\""
    );
}

proptest! {
    #[test]
    fn criterion_ids_round_trip(index in 0usize..61) {
        let id = CriterionId::all().nth(index).unwrap();
        prop_assert_eq!(id.to_string().parse::<CriterionId>().unwrap(), id);
        prop_assert_eq!(id.to_string().to_lowercase().parse::<CriterionId>().unwrap(), id);
        let json = serde_json::to_string(&id).unwrap();
        prop_assert_eq!(serde_json::from_str::<CriterionId>(&json).unwrap(), id);
    }

    #[test]
    fn parsing_never_panics_and_accepts_only_the_61(s in "\\PC{0,12}|(CC|cc|A|PI|C|P|p)[0-9]{1,3}\\.[0-9]{1,3}") {
        if let Ok(id) = s.parse::<CriterionId>() {
            prop_assert!(CriterionId::all().any(|c| c == id));
        }
    }
}
