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

/// Parses a JSON document from a string. `origin` labels the document in errors.
///
/// # Errors
/// [`LoadError::Syntax`] with the line and column when the text is not JSON of the shape `T`
/// expects.
///
/// ```
/// use ctrlmap_core::{load, LoadError, FrameworkId};
///
/// let id: FrameworkId = load::from_str("example", "\"coso\"")?;
/// assert_eq!(id, "coso");
/// let err = load::from_str::<FrameworkId>("example", "\"COSO\"").unwrap_err();
/// assert!(matches!(err, LoadError::Syntax { line: 1, .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_str<T: DeserializeOwned>(origin: &str, text: &str) -> Result<T, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| syntax_error(origin, &e))
}

/// Parses a JSON document from bytes, which must be UTF-8. `origin` labels it in errors.
///
/// # Errors
/// [`LoadError::Syntax`] when the bytes are not UTF-8 (with the place of the first bad byte) or
/// not JSON of the shape `T` expects.
pub fn from_slice<T: DeserializeOwned>(origin: &str, bytes: &[u8]) -> Result<T, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => from_str(origin, text),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let (line, column) = line_column(valid);
            Err(LoadError::Syntax {
                origin: origin.to_owned(),
                line,
                column,
                message: "the file is not valid UTF-8".to_owned(),
            })
        }
    }
}

/// Reads and parses a JSON document from a reader. `origin` labels it in errors.
///
/// # Errors
/// [`LoadError::Io`] when reading fails, otherwise as [`from_slice`].
pub fn from_reader<T: DeserializeOwned>(
    origin: &str,
    mut reader: impl Read,
) -> Result<T, LoadError> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|source| LoadError::Io {
            origin: origin.to_owned(),
            source,
        })?;
    from_slice(origin, &bytes)
}

/// Reads and parses a JSON file; errors name the path.
///
/// # Errors
/// [`LoadError::Io`] when the file cannot be read, otherwise as [`from_slice`].
pub fn from_path<T: DeserializeOwned>(path: impl AsRef<Path>) -> Result<T, LoadError> {
    let path = path.as_ref();
    let origin = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        origin: origin.clone(),
        source,
    })?;
    from_slice(&origin, &bytes)
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
        let err = from_slice::<serde_json::Value>("f.json", bytes).unwrap_err();
        match err {
            LoadError::Syntax { line, column, .. } => assert_eq!((line, column), (2, 9)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let v: u32 = from_str("x", "\u{feff}42").unwrap();
        assert_eq!(v, 42);
    }

    #[test]
    fn message_has_no_duplicate_position() {
        let err = from_str::<u32>("x", "[").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("x:1:1: "), "{text}");
        assert!(!text.contains(" at line "), "{text}");
    }
}
