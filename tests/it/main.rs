//! Integration tests of the facade: schemas in sync, built-in data valid against them.

// Tests fail by panicking: unwrap, expect, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod bad_inputs;
mod builtin_data;
mod coverage;
mod crosswalk;
mod docs;
mod evidence;
mod facade;
mod nist_data;
mod oscal;
mod report;
mod schemas;
