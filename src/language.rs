//! The one catalogue mechanism for the words a resident reads, in English and Welsh: the
//! sentences the engine writes here, and the page's own (www/core/language.js is the twin
//! of [`tr`], with the same placeholder and plural rules).
//!
//! A message's id is its English template (as gettext does): `"Reserves fall below the
//! council's safe minimum of {minimum} in {year}, to {total}."`. English therefore costs
//! nothing to look up and nothing to download, and a changed English sentence has no Welsh
//! until the translation is reviewed again (tests/catalogue.rs fails until it has).
//! `locales/cy.json` maps each template to its Welsh; a message that counts something has
//! Welsh plural forms beside it, under `"<template>#<category>"` (Welsh's categories are
//! zero, one, two, few, many and other: [`welsh_plural`]), chosen by the `{n}` placeholder.
//!
//! Which language is spoken is per thread ([`use_catalogue`]): the page hands its Welsh
//! catalogue to each engine instance (a worker's too) at run time, so the first module
//! carries no Welsh bytes; the CLI reads locales/cy.json itself. None: English.

use std::cell::RefCell;
use std::fmt::Display;

/// English template → Welsh. A list searched in order: a few hundred entries and a few
/// look-ups a projection, and far smaller in the first wasm module than a hash map or a
/// sort (README, Speed: the page-weight budget).
type Catalogue = Vec<(String, String)>;

thread_local! {
    static CATALOGUE: RefCell<Option<Catalogue>> = const { RefCell::new(None) };
}

/// Speaks Welsh from here on (on this thread) with a catalogue of English template →
/// Welsh template (plural forms under `"<template>#<category>"`); empty: English again.
pub fn use_catalogue(catalogue: impl IntoIterator<Item = (String, String)>) {
    let entries: Catalogue = catalogue.into_iter().collect();
    let catalogue = (!entries.is_empty()).then_some(entries);
    CATALOGUE.with(|c| *c.borrow_mut() = catalogue);
}

fn lookup<'c>(catalogue: &'c Catalogue, key: &str) -> Option<&'c String> {
    catalogue.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// The language the engine speaks on this thread: "cy" with a catalogue, else "en".
pub fn language() -> &'static str {
    CATALOGUE.with(|c| if c.borrow().is_some() { "cy" } else { "en" })
}

/// Welsh's plural category for a count (CLDR: 0 zero, 1 one, 2 two, 3 few, 6 many).
pub fn welsh_plural(n: u64) -> &'static str {
    match n {
        0 => "zero",
        1 => "one",
        2 => "two",
        3 => "few",
        6 => "many",
        _ => "other",
    }
}

/// A message in the language spoken: its template looked up in the catalogue (English
/// when there is none, or no entry), then each `{name}` replaced by its argument. With an
/// argument `n` (a whole number), the Welsh plural form for it is used when there is one.
#[inline(never)]
pub fn tr(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let chosen = CATALOGUE.with(|c| {
        let c = c.borrow();
        let c = c.as_ref()?;
        let plural = args
            .iter()
            .find(|(k, _)| *k == "n")
            .and_then(|(_, v)| v.to_string().replace(',', "").parse::<u64>().ok())
            .and_then(|n| lookup(c, &[template, "#", welsh_plural(n)].concat()));
        plural.or_else(|| lookup(c, template)).cloned()
    });
    fill(chosen.as_deref().unwrap_or(template), args)
}

/// `{name}` → its argument; a brace with no argument of that name is left as written.
/// Each argument is written straight into the message, not made a `String` first.
fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    // Braces are ASCII, so a byte position is a character boundary.
    while let Some(open) = rest.bytes().position(|b| b == b'{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .bytes()
            .position(|b| b == b'}')
            .and_then(|close| Some((close, args.iter().find(|(k, _)| *k == &after[..close])?)));
        match value {
            Some((close, (_, v))) => {
                // Writing to a String cannot fail.
                let _ = write!(out, "{v}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A message: `tr!("In {year} …", year = y, amount = money_words(a))`. The template must be
/// a string literal, so tests/catalogue.rs can find every one and check its Welsh.
#[macro_export]
macro_rules! tr {
    ($template:literal) => {
        $crate::language::tr($template, &[])
    };
    ($template:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::language::tr($template, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_fills_the_template_and_welsh_looks_it_up() {
        use_catalogue([]);
        assert_eq!(
            tr!("In {year}, {amount}.", year = "2020/21", amount = "£3m"),
            "In 2020/21, £3m."
        );
        let mut cy = std::collections::HashMap::new();
        cy.insert(
            "In {year}, {amount}.".to_string(),
            "Yn {year}, {amount}.".to_string(),
        );
        cy.insert("{n} years".to_string(), "{n} mlynedd".to_string());
        cy.insert("{n} years#two".to_string(), "{n} flynedd".to_string());
        use_catalogue(cy);
        assert_eq!(language(), "cy");
        assert_eq!(
            tr!("In {year}, {amount}.", year = "2020/21", amount = "£3m"),
            "Yn 2020/21, £3m."
        );
        assert_eq!(tr!("{n} years", n = 2), "2 flynedd");
        assert_eq!(tr!("{n} years", n = 5), "5 mlynedd");
        // Not in the catalogue: English, which tests/catalogue.rs would catch.
        assert_eq!(tr!("Other {x}", x = 1), "Other 1");
        assert_eq!(tr!("A {brace} left"), "A {brace} left");
        use_catalogue([]);
        assert_eq!(language(), "en");
    }

    #[test]
    fn welsh_plural_categories_follow_cldr() {
        let cats: Vec<_> = [0, 1, 2, 3, 4, 5, 6, 7, 10, 100].map(welsh_plural).into();
        assert_eq!(
            cats,
            ["zero", "one", "two", "few", "other", "other", "many", "other", "other", "other"]
        );
    }
}
