//! Every identifier parser: none may panic, and whatever parses prints back in a form that
//! parses to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(r) = s.parse::<ctrlmap::ControlRef>() {
        assert_eq!(r.to_string().parse::<ctrlmap::ControlRef>().ok(), Some(r));
    }
    let _ = s.parse::<ctrlmap::FrameworkId>();
    let _ = s.parse::<ctrlmap::ControlId>();
    let _ = s.parse::<ctrlmap::PublicationDate>();
    if let Ok(c) = s.parse::<ctrlmap::hipaa::Citation>() {
        assert_eq!(
            c.to_string().parse::<ctrlmap::hipaa::Citation>().ok(),
            Some(c)
        );
    }
    if let Ok(c) = s.parse::<ctrlmap::soc2::CriterionId>() {
        assert_eq!(
            c.to_string().parse::<ctrlmap::soc2::CriterionId>().ok(),
            Some(c)
        );
    }
    let _ = s.parse::<ctrlmap::soc2::Category>();
    let _ = s.parse::<ctrlmap::coso::Principle>();
    let _ = s.parse::<ctrlmap::coso::Component>();
    if let Ok(r) = s.parse::<ctrlmap::hitrust::ControlReferenceId>() {
        assert_eq!(
            r.to_string()
                .parse::<ctrlmap::hitrust::ControlReferenceId>()
                .ok(),
            Some(r)
        );
    }
    let _ = s.parse::<ctrlmap::hitrust::ObjectiveId>();
    let _ = s.parse::<ctrlmap::crosswalk::RelationshipSet>();
    let _ = ctrlmap::suggest::closest(s, ["CC6.1", "164.312(a)(2)(iv)", "01.a"]);
});
