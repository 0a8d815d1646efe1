/**
 * History navigation in single-page apps: `onNavigate(callback)` calls back after every
 * same-document navigation (a router's pushState or replaceState, back and forward), so the
 * touch is read again and the page rules re-applied (index.ts). Where the browser has the
 * Navigation API its `currententrychange` event says so; elsewhere `history.pushState` and
 * `replaceState` are wrapped once: the wrapper calls the page's function with the same `this`
 * and arguments, returns its result and lets its errors through (ours never: the callback runs
 * guarded, after it), and is marked, so wrapping again (a second copy) is a no-op.
 */

/** The mark on a wrapper of ours. */
const MARK = "__chatref";

/**
 * Calls `callback` (guarded) after each history navigation; the caller compares URLs. Called
 * once per page (index.ts, behind the widget's include guard).
 */
export function onNavigate(callback: () => void): void {
  const safe = () => {
    try {
      callback();
    } catch {
      // A failed re-read must not break the page's navigation.
    }
  };
  const nav = (window as { navigation?: EventTarget }).navigation;
  if (nav?.addEventListener) {
    nav.addEventListener("currententrychange", safe);
    return;
  }
  addEventListener("popstate", safe);
  for (const name of ["pushState", "replaceState"] as const) {
    try {
      const own = history[name] as History["pushState"] & { [MARK]?: 1 };
      if (own[MARK]) continue;
      const wrapped = function (this: History, ...args: Parameters<History["pushState"]>) {
        const result = own.apply(this, args);
        safe();
        return result;
      };
      (wrapped as typeof own)[MARK] = 1;
      history[name] = wrapped;
    } catch {
      // A frozen history: navigations are not followed, the first page's rules stay.
    }
  }
}
