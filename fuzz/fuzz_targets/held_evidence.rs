//! What a user says they hold: the input as a SOC 2 engagement file and as a HITRUST
//! assessment file, and, when either parses, the holding it gives run through coverage of
//! HIPAA with the built-in data.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let library = ctrlmap::builtin();
    let Ok(hipaa) = "hipaa".parse::<ctrlmap::FrameworkId>() else {
        return;
    };
    let mut holdings = Vec::new();
    if let Ok(engagement) = ctrlmap::soc2::Engagement::from_json_str(text) {
        let as_of = ctrlmap::soc2::jiff::civil::date(2026, 12, 4);
        if let Ok(holding) = ctrlmap::soc2_report_holding(&engagement, &hipaa, as_of) {
            holdings.push(holding);
        }
    }
    if let Ok(assessment) = ctrlmap::hitrust::HeldAssessment::from_json_str(text) {
        let as_of = ctrlmap::hitrust::jiff::civil::date(2026, 12, 4);
        if let Ok(holding) = ctrlmap::hitrust_assessment_holding(&assessment, as_of) {
            holdings.push(holding);
        }
    }
    if !holdings.is_empty() {
        let _ = library.crosswalk().coverage(&holdings, &hipaa, 2);
    }
});
