// Every sentence of the accessibility statement, in one place, each through the catalogue
// (a function, so the words are in the language spoken when the statement is drawn). Its
// form follows the model statement for UK public sector bodies under the Public Sector
// Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.
// Functions take the facts the data and the build give. No DOM.

import { tr } from "../../core/language.js";

export const words = () => ({
  title: (council) => tr("Accessibility statement for {council}'s budget calculator", { council }),
  applies: (council, address) => [tr("This accessibility statement applies to the budget calculator at {address}. {council} publishes it.", { address, council })],
  aims: [
    tr("We want as many people as possible to be able to use this calculator. For example, you should be able to:"),
    [
      tr("change colours, contrast levels and fonts using your browser or device settings"),
      tr("zoom in up to 400% without the text spilling off the screen"),
      tr("use the whole calculator with a keyboard alone"),
      tr("type a number in a box beside each slider, rather than drag it"),
      tr("use it with a screen reader: every chart has a description and a table of its figures"),
    ],
    // [before, Easy Read link, between, paper form link, after]
    [tr("There is also an "), tr("Easy Read version"), tr(" of the council's choices and a "), tr("paper form"), tr(" to print.")],
  ],
  statusHeading: tr("Compliance status"),
  status:
    tr("This calculator is partially compliant with the Web Content Accessibility Guidelines (WCAG) version 2.2 AA standard, because of the gaps listed below. The automated checks listed under “How we tested this calculator” find no failure, but automated checks find only some kinds of problem, and the calculator has not yet been checked by hand or with people who use assistive technology."),
  gapsHeading: tr("What is not accessible, and why"),
  gapsIntro: tr("These are the gaps we know of:"),
  gaps: [
    tr("The calculator has not been audited by hand against every WCAG 2.2 success criterion, nor tested with people who use screen readers, magnifiers or voice control. Until it is, some problems the automated checks cannot find may remain."),
    tr("The automated accessibility checks run in one browser engine, Chromium. In Firefox and Safari's engine (WebKit) the tests check that the calculator works, not its accessibility."),
    tr("The data files (JSON) and the officer view's downloads (spreadsheet files) are for finance officers, not for reading: every figure in them is also shown on the page, in tables."),
    tr("When the calculator is embedded in a council's own web page, this statement covers the calculator only, not the page around it."),
    tr("The calculator is in English and Welsh, except the parts for finance officers (the officer view, the briefing for councillors, the response analysis and the guide for finance officers), which are in English only."),
  ],
  formatsHeading: tr("What to do if you cannot use this calculator"),
  formats: tr("If you need the information on this page in a different format, such as large print, Easy Read, audio or braille, or a paper form, contact the council:"),
  problemsHeading: tr("Reporting accessibility problems"),
  problems: tr("We are always looking to improve the accessibility of this calculator. If you find a problem not listed on this page, or think we are not meeting the accessibility requirements, contact the council:"),
  noContact: tr("Contact the council through its usual contact details: this calculator's data does not give them yet."),
  contactSource: (source) => tr("Where these details come from: {source}", { source }),
  email: tr("Email"),
  phone: tr("Phone"),
  address: tr("Post"),
  enforcementHeading: tr("Enforcement procedure"),
  enforcement: [
    tr("The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the “accessibility regulations”) in England, Scotland and Wales."),
    tr("If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS)."),
    tr("In Northern Ireland, the Equality Commission for Northern Ireland (ECNI) is responsible for enforcing the accessibility regulations: if you are not happy with how we respond, contact the Equality Commission for Northern Ireland."),
  ],
  testedHeading: tr("How we tested this calculator"),
  tested: (tool, browsers) =>
    tr("Each of the views below is checked automatically with {tool} against the WCAG 2.0, 2.1 and 2.2 level A and AA rules, in {browsers}, by the calculator's own tests. A change to the calculator is not accepted until these checks pass.", { tool, browsers }),
  views: tr("The views checked:"),
  built: (date, commit) => (commit ? tr("This copy of the calculator was built from its code of {date} (version {commit}).", { date, commit }) : tr("This copy of the calculator was built from its code of {date}.", { date })),
  notBuilt: tr("This copy of the calculator does not record when it was built."),
  prepared: tr("This statement is written from the list of checks the tests run, so it cannot claim more than they check. The council should review it at least once a year, and whenever the calculator changes."),
  back: tr("Back to the calculator"),
});
