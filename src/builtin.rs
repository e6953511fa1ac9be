//! The built-in mapping sets and the crosswalk assembled from every built-in catalog and set.

use std::sync::LazyLock;

use ctrlmap_crosswalk::{Crosswalk, MappingSet};

/// The built-in mapping sets as JSON text, in the public mapping-set format: (id, JSON). All
/// of them, whatever the crate features; [`builtin_mapping_sets`] gives those of this build.
pub const MAPPING_SETS_JSON: &[(&str, &str)] = &[
    (
        "soc2-coso",
        include_str!("../data/mappings/soc2-coso.mappings.json"),
    ),
    (
        "hipaa-soc2",
        include_str!("../data/mappings/hipaa-soc2.mappings.json"),
    ),
    (
        "hipaa-elements-soc2",
        include_str!("../data/mappings/hipaa-elements-soc2.mappings.json"),
    ),
    (
        "hitrust-hipaa",
        include_str!("../data/mappings/hitrust-hipaa.mappings.json"),
    ),
    (
        "hitrust-soc2",
        include_str!("../data/mappings/hitrust-soc2.mappings.json"),
    ),
    (
        "hipaa-sp800-53",
        include_str!("../data/mappings/hipaa-sp800-53.mappings.json"),
    ),
    (
        "csf-sp800-53",
        include_str!("../data/mappings/csf-sp800-53.mappings.json"),
    ),
];

static MAPPING_SETS: LazyLock<Vec<MappingSet>> = LazyLock::new(|| {
    MAPPING_SETS_JSON
        .iter()
        .map(|(id, json)| {
            // The embedded files are validated by the facade's tests
            // (`builtin_mapping_sets_load`); no user input reaches this parse.
            #[allow(clippy::expect_used)]
            MappingSet::from_json_str_with_origin(json, &format!("built-in {id}"))
                .expect("the built-in mapping sets are valid")
        })
        .collect()
});

/// Parses the built-in data on two threads at once (the two NIST catalogs, the largest, on a
/// helper; the mapping sets and the other catalogs here), so that the library a process
/// builds first is ready in about half the time. Without a helper thread (none can be
/// spawned), everything is parsed here, in turn.
pub(crate) fn preload() {
    std::thread::scope(|scope| {
        let helper = std::thread::Builder::new()
            .name("ctrlmap-load".to_owned())
            .spawn_scoped(scope, || {
                #[cfg(feature = "sp800-53")]
                ctrlmap_sp800_53::catalog();
                #[cfg(feature = "csf")]
                ctrlmap_csf::catalog();
            });
        LazyLock::force(&MAPPING_SETS);
        for catalog in crate::builtin_catalogs() {
            std::hint::black_box(catalog);
        }
        // A helper that could not start, or failed, leaves its catalogs to be parsed on
        // first use, as without one.
        if let Ok(helper) = helper {
            let _ = helper.join();
        }
    });
}

/// Every built-in mapping set between frameworks this build has (its crate features), parsed
/// on first use, in a stable order. Like [`builtin_catalogs`](crate::builtin_catalogs), it
/// follows the features: without `hitrust`, the HITRUST sets are left out.
///
/// ```
/// let ids: Vec<&str> = ctrlmap::builtin_mapping_sets().map(|s| s.id().as_str()).collect();
/// assert_eq!(
///     ids,
///     [
///         "soc2-coso", "hipaa-soc2", "hipaa-elements-soc2", "hitrust-hipaa", "hitrust-soc2",
///         "hipaa-sp800-53", "csf-sp800-53",
///     ]
/// );
/// ```
pub fn builtin_mapping_sets() -> impl Iterator<Item = &'static MappingSet> {
    MAPPING_SETS.iter().filter(|set| {
        crate::builtin_catalog(set.source_framework()).is_some()
            && crate::builtin_catalog(set.target_framework()).is_some()
    })
}

/// The crosswalk of every built-in catalog of this build and every built-in mapping set
/// between them, assembled once on first use.
///
/// ```
/// let cw = ctrlmap::builtin_crosswalk();
/// let r: ctrlmap::ControlRef = "hipaa:164.312(a)(2)(iv)".parse()?;
/// let soc2 = cw.direct(&r)?;
/// assert!(soc2.iter().any(|m| m.to.to_string() == "soc2:CC6.1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn builtin_crosswalk() -> &'static Crosswalk {
    crate::builtin().crosswalk()
}
