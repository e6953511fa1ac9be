//! Framework and control identifiers.
//!
//! Three small validated string types name everything in ctrlmap:
//!
//! - [`FrameworkId`]: a framework, such as `soc2`, `coso`, `hipaa`, `hitrust` or `nist-800-53`;
//! - [`ControlId`]: a node within one framework's catalog, such as `CC6.1` or
//!   `164.312(a)(2)(iv)`;
//! - [`ControlRef`]: both together, `framework:id`, such as `soc2:CC6.1`.
//!
//! Parsing is strict and [`Display`](std::fmt::Display) prints the canonical form, so
//! `s.parse::<ControlRef>()?.to_string() == s` for every valid `s`. Serde reads and writes each
//! as a plain JSON string, and the JSON Schema of each is a string with a `pattern`.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest [`FrameworkId`] accepted, in characters.
pub const MAX_FRAMEWORK_ID_LEN: usize = 64;
/// The longest [`ControlId`] accepted, in characters.
pub const MAX_CONTROL_ID_LEN: usize = 256;

/// The JSON Schema `pattern` of a [`FrameworkId`].
pub const FRAMEWORK_ID_PATTERN: &str = "^[a-z0-9-]+$";
/// The JSON Schema `pattern` of a [`ControlId`]: no white space, no control characters, and
/// no invisible formatting characters (soft hyphen, zero-width spaces and joiners, bidi
/// marks, embeddings, overrides and isolates), so that two ids that look the same are the
/// same.
///
/// The class is spelled out with `\u` escapes (rather than `\s` or `\p{..}`) so that it means
/// exactly the same in Rust, ECMA-262 and Python's `re`.
pub const CONTROL_ID_PATTERN: &str = r"^[^\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u2069\u3000\ufeff]+$";
/// The JSON Schema `pattern` of a [`ControlRef`].
pub const CONTROL_REF_PATTERN: &str = r"^[a-z0-9-]+:[^\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u2069\u3000\ufeff]+$";

/// Why a piece of text is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdErrorReason {
    /// The text is empty.
    Empty,
    /// The text is longer than the maximum length.
    TooLong {
        /// The maximum length in characters.
        max: usize,
    },
    /// The text contains a character that the identifier does not allow.
    InvalidChar {
        /// The character.
        ch: char,
        /// Its position, counted in characters from 0.
        position: usize,
    },
    /// A control reference has no `:` between the framework and the control.
    MissingSeparator,
    /// The id mixes letters of scripts whose letters look alike (Latin, Greek, Cyrillic, …):
    /// `АС-1` in Cyrillic reads as `AC-1` in Latin.
    MixedScripts {
        /// The first script.
        first: &'static str,
        /// Another.
        second: &'static str,
    },
}

impl fmt::Display for IdErrorReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("it is empty"),
            Self::MixedScripts { first, second } => write!(
                f,
                "it mixes {first} and {second} letters, which can look alike (АС-1 in Cyrillic reads as AC-1); write it in one script"
            ),
            Self::TooLong { max } => write!(f, "it is longer than {max} characters"),
            Self::InvalidChar { ch, position } => {
                write!(f, "character {ch:?} at position {position} is not allowed")
            }
            Self::MissingSeparator => {
                f.write_str("expected `framework:id`, for example `soc2:CC6.1`")
            }
        }
    }
}

/// The error returned when parsing a [`FrameworkId`], [`ControlId`] or [`ControlRef`] fails.
///
/// It carries the rejected input and the reason, and its message says which rule was broken:
///
/// ```
/// use ctrlmap::FrameworkId;
///
/// let err = "SOC2".parse::<FrameworkId>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid framework id \"SOC2\": character 'S' at position 0 is not allowed \
///      (use lowercase letters a-z, digits and '-')"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what} {input:?}: {reason}{}", hint(what, reason))]
pub struct ParseIdError {
    what: &'static str,
    input: String,
    reason: IdErrorReason,
}

fn hint(what: &str, reason: &IdErrorReason) -> &'static str {
    match (what, reason) {
        (FrameworkId::WHAT | MappingSetId::WHAT, IdErrorReason::InvalidChar { .. }) => {
            " (use lowercase letters a-z, digits and '-')"
        }
        (ControlId::WHAT, IdErrorReason::InvalidChar { .. }) => {
            " (control ids contain no white space, control or invisible formatting characters)"
        }
        _ => "",
    }
}

impl ParseIdError {
    fn new(what: &'static str, input: &str, reason: IdErrorReason) -> Self {
        Self {
            what,
            input: input.to_owned(),
            reason,
        }
    }

    /// The text that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Why it failed.
    pub fn reason(&self) -> &IdErrorReason {
        &self.reason
    }

    /// What kind of identifier was expected: `"framework id"`, `"control id"` or
    /// `"control reference"`.
    pub fn expected(&self) -> &'static str {
        self.what
    }
}

fn check_len(what: &'static str, s: &str, max: usize) -> Result<(), ParseIdError> {
    if s.is_empty() {
        return Err(ParseIdError::new(what, s, IdErrorReason::Empty));
    }
    // A string of at most `max` bytes has at most `max` characters; count only when needed.
    if s.len() > max && s.chars().count() > max {
        return Err(ParseIdError::new(what, s, IdErrorReason::TooLong { max }));
    }
    Ok(())
}

fn first_bad_char(s: &str, allowed: impl Fn(char) -> bool) -> Option<(usize, char)> {
    s.chars().enumerate().find(|&(_, c)| !allowed(c))
}

fn is_framework_char(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_framework_byte)
}

/// The framework-id rule on one byte, for `const` use: `a-z`, `0-9` or `-`.
const fn is_framework_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'
}

/// The rules framework and mapping-set ids share: 1 to [`MAX_FRAMEWORK_ID_LEN`] characters
/// from `a-z`, `0-9` and `-`.
fn check_framework_chars(what: &'static str, s: &str) -> Result<(), ParseIdError> {
    check_len(what, s, MAX_FRAMEWORK_ID_LEN)?;
    match first_bad_char(s, is_framework_char) {
        Some((position, ch)) => Err(ParseIdError::new(
            what,
            s,
            IdErrorReason::InvalidChar { ch, position },
        )),
        None => Ok(()),
    }
}

/// Two scripts whose letters look alike that an id mixes, if it does: Latin, Greek,
/// Cyrillic, Armenian and Cherokee share letter shapes (`A`/`А`/`Α`), so an id may use
/// letters of one of them only. Other scripts (Han with Kana, say) are not restricted.
fn mixed_lookalike_scripts(s: &str) -> Option<(&'static str, &'static str)> {
    use unicode_script::{Script, UnicodeScript};
    // ASCII letters are all Latin: nothing to mix (and nearly every id is ASCII).
    if s.is_ascii() {
        return None;
    }
    let mut seen: Option<Script> = None;
    for c in s.chars() {
        let script = c.script();
        if !matches!(
            script,
            Script::Latin | Script::Greek | Script::Cyrillic | Script::Armenian | Script::Cherokee
        ) {
            continue;
        }
        match seen {
            None => seen = Some(script),
            Some(first) if first != script => return Some((first.full_name(), script.full_name())),
            Some(_) => {}
        }
    }
    None
}

/// Whether `c` may appear in a [`ControlId`]: anything but white space and control characters
/// (and the byte-order mark, which editors hide).
fn is_control_char(c: char) -> bool {
    let invisible = matches!(
        c,
        '\u{00ad}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    );
    !(c.is_whitespace() || c.is_control() || invisible)
}

/// The text of an identifier that is cheap to copy: a `'static` literal (the built-in
/// frameworks' constants), or shared text counted by reference (everything parsed). Equality,
/// order and hashing are the text's, whichever form it takes.
#[derive(Clone)]
enum Shared {
    Static(&'static str),
    Counted(Arc<str>),
}

impl std::ops::Deref for Shared {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Self::Static(s) => s,
            Self::Counted(s) => s,
        }
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Shared {}

impl PartialOrd for Shared {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Shared {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

impl std::hash::Hash for Shared {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

macro_rules! string_id_common {
    ($ty:ident) => {
        impl $ty {
            /// The identifier as a string slice, in canonical form.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&*self.0, f)
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $ty {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl PartialEq<String> for $ty {
            fn eq(&self, other: &String) -> bool {
                *self.0 == **other
            }
        }

        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = ParseIdError;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl TryFrom<String> for $ty {
            type Error = ParseIdError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl From<$ty> for String {
            fn from(id: $ty) -> String {
                String::from(&*id.0)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = Cow::<'de, str>::deserialize(deserializer)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// A framework identifier: lowercase ASCII letters, digits and `-`, such as `soc2`, `coso`,
/// `hipaa`, `hitrust` or `nist-800-53` (at most [`MAX_FRAMEWORK_ID_LEN`] characters).
///
/// ```
/// use ctrlmap::FrameworkId;
///
/// let id: FrameworkId = "nist-800-53".parse()?;
/// assert_eq!(id.as_str(), "nist-800-53");
/// assert!("SOC 2".parse::<FrameworkId>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FrameworkId(Shared);

impl FrameworkId {
    const WHAT: &'static str = "framework id";

    /// `text` without a leading `framework:` of this framework (in any case, with spaces
    /// around it trimmed), for parsers of ids people type (`sp800-53:AC-2 (1)`).
    ///
    /// ```
    /// let sp = ctrlmap::framework_id!("sp800-53");
    /// assert_eq!(sp.strip_from(" SP800-53: AC-2(1)"), "AC-2(1)");
    /// assert_eq!(sp.strip_from("AC-2(1)"), "AC-2(1)");
    /// ```
    pub fn strip_from<'a>(&self, text: &'a str) -> &'a str {
        let text = text.trim();
        let n = self.as_str().len();
        match (
            text.get(..n),
            text.get(n..).and_then(|r| r.strip_prefix(':')),
        ) {
            (Some(head), Some(rest)) if head.eq_ignore_ascii_case(self.as_str()) => {
                rest.trim_start()
            }
            _ => text,
        }
    }

    /// A framework id from a `'static` text, or `None` when it breaks the rules of
    /// [`FromStr`](#impl-FromStr-for-FrameworkId). A `const fn` that never panics: the
    /// [`framework_id!`](crate::framework_id) macro calls it at compile time to make
    /// constants such as [`ctrlmap::hipaa::FRAMEWORK_ID`][hipaa].
    ///
    /// ```
    /// use ctrlmap::FrameworkId;
    ///
    /// assert_eq!(FrameworkId::try_from_static("acme-policy"), Some("acme-policy".parse()?));
    /// assert_eq!(FrameworkId::try_from_static("ACME"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// [hipaa]: https://docs.rs/ctrlmap/latest/ctrlmap/hipaa/constant.FRAMEWORK_ID.html
    pub const fn try_from_static(id: &'static str) -> Option<Self> {
        if id.is_empty() || id.len() > MAX_FRAMEWORK_ID_LEN {
            return None;
        }
        let mut rest = id.as_bytes();
        while let [b, tail @ ..] = rest {
            if !is_framework_byte(*b) {
                return None;
            }
            rest = tail;
        }
        Some(Self(Shared::Static(id)))
    }
}

/// A [`FrameworkId`] constant from a literal, checked at compile time: an invalid id does not
/// compile, and nothing is checked or can fail at run time.
///
/// ```
/// use ctrlmap::FrameworkId;
///
/// const ACME: FrameworkId = ctrlmap::framework_id!("acme-policy");
/// assert_eq!(ACME, "acme-policy".parse::<FrameworkId>()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// ```compile_fail
/// const BAD: ctrlmap::FrameworkId = ctrlmap::framework_id!("ACME");
/// ```
#[macro_export]
macro_rules! framework_id {
    ($id:literal) => {
        const {
            $crate::FrameworkId::try_from_static($id).expect(::core::concat!(
                "invalid framework id ",
                ::core::stringify!($id),
                ": use 1 to 64 lowercase letters a-z, digits and '-'"
            ))
        }
    };
}

string_id_common!(FrameworkId);

impl FromStr for FrameworkId {
    type Err = ParseIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        check_framework_chars(Self::WHAT, s)?;
        Ok(Self(Shared::Counted(s.into())))
    }
}

impl JsonSchema for FrameworkId {
    fn schema_name() -> Cow<'static, str> {
        "FrameworkId".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "ctrlmap_core::FrameworkId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A framework identifier: lowercase letters, digits and '-', e.g. `soc2`, `coso`, `nist-800-53`.",
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_FRAMEWORK_ID_LEN,
            "pattern": FRAMEWORK_ID_PATTERN,
            "examples": ["soc2", "coso", "hipaa", "hitrust", "nist-800-53"]
        })
    }
}

/// A mapping set identifier, such as `hipaa-soc2`: the same characters as a [`FrameworkId`]
/// (lowercase ASCII letters, digits and `-`, at most [`MAX_FRAMEWORK_ID_LEN`] characters), but
/// its own type, so that a set's id is never taken for a framework's.
///
/// ```
/// use ctrlmap::MappingSetId;
///
/// let id: MappingSetId = "hipaa-soc2".parse()?;
/// assert_eq!(id, "hipaa-soc2");
/// assert!("HIPAA to SOC 2".parse::<MappingSetId>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MappingSetId(Arc<str>);

impl MappingSetId {
    const WHAT: &'static str = "mapping set id";
}

string_id_common!(MappingSetId);

impl FromStr for MappingSetId {
    type Err = ParseIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        check_framework_chars(Self::WHAT, s)?;
        Ok(Self(s.into()))
    }
}

impl JsonSchema for MappingSetId {
    fn schema_name() -> Cow<'static, str> {
        "MappingSetId".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "ctrlmap_core::MappingSetId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A mapping set identifier: lowercase letters, digits and '-', e.g. `hipaa-soc2`.",
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_FRAMEWORK_ID_LEN,
            "pattern": FRAMEWORK_ID_PATTERN,
            "examples": ["hipaa-soc2", "soc2-coso"]
        })
    }
}

/// A control identifier, local to one framework: any non-empty text without white space or
/// control characters (at most [`MAX_CONTROL_ID_LEN`] characters), such as `CC6.1`, `P10`,
/// `164.312(a)(2)(iv)` or `01.a`.
///
/// Framework crates accept looser spellings (`cc6.1`, `45 CFR 164.312(a)(2)(iv)`) through
/// their own typed ids and normalise them; this type is the canonical form they produce.
///
/// ```
/// use ctrlmap::ControlId;
///
/// let id: ControlId = "164.312(a)(2)(iv)".parse()?;
/// assert_eq!(id, "164.312(a)(2)(iv)");
/// assert!("CC 6.1".parse::<ControlId>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ControlId(Arc<str>);

impl ControlId {
    const WHAT: &'static str = "control id";
}

string_id_common!(ControlId);

impl FromStr for ControlId {
    type Err = ParseIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        check_len(Self::WHAT, s, MAX_CONTROL_ID_LEN)?;
        if let Some((position, ch)) = first_bad_char(s, is_control_char) {
            return Err(ParseIdError::new(
                Self::WHAT,
                s,
                IdErrorReason::InvalidChar { ch, position },
            ));
        }
        if let Some((first, second)) = mixed_lookalike_scripts(s) {
            return Err(ParseIdError::new(
                Self::WHAT,
                s,
                IdErrorReason::MixedScripts { first, second },
            ));
        }
        // Ids that look the same are the same: one Unicode form (NFC), so that `Á` typed as
        // `A` and a combining accent is the id `Á`.
        if unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
        {
            Ok(Self(s.into()))
        } else {
            use unicode_normalization::UnicodeNormalization;
            let nfc: String = s.nfc().collect();
            Ok(Self(nfc.as_str().into()))
        }
    }
}

impl JsonSchema for ControlId {
    fn schema_name() -> Cow<'static, str> {
        "ControlId".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "ctrlmap_core::ControlId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A control identifier within one framework: no white space or control characters, e.g. `CC6.1`, `P10`, `164.312(a)(2)(iv)`, `01.a`.",
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_CONTROL_ID_LEN,
            "pattern": CONTROL_ID_PATTERN,
            "examples": ["CC6.1", "P10", "164.312(a)(2)(iv)", "01.a"]
        })
    }
}

/// A reference to one control in one framework, written `framework:id`, such as `soc2:CC6.1`,
/// `coso:P10` or `hipaa:164.312(a)(2)(iv)`.
///
/// The text is split at the first `:`; the framework part must be a valid [`FrameworkId`] and
/// the rest a valid [`ControlId`].
///
/// ```
/// use ctrlmap::ControlRef;
///
/// let r: ControlRef = "hipaa:164.312(a)(2)(iv)".parse()?;
/// assert_eq!(r.framework().as_str(), "hipaa");
/// assert_eq!(r.control().as_str(), "164.312(a)(2)(iv)");
/// assert_eq!(r.to_string(), "hipaa:164.312(a)(2)(iv)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ControlRef {
    framework: FrameworkId,
    control: ControlId,
}

/// Compares with the canonical text, so that tests and callers can write
/// `assert_eq!(reference, "soc2:CC6.1")`.
///
/// ```
/// let r: ctrlmap::ControlRef = "soc2:CC6.1".parse()?;
/// assert_eq!(r, "soc2:CC6.1");
/// assert_ne!(r, "soc2:cc6.1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl PartialEq<str> for ControlRef {
    fn eq(&self, other: &str) -> bool {
        other
            .split_once(':')
            .is_some_and(|(f, c)| self.framework().as_str() == f && self.control().as_str() == c)
    }
}

impl PartialEq<&str> for ControlRef {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl ControlRef {
    const WHAT: &'static str = "control reference";

    /// Joins a framework and a control id.
    pub fn new(framework: FrameworkId, control: ControlId) -> Self {
        Self { framework, control }
    }

    /// The framework part.
    pub fn framework(&self) -> &FrameworkId {
        &self.framework
    }

    /// The control part.
    pub fn control(&self) -> &ControlId {
        &self.control
    }

    /// Splits the reference into its parts.
    pub fn into_parts(self) -> (FrameworkId, ControlId) {
        (self.framework, self.control)
    }
}

impl fmt::Display for ControlRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.framework, self.control)
    }
}

impl fmt::Debug for ControlRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl FromStr for ControlRef {
    type Err = ParseIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() {
            return Err(ParseIdError::new(Self::WHAT, s, IdErrorReason::Empty));
        }
        let Some((framework, control)) = s.split_once(':') else {
            return Err(ParseIdError::new(
                Self::WHAT,
                s,
                IdErrorReason::MissingSeparator,
            ));
        };
        // Report the error against the whole reference, with positions in the whole text.
        let framework: FrameworkId = framework
            .parse()
            .map_err(|e: ParseIdError| ParseIdError::new(Self::WHAT, s, e.reason))?;
        let offset = framework.as_str().chars().count() + 1;
        let control: ControlId = control.parse().map_err(|e: ParseIdError| {
            let reason = match e.reason {
                IdErrorReason::InvalidChar { ch, position } => IdErrorReason::InvalidChar {
                    ch,
                    position: position + offset,
                },
                other => other,
            };
            ParseIdError::new(Self::WHAT, s, reason)
        })?;
        Ok(Self { framework, control })
    }
}

impl TryFrom<&str> for ControlRef {
    type Error = ParseIdError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl Serialize for ControlRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ControlRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = Cow::<'de, str>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for ControlRef {
    fn schema_name() -> Cow<'static, str> {
        "ControlRef".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "ctrlmap_core::ControlRef".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A reference to a control: `framework:id`, e.g. `soc2:CC6.1`, `coso:P10`, `hipaa:164.312(a)(2)(iv)`.",
            "type": "string",
            "minLength": 3,
            "pattern": CONTROL_REF_PATTERN,
            "examples": ["soc2:CC6.1", "coso:P10", "hipaa:164.312(a)(2)(iv)", "hitrust:01.a"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_ref_error_positions_count_the_whole_text() {
        let err = "soc2:CC\u{a0}6.1".parse::<ControlRef>().unwrap_err();
        assert_eq!(
            err.reason(),
            &IdErrorReason::InvalidChar {
                ch: '\u{a0}',
                position: 7
            }
        );
        assert_eq!(err.expected(), "control reference");
    }

    #[test]
    fn too_long_ids_are_rejected_by_characters_not_bytes() {
        let ok = "é".repeat(MAX_CONTROL_ID_LEN);
        assert!(ok.parse::<ControlId>().is_ok());
        let long = "é".repeat(MAX_CONTROL_ID_LEN + 1);
        assert_eq!(
            long.parse::<ControlId>().unwrap_err().reason(),
            &IdErrorReason::TooLong {
                max: MAX_CONTROL_ID_LEN
            }
        );
    }
}
