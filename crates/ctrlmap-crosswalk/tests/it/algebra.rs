//! The composition table is sound and tight against real finite sets.

use std::collections::HashMap;

use ctrlmap_crosswalk::{Relationship, RelationshipSet};
use proptest::prelude::*;

/// The true RCC-5 relation between two non-empty sets given as bit masks.
fn relation(a: u32, b: u32) -> Relationship {
    if a == b {
        Relationship::Equal
    } else if a & b == 0 {
        Relationship::NotRelated
    } else if a & b == a {
        Relationship::SubsetOf
    } else if a & b == b {
        Relationship::SupersetOf
    } else {
        Relationship::IntersectsWith
    }
}

#[test]
fn table_is_exactly_what_finite_sets_reach() {
    // Every triple of non-empty subsets of a 4-element universe.
    let mut reached: HashMap<(Relationship, Relationship), RelationshipSet> = HashMap::new();
    for a in 1..16u32 {
        for b in 1..16u32 {
            for c in 1..16u32 {
                reached
                    .entry((relation(a, b), relation(b, c)))
                    .or_default()
                    .insert(relation(a, c));
            }
        }
    }
    assert_eq!(reached.len(), 25, "every pair of relations occurs");
    for (&(r1, r2), &set) in &reached {
        assert_eq!(r1.compose(r2), set, "{r1} then {r2}");
    }
}

#[test]
fn known_entries() {
    use Relationship::*;
    let set = |rs: &[Relationship]| rs.iter().copied().collect::<RelationshipSet>();
    assert_eq!(SubsetOf.compose(SubsetOf), set(&[SubsetOf]));
    assert_eq!(SubsetOf.compose(NotRelated), set(&[NotRelated]));
    assert_eq!(
        SupersetOf.compose(SubsetOf),
        set(&[Equal, SubsetOf, SupersetOf, IntersectsWith])
    );
    assert!(SubsetOf.compose(SupersetOf).is_all());
    for &r in Relationship::ALL {
        assert_eq!(Equal.compose(r), set(&[r]));
        assert_eq!(r.compose(Equal), set(&[r]));
        assert_eq!(r.inverse().inverse(), r);
    }
}

#[test]
fn set_operations() {
    use Relationship::*;
    let s: RelationshipSet = [SubsetOf, Equal].into_iter().collect();
    assert_eq!(s.to_string(), "{equal, subset_of}");
    assert_eq!("{subset_of, equal}".parse::<RelationshipSet>().unwrap(), s);
    assert_eq!(s.inverse().to_string(), "{equal, superset_of}");
    assert!(s.inverse().provably_satisfies());
    assert!(!s.provably_satisfies());
    assert!(s.provably_overlaps());
    assert_eq!(
        serde_json::to_string(&s).unwrap(),
        r#"["equal","subset_of"]"#
    );
    assert_eq!(
        serde_json::from_str::<RelationshipSet>(r#"["subset_of","equal"]"#).unwrap(),
        s
    );
    assert!("{bigger}".parse::<RelationshipSet>().is_err());
    assert_eq!(
        RelationshipSet::single(IntersectsWith).exactly_one(),
        Some(IntersectsWith)
    );
    assert_eq!(s.exactly_one(), None);
}

fn non_empty() -> impl Strategy<Value = u32> {
    1u32..(1 << 12)
}

proptest! {
    #[test]
    fn composition_is_sound_over_larger_sets(a in non_empty(), b in non_empty(), c in non_empty(), d in non_empty()) {
        // Two steps and three steps.
        let two = relation(a, b).compose(relation(b, c));
        prop_assert!(two.contains(relation(a, c)));
        let three = RelationshipSet::single(relation(a, b))
            .compose(RelationshipSet::single(relation(b, c)))
            .compose(RelationshipSet::single(relation(c, d)));
        prop_assert!(three.contains(relation(a, d)));
        // Inverses agree with swapping the arguments.
        prop_assert_eq!(relation(a, b).inverse(), relation(b, a));
    }
}
