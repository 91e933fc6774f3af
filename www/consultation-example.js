// The example consultation page's side of the calculator's postMessage interface
// (docs/embed.md, protocol "mtfs-embed", version 1). It frames the calculator in a
// sandboxed iframe, names its own origin as the host in the iframe's address, follows
// the height messages, subscribes to the resident's scenario and copies it into the
// response form. Submitting sends nothing: this is an example.
//
// A council's own page does the same with its own markup; the money formatting below
// comes from the calculator's core/format.js only because this example sits beside it.
import { isNegative, isPositive, magnitude, money, moneyWords } from "./core/format.js";

const PROTOCOL = "mtfs-embed";
const VERSION = 1;

const $ = (id) => document.getElementById(id);
const frame = $("calculator");

// The calculator's address: the embed layout, with this page's origin as the only host
// it may talk to. A council's page would use the calculator's own address here.
const src = new URL("index.html", location.href);
src.searchParams.set("embed", "1");
src.searchParams.set("host", location.origin);
frame.src = src.href;

/**
 * A request to the calculator. The sandboxed calculator's origin is opaque ("null"),
 * which no targetOrigin can name, so "*" it is: requests carry nothing private.
 */
function send(type, fields = {}) {
  frame.contentWindow?.postMessage({ protocol: PROTOCOL, version: VERSION, type, ...fields }, "*");
}

const say = (node, text) => {
  node.textContent = "";
  requestAnimationFrame(() => (node.textContent = text));
};

/** "£3.0m to spare" for a negative gap, as the calculator says it. */
const gapWords = (text) => (isNegative(text) ? `${moneyWords(magnitude(text))} to spare` : moneyWords(text));

/** The scenario in words, for the resident to read before sending. */
function summary(message) {
  const changed = message.choices.filter((c) => c.changed).map((c) => c.text);
  const lines = [];
  if (changed.length === 0) {
    lines.push(`You kept every choice at ${message.council}'s plan.`);
  } else {
    lines.push(`Your choices, changed from ${message.council}'s plan:`);
    for (const text of changed) lines.push(`- ${text}`);
  }
  // Version 1's newer fields (docs/embed.md): whether the budget balances, and the views given.
  if (typeof message.balances === "boolean") {
    lines.push("", message.balances ? "Your budget balances in every year." : "Your budget does not balance: some of a year's gap is left unfunded.");
  }
  lines.push("", "What they would mean:");
  for (const y of message.years) {
    lines.push(
      `- ${y.year}: gap to fill ${gapWords(y.total_gap)}; reserves ${moneyWords(y.total_reserves)}; Band D council tax ${money(y.band_d)}${
        y.referendum ? "; a local referendum would be needed" : ""
      }${isPositive(y.unfunded) ? `; ${moneyWords(y.unfunded)} not funded` : ""}.`,
    );
  }
  return lines.join("\n");
}

let latest = null;
let waiting = null; // resolves the next scenario reply (for the submit button)

function showScenario(message) {
  latest = message;
  $("scenario-summary").value = summary(message);
  $("scenario-fragment").value = message.fragment;
  waiting?.(message);
  waiting = null;
}

addEventListener("message", (event) => {
  // Only the calculator's own frame. Its origin is "null" (sandboxed), so the check is on
  // the window the message came from, not on event.origin.
  if (event.source !== frame.contentWindow) return;
  const message = event.data;
  if (message === null || typeof message !== "object" || message.protocol !== PROTOCOL || message.version !== VERSION) return;
  switch (message.type) {
    case "ready":
      send("subscribe");
      say($("calculator-status"), `The calculator shows ${message.council}'s plan. Your choices are added to your response below.`);
      break;
    case "height":
      if (Number.isFinite(message.height)) frame.style.height = `${Math.min(Math.max(Math.ceil(message.height), 150), 30000)}px`;
      break;
    case "scenario":
      showScenario(message);
      $("calculator-error").textContent = "";
      break;
    case "error":
      $("calculator-error").textContent = message.request === "set-scenario" ? `The calculator could not change its choices. ${message.message}` : message.message;
      break;
  }
});

$("start-again").addEventListener("click", () => send("set-scenario", { fragment: "" }));

/** The latest scenario, asked for again (the subscription waits for the choices to settle). */
function freshScenario() {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(latest), 1000);
    waiting = (message) => {
      clearTimeout(timer);
      resolve(message);
    };
    send("get-scenario");
  });
}

$("response").addEventListener("submit", async (event) => {
  event.preventDefault(); // an example: nothing is sent
  const form = event.target;
  await freshScenario();
  const data = new FormData(form);
  const list = $("sent-list");
  list.replaceChildren();
  const rows = [
    ["How far you agree with the plan", data.get("agree") || "Not answered"],
    ["Your choices from the calculator", data.get("scenario-summary")],
    ["The scenario link's code (hidden field)", data.get("scenario") || "(none: the council's plan)"],
    ["Anything else", data.get("comments") || "Not answered"],
  ];
  for (const [term, value] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    list.append(dt, dd);
  }
  $("sent").hidden = false;
  $("sent").focus();
});
