//! The `ctrlmap` command: compliance frameworks and the crosswalk between them.
//!
//! Exit status: 0 on success; 1 when output cannot be written; 2 for bad usage, an unknown
//! framework, control or schema (the message names the closest valid one), invalid input
//! files, or a file that `ctrlmap validate` finds invalid.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use ctrlmap::crosswalk::{Applicability, CoverageOptions, Holding};
use ctrlmap::hipaa::entity::{CoveredEntityKind, EntityKind};
use ctrlmap::report::{ReadinessReport, ReportContext};
use ctrlmap::{Catalog, ControlRef, FrameworkId, Library, NodeKind, NodeRef};
use serde_json::{Value, json};

mod render;
mod table;

/// Compliance frameworks (SOC 2, COSO, HIPAA, HITRUST) as typed catalogs, and the crosswalk
/// between them.
#[derive(Debug, Parser)]
#[command(name = "ctrlmap", version, propagate_version = true)]
#[command(
    after_help = "Exit status: 0 success, 1 output could not be written, 2 bad usage or invalid input."
)]
struct Cli {
    #[command(flatten)]
    inputs: Inputs,
    /// When to colour output: on a terminal only (auto), always or never. NO_COLOR is honoured.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, help_heading = "Output (every command)")]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

/// A user's own files, added to the built-in data.
#[derive(Debug, Args)]
struct Inputs {
    /// Add a catalog file (repeatable).
    #[arg(
        long = "catalog",
        value_name = "FILE",
        global = true,
        help_heading = "Your files (every command)"
    )]
    catalogs: Vec<PathBuf>,
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

/// What an organization is under HIPAA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Entity {
    /// A health care provider (a covered entity).
    HealthCareProvider,
    /// A health plan other than a group health plan (a covered entity).
    HealthPlan,
    /// A group health plan (a covered entity bound by 164.314(b) too).
    GroupHealthPlan,
    /// A health care clearinghouse (a covered entity).
    HealthCareClearinghouse,
    /// A business associate of a covered entity.
    BusinessAssociate,
    /// A subcontractor of a business associate (a business associate itself).
    Subcontractor,
}

/// A hop count from 1 to [`ctrlmap::crosswalk::MAX_HOPS`]: larger ones are refused, not
/// silently lowered.
fn hops(text: &str) -> Result<usize, String> {
    let max = ctrlmap::crosswalk::MAX_HOPS;
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        Ok(n) => Err(format!(
            "{n} is not from 1 to {max}, the most hops ctrlmap follows"
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, or the date of `SOURCE_DATE_EPOCH` when it is set, so
/// that reports can be made reproducibly.
/// Today in UTC, or the day `SOURCE_DATE_EPOCH` names (for reproducible output).
fn today_date() -> jiff::civil::Date {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    jiff::tz::Offset::UTC.to_datetime(now).date()
}

impl Entity {
    fn describe(self) -> &'static str {
        match self {
            Self::HealthCareProvider => "health care provider (a covered entity)",
            Self::HealthPlan => "health plan (a covered entity)",
            Self::GroupHealthPlan => "group health plan (a covered entity)",
            Self::HealthCareClearinghouse => "health care clearinghouse (a covered entity)",
            Self::BusinessAssociate => "business associate",
            Self::Subcontractor => "subcontractor of a business associate (a business associate)",
        }
    }

    fn kind(self) -> EntityKind {
        let covered = |of| EntityKind::CoveredEntity { of };
        match self {
            Self::HealthCareProvider => covered(CoveredEntityKind::HealthCareProvider),
            Self::HealthPlan => covered(CoveredEntityKind::HealthPlan),
            Self::GroupHealthPlan => covered(CoveredEntityKind::GroupHealthPlan),
            Self::HealthCareClearinghouse => covered(CoveredEntityKind::HealthCareClearinghouse),
            Self::BusinessAssociate => EntityKind::BusinessAssociate {
                subcontractor: false,
            },
            Self::Subcontractor => EntityKind::BusinessAssociate {
                subcontractor: true,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned plain text for people.
    Table,
    /// JSON for programs.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// Plain text for people, laid out for the terminal's width (or --width).
    Table,
    /// The readiness-report JSON format (see `ctrlmap schema readiness-report`).
    Json,
    /// One row per requirement.
    Csv,
    /// A Markdown document.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
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

#[derive(Debug, Subcommand)]
enum Command {
    /// List the frameworks.
    Frameworks {
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print a framework's tree of nodes in document order.
    Tree {
        /// The framework id, such as `coso`.
        framework: String,
        /// Also print the elements of its requirements and their key activities (NIST SP
        /// 800-66r2's for HIPAA), which are left out otherwise.
        #[arg(long)]
        elements: bool,
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show one control with its parent, children and properties.
    Show {
        /// The control as `framework:id`, such as `soc2:CC6.1`.
        control: String,
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show how a control maps to other frameworks, directly or by inference.
    Map {
        /// The control as `framework:id`.
        control: String,
        /// Only mappings to this framework.
        #[arg(long)]
        to: Option<String>,
        /// Follow chains of mappings, composing their relationships.
        #[arg(long)]
        infer: bool,
        /// The most mappings a chain may follow with --infer (1 to 6).
        #[arg(long, default_value_t = ctrlmap::crosswalk::DEFAULT_MAX_HOPS, value_name = "N",
              value_parser = hops)]
        max_hops: usize,
        /// The most paths --infer explores before it stops and says its answer is incomplete.
        #[arg(long, default_value_t = ctrlmap::crosswalk::DEFAULT_MAX_PATHS, value_name = "N")]
        max_paths: usize,
        /// Show the path behind each answer.
        #[arg(long)]
        explain: bool,
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Report how much of a target framework what you hold covers.
    ///
    /// `--have soc2` holds every SOC 2 criterion: all five categories. A SOC 2 report covers
    /// only the categories in its scope: hold those (`--have soc2:security --have
    /// soc2:availability`) or give the engagement file (`--have engagement.json`, the
    /// `soc2-engagement` format). A group (`soc2:CC6`, a HITRUST category) holds every
    /// assessable control under it.
    Coverage {
        /// What you hold: a framework id, a control or group reference, a file listing control
        /// references one per line, or a SOC 2 engagement file (repeatable). A reference
        /// is never read as a file of the same name: write `./NAME` for the file.
        #[arg(long, required = true, value_name = "FRAMEWORK|CONTROL|FILE")]
        have: Vec<String>,
        /// The framework to assess, such as `hipaa`.
        #[arg(long, value_name = "FRAMEWORK")]
        target: String,
        /// What the organization is under HIPAA: requirements that do not bind it are not
        /// applicable (with --target hipaa).
        #[arg(long, value_enum, value_name = "KIND")]
        entity: Option<Entity>,
        /// A file of requirements that do not apply, each with its reason (the
        /// `applicability` format; repeatable).
        #[arg(long = "not-applicable", value_name = "FILE")]
        not_applicable: Vec<PathBuf>,
        /// The most mappings a justification may follow (1 to 6).
        #[arg(long, default_value_t = ctrlmap::crosswalk::DEFAULT_MAX_HOPS, value_name = "N",
              value_parser = hops)]
        max_hops: usize,
        /// The most paths the search for one requirement explores before it stops and marks
        /// the requirement incomplete.
        #[arg(long, default_value_t = ctrlmap::crosswalk::DEFAULT_MAX_PATHS, value_name = "N")]
        max_paths: usize,
        /// The assessment date held reports are read at (a SOC 2 report more than 12 months
        /// past its period is out of date); default: today.
        #[arg(long = "as-of", value_name = "YYYY-MM-DD")]
        as_of: Option<jiff::civil::Date>,
        /// With --format table: the line width (default: the terminal's, else COLUMNS, else
        /// 100).
        #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..))]
        width: Option<u16>,
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
    /// Find controls by words in their ids, titles, summaries and texts.
    Search {
        /// The words; every one must occur.
        #[arg(required = true)]
        words: Vec<String>,
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Export the crosswalk, or one catalog or mapping set as OSCAL.
    Export {
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// With --format oscal: the framework whose catalog to export.
        #[arg(long, conflicts_with = "set")]
        framework: Option<String>,
        /// With --format oscal: the mapping set to export, by id (such as `hipaa-soc2`).
        #[arg(long)]
        set: Option<String>,
    },
    /// Convert an OSCAL catalog or mapping collection into ctrlmap's own format.
    ImportOscal {
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
    },
    /// Convert a NIST CPRT JSON export (CSF 2.0, SP 800-53, 800-171, 800-66 …) into a ctrlmap
    /// catalog.
    ImportCprt {
        /// The CPRT export.
        file: PathBuf,
        /// The framework id to give the catalog, such as `nist-csf-2`.
        #[arg(long, value_name = "ID")]
        framework: String,
    },
    /// Print the JSON Schema of a data format, or list the formats when no name is given.
    Schema {
        /// The format, such as `catalog` or `mapping-set`.
        name: Option<String>,
        /// Output format of the list.
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Check a catalog, catalog extension, text overlay or mapping set file and print every
    /// problem; the exit status says whether it is valid.
    Validate {
        /// The file.
        file: PathBuf,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Why a command failed, and so its exit status.
#[derive(Debug)]
enum Failure {
    /// Bad input from the user, one message per line: exit 2.
    Usage(Vec<String>),
    /// Output could not be written: exit 1.
    Io(io::Error),
}

impl Failure {
    fn usage(message: impl Into<String>) -> Self {
        Self::Usage(vec![message.into()])
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

/// Whether to colour, and the output stream.
struct Out<W> {
    w: W,
    color: bool,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
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
    let result = run(cli, &mut out).and_then(|()| out.w.flush().map_err(Failure::Io));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`ctrlmap tree coso | head`) is not an error.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            let _ = writeln!(io::stderr(), "ctrlmap: error: cannot write output: {e}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(messages)) => {
            let mut err = io::stderr().lock();
            for m in messages {
                let _ = writeln!(err, "ctrlmap: error: {m}");
            }
            ExitCode::from(2)
        }
    }
}

fn builder(inputs: &Inputs) -> ctrlmap::LibraryBuilder {
    let mut builder = Library::builder();
    for p in &inputs.catalogs {
        builder = builder.catalog_path(p);
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

fn library(inputs: &Inputs) -> Result<Library, Failure> {
    builder(inputs)
        .build()
        .map_err(|e| Failure::Usage(lines(&e)))
}

/// Every problem of a failed build on a line of its own, each naming its file.
fn lines(e: &ctrlmap::LibraryError) -> Vec<String> {
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

fn run(cli: Cli, out: &mut Out<impl Write>) -> Result<(), Failure> {
    if let Command::Completions { shell } = cli.command {
        // Generated into memory first: clap_complete panics on a failed write. A script cut
        // short is useless, so a closed pipe is an error here, unlike for other output.
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "ctrlmap", &mut script);
        return out
            .w
            .write_all(&script)
            .and_then(|()| out.w.flush())
            .map_err(|e| {
                Failure::Io(io::Error::other(format!(
                    "the completion script was not written in full: {e}"
                )))
            });
    }
    if let Command::Validate { file } = &cli.command {
        return validate(file, &cli.inputs, out);
    }
    let lib = library(&cli.inputs)?;
    match cli.command {
        Command::Frameworks { format } => frameworks(&lib, format, out),
        Command::Tree {
            framework,
            elements,
            format,
        } => tree(find_framework(&lib, &framework)?, elements, format, out),
        Command::Show { control, format } => show(find_control(&lib, &control)?, format, out),
        Command::Map {
            control,
            to,
            infer,
            max_hops,
            max_paths,
            explain,
            format,
        } => {
            let node = find_control(&lib, &control)?;
            let to = to
                .map(|t| find_framework(&lib, &t).map(|c| c.id().clone()))
                .transpose()?;
            map(
                &lib,
                node,
                to.as_ref(),
                Search {
                    infer,
                    max_hops,
                    max_paths,
                },
                explain,
                format,
                out,
            )
        }
        Command::Coverage {
            have,
            target,
            entity,
            not_applicable,
            max_hops,
            max_paths,
            as_of,
            width,
            format,
        } => {
            let target = find_framework(&lib, &target)?.id().clone();
            let as_of = as_of.unwrap_or_else(today_date);
            let holdings = holdings(&lib, &have, &target, as_of)?;
            let mut options = CoverageOptions::new()
                .with_max_hops(max_hops)
                .with_max_paths(max_paths);
            let mut context = ReportContext::new().generated(as_of.to_string());
            if let Some(entity) = entity {
                if target.as_str() != "hipaa" {
                    return Err(Failure::usage(format!(
                        "--entity describes a HIPAA entity; it needs --target hipaa, not {target}"
                    )));
                }
                options = options.with_not_applicable(ctrlmap::hipaa_not_applicable(entity.kind()));
                context = context.applicability(format!(
                    "Entity: {}, so the HIPAA requirements that do not bind it are not applicable (--entity).",
                    entity.describe()
                ));
                for row in ctrlmap::hipaa::catalog().assessable() {
                    if let Some(p) = entity.kind().binding_paragraph(row.id.as_str()) {
                        let hipaa = &ctrlmap::hipaa::FRAMEWORK_ID;
                        if let (Ok(r), Ok(p)) = (
                            format!("{hipaa}:{}", row.id).parse(),
                            format!("{hipaa}:{p}").parse(),
                        ) {
                            context = context.text_from(r, p);
                        }
                    }
                }
            }
            for path in &not_applicable {
                let file = Applicability::from_path(path)
                    .map_err(|e| Failure::usage(format!("--not-applicable: {e}")))?;
                context = context.applicability(format!(
                    "{} entries from {}{}.",
                    file.entries().len(),
                    path.display(),
                    file.title().map(|t| format!(" ({t})")).unwrap_or_default()
                ));
                options = options.with_not_applicable(file.into_entries());
            }
            let coverage = lib
                .crosswalk()
                .coverage_with(&holdings, &target, &options)
                .map_err(|e| Failure::usage(e.to_string()))?;
            let report = ReadinessReport::new(&lib, coverage, &context);
            render::coverage(&report, format, render::width(width.map(usize::from)), out)
        }
        Command::Search { words, format } => search(&lib, &words.join(" "), format, out),
        Command::Export {
            format,
            framework,
            set,
        } => {
            let cw = lib.crosswalk();
            let text = match format {
                ExportFormat::Oscal => oscal_export(&lib, framework.as_deref(), set.as_deref())?,
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
        Command::Schema { name: None, format } => schema_list(format, out),
        Command::Schema {
            name: Some(name), ..
        } => schema(&name, out),
        Command::ImportOscal {
            file,
            framework,
            source,
            target,
        } => import_oscal(&file, framework, source.zip(target), out),
        Command::ImportCprt { file, framework } => {
            let framework = parse_framework(&framework)?;
            let catalog = ctrlmap::cprt::CprtExport::from_path(&file)
                .and_then(|export| export.to_catalog(framework))
                .map_err(|e| Failure::usage(e.to_string()))?;
            out.w
                .write_all((catalog.to_json_pretty() + "\n").as_bytes())?;
            Ok(())
        }
        Command::Validate { .. } | Command::Completions { .. } => Ok(()),
    }
}

fn parse_framework(text: &str) -> Result<ctrlmap::FrameworkId, Failure> {
    text.parse().map_err(|e| Failure::usage(format!("{e}")))
}

fn oscal_export(
    lib: &Library,
    framework: Option<&str>,
    set: Option<&str>,
) -> Result<String, Failure> {
    match (framework, set) {
        (Some(f), _) => Ok(ctrlmap::oscal::catalog_to_json(find_framework(lib, f)?)),
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

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!(" (did you mean \"{s}\"?)"))
        .unwrap_or_default()
}

fn find_framework<'a>(lib: &'a Library, id: &str) -> Result<&'a Catalog, Failure> {
    let found = id.parse::<FrameworkId>().ok();
    found.and_then(|f| lib.catalog(&f)).ok_or_else(|| {
        let ids: Vec<&str> = lib.catalogs().map(|c| c.id().as_str()).collect();
        Failure::usage(format!(
            "unknown framework \"{id}\"{}; frameworks: {}",
            did_you_mean(ctrlmap::suggest::closest(id, ids.iter().copied())),
            ids.join(", ")
        ))
    })
}

/// Finds a control by `framework:id` (or an alias), accepting the id in any case when that is
/// unambiguous, and the citation forms practitioners type: `45 CFR 164.312(a)(2)(iv)`,
/// `§ 164.312(a)(2)(iv)`, `hipaa:§ 164.312(a)(2)(iv)`, or an id alone such as `cc6.1` when
/// exactly one framework has it.
fn find_control<'a>(lib: &'a Library, text: &str) -> Result<NodeRef<'a>, Failure> {
    let text = text.trim();
    let reference: ControlRef = match text.parse() {
        Ok(r) => r,
        Err(e) => {
            if let Some(node) = loose_citation(lib, text) {
                return Ok(node);
            }
            return Err(Failure::usage(format!("{e}")));
        }
    };
    let catalog = find_framework(lib, reference.framework().as_str())?;
    let wanted = reference.control().as_str();
    if let Some(node) = catalog.find(wanted) {
        return Ok(node);
    }
    let mut loose = catalog
        .iter()
        .filter(|n| n.node().id.as_str().eq_ignore_ascii_case(wanted));
    if let (Some(node), None) = (loose.next(), loose.next()) {
        return Ok(node);
    }
    if let Some(within) = catalog.enclosing(wanted) {
        return Err(Failure::usage(format!(
            "no control \"{wanted}\" in {}: {} exists, but has no such paragraph",
            catalog.id(),
            within.control_ref()
        )));
    }
    let suggestion = catalog
        .closest_id(wanted)
        .map(|id| catalog.control_ref(id).to_string());
    Err(Failure::usage(format!(
        "no control \"{wanted}\" in {}{}",
        catalog.id(),
        did_you_mean(suggestion.as_deref())
    )))
}

/// A control named the way practitioners write it: a HIPAA citation in any of the forms
/// `ctrlmap_hipaa::Citation` reads, or an id without its framework that exactly one loaded
/// framework has (in any case).
fn loose_citation<'a>(lib: &'a Library, text: &str) -> Option<NodeRef<'a>> {
    if let Ok(citation) = text.parse::<ctrlmap::hipaa::Citation>()
        && let Some(hipaa) = lib.catalog(&ctrlmap::hipaa::FRAMEWORK_ID)
        && let Some(node) = hipaa.find(&citation.to_string())
    {
        return Some(node);
    }
    if text.contains(':') {
        return None;
    }
    let mut found = lib.catalogs().filter_map(|c| {
        c.find(text).or_else(|| {
            let mut loose = c
                .iter()
                .filter(|n| n.node().id.as_str().eq_ignore_ascii_case(text));
            match (loose.next(), loose.next()) {
                (Some(n), None) => Some(n),
                _ => None,
            }
        })
    });
    match (found.next(), found.next()) {
        (Some(node), None) => Some(node),
        _ => None,
    }
}

/// What `--have` names: a framework, a control or group, a file of controls, or a SOC 2
/// engagement file. A name that reads as a framework or control is one, even when a file of
/// that name exists (a note says so); `./NAME` names the file.
fn holdings(
    lib: &Library,
    have: &[String],
    target: &FrameworkId,
    as_of: jiff::civil::Date,
) -> Result<Vec<Holding>, Failure> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for item in have {
        // SOC 1 and SOC 3 reports are not evidence of criteria: say why, and what was meant.
        let family = match item.trim().to_ascii_lowercase().as_str() {
            "soc1" | "soc-1" => Some(ctrlmap::soc2::ReportFamily::Soc1),
            "soc3" | "soc-3" => Some(ctrlmap::soc2::ReportFamily::Soc3),
            _ => None,
        };
        if let Some(why) = family.and_then(ctrlmap::soc2::ReportFamily::refusal) {
            problems.push(format!(
                "--have {item}: {why} (--have soc2, or a soc2-engagement file)"
            ));
            continue;
        }
        let framework = item.parse::<FrameworkId>().ok();
        let as_reference = if let Some(c) = framework.and_then(|f| lib.catalog(&f)) {
            Some(Holding::Framework(c.id().clone()))
        } else if item.contains(':') && item.parse::<ControlRef>().is_ok() {
            match find_control(lib, item) {
                Ok(node) => Some(Holding::Control(node.control_ref())),
                Err(Failure::Usage(m)) => {
                    problems.extend(m);
                    continue;
                }
                Err(e) => return Err(e),
            }
        } else {
            None
        };
        if let Some(holding) = as_reference {
            if std::path::Path::new(item).exists() {
                let _ = writeln!(
                    io::stderr(),
                    "ctrlmap: note: --have {item} is read as {holding}, not as the file of that name; write ./{item} for the file"
                );
            }
            out.push(holding);
            continue;
        }
        let text = ctrlmap::load::read_text_limited(
            std::path::Path::new(item),
            &ctrlmap::load::Limits::default(),
        )
        .map_err(|e| {
            let ids: Vec<&str> = lib.catalogs().map(|c| c.id().as_str()).collect();
            Failure::usage(format!(
                "--have {item}: not a framework{} ({}), not a control, and not a readable file: {e}",
                did_you_mean(ctrlmap::suggest::closest(item, ids.iter().copied())),
                ids.join(", ")
            ))
        })?;
        let before = out.len() + problems.len();
        if text.trim_start().starts_with('{') && text.contains("\"report_date\"") {
            // A HITRUST assessment (the hitrust-assessment format).
            match ctrlmap::hitrust::HeldAssessment::from_json_str_with_origin(&text, item) {
                Ok(a) => match ctrlmap::hitrust_assessment_holding(&a, as_of) {
                    Ok(held) => out.push(held),
                    Err(e) => problems.push(format!("--have {item}: {e}")),
                },
                Err(ctrlmap::hitrust::HeldAssessmentError::Load(e)) => problems.push(format!(
                    "{e} (not a HITRUST assessment file, the hitrust-assessment format)"
                )),
                Err(e) => problems.push(e.to_string()),
            }
        } else if text.trim_start().starts_with('{') {
            match ctrlmap::soc2::Engagement::from_json_str_with_origin(&text, item) {
                Ok(engagement) => match ctrlmap::soc2_report_holding(&engagement, target, as_of) {
                    Ok(held) => out.push(held),
                    Err(e) => problems.push(format!("--have {item}: {e}")),
                },
                Err(ctrlmap::soc2::EngagementError::Load(e)) => problems.push(format!(
                    "{e} (not a SOC 2 engagement file, the soc2-engagement format)"
                )),
                Err(e) => problems.push(e.to_string()),
            }
        } else {
            for (n, line) in text.lines().enumerate() {
                let line = line.split('#').next().unwrap_or_default().trim();
                if line.is_empty() {
                    continue;
                }
                match find_control(lib, line) {
                    Ok(node) => out.push(Holding::Control(node.control_ref())),
                    Err(Failure::Usage(m)) => {
                        problems.extend(m.into_iter().map(|m| format!("{item}:{}: {m}", n + 1)));
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        if out.len() + problems.len() == before {
            problems.push(format!(
                "--have {item}: the file names no control (one `framework:id` per line; `#` starts a comment)"
            ));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Failure::Usage(problems))
    }
}

fn write_json(out: &mut Out<impl Write>, value: &impl serde::Serialize) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut out.w, value).map_err(io::Error::from)?;
    writeln!(out.w)?;
    Ok(())
}

fn frameworks(lib: &Library, format: Format, out: &mut Out<impl Write>) -> Result<(), Failure> {
    match format {
        Format::Json => {
            let list: Vec<Value> = lib
                .catalogs()
                .map(|c| {
                    let fw = c.framework();
                    json!({
                        "id": fw.id,
                        "name": fw.name,
                        "version": fw.version,
                        "publisher": fw.publisher,
                        "published": fw.published,
                        "licence": fw.licence.kind(),
                        "nodes": c.len(),
                        "assessable": c.assessable().count(),
                    })
                })
                .collect();
            write_json(out, &list)
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = lib
                .catalogs()
                .map(|c| {
                    let fw = c.framework();
                    vec![
                        fw.id.to_string(),
                        fw.name.clone(),
                        fw.version.clone(),
                        c.len().to_string(),
                        c.assessable().count().to_string(),
                        fw.licence.kind().to_owned(),
                    ]
                })
                .collect();
            table::write(
                &mut out.w,
                &["ID", "NAME", "VERSION", "NODES", "ASSESSABLE", "TEXT"],
                &rows,
            )
        }
    }
}

/// Whether `tree` prints a node: elements and key activities only when asked for.
fn in_tree(node: NodeRef<'_>, elements: bool) -> bool {
    elements || !matches!(node.kind, NodeKind::Element | NodeKind::KeyActivity)
}

fn tree(
    catalog: &Catalog,
    elements: bool,
    format: Format,
    out: &mut Out<impl Write>,
) -> Result<(), Failure> {
    let left_out = catalog.iter().filter(|n| !in_tree(*n, elements)).count();
    match format {
        Format::Json => {
            let roots: Vec<Value> = catalog.roots().map(|r| tree_json(r, elements)).collect();
            write_json(
                out,
                &json!({ "framework": catalog.id(), "name": catalog.framework().name, "nodes": roots }),
            )
        }
        Format::Table => {
            for root in catalog.roots() {
                for node in std::iter::once(root)
                    .chain(root.descendants())
                    .filter(|n| in_tree(*n, elements))
                {
                    writeln!(
                        out.w,
                        "{:indent$}{}  {}",
                        "",
                        node.id,
                        ctrlmap::escape::terminal_text(&node.title),
                        indent = 2 * node.depth()
                    )?;
                }
            }
            if left_out > 0 {
                writeln!(
                    out.w,
                    "({left_out} elements and key activities not shown: --elements)"
                )?;
            }
            Ok(())
        }
    }
}

fn tree_json(node: NodeRef<'_>, elements: bool) -> Value {
    let mut object = serde_json::Map::new();
    object.insert("id".into(), json!(node.id));
    object.insert("kind".into(), json!(node.kind));
    object.insert("title".into(), json!(node.title));
    let children: Vec<Value> = node
        .children()
        .filter(|c| in_tree(*c, elements))
        .map(|c| tree_json(c, elements))
        .collect();
    if !children.is_empty() {
        object.insert("children".into(), Value::Array(children));
    }
    Value::Object(object)
}

fn brief(node: NodeRef<'_>) -> Value {
    json!({ "ref": node.control_ref(), "title": node.title })
}

/// NIST SP 800-66r2's key activities for a HIPAA requirement; none for anything else.
fn guidance(node: NodeRef<'_>) -> Vec<&'static ctrlmap::hipaa::guidance::KeyActivity> {
    if node.catalog().id() == &ctrlmap::hipaa::FRAMEWORK_ID {
        ctrlmap::hipaa::guidance::for_requirement(node.id.as_str())
    } else {
        Vec::new()
    }
}

fn show(node: NodeRef<'_>, format: Format, out: &mut Out<impl Write>) -> Result<(), Failure> {
    match format {
        Format::Json => write_json(
            out,
            &json!({
                "ref": node.control_ref(),
                "node": node.node(),
                "ancestors": node.ancestors().map(brief).collect::<Vec<_>>(),
                "children": node.children().map(brief).collect::<Vec<_>>(),
                "guidance": guidance(node),
            }),
        ),
        Format::Table => {
            writeln!(
                out.w,
                "{}",
                ctrlmap::escape::terminal_text(&format!("{}  {}", node.control_ref(), node.title))
            )?;
            let mut fields: Vec<(&str, String)> = vec![("kind", node.kind.to_string())];
            if let Some(parent) = node.parent() {
                fields.push((
                    "parent",
                    format!("{}  {}", parent.control_ref(), parent.title),
                ));
            }
            fields.push((
                "assessable",
                if node.assessable { "yes" } else { "no" }.to_owned(),
            ));
            if let Some(summary) = &node.summary {
                fields.push(("summary", summary.clone()));
            }
            if let Some(text) = &node.text {
                if let Some(source) = node.prop(ctrlmap::TEXT_SOURCE) {
                    fields.push((
                        "text from",
                        format!("the overlay {source}, not the catalog"),
                    ));
                }
                fields.push(("text", text.clone()));
            }
            for child in node.children() {
                fields.push(("children", format!("{}  {}", child.id, child.title)));
            }
            for prop in &node.props {
                fields.push(("props", format!("{} = {}", prop.name, prop.value)));
            }
            let key_activities = guidance(node);
            if !key_activities.is_empty() {
                fields.push((
                    "guidance",
                    format!("{} (public domain)", ctrlmap::hipaa::guidance::SOURCE),
                ));
            }
            for ka in &key_activities {
                fields.push(("guidance", format!("{}  {}", ka.id, ka.title)));
                for d in &ka.descriptions {
                    fields.push(("guidance", format!("  - {}", d.text)));
                    for p in &d.points {
                        fields.push(("guidance", format!("      - {p}")));
                    }
                }
                for q in &ka.sample_questions {
                    fields.push(("guidance", format!("  ? {}", q.text)));
                    for p in &q.points {
                        fields.push(("guidance", format!("      - {p}")));
                    }
                }
            }
            let mut previous = "";
            for (name, value) in &fields {
                let label = if *name == previous {
                    String::new()
                } else {
                    format!("{name}:")
                };
                writeln!(
                    out.w,
                    "{label:<12}{}",
                    ctrlmap::escape::terminal_text(value)
                )?;
                previous = name;
            }
            Ok(())
        }
    }
}

/// How `map` searches: directly, or by inference within these bounds.
struct Search {
    infer: bool,
    max_hops: usize,
    max_paths: usize,
}

fn map(
    lib: &Library,
    node: NodeRef<'_>,
    to: Option<&ctrlmap::FrameworkId>,
    search: Search,
    explain: bool,
    format: Format,
    out: &mut Out<impl Write>,
) -> Result<(), Failure> {
    let from = node.control_ref();
    let cw = lib.crosswalk();
    let title = |r: &ControlRef| {
        lib.resolve(r)
            .map(|n| ctrlmap::escape::terminal_text(&n.node().title))
            .unwrap_or_default()
    };
    let Search {
        infer,
        max_hops,
        max_paths,
    } = search;
    if infer {
        let targets: Vec<ctrlmap::FrameworkId> = match to {
            Some(t) => vec![t.clone()],
            None => cw
                .frameworks()
                .filter(|f| *f != from.framework())
                .cloned()
                .collect(),
        };
        let mut found = Vec::new();
        let mut complete = true;
        for t in &targets {
            if let Ok(i) = cw.infer_bounded(&from, t, max_hops, max_paths) {
                complete &= i.complete;
                found.extend(i.mappings);
            }
        }
        if !complete {
            let _ = writeln!(
                io::stderr(),
                "ctrlmap: warning: the search stopped after {max_paths} paths: the answer is incomplete (raise --max-paths)"
            );
        }
        if format == Format::Json {
            return write_json(out, &found);
        }
        if found.is_empty() {
            writeln!(
                out.w,
                "no inferred mappings from {from} within {max_hops} hops"
            )?;
        }
        for f in &found {
            let mixed = if f.mixes_rationales() {
                "  (mixed rationales)"
            } else {
                ""
            };
            writeln!(
                out.w,
                "{from} {} {}  {}  [{} hop{}, strength {}]{mixed}",
                f.relationships,
                f.target,
                title(&f.target),
                f.path.len(),
                if f.path.len() == 1 { "" } else { "s" },
                f.strength
            )?;
            if explain {
                for step in &f.path {
                    let confidence = step
                        .confidence
                        .map(|c| format!(", {} confidence", c.as_str()))
                        .unwrap_or_default();
                    writeln!(
                        out.w,
                        "    {} {} {}  ({}, strength {}{confidence})",
                        step.from, step.relationship, step.to, step.set, step.strength
                    )?;
                    if let Some(note) = &step.note {
                        writeln!(out.w, "        {}", ctrlmap::escape::terminal_text(note))?;
                    }
                }
            }
        }
        return Ok(());
    }
    let direct: Vec<_> = cw
        .direct(&from)
        .unwrap_or_default()
        .into_iter()
        .filter(|m| to.is_none_or(|t| m.to.framework() == t))
        .collect();
    if format == Format::Json {
        return write_json(out, &direct);
    }
    if direct.is_empty() {
        writeln!(out.w, "no mappings from {from}")?;
        for (set, reason) in cw.unmapped_reasons(&from) {
            writeln!(
                out.w,
                "    unmapped in {set}: {}",
                ctrlmap::escape::terminal_text(reason)
            )?;
        }
    }
    for m in &direct {
        writeln!(
            out.w,
            "{} {} {}  {}  [strength {}, {}]",
            m.from,
            m.relationship,
            m.to,
            title(&m.to),
            m.strength,
            m.set
        )?;
        if explain && let Some(note) = &m.note {
            writeln!(out.w, "    {}", ctrlmap::escape::terminal_text(note))?;
        }
    }
    Ok(())
}

fn search(
    lib: &Library,
    query: &str,
    format: Format,
    out: &mut Out<impl Write>,
) -> Result<(), Failure> {
    let hits = lib.search(query);
    match format {
        Format::Json => {
            let list: Vec<Value> = hits.into_iter().map(brief).collect();
            write_json(out, &list)
        }
        Format::Table => {
            if hits.is_empty() {
                writeln!(
                    out.w,
                    "no controls match \"{}\"",
                    ctrlmap::escape::terminal_text(query)
                )?;
            }
            for n in hits {
                writeln!(
                    out.w,
                    "{}  {}",
                    n.control_ref(),
                    ctrlmap::escape::terminal_text(&n.title)
                )?;
            }
            Ok(())
        }
    }
}

fn schema_list(format: Format, out: &mut Out<impl Write>) -> Result<(), Failure> {
    match format {
        Format::Json => {
            let list: Vec<Value> = ctrlmap::schema::ALL
                .iter()
                .map(|s| json!({ "name": s.name(), "file": s.file(), "description": s.description() }))
                .collect();
            write_json(out, &list)
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = ctrlmap::schema::ALL
                .iter()
                .map(|s| {
                    vec![
                        s.name().to_owned(),
                        s.file().to_owned(),
                        s.description().to_owned(),
                    ]
                })
                .collect();
            table::write(&mut out.w, &["NAME", "FILE", "DESCRIPTION"], &rows)
        }
    }
}

fn schema(name: &str, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let info = ctrlmap::schema::get(name).ok_or_else(|| {
        Failure::usage(format!(
            "unknown schema \"{name}\"{}; schemas: {}",
            did_you_mean(ctrlmap::suggest::closest(name, ctrlmap::schema::names())),
            ctrlmap::schema::names().collect::<Vec<_>>().join(", ")
        ))
    })?;
    out.w.write_all(info.to_json_string().as_bytes())?;
    Ok(())
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
