/**
 * Host pages the widget must survive, for host-pages.test.ts: a shop at https://shop.test that
 * embeds widget.js from the chatref origin (https://cdn.chatref.test, which also takes the
 * beacons), with its Content-Security-Policy sent as a real response header, a reset-heavy
 * stylesheet with hostile rules, an RTL layout, or the shop inside an iframe of another site.
 * Everything a case needs to check is recorded from the first script of every document.
 */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import type { ClickBeacon } from "../../widget/protocol/click-beacon";
import { clickResponse, openPage, type PageLog, widgetFiles } from "./harness";

/** The host page's origin. */
export const SHOP = "https://shop.test";
/** The chatref Worker's origin: widget.js, widget-qr.js and POST /v1/clicks. */
export const CHATREF = "https://cdn.chatref.test";
/** Another site that frames the shop. */
export const PORTAL = "https://portal.test";

/** A strict policy: no inline script or style, chatref allowed to load scripts and beacon. */
export const STRICT_CSP = [
  "default-src 'none'",
  `script-src 'self' ${CHATREF}`,
  `connect-src ${CHATREF}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  `frame-ancestors 'self' ${PORTAL}`,
].join("; ");

/** Trusted Types enforced, with the widget's policy allowed. */
export const TT_CHATREF = `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types chatref`;

/**
 * Trusted Types enforced, no policy allowed; the names a site lists are its own. The widget
 * cannot create `chatref`: it must fall back to a plain link and say what to add.
 */
export const TT_NONE = `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types host-app`;

/**
 * A Tailwind-preflight / Bootstrap-reboot-like reset, then the hostile rules of issue 20 and a few
 * more: inherited text properties that would leak into a widget that does not reset them, and
 * a fixed overlay over the bottom corners that competes with the floating button.
 */
export const HOSTILE_CSS = `
*, ::before, ::after { box-sizing: border-box; border: 0 solid; margin: 0; padding: 0; }
html { font-size: 62.5%; line-height: 1.5; -webkit-text-size-adjust: 100%; tab-size: 4;
  font-family: Georgia, serif; }
body { margin: 0; font-size: 2.2rem; line-height: 3; font-weight: 300; color: #212529;
  background: #fff; }
a { color: inherit; text-decoration: inherit; }
button, input, select, textarea { font: inherit; letter-spacing: inherit; color: inherit;
  background: transparent; border-radius: 0; }
img, svg, video, canvas, iframe { display: block; vertical-align: middle; max-width: 100%; }
svg { width: 100px; height: 100px; }
dialog { padding: 0; border: 0; }
[hidden] { display: none; }
h1, h2, p { font-size: inherit; font-weight: inherit; margin: 0 0 1rem; }
/* Issue 20's hostile rules. */
body { text-transform: uppercase; letter-spacing: 6px; direction: rtl; }
button, a { all: unset; }
* { box-sizing: content-box !important; }
/* More of the same; important rules on "*" reach the widget's host element itself. */
* { text-transform: uppercase !important; letter-spacing: 3px !important;
  text-shadow: 0 0 1px blue !important; }
body { word-spacing: 12px; text-shadow: 0 0 2px red; font-style: italic; white-space: pre;
  text-align: justify; text-indent: 40px; font-variant: small-caps; cursor: crosshair; }
.spacer { height: 400px; }
.overlay { position: fixed; inset: auto 0 0 0; height: 120px; z-index: 999999;
  background: rgb(255 0 0 / 0.3); }
`;

/**
 * The page's own app (/host-app.js), which creates a `lit-html` Trusted Types policy of its own,
 * as a page built with Lit does, once widget.js has run (at `load`): had the widget taken that
 * name, this would throw into the page.
 */
const HOST_APP_JS = `addEventListener("load", () => {
  window.hostPolicy = trustedTypes.createPolicy("lit-html", { createHTML: (s) => s });
});`;

/** What the page serves: HTML with an optional CSP header, /host.css and /host-app.js. */
export interface HostSite {
  /** path → HTML of the shop. */
  pages: Record<string, string>;
  /** The shop's Content-Security-Policy response header, when it has one. */
  csp?: string;
  /** Pages of the portal that frames the shop (no CSP). */
  portal?: Record<string, string>;
  /** More of the shop's own scripts: path → JavaScript (a strict CSP allows 'self'). */
  scripts?: Record<string, string>;
}

/** The shop's HTML: `head` markup, `body` markup, then widget.js from the chatref origin. */
export function hostPage(options: {
  head?: string;
  body?: string;
  html?: string;
  data?: Record<string, string>;
}): string {
  const data = { site: "demo", number: "15550001111", ...options.data };
  const attrs = Object.entries(data)
    .map(([k, v]) => ` data-${k}="${v}"`)
    .join("");
  return `<!doctype html><html ${options.html ?? 'lang="en"'}><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>Lumen Coffee</title>${options.head ?? ""}</head><body><h1>Lumen Coffee</h1>
${options.body ?? ""}<script src="${CHATREF}/widget.js"${attrs} async></script></body></html>`;
}

/** What a visit recorded (PageLog), and from the first script of every document, in every frame. */
export interface HostVisit extends PageLog {
  /** The console's warnings and errors (CSP and Trusted Types refusals are logged as errors). */
  console: string[];
  /** `securitypolicyviolation` events of all frames: "directive blockedURI". */
  violations(): Promise<string[]>;
  /** `chatref:*` events of all frames. */
  events(): Promise<{ type: string; detail: { code?: string; ref?: string; url?: string } }[]>;
}

/** Opens a visitor on `site` with `device`; navigate with `page.goto`. */
export async function hostVisit(
  browser: Browser,
  site: HostSite,
  device: BrowserContextOptions,
): Promise<HostVisit> {
  const log = await openPage(browser, device);
  const { context, page } = log;
  await context.addInitScript(() => {
    const w = window as unknown as { __seen: { violations: string[]; events: unknown[] } };
    w.__seen = { violations: [], events: [] };
    document.addEventListener(
      "securitypolicyviolation",
      (e) => w.__seen.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      true,
    );
    for (const type of ["chatref:click", "chatref:error"]) {
      document.addEventListener(type, (e) =>
        w.__seen.events.push({ type, detail: (e as CustomEvent).detail }),
      );
    }
  });
  const visit: HostVisit = {
    ...log,
    console: log.warnings,
    violations: () => collect(page, "violations") as Promise<string[]>,
    events: () => collect(page, "events") as ReturnType<HostVisit["events"]>,
  };
  const files = widgetFiles();
  const headers = site.csp ? { "content-security-policy": site.csp } : undefined;
  await context.route(`${SHOP}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === "/host.css") return route.fulfill({ body: HOSTILE_CSS, contentType: "text/css" });
    if (path === "/host-app.js") {
      return route.fulfill({ body: HOST_APP_JS, contentType: "text/javascript" });
    }
    const script = site.scripts?.[path];
    if (script !== undefined)
      return route.fulfill({ body: script, contentType: "text/javascript" });
    const html = site.pages[path];
    if (html === undefined) return route.fulfill({ status: 404, body: "not found" });
    return route.fulfill({ body: html, contentType: "text/html", headers });
  });
  await context.route(`${PORTAL}/**`, (route) => {
    const html = site.portal?.[new URL(route.request().url()).pathname];
    return route.fulfill({ status: html ? 200 : 404, body: html ?? "", contentType: "text/html" });
  });
  await context.route(`${CHATREF}/**`, (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    const file = files.get(path);
    if (file) return route.fulfill({ body: file, contentType: "text/javascript" });
    if (path === "/v1/clicks" && request.method() === "POST") {
      visit.beacons.push(JSON.parse(request.postData() ?? "null") as ClickBeacon);
      return route.fulfill(clickResponse(request.headers().origin));
    }
    return route.fulfill({ status: 404, body: "not found" });
  });
  await context.route("https://wa.me/**", (route) =>
    route.fulfill({ body: "<title>WhatsApp</title>chat", contentType: "text/html" }),
  );
  return visit;
}

/** One list of what every frame of `page` recorded. */
async function collect(page: Page, key: "violations" | "events"): Promise<unknown[]> {
  const lists = await Promise.all(
    page
      .frames()
      .map((frame) =>
        frame
          .evaluate(
            (k) => (window as unknown as { __seen?: Record<string, unknown[]> }).__seen?.[k] ?? [],
            key,
          )
          .catch(() => []),
      ),
  );
  return lists.flat();
}

/** Waits until `count` beacons arrived (sendBeacon is asynchronous). */
export async function beaconsAfter(visit: HostVisit, count: number): Promise<ClickBeacon[]> {
  const deadline = Date.now() + 5000;
  while (visit.beacons.length < count && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
  }
  return visit.beacons;
}
