//! One module per command, each with its arguments (`Args`) and its work (`run`).

pub(crate) mod completions;
pub(crate) mod coverage;
pub(crate) mod disagreements;
pub(crate) mod export;
pub(crate) mod frameworks;
pub(crate) mod import_cprt;
pub(crate) mod import_oscal;
pub(crate) mod map;
pub(crate) mod schema;
pub(crate) mod search;
pub(crate) mod show;
pub(crate) mod tree;
pub(crate) mod validate;
