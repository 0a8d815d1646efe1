/** A site with a webhook taking sale events and one lead, and calls of the sale-event routes. */

import { formatRef } from "../../widget/protocol/ref-codec";
import { apiSend, createDestination } from "./forward-helpers";
import { apiOk, click, createSite, db, deliver, message, newPhone, type TestSite } from "./helpers";
import { captureQueue } from "./queue-helpers";
import { newSink, sinkUrl } from "./sink-helpers";

export interface Answer {
  event: {
    id: string;
    lead_id: string;
    type: string;
    external_id: string;
    value: number | null;
    currency: string | null;
    occurred_at: string;
  };
  recorded: boolean;
}

/** A site with a webhook taking lead.created and the sale events, and one lead from `phone`. */
export async function siteWithLead(events = ["lead.created", "lead.qualified", "lead.purchase"]) {
  const queue = captureQueue();
  const site = await createSite();
  const sink = newSink("sales");
  const hook = await createDestination(site, {
    kind: "webhook",
    name: "crm",
    url: sinkUrl(sink),
    events,
  });
  const phone = newPhone();
  const ref = await click(site, { utm_source: "google", utm_medium: "cpc" });
  await deliver(site, message({ from: phone, body: `Hi ${formatRef(ref)}` }));
  const leads = await apiOk<{ data: { id: string; contact: { id: string } }[] }>(
    site,
    "/api/v1/leads",
  );
  const lead = leads.data[0];
  if (!lead) throw new Error("no lead");
  queue.drain();
  return { site, sink, hook, phone, lead, queue };
}

export async function send(site: TestSite, path: string, body: object) {
  const res = await apiSend(site, "POST", path, body);
  return {
    status: res.status,
    body: (await res.json()) as Answer & { error?: { message: string } },
  };
}

export const count = async (table: string, where: string, ...args: unknown[]) =>
  (
    await db()
      .$client.prepare(`select count(*) as n from ${table} where ${where}`)
      .bind(...args)
      .first<{ n: number }>()
  )?.n;
