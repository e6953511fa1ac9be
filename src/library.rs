//! The library: every catalog and mapping set in use, and the crosswalk built from them.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use ctrlmap_core::load::Limits;
use ctrlmap_core::{
    Catalog, CatalogExtension, ControlRef, FrameworkId, LoadError, NodeRef, TextOverlay,
};
use ctrlmap_crosswalk::{Crosswalk, MappingError, MappingProblem, MappingSet};

/// Every catalog and mapping set in use, validated together, and the crosswalk between them.
///
/// [`builtin()`] is the library of the built-in data; [`Library::builder`] adds a user's own
/// catalogs, catalog extensions, text overlays and mapping sets.
///
/// ```
/// let library = ctrlmap::Library::builder()
///     .catalog_str(r#"{
///       "framework": { "id": "acme", "name": "ACME policy", "version": "2025",
///                      "publisher": "ACME", "licence": { "kind": "public_domain" } },
///       "nodes": [ { "id": "AC-1", "kind": "control", "title": "Unique accounts", "assessable": true } ]
///     }"#, "acme.json")
///     .mappings_str(r#"{
///       "id": "acme-hipaa", "title": "ACME to HIPAA", "source_framework": "acme",
///       "target_framework": "hipaa", "rationale": "semantic",
///       "provenance": { "publisher": "ACME", "document": "Policy crosswalk", "version": "1",
///                       "licence": "proprietary", "method": "expert" },
///       "mappings": [ { "source": "acme:AC-1", "target": "hipaa:164.312(a)(2)(i)",
///                       "relationship": "equal", "strength": 9 } ]
///     }"#, "acme-hipaa.json")
///     .build()?;
/// let mapped = library.crosswalk().infer(&"acme:AC-1".parse()?, &"soc2".parse()?, 2)?;
/// assert_eq!(mapped[0].target.to_string(), "soc2:CC6.1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Library {
    catalogs: Vec<Cow<'static, Catalog>>,
    sets: Vec<Cow<'static, MappingSet>>,
    crosswalk: Crosswalk,
    /// The user's files it was built with: (what, file).
    files: Vec<(&'static str, String)>,
}

static BUILTIN: LazyLock<Library> = LazyLock::new(|| {
    crate::builtin::preload();
    let catalogs: Vec<Cow<'static, Catalog>> =
        crate::builtin_catalogs().map(Cow::Borrowed).collect();
    let (crosswalk, sets) = assemble(&catalogs, true);
    Library {
        catalogs,
        sets,
        crosswalk,
        files: Vec::new(),
    }
});

/// A crosswalk of these catalogs (whose framework ids are distinct) and, when asked, every
/// built-in mapping set between them, with the sets it took.
fn assemble(
    catalogs: &[Cow<'static, Catalog>],
    with_builtin_sets: bool,
) -> (Crosswalk, Vec<Cow<'static, MappingSet>>) {
    let mut crosswalk = Crosswalk::new();
    for c in catalogs {
        // Framework ids are distinct (callers refuse duplicates), so this cannot fail.
        let _ = crosswalk.add_catalog(c);
    }
    let mut sets = Vec::new();
    if with_builtin_sets {
        let loaded = |f: &FrameworkId| catalogs.iter().any(|c| c.id() == f);
        for set in crate::builtin_mapping_sets() {
            // Built-in sets are validated against the built-in catalogs by the facade's tests;
            // a user's catalog of the same framework may lack controls they name, and then
            // the set is left out.
            if loaded(set.source_framework())
                && loaded(set.target_framework())
                && crosswalk.add_mapping_set(set).is_ok()
            {
                sets.push(Cow::Borrowed(set));
            }
        }
    }
    (crosswalk, sets)
}

/// The library of every built-in catalog and mapping set of this build, assembled once.
///
/// ```
/// let library = ctrlmap::builtin();
/// assert_eq!(library.catalogs().count(), 6);
/// assert!(library.resolve(&"soc2:CC6.1".parse()?).is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn builtin() -> &'static Library {
    &BUILTIN
}

impl Library {
    /// A builder that starts from the built-in data.
    pub fn builder() -> LibraryBuilder {
        LibraryBuilder {
            builtin: true,
            inputs: Vec::new(),
            limits: Limits::default(),
        }
    }

    /// Every catalog, built-in ones first, in the order added.
    pub fn catalogs(&self) -> impl Iterator<Item = &Catalog> {
        self.catalogs.iter().map(|c| c.as_ref())
    }

    /// The catalog of a framework.
    ///
    /// ```
    /// let library = ctrlmap::builtin();
    /// let hipaa = library.catalog(&ctrlmap::hipaa::FRAMEWORK_ID).ok_or("HIPAA is built in")?;
    /// assert_eq!(hipaa.framework().name, "HIPAA Security, Breach Notification and Privacy Rules (45 CFR Part 164)");
    /// assert!(library.catalog(&"iso27001".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn catalog(&self, framework: &FrameworkId) -> Option<&Catalog> {
        self.catalogs().find(|c| c.id() == framework)
    }

    /// The node a reference names (by id or alias).
    ///
    /// ```
    /// let library = ctrlmap::builtin();
    /// let node = library.resolve(&"soc2:CC6.1".parse()?).ok_or("a SOC 2 criterion")?;
    /// assert_eq!(node.catalog().id(), &ctrlmap::soc2::FRAMEWORK_ID);
    /// assert!(library.resolve(&"soc2:CC6.10".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resolve(&self, reference: &ControlRef) -> Option<NodeRef<'_>> {
        self.catalog(reference.framework())?.resolve(reference)
    }

    /// Every mapping set in the crosswalk, in the order added.
    pub fn mapping_sets(&self) -> impl Iterator<Item = &MappingSet> {
        self.sets.iter().map(|s| s.as_ref())
    }

    /// The crosswalk of every catalog and mapping set.
    pub fn crosswalk(&self) -> &Crosswalk {
        &self.crosswalk
    }

    /// The user's files the library was built with, in the order given: what each is
    /// (`catalog`, `extension`, `text overlay`, `mapping set`) and its file or label. Empty
    /// for the built-in library.
    ///
    /// ```
    /// let library = ctrlmap::Library::builder()
    ///     .overlay_str(r#"{ "framework": "coso", "texts": { "P1": "Licensed text." } }"#, "coso-text.json")
    ///     .build()?;
    /// assert_eq!(library.files(), [("text overlay", "coso-text.json".to_owned())]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn files(&self) -> &[(&'static str, String)] {
        &self.files
    }

    /// The readiness report of `target` for what is held: coverage and the report around it
    /// (assumptions, gaps with next steps, counts per section, legend) in one call, over this
    /// library's catalogs and mappings. The one path from "we hold X" to the report; render
    /// it with [`crate::report::to_text`], `to_html`, `to_markdown` or `to_csv`.
    ///
    /// ```
    /// use ctrlmap::prelude::*;
    /// use ctrlmap::hipaa::entity::EntityKind;
    ///
    /// let held = [Holding::Group("soc2:security".parse()?)];
    /// let options = CoverageOptions::new()
    ///     .for_hipaa_entity(EntityKind::BusinessAssociate { subcontractor: false });
    /// let report = ctrlmap::builtin().readiness_report(
    ///     &held, &ctrlmap::hipaa::FRAMEWORK_ID, &options, &ReportContext::new())?;
    /// assert_eq!(report.title, "Coverage of HIPAA by SOC 2 (Security)");
    /// let first_gap = &report.gaps[0];
    /// println!("{} {}: {:?}", first_gap.control, first_gap.title, first_gap.next_steps);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Crosswalk::coverage_with`].
    pub fn readiness_report(
        &self,
        have: &[ctrlmap_crosswalk::Holding],
        target: &FrameworkId,
        options: &ctrlmap_crosswalk::CoverageOptions,
        context: &crate::report::ReportContext,
    ) -> Result<crate::report::ReadinessReport, ctrlmap_crosswalk::CoverageError> {
        let coverage = self.crosswalk.coverage_with(have, target, options)?;
        Ok(crate::report::ReadinessReport::new(self, coverage, context))
    }

    /// Controls whose id, title, summary or text hold words of `query`, matched as whole
    /// words in any case and form (`encryption` finds `encrypt` and `encrypted`; common words
    /// such as `at` and `the` are ignored): those matching the most words first, then those
    /// matching more in the id or title, each in library order.
    ///
    /// ```
    /// let hits = ctrlmap::builtin().search("encryption decryption");
    /// assert_eq!(hits[0].control_ref().to_string(), "hipaa:164.312(a)(2)(iv)");
    /// // Words, not substrings: "rest" does not find "restrict", and "at" is ignored.
    /// let hits = ctrlmap::builtin().search("encryption at rest");
    /// assert!(hits.iter().take(4).any(|n| n.control_ref().to_string() == "hipaa:164.312(a)(2)(iv)"));
    /// ```
    pub fn search(&self, query: &str) -> Vec<NodeRef<'_>> {
        let words: Vec<String> = tokens(query)
            .filter(|w| !STOP_WORDS.contains(&w.as_str()))
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(usize, usize, usize, NodeRef<'_>)> = Vec::new();
        for catalog in self.catalogs() {
            for node in catalog {
                let n = node.node();
                let head: Vec<String> = tokens(&format!("{} {}", n.id, n.title)).collect();
                let rest: Vec<String> = tokens(&format!(
                    "{} {}",
                    n.summary.as_deref().unwrap_or_default(),
                    n.text.as_deref().unwrap_or_default()
                ))
                .collect();
                let in_head = words
                    .iter()
                    .filter(|w| head.iter().any(|t| same_word(w, t)))
                    .count();
                let anywhere = words
                    .iter()
                    .filter(|w| {
                        head.iter().any(|t| same_word(w, t)) || rest.iter().any(|t| same_word(w, t))
                    })
                    .count();
                if anywhere > 0 {
                    hits.push((anywhere, in_head, hits.len(), node));
                }
            }
        }
        // Most words matched first, then most in the id and title, then document order.
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        hits.into_iter().map(|(_, _, _, n)| n).collect()
    }
}

/// Where a user's file comes from.
#[derive(Debug, Clone)]
enum Input {
    Path(PathBuf),
    Text { text: String, origin: String },
}

#[derive(Debug, Clone)]
enum Kind {
    /// A catalog, under its own framework id or the one given.
    Catalog(Option<FrameworkId>),
    Extension,
    Overlay,
    Mappings,
}

/// Builds a [`Library`] from the built-in data and a user's files.
///
/// Nothing is read until [`LibraryBuilder::build`], which reads and validates everything
/// together and reports every problem; a library is only made when all of it is valid.
#[derive(Debug, Clone)]
#[must_use]
pub struct LibraryBuilder {
    builtin: bool,
    inputs: Vec<(Kind, Input)>,
    limits: Limits,
}

/// One problem found while building a library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SourceError {
    /// A catalog, extension or overlay could not be loaded or applied.
    #[error(transparent)]
    Load(LoadError),
    /// A mapping set could not be loaded or added.
    #[error(transparent)]
    Mapping(MappingError),
    /// An OSCAL catalog or mapping collection could not be imported.
    #[error(transparent)]
    Oscal(ctrlmap_oscal::OscalError),
    /// Two catalogs are for the same framework.
    #[error("{origin}: a catalog of framework {framework} is already loaded")]
    DuplicateFramework {
        /// The file.
        origin: String,
        /// The framework.
        framework: FrameworkId,
    },
    /// An overlay or extension is for a framework with no catalog.
    #[error("{origin}: no catalog of framework {framework} is loaded")]
    UnknownFramework {
        /// The file.
        origin: String,
        /// The framework.
        framework: FrameworkId,
    },
}

/// The error returned when a library cannot be built: every problem found, one per line when
/// displayed. Its `Debug` form is the same text, so that `fn main() -> Result<(), _>` prints
/// the problems rather than a structure dump.
#[derive(thiserror::Error)]
pub struct LibraryError {
    errors: Vec<SourceError>,
}

impl LibraryError {
    /// Every problem, in the order the inputs were given.
    pub fn errors(&self) -> &[SourceError] {
        &self.errors
    }
}

impl fmt::Display for LibraryError {
    /// One problem per line, each naming its file: a file with several problems gives a
    /// line for each.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        let mut line = |f: &mut fmt::Formatter<'_>, text: &dyn fmt::Display| {
            if !first {
                f.write_str("\n")?;
            }
            first = false;
            write!(f, "{text}")
        };
        for e in &self.errors {
            match e {
                SourceError::Load(LoadError::Invalid { origin, problems })
                    if problems.len() > 1 =>
                {
                    for p in problems {
                        line(f, &format_args!("{origin}: {p}"))?;
                    }
                }
                SourceError::Mapping(MappingError::Invalid { origin, problems })
                    if problems.len() > 1 =>
                {
                    for p in problems {
                        line(f, &format_args!("{origin}: {p}"))?;
                    }
                }
                other => line(f, other)?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for LibraryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The framework id a catalog document declares, read leniently from a document that failed
/// to load, so that the files building on it are not also reported for its absence.
fn declared_framework(text: &str) -> Option<FrameworkId> {
    #[derive(serde::Deserialize)]
    struct Document {
        framework: Framework,
    }
    #[derive(serde::Deserialize)]
    struct Framework {
        id: FrameworkId,
    }
    serde_json::from_str::<Document>(text.strip_prefix('\u{feff}').unwrap_or(text))
        .ok()
        .map(|d| d.framework.id)
}

/// A mapping set's error without the problems that only repeat that a catalog given in the
/// same build failed to load (that catalog's own error says why); `None` when nothing else
/// is wrong with the set.
fn without_broken(error: SourceError, broken: &[FrameworkId]) -> Option<SourceError> {
    match error {
        SourceError::Mapping(MappingError::Invalid { origin, problems }) if !broken.is_empty() => {
            let problems: Vec<MappingProblem> = problems
                .into_iter()
                .filter(|p| {
                    !matches!(p, MappingProblem::UnknownFramework { framework, .. }
                        if broken.contains(framework))
                })
                .collect();
            (!problems.is_empty()).then_some(SourceError::Mapping(MappingError::Invalid {
                origin,
                problems,
            }))
        }
        other => Some(other),
    }
}

/// Words too common to search by.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on",
    "or", "that", "the", "to", "with",
];

/// The lowercase words of a text: runs of letters and digits.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether two words are the same word, or forms of one: equal, or sharing a prefix of at
/// least five letters that is most of the shorter (`encrypt`, `encryption`, `encrypted`), so
/// that `rest` does not find `restrict`.
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    common >= 5 && common * 10 >= shorter * 7
}

/// The text of an input and its origin label.
fn read<'a>(input: &'a Input, limits: &Limits) -> Result<(Cow<'a, str>, String), LoadError> {
    match input {
        Input::Text { text, origin } => {
            limits.check_size(origin, text.len() as u64)?;
            Ok((Cow::Borrowed(text.as_str()), origin.clone()))
        }
        Input::Path(p) => {
            let text = ctrlmap_core::load::read_text_limited(p, limits)?;
            Ok((Cow::Owned(text), p.display().to_string()))
        }
    }
}

fn origin_of(input: &Input) -> String {
    match input {
        Input::Path(p) => p.display().to_string(),
        Input::Text { origin, .. } => origin.clone(),
    }
}

impl LibraryBuilder {
    /// Sets the limits every input is read within (file size, node count, tree depth,
    /// mappings); the defaults fit a laptop.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Leaves out the built-in catalogs and mapping sets.
    pub fn without_builtin(mut self) -> Self {
        self.builtin = false;
        self
    }

    fn add(mut self, kind: Kind, input: Input) -> Self {
        self.inputs.push((kind, input));
        self
    }

    /// Adds a catalog file.
    pub fn catalog_path(self, path: impl AsRef<Path>) -> Self {
        self.add(Kind::Catalog(None), Input::Path(path.as_ref().to_owned()))
    }

    /// Adds a catalog file under the framework id `id`, whatever id the file gives (or an
    /// OSCAL catalog's title would give).
    ///
    /// ```no_run
    /// let library = ctrlmap::Library::builder()
    ///     .catalog_path_as("NIST_SP-800-53_rev5_catalog.json", "sp800-53".parse()?)
    ///     .build()?;
    /// assert!(library.catalog(&"sp800-53".parse()?).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn catalog_path_as(self, path: impl AsRef<Path>, id: FrameworkId) -> Self {
        self.add(
            Kind::Catalog(Some(id)),
            Input::Path(path.as_ref().to_owned()),
        )
    }

    /// Adds a catalog from JSON text; `origin` names it in errors.
    pub fn catalog_str(self, text: impl Into<String>, origin: impl Into<String>) -> Self {
        self.add(
            Kind::Catalog(None),
            Input::Text {
                text: text.into(),
                origin: origin.into(),
            },
        )
    }

    /// Adds a catalog extension file.
    pub fn extension_path(self, path: impl AsRef<Path>) -> Self {
        self.add(Kind::Extension, Input::Path(path.as_ref().to_owned()))
    }

    /// Adds a catalog extension from JSON text.
    pub fn extension_str(self, text: impl Into<String>, origin: impl Into<String>) -> Self {
        self.add(
            Kind::Extension,
            Input::Text {
                text: text.into(),
                origin: origin.into(),
            },
        )
    }

    /// Adds a text overlay file.
    pub fn overlay_path(self, path: impl AsRef<Path>) -> Self {
        self.add(Kind::Overlay, Input::Path(path.as_ref().to_owned()))
    }

    /// Adds a text overlay from JSON text.
    pub fn overlay_str(self, text: impl Into<String>, origin: impl Into<String>) -> Self {
        self.add(
            Kind::Overlay,
            Input::Text {
                text: text.into(),
                origin: origin.into(),
            },
        )
    }

    /// Adds a mapping set file.
    pub fn mappings_path(self, path: impl AsRef<Path>) -> Self {
        self.add(Kind::Mappings, Input::Path(path.as_ref().to_owned()))
    }

    /// Adds a mapping set from JSON text.
    pub fn mappings_str(self, text: impl Into<String>, origin: impl Into<String>) -> Self {
        self.add(
            Kind::Mappings,
            Input::Text {
                text: text.into(),
                origin: origin.into(),
            },
        )
    }

    /// Reads and validates everything together: catalogs first, then extensions and
    /// overlays (which may target any catalog), then mapping sets against all catalogs.
    ///
    /// ```
    /// // Two files, each with its own problem: both are reported, one per line.
    /// let err = ctrlmap::Library::builder()
    ///     .overlay_str(r#"{ "framework": "coso", "texts": { "P99": "..." } }"#, "coso-text.json")
    ///     .mappings_str("{ not json", "acme-hipaa.json")
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.errors().len(), 2);
    /// let text = err.to_string();
    /// assert!(text.lines().next().is_some_and(|l| l.starts_with("coso-text.json")));
    /// assert!(text.lines().nth(1).is_some_and(|l| l.starts_with("acme-hipaa.json:1:")));
    /// ```
    ///
    /// # Errors
    /// [`LibraryError`] listing every problem; no library is made.
    pub fn build(self) -> Result<Library, LibraryError> {
        if self.builtin && self.inputs.is_empty() {
            return Ok(builtin().clone());
        }
        let mut errors = Vec::new();
        let mut catalogs: Vec<Cow<'static, Catalog>> = if self.builtin {
            crate::builtin_catalogs().map(Cow::Borrowed).collect()
        } else {
            Vec::new()
        };
        let of = |kind: &Kind| {
            let wanted = std::mem::discriminant(kind);
            self.inputs
                .iter()
                .filter(move |(k, _)| std::mem::discriminant(k) == wanted)
                .map(|(_, i)| i)
        };

        // Frameworks whose catalog was given but could not be loaded: the files that build on
        // them are still checked for their own problems, without a second report of the
        // missing catalog.
        let mut broken: Vec<FrameworkId> = Vec::new();
        let catalog_inputs = self.inputs.iter().filter_map(|(k, i)| match k {
            Kind::Catalog(id) => Some((id, i)),
            _ => None,
        });
        for (id, input) in catalog_inputs {
            let loaded = read(input, &self.limits)
                .map_err(SourceError::Load)
                .and_then(|(text, origin)| {
                    if ctrlmap_oscal::detect(&text) == Some(ctrlmap_oscal::OscalKind::Catalog) {
                        ctrlmap_oscal::catalog_from_json(&text, &origin, id.clone())
                            .map_err(SourceError::Oscal)
                    } else {
                        let parsed = match id {
                            None => {
                                Catalog::from_json_str_with_limits(&text, &origin, &self.limits)
                            }
                            Some(id) => crate::load::from_str_limited::<crate::CatalogDocument>(
                                &text,
                                &origin,
                                &self.limits,
                            )
                            .and_then(|mut doc| {
                                doc.framework.id = id.clone();
                                Catalog::from_document_with_limits(doc, &origin, &self.limits)
                            }),
                        };
                        parsed.map_err(|e| {
                            broken.extend(id.clone().or_else(|| declared_framework(&text)));
                            SourceError::Load(e)
                        })
                    }
                });
            match loaded {
                Ok(c) if catalogs.iter().any(|have| have.id() == c.id()) => {
                    errors.push(SourceError::DuplicateFramework {
                        origin: origin_of(input),
                        framework: c.id().clone(),
                    });
                }
                Ok(c) => catalogs.push(Cow::Owned(c)),
                Err(e) => errors.push(e),
            }
        }

        // Extensions, all those of one framework applied in one rebuild of its catalog (one
        // rebuild per file made many small files cost the catalog's size each); only when
        // the combined set fails are the files applied one by one, to name each problem's
        // file.
        let mut by_framework: Vec<(FrameworkId, Vec<CatalogExtension>)> = Vec::new();
        for input in of(&Kind::Extension) {
            let loaded = read(input, &self.limits).and_then(|(text, origin)| {
                CatalogExtension::from_json_str_with_limits(&text, &origin, &self.limits)
            });
            match loaded {
                Ok(ext) if catalogs.iter().any(|c| c.id() == ext.framework()) => {
                    match by_framework.iter_mut().find(|(f, _)| f == ext.framework()) {
                        Some((_, list)) => list.push(ext),
                        None => by_framework.push((ext.framework().clone(), vec![ext])),
                    }
                }
                Ok(ext) if broken.contains(ext.framework()) => {}
                Ok(ext) => errors.push(SourceError::UnknownFramework {
                    origin: origin_of(input),
                    framework: ext.framework().clone(),
                }),
                Err(e) => errors.push(SourceError::Load(e)),
            }
        }
        for (framework, exts) in by_framework {
            let Some(c) = catalogs.iter_mut().find(|c| c.id() == &framework) else {
                continue;
            };
            let combined = (exts.len() > 1).then(|| {
                let nodes = exts
                    .iter()
                    .flat_map(|e| {
                        e.nodes().iter().cloned().map(|mut n| {
                            if !n
                                .props
                                .iter()
                                .any(|p| p.name == ctrlmap_core::ADDED_BY_PROP)
                            {
                                n.props.push(ctrlmap_core::Property::new(
                                    ctrlmap_core::ADDED_BY_PROP,
                                    e.origin(),
                                ));
                            }
                            n
                        })
                    })
                    .collect();
                let doc = ctrlmap_core::CatalogExtensionDocument::new(framework.clone(), nodes);
                CatalogExtension::from_document(doc, "extensions")
            });
            let mut all_at_once = c.as_ref().clone();
            match combined {
                Some(combined)
                    if all_at_once
                        .extend_with_limits(&combined, &self.limits)
                        .is_ok() =>
                {
                    *c = Cow::Owned(all_at_once);
                }
                _ => {
                    for ext in &exts {
                        if let Err(e) = c.to_mut().extend_with_limits(ext, &self.limits) {
                            errors.push(SourceError::Load(e));
                        }
                    }
                }
            }
        }

        for input in of(&Kind::Overlay) {
            let loaded = read(input, &self.limits).and_then(|(text, origin)| {
                TextOverlay::from_json_str_with_limits(&text, &origin, &self.limits)
            });
            match loaded {
                Ok(overlay) => match catalogs.iter_mut().find(|c| c.id() == overlay.framework()) {
                    Some(c) => {
                        if let Err(e) = c.to_mut().apply_overlay(&overlay) {
                            errors.push(SourceError::Load(e));
                        }
                    }
                    None if broken.contains(overlay.framework()) => {}
                    None => errors.push(SourceError::UnknownFramework {
                        origin: origin_of(input),
                        framework: overlay.framework().clone(),
                    }),
                },
                Err(e) => errors.push(SourceError::Load(e)),
            }
        }

        // Duplicate framework ids were refused above.
        let (mut crosswalk, mut sets) = assemble(&catalogs, self.builtin);
        for input in of(&Kind::Mappings) {
            let loaded = read(input, &self.limits)
                .map_err(SourceError::Load)
                .and_then(|(text, origin)| {
                    if ctrlmap_oscal::detect(&text)
                        == Some(ctrlmap_oscal::OscalKind::MappingCollection)
                    {
                        ctrlmap_oscal::mapping_set_from_json(&text, &origin, None)
                            .map_err(SourceError::Oscal)
                    } else {
                        MappingSet::from_json_str_with_limits(&text, &origin, &self.limits)
                            .map_err(SourceError::Mapping)
                    }
                });
            let added = loaded.and_then(|set| {
                crosswalk
                    .add_mapping_set(&set)
                    .map(|()| set)
                    .map_err(SourceError::Mapping)
            });
            match added {
                Ok(set) => sets.push(Cow::Owned(set)),
                Err(e) => errors.extend(without_broken(e, &broken)),
            }
        }

        if errors.is_empty() {
            let files = self
                .inputs
                .iter()
                .map(|(kind, input)| {
                    let what = match kind {
                        Kind::Catalog(_) => "catalog",
                        Kind::Extension => "extension",
                        Kind::Overlay => "text overlay",
                        Kind::Mappings => "mapping set",
                    };
                    (what, origin_of(input))
                })
                .collect();
            Ok(Library {
                catalogs,
                sets,
                crosswalk,
                files,
            })
        } else {
            Err(LibraryError { errors })
        }
    }
}
