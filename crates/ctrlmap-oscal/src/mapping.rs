//! OSCAL mapping collections to and from ctrlmap mapping sets.

use ctrlmap_core::{ControlRef, FrameworkId, load};
use ctrlmap_crosswalk::{MappingSet, MappingSetDocument, Method, Rationale, Relationship};
use serde_json::json;

use crate::OscalError;
use crate::catalog::{OSCAL_VERSION, date_time, one_line, uuid};
use crate::model::{
    ConfidenceScore, Map, Mapping, MappingCollection, MappingFile, MappingItem, Mappings, Metadata,
    Prop, Provenance, ResourceReference,
};

/// The OSCAL relationship token of a relationship.
///
/// ```
/// use ctrlmap::crosswalk::Relationship;
/// assert_eq!(ctrlmap::oscal::relationship_token(Relationship::SubsetOf), "subset-of");
/// ```
pub fn relationship_token(r: Relationship) -> &'static str {
    match r {
        Relationship::Equal => "equal-to",
        Relationship::SubsetOf => "subset-of",
        Relationship::SupersetOf => "superset-of",
        Relationship::IntersectsWith => "intersects-with",
        Relationship::NotRelated => "no-relationship",
    }
}

/// The relationship of an OSCAL token. `equivalent-to` reads as equal (the two differ in
/// rationale, which the mapping's `matching-rationale` carries, not in set relation). Any
/// other token is refused.
///
/// ```
/// use ctrlmap::crosswalk::Relationship;
/// assert_eq!(ctrlmap::oscal::relationship_from_token("equivalent-to"), Some(Relationship::Equal));
/// assert_eq!(ctrlmap::oscal::relationship_from_token("related-to"), None);
/// ```
pub fn relationship_from_token(token: &str) -> Option<Relationship> {
    Some(match token {
        "equal-to" | "equivalent-to" => Relationship::Equal,
        "subset-of" => Relationship::SubsetOf,
        "superset-of" => Relationship::SupersetOf,
        "intersects-with" => Relationship::IntersectsWith,
        "no-relationship" => Relationship::NotRelated,
        _ => return None,
    })
}

fn resource(framework: &FrameworkId) -> ResourceReference {
    ResourceReference {
        kind: "catalog".to_owned(),
        href: format!("urn:ctrlmap:catalog:{framework}"),
        props: vec![Prop::ctrlmap("framework", framework.as_str())],
    }
}

/// Exports a mapping set as an OSCAL 1.2.1 `mapping-collection` (pretty-printed JSON): the
/// provenance with its method, matching rationale and status; one `map` per row with its
/// relationship token, source and target controls, strength (a ctrlmap prop) and note
/// (`remarks`). UUIDs are derived, so exports are reproducible.
pub fn mapping_set_to_json(set: &MappingSet) -> String {
    let p = set.provenance();
    let id = set.id();
    let method = match p.method {
        Method::Derived => "automation",
        Method::Official | Method::Expert => "human",
    };
    let method_name: &'static str = p.method.into();
    let mut provenance_props = vec![
        Prop::ctrlmap("method", method_name),
        Prop::ctrlmap("publisher", one_line(&p.publisher)),
        Prop::ctrlmap("document", one_line(&p.document)),
        Prop::ctrlmap("licence", one_line(&p.licence)),
    ];
    if let Some(d) = p.published {
        provenance_props.push(Prop::ctrlmap("published", d.to_string()));
    }
    let mut mapping_props: Vec<Prop> = set
        .unmapped()
        .iter()
        .map(|u| Prop {
            remarks: Some(u.reason.clone()),
            ..Prop::ctrlmap("unmapped", u.control.to_string())
        })
        .collect();
    mapping_props.push(Prop::ctrlmap("set-id", id.as_str()));
    let maps = set
        .mappings()
        .iter()
        .map(|row| Map {
            uuid: uuid(&format!("map/{id}/{}/{}", row.source, row.target)),
            matching_rationale: row.rationale.map(|r| r.as_str().to_owned()),
            relationship: relationship_token(row.relationship).to_owned(),
            sources: vec![MappingItem {
                kind: "control".to_owned(),
                id_ref: row.source.control().to_string(),
            }],
            targets: vec![MappingItem {
                kind: "control".to_owned(),
                id_ref: row.target.control().to_string(),
            }],
            confidence_score: row.confidence.map(|c| ConfidenceScore {
                category: Some(c.as_str().to_owned()),
                percentage: None,
            }),
            props: std::iter::once(Prop::ctrlmap("strength", row.strength.to_string()))
                .chain(
                    row.completeness
                        .as_deref()
                        .map(|c| Prop::ctrlmap("completeness", c)),
                )
                .collect(),
            remarks: row.note.clone(),
        })
        .collect();
    let file = MappingFile {
        mapping_collection: MappingCollection {
            uuid: uuid(&format!("mapping-collection/{id}/{}", p.version)),
            metadata: Metadata {
                title: one_line(set.title()),
                published: p.published.map(|d| date_time(Some(d))),
                last_modified: date_time(p.published),
                version: one_line(&p.version),
                oscal_version: OSCAL_VERSION.to_owned(),
                remarks: p.note.clone(),
                ..Metadata::default()
            },
            provenance: Provenance {
                method: method.to_owned(),
                matching_rationale: set.rationale().as_str().to_owned(),
                status: "complete".to_owned(),
                mapping_description: one_line(set.title()),
                props: provenance_props,
            },
            mappings: Mappings::Many(vec![Mapping {
                uuid: uuid(&format!("mapping/{id}")),
                source_resource: resource(set.source_framework()),
                target_resource: resource(set.target_framework()),
                maps,
                props: mapping_props,
            }]),
        },
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

fn prop<'a>(props: &'a [Prop], name: &str) -> Option<&'a str> {
    props
        .iter()
        .find(|p| p.is_ctrlmap(name))
        .map(|p| p.value.as_str())
}

/// Imports an OSCAL mapping collection (its first `mapping`) as a mapping set.
///
/// The frameworks come from the resources' ctrlmap props, or from `frameworks` (source,
/// target) for collections made by other tools. Unknown relationship tokens are refused:
/// NIST's schema does not enumerate them, and other tools accept anything; ctrlmap does not.
///
/// # Errors
/// [`OscalError`] for malformed JSON, unknown tokens, or a result that is not a valid
/// mapping set.
pub fn mapping_set_from_json(
    text: &str,
    origin: &str,
    frameworks: Option<(FrameworkId, FrameworkId)>,
) -> Result<MappingSet, OscalError> {
    let file: MappingFile = load::from_str(text, origin)?;
    let c = file.mapping_collection;
    let invalid = |problems: Vec<String>| OscalError::Invalid {
        origin: origin.to_owned(),
        problems,
    };
    let Some(mapping) = c.mappings.into_vec().into_iter().next() else {
        return Err(invalid(vec![
            "mappings: the collection has no mapping".to_owned(),
        ]));
    };
    let framework_of = |r: &ResourceReference, which: usize| -> Option<FrameworkId> {
        prop(&r.props, "framework")
            .and_then(|f| f.parse().ok())
            .or_else(|| {
                frameworks
                    .clone()
                    .map(|(s, t)| if which == 0 { s } else { t })
            })
    };
    let (Some(source), Some(target)) = (
        framework_of(&mapping.source_resource, 0),
        framework_of(&mapping.target_resource, 1),
    ) else {
        return Err(invalid(vec![
            "source-resource/target-resource: no framework id; give the source and target frameworks".to_owned(),
        ]));
    };
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    // n sources by m targets make n × m rows, each with the map's texts: what the expansion
    // may cost is bounded by the input (16 times its size, at least 1 MiB), so that a small
    // file cannot ask for gigabytes.
    let budget = text.len().saturating_mul(16).max(1 << 20);
    let mut cost = 0usize;
    for (i, map) in mapping.maps.iter().enumerate() {
        let per_row = 96usize
            .saturating_add(map.remarks.as_deref().map_or(0, str::len))
            .saturating_add(prop(&map.props, "completeness").map_or(0, str::len));
        cost = cost.saturating_add(
            map.sources
                .len()
                .saturating_mul(map.targets.len())
                .saturating_mul(per_row),
        );
        if cost > budget {
            return Err(invalid(vec![format!(
                "maps[{i}]: {} sources by {} targets (with the maps before it) expand to more than 16 times the file's size ({} bytes); split the map into pairs",
                map.sources.len(),
                map.targets.len(),
                text.len()
            )]));
        }
        let Some(relationship) = relationship_from_token(&map.relationship) else {
            problems.push(format!(
                "maps[{i}].relationship: unknown token {:?}; use equal-to, equivalent-to, subset-of, superset-of, intersects-with or no-relationship",
                map.relationship
            ));
            continue;
        };
        let strength: u8 = prop(&map.props, "strength")
            .and_then(|s| s.parse().ok())
            .unwrap_or(5);
        // Categories other than ctrlmap's three, and percentages, are not carried over.
        let confidence = map
            .confidence_score
            .as_ref()
            .and_then(|c| c.category.as_deref())
            .and_then(|c| c.parse::<ctrlmap_crosswalk::Confidence>().ok());
        let completeness = prop(&map.props, "completeness");
        // n sources by m targets make n × m rows: stop at the limit as they are made, not
        // after.
        let limit = load::Limits::default().max_mappings;
        if rows
            .len()
            .saturating_add(map.sources.len().saturating_mul(map.targets.len()))
            > limit
        {
            return Err(OscalError::Load(ctrlmap_core::LoadError::LimitExceeded {
                origin: origin.to_owned(),
                what: "number of mappings",
                limit: u64::try_from(limit).unwrap_or(u64::MAX),
            }));
        }
        for s in &map.sources {
            for t in &map.targets {
                let refs = (
                    format!("{source}:{}", s.id_ref).parse::<ControlRef>(),
                    format!("{target}:{}", t.id_ref).parse::<ControlRef>(),
                );
                match refs {
                    (Ok(sr), Ok(tr)) => rows.push(json!({
                        "source": sr, "target": tr,
                        "relationship": relationship,
                        "rationale": map.matching_rationale,
                        "strength": strength,
                        "confidence": confidence,
                        "completeness": completeness,
                        "note": map.remarks,
                    })),
                    (Err(e), _) | (_, Err(e)) => problems.push(format!("maps[{i}]: {e}")),
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    let rationale: Rationale = serde_json::from_value(json!(c.provenance.matching_rationale))
        .map_err(|e| invalid(vec![format!("provenance.matching-rationale: {e}")]))?;
    let method =
        prop(&c.provenance.props, "method").unwrap_or(match c.provenance.method.as_str() {
            "automation" => "derived",
            _ => "expert",
        });
    let unmapped: Vec<serde_json::Value> = mapping
        .props
        .iter()
        .filter(|p| p.is_ctrlmap("unmapped"))
        .map(|p| json!({ "control": p.value, "reason": p.remarks }))
        .collect();
    let id = prop(&mapping.props, "set-id")
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{source}-{target}"));
    let doc = json!({
        "id": id,
        "title": c.metadata.title,
        "source_framework": source,
        "target_framework": target,
        "provenance": {
            "publisher": prop(&c.provenance.props, "publisher").unwrap_or("Unknown publisher"),
            "document": prop(&c.provenance.props, "document").unwrap_or(c.metadata.title.as_str()),
            "version": c.metadata.version,
            "published": prop(&c.provenance.props, "published"),
            "licence": prop(&c.provenance.props, "licence").unwrap_or("Unknown"),
            "method": method,
            "note": c.metadata.remarks,
        },
        "rationale": rationale,
        "mappings": rows,
        "unmapped": unmapped,
    });
    let mut doc = doc;
    strip_nulls(&mut doc);
    let doc: MappingSetDocument =
        serde_json::from_value(doc).map_err(|e| invalid(vec![format!("{e}")]))?;
    Ok(MappingSet::from_document(doc, origin)?)
}

/// Removes `null` members, which the mapping-set format writes as absent fields.
fn strip_nulls(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}
