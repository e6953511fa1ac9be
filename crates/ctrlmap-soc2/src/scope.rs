//! Engagement scope: which Trust Services categories a SOC 2 examination covers.

use std::borrow::Cow;
use std::collections::BTreeSet;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::{Category, Criterion};

/// The Trust Services categories in scope of an engagement. Security is always in scope: its
/// common criteria apply to every SOC 2 examination, so a scope without it cannot be made.
///
/// Serialized as an array of category ids, such as `["security", "availability"]`.
///
/// ```
/// use ctrlmap::soc2::{Category, Scope};
///
/// let scope = Scope::new([Category::Security, Category::Confidentiality])?;
/// assert!(scope.contains(Category::Confidentiality));
/// assert!(Scope::new([Category::Privacy]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<Category>", into = "Vec<Category>")]
pub struct Scope {
    categories: BTreeSet<Category>,
}

/// The error returned when a scope leaves out Security.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a SOC 2 scope must include security (the common criteria apply to every engagement); got [{}]", .given.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "))]
pub struct ScopeError {
    given: Vec<Category>,
}

impl ScopeError {
    /// The categories that were given.
    pub fn given(&self) -> &[Category] {
        &self.given
    }
}

impl Scope {
    /// A scope of these categories; repeated categories count once.
    ///
    /// # Errors
    /// [`ScopeError`] when Security is not among them.
    pub fn new(categories: impl IntoIterator<Item = Category>) -> Result<Self, ScopeError> {
        let given: Vec<Category> = categories.into_iter().collect();
        if !given.contains(&Category::Security) {
            return Err(ScopeError { given });
        }
        Ok(Self {
            categories: given.into_iter().collect(),
        })
    }

    /// Security alone: the smallest SOC 2 scope.
    pub fn security_only() -> Self {
        Self {
            categories: BTreeSet::from([Category::Security]),
        }
    }

    /// All five categories.
    pub fn all() -> Self {
        Self {
            categories: Category::ALL.iter().copied().collect(),
        }
    }

    /// This scope with one more category.
    #[must_use]
    pub fn with(mut self, category: Category) -> Self {
        self.categories.insert(category);
        self
    }

    /// Whether the category is in scope.
    pub fn contains(&self, category: Category) -> bool {
        self.categories.contains(&category)
    }

    /// The categories in scope, in order.
    pub fn categories(&self) -> impl ExactSizeIterator<Item = Category> + '_ {
        self.categories.iter().copied()
    }
}

impl Default for Scope {
    fn default() -> Self {
        Self::security_only()
    }
}

impl TryFrom<Vec<Category>> for Scope {
    type Error = ScopeError;
    fn try_from(categories: Vec<Category>) -> Result<Self, Self::Error> {
        Self::new(categories)
    }
}

impl From<Scope> for Vec<Category> {
    fn from(scope: Scope) -> Self {
        scope.categories.into_iter().collect()
    }
}

impl JsonSchema for Scope {
    fn schema_name() -> Cow<'static, str> {
        "Soc2Scope".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "ctrlmap_soc2::Scope".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<Category>();
        json_schema!({
            "description": "The Trust Services categories in scope; `security` must be one of them.",
            "type": "array",
            "items": item,
            "contains": { "const": "security" }
        })
    }
}

/// The criteria that apply to an engagement with this scope, in catalog order.
///
/// ```
/// use ctrlmap::soc2::{Scope, criteria_in_scope};
/// assert_eq!(criteria_in_scope(&Scope::security_only()).count(), 33);
/// assert_eq!(criteria_in_scope(&Scope::all()).count(), 61);
/// ```
pub fn criteria_in_scope(scope: &Scope) -> impl Iterator<Item = Criterion> + '_ {
    Criterion::all().filter(|c| scope.contains(c.category()))
}
