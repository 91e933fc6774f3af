// The results of a projection, in words, figures, charts and tables. Everything here is
// built once and then updated in place on every input, so a table a person is reading
// (or a screen reader is in) stays where it is. No budget arithmetic: every figure is the
// engine's, compared with the council's plan only by showing both.
import { el, setText } from "./dom.js";
import { gapChart, reservesChart } from "./charts.js";
import { isNegative, isPositive, isZero, magnitude, millions, money, moneyWords, percent } from "./format.js";

const BANDS = ["A", "B", "C", "D", "E", "F", "G", "H"];

const $ = (id) => document.getElementById(id);

/** "2020/21", "2020/21 and 2021/22", "2020/21, 2021/22 and 2022/23". */
function list(items) {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "£4.30 a week more", "£0.50 a week less", "no change". */
function weekly(text) {
  if (isZero(text)) return "no change a week";
  return `${money(magnitude(text))} a week ${isNegative(text) ? "less" : "more"}`;
}

/** Money in £m for a sentence, "£3.0m to spare" below zero. */
function gapWords(text) {
  return isNegative(text) ? `${moneyWords(magnitude(text))} to spare` : moneyWords(text);
}

/**
 * A table with one column per year, built once: `rows` are [label, value(yearResult, ctx), kind?]
 * or a group heading string. `extra` adds columns after the years.
 */
function yearTable({ id, caption, years, rows, firstHeader = "", rowClass = "" }) {
  const cells = [];
  const labels = [];
  const bodies = [];
  let body = null;
  for (const row of rows) {
    if (typeof row === "string") {
      body = el("tbody", {}, el("tr", { class: "section" }, el("th", { scope: "rowgroup", colspan: String(years.length + 1) }, row)));
      bodies.push(body);
      continue;
    }
    if (!body) {
      body = el("tbody");
      bodies.push(body);
    }
    const [label, value, kind] = row;
    const th = el("th", { scope: "row", ...(rowClass ? { class: rowClass } : {}) });
    const tds = years.map(() => el("td", { class: "num" }));
    const tr = el("tr", kind ? { class: kind } : {}, th, ...tds);
    body.append(tr);
    labels.push([th, label, tr]);
    cells.push([tds, value]);
  }
  const table = el(
    "table",
    { class: "table" },
    el("caption", { id: `${id}-caption` }, caption),
    el("thead", {}, el("tr", {}, firstHeader ? el("th", { scope: "col" }, firstHeader) : el("td"), ...years.map((y) => el("th", { scope: "col", class: "num" }, y)))),
    ...bodies,
  );
  const element = el("div", { class: "table-wrap", role: "region", "aria-labelledby": `${id}-caption`, tabindex: "0" }, table);
  return {
    element,
    update(projection, ctx) {
      for (const [th, label, tr] of labels) {
        setText(th, typeof label === "function" ? label(ctx) : label);
        if (tr.dataset.band) tr.classList.toggle("chosen", tr.dataset.band === ctx.band);
      }
      for (const [tds, value] of cells) projection.years.forEach((y, i) => setText(tds[i], value(y, ctx)));
    },
  };
}

const yesNo = (b) => (b ? "Yes" : "No");

/** Builds the results area for a council; returns `render(projection)`. */
export function buildResults({ data, plan, levers }) {
  const years = plan.years.map((y) => y.year);
  const finalYear = years[years.length - 1];
  const baseYear = plan.base_year;
  const ctx = { band: "D", usesReserves: true };

  // Headline figures.
  const figure = (key) => {
    const term = el("dt", { class: "figure__term" });
    const value = el("dd", { class: "figure__value" });
    const detail = el("dd", { class: "figure__detail" });
    const planned = el("dd", { class: "figure__plan" });
    return { key, term, value, detail, planned, element: el("div", { class: `figure figure--${key}` }, term, value, detail, planned) };
  };
  const figures = { gap: figure("gap"), reserves: figure("reserves"), bandD: figure("band-d"), bill: figure("bill") };
  const bandSelect = el(
    "select",
    { id: "band", class: "select" },
    ...BANDS.map((b) => el("option", { value: b, ...(b === "D" ? { selected: "" } : {}) }, `Band ${b}`)),
  );
  const bandPicker = el(
    "dd",
    { class: "band-picker" },
    el("label", { for: "band", class: "band-picker__label" }, "Your council tax band"),
    bandSelect,
  );
  $("figures").replaceChildren(...Object.values(figures).map((f) => f.element));
  // The band picker sits with the bill it changes.
  figures.bill.element.append(bandPicker);

  // Tables.
  const gapTable = yearTable({
    id: "gap-table",
    caption: "The gap each year, £ million",
    years,
    rows: [
      ["Budget gap (minus: a surplus)", (y) => millions(y.gap)],
      ["Savings not delivered (minus: delivered early)", (y) => millions(y.shortfall)],
      ["Gap to fill from reserves", (y) => millions(y.total_gap), "total"],
      ["Not funded, even after using reserves", (y) => millions(y.unfunded)],
    ],
  });
  const reservesTable = yearTable({
    id: "reserves-table",
    caption: "Reserves at the end of each year, £ million",
    years,
    rows: [
      ...plan.years[0].reserves.map((r, i) => [r.name, (y) => millions(y.reserves[i].closing)]),
      ["Total reserves", (y) => millions(y.total_reserves), "total"],
      ["Safe minimum", (y) => millions(y.reserves_minimum)],
      ["Below the safe minimum", (y) => yesNo(y.below_minimum)],
    ],
  });
  const taxTable = yearTable({
    id: "tax-table",
    caption: "Council tax each year",
    years,
    rows: [
      ["Core council tax rise", (y) => percent(y.core_pct)],
      ["Adult social care precept", (y) => percent(y.asc_pct)],
      ["Band D, a year", (y) => money(y.band_d), "total"],
      ["Band D, change on the year before", (y) => money(y.band_d_change)],
      [(c) => `Band ${c.band}, change a week on the year before`, (y, c) => money(y.weekly_change[c.band])],
      ["Referendum needed", (y) => yesNo(y.referendum)],
    ],
  });
  const bandRows = BANDS.map((b) => [(c) => (c.band === b ? `Band ${b} (your band)` : `Band ${b}`), (y) => money(y.bands[b])]);
  const bandsTable = yearTable({
    id: "bands-table",
    caption: `Council tax by band, £ a year`,
    years,
    rows: bandRows,
    firstHeader: "Band",
    rowClass: "nowrap",
  });
  // Mark each band row so the chosen one can be highlighted, and add the weekly change
  // since the base year as a last column.
  const bandTrs = bandsTable.element.querySelectorAll("tbody tr");
  const sinceBase = [];
  bandTrs.forEach((tr, i) => {
    tr.dataset.band = BANDS[i];
    const td = el("td", { class: "num" });
    sinceBase.push(td);
    tr.append(td);
  });
  bandsTable.element
    .querySelector("thead tr")
    .append(el("th", { scope: "col", class: "num wrap" }, `Change a week, ${baseYear} to ${finalYear}`));

  const budgetTable = yearTable({
    id: "budget-table",
    caption: `${plan.council}'s budget, ${years[0]} to ${finalYear}, £ million`,
    years,
    rows: [
      "Spending",
      ...plan.years[0].services.map((s, i) => [s.name, (y) => millions(y.services[i].budget)]),
      ["Spending before savings", (y) => millions(y.spend), "subtotal"],
      ["Savings taken out of budgets", (y) => millions(y.removed_savings)],
      ["Net budget", (y) => millions(y.net_requirement), "total"],
      "Funding",
      ["Council tax", (y) => millions(y.council_tax)],
      ...plan.years[0].funding_streams.map((f, i) => [f.name, (y) => millions(y.funding_streams[i].amount)]),
      ["Total funding", (y) => millions(y.funding), "total"],
      "Gap",
      ["Budget gap (minus: a surplus)", (y) => millions(y.gap)],
      ...plan.years[0].programmes.map((p, i) => [
        `${p.name}: savings not delivered (minus: early)`,
        (y) => millions(y.programmes[i].shortfall),
      ]),
      ["Gap to fill from reserves", (y) => millions(y.total_gap), "total"],
      "Reserves at the end of the year",
      ...plan.years[0].reserves.map((r, i) => [r.name, (y) => millions(y.reserves[i].closing)]),
      ["Total reserves", (y) => millions(y.total_reserves), "total"],
      ["Safe minimum", (y) => millions(y.reserves_minimum)],
      ["Not funded, even after using reserves", (y) => millions(y.unfunded), "total"],
    ],
  });
  const budgetNote = el("p", { class: "hint" }, "Figures may not add up exactly because each is rounded on its own.");

  const gapChartBox = el("div", { class: "chart-box" });
  const reservesChartBox = el("div", { class: "chart-box" });
  $("gap-chart").replaceChildren(gapChartBox, gapTable.element);
  $("reserves-chart").replaceChildren(reservesChartBox, reservesTable.element);
  $("council-tax").replaceChildren(taxTable.element);
  $("bands").replaceChildren(bandsTable.element);
  $("budget").replaceChildren(budgetTable.element, budgetNote);

  let current = plan;
  let chartWidth = 0;

  // Charts are drawn at the width they have, so their text stays the page's size. The
  // width comes from the observer, never read while drawing (that would force a layout
  // on every input).
  const resize = new ResizeObserver(([entry]) => {
    const width = Math.max(260, Math.floor(entry.contentRect.width));
    if (width !== chartWidth) {
      chartWidth = width;
      drawCharts();
      flush();
    }
  });
  resize.observe($("gap-chart"));

  function headline(p) {
    const last = p.years[p.years.length - 1];
    const planLast = plan.years[plan.years.length - 1];
    const s = p.summary;

    const g = figures.gap;
    g.element.classList.toggle("figure--alert", isPositive(last.unfunded));
    setText(g.term, `Gap to fill in ${finalYear}`);
    setText(g.value, gapWords(last.total_gap));
    const shortfallWords = isNegative(last.shortfall)
      ? `savings delivered early ${moneyWords(magnitude(last.shortfall))}`
      : `savings not delivered ${moneyWords(last.shortfall)}`;
    setText(g.detail, `Budget gap ${gapWords(last.gap)}; ${shortfallWords}.`);
    setText(g.planned, `Council's plan: ${gapWords(planLast.total_gap)}`);

    const r = figures.reserves;
    const runOut = ctx.usesReserves && s.first_unfunded_year;
    r.element.classList.toggle("figure--alert", Boolean(runOut) || last.below_minimum);
    if (runOut) {
      const y = p.years.find((x) => x.year === s.first_unfunded_year);
      setText(r.term, "Reserves");
      setText(r.value, `Run out in ${s.first_unfunded_year}`);
      setText(r.detail, `The reserves that can fill gaps are used up, and ${moneyWords(y.unfunded)} of that year's gap is not funded.`);
    } else {
      setText(r.term, `Reserves at the end of ${finalYear}`);
      setText(r.value, moneyWords(last.total_reserves));
      setText(
        r.detail,
        `${last.below_minimum ? "Below" : "Above"} the safe minimum of ${moneyWords(last.reserves_minimum)}.${
          ctx.usesReserves ? "" : " Reserves are not used in this scenario."
        }`,
      );
    }
    setText(r.planned, `Council's plan: ${moneyWords(planLast.total_reserves)}`);

    const d = figures.bandD;
    setText(d.term, `Band D council tax in ${finalYear}`);
    setText(d.value, money(last.band_d));
    const base = data.council_tax?.band_d;
    setText(d.detail, base ? `${money(String(base.value ?? base))} in ${baseYear}.` : "");
    setText(d.planned, `Council's plan: ${money(planLast.band_d)}`);

    const b = figures.bill;
    setText(b.term, `Band ${ctx.band} bill in ${finalYear}`);
    setText(b.value, `${money(last.bands[ctx.band])} a year`);
    setText(b.detail, `${weekly(s.weekly_change_since_base[ctx.band])} than in ${baseYear}.`.replace("no change a week than", "The same each week as"));
    setText(b.planned, `Council's plan: ${weekly(plan.summary.weekly_change_since_base[ctx.band])}`);
  }

  /** One plain-English sentence: can the budget be balanced, and what it takes. */
  function sentence(p) {
    const s = p.summary;
    let text;
    let but = ", but";
    if (s.first_unfunded_year) {
      const y = p.years.find((x) => x.year === s.first_unfunded_year);
      text = ctx.usesReserves
        ? `The council could not set a balanced budget in ${y.year}: even after using its reserves, ${moneyWords(y.unfunded)} would not be funded`
        : `Without using its reserves, the council could not set a balanced budget in ${y.year}: ${moneyWords(y.unfunded)} would not be funded`;
      but = ", and";
    } else if (s.first_below_minimum_year) {
      text = `The council could balance its budget every year to ${finalYear}, but its reserves would fall below the safe minimum in ${s.first_below_minimum_year}`;
      but = ", and";
    } else {
      text = `The council could balance its budget every year to ${finalYear} and keep its reserves above the safe minimum`;
    }
    if (s.referendum_years.length > 0) {
      text += `${but} the council tax rise in ${list(s.referendum_years)} would need a local referendum`;
    }
    return `${text}.`;
  }

  function warnings(p) {
    const s = p.summary;
    if (s.warnings.length === 0) return [];
    const explain = [];
    if (s.first_unfunded_year) {
      explain.push(
        el(
          "p",
          {},
          el("strong", {}, "What an unfunded gap means. "),
          "By law a council must set a balanced budget. If it cannot, its chief finance officer must issue a ‘section 114 notice’: all new spending stops, except to protect vulnerable people and to meet the council's legal duties, until councillors agree how to balance the budget, usually by cutting services.",
        ),
      );
    }
    if (s.first_below_minimum_year) {
      explain.push(
        el(
          "p",
          {},
          el("strong", {}, "Why the minimum matters. "),
          "Below its safe minimum, the council would have little left for emergencies, such as a flood, or for costs that come in higher than planned.",
        ),
      );
    }
    if (s.referendum_years.length > 0) {
      explain.push(
        el(
          "p",
          {},
          el("strong", {}, "What a referendum means. "),
          "Everyone on the electoral register would vote on the rise. If most voted no, the council would have to set a lower rise, and pay for the vote.",
        ),
      );
    }
    return [
      el(
        "div",
        { class: "warning-panel" },
        el("h3", { class: "heading-s" }, s.warnings.length === 1 ? "Warning" : "Warnings"),
        el("ul", { class: "warnings" }, ...s.warnings.map((w) => el("li", {}, w))),
        ...explain,
      ),
    ];
  }

  /** The compact bar at the foot of the screen, for when the headline is out of sight. */
  function ticker(p) {
    const last = p.years[p.years.length - 1];
    const s = p.summary;
    const reserves =
      ctx.usesReserves && s.first_unfunded_year ? `Reserves run out ${s.first_unfunded_year}` : `Reserves ${moneyWords(last.total_reserves)}`;
    setText($("ticker"), `${finalYear}: gap ${gapWords(last.total_gap)} · ${reserves} · Band D ${money(last.band_d)}`);
    $("ticker").classList.toggle("ticker--alert", Boolean(s.first_unfunded_year) || last.below_minimum);
  }

  function choices() {
    $("choices-list").replaceChildren(
      ...levers.describe().map(([text, changed]) => el("li", {}, text, changed ? el("strong", {}, " (changed from the plan)") : "")),
    );
  }

  let lastWarnings = null;
  /** What a person sees change at once: the sentence, the headline figures, the warnings. */
  function renderNow(p, { usesReserves } = {}) {
    current = p;
    ctx.usesReserves = usesReserves ?? true;
    headline(p);
    setText($("sentence"), sentence(p));
    $("sentence").classList.toggle("sentence--alert", Boolean(p.summary.first_unfunded_year || p.summary.first_below_minimum_year));
    const key = JSON.stringify([p.summary.warnings, ctx.usesReserves]);
    if (key !== lastWarnings) {
      lastWarnings = key;
      $("warnings").replaceChildren(...warnings(p));
    }
    ticker(p);
  }

  // The charts and tables, in four parts. A part in sight (or nearly) is drawn just after
  // the frame that answers an input, so that frame carries only the headline; a part out
  // of sight is drawn when the browser is idle, within half a second, or at once when it
  // comes into sight, is printed, or `settled()` is awaited. Drawing every part after
  // every input slowed the next frames on a 2-core machine (see README, "Speed").
  const parts = [
    {
      box: $("gap-chart"),
      draw: (p) => {
        gapChartBox.replaceChildren(gapChart(p, chartWidth));
        gapTable.update(p, ctx);
      },
    },
    {
      box: $("reserves-chart"),
      draw: (p) => {
        reservesChartBox.replaceChildren(reservesChart(p, chartWidth));
        reservesTable.update(p, ctx);
      },
    },
    {
      box: $("tax-heading").parentElement,
      draw: (p) => {
        taxTable.update(p, ctx);
        bandsTable.update(p, ctx);
        sinceBase.forEach((td, i) => setText(td, money(p.summary.weekly_change_since_base[BANDS[i]])));
      },
    },
    { box: $("budget"), draw: (p) => budgetTable.update(p, ctx) },
  ].map((part) => ({ ...part, inSight: false, stale: true }));

  function drawPart(part) {
    if (chartWidth === 0) return; // not laid out yet: the resize observer draws everything
    part.draw(current);
    part.stale = false;
  }

  const sight = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const part = parts.find((x) => x.box === entry.target);
        part.inSight = entry.isIntersecting;
        if (part.inSight && part.stale) drawPart(part);
      }
    },
    { rootMargin: "300px 0px" },
  );
  for (const part of parts) sight.observe(part.box);

  // Safari has no requestIdleCallback: a short timer stands in for it there.
  const requestIdleCallback =
    globalThis.requestIdleCallback ?? ((callback) => setTimeout(() => callback({ didTimeout: true, timeRemaining: () => 0 }), 100));
  let idle = 0;
  function drawStale(deadline) {
    idle = 0;
    for (const part of parts) {
      if (part.stale && (deadline.didTimeout || deadline.timeRemaining() > 3)) drawPart(part);
    }
    if (parts.some((x) => x.stale)) idle = requestIdleCallback(drawStale, { timeout: 500 });
  }

  const restTimes = [];
  /** Draws the parts in sight now, and the rest when the browser is idle. */
  function renderRest() {
    const start = performance.now();
    for (const part of parts) part.stale = true;
    for (const part of parts) if (part.inSight) drawPart(part);
    if (!idle && parts.some((x) => x.stale)) idle = requestIdleCallback(drawStale, { timeout: 500 });
    restTimes.push(performance.now() - start);
    if (restTimes.length > 2000) restTimes.splice(0, 1000);
  }

  /** Draws every part that is out of date. */
  function flush() {
    for (const part of parts) if (part.stale) drawPart(part);
  }

  function drawCharts() {
    for (const part of parts.slice(0, 2)) drawPart(part);
  }

  // On input, the parts in sight are drawn just after the next frame, so the frame that
  // answers a key press carries only the headline and is not slowed by them (measured:
  // drawing them a frame later still, in the next frame's rAF, was slower); several inputs
  // within a frame draw them once.
  let later = null;
  function renderSoon(p, options) {
    renderNow(p, options);
    if (later) return;
    later = new Promise((resolve) =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          later = null;
          renderRest();
          resolve();
        }),
      ),
    );
  }

  function render(p, options) {
    renderNow(p, options);
    renderRest();
  }
  addEventListener("beforeprint", flush);
  /** Stops drawing (another council's data replaces this one). */
  function stop() {
    resize.disconnect();
    sight.disconnect();
    removeEventListener("beforeprint", flush);
    chartWidth = 0;
  }

  bandSelect.addEventListener("change", () => {
    ctx.band = bandSelect.value;
    render(current, { usesReserves: ctx.usesReserves });
  });

  return {
    render,
    renderSoon,
    /** Resolves when every chart and table shows the latest input. */
    settled: async () => {
      await later;
      flush();
    },
    restTimes,
    stop,
    /** Text for the live region: the sentence and the headline figures. */
    announcement(p) {
      const last = p.years[p.years.length - 1];
      return `${sentence(p)} In ${finalYear}: gap to fill ${gapWords(last.total_gap)}; ${
        ctx.usesReserves && p.summary.first_unfunded_year
          ? `reserves run out in ${p.summary.first_unfunded_year}`
          : `reserves ${moneyWords(last.total_reserves)}`
      }; Band D ${money(last.band_d)}.`;
    },
    choices,
  };
}
