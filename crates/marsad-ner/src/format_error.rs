//! The error of a bundled data file that cannot be read: the weights, the word clusters,
//! the name lexicon. Its own module because every reader of those files returns it and
//! none of them should depend on another to name its error.

/// A data file (weights, clusters, lexicon) that cannot be read: what is wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub String);

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FormatError {}
