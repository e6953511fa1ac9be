//! proptest strategies for identifiers and whole catalogs.

use ctrlmap_core::{
    CatalogDocument, ControlId, FrameworkId, FrameworkInfo, Node, NodeKind, TextLicence,
};
use proptest::prelude::*;

pub(crate) fn framework_id() -> impl Strategy<Value = FrameworkId> {
    "[a-z0-9-]{1,20}".prop_map(|s| s.parse().unwrap())
}

/// Control ids, including non-ASCII ones.
pub(crate) fn control_id() -> impl Strategy<Value = ControlId> {
    prop_oneof![
        "[A-Z]{1,3}[0-9]{1,2}(\\.[0-9]{1,2})?(-POF[0-9]{1,2})?",
        "164\\.3[0-9]{2}(\\([a-z]\\)(\\([0-9]\\)(\\((i|ii|iii|iv)\\))?)?)?",
        "[\\p{L}\\p{N}\\p{P}]{1,12}",
    ]
    .prop_filter_map("valid control id", |s: String| s.parse().ok())
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ,.'()\u{e9}\u{2014}-]{0,40}"
}

/// A valid catalog document: unique ids, each parent an earlier or later node of a forest.
pub(crate) fn catalog_document() -> impl Strategy<Value = CatalogDocument> {
    (
        framework_id(),
        prop::collection::btree_set(control_id(), 1..40),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                any::<bool>(),
                prop::option::of(text()),
                prop::option::of(text()),
                prop::sample::select(NodeKind::ALL),
                text(),
                prop::collection::vec(("[a-z][a-z_-]{0,8}", text()), 0..3),
            ),
            40,
        ),
        any::<u64>(),
    )
        .prop_map(|(fw, ids, attrs, seed)| {
            let ids: Vec<ControlId> = ids.into_iter().collect();
            // A random permutation for document order, and parents from a random tree.
            let mut order: Vec<usize> = (0..ids.len()).collect();
            let mut s = seed;
            for i in (1..order.len()).rev() {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                order.swap(i, (s >> 33) as usize % (i + 1));
            }
            let nodes = order
                .iter()
                .map(|&i| {
                    let (parent_pick, assessable, summary, body, kind, title, props) =
                        attrs[i].clone();
                    let mut node = Node::new(ids[i].clone(), kind, title.trim().to_owned() + "x")
                        .with_assessable(assessable);
                    // Node i's parent is some node j < i in id order: always a forest.
                    if i > 0 && parent_pick.index(4) != 0 {
                        node = node.with_parent(ids[parent_pick.index(i)].clone());
                    }
                    if let Some(s) = summary {
                        node = node.with_summary(s + ".");
                    }
                    if let Some(t) = body {
                        node = node.with_text(t + ".");
                    }
                    for (k, v) in props {
                        node = node.with_prop(k, v);
                    }
                    node
                })
                .collect();
            CatalogDocument::new(
                FrameworkInfo::new(
                    fw,
                    "Generated",
                    "1",
                    "proptest",
                    TextLicence::PublicDomain { notice: None },
                ),
                nodes,
            )
        })
}
