//! Text from catalogs and mapping sets made safe for the places it is written to: a CSV
//! cell a spreadsheet opens, XML, HTML, Markdown, and a terminal. Catalog files can come from
//! anyone; none of these outputs may carry what its reader would execute.
//!
//! ```
//! use ctrlmap::escape;
//!
//! assert_eq!(escape::csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
//! assert_eq!(escape::xml_text("a<b\u{1}"), "a&lt;b\u{fffd}");
//! assert_eq!(escape::html_text("<script>"), "&lt;script&gt;");
//! assert_eq!(escape::markdown_text("a|b *c*"), "a\\|b \\*c\\*");
//! assert_eq!(escape::terminal_text("red\u{1b}[31m"), "red\\u{1b}[31m");
//! ```

use std::fmt::Write as _;

/// Whether a character reorders or hides text: bidirectional marks, embeddings, overrides
/// and isolates (U+202E "right-to-left override" can make `exe.txt` read as `txt.exe`).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}'
    )
}

/// A CSV cell: quoted when it holds a comma, quote or line break; control characters other
/// than tab and line breaks, and bidirectional controls, replaced by U+FFFD; and neutralised
/// when a spreadsheet would read it as a formula: a cell whose first non-blank character is
/// `=`, `+`, `-` or `@` (or their full-width forms `＝ ＋ － ＠`), or that starts with a tab
/// or carriage return, gets a leading `'` (OWASP's advice on CSV injection).
pub fn csv_cell(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| {
            if (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_bidi_control(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    let formula = clean.starts_with(['\t', '\r'])
        || clean.trim_start().starts_with([
            '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
        ]);
    let text = if formula { format!("'{clean}") } else { clean };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Text for XML content or attributes: markup escaped, and the characters XML 1.0 forbids
/// (control characters other than tab, line feed and carriage return; U+FFFE, U+FFFF)
/// replaced by U+FFFD.
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' || is_bidi_control(c) => {
                out.push('\u{fffd}');
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for HTML content or quoted attributes: `& < > " '` escaped, control characters other
/// than tab and line feed dropped.
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if is_bidi_control(c) => out.push('\u{fffd}'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text for a Markdown line or table cell: HTML escaped, Markdown's metacharacters
/// (`\ | * _ ` [ ] #`) backslash-escaped, line breaks folded to spaces, other control
/// characters dropped.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if is_bidi_control(c) => out.push('\u{fffd}'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text for a terminal: control characters (escape sequences included) other than line feed
/// and tab, and bidirectional marks, embeddings, overrides and isolates, written as visible
/// `\u{…}` escapes, so that data cannot move the cursor, recolour or reorder what is shown.
pub fn terminal_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}
