//! The council's branding, contact details and the paper form's details (data sections
//! `branding`, `contact`, `consultation`): a colour pair that fails WCAG 2.2 AA is refused
//! with the pair and its ratio, a logo must be a path on this site, contact details and
//! dates must be what they say, and each message names its field. The good input is
//! tests/fixtures/tiny.json with the template's sections added.

use serde_json::{json, Value};

const TINY: &str = include_str!("fixtures/tiny.json");
const TEMPLATE: &str = include_str!("../data/template.json");

/// tiny.json with branding, contact and consultation details that pass.
fn good() -> Value {
    let mut data: Value = serde_json::from_str(TINY).unwrap();
    data["branding"] = json!({
        "logo": {"src": "branding/wessex-vale.svg", "alt": ""},
        "colours": {"header": "#1d4f3a", "header_text": "#ffffff", "link": "#1d5c8a", "focus": "#ffdd00"},
        "introduction": "What would you do with the council's budget?"
    });
    data["contact"] = json!({"email": "budget@example.org", "phone": "01234 567890", "address": "County Hall, Vale Street, Wessex WV1 1AA", "assumption": "invented"});
    data["consultation"] = json!({"closing_date": "2027-01-29", "return_address": "Freepost BUDGET", "assumption": "invented"});
    data
}

fn problems(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut data = good();
    edit(&mut data);
    match mtfs::load_data_json(&data.to_string()) {
        Ok(_) => panic!("the broken data set was accepted"),
        Err(e) => e.problems.iter().map(ToString::to_string).collect(),
    }
}

fn assert_has(found: &[String], line: &str) {
    assert!(
        found.iter().any(|f| f == line),
        "expected {line:?}; got {found:#?}"
    );
}

#[test]
fn the_sections_pass_and_the_closing_date_is_in_words() {
    let (_, council) = mtfs::load_data_json(&good().to_string()).unwrap();
    // Kept as given, and put in words when the form is drawn, in the language spoken then.
    assert_eq!(council.paper.closing_date.as_deref(), Some("2027-01-29"));
    assert_eq!(
        council.paper.return_address.as_deref(),
        Some("Freepost BUDGET")
    );
    let list = mtfs::options::list(&council).unwrap();
    assert_eq!(list.closing_date.as_deref(), Some("Friday 29 January 2027"));
}

#[test]
fn the_template_shows_every_section() {
    let (data, council) = mtfs::load_data_json(TEMPLATE).unwrap();
    let branding = data.branding.expect("the template has branding");
    assert!(
        branding.logo.is_some() && branding.colours.is_some() && branding.introduction.is_some()
    );
    assert!(data.contact.is_some());
    assert!(council.paper.closing_date.is_some() && council.paper.return_address.is_some());
}

#[test]
fn a_colour_that_fails_contrast_is_refused_with_the_pair_and_its_ratio() {
    let found = problems(|d| d["branding"]["colours"]["link"] = json!("#7fbf7f"));
    assert_has(
        &found,
        "branding.colours.link: #7fbf7f on #ffffff is 2.17:1; text needs at least 4.5:1",
    );
    // #777777 just misses (4.48:1); #767676 just passes (4.54:1).
    let found = problems(|d| d["branding"]["colours"]["link"] = json!("#777777"));
    assert_has(
        &found,
        "branding.colours.link: #777777 on #ffffff is 4.48:1; text needs at least 4.5:1",
    );
    let mut data = good();
    data["branding"]["colours"]["link"] = json!("#767676");
    mtfs::load_data_json(&data.to_string()).expect("#767676 on white passes");
}

#[test]
fn the_header_pair_is_checked_whichever_colour_is_given() {
    let found = problems(|d| d["branding"]["colours"]["header_text"] = json!("#767676"));
    assert_has(
        &found,
        "branding.colours.header_text: #767676 on #1d4f3a is 2.07:1; text needs at least 4.5:1",
    );
    // Only the background given: it is checked against the page's white header text.
    let found = problems(|d| d["branding"]["colours"] = json!({"header": "#ffdd00"}));
    assert_has(
        &found,
        "branding.colours.header: #ffffff on #ffdd00 is 1.35:1; text needs at least 4.5:1",
    );
}

#[test]
fn the_focus_colour_must_carry_the_pages_dark_text() {
    let found = problems(|d| d["branding"]["colours"]["focus"] = json!("#1d70b8"));
    assert_has(
        &found,
        "branding.colours.focus: #0b0c0c on #1d70b8 is 3.79:1; text needs at least 4.5:1",
    );
}

#[test]
fn a_colour_must_be_six_hex_digits() {
    let found = problems(|d| d["branding"]["colours"]["header"] = json!("green"));
    assert_has(&found, "branding.colours.header: write a colour as # and six hex digits, such as #1d70b8 (got \"green\")");
}

#[test]
fn a_logo_must_be_on_this_site() {
    let found = problems(|d| d["branding"]["logo"]["src"] = json!("https://example.com/logo.svg"));
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("branding.logo.src: give a path on this site")),
        "{found:#?}"
    );
    let found = problems(|d| d["branding"]["logo"]["src"] = json!("branding/logo.pdf"));
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("branding.logo.src: give an image file")),
        "{found:#?}"
    );
    let found = problems(|d| d["branding"]["logo"] = json!({"src": "logo.svg"}));
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("branding.logo: missing field `alt`")),
        "{found:#?}"
    );
}

#[test]
fn contact_details_must_be_what_they_say_and_say_where_they_come_from() {
    let found = problems(|d| {
        d["contact"] = json!({"email": "budget at example", "phone": "call us", "address": " "});
    });
    assert_has(
        &found,
        "contact.email: not an email address (got \"budget at example\")",
    );
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("contact.phone: write a phone number")),
        "{found:#?}"
    );
    assert_has(&found, "contact.address: leave it out, or write it");
    assert_has(&found, "contact: say where these details come from: give exactly one of source or assumption (found 0)");
    let found = problems(|d| d["contact"] = json!({"source": "x"}));
    assert_has(
        &found,
        "contact: give at least one of email, phone or address",
    );
}

#[test]
fn the_closing_date_must_be_a_real_date() {
    let found = problems(|d| d["consultation"]["closing_date"] = json!("2027-02-29"));
    assert_has(
        &found,
        "consultation.closing_date: give a real date written 2027-01-29 (got \"2027-02-29\")",
    );
    let found = problems(|d| d["consultation"]["closing_date"] = json!("29 January 2027"));
    assert_has(
        &found,
        "consultation.closing_date: give a real date written 2027-01-29 (got \"29 January 2027\")",
    );
    let found = problems(|d| d["consultation"] = json!({"closing_date": "2027-01-29"}));
    assert_has(&found, "consultation: say where these details come from: give exactly one of source or assumption (found 0)");
}

#[test]
fn the_cli_reports_a_failing_pair_naming_the_file() {
    let mut data = good();
    data["branding"]["colours"]["link"] = json!("#7fbf7f");
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("branding");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("pale.json");
    std::fs::write(&path, data.to_string()).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_mtfs"))
        .args(["--data", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("pale.json: branding.colours.link: #7fbf7f on #ffffff is 2.17:1; text needs at least 4.5:1"),
        "{stderr}"
    );
}
