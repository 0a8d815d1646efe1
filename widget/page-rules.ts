/**
 * Page rules: on which paths the floating button (and its greeting) shows. `data-show-on` lists
 * the paths where it may show, `data-hide-on` those where it never does (hide wins); each is a
 * list of patterns separated by spaces or commas, matched against the whole path (no query),
 * where `*` is any run of characters: `/products/*`, `/checkout*`, `/`.
 */

/** True when `path` matches one of `patterns`. */
export function matchesPath(path: string, patterns: string): boolean {
  return patterns
    .split(/[\s,]+/)
    .some(
      (p) =>
        p &&
        new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*")}$`).test(path),
    );
}

/** True when the rules of `data` (`showOn`, `hideOn`) let the floating button show on `path`. */
export function pageAllowed(path: string, data: Record<string, string | undefined>): boolean {
  const { showOn, hideOn } = data;
  return (!showOn || matchesPath(path, showOn)) && !(hideOn && matchesPath(path, hideOn));
}
