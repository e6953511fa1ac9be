//! Integration tests of ctrlmap-core: one test binary (see STYLE.md).

// Tests fail by panicking: unwrap, expect, panic and indexing are how they report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod catalog;
mod escape;
mod ids;
mod overlay;
mod strategies;
