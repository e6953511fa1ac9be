//! A coverage report written as JSON (the `coverage-report` format): what of HIPAA a SOC 2
//! report covers. Pipe it to a file or another program.
//!
//! Run with `cargo run --example coverage_json > coverage.json`.

use std::error::Error;
use std::io::Write;

use ctrlmap::crosswalk::Holding;

fn main() -> Result<(), Box<dyn Error>> {
    let report = ctrlmap::builtin_crosswalk().coverage(
        &[Holding::Framework("soc2".parse()?)],
        &"hipaa".parse()?,
        3,
    )?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &report)?;
    writeln!(out)?;
    Ok(())
}
