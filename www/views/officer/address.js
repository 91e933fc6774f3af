/** Addresses of the page's three views (main, officer, briefing), keeping the scenario's fragment. */
export const address = (view, fragment) => `${location.pathname}${view ? `?view=${view}` : ""}${fragment ?? ""}`;
