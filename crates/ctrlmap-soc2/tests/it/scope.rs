use ctrlmap_soc2::{Category, Scope, criteria_in_scope};
use proptest::prelude::*;

#[test]
fn security_is_required() {
    let err = Scope::new([Category::Availability, Category::Privacy]).unwrap_err();
    assert_eq!(err.given(), [Category::Availability, Category::Privacy]);
    assert!(err.to_string().contains("must include security"), "{err}");
    assert!(Scope::new([]).is_err());
    let err = serde_json::from_str::<Scope>(r#"["privacy"]"#).unwrap_err();
    assert!(err.to_string().contains("must include security"), "{err}");
}

#[test]
fn criteria_in_scope_are_exactly_the_applicable_ones() {
    let count =
        |cats: &[Category]| criteria_in_scope(&Scope::new(cats.iter().copied()).unwrap()).count();
    assert_eq!(count(&[Category::Security]), 33);
    assert_eq!(count(&[Category::Security, Category::Availability]), 36);
    assert_eq!(count(&[Category::Security, Category::Confidentiality]), 35);
    assert_eq!(
        count(&[Category::Security, Category::ProcessingIntegrity]),
        38
    );
    assert_eq!(count(&[Category::Security, Category::Privacy]), 51);
    assert_eq!(count(Category::ALL), 61);
    let ids: Vec<String> = criteria_in_scope(&Scope::security_only().with(Category::Availability))
        .skip(33)
        .map(|c| c.id().to_string())
        .collect();
    assert_eq!(ids, ["A1.1", "A1.2", "A1.3"]);
}

#[test]
fn repeated_categories_count_once_and_serialize_in_order() {
    let scope = Scope::new([Category::Privacy, Category::Security, Category::Privacy]).unwrap();
    assert_eq!(scope.categories().len(), 2);
    assert_eq!(
        serde_json::to_string(&scope).unwrap(),
        r#"["security","privacy"]"#
    );
}

fn any_scope() -> impl Strategy<Value = Scope> {
    prop::collection::vec(prop::sample::select(Category::ALL), 0..6)
        .prop_map(|cats| Scope::new(cats.into_iter().chain([Category::Security])).unwrap())
}

proptest! {
    #[test]
    fn scopes_round_trip(scope in any_scope()) {
        let json = serde_json::to_string(&scope).unwrap();
        prop_assert_eq!(serde_json::from_str::<Scope>(&json).unwrap(), scope.clone());
        // Every criterion in scope has its category in scope, and no other criterion does.
        let expected: usize = scope.categories().map(|c| match c {
            Category::Security => 33, Category::Availability => 3, Category::ProcessingIntegrity => 5,
            Category::Confidentiality => 2, Category::Privacy => 18,
        }).sum();
        prop_assert_eq!(criteria_in_scope(&scope).count(), expected);
    }
}
