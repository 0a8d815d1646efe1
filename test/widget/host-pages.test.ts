/**
 * The widget on host pages it does not control (issue 20), against the built widget.js and
 * widget-qr.js served from the chatref origin: no CSP; a strict CSP without inline styles (sent
 * as a response header); Trusted Types enforced with the `chatref` policy allowed, next to a page
 * that has its own `lit-html` policy, and with no policy allowed; a reset-heavy, hostile
 * stylesheet; an RTL page; the shop inside another site's iframe; a 200 % zoom with reduced
 * motion; a phone. Each case: no page error, no CSP violation (but the one refusal a page that
 * allows no policy reports), the buttons, the inline QR and the desktop panel at their designed
 * sizes, and a tap opens the chat carrying the ref of exactly one beacon. Screenshots of every
 * case are written to /tmp/host-<case>*.png for a person to look at.
 */
import type { BrowserContextOptions, Frame, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { tabFrom } from "./channel-harness";
import { DESKTOP, decodePng, PHONE, useBrowser } from "./harness";
import { type ButtonLook, HOST_TYPE_KEPT_OUT, measureButtons, measurePanel } from "./host-measure";
import {
  beaconsAfter,
  type HostSite,
  type HostVisit,
  hostPage,
  hostVisit,
  PORTAL,
  SHOP,
  STRICT_CSP,
  TT_CHATREF,
  TT_NONE,
} from "./host-pages";

const chromium = useBrowser();

const MENU = "https://shop.test/menu";
/** An inline button, and an inline QR with a fixed value (drawn, but no ref and no beacon). */
const BODY = `<main><p>Fresh beans every morning.</p>
<chatref-button id="hero" label="Ask a barista"></chatref-button>
<chatref-qr id="qr" value="${MENU}"></chatref-qr><div class="spacer"></div></main>`;
const HOSTILE_HEAD = '<link rel="stylesheet" href="/host.css">';

interface Case {
  name: string;
  site: HostSite;
  device?: BrowserContextOptions;
  /** The shop is framed by the portal's page. */
  framed?: boolean;
  /** The page refuses the widget's Trusted Types policy. */
  refused?: boolean;
  /** The label the buttons show, and the language direction expected inside them. */
  label?: string;
  dir?: "ltr" | "rtl";
}

const shop = (options: Parameters<typeof hostPage>[0] = {}) => ({
  "/": hostPage({ body: BODY, ...options }),
});

const CASES: Case[] = [
  { name: "no-csp", site: { pages: shop() } },
  { name: "strict-csp", site: { pages: shop(), csp: STRICT_CSP } },
  { name: "trusted-types", site: { pages: shop(), csp: TT_CHATREF } },
  {
    name: "trusted-types-next-to-lit",
    site: {
      pages: shop({ head: `<script src="/host-app.js"></script>` }),
      csp: TT_CHATREF.replace("trusted-types chatref", "trusted-types lit-html chatref"),
    },
  },
  { name: "trusted-types-refused", site: { pages: shop(), csp: TT_NONE }, refused: true },
  {
    name: "hostile-css",
    site: { pages: shop({ head: HOSTILE_HEAD, body: `${BODY}<div class="overlay"></div>` }) },
  },
  {
    name: "hostile-css-strict-csp",
    site: { pages: shop({ head: HOSTILE_HEAD }), csp: TT_CHATREF },
  },
  {
    name: "rtl-page",
    site: { pages: shop({ html: 'lang="ar" dir="rtl"' }) },
    label: "تواصل عبر واتساب",
    dir: "rtl",
  },
  {
    name: "iframe",
    framed: true,
    site: {
      pages: shop(),
      csp: STRICT_CSP,
      portal: {
        "/": `<!doctype html><title>Portal</title><h1>Portal</h1><iframe src="${SHOP}/" width="900" height="700"></iframe>`,
      },
    },
  },
  {
    name: "zoom-200-reduced-motion",
    site: { pages: shop({ head: HOSTILE_HEAD }), csp: STRICT_CSP },
    // A 1280 × 800 window at 200 %: 640 × 400 CSS pixels.
    device: {
      ...DESKTOP,
      viewport: { width: 640, height: 400 },
      deviceScaleFactor: 2,
      reducedMotion: "reduce",
    },
  },
  { name: "phone-trusted-types", site: { pages: shop(), csp: TT_CHATREF }, device: PHONE },
];

/** The button as designed, whatever the page: measured on the page without any CSP. */
let reference: ButtonLook | undefined;

async function scope(visit: HostVisit, framed?: boolean): Promise<Page | Frame> {
  if (!framed) return visit.page;
  await visit.page.waitForSelector("iframe");
  const frame = visit.page.frames().find((f) => f.url().startsWith(SHOP));
  if (!frame) throw new Error("no shop frame");
  return frame;
}

describe("host pages: strict CSP, Trusted Types, hostile CSS", () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const device = c.device ?? DESKTOP;
      const phone = device.isMobile === true;
      const visit = await hostVisit(chromium.browser, c.site, device);
      try {
        await visit.page.goto(c.framed ? `${PORTAL}/` : `${SHOP}/`);
        const page = await scope(visit, c.framed);
        const look = await measureButtons(page);
        const shot = `/tmp/host-${c.name}`;
        await visit.page.screenshot({ path: `${shot}.png` });

        // The buttons: the designed box, the page's typography kept out, the language's direction.
        const label = c.label ?? "Chat on WhatsApp";
        const dir = c.dir ?? "ltr";
        for (const button of [look.floating, look.inline]) {
          expect(button.height).toBe(48);
          expect(button.icon).toEqual({ width: 24, height: 24 });
          expect(button.text).toEqual({
            fontSize: "16px",
            fontWeight: "600",
            fontStyle: "normal",
            ...HOST_TYPE_KEPT_OUT,
            textIndent: "0px",
            whiteSpace: "nowrap",
            direction: dir,
          });
          // The icon sits at the start of the label, as the language reads.
          expect(button.iconFirst).toBe(dir === "ltr");
        }
        expect(look.floating.label).toBe(label);
        expect(look.inline.label).toBe("Ask a barista");
        // Fixed 20 px from the bottom and the inline-end corner, above the page's own overlays.
        expect(look.floating.gap).toEqual({ right: 20, bottom: 20 });
        expect(look.floating.onTop).toBe(true);
        expect(look.floating.animation).toBe(
          device.reducedMotion === "reduce" ? "none" : "chatref-in",
        );
        if (c.name === "no-csp") reference = look;
        if (reference && !c.label) expect(look.floating.width).toBe(reference.floating.width);

        // The inline QR: drawn at its reserved size, or (refused policy) only the reserved square.
        expect(look.qr.host).toEqual({ width: 176, height: 176 });
        if (c.refused) {
          expect(look.qr.drawn).toBe(false);
        } else {
          expect(look.qr.drawn).toBe(true);
          const qr = await page.locator("#qr").screenshot({ path: `${shot}-qr.png` });
          expect(decodePng(qr)).toBe(MENU);
        }

        // The tap: the chat carries the ref of the one beacon.
        const hero = page.locator("#hero").getByRole("link", { name: "Ask a barista" });
        let chat: URL;
        if (phone || c.refused) {
          chat = await tabFrom(visit, () => hero.click());
        } else {
          await hero.click();
          const dialog = page.getByRole("dialog", { name: "Ask a barista" });
          await dialog.waitFor();
          const panel = await measurePanel(page);
          await visit.page.screenshot({ path: `${shot}-panel.png` });
          const fits = device.viewport && device.viewport.width < 416;
          expect(panel.dialog.width).toBe(fits ? (device.viewport?.width ?? 0) - 32 : 384);
          expect(panel.inViewport).toBe(true);
          expect(panel.code).toEqual({ width: 240, height: 240 });
          expect(panel.close).toEqual({ width: 40, height: 40 });
          expect(panel.icon).toEqual({ width: 24, height: 24 });
          expect(panel.text).toEqual({
            fontSize: "17px",
            ...HOST_TYPE_KEPT_OUT,
          });
          const decoded = decodePng(await dialog.locator("[part=qr]").screenshot());
          const web = dialog.locator("[part=web]");
          expect(decoded).toBe(await web.getAttribute("href"));
          chat = await tabFrom(visit, () => web.click());
          expect(chat.href).toBe(new URL(decoded ?? "").href);
        }
        await visit.page.waitForTimeout(300);
        const beacons = await beaconsAfter(visit, 1);
        expect(beacons).toHaveLength(1);
        const [beacon] = beacons;
        expect(beacon?.placement).toBe(phone || c.refused ? "button" : "qr_panel");
        expect(chat.host).toBe("wa.me");
        expect(chat.searchParams.get("text")).toContain(formatRef(beacon?.ref ?? "-"));

        // Nothing thrown, nothing refused; a refused policy is said once, with the directive.
        expect(visit.pageErrors).toEqual([]);
        if (c.name === "trusted-types-next-to-lit") {
          expect(await page.evaluate(() => "hostPolicy" in window)).toBe(true);
        }
        const errors = (await visit.events()).filter((e) => e.type === "chatref:error");
        const warnings = visit.console.filter((m) => m.startsWith("[chatref]"));
        const refusals = visit.console.filter(
          (m) => !m.startsWith("[chatref]") && /Content Security Policy|Trusted ?Type/i.test(m),
        );
        if (c.refused) {
          expect(await visit.violations()).toEqual(["trusted-types trusted-types-policy"]);
          expect(errors.map((e) => e.detail.code)).toEqual(["trusted_types", "trusted_types"]);
          expect(warnings).toHaveLength(1);
          expect(warnings[0]).toContain("trusted-types chatref");
          expect(refusals, refusals.join("\n")).toHaveLength(1);
        } else {
          expect(await visit.violations()).toEqual([]);
          expect(errors).toEqual([]);
          expect(warnings).toEqual([]);
          expect(refusals).toEqual([]);
        }
      } finally {
        await visit.close();
      }
    });
  }
});
