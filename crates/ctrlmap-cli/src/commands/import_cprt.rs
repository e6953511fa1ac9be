//! `ctrlmap import-cprt`: a NIST CPRT JSON export as a ctrlmap catalog.

use std::io::Write;
use std::path::PathBuf;

use crate::failure::Failure;
use crate::lookup::parse_framework;
use crate::output::Out;

/// Convert a NIST CPRT JSON export (CSF 2.0, SP 800-53, 800-171, 800-66 …) into a ctrlmap
/// catalog.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The CPRT export.
    file: PathBuf,
    /// The framework id to give the catalog, such as `nist-csf-2`.
    #[arg(long, value_name = "ID")]
    framework: String,
}

/// Converts the export `args` names.
pub(crate) fn run(args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let framework = parse_framework(&args.framework)?;
    let catalog = ctrlmap::cprt::CprtExport::from_path(&args.file)
        .and_then(|export| export.to_catalog(framework))
        .map_err(|e| Failure::usage(e.to_string()))?;
    out.w
        .write_all((catalog.to_json_pretty() + "\n").as_bytes())?;
    Ok(())
}
