// What the automated accessibility checks cover: the one list that both the accessibility
// statement (?view=accessibility) prints and tests/browser/accessibility.test.mjs checks,
// view by view, with axe-core at the tags below. A view added here is checked; a view not
// here is not claimed. No DOM.

import { N_ } from "../../core/language.js";

/** Each view's name (as the statement says it) and its address, relative to the site. */
export const CHECKED_VIEWS = [
  { name: N_("The calculator"), address: "index.html" },
  { name: N_("The calculator as embedded in a council's web page"), address: "index.html?embed=1" },
  { name: N_("Officer view"), address: "index.html?view=officer" },
  { name: N_("Briefing for councillors"), address: "index.html?view=briefing" },
  { name: N_("Easy Read"), address: "index.html?view=easy-read" },
  { name: N_("Paper response form"), address: "index.html?view=paper-form" },
  { name: N_("This accessibility statement"), address: "index.html?view=accessibility" },
  { name: N_("Response analysis"), address: "analyse.html" },
  { name: N_("Guide for finance officers"), address: "data-guide.html" },
];

/** How: the tool, its rule sets (axe tags) and the browser the checks run in. */
export const CHECKED_WITH = {
  tool: "axe-core",
  tags: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
  browsers: ["Chromium (headless)"],
};
