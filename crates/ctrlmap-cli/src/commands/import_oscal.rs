//! `ctrlmap import-oscal`: an OSCAL catalog or mapping collection in ctrlmap's own format.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::failure::Failure;
use crate::lookup::parse_framework;
use crate::output::Out;

/// Convert an OSCAL catalog or mapping collection into ctrlmap's own format.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The OSCAL file.
    file: PathBuf,
    /// The framework id to give an imported catalog (default: derived from its title).
    #[arg(long)]
    framework: Option<String>,
    /// The source framework of a mapping collection made by another tool.
    #[arg(long, requires = "target")]
    source: Option<String>,
    /// The target framework of a mapping collection made by another tool.
    #[arg(long, requires = "source")]
    target: Option<String>,
}

/// Converts the file `args` names.
pub(crate) fn run(args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    import_oscal(
        &args.file,
        args.framework,
        args.source.zip(args.target),
        out,
    )
}

fn import_oscal(
    file: &PathBuf,
    framework: Option<String>,
    frameworks: Option<(String, String)>,
    out: &mut Out<impl Write>,
) -> Result<(), Failure> {
    let origin = file.display().to_string();
    let text = ctrlmap::load::read_text_limited(file, &ctrlmap::load::Limits::default())
        .map_err(|e| Failure::usage(e.to_string()))?;
    let json = match ctrlmap::oscal::detect(&text) {
        Some(ctrlmap::oscal::OscalKind::Catalog) => {
            let framework = framework.as_deref().map(parse_framework).transpose()?;
            let catalog = ctrlmap::oscal::catalog_from_json(&text, &origin, framework)
                .map_err(|e| Failure::usage(e.to_string()))?;
            catalog.to_json_pretty() + "\n"
        }
        Some(ctrlmap::oscal::OscalKind::MappingCollection) => {
            let frameworks = match frameworks {
                Some((s, t)) => Some((parse_framework(&s)?, parse_framework(&t)?)),
                None => None,
            };
            let set = ctrlmap::oscal::mapping_set_from_json(&text, &origin, frameworks)
                .map_err(|e| Failure::usage(e.to_string()))?;
            serde_json::to_string_pretty(set.document()).map_err(io::Error::from)? + "\n"
        }
        _ => {
            return Err(Failure::usage(format!(
                "{origin}: not an OSCAL catalog or mapping collection"
            )));
        }
    };
    out.w.write_all(json.as_bytes())?;
    Ok(())
}
