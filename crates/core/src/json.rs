//! Reading JSON without serde: a small parser into [`Json`] values, and [`FromJson`] for
//! the course and progress types.
//!
//! Why not serde: its derived readers (a visitor per type, and per `Vec<T>`, each
//! monomorphised for serde_json) were the largest single part of the learner's wasm, about
//! three quarters of serde's share. Reading here is one parser plus a few lines per type,
//! shared by the wasm and the native tests, so the format has one reader. Writing stays with
//! serde's derived `Serialize`, which is small.
//!
//! Semantics follow what the serde derives did: unknown fields are ignored; a field read
//! with [`Fields::or_default`] may be missing (or null); an `Option` is `None` when
//! missing or null; numbers are read exactly (a `u64` seed keeps every digit, and `1.0`
//! is not a whole number). Objects keep the last of repeated keys and iterate in key order,
//! as `serde_json::Value` did.

use std::fmt;

/// A JSON value. Numbers keep their text, so that whole numbers beyond 2^53 read exactly.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Entries sorted by key, keys unique.
    Object(Vec<(String, Json)>),
}

/// Where and why a text is not JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub what: &'static str,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.what, self.line, self.column
        )
    }
}

/// One value of the wrong shape: where it is (`topics[2].title`), what was expected
/// there, and what was found (`None`: nothing, the field is missing or null).
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: String,
    pub expected: &'static str,
    pub found: Option<Json>,
}

impl Problem {
    /// The path without its leading dot (`record.seen[1]`).
    pub fn place(&self) -> &str {
        self.path.trim_start_matches('.')
    }

    /// What was found, as JSON text cut at 40 characters, or `None` when nothing was.
    pub fn found_text(&self) -> Option<String> {
        let t = self.found.as_ref()?.to_string();
        Some(if t.chars().count() > 40 {
            let mut cut: String = t.chars().take(40).collect();
            cut.push('…');
            cut
        } else {
            t
        })
    }
}

impl Problem {
    /// The problem in a page's words (`say` gives the word for a key): `field_problem`
    /// (`{field}`, `{expected}`, `{found}`), or `field_problem_missing` when nothing was
    /// found; what was expected in the page's words where it has them (`expected_word`).
    pub fn worded(&self, say: &dyn Fn(&'static str) -> String) -> String {
        self.worded_with(say, self.found_text())
    }

    /// `worded`, with what was found told briefly: text, numbers and the like as they are
    /// (cut at 40 characters), a list or an object as `[…]` or `{…}`. (For the instructor's
    /// page, whose wasm then needs no JSON writer.)
    pub fn worded_briefly(&self, say: &dyn Fn(&'static str) -> String) -> String {
        let found = self.found.as_ref().map(|v| match v {
            Json::Null => "null".to_string(),
            Json::Bool(b) => if *b { "true" } else { "false" }.to_string(),
            Json::Number(n) => n.clone(),
            Json::String(s) => {
                let mut t = String::from("\"");
                t.extend(s.chars().take(40));
                t.push_str(if s.chars().nth(40).is_some() {
                    "…\""
                } else {
                    "\""
                });
                t
            }
            Json::Array(_) => "[…]".to_string(),
            Json::Object(_) => "{…}".to_string(),
        });
        self.worded_with(say, found)
    }

    fn worded_with(&self, say: &dyn Fn(&'static str) -> String, found: Option<String>) -> String {
        let expected = expected_word(self.expected).map_or_else(|| self.expected.to_string(), say);
        let key = if found.is_some() {
            "field_problem"
        } else {
            "field_problem_missing"
        };
        crate::model::fill(
            &say(key),
            &[
                ("field", self.place()),
                ("expected", &expected),
                ("found", found.as_deref().unwrap_or("")),
            ],
        )
    }
}

/// The word (`expected_…`) for what a value should have been, as a reader says it in
/// English; `None` for one the pages have no word for (then the English is shown).
pub fn expected_word(expected: &str) -> Option<&'static str> {
    Some(match expected {
        "text" => "expected_text",
        "non-empty text" => "expected_nonempty_text",
        "a number" => "expected_number",
        "a whole number of 0 or more" => "expected_whole",
        "true or false" => "expected_boolean",
        "a list" => "expected_list",
        "an object" => "expected_object",
        "an option number" => "expected_option",
        "an option number or null" => "expected_option_or_null",
        "{\"choices\": [...]} or {\"matching\": [...]}" => "expected_response",
        _ => return None,
    })
}

/// `record.seen[1]: expected non-empty text, found 7`.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let place = self.place();
        if !place.is_empty() {
            write!(f, "{place}: ")?;
        }
        let found = self.found_text();
        write!(
            f,
            "expected {}, found {}",
            self.expected,
            found.as_deref().unwrap_or("missing")
        )
    }
}

/// Every value of the wrong shape for the type read, each with its path: reading goes on
/// past a problem, so that one pass tells them all. Never empty.
#[derive(Clone, Debug, PartialEq)]
pub struct ShapeError {
    pub problems: Vec<Problem>,
}

impl ShapeError {
    /// `found` is not what `expected` says (a null is told as nothing found: for a value,
    /// null and missing are the same).
    pub fn new(expected: &'static str, found: &Json) -> Self {
        ShapeError::found(expected, (!found.is_null()).then(|| found.clone()))
    }

    /// `found` is not the list or object `expected` says (a null is told as `null`).
    pub fn container(expected: &'static str, found: &Json) -> Self {
        ShapeError::found(expected, Some(found.clone()))
    }

    fn found(expected: &'static str, found: Option<Json>) -> Self {
        ShapeError {
            problems: vec![Problem {
                path: String::new(),
                expected,
                found,
            }],
        }
    }

    /// The same problems, seen from the object that holds the value at `key`.
    #[inline(never)]
    pub fn within_key(mut self, key: &str) -> Self {
        for p in &mut self.problems {
            p.path = format!(".{key}{}", p.path);
        }
        self
    }

    /// The same problems, seen from the list that holds the value at `index`.
    #[inline(never)]
    pub fn within_index(mut self, index: usize) -> Self {
        for p in &mut self.problems {
            p.path = format!("[{index}]{}", p.path);
        }
        self
    }

    /// The same problems, those about a list's items saying `expected` instead (when the
    /// list knows better what its items are than their type does; an item is never
    /// missing, so a null one is told as `null`).
    pub fn items_expecting(mut self, expected: &'static str) -> Self {
        for p in &mut self.problems {
            if !p.path.is_empty() {
                p.expected = expected;
                p.found.get_or_insert(Json::Null);
            }
        }
        self
    }
}

/// Where and what was expected, for each problem (`topics[2].title: expected text`). What
/// was found is each `Problem`'s to tell: the course loader shows this, and the learner's
/// wasm has no other use for the JSON writer that would need.
impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            let place = p.place();
            if !place.is_empty() {
                write!(f, "{place}: ")?;
            }
            write!(f, "expected {}", p.expected)?;
        }
        Ok(())
    }
}

/// Collects the problems of the parts of a value read one after another.
#[derive(Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    /// The part's value, or `None` with its problems kept.
    #[inline]
    pub fn keep<T>(&mut self, r: Result<T, ShapeError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(e);
                None
            }
        }
    }

    #[inline(never)]
    fn add(&mut self, e: ShapeError) {
        self.0.extend(e.problems);
    }

    /// The error that tells them all (call it when some part was `None`).
    pub fn error(self) -> ShapeError {
        ShapeError { problems: self.0 }
    }
}

/// Why a text could not be read as a value of some type.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    Syntax(SyntaxError),
    Shape(ShapeError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Error::Syntax(e) => e.fmt(f),
            Error::Shape(e) => e.fmt(f),
        }
    }
}

/// Parses `text` and reads it as a `T`.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, Error> {
    let v = Json::parse(text).map_err(Error::Syntax)?;
    T::from_json(&v).map_err(Error::Shape)
}

/// A type that can be read from a JSON value.
pub trait FromJson: Sized {
    fn from_json(v: &Json) -> Result<Self, ShapeError>;
}

/// Nesting deeper than this is refused rather than risking the stack (serde_json's limit).
const MAX_DEPTH: usize = 128;
/// Objects keep their keys sorted as they are read; past this many keys a tampered file
/// with shuffled keys would take quadratic time, so it is refused instead. Real objects
/// here hold tens of keys.
const MAX_KEYS: usize = 10_000;

impl Json {
    /// Parses one JSON value (surrounding white space allowed, nothing else after it).
    pub fn parse(text: &str) -> Result<Json, SyntaxError> {
        let mut p = Parser {
            text: text.as_bytes(),
            at: 0,
            depth: 0,
        };
        let v = p.value()?;
        p.space();
        if p.at < p.text.len() {
            return Err(p.error("trailing characters"));
        }
        Ok(v)
    }

    /// The value at `key`, when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        let entries = self.as_object()?;
        let i = entries
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()?;
        Some(&entries[i].1)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    pub fn is_boolean(&self) -> bool {
        matches!(self, Json::Bool(_))
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// A whole number of 0 or more that fits a `u64` (not `1.0`, not `-1`).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// Any number, as the nearest `f64` (none for one too large for it, like `1e400`).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => decimal(n).filter(|x| x.is_finite()),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The entries of an object, in key order.
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(entries) => Some(entries),
            _ => None,
        }
    }
}

/// The `f64` a JSON number (already checked against JSON's grammar) stands for.
///
/// Not `str::parse`: std's correctly rounded parser for every input carries a table of 651
/// 128-bit powers of five and its algorithms into the learner's wasm (measured: 1.4 KB
/// brotli). The numbers that records hold (times in milliseconds, whole or with a few
/// decimals) have at most 19 significant digits and small exponents: with up to 15 digits
/// (a mantissa below 2^53) and an exponent within ±22, one multiplication or division by
/// an exactly represented power of ten is the correctly rounded result (Clinger's fast
/// path), which is what std returns. Beyond that the result is within a few units in the
/// last place, and out of range is infinite (the caller refuses it).
fn decimal(text: &str) -> Option<f64> {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let bytes = text.as_bytes();
    let (negative, mut i) = match bytes.first() {
        Some(b'-') => (true, 1),
        _ => (false, 0),
    };
    let mut mantissa: u64 = 0;
    let mut exp10: i64 = 0;
    let mut seen_point = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    if seen_point {
                        exp10 -= 1;
                    }
                } else if !seen_point {
                    // A digit beyond the 19 kept: it only scales the number.
                    exp10 += 1;
                }
            }
            b'.' => seen_point = true,
            b'e' | b'E' => {
                let e: i64 = text.get(i + 1..)?.parse().ok()?;
                exp10 = exp10.checked_add(e)?;
                break;
            }
            _ => return None,
        }
        i += 1;
    }
    let mut value = mantissa as f64;
    if mantissa != 0 {
        let mut e = exp10;
        while e > 22 && value.is_finite() {
            value *= POW10[22];
            e -= 22;
        }
        while e < -22 && value != 0.0 {
            value /= POW10[22];
            e += 22;
        }
        if (0..=22).contains(&e) {
            value *= POW10[e as usize];
        } else if (-22..0).contains(&e) {
            value /= POW10[(-e) as usize];
        }
    }
    Some(if negative { -value } else { value })
}

impl From<u64> for Json {
    fn from(n: u64) -> Json {
        Json::Number(n.to_string())
    }
}

/// Compact JSON text, as serde_json writes it.
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Number(n) => f.write_str(n),
            Json::String(s) => write_string(f, s),
            Json::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    item.fmt(f)?;
                }
                f.write_str("]")
            }
            Json::Object(entries) => {
                f.write_str("{")?;
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_string(f, k)?;
                    f.write_str(":")?;
                    v.fmt(f)?;
                }
                f.write_str("}")
            }
        }
    }
}

fn write_string(f: &mut fmt::Formatter, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{8}' => f.write_str("\\b")?,
            '\u{c}' => f.write_str("\\f")?,
            c if (c as u32) < 0x20 => write!(f, "\\u{:04x}", c as u32)?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

struct Parser<'t> {
    text: &'t [u8],
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, what: &'static str) -> SyntaxError {
        let before = &self.text[..self.at.min(self.text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // Columns count characters, not bytes.
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        SyntaxError { line, column, what }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &'static str, v: Json) -> Result<Json, SyntaxError> {
        if self.text[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(v)
        } else {
            Err(self.error("expected value"))
        }
    }

    fn value(&mut self) -> Result<Json, SyntaxError> {
        self.space();
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.nested(Parser::array),
            Some(b'{') => self.nested(Parser::object),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn nested(
        &mut self,
        read: fn(&mut Self) -> Result<Json, SyntaxError>,
    ) -> Result<Json, SyntaxError> {
        if self.depth == MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.depth += 1;
        self.at += 1;
        let v = read(self);
        self.depth -= 1;
        v
    }

    /// After the `[`.
    fn array(&mut self) -> Result<Json, SyntaxError> {
        let mut items = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                None => return Err(self.error("EOF while parsing a list")),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    /// After the `{`.
    fn object(&mut self) -> Result<Json, SyntaxError> {
        let mut entries: Vec<(String, Json)> = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(entries));
        }
        loop {
            self.space();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("key must be a string")),
            }
            let key = self.string()?;
            self.space();
            if self.peek() != Some(b':') {
                return Err(self.error("expected `:`"));
            }
            self.at += 1;
            let v = self.value()?;
            match entries.binary_search_by(|(k, _)| k.cmp(&key)) {
                Ok(i) => entries[i].1 = v,
                Err(_) if entries.len() == MAX_KEYS => {
                    return Err(self.error("too many keys in one object"))
                }
                Err(i) => entries.insert(i, (key, v)),
            }
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(entries));
                }
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json, SyntaxError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        // Only ASCII digits and signs were consumed, so this is a char boundary.
        let text = std::str::from_utf8(&self.text[start..self.at]).unwrap_or_default();
        Ok(Json::Number(text.to_string()))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut n = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.error("invalid escape")),
            };
            n = n * 16 + u32::from(d);
            self.at += 1;
        }
        Ok(n)
    }

    /// At the opening `"`.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while !matches!(self.peek(), None | Some(b'"' | b'\\' | 0..=0x1f)) {
                self.at += 1;
            }
            // The input is a &str and the stops are ASCII, so this is whole characters.
            out.push_str(std::str::from_utf8(&self.text[start..self.at]).unwrap_or_default());
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape")),
                    };
                    self.at += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.error("control character in a string")),
            }
        }
    }

    /// After `\u`: one character, from a surrogate pair when it takes two escapes.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.text[self.at..].starts_with(b"\\u") {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in hex escape")),
            c => c,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }
}

/// The fields of an object being read into a struct, and the problems found so far.
pub struct Fields<'v> {
    object: &'v Json,
    pub problems: Problems,
}

impl<'v> Fields<'v> {
    pub fn of(v: &'v Json) -> Result<Self, ShapeError> {
        if v.is_object() {
            Ok(Fields {
                object: v,
                problems: Problems::default(),
            })
        } else {
            Err(ShapeError::new("an object", v))
        }
    }

    /// A field that must be there (an `Option` may be missing or null: it is then `None`).
    // Not inlined here nor below: one copy per field type rather than one per field.
    #[inline(never)]
    pub fn required<T: FromJson>(&mut self, key: &str) -> Option<T> {
        self.required_with(key, T::from_json)
    }

    /// A field that must be there, read by `read` rather than by its type's reader.
    #[inline(never)]
    pub fn required_with<T>(
        &mut self,
        key: &str,
        read: fn(&Json) -> Result<T, ShapeError>,
    ) -> Option<T> {
        let v = self.object.get(key).unwrap_or(&Json::Null);
        self.problems.keep(read(v).map_err(|e| e.within_key(key)))
    }

    /// A field that takes its default when missing or null.
    #[inline(never)]
    pub fn or_default<T: FromJson + Default>(&mut self, key: &str) -> Option<T> {
        match self.object.get(key) {
            None | Some(Json::Null) => Some(T::default()),
            Some(v) => self
                .problems
                .keep(T::from_json(v).map_err(|e| e.within_key(key))),
        }
    }
}

/// `FromJson` for a struct from its fields: those that must be there (each read by its
/// type, or `field as reader` by a function such as [`nonempty`]), then `or_default` ones.
/// Every field is read, so the error names every problem.
#[macro_export]
macro_rules! from_json_struct {
    ($ty:ident { $($req:ident $(as $read:path)?),* $(,)? } $(or_default { $($opt:ident),* $(,)? })?) => {
        impl $crate::json::FromJson for $ty {
            fn from_json(v: &$crate::json::Json) -> Result<Self, $crate::json::ShapeError> {
                #[allow(unused_mut)]
                let mut f = $crate::json::Fields::of(v)?;
                $(let $req = $crate::from_json_field!(f, $req $(, $read)?);)*
                $($(let $opt = f.or_default(stringify!($opt));)*)?
                match ($($req,)* $($($opt,)*)?) {
                    ($(Some($req),)* $($(Some($opt),)*)?) => Ok($ty { $($req,)* $($($opt,)*)? }),
                    #[allow(unreachable_patterns)]
                    _ => Err(f.problems.error()),
                }
            }
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! from_json_field {
    ($f:ident, $key:ident) => {
        $f.required(stringify!($key))
    };
    ($f:ident, $key:ident, $read:path) => {
        $f.required_with(stringify!($key), $read)
    };
}

/// `FromJson` for an enum of unit variants written as strings.
#[macro_export]
macro_rules! from_json_names {
    ($ty:ident, $expected:literal { $($name:literal => $variant:ident),* $(,)? }) => {
        impl $crate::json::FromJson for $ty {
            fn from_json(v: &$crate::json::Json) -> Result<Self, $crate::json::ShapeError> {
                match v.as_str() {
                    $(Some($name) => Ok($ty::$variant),)*
                    _ => Err($crate::json::ShapeError::new($expected, v)),
                }
            }
        }
    };
}

impl FromJson for String {
    fn from_json(v: &Json) -> Result<Self, ShapeError> {
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| ShapeError::new("text", v))
    }
}

/// Text that may not be empty (an id, a version).
pub fn nonempty(v: &Json) -> Result<String, ShapeError> {
    match v.as_str() {
        Some(s) if !s.is_empty() => Ok(s.to_string()),
        _ => Err(ShapeError::new("non-empty text", v)),
    }
}

/// Nothing (missing or null), or text that is not empty.
pub fn nonempty_or_none(v: &Json) -> Result<Option<String>, ShapeError> {
    if v.is_null() {
        Ok(None)
    } else {
        nonempty(v).map(Some)
    }
}

/// A list of non-empty texts (ids).
pub fn nonempty_list(v: &Json) -> Result<Vec<String>, ShapeError> {
    list_of(v, nonempty)
}

impl FromJson for bool {
    fn from_json(v: &Json) -> Result<Self, ShapeError> {
        v.as_bool()
            .ok_or_else(|| ShapeError::new("true or false", v))
    }
}

impl FromJson for f64 {
    fn from_json(v: &Json) -> Result<Self, ShapeError> {
        v.as_f64().ok_or_else(|| ShapeError::new("a number", v))
    }
}

macro_rules! whole_numbers {
    ($($t:ty: $too_big:literal),*) => {$(
        impl FromJson for $t {
            fn from_json(v: &Json) -> Result<Self, ShapeError> {
                match v.as_u64() {
                    None => Err(ShapeError::new("a whole number of 0 or more", v)),
                    Some(n) => <$t>::try_from(n).map_err(|_| ShapeError::new($too_big, v)),
                }
            }
        }
    )*};
}
whole_numbers!(
    u8: "a whole number from 0 to 255",
    u32: "a whole number from 0 to 4294967295",
    u64: "a whole number of 0 or more",
    usize: "a whole number from 0 to 4294967295"
);

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: &Json) -> Result<Self, ShapeError> {
        match v {
            Json::Null => Ok(None),
            v => T::from_json(v).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Json) -> Result<Self, ShapeError> {
        list_of(v, T::from_json)
    }
}

/// A list, each item read by `read`; every item's problems are told.
pub fn list_of<T>(
    v: &Json,
    read: fn(&Json) -> Result<T, ShapeError>,
) -> Result<Vec<T>, ShapeError> {
    let items = v
        .as_array()
        .ok_or_else(|| ShapeError::container("a list", v))?;
    // A plain loop: `collect` into a `Result` costs the wasm more per element type.
    let mut out = Vec::with_capacity(items.len());
    let mut problems = Problems::default();
    for (i, item) in items.iter().enumerate() {
        if let Some(x) = problems.keep(read(item).map_err(|e| e.within_index(i))) {
            out.push(x);
        }
    }
    if out.len() == items.len() {
        Ok(out)
    } else {
        Err(problems.error())
    }
}

/// A tuple is a list of exactly its length.
macro_rules! tuples {
    ($($len:literal: ($($t:ident $i:tt),*)),*) => {$(
        impl<$($t: FromJson),*> FromJson for ($($t,)*) {
            fn from_json(v: &Json) -> Result<Self, ShapeError> {
                match v.as_array() {
                    Some(items) if items.len() == $len => Ok(($(
                        $t::from_json(&items[$i]).map_err(|e| e.within_index($i))?,
                    )*)),
                    _ => Err(ShapeError::new(concat!("a list of ", $len, " items"), v)),
                }
            }
        }
    )*};
}
tuples!(2: (A 0, B 1), 3: (A 0, B 1, C 2), 4: (A 0, B 1, C 2, D 3));

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn syntax(text: &str) -> String {
        Json::parse(text).unwrap_err().to_string()
    }

    #[test]
    fn parses_every_kind_of_value() {
        let v = Json::parse(
            r#" {"b": [true, false, null], "a": -12.5e3, "s": "x\"\\\/\n\u00e9\ud83d\ude00"} "#,
        )
        .unwrap();
        assert_eq!(v.get("a").and_then(Json::as_f64), Some(-12500.0));
        assert_eq!(v.get("s").and_then(Json::as_str), Some("x\"\\/\né😀"));
        assert_eq!(
            v.get("b").and_then(Json::as_array),
            Some(&[Json::Bool(true), Json::Bool(false), Json::Null][..])
        );
        // Keys come out sorted, as serde_json's Value keeps them.
        assert_eq!(
            v.to_string(),
            r#"{"a":-12.5e3,"b":[true,false,null],"s":"x\"\\/\né😀"}"#
        );
    }

    #[test]
    fn agrees_with_serde_json_on_what_is_json() {
        let cases = [
            "",
            " ",
            "nul",
            "tru",
            "[1,]",
            "[1 2]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{1:2}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "1e+",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\udc00x\"",
            "\"a\nb\"",
            "[1] x",
            "\"abc",
            "[",
            "{",
            "{\"a\":",
            "0",
            "-0.0e-0",
            "[[],{}]",
            "\"\\u00e9\"",
            "18446744073709551616",
            "  {\"a\" : [ 1 , 2 ] }  ",
            "\u{feff}1",
        ];
        for text in cases {
            let ours = Json::parse(text).map(|v| v.to_string());
            let theirs = serde_json::from_str::<serde_json::Value>(text);
            assert_eq!(
                ours.is_ok(),
                theirs.is_ok(),
                "{text:?}: {ours:?} vs {theirs:?}"
            );
        }
    }

    #[test]
    fn says_where_the_text_stops_being_json() {
        assert_eq!(
            syntax("{not json"),
            "key must be a string at line 1 column 2"
        );
        assert_eq!(
            syntax("[1,\n  2,\n  x]"),
            "expected value at line 3 column 3"
        );
        assert_eq!(
            syntax("\"é\u{1}\""),
            "control character in a string at line 1 column 3"
        );
        assert_eq!(syntax("[1] 2"), "trailing characters at line 1 column 5");
        assert_eq!(syntax(""), "EOF while parsing a value at line 1 column 1");
    }

    #[test]
    fn refuses_deep_nesting_instead_of_overflowing_the_stack() {
        let deep = "[".repeat(100_000);
        assert_eq!(
            Json::parse(&deep).unwrap_err().what,
            "recursion limit exceeded"
        );
        let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(Json::parse(&ok).is_ok());
    }

    #[test]
    fn refuses_objects_with_more_keys_than_any_record_has() {
        let object = |n: usize| {
            let keys: Vec<String> = (0..n).rev().map(|i| format!("\"k{i}\":0")).collect();
            format!("{{{}}}", keys.join(","))
        };
        assert!(Json::parse(&object(MAX_KEYS)).is_ok());
        assert_eq!(
            Json::parse(&object(MAX_KEYS + 1)).unwrap_err().what,
            "too many keys in one object"
        );
    }

    #[test]
    fn whole_numbers_are_exact_and_strict() {
        let big = u64::MAX.to_string();
        assert_eq!(from_str::<u64>(&big), Ok(u64::MAX));
        assert_eq!(
            from_str::<u64>("9007199254740993"),
            Ok(9_007_199_254_740_993)
        );
        for not_whole in ["1.0", "-1", "1e2", "\"1\"", "18446744073709551616"] {
            assert!(from_str::<u64>(not_whole).is_err(), "{not_whole}");
        }
        assert!(from_str::<u8>("256").is_err());
        assert_eq!(from_str::<f64>("3"), Ok(3.0));
    }

    #[test]
    fn numbers_read_as_std_reads_them_where_records_need_it() {
        // Whole and fractional milliseconds, scores, signs, exponents: exactly std's value.
        for text in [
            "0",
            "-0",
            "3",
            "-12500",
            "0.5",
            "1764567890123",
            "1764567890123.0",
            "1764567890123.5",
            "0.1",
            "0.2",
            "0.3",
            "80.25",
            "1e3",
            "1E-3",
            "2.5e+2",
            "123456789012345",
            "-0.000001",
            "9007199254740991",
            "1e22",
            "1e-22",
        ] {
            let ours = decimal(text).unwrap();
            let std: f64 = text.parse().unwrap();
            assert_eq!(ours.to_bits(), std.to_bits(), "{text}");
        }
        // Beyond the fast path: close, never wildly off.
        for text in [
            "0.30000000000000004",
            "12345678901234567890123",
            "1.5e300",
            "4.9e-320",
        ] {
            let (ours, std) = (decimal(text).unwrap(), text.parse::<f64>().unwrap());
            assert!(
                (ours - std).abs() <= std.abs() * 1e-15,
                "{text}: {ours} vs {std}"
            );
        }
        assert_eq!(decimal("1e400"), Some(f64::INFINITY));
        assert_eq!(
            from_str::<f64>("1e400").ok(),
            None,
            "out of range is refused"
        );
        assert_eq!(decimal("1e-400"), Some(0.0));
    }

    #[test]
    fn repeated_keys_keep_the_last() {
        let v = Json::parse(r#"{"z":1,"y":2,"z":3}"#).unwrap();
        assert_eq!(v.to_string(), r#"{"y":2,"z":3}"#);
    }

    #[derive(Debug, PartialEq)]
    struct Inner {
        n: u32,
        tags: Vec<String>,
    }
    crate::from_json_struct!(Inner { n } or_default { tags });

    #[derive(Debug, PartialEq)]
    struct Outer {
        name: String,
        inner: Vec<Inner>,
        note: Option<String>,
        pair: Option<(u64, String)>,
    }
    crate::from_json_struct!(Outer { name, inner, note } or_default { pair });

    #[test]
    fn structs_read_like_serde_derives() {
        let o: Outer = from_str(
            r#"{"name":"a","inner":[{"n":1},{"n":2,"tags":["x"],"extra":0}],"pair":[5,"p"]}"#,
        )
        .unwrap();
        assert_eq!(
            o,
            Outer {
                name: "a".into(),
                inner: vec![
                    Inner { n: 1, tags: vec![] },
                    Inner {
                        n: 2,
                        tags: vec!["x".into()]
                    }
                ],
                note: None,
                pair: Some((5, "p".into())),
            }
        );
    }

    #[test]
    fn reads_back_what_the_compiler_writes() {
        let course = crate::testing::compiled("course");
        let text = serde_json::to_string(&course).unwrap();
        assert_eq!(from_str::<crate::model::Course>(&text), Ok(course));
    }

    #[test]
    fn shape_errors_name_the_path_and_what_was_found() {
        let e = |text: &str| match from_str::<Outer>(text).unwrap_err() {
            Error::Shape(e) => e
                .problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
            Error::Syntax(e) => panic!("{e}"),
        };
        assert_eq!(e(r#"{"inner":[]}"#), "name: expected text, found missing");
        assert_eq!(
            e(r#"{"name":null,"inner":[]}"#),
            "name: expected text, found missing"
        );
        assert_eq!(
            e(r#"{"name":"a","inner":[{"n":1},{"n":"2"}]}"#),
            "inner[1].n: expected a whole number of 0 or more, found \"2\""
        );
        assert_eq!(
            e(r#"{"name":"a","inner":[{"n":4294967296}]}"#),
            "inner[0].n: expected a whole number from 0 to 4294967295, found 4294967296"
        );
        assert_eq!(
            e(r#"{"name":"a","inner":[],"pair":[1]}"#),
            "pair: expected a list of 2 items, found [1]"
        );
        assert_eq!(e("[]"), "expected an object, found []");
        assert_eq!(
            e(r#"{"nam":"x","inner":7}"#),
            "name: expected text, found missing; inner: expected a list, found 7"
        );
        // The error as a whole says where and what was expected.
        assert_eq!(
            from_str::<Outer>(r#"{"inner":7}"#).unwrap_err().to_string(),
            "name: expected text; inner: expected a list"
        );
    }

    #[test]
    fn every_problem_is_told_once_each_with_its_path() {
        let err = from_str::<Outer>(
            r#"{"name":7,"inner":[{"n":-1,"tags":["a",2]},{"n":1},{"tags":"x"}],"note":["long text that goes on and on and on and on"]}"#,
        )
        .unwrap_err();
        let Error::Shape(err) = err else { panic!() };
        let told: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            told,
            [
                "name: expected text, found 7",
                "inner[0].n: expected a whole number of 0 or more, found -1",
                "inner[0].tags[1]: expected text, found 2",
                "inner[2].n: expected a whole number of 0 or more, found missing",
                "inner[2].tags: expected a list, found \"x\"",
                "note: expected text, found [\"long text that goes on and on and on a…",
            ]
        );
        assert_eq!(err.problems[2].place(), "inner[0].tags[1]");
        assert_eq!(err.problems[3].found, None);
    }
}
