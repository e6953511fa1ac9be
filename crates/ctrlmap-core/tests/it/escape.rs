//! Escaping, finished (#22): what each output may not carry through.

use ctrlmap_core::escape::{csv_cell, html_text, markdown_text, terminal_text, xml_text};

#[test]
fn csv_cells_carry_no_control_characters_and_no_formula() {
    // ESC, NUL: replaced; a carriage return: quoted (a line break).
    assert_eq!(csv_cell("a\u{1b}[31mb\u{0}c"), "a\u{fffd}[31mb\u{fffd}c");
    assert_eq!(csv_cell("a\rb"), "\"a\rb\"");
    // A formula behind a blank, or in full-width characters, is neutralised too.
    assert_eq!(csv_cell(" =1+1"), "' =1+1");
    assert_eq!(csv_cell("\u{ff1d}SUM(A1)"), "'\u{ff1d}SUM(A1)");
    assert_eq!(csv_cell("\u{ff0b}1"), "'\u{ff0b}1");
    // Bidirectional overrides cannot reorder a cell.
    assert_eq!(csv_cell("a\u{202e}b"), "a\u{fffd}b");
    // Ordinary text is untouched.
    assert_eq!(csv_cell("164.308(a)(1)"), "164.308(a)(1)");
}

#[test]
fn no_output_carries_a_bidirectional_override() {
    let sneaky = "invoice\u{202e}fdp.exe";
    for out in [
        html_text(sneaky),
        markdown_text(sneaky),
        xml_text(sneaky),
        csv_cell(sneaky),
    ] {
        assert!(!out.contains('\u{202e}'), "{out:?}");
        assert!(out.contains('\u{fffd}'), "{out:?}");
    }
    assert_eq!(terminal_text(sneaky), "invoice\\u{202e}fdp.exe");
}
