// Downloads made in the browser: the table as CSV (the CLI's), the full result as JSON.
import { describeChoices } from "../../core/words.js";

/** The full result for the JSON download. */
export function fullResult(state, made = new Date()) {
  return {
    format: "mtfs-officer-result/1",
    made: made.toISOString(),
    council: state.data.council,
    data_file: state.ownFile ?? "data/hampshire.json",
    base_year: state.data.base_year,
    years: state.data.years,
    scenario: state.scenario,
    scenario_in_words: describeChoices(state).map(([text, differs]) => ({ choice: text, differs_from_plan: differs })),
    link_fragment: state.ownFile ? null : state.fragment,
    projection: state.projection,
  };
}

