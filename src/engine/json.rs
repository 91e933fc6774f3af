//! The view (`View`) written as JSON text by hand, byte for byte what serde_json writes
//! for it (tested against serde_json, for random councils and scenarios). serde_json
//! writes every key and string through its escaping scan and money through the
//! serializer's calls, and that was a third of a lever move's work (README, Speed);
//! here keys are literals, money is written straight from its pence, and only text that
//! may need escaping goes through serde_json's own escaping.

use super::{Bands, Projection, ReferendumLimit, Summary, YearResult};
use crate::number::Money;
use serde::Serialize;

/// `,"name":`, a key after an object's first, as one literal (names are plain
/// identifiers: nothing to escape).
macro_rules! key {
    ($name:literal) => {
        concat!(",\"", $name, "\":").as_bytes()
    };
}

/// `{"name":`, an object's first key.
macro_rules! open {
    ($name:literal) => {
        concat!("{\"", $name, "\":").as_bytes()
    };
}

/// The view of `p` (the same fields as `ProjectionView`) as JSON text.
pub(super) fn view(p: &Projection) -> serde_json::Result<String> {
    // About 900 bytes a year and as much again for the rest: one allocation, as a rule.
    let mut w = Json(Vec::with_capacity(1024 + 1024 * p.years.len()));
    w.raw(open!("council"));
    w.text(&p.council)?;
    if !p.nation.is_england() {
        w.raw(key!("nation"));
        w.serde(&p.nation)?;
    }
    w.raw(key!("base_year"));
    w.text(&p.base_year)?;
    w.raw(key!("rise_lever_max_pct"));
    w.text(&p.rise_lever_max_pct)?;
    w.raw(key!("choices"));
    w.serde(&p.choices)?;
    w.raw(key!("years"));
    w.raw(b"[");
    for (i, y) in p.years.iter().enumerate() {
        if i > 0 {
            w.raw(b",");
        }
        w.year(y)?;
    }
    w.raw(b"]");
    w.raw(key!("summary"));
    w.summary(&p.summary)?;
    w.raw(b"}");
    // Every piece written is UTF-8 (literals, digits, `&str`s and serde_json's text).
    String::from_utf8(w.0).map_err(serde::ser::Error::custom)
}

/// JSON text being written.
struct Json(Vec<u8>);

impl Json {
    fn raw(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    /// A string as serde_json writes it. serde_json escapes only `"`, `\` and control
    /// characters, so text without them is written as it is, quoted.
    fn text(&mut self, s: &str) -> serde_json::Result<()> {
        if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            self.raw(b"\"");
            self.raw(s.as_bytes());
            self.raw(b"\"");
            Ok(())
        } else {
            self.serde(s)
        }
    }

    /// `null` or the text.
    fn optional_text(&mut self, s: Option<&str>) -> serde_json::Result<()> {
        match s {
            Some(s) => self.text(s),
            None => {
                self.raw(b"null");
                Ok(())
            }
        }
    }

    fn bool(&mut self, b: bool) {
        self.raw(if b { b"true" } else { b"false" });
    }

    /// Anything else, through serde_json itself (rare or small parts of the view).
    fn serde<T: Serialize + ?Sized>(&mut self, value: &T) -> serde_json::Result<()> {
        serde_json::to_writer(&mut self.0, value)
    }

    fn money(&mut self, m: &Money) -> serde_json::Result<()> {
        // The digits between quotes, written once.
        let mut buf = [b'"'; 26];
        match m.write_pence(&mut buf[..25]) {
            Some(start) if start > 0 => {
                self.raw(&buf[start - 1..]);
                Ok(())
            }
            _ => self.serde(m),
        }
    }

    /// A money field left out when £0.00, as the projection leaves it out.
    fn money_unless_zero(&mut self, key: &[u8], m: &Money) -> serde_json::Result<()> {
        if m.is_zero() {
            return Ok(());
        }
        self.raw(key);
        self.money(m)
    }

    /// Money fields, one after another.
    fn moneys(&mut self, fields: &[(&[u8], &Money)]) -> serde_json::Result<()> {
        for (key, m) in fields {
            self.raw(key);
            self.money(m)?;
        }
        Ok(())
    }

    fn bands(&mut self, bands: &Bands) -> serde_json::Result<()> {
        self.raw(b"{");
        for (i, (band, m)) in bands.0.iter().enumerate() {
            if i > 0 {
                self.raw(b",");
            }
            self.text(band)?;
            self.raw(b":");
            self.money(m)?;
        }
        self.raw(b"}");
        Ok(())
    }

    /// A year as `YearView` has it: the year's fields without its lines, in its order.
    fn year(&mut self, y: &YearResult) -> serde_json::Result<()> {
        self.raw(open!("year"));
        self.text(&y.year)?;
        self.raw(key!("spend"));
        self.money(&y.spend)?;
        self.money_unless_zero(key!("overspend"), &y.overspend)?;
        self.moneys(&[
            (key!("removed_savings"), &y.removed_savings),
            (key!("chosen_options"), &y.chosen_options),
            (key!("net_requirement"), &y.net_requirement),
        ])?;
        self.raw(key!("core_pct"));
        self.text(&y.core_pct)?;
        self.raw(key!("asc_pct"));
        self.text(&y.asc_pct)?;
        self.moneys(&[
            (key!("band_d"), &y.band_d),
            (key!("band_d_change"), &y.band_d_change),
        ])?;
        if let Some(restated) = &y.restated_band_d {
            self.moneys(&[(key!("restated_band_d"), restated)])?;
        }
        self.moneys(&[(key!("tax_base"), &y.tax_base)])?;
        self.raw(key!("bands"));
        self.bands(&y.bands)?;
        self.raw(key!("weekly_change"));
        self.bands(&y.weekly_change)?;
        self.year_funding(y)?;
        self.year_reserves(y)?;
        self.year_rules(y)?;
        self.raw(b"}");
        Ok(())
    }

    /// A year's fields from `council_tax` to `total_gap`.
    fn year_funding(&mut self, y: &YearResult) -> serde_json::Result<()> {
        self.moneys(&[
            (key!("council_tax"), &y.council_tax),
            (key!("collection_fund"), &y.collection_fund),
            (key!("other_funding"), &y.other_funding),
        ])?;
        self.money_unless_zero(key!("capitalisation"), &y.capitalisation)?;
        self.money_unless_zero(key!("capitalisation_cost"), &y.capitalisation_cost)?;
        self.moneys(&[
            (key!("funding"), &y.funding),
            (key!("gap"), &y.gap),
            (key!("shortfall"), &y.shortfall),
            (key!("total_gap"), &y.total_gap),
        ])
    }

    /// A year's fields from `deficit_brought_forward` to `unfunded`.
    fn year_reserves(&mut self, y: &YearResult) -> serde_json::Result<()> {
        self.money_unless_zero(key!("deficit_brought_forward"), &y.deficit_brought_forward)?;
        self.moneys(&[(key!("total_reserves"), &y.total_reserves)])?;
        self.money_unless_zero(key!("ring_fenced_reserves"), &y.ring_fenced_reserves)?;
        self.moneys(&[(key!("reserves_minimum"), &y.reserves_minimum)])?;
        self.raw(key!("below_minimum"));
        self.bool(y.below_minimum);
        self.moneys(&[(key!("unfunded"), &y.unfunded)])
    }

    /// A year's fields from `referendum` to the end.
    fn year_rules(&mut self, y: &YearResult) -> serde_json::Result<()> {
        self.raw(key!("referendum"));
        self.bool(y.referendum);
        self.raw(key!("referendum_limit"));
        match &y.referendum_limit {
            Some(limit) => self.referendum_limit(limit)?,
            None => self.raw(b"null"),
        }
        if let Some(cap) = &y.rise_cap_pct {
            self.raw(key!("rise_cap_pct"));
            self.text(cap)?;
        }
        if let Some(bill) = &y.whole_bill {
            self.raw(key!("whole_bill"));
            self.serde(bill)?;
        }
        Ok(())
    }

    fn referendum_limit(&mut self, limit: &ReferendumLimit) -> serde_json::Result<()> {
        self.raw(open!("core_pct"));
        self.optional_text(limit.core_pct.as_deref())?;
        self.raw(key!("asc_pct"));
        self.optional_text(limit.asc_pct.as_deref())?;
        self.raw(key!("total_pct"));
        self.text(&limit.total_pct)?;
        self.raw(key!("dispensation"));
        self.bool(limit.dispensation);
        self.raw(b"}");
        Ok(())
    }

    fn summary(&mut self, s: &Summary) -> serde_json::Result<()> {
        self.raw(open!("cumulative_gap"));
        self.money(&s.cumulative_gap)?;
        self.moneys(&[(key!("lowest_total_reserves"), &s.lowest_total_reserves)])?;
        self.raw(key!("lowest_total_reserves_year"));
        self.text(&s.lowest_total_reserves_year)?;
        self.raw(key!("first_unfunded_year"));
        self.optional_text(s.first_unfunded_year.as_deref())?;
        self.raw(key!("first_below_minimum_year"));
        self.optional_text(s.first_below_minimum_year.as_deref())?;
        self.raw(key!("referendum_years"));
        self.texts(&s.referendum_years)?;
        self.moneys(&[(key!("final_band_d"), &s.final_band_d)])?;
        self.raw(key!("weekly_change_since_base"));
        self.bands(&s.weekly_change_since_base)?;
        self.raw(key!("warnings"));
        self.texts(&s.warnings)?;
        self.raw(b"}");
        Ok(())
    }

    /// A list of strings.
    fn texts(&mut self, list: &[String]) -> serde_json::Result<()> {
        self.raw(b"[");
        for (i, s) in list.iter().enumerate() {
            if i > 0 {
                self.raw(b",");
            }
            self.text(s)?;
        }
        self.raw(b"]");
        Ok(())
    }
}
