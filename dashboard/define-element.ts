/** Registers a dashboard element once (the bundle may be evaluated twice, e.g. in tests). */
export function defineElement(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
