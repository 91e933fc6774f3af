// Starts the page's components: each element with `data-module="name"` gets the component
// registered under that name, each in its own try, so one that fails never blanks the page
// (after govuk-frontend's createAll). A component owns its root and touches nothing else.
import { nextTask } from "../core/tasks.js";

/** The component for `root`, started (null if none is registered, it runs already, or it failed). */
function mountOne(registry, root, context, onError) {
  const Component = registry[root.dataset.module];
  if (!Component || root.dataset.moduleStarted) return null;
  try {
    const component = new Component(root, context);
    root.dataset.moduleStarted = "true";
    return component;
  } catch (error) {
    onError(error);
    return null;
  }
}


/**
 * Mounts every component in `scope`; returns { components, mounted, destroy() }. With
 * `first`, only the roots it picks (what a resident sees first) are mounted now, and each
 * other one in a task of its own after: on a phone, mounting the whole page at once was
 * one task of 200 ms or more that no tap could interrupt (README, "Speed"). `mounted`
 * resolves once every component runs.
 */
export function mount(registry, scope, context, onError, first = () => true) {
  const roots = [...scope.querySelectorAll("[data-module]")];
  const components = [];
  const start = (root) => {
    const component = mountOne(registry, root, context, onError);
    if (component) components.push(component);
  };
  roots.filter(first).forEach(start);
  const mounted = (async () => {
    for (const root of roots.filter((root) => !first(root))) {
      await nextTask();
      start(root);
    }
  })();
  return {
    components,
    mounted,
    destroy() {
      for (const component of components) component.destroy?.();
    },
  };
}
