//! COSO's model for concluding whether a system of internal control is effective.
//!
//! The 2013 Framework's rules, as this module applies them:
//!
//! 1. A **principle** is *present and functioning* when it is assessed as present (it exists
//!    in the design of the system), as functioning (it operates as designed), and no major
//!    deficiency is attributed to it. Deficiencies that are not major are recorded and
//!    reported, but do not by themselves stop the principle being present and functioning.
//! 2. A **component** is present and functioning only when every one of its principles is,
//!    and no major deficiency is attributed to the component itself (for example, a
//!    combination of lesser deficiencies across its principles that management judges to be
//!    major).
//! 3. The **system of internal control is effective** only when all five components are
//!    present and functioning *and* management has concluded that they operate together in an
//!    integrated manner. A major deficiency in one component cannot be made up for by the
//!    strength of the others.
//!
//! Every principle must be assessed: one left unassessed is a finding, and the system is not
//! concluded effective. Severity is management's judgment; where a regulator or standard
//! setter defines its own terms (for external financial reporting, a *material weakness*), the
//! Framework defers to them, and a material weakness is recorded here as a major deficiency.
//!
//! ```
//! use ctrlmap::coso::{Component, Deficiency, Evaluation, Finding, Principle, PrincipleAssessment};
//!
//! let mut eval = Evaluation::all_present_and_functioning();
//! assert!(eval.conclude().is_effective());
//!
//! eval.assess(
//!     Principle::P11,
//!     PrincipleAssessment::present_and_functioning()
//!         .with_deficiency(Deficiency::major("No review of privileged access to production")),
//! );
//! let conclusion = eval.conclude();
//! assert!(!conclusion.is_effective());
//! assert!(!conclusion.component(Component::ControlActivities).is_present_and_functioning());
//! assert!(conclusion.findings().iter().any(|f| matches!(f,
//!     Finding::MajorDeficiency { principle: Some(Principle::P11), .. })));
//! ```

use std::collections::BTreeMap;

use crate::{Component, Principle};

/// How severe an internal control deficiency is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// A shortcoming in a component or principle that reduces the likelihood of the entity
    /// achieving its objectives (COSO 2013, "internal control deficiency").
    Deficiency,
    /// A deficiency serious enough to merit the attention of those charged with governance;
    /// the term comes from regulators and standard setters (for example PCAOB AS 2201 for
    /// internal control over financial reporting), which the Framework defers to. It does not
    /// by itself preclude a conclusion of effectiveness.
    SignificantDeficiency,
    /// A deficiency, or combination of deficiencies, that severely reduces the likelihood
    /// that the entity can achieve its objectives (COSO 2013, "major deficiency"). Where one
    /// exists, the system of internal control cannot be concluded effective.
    MajorDeficiency,
}

impl Severity {
    /// Every severity, least severe first.
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    /// The severity's name, such as `major_deficiency`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A deficiency found in evaluating a principle or component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deficiency {
    /// How severe it is.
    pub severity: Severity,
    /// What was found.
    pub description: String,
}

impl Deficiency {
    /// A deficiency of the given severity.
    pub fn new(severity: Severity, description: impl Into<String>) -> Self {
        Self {
            severity,
            description: description.into(),
        }
    }

    /// A deficiency that is neither significant nor major.
    pub fn minor(description: impl Into<String>) -> Self {
        Self::new(Severity::Deficiency, description)
    }

    /// A significant deficiency.
    pub fn significant(description: impl Into<String>) -> Self {
        Self::new(Severity::SignificantDeficiency, description)
    }

    /// A major deficiency.
    pub fn major(description: impl Into<String>) -> Self {
        Self::new(Severity::MajorDeficiency, description)
    }

    /// Whether this deficiency is major.
    pub fn is_major(&self) -> bool {
        self.severity == Severity::MajorDeficiency
    }
}

/// The assessment of one principle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipleAssessment {
    present: bool,
    functioning: bool,
    deficiencies: Vec<Deficiency>,
}

impl PrincipleAssessment {
    /// Present and functioning, with no deficiencies.
    pub fn present_and_functioning() -> Self {
        Self {
            present: true,
            functioning: true,
            deficiencies: Vec::new(),
        }
    }

    /// Present in the design but not functioning as designed.
    pub fn present_not_functioning() -> Self {
        Self {
            present: true,
            functioning: false,
            deficiencies: Vec::new(),
        }
    }

    /// Not present. (A principle that is not present cannot be functioning.)
    pub fn not_present() -> Self {
        Self {
            present: false,
            functioning: false,
            deficiencies: Vec::new(),
        }
    }

    /// Adds a deficiency.
    #[must_use]
    pub fn with_deficiency(mut self, deficiency: Deficiency) -> Self {
        self.deficiencies.push(deficiency);
        self
    }

    /// Whether the principle was assessed as present.
    pub fn is_present(&self) -> bool {
        self.present
    }

    /// Whether the principle was assessed as functioning.
    pub fn is_functioning(&self) -> bool {
        self.functioning
    }

    /// The deficiencies recorded against the principle.
    pub fn deficiencies(&self) -> &[Deficiency] {
        &self.deficiencies
    }

    /// Present, functioning, and without a major deficiency.
    pub fn is_present_and_functioning(&self) -> bool {
        self.present && self.functioning && !self.deficiencies.iter().any(Deficiency::is_major)
    }
}

/// Why a principle, component or the whole system falls short.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Finding {
    /// The principle has not been assessed.
    NotAssessed {
        /// The principle.
        principle: Principle,
    },
    /// The principle is not present.
    NotPresent {
        /// The principle.
        principle: Principle,
    },
    /// The principle is present but not functioning.
    NotFunctioning {
        /// The principle.
        principle: Principle,
    },
    /// A major deficiency, in a principle or in the component as a whole.
    MajorDeficiency {
        /// The component.
        component: Component,
        /// The principle, when the deficiency is attributed to one.
        principle: Option<Principle>,
        /// What was found.
        description: String,
    },
    /// Management has concluded that the components do not operate together in an integrated
    /// manner.
    NotOperatingTogether,
    /// Management has not concluded whether the components operate together.
    OperatingTogetherNotAssessed,
}

/// An evaluation of the system of internal control: an assessment of each principle, any
/// deficiencies attributed to whole components, and management's conclusion on whether the
/// components operate together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    principles: BTreeMap<Principle, PrincipleAssessment>,
    component_deficiencies: BTreeMap<Component, Vec<Deficiency>>,
    operating_together: Option<bool>,
}

impl Evaluation {
    /// An empty evaluation: nothing assessed yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every principle present and functioning, and the components operating together: a
    /// starting point to which findings are added.
    pub fn all_present_and_functioning() -> Self {
        let mut eval = Self::new();
        for &p in Principle::ALL {
            eval.assess(p, PrincipleAssessment::present_and_functioning());
        }
        eval.set_operating_together(true);
        eval
    }

    /// Records (or replaces) the assessment of a principle.
    pub fn assess(&mut self, principle: Principle, assessment: PrincipleAssessment) -> &mut Self {
        self.principles.insert(principle, assessment);
        self
    }

    /// Attributes a deficiency to a component as a whole (for example, a combination of
    /// deficiencies across its principles).
    pub fn add_component_deficiency(
        &mut self,
        component: Component,
        deficiency: Deficiency,
    ) -> &mut Self {
        self.component_deficiencies
            .entry(component)
            .or_default()
            .push(deficiency);
        self
    }

    /// Records management's conclusion on whether the five components operate together in an
    /// integrated manner.
    pub fn set_operating_together(&mut self, operating_together: bool) -> &mut Self {
        self.operating_together = Some(operating_together);
        self
    }

    /// The assessment of a principle, if made.
    pub fn principle(&self, principle: Principle) -> Option<&PrincipleAssessment> {
        self.principles.get(&principle)
    }

    /// Every deficiency recorded, with the component and (when attributed to one) principle,
    /// most severe first, then in COSO order.
    pub fn deficiencies(&self) -> Vec<(Component, Option<Principle>, &Deficiency)> {
        let mut all: Vec<(Component, Option<Principle>, &Deficiency)> = self
            .principles
            .iter()
            .flat_map(|(&p, a)| {
                a.deficiencies
                    .iter()
                    .map(move |d| (p.component(), Some(p), d))
            })
            .chain(
                self.component_deficiencies
                    .iter()
                    .flat_map(|(&c, ds)| ds.iter().map(move |d| (c, None, d))),
            )
            .collect();
        all.sort_by(|a, b| {
            b.2.severity
                .cmp(&a.2.severity)
                .then(a.0.cmp(&b.0))
                .then(a.1.cmp(&b.1))
        });
        all
    }

    /// Concludes on one component.
    pub fn conclude_component(&self, component: Component) -> ComponentConclusion {
        let mut findings = Vec::new();
        for &p in component.principles() {
            match self.principles.get(&p) {
                None => findings.push(Finding::NotAssessed { principle: p }),
                Some(a) => {
                    if !a.present {
                        findings.push(Finding::NotPresent { principle: p });
                    } else if !a.functioning {
                        findings.push(Finding::NotFunctioning { principle: p });
                    }
                    findings.extend(a.deficiencies.iter().filter(|d| d.is_major()).map(|d| {
                        Finding::MajorDeficiency {
                            component,
                            principle: Some(p),
                            description: d.description.clone(),
                        }
                    }));
                }
            }
        }
        if let Some(ds) = self.component_deficiencies.get(&component) {
            findings.extend(
                ds.iter()
                    .filter(|d| d.is_major())
                    .map(|d| Finding::MajorDeficiency {
                        component,
                        principle: None,
                        description: d.description.clone(),
                    }),
            );
        }
        ComponentConclusion {
            component,
            findings,
        }
    }

    /// Concludes on the whole system of internal control.
    pub fn conclude(&self) -> Conclusion {
        let components: Vec<ComponentConclusion> = Component::ALL
            .iter()
            .map(|&c| self.conclude_component(c))
            .collect();
        let mut findings: Vec<Finding> = components
            .iter()
            .flat_map(|c| c.findings.iter().cloned())
            .collect();
        match self.operating_together {
            Some(true) => {}
            Some(false) => findings.push(Finding::NotOperatingTogether),
            None => findings.push(Finding::OperatingTogetherNotAssessed),
        }
        Conclusion {
            components,
            findings,
        }
    }
}

/// The conclusion on one component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentConclusion {
    component: Component,
    findings: Vec<Finding>,
}

impl ComponentConclusion {
    /// The component.
    pub fn component(&self) -> Component {
        self.component
    }

    /// Whether the component is present and functioning: every principle is, and no major
    /// deficiency is attributed to it.
    pub fn is_present_and_functioning(&self) -> bool {
        self.findings.is_empty()
    }

    /// Why the component is not present and functioning (empty when it is).
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
}

/// The conclusion on the whole system of internal control.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conclusion {
    components: Vec<ComponentConclusion>,
    findings: Vec<Finding>,
}

impl Conclusion {
    /// Whether the system of internal control is effective: all five components present and
    /// functioning and operating together.
    pub fn is_effective(&self) -> bool {
        self.findings.is_empty()
    }

    /// The conclusion on each component, in COSO's order.
    pub fn components(&self) -> &[ComponentConclusion] {
        &self.components
    }

    /// The conclusion on one component.
    pub fn component(&self, component: Component) -> &ComponentConclusion {
        // `components` holds one conclusion per component, in `Component::ALL` order.
        let position = Component::ALL
            .iter()
            .position(|&c| c == component)
            .unwrap_or_default();
        match self.components.get(position) {
            Some(c) => c,
            None => unreachable!("a conclusion covers every component"),
        }
    }

    /// Every finding, component by component, then the system-wide ones.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
}
