// "How likely is the plan to hold?": risk (a seeded Monte Carlo of savings delivery,
// inflation and demand), goal seek (what would keep every year safe, as suggestions to
// apply with one click) and what drives the gap (a waterfall per year, and how far the
// final year's reserves move across each choice's plausible range).
//
// Loaded by app.js when the <section id="risk"> comes near the screen. The insight engine
// (pkg/mtfs_insight.js) runs in a module worker (insight-worker.js), so the simulation
// never holds up the page; this module only draws what the engine answers. It reads the
// page through session.js and changes choices only through its state.apply().
import { chartRoot, gridLines, scale, tickLabel } from "./charts.js";
import { el, setText, svg } from "./dom.js";
import { isPositive, isZero, millions, moneyMillions, pixels, shiftPoint } from "./format.js";
import { yearCode } from "./levers.js";
import { subscribe } from "./session.js";

/** Simulated futures per run, and the seed that makes the same choices give the same figures. */
const PATHS = 10000;
const SEED = 42;
/** How long the choices must rest before the engine is asked again. */
const DEBOUNCE_MS = 250;
const MILLION = 1e6;

const count = new Intl.NumberFormat("en-GB");

/** Moves a decimal string's point `places` to the right, exactly: ("0.85", 2) → "85". */
function shiftRight(text, places) {
  const [whole, part = ""] = text.split(".");
  const digits = `${whole}${part.padEnd(places, "0").slice(0, places)}`.replace(/^(-?)0+(?=\d)/, "$1");
  const rest = part.slice(places).replace(/0+$/, "");
  return rest ? `${digits}.${rest}` : digits;
}

/** Pounds as £ million for a choice's box, without trailing zeros: "40351000" → "40.351". */
const poundsToMillions = (text) => shiftPoint(text, 6).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");

/** "+£30.1m" for a rise, "-£80.0m" for a fall, as the waterfall's bars are read. */
function signed(text) {
  const m = moneyMillions(text);
  return isPositive(text) && m !== "£0.0m" ? `+${m}` : m;
}

/** How many simulated futures, as honestly rounded words: "In about 5 of 10 simulated futures". */
export function chanceWords(paths, total) {
  const all = count.format(total);
  if (paths === 0) return { none: true, words: `In none of the ${all} simulated futures` };
  if (paths === total) return { words: `In every one of the ${all} simulated futures` };
  const tenths = Math.round((paths * 10) / total);
  let words;
  if (paths * 100 < total) words = "In fewer than 1 in 100 simulated futures";
  else if (tenths === 0) words = "In fewer than 1 in 10 simulated futures";
  else if (paths * 100 > total * 99) words = "In more than 99 in 100 simulated futures";
  else if (tenths === 10) words = "In more than 9 in 10 simulated futures";
  else words = `In ${paths * 10 === tenths * total ? "" : "about "}${tenths} of 10 simulated futures`;
  return { words: `${words} (${count.format(paths)} of ${all})` };
}

/** The headline about the simulation: reserves below the minimum, and budgets that cannot balance. */
export function riskSentences(simulation, usesReserves) {
  const last = simulation.years[simulation.years.length - 1];
  const below = chanceWords(last.below_minimum_by.paths, simulation.paths);
  const unbalanced = chanceWords(last.unbalanced_by.paths, simulation.paths);
  const year = last.year;
  return [
    below.none
      ? `${below.words} do the council's reserves fall below the safe minimum, in any year up to ${year}.`
      : `${below.words} the council's reserves fall below the safe minimum by ${year}.`,
    unbalanced.none
      ? `${unbalanced.words} is any of the budget left with nothing to pay for it, up to ${year}.`
      : `${unbalanced.words} the budget cannot be balanced${usesReserves ? ", even using the reserves set aside to fill a gap," : ""} by ${year}.`,
  ];
}

const RATING_ORDER = ["blue", "green", "amber", "red"];
const figureText = (f) => (f && typeof f === "object" ? String(f.value) : f === undefined ? "" : String(f));
const list = (items) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/** What the simulation varies, in words, from the data set's risk section. */
function drivesNote(data) {
  const risk = data.risk;
  if (!risk) return [];
  const items = [];
  for (const programme of data.programmes ?? []) {
    const rated = RATING_ORDER.filter((r) => programme.lines.some((line) => line.rag?.[r] && !isZero(figureText(line.rag[r]))));
    const unrated = risk.unrated?.[programme.id]?.rating;
    if (rated.length > 0) {
      items.push(`${programme.name}: the council's papers rate the savings still to come ${list(rated)}${unrated ? `, and any not rated are taken as ${unrated}` : ""}.`);
    } else if (unrated) {
      items.push(`${programme.name}: no rating is published, so its savings are taken as ${unrated} as a whole.`);
    }
  }
  const slip = figureText(risk.slip_years);
  const odds = RATING_ORDER.filter((r) => risk.ratings?.[r] && figureText(risk.ratings[r].delivery_pct) !== "100")
    .reverse()
    .map((r) => `${r}, ${figureText(risk.ratings[r].delivery_pct)}% delivered and a ${figureText(risk.ratings[r].slip_pct)}% chance of running late`);
  const ranges = [];
  if (risk.inflation_adjust_pp) {
    ranges.push(`inflation from ${figureText(risk.inflation_adjust_pp.low)} to ${figureText(risk.inflation_adjust_pp.high)} points a year either side of the plan's`);
  }
  for (const [group, range] of Object.entries(risk.growth_factor ?? {})) {
    ranges.push(`${group.replace(/_/g, " ")} demand growing by ${shiftRight(figureText(range.low), 2)}% to ${shiftRight(figureText(range.high), 2)}% of the plan's growth`);
  }
  return [
    "Each simulated future differs in how much of each savings programme is delivered, and when. The council rates savings blue (secured), green (on track), amber or red (at serious risk):",
    items,
    `${odds.length ? `Each saving is assumed delivered as its rating suggests (${odds.join("; ")}), a programme that runs late arriving ${slip === "1" ? "a year" : `${slip} years`} later. ` : ""}${
      ranges.length ? `Costs vary too: ${list(ranges)}.` : ""
    } The data file gives the reason for each of these figures.`,
  ];
}

/** A table with a caption, in a scrollable region a keyboard can reach. */
function table(id, caption, head, rows) {
  const t = el(
    "table",
    { class: "table", id },
    el("caption", { id: `${id}-caption` }, caption),
    el("thead", {}, el("tr", {}, ...head.map((h, i) => el("th", { scope: "col", class: i === 0 || h === "Range" ? undefined : "num" }, h)))),
    el(
      "tbody",
      {},
      ...rows.map(({ cells, cls, pounds }) =>
        el(
          "tr",
          { class: cls },
          el("th", { scope: "row" }, cells[0]),
          ...cells.slice(1).map((c, i) => el("td", { class: head[i + 1] === "Range" ? undefined : "num", "data-pounds": pounds?.[i] }, c)),
        ),
      ),
    ),
  );
  return el("div", { class: "table-wrap", role: "region", "aria-labelledby": `${id}-caption`, tabindex: "0" }, t);
}

function legend(items) {
  return el(
    "ul",
    { class: "legend" },
    ...items.map(([cls, text]) => el("li", { class: "legend__item" }, el("span", { class: `legend__swatch ${cls}`, "aria-hidden": "true" }), text)),
  );
}

const m = (text) => pixels(text) / MILLION;

/** The fan chart: total reserves across the simulated futures, the choices' own line and the minimum. */
function fanChart(simulation, width) {
  const years = simulation.years;
  const height = 280;
  const plot = { left: 56, right: width - 12, top: 16, bottom: height - 34 };
  const values = years.flatMap((y) => [m(y.total_reserves.p5), m(y.total_reserves.p95), m(y.scenario.total_reserves), m(y.scenario.reserves_minimum)]);
  const { at: yAt, ticks } = scale(values, plot.bottom, plot.top);
  const slot = (plot.right - plot.left) / years.length;
  const x = (i) => plot.left + slot * i + slot / 2;
  const line = (pick) => years.map((y, i) => `${x(i).toFixed(1)},${yAt(m(pick(y))).toFixed(1)}`).join(" ");
  const band = (lo, hi) =>
    [...years.map((y, i) => `${x(i).toFixed(1)},${yAt(m(hi(y))).toFixed(1)}`), ...years.map((y, i) => `${x(i).toFixed(1)},${yAt(m(lo(y))).toFixed(1)}`).reverse()].join(" ");
  const root = chartRoot(
    width,
    height,
    "fan",
    `Fan chart of total reserves at the end of each year in ${count.format(simulation.paths)} simulated futures. Middle future: ${years
      .map((y) => `${y.year} ${moneyMillions(y.total_reserves.p50)}`)
      .join(", ")}. The table after the chart gives the figures.`,
  );
  root.classList.toggle("chart--narrow", slot < 80);
  root.append(gridLines(plot, yAt, ticks));
  years.forEach((y, i) => root.append(svg("text", { x: x(i), y: plot.bottom + 22, class: "chart__year", "text-anchor": "middle" }, y.year)));
  root.append(
    svg("polygon", { points: band((y) => y.total_reserves.p5, (y) => y.total_reserves.p95), class: "fan__outer" }),
    svg("polygon", { points: band((y) => y.total_reserves.p25, (y) => y.total_reserves.p75), class: "fan__inner" }),
    svg("polyline", { points: line((y) => y.scenario.reserves_minimum), class: "chart__minimum-halo fan__line" }),
    svg("polyline", { points: line((y) => y.scenario.reserves_minimum), class: "chart__minimum fan__line" }),
    svg("polyline", { points: line((y) => y.total_reserves.p50), class: "fan__median fan__line" }),
    svg("polyline", { points: line((y) => y.scenario.total_reserves), class: "fan__scenario fan__line" }),
    ...years.map((y, i) => svg("circle", { cx: x(i), cy: yAt(m(y.scenario.total_reserves)), r: 5, class: "fan__point" })),
  );
  return el(
    "figure",
    { class: "figure-chart" },
    el("figcaption", { class: "figure-chart__caption" }, "Total reserves at the end of each year in the simulated futures, £ million"),
    root,
    legend([
      ["legend__swatch--outer", "9 in 10 futures fall in the light band"],
      ["legend__swatch--inner", "The middle half fall in the dark band"],
      ["legend__swatch--median", "The middle future"],
      ["legend__swatch--scenario", "Your choices, every saving delivered as planned"],
      ["legend__swatch--minimum", "Safe minimum"],
    ]),
  );
}

/**
 * Horizontal bars, one row each with its words above: a waterfall (bars from `from` to
 * `to`) or a range. `rows`: { label, value, from, to, cls, mark? } in £m; `line`: a
 * dashed vertical line (the safe minimum) in £m, or null.
 */
function rowChart(id, title, rows, width, line) {
  // Narrow (a phone, or zoomed in): the figure goes on a line of its own under the words.
  const narrow = width < 520;
  const rowHeight = narrow ? 70 : 52;
  const barTop = narrow ? 42 : 24;
  const height = rows.length * rowHeight + 26;
  const plot = { left: 8, right: width - 8 };
  const values = rows.flatMap((r) => [r.from, r.to, ...(r.mark === undefined ? [] : [r.mark])]).concat(line ?? []);
  const { at, ticks } = scale(values, plot.left, plot.right, width < 420 ? 3 : 5);
  const root = chartRoot(width, height, id, title);
  const axis = rows.length * rowHeight;
  for (const t of ticks) {
    root.append(
      svg("line", { x1: at(t), x2: at(t), y1: 0, y2: axis, class: t === 0 ? "chart__zero" : "chart__gridline" }),
      svg("text", { x: at(t), y: axis + 18, class: "chart__tick", "text-anchor": t === ticks[0] ? "start" : t === ticks[ticks.length - 1] ? "end" : "middle" }, tickLabel(t)),
    );
  }
  rows.forEach((r, i) => {
    const top = i * rowHeight;
    const x0 = at(Math.min(r.from, r.to));
    const x1 = at(Math.max(r.from, r.to));
    const value = svg("tspan", { class: "chart__label-value" }, r.value);
    if (narrow) {
      value.setAttribute("x", plot.left);
      value.setAttribute("dy", "18");
    }
    root.append(
      svg("text", { x: plot.left, y: top + 16, class: "chart__label" }, `${r.label}: `, value),
      svg("rect", { x: x0, y: top + barTop, width: Math.max(2, x1 - x0), height: 20, class: `bar ${r.cls}` }),
    );
    if (r.mark !== undefined) root.append(svg("line", { x1: at(r.mark), x2: at(r.mark), y1: top + barTop - 4, y2: top + barTop + 24, class: "rows__mark" }));
  });
  if (line !== null && line !== undefined) {
    root.append(svg("line", { x1: at(line), x2: at(line), y1: 0, y2: axis, class: "chart__minimum" }));
  }
  return root;
}

/** What each waterfall bar is, in words. */
const BAR_WORDS = {
  inflation: "Inflation on pay and prices",
  demand_growth: "More demand for services",
  other_spending: "Other spending changes",
  savings_removed: "Savings taken out of budgets",
  options_chosen: "The options chosen",
  council_tax: "More council tax",
  other_funding: "Government and other funding",
  savings_shortfall: "Savings running late (below zero: early)",
  reserves_used: "Reserves used",
  surplus_not_used: "Surplus not put in reserves",
};

/** A choice's plausible range, in words: "0% to 1.99%". */
function rangeWords(lever) {
  const [lo, hi] = [lever.low.value, lever.high.value];
  const kind = lever.lever.split(".")[0];
  if (kind === "core_pct") return `${lo}% to ${hi}% a year (the referendum limit)`;
  if (kind === "inflation_adjust_pp") return `${lo} to ${hi} points a year`;
  if (kind === "growth_factor") return `${shiftRight(lo, 2)}% to ${shiftRight(hi, 2)}% of the plan's growth`;
  if (kind === "delivery_pct") return `${lo}% to ${hi}% delivered`;
  if (kind === "delay_years") return `${lo} to ${hi} ${hi === "1" ? "year" : "years"} late`;
  return `${lo} to ${hi}`;
}

export function start() {
  const section = document.getElementById("risk");
  if (!section || section.dataset.started) return;
  section.dataset.started = "1";
  document.head.append(el("link", { rel: "stylesheet", href: new URL("insight.css", import.meta.url).href }));

  // The parts, built once; their contents are replaced as answers arrive.
  const status = el("p", { class: "insight__status", id: "risk-status", role: "status" });
  const sentence = el("p", { class: "sentence insight__sentence", id: "risk-sentence" });
  const note = el("div", { class: "insight__note", id: "risk-note" });
  const fanBox = el("div", { class: "chart-box", id: "fan-chart" });
  const riskTable = el("div", { id: "risk-table-box" });
  const method = el("p", { class: "hint", id: "risk-method" });
  const riskPart = el("div", { class: "insight__part", id: "risk-part", "aria-busy": "true" }, sentence, note, fanBox, riskTable, method);
  const goal = el("div", { class: "insight__part", id: "goal" });
  const applied = el("div", { class: "insight__applied", id: "goal-applied", tabindex: "-1", hidden: "" });
  const yearPicker = el("select", { class: "select", id: "waterfall-year" });
  const waterfallBox = el("div", { class: "chart-box", id: "waterfall-chart" });
  const waterfallTable = el("div", { id: "waterfall-table-box" });
  const sensitivityBox = el("div", { class: "chart-box", id: "sensitivity-chart" });
  const sensitivityTable = el("div", { id: "sensitivity-table-box" });
  section.append(
    status,
    el("h3", { class: "heading-s insight__heading" }, "The chance reserves fall too low"),
    riskPart,
    el("h3", { class: "heading-s insight__heading", id: "goal-heading", tabindex: "-1" }, "What would keep the budget safe"),
    el(
      "p",
      {},
      "Safe means every year's budget balances and reserves stay at or above the safe minimum, with every saving delivered as planned. Each suggestion changes your choices, which you can then adjust, undo, or share.",
    ),
    applied,
    goal,
    el("h3", { class: "heading-s insight__heading" }, "What drives the gap"),
    el("p", {}, "How the year's gap grew or shrank from the year before: each bar raises it (to the right) or lowers it (to the left), then what reserves covered."),
    el("div", { class: "band-picker" }, el("label", { class: "band-picker__label", for: "waterfall-year" }, "Year"), yearPicker),
    waterfallBox,
    waterfallTable,
    el("h3", { class: "heading-s insight__heading" }, "Which changes matter most"),
    el(
      "p",
      { id: "sensitivity-intro" },
      "How far reserves at the end of the plan would move if each choice went from one end of its plausible range to the other, everything else as you set it. Largest first. Once reserves run out they cannot fall further, so the table also gives what would be left unfunded.",
    ),
    sensitivityBox,
    sensitivityTable,
  );

  let state = null;
  let width = 0;
  let quick = null; // { goal, drivers } for the latest choices
  let simulation = null;
  let failed = null;

  // Jobs: one per settled set of choices; answers to older jobs are dropped.
  let jobId = 0;
  let outstanding = 0; // the job id whose simulation is awaited, or 0
  let timer = 0;
  let sentData = null;
  let lastKey = null;
  let job = null; // { posted, frames, longestGap } for the latest job
  let stale = false; // the choices changed since the last job was sent
  let visible = false;

  // For the tests and measurements: each run's times, and settled() once the latest answer is shown.
  const runs = [];
  let waiters = [];
  const idle = () => !timer && !outstanding && !stale;
  const wake = () => {
    if (!idle()) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };
  globalThis.mtfsInsight = { runs, dropped: 0, settled: () => (idle() ? Promise.resolve() : new Promise((r) => waiters.push(r))) };

  const working = (on) => {
    riskPart.setAttribute("aria-busy", String(on));
    riskPart.classList.toggle("insight__part--working", on);
    // Said only where the person is: not on every move of a control elsewhere on the page.
    setText(status, on && visible ? "Working out the chances for these choices…" : "");
  };

  function fail(message) {
    failed = message;
    clearTimeout(timer);
    timer = 0;
    outstanding = 0;
    stale = false;
    working(false);
    riskPart.setAttribute("aria-busy", "false");
    riskPart.replaceChildren(el("p", { class: "error-text", id: "risk-error" }, message));
    wake();
  }

  const cannotStart =
    "The risk figures could not be worked out: this browser would not start the part of the calculator that does it. The rest of the page still works. Try reloading, or an up-to-date version of Firefox, Chrome, Edge or Safari.";
  /** The worker, started now and again after its engine fails (a trap: see onAnswer). */
  function startWorker() {
    let started;
    try {
      started = new Worker(new URL("insight-worker.js", import.meta.url), { type: "module" });
    } catch {
      return null;
    }
    started.addEventListener("error", (event) => {
      event.preventDefault();
      fail(cannotStart);
    });
    started.addEventListener("message", onAnswer);
    return started;
  }
  let worker = startWorker();
  if (!worker) {
    fail(cannotStart);
    return;
  }

  function schedule(next) {
    state = next;
    if (failed) return;
    const key = `${next.fragment}|${next.usesReserves}`;
    if (next.data === sentData && key === lastKey) return;
    lastKey = key;
    stale = true;
    working(true);
    clearTimeout(timer);
    timer = 0;
    // Out of sight, the work waits until the section is near the screen again.
    if (visible) timer = setTimeout(send, sentData === null ? 0 : DEBOUNCE_MS);
  }
  new IntersectionObserver(
    ([entry]) => {
      visible = entry.isIntersecting;
      if (visible && stale && !timer && !failed) {
        working(true);
        timer = setTimeout(send, 0);
      }
    },
    { rootMargin: "200px" },
  ).observe(section);
  function send() {
    timer = 0;
    stale = false;
    const id = ++jobId;
    const message = { id, scenario: state.scenario, paths: PATHS, seed: SEED };
    if (state.data !== sentData || !worker) {
      // A new worker (after a failure) needs the data set too.
      message.data = state.data;
      sentData = state.data;
    }
    outstanding = id;
    job = { id, posted: performance.now(), frames: 0, longestGap: 0 };
    watchFrames(job);
    worker ??= startWorker();
    if (!worker) return fail(cannotStart);
    worker.postMessage(message);
  }
  /** Counts the page's frames while the worker works: the page keeps drawing meanwhile. */
  function watchFrames(watched) {
    let last = performance.now();
    const frame = (now) => {
      if (job !== watched || outstanding !== watched.id) return;
      watched.frames += 1;
      watched.longestGap = Math.max(watched.longestGap, now - last);
      last = now;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  function onAnswer({ data: answer }) {
    if (failed) return;
    if (answer.trap) {
      // The worker's engine failed and cannot be trusted again: a new worker takes the next request.
      worker.terminate();
      worker = null;
    }
    if (answer.id === outstanding && answer.kind !== "quick") outstanding = 0;
    if (answer.id !== jobId || timer || stale) {
      globalThis.mtfsInsight.dropped += 1;
      wake();
      return;
    }
    if (answer.kind === "quick") {
      quick = { goal: answer.goal, drivers: answer.drivers };
      drawGoal();
      drawDrivers();
      return;
    }
    working(false);
    if (answer.kind === "risk") {
      const rerun = simulation !== null;
      simulation = answer.simulation;
      drawRisk();
      // After "Working out…", a screen reader hears the new chance (not on the first
      // answer, which arrives as the person scrolls to the section and reads it).
      if (rerun && visible) {
        const [below] = riskSentences(simulation, state.usesReserves);
        status.replaceChildren(el("span", { class: "visually-hidden" }, `Worked out: ${below}`));
      }
      runs.push({ id: answer.id, workerMs: answer.ms, shownMs: performance.now() - job.posted, frames: job.frames, longestFrameGapMs: job.longestGap });
    } else {
      // A data set without a risk section, say: the goal seek and drivers may still stand.
      simulation = null;
      const text = answer.trap
        ? "The calculator could not work these figures out: it hit a problem it could not recover from on its own. It will start again when you next change a choice."
        : `The calculator could not work these figures out: ${answer.message}`;
      riskPart.replaceChildren(el("p", { class: "error-text", id: "risk-error" }, text));
      if (answer.stage === "quick") {
        quick = null;
        goal.replaceChildren(el("p", { class: "error-text" }, text));
        waterfallBox.replaceChildren();
        waterfallTable.replaceChildren();
        sensitivityBox.replaceChildren();
        sensitivityTable.replaceChildren();
      }
    }
    wake();
  }

  // Charts are drawn at the width the section has.
  new ResizeObserver(([entry]) => {
    const w = Math.max(260, Math.floor(entry.contentRect.width));
    if (w === width) return;
    width = w;
    if (simulation) drawRisk();
    if (quick) drawDrivers();
  }).observe(section);

  function drawRisk() {
    const sim = simulation;
    const years = sim.years;
    if (!riskPart.contains(sentence)) riskPart.replaceChildren(sentence, note, fanBox, riskTable, method);
    const [below, unbalanced] = riskSentences(sim, state.usesReserves);
    const last = years[years.length - 1];
    sentence.replaceChildren(el("strong", {}, below), " ", unbalanced);
    const [intro, items, odds] = drivesNote(state.data);
    note.replaceChildren(
      el(
        "p",
        {},
        "This does not mean the council would run out of money: it would have to find more savings or income, or spend less, to stay safe. It shows how much the plan depends on savings that are not yet secured, and on costs.",
      ),
      ...(last.unbalanced_by.paths > last.below_minimum_by.paths
        ? [
            el(
              "p",
              {},
              "A budget can fail to balance while total reserves are still above the minimum: part of the reserves is set aside for other purposes and cannot be spent on a gap.",
            ),
          ]
        : []),
      ...(intro ? [el("p", {}, intro), el("ul", {}, ...items.map((i) => el("li", {}, i))), el("p", {}, odds)] : []),
    );
    fanBox.replaceChildren(fanChart(sim, width || 600));
    const pcts = (pick) => years.map((y) => `${pick(y).pct}%`);
    riskTable.replaceChildren(
      table("risk-table", "Total reserves at the end of each year in the simulated futures, £ million", ["", ...years.map((y) => y.year)], [
        { cells: ["1 in 20 futures are lower than", ...years.map((y) => millions(y.total_reserves.p5))] },
        { cells: ["1 in 4 futures are lower than", ...years.map((y) => millions(y.total_reserves.p25))] },
        { cells: ["The middle future", ...years.map((y) => millions(y.total_reserves.p50))], cls: "total" },
        { cells: ["1 in 4 futures are higher than", ...years.map((y) => millions(y.total_reserves.p75))] },
        { cells: ["1 in 20 futures are higher than", ...years.map((y) => millions(y.total_reserves.p95))] },
        { cells: ["Your choices, every saving delivered as planned", ...years.map((y) => millions(y.scenario.total_reserves))] },
        { cells: ["Safe minimum", ...years.map((y) => millions(y.scenario.reserves_minimum))] },
        { cells: ["Chance reserves are below the minimum by this year", ...pcts((y) => y.below_minimum_by)] },
        { cells: ["Chance the budget cannot be balanced by this year", ...pcts((y) => y.unbalanced_by)] },
      ]),
    );
    setText(
      method,
      `Worked out from ${count.format(sim.paths)} simulated futures. Each starts from the same seed (${sim.seed}), so the same choices always give the same figures. "1 in 20 futures are lower than" means 5% of the futures end the year with less in reserves than that.`,
    );
  }

  // Goal seek: suggestions applied through the page's own choices.
  let undo = null;
  /** The page's apply; when the engine fails (the page says so, and restarts it), why. */
  const apply = (change) => {
    try {
      return state.apply(change);
    } catch (error) {
      if (error.name !== "EngineFailure") throw error;
      return error.message;
    }
  };
  function use(values, said, what) {
    const before = state.fragment;
    const problem = apply({ values, keepOthers: true, said });
    if (problem) {
      applied.hidden = false;
      applied.replaceChildren(el("p", { class: "error-text" }, `The suggestion could not be used: ${problem}`));
      applied.focus();
      return;
    }
    undo = before;
    const undoButton = el("button", { type: "button", class: "button button--secondary", id: "goal-undo" }, "Undo");
    undoButton.addEventListener("click", () => {
      const failed = apply(undo || "#");
      if (failed) {
        applied.replaceChildren(el("p", { class: "error-text" }, `The suggestion could not be undone: ${failed}`));
        return;
      }
      applied.hidden = true;
      applied.replaceChildren();
      document.getElementById("goal-heading")?.focus();
    });
    applied.hidden = false;
    applied.replaceChildren(el("p", {}, `Your choices now use ${what}. The figures above and below show the result.`), undoButton);
    applied.focus();
  }

  function drawGoal() {
    const g = quick.goal;
    const parts = [];
    parts.push(
      el(
        "p",
        { class: "insight__verdict", id: "goal-verdict" },
        g.already_safe
          ? "Your choices already keep every year's budget balanced and reserves at or above the safe minimum, if every saving is delivered as planned. No change is needed."
          : `With your choices, ${g.first_unsafe_year} is the first year the budget cannot be balanced or reserves fall below the safe minimum.`,
      ),
    );
    const tax = g.council_tax;
    const taxBlock = el("div", { class: "suggestion", id: "goal-tax" }, el("h4", { class: "suggestion__title" }, "Council tax"), el("p", { id: "goal-tax-text" }, tax.message));
    if (tax.change?.core_pct) {
      const values = new Map(Object.entries(tax.change.core_pct).map(([year, v]) => [`c${yearCode(year)}`, v]));
      const button = el("button", { type: "button", class: "button", id: "goal-tax-use", "aria-describedby": "goal-tax-text" }, "Use this council tax rise");
      button.addEventListener("click", () => use(values, "Showing the suggested council tax rise. ", "the suggested council tax rise"));
      taxBlock.append(button);
    }
    parts.push(taxBlock);
    if (!g.already_safe) {
      const savings = el("div", { class: "suggestion", id: "goal-savings" }, el("h4", { class: "suggestion__title" }, "Extra savings"));
      const items = el("ul", { class: "suggestion__list" });
      g.savings.forEach((s, i) => {
        const text = el("p", { id: `goal-saving-${i}-text` }, s.message);
        const item = el("li", {}, text);
        if (s.change?.extra_savings) {
          const values = new Map(Object.entries(s.change.extra_savings).map(([year, v]) => [`x${yearCode(year)}`, poundsToMillions(v)]));
          const button = el(
            "button",
            { type: "button", class: "button button--secondary", id: `goal-saving-${i}-use`, "aria-describedby": `goal-saving-${i}-text` },
            `Use savings from ${s.from_year}`,
          );
          button.addEventListener("click", () => use(values, `Showing the suggested extra savings from ${s.from_year}. `, `extra savings of ${moneyMillions(s.amount)} a year from ${s.from_year}`));
          item.append(button);
        }
        items.append(item);
      });
      savings.append(el("p", {}, "Or extra savings every year from a given year, on top of the plan:"), items);
      parts.push(savings);
    }
    goal.replaceChildren(...parts);
  }

  // What drives the gap: a waterfall for the chosen year, and the sensitivity of the final year.
  let pickedYear = null;
  yearPicker.addEventListener("change", () => {
    pickedYear = yearPicker.value;
    drawWaterfall();
  });
  function drawDrivers() {
    const years = quick.drivers.waterfalls.map((w) => w.year);
    if (yearPicker.options.length !== years.length || [...yearPicker.options].some((o, i) => o.value !== years[i])) {
      yearPicker.replaceChildren(...years.map((y) => el("option", { value: y }, y)));
    }
    if (!years.includes(pickedYear)) pickedYear = years[0];
    yearPicker.value = pickedYear;
    drawWaterfall();
    drawSensitivity();
  }

  function drawWaterfall() {
    const w = quick.drivers.waterfalls.find((x) => x.year === pickedYear);
    const rows = [];
    let at = m(w.previous_gap);
    const total = (label, amount) => rows.push({ label, value: moneyMillions(amount), from: 0, to: m(amount), cls: "rows__total", pounds: amount, total: true });
    const step = ({ id, amount }) => {
      const to = at + m(amount);
      rows.push({ label: BAR_WORDS[id] ?? id, value: signed(amount), from: at, to, cls: isPositive(amount) ? "rows__up" : "rows__down", pounds: amount });
      at = to;
    };
    total("Last year's gap still to fill", w.previous_gap);
    w.to_gap.forEach(step);
    total(`The gap in ${w.year}`, w.gap);
    at = m(w.gap);
    w.to_unfunded.forEach(step);
    total("Left with nothing to pay for it", w.unfunded);
    waterfallBox.replaceChildren(
      el(
        "figure",
        { class: "figure-chart" },
        el("figcaption", { class: "figure-chart__caption" }, `From last year's gap to ${w.year}'s, £ million`),
        rowChart(
          "waterfall",
          `Waterfall chart for ${w.year}: ${rows.map((r) => `${r.label} ${r.value}`).join(", ")}. The table after the chart gives the figures.`,
          rows,
          width || 600,
          null,
        ),
        legend([
          ["legend__swatch--up", "Raises the gap"],
          ["legend__swatch--down", "Lowers the gap"],
          ["legend__swatch--total", "A total"],
        ]),
      ),
    );
    waterfallTable.replaceChildren(
      table(
        "waterfall-table",
        `What drove the gap in ${w.year}, £ million`,
        ["", "£ million"],
        rows.map((r) => ({ cells: [r.label, r.total ? millions(r.pounds) : signed(r.pounds).replace(/£|m$/g, "")], cls: r.total ? "total" : undefined, pounds: [r.pounds] })),
      ),
      el("p", { class: "hint" }, "Figures may not add up exactly because each is rounded on its own."),
    );
  }

  function drawSensitivity() {
    const s = quick.drivers.sensitivity;
    const minimum = state.projection.years.find((y) => y.year === s.year)?.reserves_minimum;
    const rows = s.levers.map((l) => {
      const lo = m(l.low.total_reserves);
      const hi = m(l.high.total_reserves);
      return { label: l.label, value: `swing ${moneyMillions(l.swing)}`, from: lo, to: hi, mark: m(s.total_reserves), cls: "rows__range" };
    });
    sensitivityBox.replaceChildren(
      el(
        "figure",
        { class: "figure-chart" },
        el("figcaption", { class: "figure-chart__caption" }, `Reserves at the end of ${s.year} across each choice's range, £ million`),
        rowChart(
          "sensitivity",
          `Chart of how far reserves at the end of ${s.year} move across each choice's range, now ${moneyMillions(s.total_reserves)}: ${s.levers
            .map((l) => `${l.label} ${moneyMillions(l.swing)}`)
            .join(", ")}. The table after the chart gives the figures.`,
          rows,
          width || 600,
          minimum === undefined ? null : m(minimum),
        ),
        legend([
          ["legend__swatch--range", "Reserves from one end of the range to the other"],
          ["legend__swatch--mark", `Your choices: ${moneyMillions(s.total_reserves)}`],
          ...(minimum === undefined ? [] : [["legend__swatch--minimum", `Safe minimum: ${moneyMillions(minimum)}`]]),
        ]),
      ),
    );
    sensitivityTable.replaceChildren(
      table(
        "sensitivity-table",
        `Reserves at the end of ${s.year} at each end of each choice's range, £ million`,
        ["Choice", "Range", "Reserves at the low end", "At the high end", "Swing", "Left unfunded over all years, low end", "High end"],
        s.levers.map((l) => ({
          cells: [
            l.label,
            rangeWords(l),
            millions(l.low.total_reserves),
            millions(l.high.total_reserves),
            millions(l.swing),
            millions(l.low.unfunded),
            millions(l.high.unfunded),
          ],
        })),
      ),
    );
  }

  subscribe(schedule);
}
