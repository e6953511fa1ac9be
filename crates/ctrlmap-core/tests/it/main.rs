//! Integration tests of ctrlmap-core: one test binary (see STYLE.md).

mod catalog;
mod ids;
mod overlay;
mod strategies;
