// The compact bar at the foot of the screen, shown only while the headline figures (the
// element named by `data-watch`) are out of sight. Hidden from screen readers: the
// headline and the live region carry the same figures.
import { setText } from "../../ui/dom.js";
import { money, moneyWords } from "../../core/format.js";
import { gapWords } from "../../core/words.js";
import { tr } from "../../core/language.js";

export class Ticker {
  static moduleName = "ticker";

  constructor(root, { store }) {
    this.root = root;
    this.sight = new IntersectionObserver(([entry]) => {
      root.hidden = entry.isIntersecting;
      document.documentElement.classList.toggle("has-ticker", !entry.isIntersecting);
    });
    this.sight.observe(document.getElementById(root.dataset.watch));
    this.off = store.subscribe((state, patch) => patch.projection && this.render(state));
  }

  render({ projection: p, reservesUsed }) {
    const last = p.years[p.years.length - 1];
    const s = p.summary;
    const reserves =
      reservesUsed && s.first_unfunded_year ? tr("Bridging money runs out {year}", { year: s.first_unfunded_year }) : tr("Reserves {amount}", { amount: moneyWords(last.total_reserves) });
    // First, the builder's verdict: balanced, or the first year still to find.
    const first = p.years.find((y) => y.year === s.first_unfunded_year);
    const verdict = first ? tr("{amount} still to find in {year}", { amount: moneyWords(first.unfunded), year: first.year }) : tr("Balanced");
    setText(this.root, `${verdict} · ${tr("{year}: gap {gap}", { year: last.year, gap: gapWords(last.total_gap) })} · ${reserves} · Band D ${money(last.band_d)}`);
    this.root.classList.toggle("ticker--alert", Boolean(s.first_unfunded_year) || last.below_minimum);
  }

  destroy() {
    this.off();
    this.sight.disconnect();
  }
}
