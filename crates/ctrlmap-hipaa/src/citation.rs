//! Citations of 45 CFR Part 164: `164.312(a)(2)(iv)` and the ways people write them.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use ctrlmap_core::NodeRef;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::catalog;

/// What kind of designator a paragraph level uses.
///
/// The CFR nests paragraphs as `(a)`, `(1)`, `(i)`, `(A)`, then italic `(1)` and `(i)`; a few
/// paragraphs skip a level (§ 164.404(c)(1)(A)) and definitions start at `(1)`
/// (§ 164.402(2)(i)), so levels are told apart by their designators, not their depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Designator {
    /// A lowercase letter: `(a)`.
    LowerLetter,
    /// A number: `(1)`.
    Number,
    /// A lowercase roman numeral: `(iv)`.
    Roman,
    /// An uppercase letter: `(A)`.
    UpperLetter,
}

impl Designator {
    /// The kind of a designator. `(i)`, `(v)` and `(x)` are read as roman numerals: as
    /// letters they would follow `(h)`, `(u)` or `(w)`, which no paragraph of Part 164 reaches.
    fn of(token: &str) -> Option<Self> {
        let roman = !token.is_empty() && token.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'));
        if token.bytes().all(|b| b.is_ascii_digit()) && !token.is_empty() && token.len() <= 3 {
            Some(Self::Number)
        } else if roman && token.len() <= 5 {
            Some(Self::Roman)
        } else if token.len() == 1 && token.bytes().all(|b| b.is_ascii_lowercase()) {
            Some(Self::LowerLetter)
        } else if token.len() == 1 && token.bytes().all(|b| b.is_ascii_uppercase()) {
            Some(Self::UpperLetter)
        } else {
            None
        }
    }
}

/// A citation of a section or paragraph of 45 CFR Part 164, in normal form:
/// `164.312(a)(2)(iv)`.
///
/// Parsing accepts `45 CFR 164.312(a)(2)(iv)`, `45 C.F.R. § 164.312(a)(2)(iv)`,
/// `§ 164.312(a)(2)(iv)`, `164.312(a)(2)(iv)` and `hipaa:164.312(a)(2)(iv)`, and checks the
/// paragraph exists: in Subparts C and D every paragraph is known; in Subpart E, whose text
/// ctrlmap does not ship, the section must exist. A standard is cited by the paragraph that
/// names it, so `164.308(a)(1)(i)` normalises to `164.308(a)(1)`.
///
/// ```
/// use ctrlmap::hipaa::Citation;
///
/// let c: Citation = "45 CFR § 164.312(a)(2)(iv)".parse()?;
/// assert_eq!(c.to_string(), "164.312(a)(2)(iv)");
/// assert_eq!(c.section(), "164.312");
/// assert_eq!(c.depth(), 3);
/// assert_eq!("164.308(a)(1)(i)".parse::<Citation>()?.to_string(), "164.308(a)(1)");
/// assert!("164.312(a)(2)(v)".parse::<Citation>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Citation {
    text: Box<str>,
}

/// Why a citation was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CitationErrorReason {
    /// The text is not a citation of the form `164.312(a)(2)(iv)`.
    Malformed,
    /// The citation is to another part of Title 45 than Part 164.
    NotPart164,
    /// Part 164 has no such section (among Subparts C, D and E).
    UnknownSection,
    /// The section has no such paragraph.
    UnknownParagraph,
    /// The paragraph exists but is not a Security Rule implementation specification.
    NotAnImplementationSpecification,
}

/// The error returned when a citation does not parse or names nothing in Part 164.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}", message(.input, .reason), hint(.nearest.as_deref(), .within.as_deref()))]
pub struct CitationError {
    input: String,
    reason: CitationErrorReason,
    nearest: Option<String>,
    within: Option<String>,
}

fn hint(nearest: Option<&str>, within: Option<&str>) -> String {
    match (within, nearest) {
        (Some(w), _) => format!(" ({w} exists, but has no such paragraph)"),
        (None, Some(n)) => format!(" (did you mean {n}?)"),
        (None, None) => String::new(),
    }
}

fn message(input: &str, reason: &CitationErrorReason) -> String {
    match reason {
        CitationErrorReason::Malformed => format!(
            "invalid HIPAA citation {input:?}: expected a section and paragraphs such as 164.312(a)(2)(iv)"
        ),
        CitationErrorReason::NotPart164 => {
            format!("{input:?} is not a citation of 45 CFR Part 164")
        }
        CitationErrorReason::UnknownSection => {
            format!("45 CFR Part 164 has no section {input:?} in Subparts C, D or E")
        }
        CitationErrorReason::UnknownParagraph => {
            format!("45 CFR Part 164 has no paragraph {input:?}")
        }
        CitationErrorReason::NotAnImplementationSpecification => {
            format!("{input:?} is not a Security Rule implementation specification")
        }
    }
}

impl CitationError {
    pub(crate) fn not_a_specification(input: &str) -> Self {
        Self {
            input: input.to_owned(),
            reason: CitationErrorReason::NotAnImplementationSpecification,
            nearest: None,
            within: None,
        }
    }

    /// The text that was rejected.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Why.
    pub fn reason(&self) -> &CitationErrorReason {
        &self.reason
    }

    /// The closest existing citation, if one is close and no existing paragraph encloses
    /// the input.
    pub fn nearest(&self) -> Option<&str> {
        self.nearest.as_deref()
    }

    /// The existing paragraph that most nearly encloses an unknown paragraph
    /// (`164.308(b)` for `164.308(b)(4)`): what does exist, not an equivalent.
    pub fn within(&self) -> Option<&str> {
        self.within.as_deref()
    }
}

/// Splits `164.312(a)(2)(iv)` into `164.312` and `["a", "2", "iv"]`, checking the shape.
fn split(text: &str) -> Option<(&str, Vec<&str>)> {
    let open = text.find('(').unwrap_or(text.len());
    let (section, mut rest) = text.split_at(open);
    let (part, number) = section.split_once('.')?;
    if part.is_empty()
        || number.is_empty()
        || number.len() > 4
        || !part
            .bytes()
            .chain(number.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut tokens = Vec::new();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('(')?;
        let close = inner.find(')')?;
        let token = inner.get(..close)?;
        Designator::of(token)?;
        tokens.push(token);
        rest = inner.get(close + 1..)?;
    }
    (tokens.len() <= 6).then_some((section, tokens))
}

/// Removes the ways people prefix a citation: `45 CFR`, `45 C.F.R.`, `§`, `hipaa:`, spaces.
fn strip_prefixes(input: &str) -> String {
    let mut s = input.trim();
    for prefix in [
        "hipaa:",
        "HIPAA:",
        "45 C.F.R.",
        "45 CFR",
        "45 cfr",
        "45 C.F.R",
        "CFR",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start();
        }
    }
    s = s.trim_start_matches('§').trim_start();
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Citation {
    /// A citation from a catalog id, which is already in normal form.
    pub(crate) fn from_catalog_id(id: &str) -> Self {
        Self { text: id.into() }
    }

    /// The citation in normal form.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The section, such as `164.312`.
    pub fn section(&self) -> &str {
        let end = self.text.find('(').unwrap_or(self.text.len());
        self.text.get(..end).unwrap_or(&self.text)
    }

    /// The paragraph designators below the section, outermost first, with their kinds:
    /// `164.312(a)(2)(iv)` gives `a`, `2` and `iv`.
    pub fn paragraphs(&self) -> Vec<(Designator, &str)> {
        split(&self.text)
            .map(|(_, tokens)| tokens)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|t| Some((Designator::of(t)?, t)))
            .collect()
    }

    /// How many paragraph levels below the section: 0 for a section.
    pub fn depth(&self) -> usize {
        self.text.matches('(').count()
    }

    /// The enclosing paragraph or section, if this is a paragraph.
    pub fn parent(&self) -> Option<Citation> {
        let open = self.text.rfind('(')?;
        Some(Citation {
            text: self.text.get(..open)?.into(),
        })
    }

    /// The catalog node of the paragraph or section, when the catalog has it (Subpart E
    /// paragraphs other than those ctrlmap's logic cites are not in the catalog).
    pub fn node(&self) -> Option<NodeRef<'static>> {
        catalog().get(&self.text)
    }

    /// The normal form of `text`: an existing node id, an alias of one, or (in Subpart E) a
    /// well-formed paragraph of an existing section.
    fn normalise(input: &str) -> Result<Self, CitationError> {
        let err = |reason, nearest: Option<String>| CitationError {
            input: input.to_owned(),
            reason,
            nearest,
            within: None,
        };
        let text = strip_prefixes(input);
        let Some((section, _)) = split(&text) else {
            return Err(err(CitationErrorReason::Malformed, None));
        };
        if !section.starts_with("164.") {
            return Err(err(CitationErrorReason::NotPart164, None));
        }
        let nearest = || {
            let ids = catalog()
                .iter()
                .filter(|n| n.node().id.as_str().starts_with("164."))
                .map(|n| n.node().id.as_str());
            ctrlmap_core::suggest::closest(&text, ids).map(str::to_owned)
        };
        let Some(section_node) = catalog().get(section) else {
            return Err(err(CitationErrorReason::UnknownSection, nearest()));
        };
        if catalog().contains(&text) {
            return Ok(Self { text: text.into() });
        }
        if let Some(node) = catalog().find(&text) {
            return Ok(Self {
                text: node.node().id.as_str().into(),
            });
        }
        // Subpart E's paragraphs are not all in the catalog: accept any well-formed one.
        let in_privacy_rule =
            section_node.parent().map(|p| p.node().id.as_str()) == Some("subpart-E");
        if in_privacy_rule {
            return Ok(Self { text: text.into() });
        }
        match catalog().enclosing(&text) {
            Some(within) => Err(CitationError {
                within: Some(within.node().id.to_string()),
                ..err(CitationErrorReason::UnknownParagraph, None)
            }),
            None => Err(err(CitationErrorReason::UnknownParagraph, nearest())),
        }
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Citation {
    type Err = CitationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::normalise(s)
    }
}

impl Serialize for Citation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Citation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = Cow::<'de, str>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Citation {
    fn schema_name() -> Cow<'static, str> {
        "HipaaCitation".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "ctrlmap_hipaa::Citation".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A citation of 45 CFR Part 164 in normal form, such as 164.312(a)(2)(iv).",
            "type": "string",
            "pattern": "^164\\.[0-9]{3}(\\(([a-z]|[A-Z]|[0-9]{1,3}|[ivx]+)\\)){0,6}$",
            "examples": ["164.308(a)(1)", "164.312(a)(2)(iv)", "164.404(b)"]
        })
    }
}
