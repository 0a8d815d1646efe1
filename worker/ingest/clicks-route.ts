/**
 * `POST /v1/clicks`: the widget's click beacon. Public, CORS-simple (`text/plain` JSON), strict
 * and bounded; one row per (site, ref), so a repeated beacon changes nothing.
 *
 * The hot path builds no SQL: the insert is written with drizzle, compiled once per isolate and
 * bound per request (db/prepared.ts), and the drizzle client is made once per D1 binding.
 */
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { consentTextInsert, optinColumns, storedOptin } from "../consent/optin-click";
import type { Db } from "../db/client";
import { bind, type Compiled, compile } from "../db/prepared";
import { logRejection } from "../db/rejections";
import { clicks } from "../db/schema";
import { findSiteByKey } from "../db/sites";
import { touchToColumns } from "../db/touch-columns";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { tooManyRequests, withinRateLimit } from "../http/rate-limit";
import { readJson } from "../http/validate";
import { clickDimensions } from "../reporting/click-dimensions";
import { CLICK_BODY_MAX, clickBeaconSchema } from "./click-schema";
import { originAllowed } from "./origin";

const p = (name: string) => sql.placeholder(name);
let clickInsert: Compiled | undefined;

/**
 * The click insert with a placeholder named after each column a beacon sets (values left out
 * when binding are null, as they were when drizzle built the statement per request).
 */
function compileClickInsert(db: Db): Compiled {
  const touch = Object.fromEntries(Object.keys(touchToColumns({})).map((k) => [k, p(k)]));
  return compile(
    db
      .insert(clicks)
      .values({
        siteId: p("siteId"),
        ref: p("ref"),
        placement: p("placement"),
        chatApp: p("chatApp"),
        pageUrl: p("pageUrl"),
        lang: p("lang"),
        ...touch,
        firstTouch: p("firstTouch"),
        gaSessions: p("gaSessions"),
        consent: p("consent"),
        source: p("source"),
        medium: p("medium"),
        channel: p("channel"),
        landingPage: p("landingPage"),
        country: p("country"),
        optinState: p("optinState"),
        optinVersion: p("optinVersion"),
        number: p("number"),
        agent: p("agent"),
        createdAt: p("createdAt"),
      })
      .onConflictDoNothing({ target: [clicks.siteId, clicks.ref] }),
  );
}

export const clicksRoute = new Hono<AppEnv>()
  // Preflights are answered for any origin; the POST itself checks the site's allowed origins.
  .use(cors({ origin: (origin) => origin, allowMethods: ["POST"], maxAge: 86400 }))
  .post("/", async (c) => {
    const beacon = await readJson(c, clickBeaconSchema, CLICK_BODY_MAX);
    const d1 = c.env.DB;
    const db = c.var.db;
    const site = await findSiteByKey(db, beacon.site);
    // Counted before anything is written; unknown keys share one bucket per client, so guessing
    // keys costs the guesser its minute too.
    if (!(await withinRateLimit(c.env, site?.id ?? "?", site?.clickRateLimit, c.req.raw)))
      return tooManyRequests(c, "Too many click beacons from this client; try again later");
    // Rejections are logged after the limiter (so no faster than it allows) and after the
    // response (db/rejections.ts), for GET /api/v1/setup and /api/v1/sites/diagnostics.
    if (!site) {
      logRejection(c, "unknown_site", null, beacon.site);
      throw new ApiError(404, "not_found", `Unknown site "${beacon.site}"`);
    }
    const origin = c.req.header("origin");
    if (!originAllowed(origin, site.allowedOrigins)) {
      logRejection(c, "origin_not_allowed", site.id, origin ?? "(none)");
      throw new ApiError(
        403,
        "forbidden",
        `Origin ${origin ?? "(none)"} is not allowed for site "${site.key}"`,
      );
    }
    const optin = await storedOptin(beacon.optin, site.name);
    const sessions = beacon.ga_sessions;
    clickInsert ??= compileClickInsert(db);
    const insert = bind(d1, clickInsert, {
      siteId: site.id,
      ref: beacon.ref,
      placement: beacon.placement,
      chatApp: beacon.channel,
      pageUrl: beacon.page_url,
      lang: beacon.lang,
      ...touchToColumns(beacon.touch),
      firstTouch: beacon.first_touch ? JSON.stringify(beacon.first_touch) : null,
      gaSessions: sessions && Object.keys(sessions).length ? JSON.stringify(sessions) : null,
      // The column's encoder (jsonText) writes the JSON; null when the page set no type.
      consent: beacon.consent && Object.keys(beacon.consent).length ? beacon.consent : null,
      ...clickDimensions(beacon.touch, beacon.touch.landing_url ?? beacon.page_url),
      ...optinColumns(optin),
      // Cloudflare's country of the request: evidence for an inferred click (attribution/infer-score.ts).
      country: (c.req.raw.cf?.country as string | undefined) ?? null,
      // The ref is bound to the number it opened (attribution/record-message.ts).
      number: beacon.number ?? null,
      agent: beacon.agent ?? null,
      createdAt: Date.now(),
    });
    // With an opt-in, its exact text is kept in the same batch (consent/optin-click.ts); that
    // rarer statement is still built per request.
    const [result] = optin
      ? await d1.batch([
          insert,
          bind(d1, compile(consentTextInsert(db, site.id, optin, beacon.lang ?? null)), {}),
        ])
      : [await insert.run()];
    const recorded = (result?.meta.changes ?? 0) > 0;
    return c.json({ ref: beacon.ref, recorded }, recorded ? 201 : 200);
  });
