//! Where commands write: the output stream, whether to colour it, and JSON.

use std::io::{self, Write};

use ctrlmap::NodeRef;
use serde_json::{Value, json};

use crate::failure::Failure;

/// Whether to colour, and the output stream.
pub(crate) struct Out<W> {
    /// The stream.
    pub(crate) w: W,
    /// Whether to colour what is written.
    pub(crate) color: bool,
}

/// Writes `value` as pretty-printed JSON and a newline.
pub(crate) fn write_json(
    out: &mut Out<impl Write>,
    value: &impl serde::Serialize,
) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut out.w, value).map_err(io::Error::from)?;
    writeln!(out.w)?;
    Ok(())
}

/// A node in brief, as JSON: its reference and title.
pub(crate) fn brief(node: NodeRef<'_>) -> Value {
    json!({ "ref": node.control_ref(), "title": node.title })
}
