/**
 * Messenger and Instagram through the built widget.js on the demo page: a phone-sized visit with
 * UTM tags opens the chooser, taps the app, the opened m.me / ig.me link carries the visit's ref
 * in `?ref=`, Get Started's postback with that ref reaches the signed webhook, and the lead read
 * back through the API carries the visit's tags.
 */
import { describe, expect, it } from "vitest";
import { isValidRef } from "../../widget/protocol/ref-codec";
import {
  landed,
  nextBeacon,
  openVisit,
  pageErrors,
  postDemoBeacon,
  tapToChat,
} from "../support/demo-visit";
import { DEMO, sendMessenger, useLocalProduct } from "../support/local-worker";
import { PHONE } from "../widget/harness";

const product = useLocalProduct();

/** Polls the leads API until the lead with this ref appears. */
async function leadWithRef(ref: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${product.worker.base}/api/v1/leads?limit=50`, {
      headers: { authorization: `Bearer ${DEMO.apiKey}` },
    });
    const page = (await res.json()) as { data: Record<string, unknown>[] };
    const lead = page.data.find((l) => l.ref === ref);
    if (lead) return lead;
    if (Date.now() > deadline) throw new Error(`no lead with ref ${ref} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const APPS = [
  { app: "messenger", name: "Messenger", host: "m.me", path: `/${DEMO.messenger.page}` },
  { app: "instagram", name: "Instagram", host: "ig.me", path: `/m/${DEMO.instagram.username}` },
] as const;

describe("Messenger and Instagram loop (e2e)", () => {
  it.each(APPS)(
    "phone visit with UTM tags → chooser → $name → ?ref= → Get Started → lead with those tags",
    async ({ app, name, host, path }) => {
      const { context, page, errors } = await openVisit(product.browser, PHONE, { [host]: name });
      await page.goto(
        `${product.worker.base}/demo/?utm_source=fb&utm_medium=paid_social&utm_campaign=${app}-may`,
      );
      await page.getByRole("link", { name: "Chat with us" }).first().tap();
      const beacon = nextBeacon(page);
      const chat = await tapToChat(
        page,
        page.getByRole("dialog").getByRole("link", { name, exact: true }),
      );
      expect(chat.host).toBe(host);
      expect(chat.pathname).toBe(path);
      const ref = chat.searchParams.get("ref") ?? "";
      expect(isValidRef(ref)).toBe(true);
      const { sent } = await landed(beacon);
      expect(sent).toMatchObject({ site: DEMO.site, ref, channel: app });

      const sender = String(24_000_000_000_000 + (Date.now() % 1e9));
      const res = await sendMessenger(product.worker.base, app, sender, ref);
      expect(res.status).toBe(200);
      expect(await leadWithRef(ref)).toMatchObject({
        channel: app,
        provider: app,
        attribution: "ref",
        ref,
        touch: { utm_source: "fb", utm_medium: "paid_social", utm_campaign: `${app}-may` },
      });
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it("the phone simulator sends Get Started from a pasted m.me link, signed in the browser", async () => {
    const base = product.worker.base;
    const ref = await postDemoBeacon(base, {
      lang: "en",
      channel: "messenger",
      touch: { utm_source: "phone-sim", utm_medium: "demo" },
    });
    const page = await product.browser.newPage();
    const errors = pageErrors(page);
    await page.goto(`${base}/demo/phone.html`);
    await page.fill("#from", String(25_000_000_000_000 + (Date.now() % 1e9)));
    await page.fill("#text", `https://m.me/${DEMO.messenger.page}?ref=${ref}`);
    await expect.poll(() => page.inputValue("#identity")).toBe("messenger");
    await page.click("#send");
    await expect
      .poll(() => page.textContent("#result-status"), { timeout: 15_000 })
      .toMatch(/New lead|already had a lead/);
    expect(await leadWithRef(ref)).toMatchObject({
      channel: "messenger",
      attribution: "ref",
      touch: { utm_source: "phone-sim", utm_medium: "demo" },
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
