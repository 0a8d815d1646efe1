/**
 * The whole loop through the built widget.js on the demo page: a phone-sized visit with UTM tags
 * taps the button, the opened wa.me link's text is delivered as a signed webhook, and the lead
 * read back through the API carries that visit's tags. The same for Telegram: the t.me link's
 * start parameter is the ref, and Telegram's `/start <ref>` reaches the demo bot's webhook.
 */
import { describe, expect, it } from "vitest";
import { isValidRef } from "../../widget/protocol/ref-codec";
import { findRefCandidates } from "../../worker/attribution/ref-matcher";
import {
  DEMO,
  sendTelegram,
  sendWhatsApp,
  useLocalProduct,
  waitForLead,
} from "../support/local-worker";
import { PHONE } from "../widget/harness";

const product = useLocalProduct();

describe("attribution loop (e2e)", () => {
  it("phone visit with UTM tags → tap → WhatsApp message → lead with those tags", async () => {
    const context = await product.browser.newContext(PHONE);
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

  it("phone visit with UTM tags → tap Telegram → /start <ref> → lead with those tags", async () => {
    const context = await product.browser.newContext(PHONE);
    await context.route("https://t.me/**", (route) =>
      route.fulfill({ contentType: "text/html", body: "<h1>Telegram</h1>" }),
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(
      `${product.worker.base}/demo/?utm_source=vk&utm_medium=cpc&utm_campaign=winter`,
    );
    const beacon = page.waitForRequest(
      (r) => r.url().endsWith("/v1/clicks") && r.method() === "POST",
    );
    const popup = context.waitForEvent("page");
    await page.getByRole("link", { name: "Ask in Telegram" }).tap();
    const chat = new URL((await popup).url());
    expect(chat.host).toBe("t.me");
    expect(chat.pathname).toBe(`/${DEMO.telegram.bot}`);
    const ref = chat.searchParams.get("start") ?? "";
    expect(isValidRef(ref)).toBe(true);
    const sent = JSON.parse((await beacon).postData() ?? "{}");
    expect(sent).toMatchObject({ site: DEMO.site, ref, channel: "telegram" });
    await (await beacon).response().catch(() => null);

    const userId = 700_000_000 + (Date.now() % 1e8);
    const username = `e2e_${userId}`;
    const res = await sendTelegram(product.worker.base, userId, username, `/start ${ref}`);
    expect(res.status).toBe(200);
    const lead = await waitForLead(
      product.worker.base,
      username,
      10_000,
      (contact) => contact.username === username,
    );
    expect(lead).toMatchObject({
      channel: "telegram",
      provider: "telegram",
      attribution: "ref",
      ref,
      touch: { utm_source: "vk", utm_medium: "cpc", utm_campaign: "winter" },
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
