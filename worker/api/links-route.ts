/**
 * Campaign links (`/api/v1/links`): named short links with UTM tags for print and offline media.
 * Create, list (with scan and lead counts), read, rename or disable, and print-ready QR codes of
 * the short link (`qr.svg`, `qr.png?size=`). Every query is filtered by the key's site.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { STRINGS } from "../../widget/i18n";
import { REF_ALPHABET } from "../../widget/protocol/ref-codec";
import { newId } from "../db/ids";
import { dbFor } from "../db/prepared";
import { links } from "../db/schema";
import { ApiError } from "../http/errors";
import { apiApp, jsonResponse } from "./api-route";
import { newestFirstData } from "./cursor";
import { selectLinkRows, toLinkJson } from "./link-json";
import { linkPageSchema, linkSchema } from "./link-schema";
import { PNG_SIZE_DEFAULT, PNG_SIZE_MAX, PNG_SIZE_MIN, qrPng, qrSvgDocument } from "./qr-image";
import { KEY_SCOPES, resourceRoutes } from "./resource-routes";
import { siteRow } from "./site-row";

const tag = z.string().trim().min(1).max(256).nullish();
const LANGS = Object.keys(STRINGS) as [string, ...string[]];

export const createBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  utm_source: tag,
  utm_medium: tag,
  utm_campaign: tag,
  utm_term: tag,
  utm_content: tag,
  /** Prefilled message; `{ref}` marks the code. Meta caps its own QR messages at 140 characters. */
  message: z.string().trim().min(1).max(300).nullish(),
  lang: z.enum(LANGS).nullish(),
});

export const updateBody = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "send name and/or disabled");

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(256).optional(),
});

export const pngQuery = z.strictObject({
  size: z.coerce.number().int().min(PNG_SIZE_MIN).max(PNG_SIZE_MAX).default(PNG_SIZE_DEFAULT),
});

/** 8 lowercase Crockford symbols (40 random bits): short in a QR, not guessable. */
function newCode(): string {
  let code = "";
  for (const b of crypto.getRandomValues(new Uint8Array(8))) code += REF_ALPHABET[b & 31];
  return code.toLowerCase();
}

const origin = (url: string) => new URL(url).origin;

const { params, route, list, get, create, update } = resourceRoutes("links", "link", KEY_SCOPES);

const QR = "Print-ready QR code of the short link";

export const linksRoute = apiApp()
  .openapi(
    create(
      "createLink",
      "Create a campaign link",
      createBody,
      8 * 1024,
      jsonResponse(linkSchema, "The new link"),
    ),
    async (c) => {
      const body = c.req.valid("json");
      const db = c.var.db;
      const now = Date.now();
      const id = newId("link", now);
      // A code collision (1 in 2^40 per pair) just takes another code.
      for (let attempt = 0; ; attempt++) {
        const inserted = await db
          .insert(links)
          .values({
            id,
            siteId: c.var.siteId,
            code: newCode(),
            name: body.name,
            utmSource: body.utm_source ?? null,
            utmMedium: body.utm_medium ?? null,
            utmCampaign: body.utm_campaign ?? null,
            utmTerm: body.utm_term ?? null,
            utmContent: body.utm_content ?? null,
            message: body.message ?? null,
            lang: body.lang ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing({ target: links.code })
          .run();
        if (inserted.meta.changes > 0) break;
        if (attempt >= 3) throw new ApiError(500, "internal", "Could not allocate a short code");
      }
      const row = await selectLinkRows(db).where(eq(links.id, id)).get();
      if (!row) throw new ApiError(500, "internal", "Link vanished after creation");
      return c.json(toLinkJson(row, origin(c.req.url)), 201);
    },
  )
  .openapi(
    list(
      "listLinks",
      "Campaign links, newest first, with scan and lead counts",
      listQuery,
      linkPageSchema,
      "A page of links",
    ),
    async (c) => {
      const body = await newestFirstData(
        selectLinkRows(c.var.db),
        links,
        [eq(links.siteId, c.var.siteId)],
        c.req.valid("query"),
        (r) => r.link,
        (r) => toLinkJson(r, origin(c.req.url)),
      );
      return c.json(body, 200);
    },
  )
  .openapi(
    route("get", "/{id}/qr.svg", "getLinkQrSvg", `${QR} (SVG)`, {
      request: { params },
      responses: {
        200: { description: "The QR code", content: { "image/svg+xml": { schema: z.string() } } },
      },
    }),
    async (c) => {
      const link = await findLink(c.env.DB, c.var.siteId, c.req.valid("param").id);
      const svg = qrSvgDocument(`${origin(c.req.url)}/r/${link.code}`, link.name);
      return c.body(svg, 200, {
        "content-type": "image/svg+xml; charset=utf-8",
        "cache-control": "private, max-age=300",
      });
    },
  )
  .openapi(
    route("get", "/{id}/qr.png", "getLinkQrPng", `${QR} (PNG, \`size\`×\`size\` px)`, {
      request: { params, query: pngQuery },
      responses: {
        200: {
          description: "The QR code",
          content: {
            "image/png": { schema: z.string().meta({ contentMediaType: "image/png" }) },
          },
        },
      },
    }),
    async (c) => {
      const { size } = c.req.valid("query");
      const link = await findLink(c.env.DB, c.var.siteId, c.req.valid("param").id);
      const png = qrPng(`${origin(c.req.url)}/r/${link.code}`, size);
      return c.body(png.slice().buffer, 200, {
        "content-type": "image/png",
        "cache-control": "private, max-age=300",
      });
    },
  )
  .openapi(get("getLink", "One campaign link", linkSchema, "The link"), async (c) => {
    const { id } = c.req.valid("param");
    const row = await siteRow(selectLinkRows(c.var.db), links, c.var.siteId, id, "link");
    return c.json(toLinkJson(row, origin(c.req.url)), 200);
  })
  .openapi(
    update(
      "updateLink",
      "Rename, disable or enable a campaign link",
      updateBody,
      4 * 1024,
      jsonResponse(linkSchema, "The updated link"),
    ),
    async (c) => {
      const body = c.req.valid("json");
      const { id } = c.req.valid("param");
      const db = c.var.db;
      const now = Date.now();
      const set: Partial<typeof links.$inferInsert> = { updatedAt: now };
      if (body.name !== undefined) set.name = body.name;
      if (body.disabled !== undefined) set.disabledAt = body.disabled ? now : null;
      const updated = await db
        .update(links)
        .set(set)
        .where(and(eq(links.siteId, c.var.siteId), eq(links.id, id)))
        .run();
      if (!updated.meta.changes) throw new ApiError(404, "not_found", `No link ${id}`);
      const row = await selectLinkRows(db).where(eq(links.id, id)).get();
      if (!row) throw new ApiError(404, "not_found", "No such link");
      return c.json(toLinkJson(row, origin(c.req.url)), 200);
    },
  );

async function findLink(d1: D1Database, siteId: string, id: string) {
  const link = await dbFor(d1)
    .select({ code: links.code, name: links.name })
    .from(links)
    .where(and(eq(links.siteId, siteId), eq(links.id, id)))
    .get();
  if (!link) throw new ApiError(404, "not_found", `No link ${id.slice(0, 64)}`);
  return link;
}
