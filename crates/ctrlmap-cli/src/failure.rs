//! Why a command failed, and so its exit status.

use std::io;

/// Why a command failed, and so its exit status.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Bad input from the user, one message per line: exit 2.
    Usage(Vec<String>),
    /// Output could not be written: exit 1.
    Io(io::Error),
}

impl Failure {
    /// Bad input from the user, said in one message.
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Self::Usage(vec![message.into()])
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}
