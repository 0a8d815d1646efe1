/**
 * Forwarding: lead-to-delivery latency and throughput of the real Worker bundle with its real
 * queue (producer and consumer exactly as wrangler.toml declares them, run by Miniflare's local
 * Queues) against the local receiver (scripts/local-receiver.mjs) standing in for GA4, Meta and a
 * webhook endpoint. The bench site gets one destination of each kind (created through the API);
 * each lead is a click beacon (UTM tags, GA client id, _fbp) and then the signed WhatsApp
 * message carrying its ref, so all three destinations take it.
 *
 * - latency: leads sent at a steady rate (BENCH_FORWARD_RATE per second, BENCH_FORWARD_LEADS of
 *   them); per (lead, destination): receiver arrival − the start of the webhook POST. Includes
 *   the queue's batching window (max_batch_timeout).
 * - throughput: BENCH_FORWARD_BURST leads sent as fast as 16 connections allow; deliveries per
 *   second from the first POST to the last arrival.
 * - Yandex Metrica (a bulk API): its rows wait for the cron; after the others, one cron run is
 *   triggered and timed: rows uploaded, CSV uploads, the run's duration (forwarding-metrica.mjs).
 * Afterwards every queue-sent outbox row must be `sent` and the receiver must have seen each
 * event once.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { startReceiver } from "../local-receiver.mjs";
import { createBenchDestinations } from "./forward-destinations.mjs";
import { benchMetricaCron } from "./forwarding-metrica.mjs";
import { percentile } from "./load.mjs";
import { APP_SECRET, BENCH_SITE, startWorker } from "./local-worker.mjs";

const API_KEY = "bench-forward-key";
const envInt = (name, fallback) => Number.parseInt(process.env[name] ?? "", 10) || fallback;
export const FORWARD_LOAD = {
  rate: envInt("BENCH_FORWARD_RATE", 10),
  leads: envInt("BENCH_FORWARD_LEADS", 60),
  burst: envInt("BENCH_FORWARD_BURST", 300),
  concurrency: 16,
};
const DRAIN_TIMEOUT_MS = 60_000;
const KINDS = ["webhook", "ga4", "meta", "google_ads", "tiktok", "microsoft_ads"];

/**
 * @param {object} opts
 * @param {string} opts.root Repository root.
 * @param {string} opts.scriptPath The built Worker bundle.
 * @param {Record<string, string>} opts.bindings Text bindings of the real Worker.
 * @param {(db: D1Database) => Promise<void>} opts.prepare Migrations and the bench site.
 * @param {import("./payloads.mjs").Protocol} opts.protocol
 * @param {Set<import("miniflare").Miniflare>} opts.live
 * @param {(line: string) => void} opts.log
 */
export async function benchForwarding({
  root,
  scriptPath,
  bindings,
  prepare,
  protocol,
  live,
  log,
}) {
  /** @type {import("../local-receiver.mjs").Delivery[]} */
  const arrivals = [];
  const receiver = await startReceiver({ log: () => {}, onDelivery: (d) => arrivals.push(d) });
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, "wrangler.toml"));
  const w = await startWorker({ scriptPath }, bindings, {
    queueProducers: workerOptions.queueProducers,
    queueConsumers: workerOptions.queueConsumers,
  });
  live.add(w.mf);
  try {
    await prepare(w.db);
    await w.db
      .prepare(
        "insert into api_keys (id, site_id, name, key_hash, created_at) values ('key_bench_fwd', 'site_bench', 'bench', ?, ?)",
      )
      .bind(createHash("sha256").update(API_KEY).digest("hex"), Date.now())
      .run();
    const api = async (body) => {
      const res = await fetch(new URL("/api/v1/destinations", w.url), {
        method: "POST",
        headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`destination: ${res.status} ${await res.text()}`);
      return res.json();
    };
    await createBenchDestinations(api, receiver);

    const fixture = await readFile(join(root, "test/fixtures/whatsapp-text-message.json"), "utf8");
    const run = Date.now().toString(36);
    let n = 0;
    /** @type {Map<string, number>} GA client id / wa_id of a lead → when its webhook POST began. */
    const sentAt = new Map();
    const clientOf = new Map();
    /** msclkid → wa_id (Microsoft's conversions carry no lead id). */
    const msclkidOf = new Map();
    const lead = async () => {
      n++;
      const waId = String(16600000000 + n);
      const client = `${n}.${run}`;
      clientOf.set(client, waId);
      const msclkid = `bench-msclkid-${run}-${n}`;
      msclkidOf.set(msclkid, waId);
      const ref = protocol.mintRef();
      const click = await fetch(new URL("/v1/clicks", w.url), {
        method: "POST",
        headers: { "content-type": "text/plain;charset=UTF-8", origin: BENCH_SITE.origin },
        body: JSON.stringify({
          site: BENCH_SITE.key,
          ref,
          placement: "button",
          page_url: `${BENCH_SITE.origin}/`,
          touch: {
            utm_source: "google",
            utm_medium: "cpc",
            utm_campaign: "bench",
            ga_client_id: client,
            fbp: `fb.1.1.${n}`,
            gclid: `bench-gclid-${run}-${n}`,
            ttclid: `bench-ttclid-${run}-${n}`,
            msclkid,
            yclid: String(9_000_000_000 + n),
          },
        }),
      });
      if (click.status !== 201) throw new Error(`click: ${click.status}`);
      const body = JSON.parse(fixture);
      const value = body.entry[0].changes[0].value;
      value.metadata.phone_number_id = BENCH_SITE.phoneNumberId;
      value.contacts[0].wa_id = waId;
      Object.assign(value.messages[0], {
        from: waId,
        id: `wamid.FWD${run}${n}`,
        timestamp: String(Math.floor(Date.now() / 1000)),
        text: { body: `Hi! ${protocol.formatRef(ref)}` },
      });
      const text = JSON.stringify(body);
      const signature = await protocol.signMetaBody(text, APP_SECRET);
      sentAt.set(waId, performance.now());
      const res = await fetch(new URL("/webhooks/whatsapp", w.url), {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": signature },
        body: text,
      });
      if (res.status !== 200) throw new Error(`webhook: ${res.status}`);
      await res.arrayBuffer();
    };
    /** Deliveries sent by the queue consumer (Metrica's rows go with the cron, counted apart). */
    const queued = () => arrivals.filter((a) => !a.duplicate && a.kind !== "yandex_metrica");
    const waitFor = async (count) => {
      const deadline = performance.now() + DRAIN_TIMEOUT_MS;
      while (queued().length < count && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      return queued().length >= count;
    };

    // Latency: a steady trickle of leads.
    log(
      `forwarding: ${FORWARD_LOAD.leads} leads at ${FORWARD_LOAD.rate}/s, ${KINDS.length} destinations…`,
    );
    const gap = 1000 / FORWARD_LOAD.rate;
    const t0 = performance.now();
    const pending = [];
    for (let i = 0; i < FORWARD_LOAD.leads; i++) {
      const due = t0 + i * gap;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(lead());
    }
    await Promise.all(pending);
    const latencyDrained = await waitFor(KINDS.length * FORWARD_LOAD.leads);
    const leadOf = new Map();
    for (const a of arrivals)
      if (a.kind === "webhook") leadOf.set(a.body.data.id, a.body.data.contact.wa_id);
    /** @param {import("../local-receiver.mjs").Delivery} a */
    const waIdOf = (a) =>
      a.kind === "webhook"
        ? a.body.data.contact.wa_id
        : a.kind === "ga4"
          ? clientOf.get(a.id)
          : a.kind === "microsoft_ads"
            ? msclkidOf.get(String(a.id).split(" ")[0])
            : // Meta's and TikTok's event id is `<lead id>.created`; Google's transactionId the lead id.
              leadOf.get(String(a.id).replace(/\.created$/, ""));
    const latencies = Object.fromEntries(KINDS.map((k) => [k, []]));
    for (const a of arrivals) {
      const start = sentAt.get(waIdOf(a));
      if (!a.duplicate && start !== undefined) latencies[a.kind].push(a.at - start);
    }
    const all = Object.values(latencies)
      .flat()
      .sort((a, b) => a - b);
    const stat = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1) };
    };
    const latency = {
      all: stat(all),
      ...Object.fromEntries(KINDS.map((k) => [k, stat(latencies[k])])),
    };

    // Throughput: a burst.
    log(
      `forwarding: burst of ${FORWARD_LOAD.burst} leads (${FORWARD_LOAD.concurrency} connections)…`,
    );
    const before = arrivals.length;
    const burstStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: FORWARD_LOAD.concurrency }, async () => {
        while (next < FORWARD_LOAD.burst) {
          next++;
          await lead();
        }
      }),
    );
    const acceptedAt = performance.now();
    const burstDrained = await waitFor(KINDS.length * (FORWARD_LOAD.leads + FORWARD_LOAD.burst));
    const burstArrivals = arrivals
      .slice(before)
      .filter((a) => !a.duplicate && a.kind !== "yandex_metrica");
    const lastAt = Math.max(...burstArrivals.map((a) => a.at));
    const seconds = (lastAt - burstStart) / 1000;
    const yandex = await benchMetricaCron(w, arrivals, log);
    const one = async (where) =>
      Number(
        (await w.db
          .prepare(`select count(*) as n from outbox o join destinations d on d.id = o.destination_id
            where d.kind <> 'yandex_metrica' ${where}`)
          .first("n")) ?? 0,
      );
    const outbox = {
      rows: await one(""),
      sent: await one("and o.status = 'sent'"),
      notSent: await one("and o.status <> 'sent'"),
      retried: await one("and o.attempts > 1"),
    };
    const webhookIds = arrivals.filter((a) => a.kind === "webhook");
    const result = {
      load: FORWARD_LOAD,
      latencyMs: latency,
      latencyDrained,
      throughput: {
        leads: FORWARD_LOAD.burst,
        deliveries: burstArrivals.length,
        seconds,
        deliveriesPerSec: burstArrivals.length / seconds,
        leadsAcceptedPerSec: FORWARD_LOAD.burst / ((acceptedAt - burstStart) / 1000),
        drained: burstDrained,
      },
      outbox,
      yandex,
      receiver: {
        webhookPosts: webhookIds.length,
        webhookUnique: new Set(webhookIds.map((a) => a.id)).size,
      },
      batching: workerOptions.queueConsumers,
    };
    return result;
  } finally {
    live.delete(w.mf);
    await w.mf.dispose();
    await receiver.close();
  }
}
