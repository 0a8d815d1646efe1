/**
 * The whole loop through the built widget.js on the demo page: a phone-sized visit with UTM tags
 * taps the button, the opened wa.me link's text is delivered as a signed webhook, and the lead
 * read back through the API carries that visit's tags.
 */
import { describe, expect, it } from "vitest";
import { findRefCandidates } from "../../worker/attribution/ref-matcher";
import { DEMO, sendWhatsApp, useLocalProduct, waitForLead } from "../support/local-worker";

const product = useLocalProduct();

describe("attribution loop (e2e)", () => {
  it("phone visit with UTM tags → tap → WhatsApp message → lead with those tags", async () => {
    const context = await product.browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      userAgent:
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
    });
    await context.route("https://wa.me/**", (route) =>
      route.fulfill({ contentType: "text/html", body: "<h1>WhatsApp</h1>" }),
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const query =
      "utm_source=google&utm_medium=cpc&utm_campaign=spring-sale&utm_content=hero&gclid=E2E-gclid_123";
    await page.goto(`${product.worker.base}/demo/?${query}`);

    const beacon = page.waitForRequest(
      (r) => r.url().endsWith("/v1/clicks") && r.method() === "POST",
    );
    const popup = context.waitForEvent("page");
    await page
      .getByRole("link", { name: /whatsapp/i })
      .first()
      .tap();
    const chat = await popup;
    const chatUrl = new URL(chat.url());
    expect(chatUrl.host).toBe("wa.me");
    expect(chatUrl.pathname).toBe(`/${DEMO.number}`);
    const text = chatUrl.searchParams.get("text") ?? "";
    const [ref] = findRefCandidates(text);
    expect(ref).toBeDefined();
    const sent = JSON.parse((await beacon).postData() ?? "{}");
    expect(sent).toMatchObject({ site: DEMO.site, ref, placement: "button" });
    // Let the beacon land before the message arrives (a person takes longer than this).
    await (await beacon).response().catch(() => null);
    await new Promise((r) => setTimeout(r, 300));

    const phone = `1555${Date.now().toString().slice(-7)}`;
    const res = await sendWhatsApp(product.worker.base, phone, text);
    expect(res.status).toBe(200);
    const lead = await waitForLead(product.worker.base, phone);
    expect(lead).toMatchObject({
      attribution: "ref",
      ref,
      contact: { wa_id: phone, name: "E2E Tester" },
      touch: {
        utm_source: "google",
        utm_medium: "cpc",
        utm_campaign: "spring-sale",
        utm_content: "hero",
        gclid: "E2E-gclid_123",
      },
    });
    expect(String((lead.touch as Record<string, string>).landing_url)).toContain(
      "utm_campaign=spring-sale",
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
