//! `ctrlmap coverage`: the readiness report, how much of a target framework what you hold
//! covers.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use ctrlmap::Library;
use ctrlmap::crosswalk::{Applicability, CoverageOptions};
use ctrlmap::hipaa::entity::{CoveredEntityKind, EntityKind};
use ctrlmap::report::{ReadinessReport, ReportContext};

use crate::cli::{ReportFormat, hops};
use crate::failure::Failure;
use crate::holdings::holdings;
use crate::lookup::find_framework;
use crate::output::Out;
use crate::render;

/// Report how much of a target framework what you hold covers.
///
/// `--have soc2` holds every SOC 2 criterion: all five categories. A SOC 2 report covers
/// only the categories in its scope: hold those (`--have soc2:security --have
/// soc2:availability`) or give the engagement file (`--have engagement.json`, the
/// `soc2-engagement` format). A group (`soc2:CC6`, a HITRUST category) holds every
/// assessable control under it.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
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
    /// A file of documented decisions on HIPAA's addressable implementation specifications
    /// (the `hipaa-addressable-decisions` format): one decided not reasonable and appropriate,
    /// with or without an alternative, is addressed by that decision (with --target hipaa).
    #[arg(long, value_name = "FILE")]
    addressable: Option<PathBuf>,
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
}

/// What an organization is under HIPAA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Entity {
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

/// Today's date (UTC), or the date of `SOURCE_DATE_EPOCH` when it is set, so that reports can
/// be made reproducibly.
fn today_date() -> jiff::civil::Date {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    jiff::tz::Offset::UTC.to_datetime(now).date()
}

/// Writes the readiness report `args` asks for.
pub(crate) fn run(lib: &Library, args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let Args {
        have,
        target,
        entity,
        not_applicable,
        addressable,
        max_hops,
        max_paths,
        as_of,
        width,
        format,
    } = args;
    let target = find_framework(lib, &target)?.id().clone();
    let as_of = as_of.unwrap_or_else(today_date);
    let holdings = holdings(lib, &have, &target, as_of)?;
    let mut options = CoverageOptions::new()
        .with_max_hops(max_hops)
        .with_max_paths(max_paths);
    let mut context = ReportContext::new().generated(as_of.to_string());
    // Where each not-applicable entry came from, to name both places of a conflict.
    let mut places: Vec<(ctrlmap::crosswalk::NotApplicable, String)> = Vec::new();
    if let Some(entity) = entity {
        if target.as_str() != "hipaa" {
            return Err(Failure::usage(format!(
                "--entity describes a HIPAA entity; it needs --target hipaa, not {target}"
            )));
        }
        let entries = ctrlmap::hipaa_not_applicable(entity.kind());
        places.extend(entries.iter().map(|e| (e.clone(), "--entity".to_owned())));
        options = options.with_not_applicable(entries);
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
    if let Some(path) = &addressable {
        if target.as_str() != "hipaa" {
            return Err(Failure::usage(format!(
                "--addressable holds decisions on HIPAA specifications; it needs --target hipaa, not {target}"
            )));
        }
        let text = ctrlmap::load::read_text_limited(path, &ctrlmap::load::Limits::default())
            .map_err(|e| Failure::usage(format!("--addressable: {e}")))?;
        let origin = path.display().to_string();
        let decisions: ctrlmap::hipaa::AddressableDecisions =
            ctrlmap::load::from_str(&text, &origin).map_err(|e| {
                Failure::usage(format!(
                    "--addressable: {e} (the hipaa-addressable-decisions format)"
                ))
            })?;
        let entries = ctrlmap::addressable_not_applicable(&decisions);
        context = context.applicability(format!(
            "{} addressable specification{} addressed by documented decisions (§ 164.306(d)(3)) from {origin}.",
            entries.len(),
            if entries.len() == 1 { " is" } else { "s are" }
        ));
        places.extend(
            entries
                .iter()
                .map(|e| (e.clone(), format!("--addressable {origin}"))),
        );
        options = options.with_not_applicable(entries);
    }
    for path in &not_applicable {
        let file = Applicability::from_path(path)
            .map_err(|e| Failure::usage(format!("--not-applicable: {e}")))?;
        let refused =
            ctrlmap::hipaa_refused_not_applicable(file.entries(), entity.map(Entity::kind));
        if !refused.is_empty() {
            return Err(Failure::Usage(
                refused
                    .into_iter()
                    .map(|p| format!("--not-applicable {}: {p}", path.display()))
                    .collect(),
            ));
        }
        let n = file.entries().len();
        context = context.applicability(format!(
            "{n} {} from {}{}.",
            if n == 1 { "entry" } else { "entries" },
            path.display(),
            file.title().map(|t| format!(" ({t})")).unwrap_or_default()
        ));
        places.extend(
            file.entries()
                .iter()
                .map(|e| (e.clone(), format!("--not-applicable {}", path.display()))),
        );
        options = options.with_not_applicable(file.into_entries());
    }
    let coverage = lib
        .crosswalk()
        .coverage_with(&holdings, &target, &options)
        .map_err(|e| Failure::usage(with_places(&e, &places)))?;
    let report = ReadinessReport::new(lib, coverage, &context);
    render::coverage(&report, format, render::width(width.map(usize::from)), out)
}

/// A coverage error's message; a conflict between two not-applicable entries also names the
/// flag and file each came from.
fn with_places(
    error: &ctrlmap::crosswalk::CoverageError,
    places: &[(ctrlmap::crosswalk::NotApplicable, String)],
) -> String {
    let ctrlmap::crosswalk::CoverageError::ConflictingNotApplicable { first, second } = error
    else {
        return error.to_string();
    };
    let first_at = places.iter().position(|(e, _)| e == first.as_ref());
    let second_place = places
        .iter()
        .skip(first_at.map_or(0, |i| i + 1))
        .find(|(e, _)| e == second.as_ref())
        .map(|(_, place)| place);
    match (first_at.and_then(|i| places.get(i)), second_place) {
        (Some((_, a)), Some(b)) => format!("{error} (the first from {a}, the second from {b})"),
        _ => error.to_string(),
    }
}
