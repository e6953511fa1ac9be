use ctrlmap_core::{ControlId, ControlRef, FrameworkId, IdErrorReason, MappingSetId};
use proptest::prelude::*;

use crate::strategies::{control_id, framework_id};

#[test]
fn framework_ids_accept_the_documented_forms() {
    for ok in [
        "soc2",
        "coso",
        "hipaa",
        "hitrust",
        "nist-800-53",
        "iso27001",
    ] {
        assert_eq!(ok.parse::<FrameworkId>().unwrap().as_str(), ok);
    }
}

#[test]
fn framework_ids_reject_with_the_reason() {
    let cases: [(&str, IdErrorReason); 4] = [
        ("", IdErrorReason::Empty),
        (
            "SOC2",
            IdErrorReason::InvalidChar {
                ch: 'S',
                position: 0,
            },
        ),
        (
            "soc 2",
            IdErrorReason::InvalidChar {
                ch: ' ',
                position: 3,
            },
        ),
        (
            "nist_800",
            IdErrorReason::InvalidChar {
                ch: '_',
                position: 4,
            },
        ),
    ];
    for (input, reason) in cases {
        let err = input.parse::<FrameworkId>().unwrap_err();
        assert_eq!(err.reason(), &reason, "{input:?}");
        assert_eq!(err.input(), input);
    }
    let long = "a".repeat(65);
    assert_eq!(
        long.parse::<FrameworkId>().unwrap_err().reason(),
        &IdErrorReason::TooLong { max: 64 }
    );
}

#[test]
fn control_ids_reject_white_space_and_control_characters() {
    for bad in [
        "",
        "CC 6.1",
        "CC6.1\n",
        "\tP1",
        "P\u{0}1",
        "P\u{200a}1",
        "\u{feff}P1",
        "P\u{85}",
    ] {
        assert!(bad.parse::<ControlId>().is_err(), "{bad:?} parsed");
    }
    for ok in [
        "CC6.1",
        "164.312(a)(2)(iv)",
        "01.a",
        "P6-G1",
        "CC1.1-POF1",
        "ÄÖ.1",
    ] {
        assert!(ok.parse::<ControlId>().is_ok(), "{ok:?} rejected");
    }
}

#[test]
fn control_refs_split_at_the_first_colon() {
    let r: ControlRef = "hipaa:164.312(a)(2)(iv)".parse().unwrap();
    assert_eq!(r.framework(), "hipaa");
    assert_eq!(r.control(), "164.312(a)(2)(iv)");
    let r: ControlRef = "x:a:b".parse().unwrap();
    assert_eq!(r.control(), "a:b");
    assert_eq!(
        "CC6.1".parse::<ControlRef>().unwrap_err().reason(),
        &IdErrorReason::MissingSeparator
    );
    assert_eq!(
        "soc2:".parse::<ControlRef>().unwrap_err().reason(),
        &IdErrorReason::Empty
    );
    assert!(":CC6.1".parse::<ControlRef>().is_err());
    assert!(
        "SOC2:CC6.1"
            .parse::<ControlRef>()
            .unwrap_err()
            .to_string()
            .contains("\"SOC2:CC6.1\"")
    );
}

#[test]
fn ids_serialize_as_plain_strings() {
    let r: ControlRef = "soc2:CC6.1".parse().unwrap();
    assert_eq!(serde_json::to_string(&r).unwrap(), "\"soc2:CC6.1\"");
    let back: ControlRef = serde_json::from_str("\"soc2:CC6.1\"").unwrap();
    assert_eq!(back, r);
    let err = serde_json::from_str::<ControlRef>("\"soc2 CC6.1\"").unwrap_err();
    assert!(
        err.to_string().contains("invalid control reference"),
        "{err}"
    );
}

proptest! {
    #[test]
    fn framework_id_round_trips(id in framework_id()) {
        let text = id.to_string();
        prop_assert_eq!(text.parse::<FrameworkId>().unwrap(), id.clone());
        let json = serde_json::to_string(&id).unwrap();
        prop_assert_eq!(serde_json::from_str::<FrameworkId>(&json).unwrap(), id);
    }

    #[test]
    fn mapping_set_ids_take_the_framework_id_rules(s in "\\PC{0,12}|[a-z0-9-]{1,12}") {
        let as_set = s.parse::<MappingSetId>();
        prop_assert_eq!(as_set.is_ok(), s.parse::<FrameworkId>().is_ok());
        if let Ok(id) = as_set {
            prop_assert_eq!(id.as_str(), s.as_str());
            let json = serde_json::to_string(&id).unwrap();
            prop_assert_eq!(serde_json::from_str::<MappingSetId>(&json).unwrap(), id);
        }
    }

    #[test]
    fn static_framework_ids_equal_parsed_ones(id in framework_id()) {
        let text: &'static str = Box::leak(id.to_string().into_boxed_str());
        let made = FrameworkId::try_from_static(text).unwrap();
        prop_assert_eq!(&made, &id);
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let mut other = std::collections::hash_map::DefaultHasher::new();
        std::hash::Hash::hash(&made, &mut hasher);
        std::hash::Hash::hash(&id, &mut other);
        prop_assert_eq!(std::hash::Hasher::finish(&hasher), std::hash::Hasher::finish(&other));
    }

    #[test]
    fn control_ref_round_trips(fw in framework_id(), id in control_id()) {
        let r = ControlRef::new(fw, id);
        let text = r.to_string();
        prop_assert_eq!(text.parse::<ControlRef>().unwrap(), r.clone());
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(serde_json::from_str::<ControlRef>(&json).unwrap(), r);
    }

    #[test]
    fn parsers_never_panic_and_agree_with_display(s in "\\PC{0,40}|[\\s\\S]{0,10}") {
        // Control ids display in one Unicode form (NFC), so that look-alikes are one id.
        use unicode_normalization::UnicodeNormalization;
        let nfc: String = s.nfc().collect();
        if let Ok(id) = s.parse::<FrameworkId>() { prop_assert_eq!(id.as_str(), s.as_str()); }
        if let Ok(id) = s.parse::<ControlId>() { prop_assert_eq!(id.as_str(), nfc.as_str()); }
        if let Ok(r) = s.parse::<ControlRef>() { prop_assert_eq!(r.to_string(), nfc); }
    }

    #[test]
    fn control_id_rule_matches_the_schema_pattern_class(c in any::<char>()) {
        // The schema's class spells out exactly the characters Rust rejects.
        let excluded = matches!(c,
            '\u{0}'..='\u{20}' | '\u{7f}'..='\u{a0}' | '\u{ad}' | '\u{1680}' | '\u{180e}'
            | '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}' | '\u{205f}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{3000}' | '\u{feff}');
        prop_assert_eq!(c.to_string().parse::<ControlId>().is_err(), excluded);
    }
}

#[test]
fn a_mapping_set_id_error_names_its_kind() {
    let err = "HIPAA to SOC 2".parse::<MappingSetId>().unwrap_err();
    assert_eq!(err.expected(), "mapping set id");
    assert!(
        err.to_string()
            .starts_with("invalid mapping set id \"HIPAA to SOC 2\": character 'H' at position 0"),
        "{err}"
    );
}

#[test]
fn an_invalid_static_framework_id_is_refused_rather_than_making_a_bad_id() {
    let too_long: &'static str = Box::leak("a".repeat(65).into_boxed_str());
    for bad in ["", "SOC2", "soc 2", "soc2:", "é", too_long] {
        assert_eq!(FrameworkId::try_from_static(bad), None, "{bad:?}");
        assert!(bad.parse::<FrameworkId>().is_err(), "{bad:?}");
    }
}

#[test]
fn ids_that_differ_only_by_invisible_characters_are_refused() {
    for (text, bad) in [
        ("CC6.1\u{200b}", '\u{200b}'),
        ("CC\u{00ad}6.1", '\u{ad}'),
        ("CC6.1\u{202e}", '\u{202e}'),
        ("\u{2066}CC6.1", '\u{2066}'),
        ("CC\u{2060}6.1", '\u{2060}'),
    ] {
        let err = text.parse::<ControlId>().unwrap_err();
        assert!(
            err.to_string().contains(&format!("character {bad:?}")),
            "{err}"
        );
    }
}

/// Ids that look the same are the same (#22): one Unicode form, and no mixing of scripts whose
/// letters look alike.
#[test]
fn look_alike_ids_are_one_id_or_refused() {
    let composed: ControlId = "\u{c1}-1".parse().unwrap();
    let decomposed: ControlId = "A\u{301}-1".parse().unwrap();
    assert_eq!(composed, decomposed);
    assert_eq!(decomposed.as_str(), "\u{c1}-1");
    // "АС-1" with Cyrillic А and С beside Latin: refused, with the reason.
    let err = "A\u{421}-1".parse::<ControlId>().unwrap_err().to_string();
    assert!(
        err.contains("it mixes Latin and Cyrillic letters, which can look alike"),
        "{err}"
    );
    // One script throughout is fine, whichever.
    assert!("\u{410}\u{421}-1".parse::<ControlId>().is_ok());
    assert!("ΣΤ-1".parse::<ControlId>().is_ok());
    assert!("管理-1".parse::<ControlId>().is_ok());
}
