//! The whole `Library::builder()` path: the input as a catalog, a mapping set, an overlay
//! and an extension at once, with the built-in data.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let built = ctrlmap::Library::builder()
        .catalog_str(text, "fuzz-catalog")
        .mappings_str(text, "fuzz-mappings")
        .overlay_str(text, "fuzz-overlay")
        .extension_str(text, "fuzz-extension")
        .build();
    if let Ok(library) = built {
        let _ = library.search(text.get(..16).unwrap_or(text));
    }
});
