// The record of what happened to the council's plan (data/hampshire-outturn.json, format
// mtfs-outturn/1; docs/outturn.md), for the views that show it: loaded only when asked for,
// and only for the page's own council (a resident's own data file has no record). No DOM.
import { DATA_URL } from "./engine.js";

export const OUTTURN_URL = DATA_URL.replace(/\.json$/, "-outturn.json");

let loading = null;

/** The outturn record for the state's data set, or null when there is none for it. */
export async function loadOutturn(state) {
  if (state.ownFile) return null;
  loading ??= fetch(OUTTURN_URL).then((response) => {
    if (!response.ok) throw new Error(`${OUTTURN_URL}: ${response.status} ${response.statusText}`);
    return response.json();
  });
  try {
    const record = await loading;
    return record?.council === state.data?.council ? record : null;
  } catch (error) {
    loading = null;
    throw error;
  }
}
