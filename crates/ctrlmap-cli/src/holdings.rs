//! What `coverage --have` names: frameworks, controls, files of controls, and held reports.

use std::io::{self, Write};

use ctrlmap::crosswalk::Holding;
use ctrlmap::{ControlRef, FrameworkId, Library};

use crate::failure::Failure;
use crate::lookup::{did_you_mean, find_control};

/// The most unknown lines of a `--have` file listed one by one.
const MAX_LISTED: usize = 100;

/// What `--have` names: a framework, a control or group, a file of controls, or a SOC 2
/// engagement file. A name that reads as a framework or control is one, even when a file of
/// that name exists (a note says so); `./NAME` names the file.
pub(crate) fn holdings(
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
        } else if let Some(selection) = selection(lib, item) {
            Some(selection)
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
            // Past the first few unknown lines, no more close-name searches (each costs a
            // pass over a catalog), and past a screenful, a count instead of more lines.
            let mut unknown = 0usize;
            for (n, line) in text.lines().enumerate() {
                let line = line.split('#').next().unwrap_or_default().trim();
                if line.is_empty() {
                    continue;
                }
                if unknown >= ctrlmap::suggest::MAX_SUGGESTIONS {
                    let known = line
                        .parse::<ControlRef>()
                        .ok()
                        .and_then(|r| lib.resolve(&r));
                    match known {
                        Some(node) => out.push(Holding::Control(node.control_ref())),
                        None => {
                            unknown += 1;
                            if unknown <= MAX_LISTED {
                                problems.push(format!(
                                    "{item}:{}: {line:?} is not a loaded control",
                                    n + 1
                                ));
                            }
                        }
                    }
                    continue;
                }
                match find_control(lib, line) {
                    Ok(node) => out.push(Holding::Control(node.control_ref())),
                    Err(Failure::Usage(m)) => {
                        unknown += 1;
                        problems.extend(m.into_iter().map(|m| format!("{item}:{}: {m}", n + 1)));
                    }
                    Err(e) => return Err(e),
                }
            }
            if unknown > MAX_LISTED {
                problems.push(format!(
                    "{item}: and {} more lines that name no loaded control",
                    unknown - MAX_LISTED
                ));
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

/// A named selection of a framework's controls, such as the baseline `sp800-53:moderate`
/// (in any case), held as a group: exactly the controls it lists.
fn selection(lib: &Library, item: &str) -> Option<Holding> {
    let (framework, id) = item.trim().split_once(':')?;
    let catalog = lib.catalog(&framework.trim().parse().ok()?)?;
    if catalog.find(id.trim()).is_some() {
        return None;
    }
    let s = catalog
        .selections()
        .iter()
        .find(|s| s.id.as_str().eq_ignore_ascii_case(id.trim()))?;
    Some(Holding::Group(catalog.control_ref(&s.id)))
}
