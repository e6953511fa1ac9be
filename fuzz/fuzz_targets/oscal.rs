//! OSCAL import of catalogs and mapping collections: errors, never panics; what imports
//! exports and imports back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = ctrlmap::oscal::detect(text);
    if let Ok(catalog) = ctrlmap::oscal::catalog_from_json(text, "fuzz", None) {
        let json = ctrlmap::oscal::catalog_to_json(&catalog);
        let again = ctrlmap::oscal::catalog_from_json(&json, "fuzz", None).expect("round trip");
        assert_eq!(again, catalog);
    }
    let _ = ctrlmap::oscal::mapping_set_from_json(text, "fuzz", None);
});
