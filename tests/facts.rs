//! The MTFS facts real councils have (docs/model-notes.md, "The MTFS facts real councils
//! have"): each one's hand-worked example, to the penny, and what validation refuses.

use mtfs::{project_scenario, Council, Scenario};
use serde_json::{json, Value};

const TINY: &str = include_str!("fixtures/tiny.json");

fn council_from(v: &Value) -> Council {
    mtfs::load_data_json(&v.to_string())
        .unwrap_or_else(|e| panic!("{e}"))
        .1
}

fn tiny() -> Value {
    serde_json::from_str(TINY).unwrap()
}

fn scenario(v: Value) -> Scenario {
    serde_json::from_value(v).unwrap()
}

fn reserve<'a>(y: &'a mtfs::engine::YearResult, id: &str) -> &'a mtfs::engine::ReserveResult {
    y.reserves.iter().find(|r| r.id == id).unwrap()
}

/// docs/model-notes.md, "A deficit carries forward": the worked example.
#[test]
fn a_deficit_carries_into_the_next_year() {
    let c = council_from(&tiny());
    let s = scenario(json!({"extra_spend": {"2020/21": "200000"}}));
    let p = project_scenario(&c, &s).unwrap();
    let (y1, y2) = (&p.years[0], &p.years[1]);
    assert_eq!(y1.gap.to_string(), "177141.20");
    assert_eq!(reserve(y1, "cfs").closing.to_string(), "10000.00");
    assert_eq!(reserve(y1, "general").closing.to_string(), "0.00");
    assert_eq!(y1.unfunded.to_string(), "77141.20");
    assert_eq!(y1.deficit_brought_forward.to_string(), "0.00");
    assert_eq!(y2.gap.to_string(), "-44507.78");
    assert_eq!(y2.deficit_brought_forward.to_string(), "77141.20");
    assert_eq!(y2.unfunded.to_string(), "32633.42");
    assert_eq!(reserve(y2, "general").closing.to_string(), "0.00");
    assert_eq!(p.summary.first_unfunded_year.as_deref(), Some("2020/21"));
    // The warning for the later year says what is carried, and from which year.
    assert!(
        p.summary.warnings.iter().any(|w| w
            == "In 2021/22 £32,633 is still unfunded, including the deficit of £77,141 carried from 2020/21, which the council would have to find from further savings, other reserves or new one-off money."),
        "{:?}",
        p.summary.warnings
    );
}

/// A later surplus pays the deficit off first: only what is left goes back to reserves.
#[test]
fn a_surplus_repays_the_deficit_before_reserves() {
    let c = council_from(&tiny());
    let s = scenario(json!({"extra_spend": {"2020/21": "130000"}}));
    let p = project_scenario(&c, &s).unwrap();
    // 2020/21: need 107,141.20, general's 100,000 drawn, 7,141.20 unfunded; 2021/22: the
    // surplus of 44,507.78 repays it and 37,366.58 is credited.
    assert_eq!(p.years[0].unfunded.to_string(), "7141.20");
    assert_eq!(p.years[1].deficit_brought_forward.to_string(), "7141.20");
    assert_eq!(p.years[1].unfunded.to_string(), "0.00");
    assert_eq!(
        reserve(&p.years[1], "general").closing.to_string(),
        "37366.58"
    );
}

/// A gap-funding reserve below zero is repaid (from the others, or carried as unfunded);
/// one that funds no gaps is left as the data states it.
#[test]
fn a_negative_reserve_is_repaid_not_forgotten() {
    let mut v = tiny();
    // General balances open £150,000 overdrawn; the cash-flow reserve now funds gaps too.
    v["reserves"][0]["opening"]["value"] = json!("-150000");
    v["reserves"][1]["gap_order"] = json!(2);
    let c = council_from(&v);
    let p = project_scenario(&c, &Scenario::default()).unwrap();
    let y1 = &p.years[0];
    // 2020/21: cfs pays the 20,000 shortfall (30,000 → 10,000); general is repaid to 0,
    // so the need is −22,858.80 + 150,000 = 127,141.20; general (0) gives nothing, cfs
    // gives its 10,000, and 117,141.20 is unfunded.
    assert_eq!(reserve(y1, "general").closing.to_string(), "0.00");
    assert_eq!(reserve(y1, "general").credit.to_string(), "150000.00");
    assert_eq!(reserve(y1, "cfs").closing.to_string(), "0.00");
    assert_eq!(y1.unfunded.to_string(), "117141.20");
    // 2021/22: 117,141.20 − 44,507.78 = 72,633.42 still owed.
    assert_eq!(p.years[1].unfunded.to_string(), "72633.42");

    // Without a gap_order the negative balance stays as stated (a schools deficit under
    // the statutory override is not the general fund's to repay).
    let mut v = tiny();
    v["reserves"][1]["opening"]["value"] = json!("-5000");
    let c = council_from(&v);
    let p = project_scenario(&c, &Scenario::default()).unwrap();
    assert_eq!(reserve(&p.years[0], "cfs").closing.to_string(), "-5000.00");
    // Its 20,000 shortfall then joins the gap: −22,858.80 + 20,000 is still a surplus.
    assert_eq!(
        reserve(&p.years[0], "general").closing.to_string(),
        "102858.80"
    );
}

/// With no reserves used the deficit still carries.
#[test]
fn without_reserves_the_deficit_still_carries() {
    let c = council_from(&tiny());
    let s = scenario(json!({"extra_spend": {"2020/21": "200000"}, "use_reserves": false}));
    let p = project_scenario(&c, &s).unwrap();
    // 2020/21: gap 177,141.20 + shortfall 20,000 = 197,141.20; 2021/22: −44,507.78 + 0 +
    // 197,141.20 = 152,633.42.
    assert_eq!(p.years[0].unfunded.to_string(), "197141.20");
    assert_eq!(p.years[1].unfunded.to_string(), "152633.42");
}

fn with_capitalisation(v: &mut Value, directions: Value) {
    v["capitalisation"] = json!({
        "directions": directions,
        "interest_pct": {"value": "5", "assumption": "test figure"},
        "repayment_years": {"value": "20", "assumption": "test figure"}
    });
}

/// docs/model-notes.md, "Capitalisation directions": the worked example.
#[test]
fn a_capitalisation_direction_and_its_cost() {
    let mut v = tiny();
    with_capitalisation(
        &mut v,
        json!({"2020/21": {"value": "100000", "source": "the direction's letter"}}),
    );
    let c = council_from(&v);
    let s = scenario(json!({"extra_spend": {"2020/21": "200000"}}));
    let p = project_scenario(&c, &s).unwrap();
    let (y1, y2) = (&p.years[0], &p.years[1]);
    assert_eq!(y1.capitalisation.to_string(), "100000.00");
    assert_eq!(y1.capitalisation_cost.to_string(), "0.00");
    assert_eq!(y1.funding.to_string(), "1660358.80");
    assert_eq!(y1.gap.to_string(), "77141.20");
    assert_eq!(y1.unfunded.to_string(), "0.00");
    assert_eq!(reserve(y1, "general").closing.to_string(), "22858.80");
    assert_eq!(y2.capitalisation_cost.to_string(), "10000.00");
    assert_eq!(y2.gap.to_string(), "-34507.78");
    assert_eq!(reserve(y2, "general").closing.to_string(), "57366.58");
    // The output names both lines; a year without them leaves them out.
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["years"][0]["capitalisation"], "100000.00");
    assert!(json["years"][0].get("capitalisation_cost").is_none());
    assert_eq!(json["years"][1]["capitalisation_cost"], "10000.00");
}

/// A scenario asks for a direction in place of the plan's; the terms come from the data.
#[test]
fn a_scenario_asks_for_a_capitalisation_direction() {
    let mut v = tiny();
    with_capitalisation(&mut v, json!({}));
    let c = council_from(&v);
    let plan = project_scenario(&c, &Scenario::default()).unwrap();
    let s = scenario(json!({"capitalisation": {"2020/21": "100000"}}));
    let p = project_scenario(&c, &s).unwrap();
    assert_eq!(plan.years[0].capitalisation.to_string(), "0.00");
    let moved = |t: usize| plan.years[t].gap.value() - p.years[t].gap.value();
    assert_eq!(moved(0).to_string(), "100000.00");
    assert_eq!(moved(1).to_string(), "-10000.00");

    // Without the data set's terms there is no cost to work out: refused, by path.
    let c = council_from(&tiny());
    let e = s.resolve(&c).unwrap_err().to_string();
    assert!(
        e.contains("capitalisation: the data set gives no terms for borrowing"),
        "{e}"
    );
    // A term that is not a whole number of years is refused with its path.
    let mut v = tiny();
    with_capitalisation(&mut v, json!({}));
    v["capitalisation"]["repayment_years"]["value"] = json!("2.5");
    let e = mtfs::load_data_json(&v.to_string())
        .unwrap_err()
        .to_string();
    assert!(e.contains("capitalisation.repayment_years.value: a whole number of years from 1 to 50 is expected (got 2.5)"), "{e}");
}

/// docs/model-notes.md, "A restated Band D when a service moves": the worked example.
#[test]
fn a_restated_band_d_is_the_base_of_the_rise() {
    let mut v = tiny();
    v["council_tax"]["restated_band_d"] = json!({"2021/22": {"value": "1000.00", "source": "the alternative notional amounts report"}});
    let c = council_from(&v);
    let p = project_scenario(&c, &Scenario::default()).unwrap();
    let y2 = &p.years[1];
    assert_eq!(p.years[0].band_d.to_string(), "1039.90");
    assert_eq!(
        y2.restated_band_d.map(|m| m.to_string()).as_deref(),
        Some("1000.00")
    );
    assert_eq!(y2.band_d.to_string(), "1029.90");
    assert_eq!(y2.band_d_change.to_string(), "-10.00");
    assert!(!y2.referendum);
    assert_eq!(y2.council_tax.to_string(), "1260721.19");
    assert_eq!(y2.gap.to_string(), "5791.31");
    assert!(p.years[0].restated_band_d.is_none());

    // The like-for-like rise is what the referendum test sees: 2% core on the restated
    // Band D needs one, whatever last year's actual Band D was.
    let s = scenario(json!({"core_pct": {"2021/22": "2"}}));
    assert!(project_scenario(&c, &s).unwrap().years[1].referendum);

    // A restated Band D must be a Band D.
    v["council_tax"]["restated_band_d"]["2021/22"]["value"] = json!("0");
    let e = mtfs::load_data_json(&v.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("council_tax.restated_band_d.2021/22.value: a Band D above £0"),
        "{e}"
    );
}

/// docs/model-notes.md, "In-year overspends as data": the worked example.
#[test]
fn an_overspend_is_met_from_reserves() {
    let mut v = tiny();
    v["overspend"] = json!({"2020/21": {"value": "30000", "source": "month 9 forecast"}});
    let c = council_from(&v);
    let p = project_scenario(&c, &Scenario::default()).unwrap();
    let (y1, y2) = (&p.years[0], &p.years[1]);
    assert_eq!(y1.overspend.to_string(), "30000.00");
    assert_eq!(y1.gap.to_string(), "7141.20");
    assert_eq!(reserve(y1, "general").closing.to_string(), "92858.80");
    assert_eq!(y2.overspend.to_string(), "0.00");
    assert_eq!(y2.gap.to_string(), "-44507.78");
    assert_eq!(reserve(y2, "general").closing.to_string(), "137366.58");
    // The same as the extra_spend lever for that year (one-off spending).
    let lever = project_scenario(
        &council_from(&tiny()),
        &scenario(json!({"extra_spend": {"2020/21": "30000"}})),
    )
    .unwrap();
    assert_eq!(lever.years[1].total_reserves, p.years[1].total_reserves);
    // Not negative.
    v["overspend"]["2020/21"]["value"] = json!("-1");
    let e = mtfs::load_data_json(&v.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("overspend.2020/21.value: must not be negative"),
        "{e}"
    );
}

/// docs/model-notes.md, "Ring-fenced reserves": the worked example.
#[test]
fn ring_fenced_reserves_do_not_count_towards_the_minimum() {
    let mut v = tiny();
    v["reserves_minimum"]["amount"]["value"] = json!("200000");
    v["reserves"].as_array_mut().unwrap().push(json!({
        "id": "schools", "name": "Schools balances", "ring_fenced": true,
        "opening": {"value": "60000", "assumption": "test figure"}
    }));
    let c = council_from(&v);
    let p = project_scenario(&c, &Scenario::default()).unwrap();
    let (y1, y2) = (&p.years[0], &p.years[1]);
    assert_eq!(y1.total_reserves.to_string(), "192858.80");
    assert_eq!(y1.ring_fenced_reserves.to_string(), "60000.00");
    assert!(y1.below_minimum);
    assert_eq!(y2.total_reserves.to_string(), "237366.58");
    assert!(y2.below_minimum, "177,366.58 counts, below 200,000");
    assert_eq!(
        p.summary.first_below_minimum_year.as_deref(),
        Some("2020/21")
    );
    // Without the ring-fence, 2021/22's 237,366.58 is above the minimum.
    v["reserves"][2]["ring_fenced"] = json!(false);
    let p = project_scenario(&council_from(&v), &Scenario::default()).unwrap();
    assert!(!p.years[1].below_minimum);

    // A ring-fenced reserve cannot fund gaps.
    v["reserves"][2]["ring_fenced"] = json!(true);
    v["reserves"][2]["gap_order"] = json!(2);
    let e = mtfs::load_data_json(&v.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("reserves[2].gap_order: a ring-fenced reserve cannot fund budget gaps"),
        "{e}"
    );
}
