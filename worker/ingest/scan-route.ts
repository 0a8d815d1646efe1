/**
 * `GET /r/<code>`: the short link behind a printed campaign QR code. Records the scan as a click
 * (placement "link", bound to the link's UTM tags, with device class, country and referrer),
 * mints a ref and redirects (302) to the chat with the prefilled message. wa.me itself serves a
 * phone without WhatsApp (install or continue on the web). Link-preview bots are redirected
 * without being counted. An unknown or disabled code gets a localised 404 page. Scans are
 * rate-limited per client and site (http/rate-limit.ts): over the limit, a localised 429 page
 * (with `Retry-After`) offers the chat without a ref, and nothing is stored.
 *
 * Both statements are drizzle prepared queries with placeholders, built once per D1 binding
 * (db/prepared.ts `dbFor`): a scan builds no SQL.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { Hono } from "hono";
import { pickLang } from "../../widget/i18n";
import { buildMessage, chatUrl } from "../../widget/message";
import { cleanUrl } from "../../widget/protocol/clean-url";
import { REFERRER_MAX } from "../../widget/protocol/click-beacon";
import { mintRef } from "../../widget/protocol/ref-codec";
import type { Db } from "../db/client";
import { logRejection } from "../db/rejections";
import { clicks, links, sites } from "../db/schema";
import type { AppEnv } from "../env";
import { RATE_LIMIT_PERIOD_S, withinRateLimit } from "../http/rate-limit";
import { clickDimensions } from "../reporting/click-dimensions";
import { acceptLanguages } from "./accept-language";
import { deviceClass } from "./device-class";
import { linkNotFoundPage, scanRateLimitedPage } from "./link-not-found-page";

const p = (name: string) => sql.placeholder(name);

/** The live link of a code with its site's number, and the scan's click insert. */
function prepareScan(db: Db) {
  return {
    link: db
      .select({ link: links, waNumber: sites.waNumber, rateLimit: sites.clickRateLimit })
      .from(links)
      .innerJoin(sites, eq(sites.id, links.siteId))
      .where(and(eq(links.code, p("code")), isNull(links.disabledAt)))
      .prepare(),
    insert: db
      .insert(clicks)
      .values({
        siteId: p("siteId"),
        ref: p("ref"),
        placement: "link",
        linkId: p("linkId"),
        pageUrl: p("pageUrl"),
        lang: p("lang"),
        utmSource: p("utmSource"),
        utmMedium: p("utmMedium"),
        utmCampaign: p("utmCampaign"),
        utmTerm: p("utmTerm"),
        utmContent: p("utmContent"),
        referrer: p("referrer"),
        landingUrl: p("pageUrl"),
        deviceClass: p("deviceClass"),
        country: p("country"),
        source: p("source"),
        medium: p("medium"),
        channel: p("channel"),
        landingPage: p("landingPage"),
        number: p("number"),
        createdAt: p("createdAt"),
      })
      .prepare(),
  };
}
const prepared = new WeakMap<Db, ReturnType<typeof prepareScan>>();

export const scanRoute = new Hono<AppEnv>().get("/:code{[0-9a-z]{1,16}}", async (c) => {
  const db = c.var.db;
  let q = prepared.get(db);
  if (!q) {
    q = prepareScan(db);
    prepared.set(db, q);
  }
  const row = await q.link.get({ code: c.req.param("code") });
  const languages = acceptLanguages(c.req.header("accept-language"));
  c.header("cache-control", "no-store");
  // Counted before anything is written, unknown codes included (one bucket per client).
  if (!(await withinRateLimit(c.env, row?.link.siteId ?? "?", row?.rateLimit, c.req.raw))) {
    c.header("retry-after", String(RATE_LIMIT_PERIOD_S));
    return c.html(scanRateLimitedPage(languages, row ? chatUrl(row.waNumber) : undefined), 429);
  }
  if (!row) {
    // After the limiter, after the response (db/rejections.ts): a printed code that names nothing.
    logRejection(c, "unknown_link", null, c.req.param("code"));
    return c.html(linkNotFoundPage(languages), 404);
  }

  const { link, waNumber } = row;
  const ref = mintRef();
  const lang = link.lang ?? pickLang(...languages);
  const device = deviceClass(c.req.header("user-agent"));
  if (device !== "bot") {
    const url = new URL(c.req.url);
    const now = Date.now();
    const referer = c.req.header("referer");
    const referrer = referer ? cleanUrl(referer).slice(0, REFERRER_MAX) : null;
    const tags = {
      utm_source: link.utmSource ?? undefined,
      utm_medium: link.utmMedium ?? undefined,
      utm_campaign: link.utmCampaign ?? undefined,
      referrer: referrer ?? undefined,
    };
    await q.insert.run({
      siteId: link.siteId,
      ref,
      linkId: link.id,
      pageUrl: `${url.origin}${url.pathname}`,
      lang,
      utmSource: link.utmSource,
      utmMedium: link.utmMedium,
      utmCampaign: link.utmCampaign,
      utmTerm: link.utmTerm,
      utmContent: link.utmContent,
      referrer,
      deviceClass: device,
      country: (c.req.raw.cf?.country as string | undefined) ?? null,
      ...clickDimensions(tags, `${url.origin}${url.pathname}`),
      // The scan opens the site's number: the ref is bound to it like a beacon's.
      number: waNumber,
      createdAt: now,
    });
  }
  return c.redirect(chatUrl(waNumber, buildMessage(ref, lang, link.message ?? "")), 302);
});
