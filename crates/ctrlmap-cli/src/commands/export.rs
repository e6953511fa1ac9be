//! `ctrlmap export`: the whole crosswalk, or one catalog or mapping set as OSCAL.

use std::io::{self, Write};

use clap::ValueEnum;
use ctrlmap::Library;

use crate::failure::Failure;
use crate::lookup::{did_you_mean, find_framework};
use crate::output::Out;

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// Every control and mapping (see `ctrlmap schema crosswalk-export`).
    Json,
    /// An OSCAL 1.2.1 catalog (with --framework) or mapping collection (with --set).
    Oscal,
    /// Graphviz DOT.
    Dot,
    /// GraphML.
    Graphml,
    /// One row per mapping.
    Csv,
}

/// Export the crosswalk, or one catalog or mapping set as OSCAL.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Json)]
    format: ExportFormat,
    /// With --format oscal: the framework whose catalog to export.
    #[arg(long, conflicts_with = "set")]
    framework: Option<String>,
    /// With --format oscal: the mapping set to export, by id (such as `hipaa-soc2`).
    #[arg(long)]
    set: Option<String>,
}

/// Writes the export `args` asks for. `--framework` and `--set` choose what OSCAL exports;
/// the other formats export the whole crosswalk, so they refuse them rather than ignore them.
pub(crate) fn run(lib: &Library, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    if args.format != ExportFormat::Oscal {
        let given = [("--framework", &args.framework), ("--set", &args.set)];
        if let Some((flag, _)) = given.iter().find(|(_, value)| value.is_some()) {
            let format = args
                .format
                .to_possible_value()
                .map(|v| v.get_name().to_owned())
                .unwrap_or_default();
            return Err(Failure::usage(format!(
                "{flag} applies only to --format oscal; --format {format} exports the whole crosswalk"
            )));
        }
    }
    let cw = lib.crosswalk();
    let text = match args.format {
        ExportFormat::Oscal => oscal_export(lib, args.framework.as_deref(), args.set.as_deref())?,
        ExportFormat::Json => {
            serde_json::to_string_pretty(&cw.export(false)).map_err(io::Error::from)? + "\n"
        }
        ExportFormat::Dot => cw.to_dot(),
        ExportFormat::Graphml => cw.to_graphml(),
        ExportFormat::Csv => cw.to_csv(),
    };
    out.w.write_all(text.as_bytes())?;
    Ok(())
}

fn oscal_export(
    lib: &Library,
    framework: Option<&str>,
    set: Option<&str>,
) -> Result<String, Failure> {
    match (framework, set) {
        (Some(f), _) => {
            let catalog = find_framework(lib, f)?;
            // The built-in SP 800-53 keeps NIST's discussion apart (parsed only when asked):
            // an export carries all of it, as NIST's own OSCAL catalog does.
            if std::ptr::eq(catalog, ctrlmap::sp800_53::catalog()) {
                return Ok(ctrlmap::oscal::catalog_to_json(
                    &ctrlmap::sp800_53::catalog_with_discussion(),
                ));
            }
            Ok(ctrlmap::oscal::catalog_to_json(catalog))
        }
        (None, Some(id)) => {
            let set = lib
                .mapping_sets()
                .find(|s| s.id().as_str() == id)
                .ok_or_else(|| {
                    let ids: Vec<&str> = lib.mapping_sets().map(|s| s.id().as_str()).collect();
                    Failure::usage(format!(
                        "unknown mapping set \"{id}\"{}; mapping sets: {}",
                        did_you_mean(ctrlmap::suggest::closest(id, ids.iter().copied())),
                        ids.join(", ")
                    ))
                })?;
            Ok(ctrlmap::oscal::mapping_set_to_json(set))
        }
        (None, None) => Err(Failure::usage(
            "--format oscal exports one catalog or mapping set: give --framework ID or --set ID",
        )),
    }
}
