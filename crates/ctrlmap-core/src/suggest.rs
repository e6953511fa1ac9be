//! "Did you mean ...?": the closest valid identifier to a mistyped one.

/// The most "did you mean" suggestions one validation computes: each costs a pass over every
/// candidate, so a file with thousands of unknown names would otherwise take quadratic time.
/// Problems past this many are reported without a suggestion.
pub const MAX_SUGGESTIONS: usize = 20;

/// Returns the candidate closest to `input` by edit distance, ignoring ASCII case, if it is
/// close enough to be a plausible typo (at most half the longer string's length, and never
/// more than 4 edits). Ties go to the earliest candidate.
///
/// ```
/// use ctrlmap::suggest::closest;
///
/// let ids = ["CC6.1", "CC6.2", "CC7.1"];
/// assert_eq!(closest("cc6.l", ids), Some("CC6.1"));
/// assert_eq!(closest("PI9.9.9.9", ids), None);
/// ```
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input: Vec<char> = input.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut best: Option<(usize, &'a str)> = None;
    let mut row = Vec::new();
    for candidate in candidates {
        // The distance is at least the difference in length, and never more than 4 counts.
        if candidate.chars().count().abs_diff(input.len()) > 4 {
            continue;
        }
        let cand: Vec<char> = candidate.chars().map(|c| c.to_ascii_lowercase()).collect();
        let limit = (input.len().max(cand.len()) / 2).min(4);
        let d = distance(&input, &cand, &mut row);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance with one reusable row.
fn distance(a: &[char], b: &[char], row: &mut Vec<usize>) -> usize {
    row.clear();
    row.extend(0..=b.len());
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        for (slot, &cb) in row.iter_mut().skip(1).zip(b) {
            let up = *slot;
            let value = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(up).min(left)
            };
            diagonal = up;
            *slot = value;
            left = value;
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or(a.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        distance(&a, &b, &mut Vec::new())
    }

    #[test]
    fn distances() {
        assert_eq!(d("", ""), 0);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("CC10.1", "CC1.1"), 1);
    }

    #[test]
    fn nearest_and_ties() {
        assert_eq!(closest("CC6.9", ["CC6.1", "CC6.8"]), Some("CC6.1"));
        assert_eq!(closest("p18", ["P1", "P17", "P8"]), Some("P1"));
        assert_eq!(closest("x", Vec::<&str>::new()), None);
    }
}
