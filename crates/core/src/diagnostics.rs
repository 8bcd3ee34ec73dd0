//! Author-facing problems, each with the place in the source it is about.
//!
//! Parsers collect every problem into a `Diagnostics` list instead of stopping at the
//! first; the compiler prints them all as `path:line:col: message`. Problems are errors
//! (nothing is built); warnings (the item-writing and diagram lints) are printed as
//! `path:line:col: warning: message` and fail only under `--deny-warnings`.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the author would type it, e.g. `course/02-actors.md`.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

/// Turns byte offsets in one source text into 1-based line and column numbers.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// (line, column) of a byte offset; offsets past the end clamp to the end.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line + 1, col + 1)
    }
}

/// The problems found in one file.
pub struct FileDiagnostics<'a> {
    file: String,
    index: LineIndex<'a>,
    pub found: Vec<Diagnostic>,
    /// Warnings: the course still builds.
    pub warned: Vec<Diagnostic>,
}

impl<'a> FileDiagnostics<'a> {
    pub fn new(file: &str, text: &'a str) -> Self {
        FileDiagnostics {
            file: file.to_string(),
            index: LineIndex::new(text),
            found: Vec::new(),
            warned: Vec::new(),
        }
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    /// Records a problem at a byte offset of the file's text.
    pub fn at(&mut self, offset: usize, message: impl Into<String>) {
        let (line, col) = self.index.position(offset);
        self.found.push(Diagnostic {
            file: self.file.clone(),
            line,
            col,
            message: message.into(),
        });
    }

    /// Records a warning at a byte offset of the file's text.
    pub fn warn_at(&mut self, offset: usize, message: impl Into<String>) {
        let (line, col) = self.index.position(offset);
        self.warned.push(Diagnostic {
            file: self.file.clone(),
            line,
            col,
            message: message.into(),
        });
    }

    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.index.position(offset)
    }
}

/// Where something was defined, to point at it in a later message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub col: usize,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

impl Place {
    pub fn problem(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: self.file.clone(),
            line: self.line,
            col: self.col,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let idx = LineIndex::new("ab\ncé d\n");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        // 'é' is two bytes but one column.
        assert_eq!(idx.position(7), (2, 4));
        assert_eq!(idx.position(999), (3, 1));
    }
}
