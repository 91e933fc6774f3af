// Small DOM helpers: elements without innerHTML (so no markup from data is ever parsed)
// and text updates that touch the page only when something changed.

const SVG = "http://www.w3.org/2000/svg";

function build(node, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
  }
  node.append(...children.filter((c) => c !== undefined && c !== null && c !== ""));
  return node;
}

/** An HTML element: el("td", { class: "num" }, "421.3"). */
export function el(tag, attributes = {}, ...children) {
  return build(document.createElement(tag), attributes, children);
}

/** An SVG element: svg("rect", { x: 0, y: 0, width: 10, height: 10 }). */
export function svg(tag, attributes = {}, ...children) {
  return build(document.createElementNS(SVG, tag), attributes, children);
}

/** Sets a node's text if it differs. */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
