// The council's own look (data: `branding`, docs/data-format.md): its logo and name in the
// header, its introduction as the lede, its colours as the page's CSS custom properties.
// Loaded only for data that has a branding section, unless the address says &brand=0
// (app.js). The engine has already refused any colour pair that fails WCAG 2.2 AA contrast
// (src/colour.rs), so what reaches here is safe to use as it is.
//
// The colours are set through the CSSOM (style.setProperty), which a Content-Security-Policy
// of `style-src 'self'` allows: it blocks inline style attributes and <style> elements in the
// markup, not properties set from a script the policy already trusts (checked in Chromium by
// tests/browser/branding.test.mjs: no CSP report, and the colour applied).
import { el } from "../../ui/dom.js";
import { inLang } from "../../core/language.js";

/** Data colour name → the custom property base.css reads. */
const PROPERTIES = { header: "--brand", header_text: "--on-brand", link: "--link", focus: "--focus" };

function applyColours(colours) {
  const style = document.documentElement.style;
  for (const [name, property] of Object.entries(PROPERTIES)) {
    if (colours?.[name]) style.setProperty(property, colours[name]);
    else style.removeProperty(property);
  }
}

/** The header: the logo (if any) and the council's name, or the page's own title again. */
function header(title, original, data) {
  const logo = data.branding?.logo;
  if (!data.branding) return title.replaceChildren(...original);
  const image = logo ? el("img", { class: "header__logo", src: logo.src, alt: inLang(logo, "alt"), height: "48" }) : "";
  title.replaceChildren(image, el("span", { class: "header__name" }, data.council));
}

export function start(_params, store) {
  const title = document.querySelector(".header__title");
  const lede = document.getElementById("council");
  const original = [...title.childNodes];
  store.subscribe((state, patch) => {
    if (!patch.data) return;
    const branding = state.data.branding;
    applyColours(branding?.colours);
    header(title, original, state.data);
    document.documentElement.classList.toggle("branded", Boolean(branding));
    // The introduction replaces the lede the Lede component wrote for this data.
    if (branding?.introduction && lede) lede.textContent = inLang(branding, "introduction");
  });
}
