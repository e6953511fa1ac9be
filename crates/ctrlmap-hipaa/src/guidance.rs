//! What to do next: NIST SP 800-66 Rev. 2's key activities for each Security Rule standard,
//! with their descriptions and sample questions.
//!
//! NIST SP 800-66 Rev. 2, *Implementing the Health Insurance Portability and Accountability
//! Act (HIPAA) Security Rule: A Cybersecurity Resource Guide* (February 2024), is a work of
//! the U.S. Government and in the public domain. ctrlmap ships its key activities,
//! descriptions and sample questions, as NIST exports them from its Cybersecurity and Privacy
//! Reference Tool (CPRT, document `SP800_66_2_0_0`, version 2.0.0), in
//! `data/sp800-66r2-guidance.cprt.json`: the export less its footnotes, read with
//! [`ctrlmap_cprt`]. The export's publication crosswalks name, for each standard, the NIST
//! publications that help carry it out ([`publications`]: SP 800-53 for 14 of the 22
//! standards); they name publications, not controls, so no control-level mapping is taken
//! from them.
//!
//! Two of the export's citations name paragraphs the current CFR numbers otherwise; they are
//! read as [`CITATION_CORRECTIONS`] says.
//!
//! ```
//! use ctrlmap::hipaa::guidance;
//!
//! let risk = guidance::for_requirement("164.308(a)(1)");
//! assert_eq!(risk.len(), 9); // the security management process has nine key activities
//! assert_eq!(risk[0].title, "Identify all ePHI and Relevant Information Systems");
//! // A specification gets the key activities that carry it.
//! let analysis = guidance::for_requirement("164.308(a)(1)(ii)(A)");
//! assert_eq!(analysis[0].title, "Conduct Risk Assessment");
//! ```

use std::sync::LazyLock;

use ctrlmap_cprt::{CprtExport, Element};
use serde::Serialize;

use crate::catalog;

/// The embedded CPRT export of NIST SP 800-66 Rev. 2 (key activities, descriptions, sample
/// questions, standards and implementation specifications).
pub const GUIDANCE_JSON: &str = include_str!("../data/sp800-66r2-guidance.cprt.json");

/// The publication the guidance comes from.
pub const SOURCE: &str =
    "NIST SP 800-66 Rev. 2 (February 2024), CPRT export SP800_66_2_0_0 version 2.0.0";

/// Citations in the SP 800-66r2 export that the current 45 CFR 164 numbers otherwise:
/// (the export's id, the catalog id it is read as, why).
pub const CITATION_CORRECTIONS: [(&str, &str, &str); 2] = [
    (
        "164.308(b)(4)",
        "164.308(b)(3)",
        "The written contract or other arrangement is § 164.308(b)(3) since the 2013 Omnibus Rule; the export (like the cross-reference in § 164.314(a)(2)(iii)) keeps the older (b)(4).",
    ),
    (
        "164.314(a)(3)(i)",
        "164.314(a)(2)(i)",
        "Reporting security incidents to the covered entity is § 164.314(a)(2)(i)(C); § 164.314 has no paragraph (a)(3).",
    ),
];

/// One point of a description or sample question, with its sub-points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Point {
    /// Its text.
    pub text: String,
    /// Its sub-points, in order.
    pub points: Vec<String>,
}

/// A key activity of a Security Rule standard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct KeyActivity {
    /// Its CPRT identifier, such as `KA_164.308(a)(1).2`.
    pub id: String,
    /// Its title, such as "Conduct Risk Analysis".
    pub title: String,
    /// The catalog id of its standard, such as `164.308(a)(1)`.
    pub standard: String,
    /// The catalog ids of the implementation specifications it carries out (an item of a
    /// specification, such as 164.314(b)(2)(i), counts for its specification).
    pub specifications: Vec<String>,
    /// What it involves.
    pub descriptions: Vec<Point>,
    /// Questions to ask of an organization.
    pub sample_questions: Vec<Point>,
}

/// A NIST publication SP 800-66r2 points to for a standard, such as SP 800-53.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Publication {
    /// Its CPRT identifier, such as `PC_164.308(a)(1).4`.
    pub id: String,
    /// The publication, as NIST names it: `SP 800-53`, `FIPS 199`.
    pub title: String,
    /// Where to find it (its DOI).
    pub url: String,
}

// The embedded export, parsed once for the key activities and the publications alike.
static EXPORT: LazyLock<Option<CprtExport>> = LazyLock::new(|| {
    CprtExport::from_json_str_with_origin(GUIDANCE_JSON, "built-in sp800-66r2 guidance").ok()
});

// Checked by this crate's tests (`nist_publications_per_standard`).
static PUBLICATIONS: LazyLock<Vec<(String, Publication)>> = LazyLock::new(|| {
    EXPORT
        .as_ref()
        .map(|export| {
            export
                .of_type("standard")
                .flat_map(|standard| {
                    let id = standard_id(&standard.element_identifier);
                    export
                        .children(&standard.element_identifier)
                        .filter(|e| e.element_type == "pub_crosswalk")
                        .map(move |e| {
                            (
                                id.clone(),
                                Publication {
                                    id: e.element_identifier.clone(),
                                    title: e.title.trim().to_owned(),
                                    url: e.text.trim().to_owned(),
                                },
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
        .map(|mut all| {
            // NIST's order: `PC_<standard>.<n>` by n (the export lists them as text, .10
            // before .2).
            all.sort_by_key(|(standard, p)| {
                let n = p.id.rsplit('.').next().and_then(|n| n.parse::<u32>().ok());
                (standard.clone(), n)
            });
            all
        })
        .unwrap_or_default()
});

/// The catalog id of a standard the export cites (its corrections applied), or the citation.
fn standard_id(citation: &str) -> String {
    let id = CITATION_CORRECTIONS
        .iter()
        .find(|(cprt, _, _)| *cprt == citation)
        .map_or(citation, |(_, ours, _)| ours);
    catalog()
        .find(id)
        .map_or_else(|| id.to_owned(), |n| n.node().id.to_string())
}

/// The NIST publications SP 800-66r2 points to for a standard, by catalog id or any citation
/// of it, in NIST's order; none for anything else.
///
/// ```
/// let pubs = ctrlmap::hipaa::guidance::publications("164.308(a)(1)");
/// assert!(pubs.iter().any(|p| p.title == "SP 800-53"));
/// assert!(ctrlmap::hipaa::guidance::publications("164.308(a)(1)(ii)(A)").is_empty());
/// ```
pub fn publications(citation: &str) -> Vec<&'static Publication> {
    let Some(node) = catalog().find(citation.trim()) else {
        return Vec::new();
    };
    let id = node.node().id.as_str();
    PUBLICATIONS
        .iter()
        .filter(|(standard, _)| standard == id)
        .map(|(_, p)| p)
        .collect()
}

// Parsed once; the embedded export is checked by this crate's tests
// (`guidance_covers_every_standard`), so the empty fallback is never reached in practice.
static GUIDANCE: LazyLock<Vec<KeyActivity>> =
    LazyLock::new(|| EXPORT.as_ref().map(read).unwrap_or_default());

fn read(export: &CprtExport) -> Vec<KeyActivity> {
    let id_of = |e: &Element| {
        let id = e.element_identifier.as_str();
        let id = CITATION_CORRECTIONS
            .iter()
            .find(|(cprt, _, _)| *cprt == id)
            .map_or(id, |(_, ours, _)| ours);
        // An item of a specification (164.314(b)(2)(i)) counts for the specification.
        let node = catalog().find(id)?;
        std::iter::once(node)
            .chain(node.ancestors())
            .find(|n| n.assessable)
            .map(|n| n.node().id.to_string())
    };
    let points = |ka: &Element, kind: &str| -> Vec<Point> {
        export
            .children(&ka.element_identifier)
            .filter(|e| e.element_type == kind)
            .map(|e| Point {
                text: e.text.trim().to_owned(),
                points: export
                    .children(&e.element_identifier)
                    .filter(|s| s.element_type == kind)
                    .map(|s| s.text.trim().to_owned())
                    .collect(),
            })
            .collect()
    };
    let mut out = Vec::new();
    for standard in export.of_type("standard") {
        let Some(standard_id) = id_of(standard) else {
            continue;
        };
        for ka in export
            .children(&standard.element_identifier)
            .filter(|e| e.element_type == "key_activity")
        {
            out.push(KeyActivity {
                id: ka.element_identifier.clone(),
                title: ka.title.trim().to_owned(),
                standard: standard_id.clone(),
                specifications: export
                    .children(&ka.element_identifier)
                    .filter(|e| e.element_type == "imp_spec")
                    .filter_map(id_of)
                    .fold(Vec::new(), |mut specs, id| {
                        if !specs.contains(&id) {
                            specs.push(id);
                        }
                        specs
                    }),
                descriptions: points(ka, "description"),
                sample_questions: points(ka, "sample_question"),
            });
        }
    }
    out
}

/// Every key activity, standard by standard in the order of SP 800-66r2's export.
pub fn key_activities() -> &'static [KeyActivity] {
    &GUIDANCE
}

/// The key activities for a requirement, by catalog id or any citation of it: all of a
/// standard's, or those that carry an implementation specification; none for anything else.
pub fn for_requirement(citation: &str) -> Vec<&'static KeyActivity> {
    let Some(node) = catalog().find(citation.trim()) else {
        return Vec::new();
    };
    let id = node.node().id.as_str();
    let of_standard: Vec<&KeyActivity> = GUIDANCE.iter().filter(|k| k.standard == id).collect();
    if !of_standard.is_empty() {
        return of_standard;
    }
    GUIDANCE
        .iter()
        .filter(|k| k.specifications.iter().any(|s| s == id))
        .collect()
}
