/**
 * The demo pages' shared head, written once. demo/layout.html is the document every demo page is
 * served in: the head, the body's start and end, and `<!--#body-->` where the page goes. A page
 * is what its `<body>` holds, opened by `<!--#layout title="…" description="…" assets="shop"
 * shop="about" -->` (one attribute a line); `npm start` (scripts/local.mjs) serves it inside the
 * layout, each `{{name}}` filled with the page's attribute of that name; `assets` (the page's
 * stylesheet and module) is the page's own name unless it says otherwise (phone.html: phone.css
 * and phone.js; the shop pages: `assets="shop"`). A layout line whose name the page does not give
 * is left out (the phone simulator has no description and no shop header). The values are HTML
 * attribute text already (as written in the page), so they are put in unchanged. Plain HTML has
 * no includes; this is the demo's one.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The layout's file name in demo/: not a page, never served. */
export const LAYOUT = "layout.html";

const DIRECTIVE = /^<!--#layout((?:\s+[a-z]+="[^"]*")*)\s*-->\n/;
const ATTRIBUTE = /([a-z]+)="([^"]*)"/g;
const PLACEHOLDER = /\{\{([a-z]+)\}\}/g;
const BODY = /^[ \t]*<!--#body-->\n/m;

/**
 * Page `name` (its file name without `.html`) served: inside `layout` filled with its
 * `<!--#layout …-->` attributes; a page without that opening comment is returned unchanged.
 * Throws on an attribute the layout does not use, so a misspelt name cannot drop a line unnoticed.
 * @param {string} page
 * @param {string} layout
 * @param {string} name
 * @returns {string}
 */
export function renderPage(page, layout, name) {
  const directive = DIRECTIVE.exec(page);
  if (!directive) return page;
  const values = new Map([
    ["assets", name],
    ...[...(directive[1] ?? "").matchAll(ATTRIBUTE)].map(([, key, value]) => [key, value]),
  ]);
  const used = new Set([...layout.matchAll(PLACEHOLDER)].map(([, name]) => name));
  for (const key of values.keys())
    if (!used.has(key)) throw new Error(`demo page: the layout has no {{${key}}}`);
  const filled = layout
    .split("\n")
    .filter((line) => [...line.matchAll(PLACEHOLDER)].every(([, key]) => values.has(key)))
    .map((line) => line.replace(PLACEHOLDER, (_, key) => values.get(key) ?? ""))
    .join("\n");
  // A function, so that `$` in the page is never read as a replacement pattern.
  return filled.replace(BODY, () => page.slice(directive[0].length));
}

/**
 * Copies the demo folder `from` to `to` as it is served: every .html page rendered in the
 * layout, the layout itself left out.
 * @param {string} from
 * @param {string} to
 */
export function copyDemo(from, to) {
  cpSync(from, to, { recursive: true, filter: (src) => !src.endsWith(".html") });
  const layout = readFileSync(path.join(from, LAYOUT), "utf8");
  for (const file of readdirSync(from)) {
    if (!file.endsWith(".html") || file === LAYOUT) continue;
    const page = readFileSync(path.join(from, file), "utf8");
    writeFileSync(path.join(to, file), renderPage(page, layout, file.slice(0, -".html".length)));
  }
}
