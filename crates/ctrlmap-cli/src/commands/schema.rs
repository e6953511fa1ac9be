//! `ctrlmap schema`: the JSON Schemas of the data formats.

use std::io::Write;

use serde_json::{Value, json};

use crate::cli::Format;
use crate::failure::Failure;
use crate::lookup::did_you_mean;
use crate::output::{Out, write_json};
use crate::table;

/// Print the JSON Schema of a data format, or list the formats when no name is given.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The format, such as `catalog` or `mapping-set`.
    name: Option<String>,
    /// Output format of the list.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Prints the schema `args` names, or lists them all.
pub(crate) fn run(args: Args, out: &mut Out<impl Write>) -> Result<(), Failure> {
    match args.name {
        None => schema_list(args.format, out),
        Some(name) => schema(&name, out),
    }
}

fn schema_list(format: Format, out: &mut Out<impl Write>) -> Result<(), Failure> {
    match format {
        Format::Json => {
            let list: Vec<Value> = ctrlmap::schema::ALL
                .iter()
                .map(|s| json!({ "name": s.name(), "file": s.file(), "description": s.description() }))
                .collect();
            write_json(out, &list)
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = ctrlmap::schema::ALL
                .iter()
                .map(|s| {
                    vec![
                        s.name().to_owned(),
                        s.file().to_owned(),
                        s.description().to_owned(),
                    ]
                })
                .collect();
            table::write(&mut out.w, &["NAME", "FILE", "DESCRIPTION"], &rows)
        }
    }
}

fn schema(name: &str, out: &mut Out<impl Write>) -> Result<(), Failure> {
    let info = ctrlmap::schema::get(name).ok_or_else(|| {
        Failure::usage(format!(
            "unknown schema \"{name}\"{}; schemas: {}",
            did_you_mean(ctrlmap::suggest::closest(name, ctrlmap::schema::names())),
            ctrlmap::schema::names().collect::<Vec<_>>().join(", ")
        ))
    })?;
    out.w.write_all(info.to_json_string().as_bytes())?;
    Ok(())
}
