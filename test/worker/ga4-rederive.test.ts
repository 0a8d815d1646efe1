/**
 * Re-deriving stored click dimensions (worker/reporting/ga4-rederive.ts, the statements
 * scripts/rederive-dimensions.mjs runs through wrangler): a site whose clicks were classified by
 * the old rules reads, after the re-derivation (which moves the rollup's counts itself), exactly
 * like a site whose identical clicks were classified fresh — clicks, rollup rows and the
 * dashboard's stats answers.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import {
  clickPageSql,
  rederiveBatchSql,
  rederiveClickSql,
  type StoredClick,
} from "../../worker/reporting/ga4-rederive";
import { ZONE_MOVE_IN_SQL } from "../../worker/reporting/zone-move";
import { apiOk, click, createSite, deliver, message, newPhone, type TestSite } from "./helpers";

/** Touches and what the old classifier stored for them (source, medium, channel). */
const TOUCHES: [Record<string, string>, [string, string, string]][] = [
  [{ referrer: "https://www.google.com/" }, ["google.com", "organic", "Organic Search"]],
  [{ referrer: "https://yandex.ru/" }, ["yandex.ru", "organic", "Organic Search"]],
  [
    { referrer: "https://shopping.naver.com/p/1" },
    ["shopping.naver.com", "organic", "Organic Search"],
  ],
  [{ utm_source: "kakao", utm_medium: "referral" }, ["kakao", "referral", "Referral"]],
  // Any stale value is corrected, and a quote survives the SQL text.
  [{ utm_source: "o'reilly", utm_medium: "cpc" }, ["o'reilly", "cpc", "Unassigned"]],
  [{ utm_source: "google", utm_medium: "cpc" }, ["google", "cpc", "Paid Search"]],
  [{}, ["(direct)", "(none)", "Direct"]],
];

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY);
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const PERIODS = [
  `from=${iso(today - 1)}&to=${iso(today + 1)}`,
  `from=${iso(today - 1)}T00:00:01Z&to=${iso(today + 1)}T00:00:00Z`,
];
const GROUPS = "group_by=channel,source_medium,source,medium,campaign";

/** Records every touch as a click, the first one also as a lead; returns the refs. */
async function seed(site: TestSite): Promise<string[]> {
  const refs: string[] = [];
  for (const [touch] of TOUCHES) refs.push(await click(site, touch));
  await deliver(site, message({ from: newPhone(), body: `Hi ${formatRef(refs[0] ?? "")}` }));
  return refs;
}

const run = (sql: string[]) => env.DB.batch(sql.map((s) => env.DB.prepare(s)));
/**
 * The rollup counted from scratch from the site's rows, as a release with the old classifier
 * would have: emptied (its projections first, so the tuples' delete trigger finds nothing to
 * subtract), then the clicks and leads counted (the second half of a zone's move).
 */
const rebuild = (site: TestSite) =>
  run([
    ...["stats_daily_coarse", "stats_daily_dims", "stats_daily_tuples"].map(
      (table) => `delete from ${table} where site_id = '${site.id}'`,
    ),
    ...ZONE_MOVE_IN_SQL.map((s) => s.replaceAll("?1", `'${site.id}'`)),
  ]);

/** Every update the re-derivation makes for a site, two clicks a page (so paging is exercised). */
async function rederive(site: TestSite): Promise<number> {
  let after = 0;
  let changed = 0;
  for (;;) {
    const { results } = await env.DB.prepare(clickPageSql(after, 2, site.id)).all<StoredClick>();
    if (results.length === 0) return changed;
    const batch = rederiveBatchSql(results);
    if (batch.length) await run(batch);
    changed += results.filter((r) => rederiveClickSql(r) !== undefined).length;
    after = results.at(-1)?.id ?? after;
  }
}

const dims = (site: TestSite) =>
  env.DB.prepare("select source, medium, channel from clicks where site_id = ? order by id")
    .bind(site.id)
    .all()
    .then((r) => r.results);
const rollup = (site: TestSite) =>
  env.DB.prepare(
    `select day, placement, channel, source, medium, campaign, attribution, chat_app, chat, scans,
      conv_first, conv_last from stats_daily_tuples where site_id = ? and (chat or scans or conv_first or conv_last)
      order by channel, source, medium, attribution`,
  )
    .bind(site.id)
    .all()
    .then((r) => r.results);

let stale: TestSite;
let fresh: TestSite;
beforeAll(async () => {
  stale = await createSite();
  fresh = await createSite();
  const refs = await seed(stale);
  await seed(fresh);
  // What the old classifier left behind: its values on the clicks, and the rollup counting them.
  await run(
    TOUCHES.map(
      ([, [source, medium, channel]], i) =>
        `update clicks set source = '${source.replaceAll("'", "''")}', medium = '${medium}',
          channel = '${channel}' where site_id = '${stale.id}' and ref = '${refs[i]}'`,
    ),
  );
  await rebuild(stale);
});

describe("re-deriving stored click dimensions", () => {
  it("starts from the old classifier's values", async () => {
    expect((await dims(stale))[0]).toEqual({
      source: "google.com",
      medium: "organic",
      channel: "Organic Search",
    });
    expect(await rollup(stale)).not.toEqual(await rollup(fresh));
  });

  it("updates every stale click, then nothing on a second run", async () => {
    // (direct) and google / cpc were already right.
    expect(await rederive(stale)).toBe(5);
    expect(await rederive(stale)).toBe(0);
    expect(await rederive(fresh)).toBe(0);
    expect(await dims(stale)).toEqual(await dims(fresh));
    expect((await dims(stale))[2]).toEqual({
      source: "shopping.naver.com",
      medium: "referral",
      channel: "Organic Shopping",
    });
  });

  it("with no rebuild, the rollup and the dashboard's figures equal a fresh derivation's", async () => {
    expect(await rollup(stale)).toEqual(await rollup(fresh));
    for (const period of PERIODS) {
      for (const touch of ["first", "last"]) {
        const q = `/api/v1/stats?${period}&touch=${touch}&${GROUPS}`;
        const [a, b] = await Promise.all([apiOk(stale, q), apiOk(fresh, q)]);
        expect(a).toEqual(b);
        expect(JSON.stringify(a)).toContain('"google / organic"');
      }
    }
  });
});
