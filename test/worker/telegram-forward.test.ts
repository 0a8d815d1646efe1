/**
 * A Telegram lead forwarded like a WhatsApp one (forward/): GA4's `generate_lead` names the chat
 * app, Meta gets the website-lead shape (`action_source: "chat"`), the webhook's lead JSON says
 * `channel: "telegram"`.
 */
import { describe, expect, it } from "vitest";
import { captureQueue, received, runQueue } from "./forward-helpers";
import { json, siteWithDestinations } from "./forward-shapes-helpers";
import { click } from "./helpers";
import { connectBot, newTgUser, sendUpdate, textUpdate } from "./telegram-helpers";

describe("forwarding a Telegram lead", () => {
  it("reaches GA4, Meta and the webhook with the visit's attribution and its chat app", async () => {
    const { site, sinks } = await siteWithDestinations();
    const bot = await connectBot(site);
    const ref = await click(site, {
      utm_source: "yandex",
      utm_medium: "cpc",
      utm_campaign: "winter",
      ga_client_id: "555.777",
      fbc: "fb.1.1700000000000.AbCdEf",
    });
    const queue = captureQueue();
    expect((await sendUpdate(bot, textUpdate(newTgUser(), `/start ${ref}`))).status).toBe(200);
    await runQueue(queue.drain());
    const [ga4] = await received(sinks.ga4);
    const events = (json(ga4?.body ?? "{}").events ?? []) as {
      name: string;
      params: Record<string, unknown>;
    }[];
    expect(events.find((e) => e.name === "generate_lead")?.params).toMatchObject({
      lead_source: "telegram",
    });
    expect(json((await received(sinks.ga4))[0]?.body ?? "{}").client_id).toBe("555.777");
    const [meta] = await received(sinks.meta);
    const metaEvent = (json(meta?.body ?? "{}").data as Record<string, unknown>[])[0];
    expect(metaEvent).toMatchObject({ event_name: "Lead", action_source: "chat" });
    const [hook] = await received(sinks.hook);
    expect(json(hook?.body ?? "{}")).toMatchObject({
      type: "lead.created",
      data: {
        channel: "telegram",
        provider: "telegram",
        ref,
        attribution: "ref",
        touch: { utm_source: "yandex", utm_campaign: "winter" },
      },
    });
  });
});
