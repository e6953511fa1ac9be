//! The library every command reads: the built-in data and the user's own files.

use std::path::PathBuf;

use clap::Args;
use ctrlmap::Library;

use crate::failure::Failure;

/// A user's own files, added to the built-in data.
#[derive(Debug, Args)]
pub(crate) struct Inputs {
    /// Add a catalog file, ctrlmap or OSCAL (repeatable); `FILE=ID` loads it under the
    /// framework id ID.
    #[arg(
        long = "catalog",
        value_name = "FILE[=ID]",
        global = true,
        help_heading = "Your files (every command)"
    )]
    catalogs: Vec<String>,
    /// Add a catalog extension file, such as licensed requirement statements (repeatable).
    #[arg(
        long = "extension",
        value_name = "FILE",
        global = true,
        help_heading = "Your files (every command)"
    )]
    extensions: Vec<PathBuf>,
    /// Add a text overlay file with licensed full texts (repeatable).
    #[arg(
        long = "overlay",
        value_name = "FILE",
        global = true,
        help_heading = "Your files (every command)"
    )]
    overlays: Vec<PathBuf>,
    /// Add a mapping set file (repeatable).
    #[arg(
        long = "mappings",
        value_name = "FILE",
        global = true,
        help_heading = "Your files (every command)"
    )]
    mappings: Vec<PathBuf>,
}

/// A library builder holding the built-in data and the user's files, not yet built.
pub(crate) fn builder(inputs: &Inputs) -> ctrlmap::LibraryBuilder {
    let mut builder = Library::builder();
    for c in &inputs.catalogs {
        builder = match catalog_arg(c) {
            (path, Some(id)) => builder.catalog_path_as(path, id),
            (path, None) => builder.catalog_path(path),
        };
    }
    for p in &inputs.extensions {
        builder = builder.extension_path(p);
    }
    for p in &inputs.overlays {
        builder = builder.overlay_path(p);
    }
    for p in &inputs.mappings {
        builder = builder.mappings_path(p);
    }
    builder
}

/// A `--catalog` value: the file, and the framework id after `=` when one is given (a
/// file whose own name holds `=` is read as a file when it exists).
fn catalog_arg(arg: &str) -> (PathBuf, Option<ctrlmap::FrameworkId>) {
    if !std::path::Path::new(arg).exists()
        && let Some((file, id)) = arg.rsplit_once('=')
        && let Ok(id) = id.parse()
    {
        return (PathBuf::from(file), Some(id));
    }
    (PathBuf::from(arg), None)
}

/// The library of the built-in data and the user's files; every problem of the files fails.
pub(crate) fn library(inputs: &Inputs) -> Result<Library, Failure> {
    builder(inputs)
        .build()
        .map_err(|e| Failure::Usage(lines(&e)))
}

/// Every problem of a failed build on a line of its own, each naming its file.
pub(crate) fn lines(e: &ctrlmap::LibraryError) -> Vec<String> {
    let mut messages = Vec::new();
    for err in e.errors() {
        let (origin, problems): (&str, Vec<String>) = match err {
            ctrlmap::SourceError::Load(l) => (
                l.origin(),
                l.problems().iter().map(ToString::to_string).collect(),
            ),
            ctrlmap::SourceError::Mapping(ctrlmap::crosswalk::MappingError::Invalid {
                origin,
                problems,
            }) => (
                origin.as_str(),
                problems.iter().map(ToString::to_string).collect(),
            ),
            _ => ("", Vec::new()),
        };
        if problems.is_empty() {
            messages.push(err.to_string());
        } else {
            messages.extend(problems.into_iter().map(|p| format!("{origin}: {p}")));
        }
    }
    messages
}
