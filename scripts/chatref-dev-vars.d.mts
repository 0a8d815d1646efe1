/** Types of scripts/chatref-dev-vars.mjs, for the tests that read the local demo's secrets. */

/** True for http://127.0.0.1[:port] and http://localhost[:port]. */
export function isLocalUrl(url: string): boolean;
/** The value of `name` in .dev.vars when `url` is local, else "". */
export function localVar(url: string, name: string): string;
