// The Easy Read pictures: simple line drawings made by the project, as inline SVG (nothing
// from another site). Each is decorative (aria-hidden): the words beside it say everything.
import { svg } from "../../ui/dom.js";

const line = { fill: "none", stroke: "currentColor", "stroke-width": 3, "stroke-linecap": "round", "stroke-linejoin": "round" };
const solid = { fill: "currentColor", stroke: "none" };
const poundSign = (x, y, size = 22) =>
  svg("text", { x, y, "font-size": size, "font-weight": "bold", "font-family": "Arial, sans-serif", "text-anchor": "middle", ...solid }, "£");

/** Each picture: the shapes inside a 64 × 64 box. */
const PICTURES = {
  // The council: a building with columns.
  council: () => [
    svg("path", { d: "M8 24 L32 10 L56 24 Z", ...line }),
    svg("path", { d: "M14 28 V48 M26 28 V48 M38 28 V48 M50 28 V48", ...line }),
    svg("path", { d: "M8 54 H56", ...line }),
  ],
  // Money: a coin with a pound sign.
  money: () => [svg("circle", { cx: 32, cy: 32, r: 22, ...line }), poundSign(32, 40)],
  // A choice: a list with one box ticked.
  choices: () => [
    svg("rect", { x: 8, y: 10, width: 12, height: 12, rx: 2, ...line }),
    svg("path", { d: "M10 16 L14 20 L22 8", ...line }),
    svg("path", { d: "M28 16 H56", ...line }),
    svg("rect", { x: 8, y: 38, width: 12, height: 12, rx: 2, ...line }),
    svg("path", { d: "M28 44 H56", ...line }),
  ],
  // What you think: a speech bubble with a question mark.
  views: () => [
    svg("path", { d: "M8 12 H56 V42 H28 L16 54 V42 H8 Z", ...line }),
    svg("text", { x: 32, y: 36, "font-size": 22, "font-weight": "bold", "font-family": "Arial, sans-serif", "text-anchor": "middle", ...solid }, "?"),
  ],
  // Services: two people.
  services: () => [
    svg("circle", { cx: 22, cy: 18, r: 7, ...line }),
    svg("path", { d: "M10 52 V40 C10 32 34 32 34 40 V52", ...line }),
    svg("circle", { cx: 44, cy: 22, r: 6, ...line }),
    svg("path", { d: "M36 52 V42 C36 36 54 36 54 42 V52", ...line }),
  ],
  // Charges: a ticket with a pound sign.
  charges: () => [svg("path", { d: "M6 18 H58 V28 A5 5 0 0 0 58 38 V48 H6 V38 A5 5 0 0 0 6 28 Z", ...line }), poundSign(32, 41, 18)],
  // Income: a coin and an arrow going up.
  income: () => [svg("circle", { cx: 24, cy: 38, r: 16, ...line }), poundSign(24, 45, 18), svg("path", { d: "M50 52 V12 M42 20 L50 12 L58 20", ...line })],
  // Council tax: a house.
  council_tax: () => [svg("path", { d: "M8 30 L32 10 L56 30", ...line }), svg("path", { d: "M14 26 V54 H50 V26", ...line }), svg("rect", { x: 27, y: 38, width: 10, height: 16, ...line })],
  // Reserves: a jar of savings.
  reserves: () => [
    svg("path", { d: "M20 10 H44 M22 10 V18 C12 22 12 30 12 36 V54 H52 V36 C52 30 52 22 42 18 V10", ...line }),
    poundSign(32, 46, 18),
  ],
  // Saves money: a coin and an arrow going down (less spent).
  saves: () => [svg("circle", { cx: 24, cy: 26, r: 16, ...line }), poundSign(24, 33, 18), svg("path", { d: "M50 12 V52 M42 44 L50 52 L58 44", ...line })],
  // Costs money: a coin and an arrow going up (more spent).
  costs: () => [svg("circle", { cx: 24, cy: 38, r: 16, ...line }), poundSign(24, 45, 18), svg("path", { d: "M50 52 V12 M42 20 L50 12 L58 20", ...line })],
  // The council's plan: a clipboard with a tick.
  plan: () => [svg("rect", { x: 14, y: 10, width: 36, height: 46, rx: 3, ...line }), svg("path", { d: "M24 10 V6 H40 V10", ...line }), svg("path", { d: "M22 34 L29 41 L43 25", ...line })],
  // A computer.
  computer: () => [svg("rect", { x: 8, y: 10, width: 48, height: 32, rx: 3, ...line }), svg("path", { d: "M24 54 H40 M32 42 V54", ...line })],
  // A paper form and a pen.
  paper: () => [
    svg("path", { d: "M12 6 H38 L46 14 V58 H12 Z", ...line }),
    svg("path", { d: "M20 24 H38 M20 34 H38 M20 44 H30", ...line }),
    svg("path", { d: "M54 22 L40 50 L38 56 L43 52 L57 24 Z", ...line }),
  ],
};

/** The picture called `name`, as an <svg> the screen reader skips. */
export function icon(name, className = "er-icon") {
  const shapes = (PICTURES[name] ?? PICTURES.choices)();
  return svg("svg", { class: className, viewBox: "0 0 64 64", width: 64, height: 64, "aria-hidden": "true", focusable: "false" }, ...shapes);
}
