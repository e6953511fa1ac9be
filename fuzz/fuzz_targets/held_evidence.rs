//! What a user holds and what they say does not apply: the input as a SOC 2 engagement file,
//! a HITRUST assessment file, a not-applicable file and a file of addressable decisions;
//! the holdings and entries that parse (a Required HIPAA requirement refused, as the CLI
//! does) run through coverage of HIPAA with the built-in data.
#![no_main]

use ctrlmap::crosswalk::{Applicability, CoverageOptions, Holding};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let library = ctrlmap::builtin();
    let Ok(hipaa) = "hipaa".parse::<ctrlmap::FrameworkId>() else {
        return;
    };
    let mut holdings = vec![Holding::Framework(ctrlmap::soc2::FRAMEWORK_ID.clone())];
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
    let mut options = CoverageOptions::new();
    if let Ok(file) = Applicability::from_json_str(text) {
        if ctrlmap::hipaa_refused_not_applicable(file.entries(), None).is_empty() {
            options = options.with_not_applicable(file.into_entries());
        }
    }
    if let Ok(decisions) =
        ctrlmap::load::from_str::<ctrlmap::hipaa::AddressableDecisions>(text, "fuzz")
    {
        options = options.with_not_applicable(ctrlmap::addressable_not_applicable(&decisions));
    }
    let _ = library
        .crosswalk()
        .coverage_with(&holdings, &hipaa, &options);
});
