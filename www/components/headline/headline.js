// "What your choices mean": the plain-English sentence and the headline figures (the gap to
// fill, reserves, Band D, and the bill for the resident's band, with the band picker),
// each beside the council's plan. An answer (ui/schedule.js): drawn in the frame that
// answers a change, though after an input with the headline out of sight (the ticker
// then carries the figures), once inputs pause.
import { el, setText } from "../../ui/dom.js";
import { isNegative, isPositive, isZero, magnitude, money, moneyWords } from "../../core/format.js";
import { gapWords, headlineSentence, list, weekly } from "../../core/words.js";
import { setBand } from "../../core/actions.js";
import { tr } from "../../core/language.js";

/** The council's council tax bands, lowest first, as the engine gives them for its nation
 *  (England and Scotland A to H, Wales A to I): the keys of a year's `bands`. */
const plans = (figure) => tr("Council's plan: {figure}", { figure });

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

  constructor(root, { store, scheduler }) {
    this.sentence = root.querySelector("#sentence");
    this.figures = { gap: figure("gap"), reserves: figure("reserves"), bandD: figure("band-d"), bill: figure("bill") };
    this.band = el("select", { id: "band", class: "select" });
    this.letters = "";
    this.band.addEventListener("change", () => setBand(store, this.band.value));
    root.querySelector("#figures").replaceChildren(...Object.values(this.figures).map((f) => f.element));
    // The band picker sits with the bill it changes.
    this.figures.bill.element.append(
      el("dd", { class: "band-picker" }, el("label", { for: "band", class: "band-picker__label" }, tr("Your council tax band")), this.band),
    );
    this.off = scheduler.register({ box: root, answer: true, draw: (state) => this.render(state) });
  }

  render({ projection: p, plan, data, band, reservesUsed }) {
    const s = p.summary;
    // The picker lists the council's own bands (rebuilt only when they change).
    const letters = bandsOf(plan);
    if (letters.join() !== this.letters) {
      this.letters = letters.join();
      this.band.replaceChildren(...letters.map((b) => el("option", { value: b }, tr("Band {band}", { band: b }))));
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
    setText(gap.term, tr("Gap to fill in {year}", { year: finalYear }));
    setText(gap.value, gapWords(last.total_gap));
    const shortfall = isNegative(last.shortfall)
      ? tr("savings delivered early {amount}", { amount: moneyWords(magnitude(last.shortfall)) })
      : tr("savings not delivered {amount}", { amount: moneyWords(last.shortfall) });
    setText(gap.detail, tr("Budget gap {gap}; {shortfall}.", { gap: gapWords(last.gap), shortfall }));
    setText(gap.planned, plans(gapWords(planLast.total_gap)));

    const runOut = reservesUsed && s.first_unfunded_year;
    reserves.element.classList.toggle("figure--alert", Boolean(runOut) || last.below_minimum);
    if (runOut) {
      const y = p.years.find((x) => x.year === s.first_unfunded_year);
      setText(reserves.term, tr("Money set aside to bridge gaps"));
      setText(reserves.value, tr("Runs out in {year}", { year: s.first_unfunded_year }));
      setText(reserves.detail, tr("The reserves that can fill gaps are used up, and {amount} of that year's gap is not funded.", { amount: moneyWords(y.unfunded) }));
    } else {
      setText(reserves.term, tr("Reserves at the end of {year}", { year: finalYear }));
      setText(reserves.value, moneyWords(last.total_reserves));
      setText(
        reserves.detail,
        tr(last.below_minimum ? "Below the safe minimum of {minimum}." : "Above the safe minimum of {minimum}.", { minimum: moneyWords(last.reserves_minimum) }) +
          (reservesUsed ? "" : ` ${tr("Reserves are not used in this scenario.")}`),
      );
    }
    setText(reserves.planned, plans(moneyWords(planLast.total_reserves)));

    // Other precepts on the bill (police, fire…), where the data states them: shown
    // apart from the council's own share, which is all the engine funds the council with.
    const whole = last.whole_bill;
    const others = whole ? list(whole.precepts.map((x) => x.name)) : "";
    setText(bandD.term, whole ? tr("Band D in {year}: your council's share", { year: finalYear }) : tr("Band D council tax in {year}", { year: finalYear }));
    setText(bandD.value, money(last.band_d));
    const base = data.council_tax?.band_d;
    const baseWords = base ? tr("{amount} in {year}.", { amount: money(String(base.value ?? base)), year: baseYear }) : "";
    const wholeWords = (amount) => tr("Your whole bill (with {others}): {amount}.", { others, amount });
    setText(bandD.detail, whole ? `${baseWords} ${wholeWords(money(whole.band_d))}`.trim() : baseWords);
    setText(bandD.planned, plans(money(planLast.band_d)));

    setText(bill.term, whole ? tr("Band {band} in {year}: your council's share", { band, year: finalYear }) : tr("Band {band} bill in {year}", { band, year: finalYear }));
    setText(bill.value, tr("{amount} a year", { amount: money(last.bands[band]) }));
    const change = s.weekly_change_since_base[band];
    const changeWords = isZero(change) ? tr("The same each week as in {year}.", { year: baseYear }) : tr("{change} than in {year}.", { change: weekly(change), year: baseYear });
    setText(bill.detail, whole ? `${changeWords} ${tr("Your whole bill (with {others}): {amount} a year.", { others, amount: money(whole.bands[band]) })}` : changeWords);
    setText(bill.planned, plans(weekly(plan.summary.weekly_change_since_base[band])));
  }

  destroy() {
    this.off();
  }
}
