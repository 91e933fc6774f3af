// "What your choices mean": the plain-English sentence and the headline figures (the gap to
// fill, reserves, Band D, and the bill for the resident's band, with the band picker),
// each beside the council's plan. Rendered in the frame that answers an input.
import { el, setText } from "../../ui/dom.js";
import { isNegative, isPositive, magnitude, money, moneyWords } from "../../core/format.js";
import { gapWords, headlineSentence, weekly } from "../../core/words.js";
import { setBand } from "../../core/actions.js";

/** The council's council tax bands, lowest first, as the engine gives them for its nation
 *  (England and Scotland A to H, Wales A to I): the keys of a year's `bands`. */
export const bandsOf = (projection) => Object.keys(projection.years[0]?.bands ?? {});

function figure(key) {
  const term = el("dt", { class: "figure__term" });
  const value = el("dd", { class: "figure__value" });
  const detail = el("dd", { class: "figure__detail" });
  const planned = el("dd", { class: "figure__plan" });
  return { term, value, detail, planned, element: el("div", { class: `figure figure--${key}` }, term, value, detail, planned) };
}

export class Headline {
  static moduleName = "headline";

  constructor(root, { store }) {
    this.sentence = root.querySelector("#sentence");
    this.figures = { gap: figure("gap"), reserves: figure("reserves"), bandD: figure("band-d"), bill: figure("bill") };
    this.band = el("select", { id: "band", class: "select" });
    this.letters = "";
    this.band.addEventListener("change", () => setBand(store, this.band.value));
    root.querySelector("#figures").replaceChildren(...Object.values(this.figures).map((f) => f.element));
    // The band picker sits with the bill it changes.
    this.figures.bill.element.append(
      el("dd", { class: "band-picker" }, el("label", { for: "band", class: "band-picker__label" }, "Your council tax band"), this.band),
    );
    this.off = store.subscribe((state, patch) => (patch.projection || patch.band || patch.reservesUsed !== undefined) && this.render(state));
  }

  render({ projection: p, plan, data, band, reservesUsed }) {
    const s = p.summary;
    // The picker lists the council's own bands (rebuilt only when they change).
    const letters = bandsOf(plan);
    if (letters.join() !== this.letters) {
      this.letters = letters.join();
      this.band.replaceChildren(...letters.map((b) => el("option", { value: b }, `Band ${b}`)));
    }
    this.band.value = letters.includes(band) ? band : "D";
    if (!letters.includes(band)) band = "D";
    setText(this.sentence, headlineSentence(p, reservesUsed));
    this.sentence.classList.toggle("sentence--alert", Boolean(s.first_unfunded_year || s.first_below_minimum_year));
    const last = p.years[p.years.length - 1];
    const planLast = plan.years[plan.years.length - 1];
    const finalYear = last.year;
    const baseYear = p.base_year;
    const { gap, reserves, bandD, bill } = this.figures;

    gap.element.classList.toggle("figure--alert", isPositive(last.unfunded));
    setText(gap.term, `Gap to fill in ${finalYear}`);
    setText(gap.value, gapWords(last.total_gap));
    const shortfall = isNegative(last.shortfall) ? `savings delivered early ${moneyWords(magnitude(last.shortfall))}` : `savings not delivered ${moneyWords(last.shortfall)}`;
    setText(gap.detail, `Budget gap ${gapWords(last.gap)}; ${shortfall}.`);
    setText(gap.planned, `Council's plan: ${gapWords(planLast.total_gap)}`);

    const runOut = reservesUsed && s.first_unfunded_year;
    reserves.element.classList.toggle("figure--alert", Boolean(runOut) || last.below_minimum);
    if (runOut) {
      const y = p.years.find((x) => x.year === s.first_unfunded_year);
      setText(reserves.term, "Money set aside to bridge gaps");
      setText(reserves.value, `Runs out in ${s.first_unfunded_year}`);
      setText(reserves.detail, `The reserves that can fill gaps are used up, and ${moneyWords(y.unfunded)} of that year's gap is not funded.`);
    } else {
      setText(reserves.term, `Reserves at the end of ${finalYear}`);
      setText(reserves.value, moneyWords(last.total_reserves));
      setText(
        reserves.detail,
        `${last.below_minimum ? "Below" : "Above"} the safe minimum of ${moneyWords(last.reserves_minimum)}.${reservesUsed ? "" : " Reserves are not used in this scenario."}`,
      );
    }
    setText(reserves.planned, `Council's plan: ${moneyWords(planLast.total_reserves)}`);

    setText(bandD.term, `Band D council tax in ${finalYear}`);
    setText(bandD.value, money(last.band_d));
    const base = data.council_tax?.band_d;
    setText(bandD.detail, base ? `${money(String(base.value ?? base))} in ${baseYear}.` : "");
    setText(bandD.planned, `Council's plan: ${money(planLast.band_d)}`);

    setText(bill.term, `Band ${band} bill in ${finalYear}`);
    setText(bill.value, `${money(last.bands[band])} a year`);
    setText(bill.detail, `${weekly(s.weekly_change_since_base[band])} than in ${baseYear}.`.replace("no change a week than", "The same each week as"));
    setText(bill.planned, `Council's plan: ${weekly(plan.summary.weekly_change_since_base[band])}`);
  }

  destroy() {
    this.off();
  }
}
