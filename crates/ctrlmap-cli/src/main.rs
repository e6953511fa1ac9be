//! The `ctrlmap` command: compliance frameworks and the crosswalk between them.
//!
//! Exit status: 0 on success; 1 when output cannot be written; 2 for bad usage, an unknown
//! framework, control or schema (the message names the closest valid one), invalid input
//! files, or a file that `ctrlmap validate` finds invalid.
//!
//! Each command lives in its own module under `commands`, with its arguments and its work;
//! this file parses the command line, dispatches, and turns failures into exit statuses.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

mod cli;
mod commands;
mod failure;
mod holdings;
mod library;
mod lookup;
mod output;
mod render;
mod table;

use crate::failure::Failure;
use crate::output::Out;

/// Compliance frameworks (SOC 2, COSO, HIPAA, HITRUST, NIST SP 800-53, NIST CSF 2.0) as typed catalogs, and the crosswalk
/// between them.
#[derive(Debug, Parser)]
#[command(name = "ctrlmap", version, propagate_version = true)]
#[command(
    after_help = "Exit status: 0 success, 1 output could not be written, 2 bad usage or invalid input."
)]
struct Cli {
    #[command(flatten)]
    inputs: library::Inputs,
    /// When to colour output: on a terminal only (auto), always or never. NO_COLOR is honoured.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, help_heading = "Output (every command)")]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The commands; each one's help is the doc comment of its `Args`.
#[derive(Debug, Subcommand)]
enum Command {
    Frameworks(commands::frameworks::Args),
    Tree(commands::tree::Args),
    Show(commands::show::Args),
    Map(commands::map::Args),
    Coverage(commands::coverage::Args),
    Disagreements(commands::disagreements::Args),
    Search(commands::search::Args),
    Export(commands::export::Args),
    ImportOscal(commands::import_oscal::Args),
    ImportCprt(commands::import_cprt::Args),
    Schema(commands::schema::Args),
    Validate(commands::validate::Args),
    Completions(commands::completions::Args),
}

/// The command line, and its matches (to tell options given from their defaults).
fn parse() -> Result<(Cli, ArgMatches), clap::Error> {
    let matches = Cli::command().try_get_matches()?;
    let cli = Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut Cli::command()))?;
    Ok((cli, matches))
}

fn main() -> ExitCode {
    let (cli, matches) = match parse() {
        Ok(parsed) => parsed,
        // --help and --version land here too: report a failure to write them.
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let printed = e.print().and_then(|()| io::stdout().flush());
            return match printed {
                Ok(()) => ExitCode::from(code),
                Err(err) => {
                    let _ = writeln!(io::stderr(), "ctrlmap: error: cannot write output: {err}");
                    ExitCode::from(1)
                }
            };
        }
    };
    let stdout = io::stdout();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = Out {
        w: io::BufWriter::new(stdout.lock()),
        color,
    };
    let result = run(cli, &matches, &mut out).and_then(|()| out.w.flush().map_err(Failure::Io));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`ctrlmap tree coso | head`) is not an error.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            let _ = writeln!(
                io::stderr(),
                "ctrlmap: error: cannot write output: {}",
                ctrlmap::escape::terminal_text(&e.to_string())
            );
            ExitCode::from(1)
        }
        Err(Failure::Usage(messages)) => {
            let mut err = io::stderr().lock();
            // Messages quote file names and file contents: shown, never obeyed.
            for m in messages {
                let _ = writeln!(
                    err,
                    "ctrlmap: error: {}",
                    ctrlmap::escape::terminal_text(&m)
                );
            }
            ExitCode::from(2)
        }
    }
}

/// Runs the command: those that read no library first, then the rest with the library of the
/// built-in data and the user's files.
fn run(cli: Cli, matches: &ArgMatches, out: &mut Out<impl Write>) -> Result<(), Failure> {
    match &cli.command {
        Command::Completions(args) => return commands::completions::run(args, out),
        Command::Validate(args) => return commands::validate::run(args, &cli.inputs, out),
        _ => {}
    }
    let lib = library::library(&cli.inputs)?;
    match cli.command {
        Command::Frameworks(args) => commands::frameworks::run(&lib, args, out),
        Command::Tree(args) => commands::tree::run(&lib, args, out),
        Command::Show(args) => commands::show::run(&lib, args, out),
        Command::Map(args) => {
            commands::map::run(&lib, args, matches.subcommand_matches("map"), out)
        }
        Command::Coverage(args) => commands::coverage::run(&lib, args, out),
        Command::Disagreements(args) => commands::disagreements::run(&lib, args, out),
        Command::Search(args) => commands::search::run(&lib, args, out),
        Command::Export(args) => commands::export::run(&lib, args, out),
        Command::ImportOscal(args) => commands::import_oscal::run(args, out),
        Command::ImportCprt(args) => commands::import_cprt::run(args, out),
        Command::Schema(args) => commands::schema::run(args, out),
        Command::Validate(_) | Command::Completions(_) => Ok(()),
    }
}
