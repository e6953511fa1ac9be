//! A catalog and a mapping set that uses it, from one input split at the first NUL byte: the
//! pair goes through the builder without the built-in data, then coverage and inference run
//! over whatever loaded, with a small path budget.
#![no_main]

use ctrlmap::crosswalk::{CoverageOptions, Holding};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (catalog, mappings) = text.split_once('\0').unwrap_or((text, ""));
    let Ok(library) = ctrlmap::Library::builder()
        .without_builtin()
        .catalog_str(catalog, "fuzz-catalog")
        .mappings_str(mappings, "fuzz-mappings")
        .build()
    else {
        return;
    };
    let cw = library.crosswalk();
    let frameworks: Vec<_> = cw.frameworks().cloned().collect();
    for target in &frameworks {
        for held in &frameworks {
            let options = CoverageOptions::new()
                .with_max_paths(2_000)
                .with_max_hops(6);
            let _ = cw.coverage_with(&[Holding::Framework(held.clone())], target, &options);
        }
    }
    if let Some(first) = library.catalogs().next().and_then(|c| c.iter().next()) {
        for target in &frameworks {
            let _ = cw.infer_bounded(&first.control_ref(), target, 6, 2_000);
        }
    }
});
