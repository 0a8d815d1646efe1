/**
 * `GET /r/<code>`: the short link behind a printed campaign QR code. Records the scan as a click
 * (placement "link", bound to the link's UTM tags, with device class, country and referrer),
 * mints a ref and redirects (302) to the chat with the prefilled message. wa.me itself serves a
 * phone without WhatsApp (install or continue on the web). Link-preview bots are redirected
 * without being counted. An unknown or disabled code gets a localised 404 page.
 */
import { and, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { pickLang } from "../../widget/i18n";
import { buildMessage, chatUrl } from "../../widget/message";
import { URL_MAX } from "../../widget/protocol/click-beacon";
import { mintRef } from "../../widget/protocol/ref-codec";
import { getDb } from "../db/client";
import { clicks, links, sites } from "../db/schema";
import type { AppEnv } from "../env";
import { clickDimensions } from "../reporting/click-dimensions";
import { acceptLanguages } from "./accept-language";
import { deviceClass } from "./device-class";
import { linkNotFoundPage } from "./link-not-found-page";

export const scanRoute = new Hono<AppEnv>().get("/:code{[0-9a-z]{1,16}}", async (c) => {
  const db = getDb(c.env.DB);
  const row = await db
    .select({ link: links, waNumber: sites.waNumber })
    .from(links)
    .innerJoin(sites, eq(sites.id, links.siteId))
    .where(and(eq(links.code, c.req.param("code")), isNull(links.disabledAt)))
    .get();
  const languages = acceptLanguages(c.req.header("accept-language"));
  c.header("cache-control", "no-store");
  if (!row) return c.html(linkNotFoundPage(languages), 404);

  const { link, waNumber } = row;
  const ref = mintRef();
  const lang = link.lang ?? pickLang(...languages);
  const device = deviceClass(c.req.header("user-agent"));
  if (device !== "bot") {
    const url = new URL(c.req.url);
    const now = Date.now();
    const referrer = c.req.header("referer")?.slice(0, URL_MAX) ?? null;
    const tags = {
      utm_source: link.utmSource ?? undefined,
      utm_medium: link.utmMedium ?? undefined,
      utm_campaign: link.utmCampaign ?? undefined,
      referrer: referrer ?? undefined,
    };
    await db
      .insert(clicks)
      .values({
        siteId: link.siteId,
        ref,
        placement: "link",
        linkId: link.id,
        pageUrl: `${url.origin}${url.pathname}`,
        lang,
        utmSource: link.utmSource,
        utmMedium: link.utmMedium,
        utmCampaign: link.utmCampaign,
        utmTerm: link.utmTerm,
        utmContent: link.utmContent,
        referrer,
        landingUrl: `${url.origin}${url.pathname}`,
        deviceClass: device,
        country: (c.req.raw.cf?.country as string | undefined) ?? null,
        ...clickDimensions(tags, `${url.origin}${url.pathname}`),
        createdAt: now,
      })
      .run();
  }
  return c.redirect(chatUrl(waNumber, buildMessage(ref, lang, link.message ?? "")), 302);
});
