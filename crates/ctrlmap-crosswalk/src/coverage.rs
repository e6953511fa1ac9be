//! Coverage analysis: given what an organization holds, how much of a target framework is
//! covered.

use std::collections::HashSet;

use ctrlmap_core::{ControlRef, FrameworkId};
use petgraph::graph::NodeIndex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::graph::{Crosswalk, Found, Mapping};
use crate::relationship::RelationshipSet;

/// Something an organization holds: one control, or every assessable control of a framework
/// (a SOC 2 report, a HITRUST certification).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Holding {
    /// One control.
    Control(ControlRef),
    /// Every assessable control of a framework.
    Framework(FrameworkId),
}

/// How well a target requirement is covered.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CoverageStatus {
    /// Some held control is provably equal to or a superset of it, directly or by
    /// composition.
    Covered,
    /// Some held control provably overlaps it, but none provably covers it.
    Partial,
    /// No held control provably overlaps it.
    NotCovered,
}

/// One held control's relationship to a target requirement, with the path that shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Justification {
    /// The held control.
    pub held: ControlRef,
    /// The relations that can hold from the held control to the requirement.
    pub relationships: RelationshipSet,
    /// The mappings from the held control to the requirement, in order.
    pub path: Vec<Mapping>,
}

/// One requirement of the target framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct CoverageRow {
    /// The requirement.
    pub control: ControlRef,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: CoverageStatus,
    /// The evidence: for covered rows the paths that cover, for partial rows the paths that
    /// overlap; best first, at most three.
    pub justification: Vec<Justification>,
}

/// Counts of a coverage report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Totals {
    /// Requirements assessed.
    pub total: usize,
    /// Covered.
    pub covered: usize,
    /// Partially covered.
    pub partial: usize,
    /// Not covered.
    pub not_covered: usize,
}

impl Totals {
    /// The share of requirements covered, in percent, rounded to one decimal.
    pub fn covered_percent(&self) -> f64 {
        percent(self.covered, self.total)
    }

    /// The share of requirements partially covered, in percent, rounded to one decimal.
    pub fn partial_percent(&self) -> f64 {
        percent(self.partial, self.total)
    }
}

fn percent(part: usize, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    // Counts are small; the conversion is exact.
    let tenths = (part * 1000 + total / 2) / total;
    f64::from(u32::try_from(tenths).unwrap_or(u32::MAX)) / 10.0
}

/// A readiness report: every assessable requirement of the target framework, with its status
/// and justification. The `coverage-report` data format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "ctrlmap coverage report")]
#[non_exhaustive]
pub struct CoverageReport {
    /// What the organization holds.
    pub have: Vec<Holding>,
    /// The framework assessed.
    pub target: FrameworkId,
    /// The most mappings a justification path may follow.
    pub max_hops: usize,
    /// Counts.
    pub totals: Totals,
    /// Each assessable requirement of the target, in document order.
    pub rows: Vec<CoverageRow>,
}

/// Why a coverage report could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CoverageError {
    /// The target framework is not loaded.
    #[error("framework {0} is not loaded")]
    UnknownFramework(FrameworkId),
    /// A held control is not loaded.
    #[error("control {0} is not loaded")]
    UnknownControl(ControlRef),
}

impl Crosswalk {
    /// The coverage of `target` by what the organization holds.
    ///
    /// For each assessable requirement of `target`, every path of at most `max_hops`
    /// mappings (clamped to [`MAX_HOPS`](crate::MAX_HOPS)) to a held control is composed; the
    /// requirement is *covered* if some path proves the held control equal to or a superset
    /// of it, *partial* if some path proves they overlap, and *not covered* otherwise.
    ///
    /// # Errors
    /// [`CoverageError`] when the target framework or a held control or framework is not
    /// loaded.
    pub fn coverage(
        &self,
        have: &[Holding],
        target: &FrameworkId,
        max_hops: usize,
    ) -> Result<CoverageReport, CoverageError> {
        let info = self
            .frameworks
            .get(target)
            .ok_or_else(|| CoverageError::UnknownFramework(target.clone()))?;
        let mut held: HashSet<NodeIndex> = HashSet::new();
        for h in have {
            match h {
                Holding::Control(r) => {
                    held.insert(
                        self.index_of(r)
                            .ok_or_else(|| CoverageError::UnknownControl(r.clone()))?,
                    );
                }
                Holding::Framework(f) => {
                    let fw = self
                        .frameworks
                        .get(f)
                        .ok_or_else(|| CoverageError::UnknownFramework(f.clone()))?;
                    held.extend(
                        fw.order
                            .iter()
                            .copied()
                            .filter(|&n| self.control(n).is_some_and(|c| c.assessable)),
                    );
                }
            }
        }

        let mut rows = Vec::new();
        for &node in &info.order {
            let Some(control) = self.control(node).filter(|c| c.assessable) else {
                continue;
            };
            rows.push(self.coverage_row(node, control, &held, max_hops));
        }
        let count = |s| rows.iter().filter(|r: &&CoverageRow| r.status == s).count();
        let totals = Totals {
            total: rows.len(),
            covered: count(CoverageStatus::Covered),
            partial: count(CoverageStatus::Partial),
            not_covered: count(CoverageStatus::NotCovered),
        };
        Ok(CoverageReport {
            have: have.to_vec(),
            target: target.clone(),
            max_hops: max_hops.min(crate::MAX_HOPS),
            totals,
            rows,
        })
    }

    fn coverage_row(
        &self,
        node: NodeIndex,
        control: &crate::graph::ControlInfo,
        held: &HashSet<NodeIndex>,
        max_hops: usize,
    ) -> CoverageRow {
        let row = |status, justification| CoverageRow {
            control: control.reference.clone(),
            title: control.title.to_string(),
            status,
            justification,
        };
        if held.contains(&node) {
            return row(CoverageStatus::Covered, Vec::new());
        }
        // Search from the requirement to held controls, then read each path backwards.
        let found = self.search(node, max_hops, |n| held.contains(&n));
        let mut evidence: Vec<(CoverageStatus, &Found, RelationshipSet)> = found
            .values()
            .filter_map(|f| {
                let from_held = f.set.inverse();
                let status = if from_held.provably_satisfies() {
                    CoverageStatus::Covered
                } else if from_held.provably_overlaps() {
                    CoverageStatus::Partial
                } else {
                    return None;
                };
                Some((status, f, from_held))
            })
            .collect();
        evidence.sort_by(|a, b| {
            (a.0, a.1.rank())
                .cmp(&(b.0, b.1.rank()))
                .then_with(|| self.reference(a.1.node).cmp(&self.reference(b.1.node)))
        });
        let status = evidence.first().map_or(CoverageStatus::NotCovered, |e| e.0);
        let justification = evidence
            .iter()
            .filter(|e| e.0 == status)
            .take(3)
            .filter_map(|(_, f, set)| {
                let mut path = self.path(f);
                path.reverse();
                for step in &mut path {
                    std::mem::swap(&mut step.from, &mut step.to);
                    step.relationship = step.relationship.inverse();
                }
                Some(Justification {
                    held: self.reference(f.node)?,
                    relationships: *set,
                    path,
                })
            })
            .collect();
        row(status, justification)
    }

    fn reference(&self, node: NodeIndex) -> Option<ControlRef> {
        self.control(node).map(|c| c.reference.clone())
    }
}
