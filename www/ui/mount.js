// Starts the page's components: each element with `data-module="name"` gets the component
// registered under that name, each in its own try, so one that fails never blanks the page
// (after govuk-frontend's createAll). A component owns its root and touches nothing else.

/** Mounts every component in `scope`; returns { components, destroy() }. */
export function mount(registry, scope, context, onError) {
  const components = [];
  for (const root of scope.querySelectorAll("[data-module]")) {
    const Component = registry[root.dataset.module];
    if (!Component || root.dataset.moduleStarted) continue;
    try {
      components.push(new Component(root, context));
      root.dataset.moduleStarted = "true";
    } catch (error) {
      onError(error);
    }
  }
  return {
    components,
    destroy() {
      for (const component of components) component.destroy?.();
    },
  };
}
