/**
 * The whole loop through the built widget.js on the demo page: a phone-sized visit with UTM tags
 * taps the button, the opened wa.me link's text is delivered as a signed webhook, and the lead
 * read back through the API carries that visit's tags. The same for Telegram: the t.me link's
 * start parameter is the ref, and Telegram's `/start <ref>` reaches the demo bot's webhook. And
 * with agents (demo/about.html): the tap lists them, the chat opens to the agent's own number,
 * and the lead names the agent; the same text sent to the shop's other number attributes nothing.
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
import {
  DEMO,
  sendWhatsApp,
  telegramLead,
  useLocalProduct,
  waitForLead,
  whatsAppLead,
} from "../support/local-worker";
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

  it("phone visit to the agents page → tap Leo → his number → lead with agent Leo, bound to it", async () => {
    const { context, page, errors } = await openVisit(product.browser, PHONE, {
      "wa.me": "WhatsApp",
    });
    await page.goto(`${product.worker.base}/demo/about.html?utm_source=fb&utm_medium=paid_social`);
    await page.locator("chatref-button[floating]").getByRole("link").first().tap();
    const beacon = nextBeacon(page);
    const agents = page.getByRole("dialog");
    const chat = await tapToChat(page, agents.getByRole("link", { name: /^Leo/ }));
    expect(`${chat.host}${chat.pathname}`).toBe(`wa.me/${DEMO.agent.number}`);
    const text = chat.searchParams.get("text") ?? "";
    const { sent } = await landed(beacon);
    expect(sent).toMatchObject({ number: DEMO.agent.number, agent: "Leo" });

    // Sent to the shop's own number instead: the ref is not Leo's number's, nothing attributed.
    const elsewhere = runPhone();
    expect((await sendWhatsApp(product.worker.base, elsewhere, text)).status).toBe(200);
    expect(await waitForLead(product.worker.base, elsewhere)).toMatchObject({
      attribution: "none",
    });
    const phone = runPhone();
    const res = await sendWhatsApp(product.worker.base, phone, text, "E2E", undefined, DEMO.agent);
    expect(res.status).toBe(200);
    expect(await waitForLead(product.worker.base, phone)).toMatchObject({
      attribution: "ref",
      ref: sent.ref,
      touch: { utm_source: "fb", number: DEMO.agent.number, agent: "Leo" },
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
