//! Every report renderer over a catalog made from the input: the outputs must stay
//! well-formed (CSV rows with the header's column count, no control characters in text or
//! Markdown tables, no raw markup in HTML from data, XML without forbidden characters).
#![no_main]

use ctrlmap::crosswalk::Holding;
use ctrlmap::report::{self, ReadinessReport, ReportContext};
use libfuzzer_sys::fuzz_target;

/// The number of fields of one CSV record, or `None` when quoting is unbalanced.
fn csv_fields(record: &str) -> Option<usize> {
    let (mut fields, mut quoted) = (1, false);
    for c in record.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields += 1,
            _ => {}
        }
    }
    (!quoted).then_some(fields)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(library) = ctrlmap::Library::builder()
        .without_builtin()
        .catalog_str(text, "fuzz-catalog")
        .build()
    else {
        return;
    };
    let Some(catalog) = library.catalogs().next() else {
        return;
    };
    let Some(held) = catalog.assessable().next() else {
        return;
    };
    let Ok(coverage) =
        library
            .crosswalk()
            .coverage(&[Holding::Control(held.control_ref())], catalog.id(), 2)
    else {
        return;
    };
    let r = ReadinessReport::new(&library, coverage, &ReportContext::new());

    let plain = report::to_text(&r, 60);
    assert!(plain.lines().all(|l| l.chars().count() <= 60));
    assert!(!plain.chars().any(|c| c.is_control() && c != '\n'));

    let html = report::to_html(&r);
    assert!(!html.contains("<script"));

    let md = report::to_markdown(&r);
    assert!(!md.chars().any(|c| c.is_control() && c != '\n'));

    // CSV: every record has the header's fields (records may span lines inside quotes).
    let csv = report::to_csv(&r);
    let columns = report::CSV_HEADER.split(',').count();
    let mut record = String::new();
    for line in csv.lines() {
        if !record.is_empty() {
            record.push('\n');
        }
        record.push_str(line);
        if let Some(n) = csv_fields(&record) {
            assert_eq!(n, columns, "{record}");
            record.clear();
        }
    }
    assert!(record.is_empty());

    let graphml = library.crosswalk().to_graphml();
    assert!(
        !graphml
            .chars()
            .any(|c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || c == '\u{fffe}'
                || c == '\u{ffff}')
    );
});
