//! Integration tests of ctrlmap-crosswalk: one test binary (see STYLE.md).

// Tests fail by panicking: unwrap, expect, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod algebra;
mod elements;
mod fixtures;
mod graph;
mod mapping_sets;
mod reports;
