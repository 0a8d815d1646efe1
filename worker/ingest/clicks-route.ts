/**
 * `POST /v1/clicks`: the widget's click beacon. Public, CORS-simple (`text/plain` JSON), strict
 * and bounded; one row per (site, ref), so a repeated beacon changes nothing.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { consentTextInsert, optinColumns, storedOptin } from "../consent/optin-click";
import { getDb } from "../db/client";
import { clicks } from "../db/schema";
import { findSiteByKey } from "../db/sites";
import { touchToColumns } from "../db/touch-columns";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { readJson } from "../http/validate";
import { clickDimensions } from "../reporting/click-dimensions";
import { clickBeaconSchema } from "./click-schema";
import { originAllowed, parseOrigins } from "./origin";

/** Beacons are small; anything bigger is not ours. */
export const CLICK_BODY_MAX = 16 * 1024;

export const clicksRoute = new Hono<AppEnv>()
  // Preflights are answered for any origin; the POST itself checks the site's allowed origins.
  .use(cors({ origin: (origin) => origin, allowMethods: ["POST"], maxAge: 86400 }))
  .post("/", async (c) => {
    const beacon = await readJson(c, clickBeaconSchema, CLICK_BODY_MAX);
    const db = getDb(c.env.DB);
    const site = await findSiteByKey(db, beacon.site);
    if (!site) throw new ApiError(404, "not_found", `Unknown site "${beacon.site}"`);
    const origin = c.req.header("origin");
    if (!originAllowed(origin, parseOrigins(site.allowedOrigins))) {
      throw new ApiError(
        403,
        "forbidden",
        `Origin ${origin ?? "(none)"} is not allowed for site "${site.key}"`,
      );
    }
    const optin = await storedOptin(beacon.optin);
    const insert = db
      .insert(clicks)
      .values({
        siteId: site.id,
        ref: beacon.ref,
        placement: beacon.placement,
        pageUrl: beacon.page_url,
        lang: beacon.lang ?? null,
        ...touchToColumns(beacon.touch),
        firstTouch: beacon.first_touch ? JSON.stringify(beacon.first_touch) : null,
        ...clickDimensions(beacon.touch, beacon.touch.landing_url ?? beacon.page_url),
        ...optinColumns(optin),
        createdAt: Date.now(),
      })
      .onConflictDoNothing({ target: [clicks.siteId, clicks.ref] });
    // With an opt-in, its exact text is kept in the same batch (consent/optin-click.ts).
    const [result] = optin
      ? await db.batch([insert, consentTextInsert(db, site.id, optin, beacon.lang ?? null)])
      : [await insert.run()];
    const recorded = result.meta.changes > 0;
    return c.json({ ref: beacon.ref, recorded }, recorded ? 201 : 200);
  });
