/**
 * The desktop hand-off through the real worker (`npm start`): a desktop visit to the demo shop
 * with newsletter UTM tags taps the button, the QR in the panel is read from a screenshot, its
 * text is delivered from another phone as a signed webhook, and the lead read back through the
 * API is attributed by that ref to the desktop visit's tags. Also: the landing page at `/`.
 */
import { describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { findRefCandidates } from "../../worker/attribution/ref-matcher";
import { landed, nextBeacon, openVisit, pageErrors, runPhone } from "../support/demo-visit";
import { DEMO, sendWhatsApp, useLocalProduct, waitForLead } from "../support/local-worker";
import { DESKTOP, readQr } from "../widget/harness";

const product = useLocalProduct();

describe("desktop QR hand-off (e2e)", () => {
  it("desktop visit → QR panel → phone sends the scanned text → lead with the visit's tags", async () => {
    const { context, page, errors } = await openVisit(product.browser, DESKTOP);
    const qrChunk: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/widget-qr.js")) qrChunk.push(r.url());
    });
    const query = "utm_source=newsletter&utm_medium=email&utm_campaign=black-friday";
    await page.goto(`${product.worker.base}/demo/?${query}`);
    await page.waitForFunction(() => customElements.get("chatref-button") !== undefined);
    // The demo page has a <chatref-qr>, so widget-qr.js comes at start; the panel reuses it.

    const beacon = nextBeacon(page);
    await page.locator("#hero-chat").getByRole("link").click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(qrChunk).toEqual([expect.stringMatching(/\/widget-qr\.js\?v=[0-9a-f]{10}$/)]);
    expect(context.pages()).toHaveLength(1); // no navigation on a desktop

    const { sent, status } = await landed(beacon);
    expect(sent).toMatchObject({ site: DEMO.site, placement: "qr_panel" });
    expect(status).toBeLessThan(300);

    const scanned = await readQr(dialog.locator("[part=qr]"));
    if (!scanned) throw new Error("the panel's QR did not decode");
    const chatUrl = new URL(scanned);
    expect(chatUrl.origin + chatUrl.pathname).toBe(`https://wa.me/${DEMO.number}`);
    const text = chatUrl.searchParams.get("text") ?? "";
    expect(text).toContain(formatRef(sent.ref));
    expect(findRefCandidates(text)).toEqual([sent.ref]);
    await expect(
      dialog.getByRole("link", { name: /WhatsApp Web/ }).getAttribute("href"),
    ).resolves.toBe(scanned);

    // The phone that scanned the code is not the desktop: a new number, no cookies, no visit.
    const phone = runPhone("1777");
    const res = await sendWhatsApp(product.worker.base, phone, text);
    expect(res.status).toBe(200);
    const lead = await waitForLead(product.worker.base, phone);
    expect(lead).toMatchObject({
      attribution: "ref",
      ref: sent.ref,
      contact: { wa_id: phone },
      touch: { utm_source: "newsletter", utm_medium: "email", utm_campaign: "black-friday" },
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the Worker's root is a landing page under a strict CSP, with a favicon", async () => {
    const context = await product.browser.newContext(DESKTOP);
    const page = await context.newPage();
    const problems = pageErrors(page);
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    const answer = await page.goto(`${product.worker.base}/`);
    expect(answer?.status()).toBe(200);
    expect(answer?.headers()["content-security-policy"]).toContain("default-src 'none'");
    await expect
      .poll(() => page.getByRole("link", { name: "Dashboard" }).getAttribute("href"))
      .toBe("/dashboard/");
    // The stylesheet applied (a CSP or path mistake would leave the default margin).
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe("0px");
    const icon = await fetch(`${product.worker.base}/favicon.ico`, { redirect: "manual" });
    expect([icon.status, icon.headers.get("location")]).toEqual([301, "/favicon.svg"]);
    const svg = await fetch(`${product.worker.base}/favicon.svg`);
    expect(svg.headers.get("content-type")).toContain("image/svg+xml");
    expect(problems).toEqual([]);
    await context.close();
  });
});
