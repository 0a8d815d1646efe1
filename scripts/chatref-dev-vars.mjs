/**
 * The local demo's secrets (`.dev.vars`, which `npm start` creates from .dev.vars.example), read
 * by the `chatref` CLI only for a local Worker URL: a deployed Worker's secrets are never guessed
 * from this machine's files.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** True for http://127.0.0.1[:port] and http://localhost[:port]. */
export function isLocalUrl(url) {
  return /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(url);
}

/** The value of `name` in .dev.vars when `url` is local, else "". */
export function localVar(url, name) {
  if (!isLocalUrl(url)) return "";
  const file = path.join(root, ".dev.vars");
  if (!existsSync(file)) return "";
  const line = new RegExp(`^\\s*${name}\\s*=\\s*"?([^"\\n]*)"?\\s*$`, "m");
  return line.exec(readFileSync(file, "utf8"))?.[1] ?? "";
}
