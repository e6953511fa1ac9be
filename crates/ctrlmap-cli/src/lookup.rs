//! Frameworks and controls by the names users type, with the closest valid name when there is
//! no such one.

use ctrlmap::{Catalog, ControlRef, FrameworkId, Library, NodeRef};

use crate::failure::Failure;

/// ` (did you mean "NAME"?)` for a suggestion, or nothing.
pub(crate) fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!(" (did you mean \"{s}\"?)"))
        .unwrap_or_default()
}

/// A framework id, checked for its form only (it need not be loaded).
pub(crate) fn parse_framework(text: &str) -> Result<FrameworkId, Failure> {
    text.parse().map_err(|e| Failure::usage(format!("{e}")))
}

/// The loaded framework `id`.
pub(crate) fn find_framework<'a>(lib: &'a Library, id: &str) -> Result<&'a Catalog, Failure> {
    let found = id.parse::<FrameworkId>().ok();
    found.and_then(|f| lib.catalog(&f)).ok_or_else(|| {
        let ids: Vec<&str> = lib.catalogs().map(|c| c.id().as_str()).collect();
        Failure::usage(format!(
            "unknown framework \"{id}\"{}; frameworks: {}",
            did_you_mean(ctrlmap::suggest::closest(id, ids.iter().copied())),
            ids.join(", ")
        ))
    })
}

/// Finds a control by `framework:id` (or an alias), accepting the id in any case when that is
/// unambiguous, and the citation forms practitioners type: `45 CFR 164.312(a)(2)(iv)`,
/// `§ 164.312(a)(2)(iv)`, `hipaa:§ 164.312(a)(2)(iv)`, or an id alone such as `cc6.1` when
/// exactly one framework has it.
pub(crate) fn find_control<'a>(lib: &'a Library, text: &str) -> Result<NodeRef<'a>, Failure> {
    let text = text.trim();
    let reference: ControlRef = match text.parse() {
        Ok(r) => r,
        Err(e) => {
            if let Some(node) = loose_citation(lib, text) {
                return Ok(node);
            }
            return Err(Failure::usage(format!("{e}")));
        }
    };
    let catalog = find_framework(lib, reference.framework().as_str())?;
    let wanted = reference.control().as_str();
    if let Some(node) = catalog.find(wanted) {
        return Ok(node);
    }
    let mut loose = catalog
        .iter()
        .filter(|n| n.node().id.as_str().eq_ignore_ascii_case(wanted));
    if let (Some(node), None) = (loose.next(), loose.next()) {
        return Ok(node);
    }
    if let Some(node) = loose_citation(lib, text) {
        return Ok(node);
    }
    if let Some(s) = catalog
        .selections()
        .iter()
        .find(|s| s.id.as_str().eq_ignore_ascii_case(wanted))
    {
        return Err(Failure::usage(format!(
            "{}:{} is a named selection ({}, {} controls), not a control: hold it with `coverage --have {}:{}`",
            catalog.id(),
            s.id,
            s.title,
            s.controls.len(),
            catalog.id(),
            s.id
        )));
    }
    if let Some(within) = catalog.enclosing(wanted) {
        let part = if catalog.id() == &ctrlmap::sp800_53::FRAMEWORK_ID {
            "enhancement"
        } else {
            "paragraph"
        };
        return Err(Failure::usage(format!(
            "no control \"{wanted}\" in {}: {} exists, but has no such {part}",
            catalog.id(),
            within.control_ref()
        )));
    }
    // A misspelt selection (`sp800-53:modrate`) is closer to a selection than to any id.
    let selection =
        ctrlmap::suggest::closest(wanted, catalog.selections().iter().map(|s| s.id.as_str()));
    let suggestion = match selection {
        Some(s) => Some(format!("{}:{s}", catalog.id())),
        None => catalog
            .closest_id(wanted)
            .map(|id| catalog.control_ref(id).to_string()),
    };
    Err(Failure::usage(format!(
        "no control \"{wanted}\" in {}{}",
        catalog.id(),
        did_you_mean(suggestion.as_deref())
    )))
}

/// A control named the way practitioners write it: a HIPAA citation in any of the forms
/// `ctrlmap_hipaa::Citation` reads, an SP 800-53 or CSF id in any of the forms their
/// `Identifier`s read, or an id without its framework that exactly one loaded
/// framework has (in any case).
fn loose_citation<'a>(lib: &'a Library, text: &str) -> Option<NodeRef<'a>> {
    if let Ok(citation) = text.parse::<ctrlmap::hipaa::Citation>()
        && let Some(hipaa) = lib.catalog(&ctrlmap::hipaa::FRAMEWORK_ID)
        && let Some(node) = hipaa.find(&citation.to_string())
    {
        return Some(node);
    }
    // NIST's ids as practitioners and tools write them: `AC-2 (1)`, `AC-02(01)`, `ac-2.1`,
    // `sp800-53:AC-2 (1)`; `PR.AA-1`, `csf:pr.aa-01`.
    let framework = text.split_once(':').map(|(f, _)| f.trim());
    // Each NIST framework with its parser, giving the id as NIST writes it.
    type Canonical = fn(&str) -> Option<String>;
    let nist: [(FrameworkId, Canonical); 2] = [
        (ctrlmap::sp800_53::FRAMEWORK_ID, |t| {
            t.parse::<ctrlmap::sp800_53::Identifier>()
                .ok()
                .map(|id| id.to_string())
        }),
        (ctrlmap::csf::FRAMEWORK_ID, |t| {
            t.parse::<ctrlmap::csf::Identifier>()
                .ok()
                .map(|id| id.to_string())
        }),
    ];
    for (id, parse) in &nist {
        if framework.is_none_or(|f| f.eq_ignore_ascii_case(id.as_str()))
            && let Some(canonical) = parse(text)
            && let Some(node) = lib.catalog(id).and_then(|c| c.find(&canonical))
        {
            return Some(node);
        }
    }
    if framework.is_some() {
        return None;
    }
    let mut found = lib.catalogs().filter_map(|c| {
        c.find(text).or_else(|| {
            let mut loose = c
                .iter()
                .filter(|n| n.node().id.as_str().eq_ignore_ascii_case(text));
            match (loose.next(), loose.next()) {
                (Some(n), None) => Some(n),
                _ => None,
            }
        })
    });
    match (found.next(), found.next()) {
        (Some(node), None) => Some(node),
        _ => None,
    }
}
