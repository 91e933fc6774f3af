// The consultation embed: index.html?embed=1, shown in an iframe on a council's
// consultation page. The page itself (app.js) already leaves out what the embed does not
// show (styles/base.css, ".embed"); this module adds the compact styles, a line naming the
// council and the figures' source, and the postMessage interface that lets the host page
// receive the resident's scenario. docs/embed.md documents the interface.
//
// Safety: the host page lists the origins it is served from in the iframe's address
// (`&host=https://consult.example.gov.uk`, several allowed). Messages go only to those
// origins (postMessage's targetOrigin, to window.parent) and are accepted only from the
// parent window at one of them. With no host listed, or outside a frame, nothing is sent
// and nothing is listened to. Nothing is stored and nothing is sent anywhere else.
import { el } from "../../ui/dom.js";
import { applyLink } from "../../core/actions.js";
import { hostOrigins, scenarioMessage } from "./protocol.js";
import { lang, tr } from "../../core/language.js";
import { siteUrl } from "../../core/site.js";

export { hostOrigins, scenarioMessage };
export const PROTOCOL = "mtfs-embed";
export const VERSION = 1;
/** The requests a host may send (docs/embed.md). */
const REQUESTS = ["get-scenario", "subscribe", "unsubscribe", "set-scenario"];
const MAX_FRAGMENT = 2000;
/** The longest `id` copied into a reply, and the longest `type` named in one. */
const MAX_ID = 200;
const MAX_TYPE = 40;

/** A request's `id` and `type`, to copy into its reply: only if short. */
const echo = (message) => ({
  id: (typeof message.id === "string" && message.id.length <= MAX_ID) || Number.isFinite(message.id) ? message.id : undefined,
  type: typeof message.type === "string" && message.type.length <= MAX_TYPE ? message.type : undefined,
});

/** A value from a request, for an error's words: short, whatever it is. */
function named(value) {
  if (typeof value === "string") return value.length > MAX_TYPE ? "a long piece of text" : JSON.stringify(value);
  if (value === undefined || value === null || typeof value === "number" || typeof value === "boolean") return String(value ?? null);
  return Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** The first sentence of the data set's description, which says where the figures come from. */
function sourceSentence(description) {
  const text = (description ?? "").trim();
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

/** "Hampshire County Council. Figures: …" under the results. */
function sourceLine(store) {
  const line = el("p", { class: "embed-source", id: "embed-source" });
  document.getElementById("results").after(line);
  store.subscribe((state, patch) => {
    if (!patch.data) return;
    const source = sourceSentence(state.data.description);
    // The source is the data's own words: English unless the data says otherwise.
    const figures = source ? [`${tr("Figures:")} `, el("span", { lang: lang === "cy" ? "en" : undefined }, source), " "] : [];
    line.replaceChildren(`${state.data.council}. `, ...figures, tr("Worked out by the council budget calculator, exactly, in your browser: nothing you choose is stored."));
  });
}

/**
 * The tables behind the charts, and council tax by band, each folded into a "Show the
 * figures as a table" box, so the embed stays short; the charts' own text still carries
 * every figure. Done again if the results are ever rebuilt.
 */
function foldTables(store) {
  const fold = () => {
    for (const [box, label] of [
      ["gap-chart", tr("Show the gap as a table")],
      ["reserves-chart", tr("Show the reserves as a table")],
      ["bands", tr("Show council tax for every band")],
    ]) {
      const table = document.querySelector(`#${box} > .table-wrap`);
      if (!table) continue;
      const details = el("details", { class: "embed-fold" }, el("summary", { class: "embed-fold__summary" }, label));
      table.before(details);
      details.append(table);
    }
  };
  store.subscribe((state, patch) => patch.plan && fold());
}

/**
 * The choices after council tax (costs, savings, funding and reserves) each folded under a
 * "Show the choices for …" box, closed at first: the embed stays short, and a resident
 * opens the ones they want. A box whose choices differ from the plan (set by the host
 * page, say) opens, so no change is hidden.
 */
function foldChoices(store) {
  store.subscribe((state, patch) => {
    if (!("values" in patch) && !("usesReserves" in patch) && !patch.catalogue) return;
    const form = document.getElementById("levers");
    for (const group of form.querySelectorAll(":scope > fieldset.choices")) {
      if (group === form.firstElementChild || group.parentElement.tagName === "DETAILS") continue;
      const name = group.querySelector("legend").textContent.trim().toLowerCase();
      const details = el("details", { class: "embed-fold embed-fold--choices" }, el("summary", { class: "embed-fold__summary" }, tr("Show the choices for {name}", { name })));
      group.before(details);
      details.append(group);
    }
    const changed = new Set(state.values.keys());
    for (const details of form.querySelectorAll(":scope > details.embed-fold--choices")) {
      if (details.open) continue;
      const keys = [...details.querySelectorAll("input[data-link]")].map((input) => input.dataset.link);
      if (keys.some((key) => changed.has(key)) || (!state.usesReserves && details.querySelector("input[type=checkbox]"))) {
        details.open = true;
      }
    }
  });
}

/** The content's height in CSS pixels (the root element's box, not the frame's). */
const contentHeight = () => Math.ceil(document.documentElement.getBoundingClientRect().height);

const error = (code, message, request, id) => ({
  type: "error",
  code,
  message,
  ...(request === undefined ? {} : { request }),
  ...(id === undefined ? {} : { id }),
});
const withId = (id) => (id === undefined ? {} : { id });
/** What makes a scenario new to a host: the council and the link. */
const key = (state) => `${state.data.council}\n${state.fragment}`;

/** The host page: where messages go, and what it asked for. */
class Host {
  constructor(hosts, store) {
    this.hosts = hosts;
    this.store = store;
    this.confirmed = null; // a listed origin that has written to the calculator
    this.subscribed = null; // the origin that subscribed
    this.lastSent = null;
    this.height = 0;
  }

  /**
   * Where messages go. The browser delivers a message only to a parent at its targetOrigin,
   * but Chromium logs an error for every other one, so where the browser names the parent's
   * origin (location.ancestorOrigins) only that one is used, if listed; once a listed host
   * has written, its origin (checked by the browser) is used. Fallback: a browser without
   * location.ancestorOrigins (older Firefox; Chromium, Safari and Firefox ESR 153 have it)
   * is sent to every listed host, and delivers only to the one the parent really is at.
   */
  targets() {
    if (this.confirmed) return [this.confirmed];
    const ancestors = location.ancestorOrigins;
    if (ancestors && ancestors.length > 0) return this.hosts.includes(ancestors[0]) ? [ancestors[0]] : [];
    return this.hosts;
  }

  send(message, to = this.targets()) {
    for (const origin of to) {
      try {
        // `lang`: the language the resident sees ("en" or "cy"), on every message (docs/embed.md).
        window.parent.postMessage({ protocol: PROTOCOL, version: VERSION, lang, ...message }, origin);
      } catch {
        // A message that cannot be cloned or sent is dropped; the embed carries on.
      }
    }
  }

  /** The content's height, whenever it changes. */
  sendHeight() {
    const h = contentHeight();
    if (h === this.height) return;
    this.height = h;
    this.send({ type: "height", height: h });
  }

  scenario(state, reason, id) {
    this.lastSent = key(state);
    return { type: "scenario", reason, ...withId(id), ...scenarioMessage(state) };
  }

  /** A settled change, for a host that subscribed. */
  changed(state) {
    if (!this.subscribed || !state.settled || key(state) === this.lastSent) return;
    this.send(this.scenario(state, "changed"), [this.subscribed]);
  }

  /** A request from the host; returns the reply. */
  answer(message, origin) {
    const { id, type } = echo(message);
    if (message.version !== VERSION) {
      const words = tr("This calculator speaks version {version} of the {protocol} messages, not {asked}.", { version: VERSION, protocol: PROTOCOL, asked: named(message.version) });
      return { ...error("unsupported-version", words, type, id), versions: [VERSION] };
    }
    if (!REQUESTS.includes(type)) {
      return error("unknown-type", tr("The calculator does not know the request {request}. It answers {requests}.", { request: named(message.type), requests: REQUESTS.join(", ") }), type, id);
    }
    const state = this.store.get();
    if (!state) return error("not-ready", tr("The calculator has not finished loading. Try again after its ready message."), type, id);
    switch (type) {
      case "get-scenario":
        return { type: "scenario", reason: "requested", ...withId(id), ...scenarioMessage(state) };
      case "subscribe":
        this.subscribed = origin;
        return this.scenario(state, "subscribed", id);
      case "unsubscribe":
        this.subscribed = null;
        return { type: "unsubscribed", ...withId(id) };
      case "set-scenario":
        return this.setScenario(message.fragment, state, type, id);
    }
    return error("unknown-type", tr("The calculator does not know the request {request}.", { request: JSON.stringify(type) }), type, id);
  }

  setScenario(fragment, state, type, id) {
    if (typeof fragment !== "string" || fragment.length > MAX_FRAGMENT) {
      return error("bad-request", 'set-scenario needs a fragment: a scenario link\'s text from # on ("#s2.…"), or "" for the council\'s plan.', type, id);
    }
    if (state.ownFile) {
      return error("refused", tr("The calculator is showing a data file from the resident's computer, so it cannot use a scenario link."), type, id);
    }
    const reason = applyLink(this.store, fragment === "" || fragment.startsWith("#") ? fragment : `#${fragment}`, { kind: "apply" });
    if (reason) return error("refused", tr("The choices could not be used: {reason}", { reason }), type, id);
    return this.scenario(this.store.get(), "set", id);
  }

  /** A message from the window: answered only from the parent, at a listed origin, in this protocol. */
  receive(event) {
    // A host page may carry other messages too; everything else is ignored.
    if (event.source !== window.parent || !this.hosts.includes(event.origin)) return;
    const message = event.data;
    if (message === null || typeof message !== "object" || message.protocol !== PROTOCOL) return;
    this.confirmed = event.origin;
    let reply;
    try {
      reply = this.answer(message, event.origin);
    } catch (failure) {
      const { id, type } = echo(message);
      reply = error("failed", tr("The calculator could not answer: {problem}", { problem: failure?.message ?? failure }), type, id);
    }
    this.send(reply, [event.origin]);
  }
}

/**
 * The builder's links to the Easy Read view and the paper form open the whole page in a new
 * tab, not inside the frame (the builder is built again for another council's data).
 */
function otherWays(store) {
  store.subscribe((state, patch) => {
    if (!patch.optionList) return;
    for (const link of document.querySelectorAll("#builder-other a")) {
      if (link.target) continue;
      Object.assign(link, { target: "_blank", rel: "noopener" });
      link.append(" (opens in a new tab)");
    }
  });
}

export function start(params, store) {
  const styles = el("link", { rel: "stylesheet", href: siteUrl("views/embed/embed.css") });
  document.head.append(styles);
  sourceLine(store);
  otherWays(store);
  // The accessibility statement opens outside the frame: it is a page of its own.
  const statement = document.getElementById("accessibility-link");
  if (statement && !statement.target) {
    Object.assign(statement, { target: "_blank", rel: "noopener" });
    statement.append(" (opens in a new tab)");
  }
  foldTables(store);
  foldChoices(store);

  const hosts = hostOrigins(params);
  if (window.parent === window || hosts.length === 0) return; // nobody to talk to
  const host = new Host(hosts, store);
  addEventListener("message", (event) => host.receive(event));
  store.subscribe((state) => host.changed(state));
  host.send({ type: "ready", council: store.get()?.data.council ?? null, versions: [VERSION] });
  // Chromium pauses the rendering of a cross-origin frame that is out of sight, and the
  // resize observer with it, so the height is also measured when the styles arrive and
  // whenever the results settle: the host can size the frame before it is scrolled to.
  const sendHeight = () => host.sendHeight();
  new ResizeObserver(sendHeight).observe(document.documentElement);
  styles.addEventListener("load", sendHeight);
  store.subscribe((latest, patch) => patch.settled && setTimeout(sendHeight));
  sendHeight();
}
