//! The projection as the resident's page shows it while a choice moves: everything but
//! each year's lines by service, funding stream, programme and reserve, which only the
//! page's tables (and officer view, downloads, the embed's message) read. Writing those
//! lines is most of the cost of handing a projection to the browser (README, Speed), so
//! the page asks for this on every input (`Calculator.projectView`) and for the whole
//! projection only when something reads the lines (www/core/engine.js, `withLines`).
//!
//! Each field is the projection's own, in the projection's own order: the view, with the
//! lines put back where they were, serialises to exactly the projection's JSON (tested).

use super::{ChoiceResult, Projection, ReferendumLimit, Summary, WholeBill, YearResult};
use crate::nation::Nation;
use crate::number::Money;
use serde::Serialize;

/// A projection without the lines by service, funding stream, programme and reserve.
#[derive(Serialize)]
pub struct ProjectionView<'a> {
    council: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    nation: Option<&'a Nation>,
    base_year: &'a str,
    rise_lever_max_pct: &'a str,
    choices: &'a [ChoiceResult],
    years: Vec<YearView<'a>>,
    summary: &'a Summary,
}

/// A year's results without its lines (`services`, `funding_streams`, `programmes`, `reserves`).
#[derive(Serialize)]
struct YearView<'a> {
    year: &'a str,
    spend: &'a Money,
    #[serde(skip_serializing_if = "is_zero")]
    overspend: &'a Money,
    removed_savings: &'a Money,
    chosen_options: &'a Money,
    net_requirement: &'a Money,
    core_pct: &'a str,
    asc_pct: &'a str,
    band_d: &'a Money,
    band_d_change: &'a Money,
    #[serde(skip_serializing_if = "Option::is_none")]
    restated_band_d: Option<&'a Money>,
    tax_base: &'a Money,
    bands: &'a super::Bands,
    weekly_change: &'a super::Bands,
    council_tax: &'a Money,
    collection_fund: &'a Money,
    other_funding: &'a Money,
    #[serde(skip_serializing_if = "is_zero")]
    capitalisation: &'a Money,
    #[serde(skip_serializing_if = "is_zero")]
    capitalisation_cost: &'a Money,
    funding: &'a Money,
    gap: &'a Money,
    shortfall: &'a Money,
    total_gap: &'a Money,
    #[serde(skip_serializing_if = "is_zero")]
    deficit_brought_forward: &'a Money,
    total_reserves: &'a Money,
    #[serde(skip_serializing_if = "is_zero")]
    ring_fenced_reserves: &'a Money,
    reserves_minimum: &'a Money,
    below_minimum: bool,
    unfunded: &'a Money,
    referendum: bool,
    referendum_limit: &'a Option<ReferendumLimit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rise_cap_pct: Option<&'a String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    whole_bill: Option<&'a WholeBill>,
}

/// Left out when £0.00, as the projection leaves the same fields out.
fn is_zero(money: &&Money) -> bool {
    money.is_zero()
}

impl<'a> From<&'a YearResult> for YearView<'a> {
    fn from(y: &'a YearResult) -> Self {
        YearView {
            year: &y.year,
            spend: &y.spend,
            overspend: &y.overspend,
            removed_savings: &y.removed_savings,
            chosen_options: &y.chosen_options,
            net_requirement: &y.net_requirement,
            core_pct: &y.core_pct,
            asc_pct: &y.asc_pct,
            band_d: &y.band_d,
            band_d_change: &y.band_d_change,
            restated_band_d: y.restated_band_d.as_ref(),
            tax_base: &y.tax_base,
            bands: &y.bands,
            weekly_change: &y.weekly_change,
            council_tax: &y.council_tax,
            collection_fund: &y.collection_fund,
            other_funding: &y.other_funding,
            capitalisation: &y.capitalisation,
            capitalisation_cost: &y.capitalisation_cost,
            funding: &y.funding,
            gap: &y.gap,
            shortfall: &y.shortfall,
            total_gap: &y.total_gap,
            deficit_brought_forward: &y.deficit_brought_forward,
            total_reserves: &y.total_reserves,
            ring_fenced_reserves: &y.ring_fenced_reserves,
            reserves_minimum: &y.reserves_minimum,
            below_minimum: y.below_minimum,
            unfunded: &y.unfunded,
            referendum: y.referendum,
            referendum_limit: &y.referendum_limit,
            rise_cap_pct: y.rise_cap_pct.as_ref(),
            whole_bill: y.whole_bill.as_ref(),
        }
    }
}

/// A projection made for its view alone (`engine::project_view`): its years' lines are
/// never built, so only the view can be read or written from it.
pub struct View(Projection);

impl View {
    pub(super) fn new(projection: Projection) -> View {
        View(projection)
    }

    /// The view: the same as `project(…).view()`, field for field (tested).
    pub fn view(&self) -> ProjectionView<'_> {
        self.0.view()
    }

    /// The view as JSON text: exactly `serde_json::to_string(self)`, written by hand
    /// (`engine::json`) in a fraction of the time, for the page's lever-move call.
    #[cfg(any(feature = "cli", target_arch = "wasm32"))]
    pub fn to_json(&self) -> serde_json::Result<String> {
        super::json::view(&self.0)
    }
}

impl Serialize for View {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.view().serialize(serializer)
    }
}

impl Projection {
    /// What the page shows as a choice moves: see the module's comment.
    pub fn view(&self) -> ProjectionView<'_> {
        ProjectionView {
            council: &self.council,
            nation: (!self.nation.is_england()).then_some(&self.nation),
            base_year: &self.base_year,
            rise_lever_max_pct: &self.rise_lever_max_pct,
            choices: &self.choices,
            years: self.years.iter().map(YearView::from).collect(),
            summary: &self.summary,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{load_data_json, project_scenario, scenario_from_json, Scenario};
    use serde_json::Value;

    /// The lines the view leaves out, and the field each follows in the projection.
    const LINES: [(&str, &str); 4] = [
        ("services", "year"),
        ("funding_streams", "other_funding"),
        ("programmes", "gap"),
        ("reserves", "total_gap"),
    ];

    /// The view's JSON with each year's lines put back after the field they follow, as
    /// the page's `withLines` does: the projection's JSON, text for text.
    fn put_back(view: Value, full: &Value) -> Value {
        let mut view = view;
        let years = view["years"].as_array_mut().expect("years");
        for (i, year) in years.iter_mut().enumerate() {
            let mut out = serde_json::Map::new();
            for (key, value) in year.as_object().expect("a year").clone() {
                let after = LINES.iter().find(|(_, follows)| *follows == key);
                out.insert(key, value);
                if let Some((line, _)) = after {
                    out.insert(line.to_string(), full["years"][i][*line].clone());
                }
            }
            *year = Value::Object(out);
        }
        view
    }

    fn check(data: &str, scenario: &Scenario) {
        let (_, council) = load_data_json(data).expect("valid data");
        let projection = project_scenario(&council, scenario).expect("projects");
        let years = &projection.years;
        let present = |f: fn(&super::YearResult) -> bool| years.iter().any(f);
        if !scenario.capitalisation.is_empty() {
            assert!(present(|y| !y.capitalisation.is_zero()));
            assert!(present(|y| !y.capitalisation_cost.is_zero()));
            assert!(present(|y| !y.deficit_brought_forward.is_zero()));
            assert!(present(|y| y.whole_bill.is_some()));
        }
        let full_text = serde_json::to_string(&projection).expect("writes");
        let view_text = serde_json::to_string(&projection.view()).expect("writes");
        // The page's call, which never builds the lines, writes the same text.
        let unnamed = crate::project_scenario_view(&council, scenario).expect("projects");
        assert_eq!(serde_json::to_string(&unnamed).expect("writes"), view_text);
        assert!(
            view_text.len() * 2 < full_text.len(),
            "the view is under half the projection"
        );
        for (line, _) in LINES {
            assert!(
                !view_text.contains(&format!("\"{line}\":")),
                "{line} left out"
            );
        }
        let full: Value = serde_json::from_str(&full_text).expect("parses");
        let view: Value = serde_json::from_str(&view_text).expect("parses");
        let whole = put_back(view, &full);
        assert_eq!(
            whole, full,
            "the same fields and values (their order: key_order)"
        );
    }

    #[test]
    fn the_view_is_the_projection_without_its_lines() {
        let hampshire = include_str!("../../data/hampshire.json");
        check(hampshire, &Scenario::default());
        let scenario = scenario_from_json(
            r#"{"core_pct": {"2021/22": "2.5"}, "delivery_pct": {"tt2021": "80"}, "use_reserves": false}"#,
        )
        .expect("valid");
        check(hampshire, &scenario);
        let template = include_str!("../../data/template.json");
        check(template, &Scenario::default());
        // The fields a projection leaves out when nothing (a capitalisation direction and
        // its cost, a deficit carried forward), here present: the view keeps them too.
        let scenario = scenario_from_json(
            r#"{"capitalisation": {"2021/22": "5000000"}, "use_reserves": false, "core_pct": {"2020/21": "0"}}"#,
        )
        .expect("valid");
        check(template, &scenario);
    }

    /// A generator of lever settings, the same for every run.
    fn shuffled(plan: &crate::Levers, seed: u64) -> crate::Levers {
        use rust_decimal::Decimal;
        let mut x = seed | 1;
        let mut next = move |lo: i64, hi: i64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            Decimal::new(lo * 100 + (x % ((hi - lo) as u64 * 100 + 1)) as i64, 2)
        };
        let mut l = plan.clone();
        for v in l.core_pct.iter_mut().chain(l.asc_pct.iter_mut()) {
            *v = next(-5, 9);
        }
        for v in l
            .inflation_adjust_pp
            .iter_mut()
            .chain(&mut l.tax_base_growth_pct)
        {
            *v = next(-3, 6);
        }
        for v in &mut l.growth_factor {
            *v = next(0, 3);
        }
        for v in &mut l.delivery_pct {
            *v = next(0, 120);
        }
        for v in l.extra_spend.iter_mut().chain(&mut l.capitalisation) {
            *v = next(0, 90_000_000);
        }
        for stream in &mut l.funding_change_pct {
            for v in stream {
                *v = next(-30, 10);
            }
        }
        l.use_reserves = seed % 3 != 0;
        l
    }

    /// The hand-written JSON (`View::to_json`) is serde_json's text, byte for byte, for
    /// every data set here and random levers, with text that needs escaping too.
    #[test]
    fn the_hand_written_json_is_serde_jsons() {
        let sets = [
            include_str!("../../data/hampshire.json"),
            include_str!("../../data/template.json"),
            include_str!("../../tests/fixtures/wales.json"),
            include_str!("../../tests/fixtures/scotland.json"),
            include_str!("../../tests/fixtures/tiny.json"),
            include_str!("../../tests/fixtures/tiny-options.json"),
        ];
        for (i, data) in sets.iter().enumerate() {
            let (_, mut council) = load_data_json(data).expect("valid data");
            if i == 1 {
                // Quotes, a backslash, control characters and non-ASCII text.
                council.name = "A \"quoted\" \\ name\n\t\u{1}\u{7f} Cyngor Sîr £".into();
                council.years[0] = "2020/21\u{1f}".into();
            }
            let plan = crate::Levers::plan(&council);
            let mut written = 0;
            for seed in 0..200u64 {
                let levers = if seed == 0 {
                    plan.clone()
                } else {
                    shuffled(&plan, seed * 0x9E37_79B9)
                };
                let Ok(view) = crate::engine::project_view(&council, &levers) else {
                    continue;
                };
                let by_hand = view.to_json().expect("writes");
                assert_eq!(
                    by_hand,
                    serde_json::to_string(&view).expect("writes"),
                    "set {i}, seed {seed}"
                );
                written += 1;
            }
            assert!(written > 150, "set {i}: {written} of 200 projected");
        }
    }

    /// Warnings in another language, with characters to escape, are written alike.
    #[test]
    fn translated_warnings_are_escaped_alike() {
        let (_, council) =
            load_data_json(include_str!("../../data/hampshire.json")).expect("valid");
        let english = crate::words::NO_RESERVES_WARNING.to_string();
        crate::language::use_catalogue([(english, "Dim \"cronfeydd\"\nwrth gefn: ŵ".to_string())]);
        let scenario = scenario_from_json(r#"{"use_reserves": false}"#).expect("valid");
        let view = crate::project_scenario_view(&council, &scenario).expect("projects");
        let by_hand = view.to_json().expect("writes");
        crate::language::use_catalogue([]);
        assert!(
            by_hand.contains("Dim \\\"cronfeydd\\\"\\nwrth gefn: ŵ"),
            "{by_hand}"
        );
        assert_eq!(by_hand, serde_json::to_string(&view).expect("writes"));
    }

    /// The view keeps the projection's key order: its fields, in its text, come in the
    /// order they come in the projection's text.
    #[test]
    fn key_order() {
        let (_, council) =
            load_data_json(include_str!("../../data/hampshire.json")).expect("valid");
        let projection = project_scenario(&council, &Scenario::default()).expect("projects");
        let full = serde_json::to_string(&projection.years[0]).expect("writes");
        let view = serde_json::to_string(&projection.view().years[0]).expect("writes");
        let keys = |text: &str| -> Vec<String> {
            // Top-level keys of one year: `"name":` at depth 1.
            let (mut depth, mut keys, mut chars) = (0, vec![], text.char_indices().peekable());
            while let Some((i, c)) = chars.next() {
                match c {
                    '{' | '[' => depth += 1,
                    '}' | ']' => depth -= 1,
                    '"' => {
                        let end = text[i + 1..].find('"').expect("closed") + i + 1;
                        if depth == 1 && text[end + 1..].starts_with(':') {
                            keys.push(text[i + 1..end].to_string());
                        }
                        while chars.peek().is_some_and(|(j, _)| *j <= end) {
                            chars.next();
                        }
                    }
                    _ => {}
                }
            }
            keys
        };
        let lines: Vec<&str> = LINES.iter().map(|(l, _)| *l).collect();
        let full_keys: Vec<String> = keys(&full)
            .into_iter()
            .filter(|k| !lines.contains(&k.as_str()))
            .collect();
        assert_eq!(keys(&view), full_keys);
    }
}
