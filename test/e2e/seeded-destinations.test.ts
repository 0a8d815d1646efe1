/**
 * Issue 13's must-hold on the real product (`npm start`): a lead whose visit carried every click
 * id (and the GA and Meta cookies) reaches every destination the demo seeds — GA4, Meta, webhook,
 * Google Ads, TikTok, Microsoft Advertising through the queue, Yandex Metrica through the cron —
 * each exactly once, and the delivery log says so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { postDemoBeacon } from "../support/demo-visit";
import {
  DEMO,
  type LocalWorker,
  sendWhatsApp,
  startLocalWorker,
  waitForLead,
} from "../support/local-worker";

let worker: LocalWorker;
beforeAll(async () => {
  worker = await startLocalWorker();
}, 150_000);
afterAll(async () => {
  await worker?.stop();
});

interface Delivery {
  lead_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  destination: { kind: string };
}

async function deliveriesOf(lead: string): Promise<Delivery[]> {
  const res = await fetch(`${worker.base}/api/v1/deliveries?limit=200`, {
    headers: { authorization: `Bearer ${DEMO.apiKey}` },
  });
  const page = (await res.json()) as { data: Delivery[] };
  return page.data.filter((d) => d.lead_id === lead);
}

describe("every seeded destination (e2e)", () => {
  it("a lead with every click id arrives at each kind exactly once", async () => {
    const base = worker.base;
    const n = Date.now().toString().slice(-7);
    const ref = await postDemoBeacon(base, {
      touch: {
        utm_source: "google",
        utm_medium: "cpc",
        gclid: `gclid-e2e-${n}`,
        ttclid: `ttclid-e2e-${n}`,
        msclkid: `msclkid-e2e-${n}`,
        yclid: `7${n}`,
        ga_client_id: `${n}.1700000000`,
        fbp: `fb.1.1700000000000.${n}`,
      },
    });
    const phone = `1559${n}`;
    expect((await sendWhatsApp(base, phone, `Hi ${formatRef(ref)}`)).status).toBe(200);
    const lead = (await waitForLead(base, phone)) as { id: string };
    // Metrica is a bulk API: its row waits for the cron (npm start runs it every minute).
    await fetch(`${base}/__scheduled?cron=${encodeURIComponent("*/5 * * * *")}`);
    const settled = (d: Delivery) =>
      d.destination.kind === "yandex_metrica"
        ? d.attempts === 1 && (d.last_error ?? "").startsWith("uploaded to Metrica")
        : d.status === "sent";
    await expect
      .poll(
        async () => {
          const rows = await deliveriesOf(lead.id);
          if (rows.some((d) => d.destination.kind === "yandex_metrica" && d.attempts === 0))
            await fetch(`${base}/__scheduled?cron=${encodeURIComponent("*/5 * * * *")}`);
          return rows
            .filter(settled)
            .map((d) => d.destination.kind)
            .sort();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual([
        "ga4",
        "google_ads",
        "meta_capi",
        "microsoft_ads",
        "tiktok",
        "webhook",
        "yandex_metrica",
      ]);
    // Exactly one row each, each sent in one attempt (none retried, none sent twice).
    const rows = await deliveriesOf(lead.id);
    expect(rows).toHaveLength(7);
    expect(rows.every((d) => d.attempts === 1)).toBe(true);
  }, 120_000);
});
