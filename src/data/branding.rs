//! The council's own look and its contact details (`branding`, `contact`), and the paper
//! form's details in `consultation` (closing date, return address): what a council
//! changes to put the calculator under its own name. Colours are checked for WCAG 2.2 AA
//! contrast here ([`crate::colour`]), so a pair that fails is refused with its ratio and
//! never reaches the page.

use super::Checker;
use crate::colour::{contrast_problem, Rgb, Use};
use crate::tr;
use serde::{Deserialize, Serialize};

/// The page's own colours, which a council's colours replace (www/styles/base.css).
pub const PAGE_BACKGROUND: Rgb = Rgb(0xff, 0xff, 0xff);
pub const PAGE_TEXT: Rgb = Rgb(0x0b, 0x0c, 0x0c);
pub const DEFAULT_HEADER: Rgb = PAGE_TEXT;
pub const DEFAULT_HEADER_TEXT: Rgb = PAGE_BACKGROUND;
pub const DEFAULT_LINK: Rgb = Rgb(0x1d, 0x70, 0xb8);
pub const DEFAULT_FOCUS: Rgb = Rgb(0xff, 0xdd, 0x00);

/// The longest introduction and address, in characters: a lede and an envelope, not an essay.
const MAX_INTRODUCTION: usize = 600;
const MAX_TEXT: usize = 300;

/// The council's look: all optional; what is not given keeps the page's own.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Branding {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<Logo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colours: Option<Colours>,
    /// A sentence or two shown under the page's heading, in place of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduction: Option<String>,
}

/// An image served with the calculator: a path relative to the page, never another host.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Logo {
    /// E.g. "branding/wessex-vale.svg" (.svg, .png, .jpg, .jpeg, .gif or .webp).
    pub src: String,
    /// What the logo says; "" when it only repeats the council's name shown beside it.
    pub alt: String,
}

/// Colours written "#rrggbb". Each pair the page draws must meet WCAG 2.2 AA.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Colours {
    /// The header's background (the page's: #0b0c0c).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// The council's name on the header (the page's: #ffffff); at least 4.5:1 on `header`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_text: Option<String>,
    /// Links, and the header's bottom border (the page's: #1d70b8); at least 4.5:1 on white.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The focus highlight (the page's: #ffdd00), drawn with a #0b0c0c ring and behind
    /// #0b0c0c text: at least 4.5:1 with #0b0c0c.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
}

/// The `contact` field of a data set: read and checked with the `insight` feature (natively,
/// always); the page's first module passes over it unread, for size (as it does `risk`):
/// only the accessibility statement shows it, as text. The CLI and the insight module
/// (officer view) check it.
#[cfg(feature = "insight")]
pub type ContactSection = Contact;
#[cfg(not(feature = "insight"))]
pub type ContactSection = Unread;

/// A section passed over unread.
#[cfg(not(feature = "insight"))]
#[derive(Clone, Copy, Debug)]
pub struct Unread;

#[cfg(not(feature = "insight"))]
impl<'de> Deserialize<'de> for Unread {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| Unread)
    }
}

#[cfg(not(feature = "insight"))]
impl Serialize for Unread {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit()
    }
}

#[cfg(not(feature = "insight"))]
pub(super) fn validate_contact(_: &Unread, _: &mut Checker) {}

/// How residents reach the council about this page: at least one of email, phone or
/// address, and where the details come from.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// A postal address, lines separated by commas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

/// Checks `branding`: colours readable, the logo on this site, the introduction short.
pub(super) fn validate_branding(b: &Branding, c: &mut Checker) {
    if let Some(logo) = &b.logo {
        if let Some(why) = logo_problem(&logo.src) {
            c.problem("branding.logo.src", why);
        }
        if logo.alt.chars().count() > MAX_TEXT {
            c.problem(
                "branding.logo.alt",
                format!("keep it to {MAX_TEXT} characters"),
            );
        }
    }
    if let Some(text) = &b.introduction {
        text_problem(c, "branding.introduction", text, MAX_INTRODUCTION);
    }
    if let Some(colours) = &b.colours {
        validate_colours(colours, c);
    }
}

fn validate_colours(k: &Colours, c: &mut Checker) {
    let mut read = |name: &str, given: &Option<String>, default: Rgb| match given {
        None => (default, false),
        Some(text) => {
            match Rgb::parse(text) {
                Some(rgb) => (rgb, true),
                None => {
                    c.problem(format!("branding.colours.{name}"), format!("write a colour as # and six hex digits, such as #1d70b8 (got {text:?})"));
                    (default, false)
                }
            }
        }
    };
    let (header, header_given) = read("header", &k.header, DEFAULT_HEADER);
    let (header_text, text_given) = read("header_text", &k.header_text, DEFAULT_HEADER_TEXT);
    let (link, link_given) = read("link", &k.link, DEFAULT_LINK);
    let (focus, focus_given) = read("focus", &k.focus, DEFAULT_FOCUS);
    // Each pair the page draws; the path names the colour the council gave.
    let pairs = [
        (
            header_given || text_given,
            if text_given { "header_text" } else { "header" },
            header_text,
            header,
            Use::Text,
        ),
        (link_given, "link", link, PAGE_BACKGROUND, Use::Text),
        (focus_given, "focus", PAGE_TEXT, focus, Use::Text),
    ];
    for (given, name, fore, back, need) in pairs {
        if let Some(why) = given.then(|| contrast_problem(fore, back, need)).flatten() {
            c.problem(format!("branding.colours.{name}"), why);
        }
    }
}

/// Why a logo's address is refused: it must be a path on this site ("branding/x.svg"),
/// so the page fetches nothing from another host, and an image the page can show.
pub fn logo_problem(src: &str) -> Option<String> {
    // Bytes and slices, not str patterns: the string searchers would add kilobytes to the
    // page's first download.
    let b = src.as_bytes();
    let safe = |c: &u8| c.is_ascii_alphanumeric() || b"-_./".contains(c);
    let parent = b.split(|&c| c == b'/').any(|part| part == b"..");
    if b.is_empty()
        || !b.iter().all(safe)
        || b[0] == b'/'
        || b.windows(2).any(|w| w == b"//")
        || parent
    {
        return Some(format!("give a path on this site, such as \"branding/logo.svg\": letters, digits, - _ . and /, not starting with / and with no .. (got {src:?})"));
    }
    let lower = src.to_ascii_lowercase();
    let image = [".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp"];
    (!image
        .iter()
        .any(|e| lower.as_bytes().ends_with(e.as_bytes())))
    .then(|| format!("give an image file: .svg, .png, .jpg, .jpeg, .gif or .webp (got {src:?})"))
}

/// A non-blank text of at most `most` characters.
fn text_problem(c: &mut Checker, path: &str, text: &str, most: usize) {
    if text.trim().is_empty() {
        c.problem(path, "leave it out, or write it");
    } else if text.chars().count() > most {
        c.problem(
            path,
            format!(
                "keep it to {most} characters (got {})",
                text.chars().count()
            ),
        );
    }
}

/// Exactly one of `source` and `assumption`: contact details and dates are facts too.
fn provenance(c: &mut Checker, path: &str, source: &Option<String>, assumption: &Option<String>) {
    let given = super::provenance_given([source, &None, assumption]);
    if given != 1 {
        c.problem(path, format!("say where these details come from: give exactly one of source or assumption (found {given})"));
    }
}

/// Checks `contact`: what is given looks like what it is, and says where it comes from.
#[cfg(feature = "insight")]
pub(super) fn validate_contact(k: &Contact, c: &mut Checker) {
    if k.email.is_none() && k.phone.is_none() && k.address.is_none() {
        c.problem("contact", "give at least one of email, phone or address");
    }
    if let Some(email) = &k.email {
        let ok = email.split_once('@').is_some_and(|(who, at)| {
            !who.is_empty() && at.contains('.') && !at.starts_with('.') && !at.ends_with('.')
        }) && !email
            .chars()
            .any(|ch| ch.is_whitespace() || ch == '<' || ch == '>')
            && email.len() <= 254;
        if !ok {
            c.problem(
                "contact.email",
                format!("not an email address (got {email:?})"),
            );
        }
    }
    if let Some(phone) = &k.phone {
        let digits = phone.bytes().filter(u8::is_ascii_digit).count();
        if !phone
            .bytes()
            .all(|b| b.is_ascii_digit() || b" +()-".contains(&b))
            || !(7..=15).contains(&digits)
        {
            c.problem(
                "contact.phone",
                format!(
                    "write a phone number with 7 to 15 digits, spaces, + ( ) or - (got {phone:?})"
                ),
            );
        }
    }
    if let Some(address) = &k.address {
        text_problem(c, "contact.address", address, MAX_TEXT);
    }
    provenance(c, "contact", &k.source, &k.assumption);
}

/// Checks the paper form's details in `consultation`: a real closing date and a return
/// address, with where they come from. Returns the closing date as given, once it is known
/// to be a real date (put in words when the form is drawn, in the language spoken then).
pub(super) fn validate_consultation(
    k: &super::options::Consultation,
    c: &mut Checker,
) -> Option<String> {
    let date = k.closing_date.as_ref().and_then(|date| {
        let real = date_words(date).is_some();
        if !real {
            c.problem(
                "consultation.closing_date",
                format!("give a real date written 2027-01-29 (got {date:?})"),
            );
        }
        real.then(|| date.clone())
    });
    if let Some(address) = &k.return_address {
        text_problem(c, "consultation.return_address", address, MAX_TEXT);
    }
    if k.closing_date.is_some() || k.return_address.is_some() {
        provenance(c, "consultation", &k.source, &k.assumption);
    }
    date
}

/// A month's name (1 is January) in the language spoken: each through the catalogue, as the
/// paper form prints the closing date in Welsh too ("Dydd Gwener 29 Ionawr 2027").
pub(crate) fn month_name(m: u32) -> String {
    match m {
        1 => tr!("January"),
        2 => tr!("February"),
        3 => tr!("March"),
        4 => tr!("April"),
        5 => tr!("May"),
        6 => tr!("June"),
        7 => tr!("July"),
        8 => tr!("August"),
        9 => tr!("September"),
        10 => tr!("October"),
        11 => tr!("November"),
        _ => tr!("December"),
    }
}

/// A day of the week's name (0 is Sunday) in the language spoken.
fn day_name(weekday: u32) -> String {
    match weekday {
        0 => tr!("Sunday"),
        1 => tr!("Monday"),
        2 => tr!("Tuesday"),
        3 => tr!("Wednesday"),
        4 => tr!("Thursday"),
        5 => tr!("Friday"),
        _ => tr!("Saturday"),
    }
}

/// A real date `YYYY-MM-DD` in words, in the language spoken: "2027-01-29" is "Friday 29
/// January 2027" (in Welsh "Dydd Gwener 29 Ionawr 2027").
/// None for anything else, including 30 February and 29 February outside a leap year.
pub fn date_words(date: &str) -> Option<String> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    // Digits by hand, not str::parse: the page's first download stays small.
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &x| {
            x.is_ascii_digit().then(|| n * 10 + u32::from(x - b'0'))
        })
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > days_in[m as usize - 1] || y < 1900 {
        return None;
    }
    // Sakamoto's method: the day of the week in the Gregorian calendar (0 is Sunday).
    const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let yy = if m < 3 { y - 1 } else { y };
    let weekday = (yy + yy / 4 - yy / 100 + yy / 400 + T[m as usize - 1] + d) % 7;
    Some(format!("{} {d} {} {y}", day_name(weekday), month_name(m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words() {
        assert_eq!(
            date_words("2027-01-29").as_deref(),
            Some("Friday 29 January 2027")
        );
        assert_eq!(
            date_words("2017-08-21").as_deref(),
            Some("Monday 21 August 2017")
        );
        assert_eq!(
            date_words("2020-02-29").as_deref(),
            Some("Saturday 29 February 2020")
        );
        assert_eq!(
            date_words("2000-03-01").as_deref(),
            Some("Wednesday 1 March 2000")
        );
        for bad in [
            "2021-02-29",
            "1900-02-29",
            "2027-13-01",
            "2027-04-31",
            "2027-1-29",
            "29/01/2027",
            "2027-01-00",
            "",
            "2027-01-2x",
        ] {
            assert_eq!(date_words(bad), None, "{bad}");
        }
    }

    #[test]
    fn logos_are_paths_on_this_site() {
        assert_eq!(logo_problem("branding/wessex-vale.svg"), None);
        assert_eq!(logo_problem("logo.PNG"), None);
        for bad in [
            "https://example.com/logo.svg",
            "//example.com/logo.svg",
            "/branding/logo.svg",
            "../logo.svg",
            "a/../../logo.svg",
            "data:image/svg+xml,x.svg",
            "logo.svg?x=1",
            "branding/logo.html",
            "",
        ] {
            assert!(logo_problem(bad).is_some(), "{bad}");
        }
    }
}
