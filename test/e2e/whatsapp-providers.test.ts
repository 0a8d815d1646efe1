/**
 * WhatsApp through a provider, end to end on `npm start`: a phone-sized visit with UTM tags taps
 * the demo page's WhatsApp button, and the opened wa.me link's text reaches the Worker as Twilio
 * posts it (a form signed over the URL the request was made to); the lead read back through the
 * API carries the visit's tags and says Twilio. Then the phone simulator's "via Twilio" and
 * "via 360dialog" modes, whose signing runs in the browser (demo/phone-providers.js).
 */
import { describe, expect, it } from "vitest";
import { landed, pageErrors, runPhone, tapDemoWhatsApp } from "../support/demo-visit";
import { sendTwilio, useLocalProduct, waitForLead } from "../support/local-worker";
import { PHONE } from "../widget/harness";

const product = useLocalProduct();

describe("WhatsApp providers (e2e)", () => {
  it("phone visit with UTM tags → tap WhatsApp → signed Twilio form → lead with those tags", async () => {
    const { context, errors, beacon, text, ref } = await tapDemoWhatsApp(
      product.browser,
      PHONE,
      product.worker.base,
      "utm_source=facebook&utm_medium=paid_social&utm_campaign=twilio-e2e",
    );
    await landed(beacon);
    await new Promise((r) => setTimeout(r, 300));

    const phone = runPhone();
    const res = await sendTwilio(product.worker.base, phone, text);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<Response/>");
    const lead = await waitForLead(product.worker.base, phone);
    expect(lead).toMatchObject({
      channel: "whatsapp",
      provider: "twilio",
      attribution: "ref",
      ref,
      contact: { wa_id: phone, name: "E2E Tester" },
      touch: { utm_source: "facebook", utm_medium: "paid_social", utm_campaign: "twilio-e2e" },
    });
    // What is signed is the URL the request was made to, whichever host name reached the Worker.
    const viaLocalhost = product.worker.base.replace("127.0.0.1", "localhost");
    expect((await sendTwilio(viaLocalhost, phone, "again")).status).toBe(200);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const [mode, provider] of [
    ["twilio", "twilio"],
    ["360dialog", "360dialog"],
  ] as const) {
    it(`the phone simulator sends WhatsApp via ${provider}, signed in the browser`, async () => {
      const page = await product.browser.newPage();
      const errors = pageErrors(page);
      await page.goto(`${product.worker.base}/demo/phone.html`);
      await page.selectOption("#identity", mode);
      const phone = runPhone("1556");
      await page.fill("#from", phone);
      await page.fill("#text", `Hello from ${provider}`);
      await page.click("#send");
      await expect
        .poll(() => page.textContent("#result-status"), { timeout: 15_000 })
        .toMatch(/New lead|already had a lead/);
      const lead = await waitForLead(product.worker.base, phone);
      expect(lead).toMatchObject({ channel: "whatsapp", provider, contact: { wa_id: phone } });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
