//! Publication dates, which publishers give only as precisely as they know them.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The JSON Schema `pattern` of a [`PublicationDate`].
pub const PUBLICATION_DATE_PATTERN: &str =
    "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$";

/// The date a source document was published, as precisely as it is known: a year (`2013`), a
/// month (`2013-05`) or a day (`2013-05-14`), in ISO 8601 form.
///
/// Many compliance documents are cited by month or year only; this type keeps that precision
/// instead of inventing a day. Dates order by year, then month, then day, a missing part
/// sorting first.
///
/// ```
/// use ctrlmap::PublicationDate;
///
/// let d: PublicationDate = "2022-09".parse()?;
/// assert_eq!((d.year(), d.month(), d.day()), (2022, Some(9), None));
/// assert_eq!(d.to_string(), "2022-09");
/// assert!("2023-02-29".parse::<PublicationDate>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PublicationDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

/// The error returned when a [`PublicationDate`] does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid publication date {input:?}: expected YYYY, YYYY-MM or YYYY-MM-DD with a real month and day"
)]
pub struct ParseDateError {
    input: String,
}

impl ParseDateError {
    /// The text that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl PublicationDate {
    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month (1–12), when known.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, when known.
    pub fn day(&self) -> Option<u8> {
        self.day
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits<T: FromStr>(s: &str, len: usize) -> Option<T> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl FromStr for PublicationDate {
    type Err = ParseDateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseDateError {
            input: s.to_owned(),
        };
        let mut parts = s.split('-');
        let year: u16 = parts.next().and_then(|p| digits(p, 4)).ok_or_else(err)?;
        let month: Option<u8> = match parts.next() {
            None => None,
            Some(p) => Some(
                digits(p, 2)
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(err)?,
            ),
        };
        let day: Option<u8> = match (parts.next(), month) {
            (None, _) => None,
            (Some(p), Some(m)) => Some(
                digits(p, 2)
                    .filter(|d| (1..=days_in_month(year, m)).contains(d))
                    .ok_or_else(err)?,
            ),
            (Some(_), None) => return Err(err()),
        };
        if parts.next().is_some() {
            return Err(err());
        }
        Ok(Self { year, month, day })
    }
}

impl fmt::Display for PublicationDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PublicationDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PublicationDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = Cow::<'de, str>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for PublicationDate {
    fn schema_name() -> Cow<'static, str> {
        "PublicationDate".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "ctrlmap_core::PublicationDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A publication date as precisely as it is known: YYYY, YYYY-MM or YYYY-MM-DD.",
            "type": "string",
            "pattern": PUBLICATION_DATE_PATTERN,
            "examples": ["2013", "2013-05", "2013-05-14"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_each_precision_and_leap_days() {
        for ok in ["2013", "2013-05", "2013-05-14", "2024-02-29", "2000-02-29"] {
            assert_eq!(ok.parse::<PublicationDate>().unwrap().to_string(), ok);
        }
    }

    #[test]
    fn rejects_impossible_dates_and_other_shapes() {
        for bad in [
            "",
            "13",
            "2013-5",
            "2013-13",
            "2013-00",
            "2013-04-31",
            "1900-02-29",
            "2013-05-14-1",
            "2013--14",
            "+2013",
            "２０１３",
        ] {
            assert!(bad.parse::<PublicationDate>().is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn orders_by_precision_within_a_period() {
        let y: PublicationDate = "2013".parse().unwrap();
        let m: PublicationDate = "2013-05".parse().unwrap();
        let d: PublicationDate = "2013-05-14".parse().unwrap();
        assert!(y < m && m < d);
    }
}
