// "Use your own council's data": a file chosen or dropped is read on the resident's computer
// (read-file.js, loaded only when a file is chosen), checked by the engine, and replaces the
// page's own data until "Use … data again". Nothing is uploaded.
import { useData } from "../../core/actions.js";

export class OwnData {
  static moduleName = "own-data";

  constructor(root, { store, engine, home, onError }) {
    const $ = (id) => root.querySelector(`#${id}`);
    const input = $("data-file");
    const zone = $("drop-zone");
    const errors = $("own-data-errors");
    const status = $("own-data-status");
    const back = $("use-default");
    back.textContent = `Use ${home.data.council}'s data again`;
    const say = (text) => {
      status.textContent = "";
      requestAnimationFrame(() => (status.textContent = text));
    };
    const read = async (file) => {
      errors.replaceChildren();
      if (!file) return;
      const own = await import("./read-file.js");
      const result = await own.readDataFile(file, engine);
      if (result.problems) {
        status.textContent = "";
        const summary = own.problemSummary(file.name, store.get().data.council, result.problems);
        errors.replaceChildren(summary);
        summary.focus();
        return;
      }
      useData(store, result.data, result.calculator, file.name);
      back.hidden = false;
      say(`The calculator now shows ${result.data.council}'s plan, from ${file.name}. Your choices start at that plan.`);
    };
    const failed = (error) => onError(error);
    this.aborts = new AbortController();
    const on = (target, type, handler) => target.addEventListener(type, handler, { signal: this.aborts.signal });
    on(input, "change", () => read(input.files[0]).catch(failed));
    on(zone, "dragover", (event) => {
      event.preventDefault();
      zone.classList.add("drop--over");
    });
    on(zone, "dragleave", () => zone.classList.remove("drop--over"));
    on(zone, "drop", (event) => {
      event.preventDefault();
      zone.classList.remove("drop--over");
      read(event.dataTransfer.files[0]).catch(failed);
    });
    on(back, "click", () => {
      useData(store, home.data, home.calculator, null);
      errors.replaceChildren();
      back.hidden = true;
      input.value = "";
      input.focus();
      say(`The calculator shows ${home.data.council}'s plan again.`);
    });
  }

  destroy() {
    this.aborts.abort();
  }
}
