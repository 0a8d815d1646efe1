/**
 * Messenger / Instagram ad leads forwarded to Meta's Conversions API (forward/meta-capi.ts):
 * business messaging with `messaging_channel` `messenger` / `instagram` and the app's own ids in
 * `user_data` (protocols.md §5.1); a website lead in those apps keeps the `chat` shape.
 */
import { describe, expect, it } from "vitest";
import { captureQueue, received, runQueue } from "./forward-helpers";
import { json, siteWithDestinations } from "./forward-shapes-helpers";
import { click } from "./helpers";
import {
  connectAccount,
  type MetaApp,
  metaBody,
  newSender,
  postbackItem,
  referralItem,
  sendMeta,
} from "./meta-messaging-helpers";

const USER_DATA = {
  messenger: (account: string, sender: string) => ({
    page_id: account,
    page_scoped_user_id: sender,
  }),
  instagram: (account: string, sender: string) => ({ ig_account_id: account, ig_sid: sender }),
};

describe.each(["messenger", "instagram"] as MetaApp[])("forwarding a %s lead", (app) => {
  it("an ad lead goes to Meta as business messaging with the app's channel and ids", async () => {
    const { site, sinks } = await siteWithDestinations();
    const account = await connectAccount(site, app);
    const sender = newSender();
    const queue = captureQueue();
    await sendMeta(
      app,
      metaBody(app, account, referralItem(sender, account, { source: "ADS", ad_id: "777" })),
    );
    await runQueue(queue.drain());
    const [meta] = await received(sinks.meta);
    const event = (json(meta?.body ?? "{}").data as Record<string, unknown>[])[0];
    expect(event).toMatchObject({
      // protocols.md §5.1: LeadSubmitted is the business-messaging lead name in Meta's examples.
      event_name: "LeadSubmitted",
      action_source: "business_messaging",
      messaging_channel: app,
      user_data: USER_DATA[app](account, sender),
    });
    expect(JSON.stringify(event)).not.toContain("whatsapp");
  });

  it("a website lead (ref) keeps the chat shape", async () => {
    const { site, sinks } = await siteWithDestinations();
    const account = await connectAccount(site, app);
    const ref = await click(site, { utm_source: "fb", fbc: "fb.1.1700000000000.AbCdEf" });
    const queue = captureQueue();
    await sendMeta(app, metaBody(app, account, postbackItem(newSender(), account, ref)));
    await runQueue(queue.drain());
    const [meta] = await received(sinks.meta);
    const event = (json(meta?.body ?? "{}").data as Record<string, unknown>[])[0];
    expect(event).toMatchObject({
      action_source: "chat",
      user_data: { fbc: "fb.1.1700000000000.AbCdEf" },
    });
  });
});
