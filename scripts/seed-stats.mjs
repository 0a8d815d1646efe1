/**
 * Seeds a stats-sized site into a local D1 of the real Worker; run on its own, it is the stats
 * part of `npm run bench` (scripts/bench/stats.mjs: seeding, the dashboard's calls, the table).
 *
 *   npx node scripts/seed-stats.mjs          # 1,000,000 clicks, 100,000 leads, 30,000 sale events
 *   BENCH_STATS_SCALE=0.1 npx node scripts/seed-stats.mjs   # a tenth of that, for a quick run
 *   BENCH_STATS_DB=/tmp/stats-db npx node scripts/seed-stats.mjs   # keep the D1 there; reused next time
 *
 * The rows go in through the real migrations and their triggers (the daily rollup is built as the
 * Worker's own writes build it) and are generated inside SQLite with recursive CTEs (20,000 rows
 * per statement: no row crosses the JS boundary). The spread is deterministic (a multiplicative
 * hash of the row number, so two runs seed the same rows) and shaped like a busy shop: traffic
 * growing by two thirds over the 90 days, 15 sources with their own shares, paid and email
 * campaigns landing on their own pages, organic traffic over 300 pages with a long tail, three
 * chat apps, three printed codes, leads converting from any click, sale events days after the
 * lead in four currencies.
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { applyMigrations, seedLink, seedSite } from "./bench/local-worker.mjs";
import { recordSeed, reuseKept } from "./bench/stats-kept.mjs";

const SITE = "site_bench";
const DAY = 86_400_000;
/** The bench site's API key. */
export const STATS_API_KEY = "bench-api-key";
/** Rows per statement: Miniflare drops a D1 call that runs for long (seconds on a loaded machine). */
const CHUNK = 20_000;

/**
 * A deterministic pseudo-random integer in [0, n) for row number `expr` (Knuth's multiplicative
 * hash: the top bits of i·k mod 2³²); each `k` gives an independent-looking draw.
 */
const pick = (expr, k, n) => `((((${expr}) * ${k}) % 4294967296) * ${n} / 4294967296)`;
const K = [2654435761, 2246822519, 3266489917, 668265263, 374761393, 1597334677, 3812015801];

/**
 * The traffic mix, per mille of clicks [lo, hi): source, medium, GA4 channel group, campaign
 * prefix and how many campaigns (paid and email ones land on two pages each), or a printed code.
 */
const SOURCES = `sources(lo, hi, source, medium, channel, prefix, campaigns) as (values
  (0, 230, 'google', 'cpc', 'Paid Search', 'search_', 12),
  (230, 330, 'facebook', 'cpc', 'Paid Social', 'fb_', 8),
  (330, 400, 'instagram', 'cpc', 'Paid Social', 'ig_', 6),
  (400, 440, 'tiktok', 'cpc', 'Paid Social', 'tt_', 4),
  (440, 460, 'bing', 'cpc', 'Paid Search', 'bing_', 3),
  (460, 620, 'google', 'organic', 'Organic Search', null, 0),
  (620, 650, 'yandex', 'organic', 'Organic Search', null, 0),
  (650, 665, 'bing', 'organic', 'Organic Search', null, 0),
  (665, 775, '(direct)', '(none)', 'Direct', null, 0),
  (775, 825, 'newsletter', 'email', 'Email', 'newsletter_', 8),
  (825, 865, 'instagram', 'social', 'Organic Social', null, 0),
  (865, 885, 'l.facebook.com', 'referral', 'Organic Social', null, 0),
  (885, 925, 'blog.example', 'referral', 'Referral', null, 0),
  (925, 935, 'partner', 'affiliate', 'Affiliates', 'partner_', 3),
  (935, 1000, 'poster', 'offline', 'Unassigned', null, -1))`;

/** The printed codes' links (the first is local-worker.mjs's BENCH_LINK): id, campaign. */
const LINKS = [
  ["link_bench", "bench"],
  ["link_flyer", "spring_flyer"],
  ["link_card", "business_card"],
];

/**
 * Inserts `clicks` clicks over the `days` before `now`, then `leads` leads (80 % ref — a third of
 * them with a later second touch —, 10 % Click-to-WhatsApp, 10 % none), with contacts and
 * touches, then `events` sale events (default 30,000; seedSaleEvents). No ANALYZE: a deployed D1
 * has none either (and one of this much outlasts a D1 call in Miniflare).
 * @param {D1Database} db
 * @param {{ clicks: number, leads: number, events?: number, days: number, now?: number, log?: (s: string) => void }} o
 */
export async function seedStats(db, o) {
  const now = o.now ?? Date.now();
  const span = o.days * DAY;
  const start = now - span;
  const log = o.log ?? (() => {});
  const pct = (n, total) => `${Math.round((100 * n) / total)} %`;
  const linkCase = (col) =>
    `case ${pick("i", K[1], LINKS.length)} ${LINKS.map((l, j) => `when ${j} then '${l[col]}'`).join(" ")} end`;
  for (let lo = 1; lo <= o.clicks; lo += CHUNK) {
    const hi = Math.min(o.clicks, lo + CHUNK - 1);
    // Position u = i / clicks mapped through t = 1.25u - 0.25u²: the daily volume grows by 2/3.
    // The last click is two hours before `now`, so every lead (up to 61 minutes later) is past.
    const at = `${start} + cast(${span - 2 * 3_600_000} * (1.25 * i / ${o.clicks} - 0.25 * (1.0 * i / ${o.clicks}) * i / ${o.clicks}) as integer)`;
    await db
      .prepare(
        `insert into clicks (site_id, ref, placement, utm_source, utm_medium, utm_campaign,
           landing_url, source, medium, channel, landing_page, link_id, chat_app, created_at)
         with recursive n(i) as (select ${lo} union all select i + 1 from n where i < ${hi}), ${SOURCES},
         r as (select i, ${pick("i", K[0], 1000)} as w, ${pick("i", K[1], 1000)} as c,
           ${pick("i", K[2], 300)} * ${pick("i", K[3], 300)} / 300 as page,
           ${pick("i", K[4], 100)} as p, ${pick("i", K[5], 100)} as app, ${at} as at from n),
         x as (select r.*, s.source, s.medium, s.channel, s.campaigns,
           case when s.campaigns > 0 then printf('%s%02d', s.prefix, c % s.campaigns)
             when s.campaigns < 0 then ${linkCase(1)} end as campaign,
           case when s.campaigns < 0 then ${linkCase(0)} end as link_id,
           case when s.campaigns > 0 then printf('shop.example/lp/%s%02d-%d', s.prefix, c % s.campaigns, p % 2)
             when s.campaigns < 0 then 'shop.example/'
             when page < 3 then 'shop.example/' else printf('shop.example/p/%d', page) end as landing_page
           from r join sources s on r.w >= s.lo and r.w < s.hi)
         select '${SITE}', printf('R%09d', i),
           case when link_id is not null then 'link' when p < 70 then 'button'
             when p < 90 then 'qr_panel' else 'inline_qr' end,
           case when source != '(direct)' then source end, case when source != '(direct)' then medium end,
           campaign, 'https://' || landing_page || '?x=1', source, medium, channel, landing_page,
           link_id, case when app < 85 then 'whatsapp' when app < 95 then 'telegram' else 'instagram' end, at
         from x`,
      )
      .run();
    log(
      `clicks ${hi.toLocaleString("en")} of ${o.clicks.toLocaleString("en")} (${pct(hi, o.clicks)})`,
    );
  }
  await seedLeads(db, o, log);
  await seedSaleEvents(db, { ...o, events: o.events ?? 30_000, now }, log);
}

/**
 * Lead i converts from one click in its own block of clicks (so the leads follow the traffic's
 * growth and mix, and no click is taken twice), 1 to 61 minutes after it.
 * @param {D1Database} db
 * @param {{ clicks: number, leads: number }} o
 * @param {(s: string) => void} log
 */
async function seedLeads(db, o, log) {
  const step = Math.max(2, Math.floor(o.clicks / o.leads));
  for (let lo = 1; lo <= o.leads; lo += CHUNK) {
    const hi = Math.min(o.leads, lo + CHUNK - 1);
    const rows = `with recursive n(i) as (select ${lo} union all select i + 1 from n where i < ${hi}),
      x as (select i, ${pick("i", K[6], 10)} as a, c.id as click, c.chat_app as app,
        c.created_at + 60000 + ${pick("i", K[5], 3_600_000)} as at
        from n join clicks c on c.id = (i - 1) * ${step} + 1 + ${pick("i", K[4], step - 1)})`;
    await db.batch([
      db.prepare(
        `insert into contacts (id, site_id, wa_id, name, first_seen_at, last_inbound_at)
         ${rows} select i, '${SITE}', printf('1555%07d', i), printf('Contact %d', i), at, at from x`,
      ),
      db.prepare(
        `insert into leads (id, site_id, contact_id, attribution, click_id, ctwa_clid,
           first_message_id, first_message_at, chat_app, created_at, updated_at)
         ${rows} select printf('lead_%07d', i), '${SITE}', i,
           case a when 8 then 'ctwa' when 9 then 'none' else 'ref' end,
           case when a < 8 then click end, case when a = 8 then printf('ctwa%d', i) end,
           printf('wamid.%d.0', i), at, case when a < 8 then app else 'whatsapp' end, at, at from x`,
      ),
      db.prepare(
        `insert into touches (site_id, lead_id, kind, click_id, ctwa_clid, message_id, occurred_at)
         ${rows} select '${SITE}', printf('lead_%07d', i), case when a = 8 then 'ctwa' else 'ref' end,
           case when a < 8 then click end, case when a = 8 then printf('ctwa%d', i) end,
           printf('wamid.%d.0', i), at from x where a != 9`,
      ),
      // A later second touch for a third of the ref leads: their last touch is the next click.
      db.prepare(
        `insert into touches (site_id, lead_id, kind, click_id, message_id, occurred_at)
         ${rows} select '${SITE}', printf('lead_%07d', i), 'ref', click + 1,
           printf('wamid.%d.1', i), at + 3600000 from x where a < 8 and i % 3 = 0`,
      ),
    ]);
    log(
      `leads ${hi.toLocaleString("en")} of ${o.leads.toLocaleString("en")} (${Math.round((100 * hi) / o.leads)} %)`,
    );
  }
}

/**
 * Inserts `events` sale events (lead_events) on random leads (some get several: repeat orders),
 * up to 14 days after the lead and never after `now`: 35 % qualified, 45 % purchases of 20–500
 * (80 % in the site's USD, the rest in EUR, GBP and BRL), 5 % refunds, 15 % lost; through the
 * real insert triggers, so the rollup keeps them as the API's would.
 * @param {D1Database} db
 * @param {{ leads: number, events: number, now: number }} o
 * @param {(s: string) => void} log
 */
async function seedSaleEvents(db, o, log) {
  for (let lo = 1; lo <= o.events; lo += CHUNK) {
    const hi = Math.min(o.events, lo + CHUNK - 1);
    await db
      .prepare(
        `insert into lead_events (id, site_id, lead_id, type, external_id, value_micros, currency,
           occurred_at, created_at)
         with recursive n(i) as (select ${lo} union all select i + 1 from n where i < ${hi}),
         x as (select i, ${pick("i", K[0], 100)} as t, ${pick("i", K[1], 100)} as cur,
           ${pick("i", K[2], 48_000)} as v, ${pick("i", K[3], 1000)} as d,
           printf('lead_%07d', ${pick("i", K[4], o.leads)} + 1) as lead from n),
         y as (select x.*, l.created_at + d * min(${14 * DAY}, ${o.now} - 60000 - l.created_at) / 1000 as at,
           case when t < 35 then 'qualified' when t < 80 then 'purchase' when t < 85 then 'refund'
             else 'lost' end as type
           from x join leads l on l.id = x.lead)
         select printf('lev_%08d', i), '${SITE}', lead, type, printf('crm-%d', i),
           case when type in ('purchase', 'refund') then (v + 2000) * 10000 end,
           case when type not in ('purchase', 'refund') then null when cur < 80 then 'USD'
             when cur < 92 then 'EUR' when cur < 97 then 'GBP' else 'BRL' end, at, at
         from y where true on conflict (lead_id, type, external_id) do nothing`,
      )
      .run();
    log(`sale events ${hi.toLocaleString("en")} of ${o.events.toLocaleString("en")}`);
  }
}

/**
 * A fresh D1 of the real Worker made stats-sized: the real migrations, the bench site and its
 * campaign links, the API key `STATS_API_KEY`, then `seedStats`. A database kept from an earlier
 * run (BENCH_STATS_DB, scripts/bench/stats.mjs) that was seeded with the same counts is reused:
 * only the migrations added since are applied, and the rows stay. Returns the `now` the rows
 * were seeded before, and whether they were reused.
 * @param {D1Database} db
 * @param {string} root Repository root (for the migrations).
 * @param {Parameters<typeof seedStats>[1]} o
 * @returns {Promise<{ now: number, reused: boolean }>}
 */
export async function seedStatsSite(db, root, o) {
  const counts = { clicks: o.clicks, leads: o.leads, events: o.events ?? 30_000 };
  const keptNow = await reuseKept(db, root, counts, o.log ?? (() => {}));
  if (keptNow !== null) return { now: keptNow, reused: true };
  const migrations = await applyMigrations(db, root);
  await seedSite(db);
  await seedLink(db);
  const now = o.now ?? Date.now();
  for (const [id, campaign] of LINKS.slice(1)) {
    await db
      .prepare(
        "insert into links (id, site_id, code, name, utm_source, utm_medium, utm_campaign, created_at, updated_at) values (?, ?, ?, ?, 'poster', 'offline', ?, ?, ?)",
      )
      .bind(id, SITE, id.slice(5, 13).padEnd(8, "x"), campaign, campaign, now, now)
      .run();
  }
  const hash = createHash("sha256").update(STATS_API_KEY).digest("hex");
  await db
    .prepare(
      "insert into api_keys (id, site_id, name, key_hash, created_at) values ('key_bench', ?, 'bench', ?, ?)",
    )
    .bind(SITE, hash, now)
    .run();
  await seedStats(db, { ...o, now });
  await recordSeed(db, counts, now, migrations);
  return { now, reused: false };
}

/** Runs the bench's stats part alone (scripts/bench/stats.mjs), with its table. */
async function main() {
  const { buildWorker } = await import("./bench/local-worker.mjs");
  const { benchStats, printStats } = await import("./bench/stats.mjs");
  const root = fileURLToPath(new URL("..", import.meta.url));
  const log = (line) => console.log(`[bench] ${line}`);
  log("building the Worker bundle (wrangler deploy --dry-run)…");
  const built = await buildWorker(root);
  const live = new Set();
  try {
    const { APP_SECRET } = await import("./bench/local-worker.mjs");
    printStats(
      await benchStats({
        scriptPath: built.scriptPath,
        root,
        bindings: { WHATSAPP_APP_SECRET: APP_SECRET },
        live,
        log,
      }),
    );
  } finally {
    await built.cleanup();
  }
}

// Not awaited at the top level: bench/stats.mjs imports this module, which must finish loading.
if (process.argv[1] === fileURLToPath(import.meta.url))
  main().catch((err) => {
    console.error("[bench] failed:", err);
    process.exitCode = 1;
  });
