//! The catalog loader: any bytes give a catalog or an error, and a catalog survives a
//! round trip through its own JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(catalog) = ctrlmap::Catalog::from_reader(data, "fuzz") else {
        return;
    };
    let again = ctrlmap::Catalog::from_json_str(&catalog.to_json_pretty()).expect("round trip");
    assert_eq!(again, catalog);
    for node in &catalog {
        let _ = node.ancestors().count() + node.descendants().count();
    }
});
