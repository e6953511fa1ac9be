use ctrlmap_hipaa::{Citation, CitationErrorReason, Designator};
use proptest::prelude::*;

#[test]
fn forms_people_write_normalise() {
    for input in [
        "164.312(a)(2)(iv)",
        "§ 164.312(a)(2)(iv)",
        "§164.312(a)(2)(iv)",
        "45 CFR 164.312(a)(2)(iv)",
        "45 CFR § 164.312(a)(2)(iv)",
        "45 C.F.R. § 164.312(a)(2)(iv)",
        "hipaa:164.312(a)(2)(iv)",
        " 164.312 (a)(2)(iv) ",
    ] {
        assert_eq!(
            input.parse::<Citation>().unwrap().to_string(),
            "164.312(a)(2)(iv)",
            "{input:?}"
        );
    }
}

#[test]
fn standards_normalise_to_the_paragraph_that_names_them() {
    for (input, normal) in [
        ("164.308(a)(1)(i)", "164.308(a)(1)"),
        ("164.308(a)(1)", "164.308(a)(1)"),
        ("164.308(b)(1)", "164.308(b)"),
        ("164.310(a)(1)", "164.310(a)"),
        ("164.316(b)(1)(i)", "164.316(b)"),
        ("164.404(a)(1)", "164.404(a)"),
    ] {
        assert_eq!(
            input.parse::<Citation>().unwrap().to_string(),
            normal,
            "{input}"
        );
    }
}

#[test]
fn levels() {
    let c: Citation = "164.308(a)(1)(ii)(A)".parse().unwrap();
    assert_eq!(c.section(), "164.308");
    assert_eq!(
        c.paragraphs(),
        [
            (Designator::LowerLetter, "a"),
            (Designator::Number, "1"),
            (Designator::Roman, "ii"),
            (Designator::UpperLetter, "A")
        ]
    );
    assert_eq!(c.depth(), 4);
    assert_eq!(c.parent().unwrap().to_string(), "164.308(a)(1)(ii)");
    assert_eq!("164.308".parse::<Citation>().unwrap().depth(), 0);
}

#[test]
fn rejects_with_a_reason() {
    for (input, reason) in [
        ("164.312(a)(2)(iv", CitationErrorReason::Malformed),
        ("164.312(a)(2)(iv))", CitationErrorReason::Malformed),
        ("164.312[a]", CitationErrorReason::Malformed),
        ("164.312(aa)", CitationErrorReason::Malformed),
        ("", CitationErrorReason::Malformed),
        ("CC6.1", CitationErrorReason::Malformed),
        ("160.103", CitationErrorReason::NotPart164),
        ("164.999", CitationErrorReason::UnknownSection),
        ("164.509", CitationErrorReason::UnknownSection),
        ("164.312(a)(2)(v)", CitationErrorReason::UnknownParagraph),
        ("164.312(f)", CitationErrorReason::UnknownParagraph),
        ("164.308(a)(9)", CitationErrorReason::UnknownParagraph),
    ] {
        let err = input.parse::<Citation>().unwrap_err();
        assert_eq!(err.reason(), &reason, "{input:?}: {err}");
        assert_eq!(err.input(), input);
    }
    // An unknown paragraph names the paragraph that does exist around it, never a sibling
    // as if it were the same requirement.
    let err = "164.312(a)(3)".parse::<Citation>().unwrap_err();
    assert_eq!(err.within(), Some("164.312(a)"));
    assert_eq!(err.nearest(), None);
    assert_eq!(
        err.to_string(),
        "45 CFR Part 164 has no paragraph \"164.312(a)(3)\" (164.312(a) exists, but has no such paragraph)"
    );
    let err = "164.308(b)(4)".parse::<Citation>().unwrap_err();
    assert_eq!(err.within(), Some("164.308(b)"));
    assert!(!err.to_string().contains("164.308(a)(4)"), "{err}");
    // A typo in a section still gets the nearest citation.
    let err = "164.3122(a)".parse::<Citation>().unwrap_err();
    assert_eq!(err.within(), None);
}

#[test]
fn privacy_rule_paragraphs_need_only_their_section() {
    assert_eq!(
        "164.502(a)(1)(ii)".parse::<Citation>().unwrap().to_string(),
        "164.502(a)(1)(ii)"
    );
    assert!(
        "164.504(e)(2)(ii)(J)"
            .parse::<Citation>()
            .unwrap()
            .node()
            .is_some()
    );
}

#[test]
fn serde_as_string() {
    let c: Citation = serde_json::from_str("\"§ 164.308(a)(1)(i)\"").unwrap();
    assert_eq!(serde_json::to_string(&c).unwrap(), "\"164.308(a)(1)\"");
    assert!(serde_json::from_str::<Citation>("\"164.308(z)\"").is_err());
}

proptest! {
    #[test]
    fn every_catalog_paragraph_round_trips(index in any::<prop::sample::Index>()) {
        let ids: Vec<String> = ctrlmap_hipaa::catalog()
            .iter()
            .map(|n| n.node().id.to_string())
            .filter(|id| id.starts_with("164."))
            .collect();
        let id = index.get(&ids);
        let c: Citation = id.parse().unwrap();
        prop_assert_eq!(c.to_string(), id.clone());
        prop_assert_eq!(format!("45 CFR § {id}").parse::<Citation>().unwrap(), c);
    }

    #[test]
    fn parsing_never_panics(s in "\\PC{0,30}|164\\.[0-9]{3}(\\([a-zA-Z0-9]{1,4}\\)){0,7}") {
        if let Ok(c) = s.parse::<Citation>() {
            prop_assert!(c.to_string().starts_with("164."));
        }
    }
}
