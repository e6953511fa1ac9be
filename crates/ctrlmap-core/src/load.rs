//! The one path every JSON data file takes in: read, decode, parse, with errors that name the
//! origin, line and column.
//!
//! Catalogs, text overlays and the formats of other ctrlmap crates all load through these
//! functions, so built-in data and users' files meet the same checks and give the same errors.
//! A leading UTF-8 byte-order mark is accepted and skipped.

use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::LoadError;

/// The origin label used for documents parsed from a string.
pub const STRING_ORIGIN: &str = "<string>";

/// Limits on what one load may take in, so that a hostile or mistaken file fails with a clear
/// error instead of exhausting memory or the stack. The defaults fit a laptop; raise them
/// for bigger data.
///
/// JSON nesting is limited separately, at 128 levels, by the JSON parser.
///
/// ```
/// use ctrlmap::{Catalog, LoadError, load::Limits};
///
/// let limits = Limits::default().with_max_file_bytes(10);
/// let err = Catalog::from_json_str_with_limits("{ \"framework\": {} }", "tiny.json", &limits).unwrap_err();
/// assert!(matches!(err, LoadError::LimitExceeded { .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Limits {
    /// The largest file, in bytes (default 64 MiB).
    pub max_file_bytes: u64,
    /// The most nodes in one catalog or extension (default 1,000,000).
    pub max_nodes: usize,
    /// The deepest node tree: how many ancestors a node may have (default 256).
    pub max_depth: usize,
    /// The most rows in one mapping set (default 5,000,000).
    pub max_mappings: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 64 << 20,
            max_nodes: 1_000_000,
            max_depth: 256,
            max_mappings: 5_000_000,
        }
    }
}

impl Limits {
    /// Sets the largest file, in bytes.
    #[must_use]
    pub fn with_max_file_bytes(mut self, bytes: u64) -> Self {
        self.max_file_bytes = bytes;
        self
    }

    /// Sets the most nodes in one catalog or extension.
    #[must_use]
    pub fn with_max_nodes(mut self, nodes: usize) -> Self {
        self.max_nodes = nodes;
        self
    }

    /// Sets the deepest node tree.
    #[must_use]
    pub fn with_max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Sets the most rows in one mapping set.
    #[must_use]
    pub fn with_max_mappings(mut self, mappings: usize) -> Self {
        self.max_mappings = mappings;
        self
    }

    /// Checks an input's size in bytes against the limit.
    ///
    /// # Errors
    /// [`LoadError::LimitExceeded`] when `len` is over [`Limits::max_file_bytes`].
    pub fn check_size(&self, origin: &str, len: u64) -> Result<(), LoadError> {
        if len > self.max_file_bytes {
            Err(LoadError::LimitExceeded {
                origin: origin.to_owned(),
                what: "file size in bytes",
                limit: self.max_file_bytes,
            })
        } else {
            Ok(())
        }
    }
}

/// As [`from_str`], refusing text larger than the limits allow.
///
/// # Errors
/// [`LoadError::LimitExceeded`], or as [`from_str`].
pub fn from_str_limited<T: DeserializeOwned>(
    text: &str,
    origin: &str,
    limits: &Limits,
) -> Result<T, LoadError> {
    limits.check_size(origin, text.len() as u64)?;
    parse_str(origin, text)
}

/// As [`from_reader`], reading no more than the limits allow.
///
/// # Errors
/// [`LoadError::LimitExceeded`] as soon as the input passes the size limit, or as
/// [`from_reader`].
pub fn from_reader_limited<T: DeserializeOwned>(
    reader: impl Read,
    origin: &str,
    limits: &Limits,
) -> Result<T, LoadError> {
    let mut bytes = Vec::new();
    reader
        .take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| LoadError::Io {
            origin: origin.to_owned(),
            source,
        })?;
    limits.check_size(origin, bytes.len() as u64)?;
    parse_slice(origin, &bytes)
}

/// As [`from_path`], refusing files larger than the limits allow before reading them.
///
/// # Errors
/// [`LoadError::LimitExceeded`], or as [`from_path`].
pub fn from_path_limited<T: DeserializeOwned>(
    path: impl AsRef<Path>,
    limits: &Limits,
) -> Result<T, LoadError> {
    let path = path.as_ref();
    let text = read_text_limited(path, limits)?;
    parse_str(&path.display().to_string(), &text)
}

/// Reads a file as UTF-8 text within the limits, less a leading byte-order mark, for callers
/// that look at the text before
/// choosing a parser (such as telling an OSCAL document from a ctrlmap one). Errors name the
/// path, and a bad byte is reported with its line and column.
///
/// # Errors
/// [`LoadError::Io`], [`LoadError::LimitExceeded`], or [`LoadError::Syntax`] for text that is
/// not UTF-8.
pub fn read_text_limited(path: impl AsRef<Path>, limits: &Limits) -> Result<String, LoadError> {
    let path = path.as_ref();
    let origin = path.display().to_string();
    let io = |source| LoadError::Io {
        origin: origin.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    if let Ok(meta) = file.metadata() {
        limits.check_size(&origin, meta.len())?;
    }
    let mut bytes = Vec::new();
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    limits.check_size(&origin, bytes.len() as u64)?;
    // A leading byte-order mark is no part of the text, whatever reads it next.
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| utf8_error(&origin, e.as_bytes(), e.utf8_error()))
}

/// Parses a JSON document from a string, within the default [`Limits`]. `origin` labels the
/// document in errors.
///
/// # Errors
/// [`LoadError::Syntax`] with the line and column when the text is not JSON of the shape `T`
/// expects; [`LoadError::LimitExceeded`] when it is too large.
///
/// ```
/// use ctrlmap::{load, LoadError, FrameworkId};
///
/// let id: FrameworkId = load::from_str("\"coso\"", "example")?;
/// assert_eq!(id, "coso");
/// let err = load::from_str::<FrameworkId>("\"COSO\"", "example").unwrap_err();
/// assert!(matches!(err, LoadError::Syntax { line: 1, .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_str<T: DeserializeOwned>(text: &str, origin: &str) -> Result<T, LoadError> {
    from_str_limited(text, origin, &Limits::default())
}

fn parse_str<T: DeserializeOwned>(origin: &str, text: &str) -> Result<T, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| syntax_error(origin, &e))
}

/// Parses a JSON document from bytes, which must be UTF-8. `origin` labels it in errors.
///
/// # Errors
/// [`LoadError::Syntax`] when the bytes are not UTF-8 (with the place of the first bad byte) or
/// not JSON of the shape `T` expects.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8], origin: &str) -> Result<T, LoadError> {
    Limits::default().check_size(origin, bytes.len() as u64)?;
    parse_slice(origin, bytes)
}

fn parse_slice<T: DeserializeOwned>(origin: &str, bytes: &[u8]) -> Result<T, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_str(origin, text),
        Err(e) => Err(utf8_error(origin, bytes, e)),
    }
}

/// Reads and parses a JSON document from a reader, reading no more than the default
/// [`Limits`] allow. `origin` labels it in errors.
///
/// # Errors
/// [`LoadError::Io`] when reading fails, [`LoadError::LimitExceeded`] when the input is too
/// large, otherwise as [`from_slice`].
pub fn from_reader<T: DeserializeOwned>(reader: impl Read, origin: &str) -> Result<T, LoadError> {
    from_reader_limited(reader, origin, &Limits::default())
}

/// Reads and parses a JSON file within the default [`Limits`]; errors name the path.
///
/// # Errors
/// [`LoadError::Io`] when the file cannot be read, [`LoadError::LimitExceeded`] when it is
/// too large, otherwise as [`from_slice`].
pub fn from_path<T: DeserializeOwned>(path: impl AsRef<Path>) -> Result<T, LoadError> {
    from_path_limited(path, &Limits::default())
}

/// The error for bytes that are not UTF-8, placed at the first bad byte.
fn utf8_error(origin: &str, bytes: &[u8], e: std::str::Utf8Error) -> LoadError {
    let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
    let (line, column) = line_column(valid);
    LoadError::Syntax {
        origin: origin.to_owned(),
        line,
        column,
        message: "the file is not valid UTF-8".to_owned(),
    }
}

fn syntax_error(origin: &str, e: &serde_json::Error) -> LoadError {
    let (line, column) = (e.line(), e.column());
    let full = e.to_string();
    let suffix = format!(" at line {line} column {column}");
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
    // serde_json reports column 0 for some errors found before the first character.
    LoadError::Syntax {
        origin: origin.to_owned(),
        line: line.max(1),
        column: column.max(1),
        message,
    }
}

/// The line and column (both from 1) just after `prefix`.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = 1 + prefix.iter().filter(|&&b| b == b'\n').count();
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = 1 + String::from_utf8_lossy(prefix.get(line_start..).unwrap_or_default())
        .chars()
        .count();
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        let bytes = b"{\n  \"a\": \"\xff\"\n}";
        let err = from_slice::<serde_json::Value>(bytes, "f.json").unwrap_err();
        match err {
            LoadError::Syntax { line, column, .. } => assert_eq!((line, column), (2, 9)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let v: u32 = from_str("\u{feff}42", "x").unwrap();
        assert_eq!(v, 42);
    }

    #[test]
    fn message_has_no_duplicate_position() {
        let err = from_str::<u32>("[", "x").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("x:1:1: "), "{text}");
        assert!(!text.contains(" at line "), "{text}");
    }
}
