/**
 * The whole loop through the built widget.js on the demo page: a phone-sized visit with UTM tags
 * taps the button, the opened wa.me link's text is delivered as a signed webhook, and the lead
 * read back through the API carries that visit's tags. The same for Telegram: the t.me link's
 * start parameter is the ref, and Telegram's `/start <ref>` reaches the demo bot's webhook.
 */
import { describe, expect, it } from "vitest";
import { isValidRef } from "../../widget/protocol/ref-codec";
import {
  landed,
  nextBeacon,
  openVisit,
  runPhone,
  tapDemoWhatsApp,
  tapToChat,
} from "../support/demo-visit";
import { DEMO, telegramLead, useLocalProduct, whatsAppLead } from "../support/local-worker";
import { PHONE } from "../widget/harness";

const product = useLocalProduct();

describe("attribution loop (e2e)", () => {
  it("phone visit with UTM tags → tap → WhatsApp message → lead with those tags", async () => {
    const query =
      "utm_source=google&utm_medium=cpc&utm_campaign=spring-sale&utm_content=hero&gclid=E2E-gclid_123";
    const { context, errors, beacon, text, ref } = await tapDemoWhatsApp(
      product.browser,
      PHONE,
      product.worker.base,
      query,
    );
    // Let the beacon land before the message arrives (a person takes longer than this).
    const { sent } = await landed(beacon);
    expect(sent).toMatchObject({ site: DEMO.site, ref, placement: "button" });
    await new Promise((r) => setTimeout(r, 300));

    const phone = runPhone();
    const lead = await whatsAppLead(product.worker.base, phone, text);
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
    const { context, page, errors } = await openVisit(product.browser, PHONE, {
      "t.me": "Telegram",
    });
    await page.goto(
      `${product.worker.base}/demo/?utm_source=vk&utm_medium=cpc&utm_campaign=winter`,
    );
    const beacon = nextBeacon(page);
    const chat = await tapToChat(page, page.getByRole("link", { name: "Ask in Telegram" }));
    expect(chat.host).toBe("t.me");
    expect(chat.pathname).toBe(`/${DEMO.telegram.bot}`);
    const ref = chat.searchParams.get("start") ?? "";
    expect(isValidRef(ref)).toBe(true);
    const { sent } = await landed(beacon);
    expect(sent).toMatchObject({ site: DEMO.site, ref, channel: "telegram" });

    const userId = 700_000_000 + (Date.now() % 1e8);
    const username = `e2e_${userId}`;
    const lead = await telegramLead(product.worker.base, userId, username, ref);
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
