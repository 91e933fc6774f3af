// "Use your own council's data": a file chosen or dropped is read on the resident's computer
// (read-file.js, loaded only when a file is chosen), checked by the engine, and replaces the
// page's own data until "Use … data again". Nothing is uploaded. A finance officer may choose
// the data set's spreadsheet files (CSV, one a section) instead: read-csv.js turns them into
// the data set, which the page then offers as a JSON data file to download and publish.
import { useData } from "../../core/actions.js";
import { tr } from "../../core/language.js";
import { slug } from "../../core/format.js";

export class OwnData {
  static moduleName = "own-data";

  constructor(root, { store, engine, home, onError }) {
    const $ = (id) => root.querySelector(`#${id}`);
    const input = $("data-file");
    const zone = $("drop-zone");
    const errors = $("own-data-errors");
    const status = $("own-data-status");
    const back = $("use-default");
    const download = $("own-data-download");
    back.textContent = tr("Use {council}'s data again", { council: home.data.council });
    const say = (text) => {
      status.textContent = "";
      requestAnimationFrame(() => (status.textContent = text));
    };
    const read = async (files) => {
      errors.replaceChildren();
      if (!files.length) return;
      const own = await import("./read-file.js");
      const result = await own.readFiles(files, engine);
      const name = result.name;
      if (result.problems) {
        status.textContent = "";
        const summary = own.problemSummary(name, store.get().data.council, result.problems);
        errors.replaceChildren(summary);
        summary.focus();
        return;
      }
      useData(store, result.data, result.calculator, name);
      back.hidden = false;
      offer(result);
      say(tr("The calculator now shows {council}'s plan, from {file}. Your choices start at that plan.", { council: result.data.council, file: name }));
    };
    // The data file the spreadsheet files made, to download (and publish) while it is in use.
    let made = null;
    const offer = ({ json, data }) => {
      made = json ? { name: `${slug(data.council) || "council"}.json`, json } : null;
      download.hidden = !made;
      if (made) download.textContent = tr("Download {council}'s data file (JSON)", { council: data.council });
    };
    const failed = (error) => onError(error);
    this.aborts = new AbortController();
    const on = (target, type, handler) => target.addEventListener(type, handler, { signal: this.aborts.signal });
    on(input, "change", () => read([...input.files]).catch(failed));
    on(zone, "dragover", (event) => {
      event.preventDefault();
      zone.classList.add("drop--over");
    });
    on(zone, "dragleave", () => zone.classList.remove("drop--over"));
    on(zone, "drop", (event) => {
      event.preventDefault();
      zone.classList.remove("drop--over");
      read([...event.dataTransfer.files]).catch(failed);
    });
    on(download, "click", () => {
      if (made) import("../../ui/download.js").then((ui) => ui.download(made.name, "application/json", made.json)).catch(failed);
    });
    on(back, "click", () => {
      useData(store, home.data, home.calculator, null);
      errors.replaceChildren();
      offer({});
      back.hidden = true;
      input.value = "";
      input.focus();
      say(tr("The calculator shows {council}'s plan again.", { council: home.data.council }));
    });
  }

  destroy() {
    this.aborts.abort();
  }
}
