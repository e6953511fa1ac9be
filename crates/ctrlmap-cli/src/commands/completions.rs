//! `ctrlmap completions`: a shell completion script.

use std::io::{self, Write};

use clap::CommandFactory;

use crate::failure::Failure;
use crate::output::Out;

/// Print a shell completion script.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The shell.
    shell: clap_complete::Shell,
}

/// Prints the completion script for the shell `args` names, all of it or an error.
pub(crate) fn run(args: &Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    // Generated into memory first: clap_complete panics on a failed write. A script cut
    // short is useless, so a closed pipe is an error here, unlike for other output.
    let mut script = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut crate::Cli::command(),
        "ctrlmap",
        &mut script,
    );
    out.w
        .write_all(&script)
        .and_then(|()| out.w.flush())
        .map_err(|e| {
            Failure::Io(io::Error::other(format!(
                "the completion script was not written in full: {e}"
            )))
        })
}
