//! Mapping sets, added to the built-in crosswalk: added whole or not at all, and queries on
//! the result never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(set) = ctrlmap::crosswalk::MappingSet::from_json_str(text) else {
        return;
    };
    let mut cw = ctrlmap::builtin_crosswalk().clone();
    let before = cw.mapping_count();
    match cw.add_mapping_set(&set) {
        Err(_) => assert_eq!(cw.mapping_count(), before),
        Ok(()) => {
            if let Some(row) = set.mappings().first() {
                let _ = cw.infer(&row.source, row.target.framework(), 3);
                let _ = cw.direct(&row.target);
            }
        }
    }
});
