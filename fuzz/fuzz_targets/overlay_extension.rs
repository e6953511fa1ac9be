//! Text overlays and catalog extensions against a built-in catalog: applied whole or not at
//! all.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(overlay) = ctrlmap::TextOverlay::from_json_str(text) {
        let mut coso = ctrlmap::coso::catalog().clone();
        if coso.apply_overlay(&overlay).is_err() {
            assert_eq!(&coso, ctrlmap::coso::catalog());
        }
    }
    if let Ok(ext) = ctrlmap::CatalogExtension::from_json_str(text) {
        let mut hitrust = ctrlmap::hitrust::catalog().clone();
        if hitrust.extend(&ext).is_err() {
            assert_eq!(&hitrust, ctrlmap::hitrust::catalog());
        }
    }
});
