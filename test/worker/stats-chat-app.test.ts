/**
 * `GET /api/v1/stats` by chat app: the `chat_app` breakdown and filter on both paths (the daily
 * rollup and the raw rows), rows stored without a chat app counted as WhatsApp's, and the 0020
 * backfill that moves other apps' counts out of the WhatsApp tuples where the copy left them.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { chatAppBackfillSql } from "../../worker/reporting/rollup-triggers";
import type { StatsParams } from "../../worker/reporting/stats-query";
import {
  api,
  call,
  click,
  clickRequest,
  createSite,
  deliver,
  message,
  newPhone,
  type TestSite,
} from "./helpers";
import { doc, documentedSchema } from "./openapi-helpers";
import { expectRollupEqualsRaw, type Stats, stats } from "./stats-helpers";
import { connectBot, newTgUser, sendUpdate, textUpdate } from "./telegram-helpers";

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY);
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** Whole UTC days (the rollup answers) or the same period one second short (the raw rows). */
const PERIODS = {
  rollup: `from=${iso(today - 1)}&to=${iso(today + 1)}`,
  raw: `from=${iso(today - 1)}T00:00:01Z&to=${iso(today + 1)}T00:00:00Z`,
};

/** The chat_app breakdown as key → [chat clicks, conversations]. */
const byApp = (s: Stats) =>
  Object.fromEntries(
    (s.breakdowns.chat_app?.rows ?? []).map((r) => [r.key, [r.chat_clicks, r.conversations]]),
  );

/** A click beacon that opened `app` (its `channel`); returns the ref. */
async function appClick(site: TestSite, app: string, touch: Record<string, string>) {
  const c = clickRequest(site, touch, undefined, { channel: app });
  expect((await call(c.request)).status).toBe(201);
  return c.ref;
}

/**
 * Two Telegram clicks (vk / cpc), one becoming a Telegram lead; a Telegram lead with no ref; one
 * WhatsApp click (google / cpc) becoming a WhatsApp lead; a WhatsApp lead with no ref.
 */
async function seedApps(site: TestSite) {
  const bot = await connectBot(site);
  const tgRef = await appClick(site, "telegram", { utm_source: "vk", utm_medium: "cpc" });
  await appClick(site, "telegram", { utm_source: "vk", utm_medium: "cpc" });
  expect((await sendUpdate(bot, textUpdate(newTgUser(), `/start ${tgRef}`))).status).toBe(200);
  expect((await sendUpdate(bot, textUpdate(newTgUser(), "/start"))).status).toBe(200);
  const waRef = await click(site, { utm_source: "google", utm_medium: "cpc" });
  await deliver(site, message({ from: newPhone(), body: `Hi ${formatRef(waRef)}` }));
  await deliver(site, message({ from: newPhone(), body: "Hola" }));
}

let site: TestSite;
beforeAll(async () => {
  site = await createSite();
  await seedApps(site);
});

describe("GET /api/v1/stats by chat app", () => {
  for (const [path, period] of Object.entries(PERIODS)) {
    it(`group_by=chat_app counts clicks and conversations per app (${path})`, async () => {
      for (const touch of ["first", "last"]) {
        const s = await stats(site, `${period}&touch=${touch}&group_by=chat_app,source`);
        expect(byApp(s)).toEqual({ telegram: [2, 2], whatsapp: [1, 2] });
        expect(s.kpis).toMatchObject({ chat_clicks: 3, conversations: 4 });
      }
    });

    it(`chat_app= narrows every figure to one app (${path})`, async () => {
      const tg = await stats(site, `${period}&chat_app=telegram&group_by=chat_app,source`);
      expect(tg.filters).toEqual({ chat_app: "telegram" });
      expect(tg.kpis).toMatchObject({ chat_clicks: 2, conversations: 2, opt_ins: null });
      expect(byApp(tg)).toEqual({ telegram: [2, 2] });
      // The Telegram conversation with no ref has no source: (not set).
      expect(tg.breakdowns.source?.rows.map((r) => [r.key, r.conversations])).toEqual([
        ["vk", 1],
        [null, 1],
      ]);
      const wa = await stats(site, `${period}&chat_app=whatsapp&group_by=source`);
      expect(wa.kpis).toMatchObject({ chat_clicks: 1, conversations: 2 });
      expect(wa.breakdowns.source?.rows.map((r) => r.key)).toEqual(["google", null]);
      const messenger = await stats(site, `${period}&chat_app=messenger`);
      expect(messenger.kpis).toMatchObject({ chat_clicks: 0, conversations: 0 });
    });
  }

  it("an unknown chat app is a 400; another tenant's figures stay out", async () => {
    const bad = await api(site, "/api/v1/stats?chat_app=sms");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe(
      "validation_failed",
    );
    const other = await createSite();
    expect(byApp(await stats(other, `${PERIODS.rollup}&group_by=chat_app`))).toEqual({});
  });

  it("the OpenAPI document names the chat_app parameter, its values and the breakdown", () => {
    const op = doc.paths["/api/v1/stats"]?.get as unknown as {
      parameters: { name: string; in: string; schema: { enum?: string[] } }[];
    };
    const param = op.parameters.find((x) => x.name === "chat_app" && x.in === "query");
    expect(param?.schema.enum).toEqual(["whatsapp", "telegram", "messenger", "instagram"]);
    const stats = JSON.stringify(
      doc.components.schemas[documentedSchema("get", "/api/v1/stats", 200)],
    );
    expect(stats).toContain('"chat_app"');
  });

  it("a click stored without a chat app (before 0018) counts as WhatsApp's", async () => {
    const s = await createSite();
    await env.DB.prepare(
      `insert into clicks (site_id, ref, placement, page_url, created_at)
       values (?1, 'OLD01-ROW01', 'button', 'https://shop.test/', ?2)`,
    )
      .bind(s.id, Date.now())
      .run();
    for (const period of Object.values(PERIODS))
      expect(byApp(await stats(s, `${period}&group_by=chat_app`))).toEqual({ whatsapp: [1, 0] });
  });

  it("the 0020 backfill moves other apps' counts out of the WhatsApp tuples, keeping deleted clicks", async () => {
    const s = await createSite();
    await seedApps(s);
    // Retention deletes an unmatched click: the rollup keeps counting it (raw rows cannot).
    const gone = await click(s, { utm_source: "google", utm_medium: "cpc" });
    await env.DB.prepare("delete from clicks where site_id = ?1 and ref = ?2")
      .bind(s.id, gone)
      .run();
    const query = `${PERIODS.rollup}&group_by=chat_app,source_medium`;
    const before = await stats(s, query);
    const beforeLast = await stats(s, `${query}&touch=last`);
    expect(byApp(before)).toEqual({ telegram: [2, 2], whatsapp: [2, 2] });
    // What 0020's copy leaves: every row of the old rollup as WhatsApp's.
    const tuple =
      "site_id, day, placement, channel, source, medium, campaign, landing_page, link_id, attribution";
    await env.DB.batch([
      env.DB.prepare(
        `insert into stats_daily_tuples (${tuple}, chat_app, chat, scans, conv_first, conv_last)
         select ${tuple}, 'whatsapp', sum(chat), sum(scans), sum(conv_first), sum(conv_last)
         from stats_daily_tuples where site_id = ?1 and chat_app != 'whatsapp' group by ${tuple}
         on conflict do update set chat = chat + excluded.chat, scans = scans + excluded.scans,
           conv_first = conv_first + excluded.conv_first, conv_last = conv_last + excluded.conv_last`,
      ).bind(s.id),
      env.DB.prepare(
        "delete from stats_daily_tuples where site_id = ?1 and chat_app != 'whatsapp'",
      ).bind(s.id),
    ]);
    expect(byApp(await stats(s, query))).toEqual({ whatsapp: [4, 4] });
    await env.DB.batch(chatAppBackfillSql("?1").map((sql) => env.DB.prepare(sql).bind(s.id)));
    expect(await stats(s, query)).toEqual(before);
    expect(await stats(s, `${query}&touch=last`)).toEqual(beforeLast);
    // No tuple went negative, and none emptied by the move was kept.
    const odd = await env.DB.prepare(
      `select count(*) as n from stats_daily_tuples where site_id = ?1
       and (min(chat, scans, conv_first, conv_last) < 0 or max(chat, scans, conv_first, conv_last) = 0)`,
    )
      .bind(s.id)
      .first<{ n: number }>();
    expect(odd?.n).toBe(0);
  });

  it("the rollup answers like the raw rows, per app and filtered by app", async () => {
    for (const touch of ["first", "last"] as const)
      for (const filters of [{}, { chat_app: "telegram" }, { chat_app: "whatsapp" }]) {
        const p: StatsParams = {
          siteId: site.id,
          from: (today - 1) * DAY,
          to: (today + 1) * DAY,
          interval: "day",
          touch,
          filters,
          tz: "UTC",
        };
        await expectRollupEqualsRaw(p, `${touch} ${JSON.stringify(filters)}`);
      }
  });
});
