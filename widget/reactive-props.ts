/**
 * The little of Lit's reactive properties `<chatref-button>` keeps, without LitElement's 3 KB:
 * accessors whose setter schedules one render, and the upgrade of values set on an element
 * before its class was defined.
 */

/** What the accessors see of an element: its values and its render scheduler. */
export type Reactive = { _values: Record<string, unknown>; _requestUpdate(): void };

/** Defines `names` on `proto`: setting one to a new value calls `_requestUpdate()`. */
export function defineReactive(proto: object, names: readonly string[]): void {
  for (const name of names) {
    Object.defineProperty(proto, name, {
      get(this: Reactive) {
        return this._values[name];
      },
      set(this: Reactive, value: unknown) {
        if (!Object.is(this._values[name], value)) {
          this._values[name] = value;
          this._requestUpdate();
        }
      },
      configurable: true,
      enumerable: true,
    });
  }
}

/** Moves own properties set before the upgrade onto the accessors (call in the constructor). */
export function upgradeProps(el: object, names: readonly string[]): void {
  const own = el as Record<string, unknown>;
  for (const name of names) {
    if (Object.hasOwn(own, name)) {
      const value = own[name];
      delete own[name];
      own[name] = value;
    }
  }
}
