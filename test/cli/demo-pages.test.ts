/**
 * scripts/demo-pages.mjs: the demo pages share one head (demo/layout.html), which `npm start`
 * serves every page inside. Each page served is a whole document with its own title, stylesheet
 * and module; a misspelt attribute is refused rather than losing a line.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyDemo, LAYOUT, renderPage } from "../../scripts/demo-pages.mjs";

const DEMO = resolve(import.meta.dirname, "../../demo");
const layout = readFileSync(join(DEMO, LAYOUT), "utf8");
const served = mkdtempSync(join(tmpdir(), "chatref-demo-"));
copyDemo(DEMO, served);
afterAll(() => rmSync(served, { recursive: true, force: true }));

/** Each page, its title and the shop header's current page (none: the phone simulator). */
const PAGES = [
  ["index.html", "Lumen Coffee Roasters · small-batch coffee", "shop"],
  ["about.html", "Our story · Lumen Coffee Roasters", "about"],
  ["phone.html", "Phone simulator · chatref local demo", null],
] as const;

describe("demo pages: one shared head (scripts/demo-pages.mjs)", () => {
  it.each(PAGES)("%s is served as a whole document with its own head", (file, title, shop) => {
    const html = readFileSync(join(served, file), "utf8");
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n  <head>\n')).toBe(true);
    expect(html.endsWith("  </body>\n</html>\n")).toBe(true);
    expect(html.match(/<title>[^<]*<\/title>/g)).toEqual([`<title>${title}</title>`]);
    // Shop pages: a description, the shop's stylesheet, module and header; the simulator its own.
    const assets = shop ? "shop" : file.replace(".html", "");
    expect(html).toContain(`<link rel="stylesheet" href="${assets}.css" />`);
    expect(html).toContain(`<script type="module" src="${assets}.js"></script>`);
    expect(html.match(/<meta name="description" content="[^"]+" \/>/g) ?? []).toHaveLength(
      shop ? 1 : 0,
    );
    expect(html.match(/<shop-header[^>]*>/g) ?? []).toEqual(
      shop ? [`<shop-header current="${shop}">`] : [],
    );
    expect(html).not.toMatch(/\{\{|<!--#/);
  });

  it("serves the other files as they are and not the layout", () => {
    expect(existsSync(join(served, LAYOUT))).toBe(false);
    expect(readFileSync(join(served, "shop.js"), "utf8")).toBe(
      readFileSync(join(DEMO, "shop.js"), "utf8"),
    );
  });

  it("refuses an attribute the layout has no place for; a page without the comment is kept", () => {
    const typo = '<!--#layout\n  titel="Typo"\n-->\n    <p>x</p>\n';
    expect(() => renderPage(typo, layout, "typo")).toThrow(/no \{\{titel\}\}/);
    expect(renderPage("<!doctype html><p>$&</p>\n", layout, "plain")).toBe(
      "<!doctype html><p>$&</p>\n",
    );
    // The page's text is put in as it is: `$&` is no replacement pattern.
    const page = renderPage('<!--#layout\n  title="t"\n-->\n    <p>$&</p>\n', layout, "page");
    expect(page).toContain('<link rel="stylesheet" href="page.css" />');
    expect(page).toContain("    <p>$&</p>\n  </body>\n</html>\n");
  });
});
