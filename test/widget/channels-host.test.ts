/**
 * The chooser on hostile host pages: a strict CSP with Trusted Types (no inline style, the
 * chooser's styles adopted, no violation) over a reset-heavy stylesheet, and a page that refuses
 * the widget's policy (no chooser: the plain link opens the first app, still with its ref).
 */
import { describe, expect, test } from "vitest";
import { PHONE, useBrowser } from "./harness";
import { type HostVisit, hostPage, hostVisit, SHOP, TT_CHATREF, TT_NONE } from "./host-pages";

const chromium = useBrowser();

const APPS = { telegram: "lumen_demo_bot", messenger: "lumen.coffee" };

async function withHost(csp: string, fn: (v: HostVisit) => Promise<void>): Promise<void> {
  const pages = { "/": hostPage({ head: '<link rel="stylesheet" href="/host.css">', data: APPS }) };
  const v = await hostVisit(chromium.browser, { pages, csp }, PHONE);
  await v.context.route(/^https:\/\/(t\.me|m\.me)\//, (route) =>
    route.fulfill({ body: "<title>App</title>chat", contentType: "text/html" }),
  );
  try {
    await v.page.goto(`${SHOP}/`);
    await v.page.waitForFunction(() => customElements.get("chatref-button") !== undefined);
    await fn(v);
  } finally {
    await v.close();
  }
}

/** Waits for `count` beacons (sendBeacon is asynchronous). */
async function beacons(v: HostVisit, count: number) {
  await expect.poll(() => v.beacons.length).toBeGreaterThanOrEqual(count);
  return v.beacons;
}

describe("chooser on host pages", () => {
  test("strict CSP and Trusted Types: styled by adopted sheets, no violation, opens Messenger", () =>
    withHost(TT_CHATREF, async (v) => {
      await v.page.getByRole("link", { name: "Chat with us" }).click();
      const dialog = v.page.getByRole("dialog", { name: "Chat with us" });
      await dialog.waitFor();
      const link = dialog.getByRole("link", { name: "Messenger" });
      // The chooser's own sheet wins over the page's `a { all: unset }`.
      const style = await link.evaluate((a) => {
        const s = getComputedStyle(a);
        return { display: s.display, minHeight: s.minHeight };
      });
      expect(style).toEqual({ display: "flex", minHeight: "48px" });
      const popup = v.context.waitForEvent("page");
      await link.click();
      const tab = await popup;
      await tab.waitForLoadState("domcontentloaded");
      const [beacon] = await beacons(v, 1);
      expect(beacon).toMatchObject({ channel: "messenger", placement: "button" });
      expect(tab.url()).toBe(`https://m.me/lumen.coffee?ref=${beacon?.ref}`);
      expect(await v.violations()).toEqual([]);
      expect(v.pageErrors).toEqual([]);
    }));

  test("page code cannot get the chatref policy through window.__chatref; lit-html still does", () =>
    withHost(TT_CHATREF, async (v) => {
      // What a script on the page would try: arm the hand-over, then ask for any policy.
      const steal = () =>
        v.page.evaluate(() => {
          const w = window as unknown as {
            __chatref: { rt: { lendPolicy(): void } };
            trustedTypes: { createPolicy(name: string, rules: object): { name: string } };
          };
          w.__chatref.rt.lendPolicy();
          try {
            return w.trustedTypes.createPolicy("stolen", {}).name;
          } catch {
            return "refused";
          }
        });
      expect(await steal()).toBe("refused");
      // widget-ui.js's lit-html still gets the policy: the chooser renders.
      await v.page.getByRole("link", { name: "Chat with us" }).click();
      await v.page
        .getByRole("dialog", { name: "Chat with us" })
        .getByRole("link")
        .first()
        .waitFor();
      expect(await steal()).toBe("refused");
      expect(v.pageErrors).toEqual([]);
    }));

  test("Trusted Types refused: no chooser, the plain link opens the first app with its ref", () =>
    withHost(TT_NONE, async (v) => {
      const link = v.page.locator("chatref-button").getByRole("link", { name: "Chat with us" });
      const popup = v.context.waitForEvent("page");
      await link.click();
      const tab = await popup;
      await tab.waitForLoadState("domcontentloaded");
      const [beacon] = await beacons(v, 1);
      expect(beacon?.channel).toBe("whatsapp");
      expect(decodeURIComponent(tab.url())).toContain(beacon?.ref.slice(0, 5) ?? "?");
      expect(new URL(tab.url()).host).toBe("wa.me");
      await expect(v.page.getByRole("dialog").count()).resolves.toBe(0);
      expect(v.pageErrors).toEqual([]);
    }));
});
