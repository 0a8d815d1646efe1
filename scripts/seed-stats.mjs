/**
 * Seeds a stats-sized site into a local D1 and measures the dashboard's stats calls.
 *
 *   node scripts/seed-stats.mjs [--clicks 1000000] [--leads 100000] [--events 30000] [--days 90] [--runs 30]
 *
 * Builds the real Worker (`wrangler deploy --dry-run`), starts it in Miniflare with a fresh D1
 * and the real migrations (scripts/bench/local-worker.mjs), generates the rows inside SQLite with
 * recursive CTEs (100,000 rows per statement: no row crosses the JS boundary), then times
 * `GET /api/v1/stats` the way the dashboard calls it and prints p50 / p95 (budget p95 < 300 ms).
 * `npm run bench` runs the same seeding and timing (scripts/bench/stats.mjs).
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  APP_SECRET,
  applyMigrations,
  buildWorker,
  seedLink,
  seedSite,
  startWorker,
} from "./bench/local-worker.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SITE = "site_bench";
const DAY = 86_400_000;
/** The bench site's API key. */
export const STATS_API_KEY = "bench-api-key";
const CHUNK = 100_000;

/** Source, medium, channel group and campaign of the generated clicks (i % 8). */
const DIMS = `dims(k, source, medium, channel, campaign) as (values
  (0, 'google', 'cpc', 'Paid Search', 'spring'), (1, 'facebook', 'cpc', 'Paid Social', 'retarget'),
  (2, 'google', 'organic', 'Organic Search', null), (3, 'newsletter', 'email', 'Email', 'november'),
  (4, '(direct)', '(none)', 'Direct', null), (5, 'instagram', 'social', 'Organic Social', null),
  (6, 'example.com', 'referral', 'Referral', null), (7, 'poster', 'offline', 'Unassigned', 'poster'))`;

/**
 * Inserts `clicks` clicks over the `days` before `now`, then `leads` leads (80 % ref — a third of
 * them with a later second touch —, 10 % Click-to-WhatsApp, 10 % none), with contacts and touches,
 * then `events` sale events (default 30,000; seedSaleEvents).
 * @param {D1Database} db
 * @param {{ clicks: number, leads: number, events?: number, days: number, now?: number, log?: (s: string) => void }} o
 */
export async function seedStats(db, o) {
  const now = o.now ?? Date.now();
  const start = now - o.days * DAY;
  const span = o.days * DAY;
  const log = o.log ?? (() => {});
  const at = (i, total) => `${start} + (${i} * ${span}) / ${total}`;
  for (let lo = 1; lo <= o.clicks; lo += CHUNK) {
    const hi = Math.min(o.clicks, lo + CHUNK - 1);
    await db
      .prepare(
        `insert into clicks (site_id, ref, placement, utm_source, utm_medium, utm_campaign,
           landing_url, source, medium, channel, landing_page, link_id, created_at)
         with recursive n(i) as (select ${lo} union all select i + 1 from n where i < ${hi}), ${DIMS}
         select '${SITE}', printf('R%09d', i),
           case i % 10 when 0 then 'qr_panel' when 1 then 'inline_qr' when 2 then 'link' else 'button' end,
           d.source, d.medium, d.campaign, printf('https://shop.example/p/%d?x=1', i % 50),
           d.source, d.medium, d.channel, printf('shop.example/p/%d', i % 50),
           case when i % 10 = 2 then 'link_bench' end, ${at("i", o.clicks)}
         from n join dims d on d.k = i % 8`,
      )
      .run();
    log(`clicks ${hi.toLocaleString("en")}`);
  }
  const step = Math.max(1, Math.floor(o.clicks / o.leads) - 1);
  for (let lo = 1; lo <= o.leads; lo += CHUNK) {
    const hi = Math.min(o.leads, lo + CHUNK - 1);
    const series = `with recursive n(i) as (select ${lo} union all select i + 1 from n where i < ${hi})`;
    const leadAt = `(${at(`(i * ${step})`, o.clicks)} + 60000)`;
    await db.batch([
      db.prepare(
        `insert into contacts (id, site_id, wa_id, name, first_seen_at, last_inbound_at)
         ${series} select i, '${SITE}', printf('1555%07d', i), printf('Contact %d', i), ${leadAt}, ${leadAt} from n`,
      ),
      db.prepare(
        `insert into leads (id, site_id, contact_id, attribution, click_id, ctwa_clid,
           first_message_id, first_message_at, created_at, updated_at)
         ${series} select printf('lead_%07d', i), '${SITE}', i,
           case i % 10 when 8 then 'ctwa' when 9 then 'none' else 'ref' end,
           case when i % 10 < 8 then i * ${step} end, case when i % 10 = 8 then printf('ctwa%d', i) end,
           printf('wamid.%d.0', i), ${leadAt}, ${leadAt}, ${leadAt} from n`,
      ),
      db.prepare(
        `insert into touches (site_id, lead_id, kind, click_id, ctwa_clid, message_id, occurred_at)
         ${series} select '${SITE}', printf('lead_%07d', i),
           case when i % 10 = 8 then 'ctwa' else 'ref' end,
           case when i % 10 < 8 then i * ${step} end, case when i % 10 = 8 then printf('ctwa%d', i) end,
           printf('wamid.%d.0', i), ${leadAt} from n where i % 10 != 9`,
      ),
      // A later second touch for a third of the ref leads: their last touch is another click.
      db.prepare(
        `insert into touches (site_id, lead_id, kind, click_id, message_id, occurred_at)
         ${series} select '${SITE}', printf('lead_%07d', i), 'ref', i * ${step} + 1,
           printf('wamid.%d.1', i), ${leadAt} + 3600000 from n where i % 10 < 8 and i % 3 = 0`,
      ),
    ]);
    log(`leads ${hi.toLocaleString("en")}`);
  }
  await seedSaleEvents(db, { ...o, events: o.events ?? 30_000, start, span });
  await db.prepare("analyze").run();
}

/**
 * Inserts `events` sale events (lead_events) spread over the period, one lead each in turn:
 * 30 % qualified, 50 % purchases (one in ten in EUR, the rest in the site's USD), 10 % refunds,
 * 10 % lost; through the real insert triggers, so the rollup keeps them as the API's would.
 * @param {D1Database} db
 * @param {{ leads: number, events: number, start: number, span: number, log?: (s: string) => void }} o
 */
async function seedSaleEvents(db, o) {
  for (let lo = 1; lo <= o.events; lo += CHUNK) {
    const hi = Math.min(o.events, lo + CHUNK - 1);
    await db
      .prepare(
        `insert into lead_events (id, site_id, lead_id, type, external_id, value_micros, currency,
           occurred_at, created_at)
         with recursive n(i) as (select ${lo} union all select i + 1 from n where i < ${hi})
         select printf('lev_%08d', i), '${SITE}', printf('lead_%07d', (i - 1) % ${o.leads} + 1), t, x,
           v, case when v is null then null when i % 20 = 3 then 'EUR' else 'USD' end, at, at
         from (select i,
           case when i % 10 < 3 then 'qualified' when i % 10 < 8 then 'purchase'
             when i % 10 = 8 then 'refund' else 'lost' end as t,
           case when i % 10 < 3 then 'qualified' else printf('order-%d', i) end as x,
           case when i % 10 between 3 and 8 then (i % 97 + 1) * 1000000 + 500000 end as v,
           ${o.start} + (i * ${o.span}) / ${o.events} as at from n)
         where true on conflict (lead_id, type, external_id) do nothing`,
      )
      .run();
    o.log?.(`sale events ${hi.toLocaleString("en")}`);
  }
}

/**
 * A fresh D1 of the real Worker made stats-sized: the real migrations, the bench site and its
 * campaign link, the API key `STATS_API_KEY`, then `seedStats`.
 * @param {D1Database} db
 * @param {string} root Repository root (for the migrations).
 * @param {Parameters<typeof seedStats>[1]} o
 */
export async function seedStatsSite(db, root, o) {
  await applyMigrations(db, root);
  await seedSite(db);
  await seedLink(db);
  const hash = createHash("sha256").update(STATS_API_KEY).digest("hex");
  await db
    .prepare(
      "insert into api_keys (id, site_id, name, key_hash, created_at) values ('key_bench', ?, 'bench', ?, ?)",
    )
    .bind(SITE, hash, Date.now())
    .run();
  await seedStats(db, o);
}

/** @param {number[]} xs @param {number} q */
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

/** The breakdowns the dashboard asks for (dashboard/stats-sections.ts DASHBOARD_GROUPS). */
const DASHBOARD_GROUPS = "channel,source_medium,campaign,landing_page,placement,link";

/**
 * The `GET /api/v1/stats` calls to time. The dashboard's are exactly what it sends
 * (chatref-dashboard.ts `#params`, same keys in the same order): its default view (the last 30
 * days, day interval, previous period compared, every breakdown), its first/last-touch switch, and
 * the same over the whole 90 seeded days. A filtered call (the API's; the dashboard sends no
 * filters) reads the rollup too, and has the budget; a period starting at a time of day reads the
 * raw rows: informational, no budget.
 * @param {number} now
 * @returns {Record<string, { params: Record<string, string>, informational?: boolean }>}
 */
export function statsCalls(now) {
  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  /** The form's inclusive `to` is today; the dashboard sends the next day (exclusive). */
  const to = day(now + DAY);
  const dashboard = (days, touch) => ({
    params: {
      from: day(now - (days - 1) * DAY),
      to,
      interval: "day",
      touch,
      group_by: DASHBOARD_GROUPS,
      compare: "previous",
    },
  });
  return {
    "dashboard 30 d, first touch": dashboard(30, "first"),
    "dashboard 30 d, last touch": dashboard(30, "last"),
    "dashboard 91 d (all rows), first": dashboard(91, "first"),
    "dashboard 91 d (all rows), last": dashboard(91, "last"),
    "API 30 d, channel filter, week": {
      params: { from: day(now - 29 * DAY), to, channel: "Paid Search", interval: "week" },
    },
    "API 30 d from a time of day (raw rows)": {
      params: {
        from: new Date(now - 29 * DAY - 3_600_000).toISOString(),
        to,
        channel: "Paid Search",
      },
      informational: true,
    },
  };
}

/**
 * Times each stats call `runs` times, after `warmup` untimed calls, against `base` (sequential).
 * @param {string} base
 * @param {number} runs
 * @param {number} now
 * @param {number} [warmup]
 */
export async function benchStatsCalls(base, runs, now, warmup = 1, calls = statsCalls(now)) {
  const out = [];
  for (const [name, { params, informational }] of Object.entries(calls)) {
    const url = `${base}api/v1/stats?${new URLSearchParams(params)}`;
    const times = [];
    let body = null;
    for (let r = 1 - warmup; r <= runs; r++) {
      const t0 = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${STATS_API_KEY}` } });
      body = await res.json();
      if (!res.ok) throw new Error(`${name}: ${res.status} ${JSON.stringify(body)}`);
      if (r > 0) times.push(performance.now() - t0);
    }
    out.push({
      name,
      informational: Boolean(informational),
      runs,
      p50: quantile(times, 0.5),
      p95: quantile(times, 0.95),
      clicks: body.kpis.chat_clicks + body.kpis.scans,
      conversations: body.kpis.conversations,
      purchases: body.kpis.purchases,
    });
  }
  return out;
}

async function main() {
  const { values } = parseArgs({
    options: {
      clicks: { type: "string", default: "1000000" },
      leads: { type: "string", default: "100000" },
      events: { type: "string", default: "30000" },
      days: { type: "string", default: "90" },
      runs: { type: "string", default: "30" },
    },
  });
  const built = await buildWorker(ROOT);
  const w = await startWorker(
    { scriptPath: built.scriptPath },
    { WHATSAPP_APP_SECRET: APP_SECRET },
  );
  try {
    const now = Date.now();
    const t0 = performance.now();
    await seedStatsSite(w.db, ROOT, {
      clicks: Number(values.clicks),
      leads: Number(values.leads),
      events: Number(values.events),
      days: Number(values.days),
      now,
      log: (s) => process.stdout.write(`\r  seeded ${s}   `),
    });
    console.log(`\nseeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const results = await benchStatsCalls(w.url.href, Number(values.runs), now);
    for (const r of results) {
      console.log(
        `${r.name.padEnd(36)} p50 ${r.p50.toFixed(0).padStart(5)} ms  p95 ${r.p95.toFixed(0).padStart(5)} ms  ` +
          `${r.informational ? "info" : r.p95 < 300 ? "ok" : "OVER 300 ms"}  (${r.clicks.toLocaleString("en")} clicks+scans, ${r.conversations.toLocaleString("en")} conversations, ${r.purchases.toLocaleString("en")} purchases)`,
      );
    }
  } finally {
    await w.mf.dispose();
    await built.cleanup();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
