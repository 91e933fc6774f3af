//! Reads the engine's inputs (a data set, a scenario, settings) from JSON text, with
//! serde_json's rules and messages: the browser build's reader (src/wasm.rs).
//!
//! Why not serde_json: its reader adds 24 kB gzip to the browser's module. Why not read the
//! JS object field by field, as the page once did: every value read was a crossing between
//! JavaScript and WebAssembly, and reading Hampshire's data set that way took 4–8 ms in
//! Chromium against 0.4 ms for the whole check natively (README, "Speed"). The page hands
//! over text instead (`JSON.stringify`, or the file's own bytes), read here in one pass.
//!
//! Every key of an object is read, so `#[serde(deny_unknown_fields)]` refuses a misspelt
//! key as the CLI does, and each value keeps its path, so an error names its field as the
//! CLI's does (`services[2].base.value`).
//!
//! The text is first parsed into a tree ([`Node`]), which borrows its strings from the text
//! unless they hold escapes, then read into the wanted type. Nesting is limited to
//! [`MAX_DEPTH`] (serde_json's own limit): WebAssembly's stack has no guard page, so a
//! deeper document is refused rather than read by recursion.

use crate::DataError;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Arrays and objects nested deeper than this are refused (serde_json refuses the same).
pub const MAX_DEPTH: usize = 128;

/// Reads `T` from JSON text, naming the field of any problem. With `skip_welsh`, an
/// object's `cy` members (the Welsh words of an option, src/data/options.rs) are passed
/// over: the browser's first module shows them only through the second, which checks them.
pub fn read<T: de::DeserializeOwned>(text: &str, skip_welsh: bool) -> Result<T, DataError> {
    let node = Parser::new(text)
        .document()
        .map_err(|message| DataError::single("", message))?;
    T::deserialize(Value { node, skip_welsh }).map_err(|e| DataError::single(e.path(), e.message))
}

/// A JSON value: numbers keep their text (the engine reads money from strings; a number
/// is read as a whole number when it is one, and otherwise only to say it is not wanted).
#[derive(Debug, PartialEq)]
pub enum Node<'a> {
    Null,
    Bool(bool),
    Number(&'a str),
    Str(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

/// A recursive-descent parser over the text's bytes.
struct Parser<'a> {
    text: &'a str,
    at: usize,
}

type Parsed<T> = Result<T, String>;

fn fail_at<T>(what: &str, at: usize) -> Parsed<T> {
    Err(format!("not valid JSON: {what} at byte {at}"))
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser { text, at: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn fail<T>(&self, what: &str) -> Parsed<T> {
        fail_at(what, self.at)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// One value and nothing after it.
    fn document(mut self) -> Parsed<Node<'a>> {
        let node = self.value(0)?;
        self.skip_space();
        if self.at < self.text.len() {
            return self.fail("trailing characters");
        }
        Ok(node)
    }

    fn value(&mut self, depth: usize) -> Parsed<Node<'a>> {
        self.skip_space();
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Node::Str),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.word("true", Node::Bool(true)),
            Some(b'f') => self.word("false", Node::Bool(false)),
            Some(b'n') => self.word("null", Node::Null),
            Some(_) => self.fail("expected a value"),
            None => self.fail("unexpected end of text"),
        }
    }

    fn word(&mut self, word: &str, node: Node<'a>) -> Parsed<Node<'a>> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(node)
        } else {
            self.fail("expected a value")
        }
    }

    fn nested(&self, depth: usize) -> Parsed<()> {
        if depth > MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Parsed<Node<'a>> {
        self.nested(depth)?;
        self.at += 1; // [
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Node::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Node::Array(items));
                }
                _ => return self.fail("expected `,` or `]`"),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Parsed<Node<'a>> {
        self.nested(depth)?;
        self.at += 1; // {
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Node::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return self.fail("expected a key in quotes");
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return self.fail("expected `:`");
            }
            self.at += 1;
            members.push((key, self.value(depth)?));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Node::Object(members));
                }
                _ => return self.fail("expected `,` or `}`"),
            }
        }
    }

    /// A number as JSON writes one: `-`? digits (no leading zero), `.digits`?, `e±digits`?.
    fn number(&mut self) -> Parsed<Node<'a>> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.at += 1;
            }
            p.at - from
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let whole = self.at;
        match digits(self) {
            0 => return self.fail("expected a digit"),
            n if n > 1 && self.text.as_bytes().get(whole) == Some(&b'0') => {
                return fail_at("a number with a leading zero", start)
            }
            _ => {}
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if digits(self) == 0 {
                return self.fail("expected a digit after `.`");
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return self.fail("expected a digit in the exponent");
            }
        }
        let text = &self.text[start..self.at];
        // serde_json refuses a number beyond f64's range, as the CLI then does.
        if let Number::Float(f) = number(text) {
            if f.is_infinite() {
                return fail_at("a number out of range", start);
            }
        }
        Ok(Node::Number(text))
    }

    /// A string, borrowed from the text when it has no escapes. A lone surrogate (`\ud800`,
    /// which `JSON.stringify` writes for a broken JS string) becomes U+FFFD, as the browser
    /// itself turns such a string into UTF-8.
    fn string(&mut self) -> Parsed<Cow<'a, str>> {
        self.at += 1; // "
        let start = self.at;
        let bytes = self.text.as_bytes();
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Borrowed(&self.text[start..self.at - 1]));
                }
                Some(b'\\') => break,
                Some(0..=0x1f) => return self.fail("a control character in a string"),
                Some(_) => self.at += 1,
                None => return self.fail("unexpected end of text in a string"),
            }
        }
        let mut out = String::from(&self.text[start..self.at]);
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = match self.peek() {
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
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return self.fail("an unknown escape"),
                    };
                    self.at += 1;
                    out.push(escaped);
                }
                Some(0..=0x1f) => return self.fail("a control character in a string"),
                Some(_) => {
                    // Copy up to the next quote or backslash: the text is UTF-8 already.
                    let from = self.at;
                    while !matches!(bytes.get(self.at), None | Some(b'"' | b'\\' | 0..=0x1f)) {
                        self.at += 1;
                    }
                    out.push_str(&self.text[from..self.at]);
                }
                None => return self.fail("unexpected end of text in a string"),
            }
        }
    }

    /// Four hex digits after `\u` (and, for a high surrogate, the `\uXXXX` of its pair).
    fn unicode_escape(&mut self) -> Parsed<char> {
        let unit = self.hex4()?;
        if (0xD800..0xDC00).contains(&unit) && self.text[self.at..].starts_with("\\u") {
            let save = self.at;
            self.at += 2;
            let low = self.hex4()?;
            if (0xDC00..0xE000).contains(&low) {
                let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            self.at = save; // not a pair: the next escape is read on its own
        }
        Ok(char::from_u32(unit).unwrap_or('\u{FFFD}'))
    }

    fn hex4(&mut self) -> Parsed<u32> {
        let Some(digits) = self.text.get(self.at..self.at + 4) else {
            return self.fail("expected four hex digits after `\\u`");
        };
        match u32::from_str_radix(digits, 16) {
            Ok(unit) if digits.bytes().all(|b| b.is_ascii_hexdigit()) => {
                self.at += 4;
                Ok(unit)
            }
            _ => self.fail("expected four hex digits after `\\u`"),
        }
    }
}

/// A number as serde_json reads one: an integer when it has no fraction or exponent and
/// fits i64 (or, positive, u64), and otherwise a float.
enum Number {
    Signed(i64),
    Unsigned(u64),
    Float(f64),
}

fn number(text: &str) -> Number {
    // serde_json reads "-0" as the float -0.0 (JSON.stringify never writes it).
    if !text.contains(['.', 'e', 'E']) && text != "-0" {
        if let Some(n) = whole(text) {
            return Number::Signed(n);
        }
        let unsigned = (!text.starts_with('-'))
            .then(|| {
                text.bytes().try_fold(0u64, |n, b| {
                    n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
                })
            })
            .flatten();
        if let Some(n) = unsigned {
            return Number::Unsigned(n);
        }
    }
    Number::Float(float(text))
}

/// A whole number's text as i64, if it fits.
fn whole(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut n: i64 = 0;
    for b in digits.bytes() {
        let d = i64::from(b - b'0');
        n = n
            .checked_mul(10)?
            .checked_add(if negative { -d } else { d })?;
    }
    Some(n)
}

/// A number's text as a float: only ever said back in a message (the engine takes no
/// floats), so near enough serves. Exact for the usual cases (up to 19 significant digits
/// and an exponent within ±22); `str::parse::<f64>` would bring its tables into the
/// browser's module.
fn float(text: &str) -> f64 {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        // An exponent too long for i32 is far beyond f64's range either way.
        Some(i) => (
            &body[..i],
            body[i + 1..]
                .parse::<i32>()
                .unwrap_or(if body[i + 1..].starts_with('-') {
                    i32::MIN
                } else {
                    i32::MAX
                }),
        ),
        None => (body, 0),
    };
    let mut digits: u64 = 0;
    let mut scale: i32 = 0;
    let mut seen_point = false;
    for b in mantissa.bytes() {
        if b == b'.' {
            seen_point = true;
            continue;
        }
        if digits < 1_000_000_000_000_000_000 {
            digits = digits * 10 + u64::from(b - b'0');
            if seen_point {
                scale -= 1;
            }
        } else if !seen_point {
            scale += 1; // a digit beyond 19 significant ones, before the point
        }
    }
    if digits == 0 {
        return if negative { -0.0 } else { 0.0 };
    }
    let power = exponent.saturating_add(scale);
    // 10^k for |k| ≤ 22 is exact in f64, so one multiply or divide rounds once.
    let mut value = digits as f64;
    let mut left = power;
    while left > 0 {
        let step = left.min(22);
        value *= 10f64.powi(step);
        left -= step;
        if value.is_infinite() {
            break;
        }
    }
    while left < 0 {
        let step = (-left).min(22);
        value /= 10f64.powi(step);
        left += step;
        if value == 0.0 {
            break;
        }
    }
    if negative {
        -value
    } else {
        value
    }
}

/// A problem in the input, as serde words it ("invalid type: string \"12\", expected …"),
/// and where it is. The path is built only for an error, on its way out: the value it is
/// about claims it (`claimed`), and each enclosing object and array then adds its step, so
/// reading a valid input builds no paths at all.
#[derive(Debug)]
pub struct Error {
    message: String,
    claimed: bool,
    /// The path's steps, innermost first.
    steps: Vec<Step>,
}

#[derive(Debug)]
enum Step {
    Key(String),
    Index(usize),
}

impl Error {
    /// The error is about the value here, unless a deeper value already claimed it.
    fn claim(mut self) -> Self {
        self.claimed = true;
        self
    }

    /// The error came out of a member or element (`step`) of this object or array: if no
    /// value claimed it, it is about that member; either way its path goes through it.
    fn through(mut self, step: Step) -> Self {
        self.claimed = true;
        self.steps.push(step);
        self
    }

    /// The path from the root (`services[2].base.value`; "" for the root itself).
    fn path(&self) -> String {
        let mut path = String::new();
        for step in self.steps.iter().rev() {
            match step {
                Step::Key(key) if path.is_empty() => path.push_str(key),
                Step::Key(key) => {
                    path.push('.');
                    path.push_str(key);
                }
                Step::Index(i) => path.push_str(&format!("[{i}]")),
            }
        }
        path
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error {
            message: message.to_string(),
            claimed: false,
            steps: Vec::new(),
        }
    }

    // serde's own wording of these, except that a float is written through `Decimal`
    // (`number::float_words`): `Unexpected`'s Display would bring in f64's formatting,
    // 14 kB of the module.
    fn invalid_type(unexpected: Unexpected, expected: &dyn de::Expected) -> Self {
        Error::custom(format_args!(
            "invalid type: {}, expected {expected}",
            words(unexpected)
        ))
    }

    fn invalid_value(unexpected: Unexpected, expected: &dyn de::Expected) -> Self {
        Error::custom(format_args!(
            "invalid value: {}, expected {expected}",
            words(unexpected)
        ))
    }
}

/// What `Unexpected` says of itself (serde's words, as serde_json adjusts them), floats
/// aside (see `invalid_type`).
fn words(unexpected: Unexpected) -> String {
    match unexpected {
        Unexpected::Bool(b) => format!("boolean `{b}`"),
        Unexpected::Unsigned(i) => format!("integer `{i}`"),
        Unexpected::Signed(i) => format!("integer `{i}`"),
        Unexpected::Float(f) => format!("floating point `{}`", crate::number::float_words(f)),
        Unexpected::Char(c) => format!("character `{c}`"),
        Unexpected::Str(s) => format!("string {s:?}"),
        Unexpected::Bytes(_) => "byte array".to_string(),
        // JSON's null, read through `visit_unit`: serde_json says "null" too.
        Unexpected::Unit => "null".to_string(),
        Unexpected::Option => "Option value".to_string(),
        Unexpected::NewtypeStruct => "newtype struct".to_string(),
        Unexpected::Seq => "sequence".to_string(),
        Unexpected::Map => "map".to_string(),
        Unexpected::Enum => "enum".to_string(),
        Unexpected::UnitVariant => "unit variant".to_string(),
        Unexpected::NewtypeVariant => "newtype variant".to_string(),
        Unexpected::TupleVariant => "tuple variant".to_string(),
        Unexpected::StructVariant => "struct variant".to_string(),
        Unexpected::Other(other) => other.to_string(),
    }
}

/// A parsed value being read, and whether Welsh members are passed over (see [`read`]).
struct Value<'a> {
    node: Node<'a>,
    skip_welsh: bool,
}

/// Not generic (`&dyn Expected`): it is called for every kind of value read.
fn invalid(node: &Node, expected: &dyn de::Expected) -> Error {
    let unexpected = match node {
        Node::Null => Unexpected::Other("null"),
        Node::Bool(b) => Unexpected::Bool(*b),
        Node::Number(text) => match number(text) {
            Number::Signed(i) => Unexpected::Signed(i),
            Number::Unsigned(u) => Unexpected::Unsigned(u),
            Number::Float(f) => Unexpected::Float(f),
        },
        Node::Str(s) => Unexpected::Str(s),
        Node::Array(_) => Unexpected::Seq,
        Node::Object(_) => Unexpected::Map,
    };
    de::Error::invalid_type(unexpected, expected)
}

impl<'de> de::Deserializer<'de> for Value<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let skip_welsh = self.skip_welsh;
        match self.node {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(b),
            Node::Number(text) => match number(text) {
                Number::Signed(i) => visitor.visit_i64(i),
                Number::Unsigned(u) => visitor.visit_u64(u),
                Number::Float(f) => visitor.visit_f64(f),
            },
            Node::Str(s) => visitor.visit_str(&s),
            Node::Array(items) => visitor.visit_seq(Elements::new(items, skip_welsh)),
            Node::Object(members) => visitor.visit_map(Entries::new(members, skip_welsh)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if matches!(self.node, Node::Null) {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Object(members) => visitor.visit_map(Entries::new(members, self.skip_welsh)),
            other => Err(invalid(&other, &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Array(items) => visitor.visit_seq(Elements::new(items, self.skip_welsh)),
            other => Err(invalid(&other, &visitor)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Only unit variants, written as strings ("government_grant"). An enum's problem
        // is about the enum itself: for a map key, the map (as the CLI says).
        match self.node {
            Node::Str(s) => visitor.visit_enum(s.into_owned().into_deserializer()),
            other => Err(invalid(&other, &visitor)),
        }
        .map_err(Error::claim)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    // Field names and strings, read directly rather than through `deserialize_any`: every
    // struct's field names are read this way, and `deserialize_any`'s arms for each of
    // them were kilobytes of the browser's module.
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Str(s) => visitor.visit_str(&s),
            other => Err(invalid(&other, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node {
            Node::Str(s) => visitor.visit_string(s.into_owned()),
            other => Err(invalid(&other, &visitor)),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        unit unit_struct tuple tuple_struct
    }
}

/// An object's members, in order.
struct Entries<'a> {
    members: std::vec::IntoIter<(Cow<'a, str>, Node<'a>)>,
    /// The member whose key was just read: its key (for a path) and value.
    value: Option<(Cow<'a, str>, Node<'a>)>,
    skip_welsh: bool,
}

impl<'a> Entries<'a> {
    fn new(members: Vec<(Cow<'a, str>, Node<'a>)>, skip_welsh: bool) -> Self {
        Entries {
            members: members.into_iter(),
            value: None,
            skip_welsh,
        }
    }

    // What follows is kept out of the generic MapAccess methods, which are compiled once
    // for every type read: here it is compiled once.

    /// The next member's key, its value kept for `next_value_seed`.
    fn next_key(&mut self) -> Option<Value<'a>> {
        let skip_welsh = self.skip_welsh;
        let (key, value) = self
            .members
            .by_ref()
            .find(|(key, _)| !(skip_welsh && key == "cy"))?;
        let node = Node::Str(key.clone());
        self.value = Some((key, value));
        Some(Value { node, skip_welsh })
    }

    /// A key refused is about its own member (an unknown field), or about the map when it
    /// is not a name but a choice (an enum claims it), as serde_path_to_error says.
    fn key_problem(&mut self, e: Error) -> Error {
        match &self.value {
            Some((key, _)) if !e.claimed => e.through(Step::Key(key.to_string())),
            _ => e,
        }
    }

    /// The value of the member whose key was just read, and its key.
    fn next_value(&mut self) -> (Value<'a>, Cow<'a, str>) {
        let (key, node) = self.value.take().unwrap_or((Cow::Borrowed(""), Node::Null));
        let value = Value {
            node,
            skip_welsh: self.skip_welsh,
        };
        (value, key)
    }
}

fn member_problem(e: Error, key: Cow<str>) -> Error {
    e.through(Step::Key(key.into_owned()))
}

impl<'de> de::MapAccess<'de> for Entries<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.next_key() {
            None => Ok(None),
            Some(key) => seed
                .deserialize(key)
                .map(Some)
                .map_err(|e| self.key_problem(e)),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        let (value, key) = self.next_value();
        seed.deserialize(value).map_err(|e| member_problem(e, key))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

/// An array's elements, in order.
struct Elements<'a> {
    items: std::iter::Enumerate<std::vec::IntoIter<Node<'a>>>,
    skip_welsh: bool,
}

impl<'a> Elements<'a> {
    fn new(items: Vec<Node<'a>>, skip_welsh: bool) -> Self {
        Elements {
            items: items.into_iter().enumerate(),
            skip_welsh,
        }
    }
}

fn element_problem(e: Error, i: usize) -> Error {
    e.through(Step::Index(i))
}

impl<'de> de::SeqAccess<'de> for Elements<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((i, node)) = self.items.next() else {
            return Ok(None);
        };
        let value = Value {
            node,
            skip_welsh: self.skip_welsh,
        };
        seed.deserialize(value)
            .map(Some)
            .map_err(|e| element_problem(e, i))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}
