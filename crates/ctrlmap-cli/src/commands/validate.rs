//! `ctrlmap validate`: check a file and print every problem.

use std::io::Write;
use std::path::PathBuf;

use serde_json::Value;

use crate::failure::Failure;
use crate::library::{Inputs, builder, lines};
use crate::output::Out;

/// Check a catalog, catalog extension, text overlay or mapping set file and print every
/// problem; the exit status says whether it is valid.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The file.
    file: PathBuf,
}

/// Checks the file `args` names, on its own and then against the library of `inputs`.
pub(crate) fn run(args: &Args, inputs: &Inputs, out: &mut Out<impl Write>) -> Result<(), Failure> {
    validate(&args.file, inputs, out)
}

/// What kind of file a JSON document is, from its top-level keys.
fn kind_of(value: &Value) -> Option<&'static str> {
    let has = |k: &str| value.get(k).is_some();
    if has("mappings") {
        Some("mapping set")
    } else if has("texts") {
        Some("text overlay")
    } else if has("nodes") && value.get("framework").is_some_and(Value::is_string) {
        Some("catalog extension")
    } else if has("nodes") {
        Some("catalog")
    } else {
        None
    }
}

fn validate(file: &PathBuf, inputs: &Inputs, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let origin = file.display().to_string();
    let text = ctrlmap::load::read_text_limited(file, &ctrlmap::load::Limits::default())
        .map_err(|e| Failure::usage(e.to_string()))?;
    let value: Value =
        ctrlmap::load::from_str(&text, &origin).map_err(|e| Failure::usage(e.to_string()))?;
    let Some(kind) = kind_of(&value) else {
        return Err(Failure::usage(format!(
            "{origin}: not a ctrlmap file: expected a catalog (\"framework\" and \"nodes\"), a catalog extension, a text overlay (\"texts\") or a mapping set (\"mappings\")"
        )));
    };
    // The builder checks the file on its own first, then against the library it would join.
    let builder = builder(inputs);
    let joined = match kind {
        "catalog" => builder.catalog_str(text, origin.clone()),
        "catalog extension" => builder.extension_str(text, origin.clone()),
        "text overlay" => builder.overlay_str(text, origin.clone()),
        _ => builder.mappings_str(text, origin.clone()),
    };
    if let Err(e) = joined.build() {
        return Err(Failure::Usage(lines(&e)));
    }
    writeln!(out.w, "{origin}: valid {kind}")?;
    Ok(())
}
