/**
 * A site's opt-in texts (`/api/v1/sites/:id/consent-texts`, admin token): the exact words the
 * site shows next to its opt-in box. A widget opt-in counts only when its text is registered
 * (worker/consent/optin-click.ts); registering a text verifies every opt-in already made with it
 * (a version names one text) and the contacts' statuses follow (migration 0016's triggers).
 *
 * - `POST` `{text, lang}` registers a text and answers its version (201; 200 when it already was);
 * - `GET` lists the texts seen or registered, newest first, each with how many opt-ins wait on it
 *   (`unverified_optins`), so an owner sees which texts their pages show that are not registered.
 */
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { OPTIN_TEXT_MAX } from "../../widget/protocol/click-beacon";
import { registerOnConflict, textVersion } from "../consent/optin-click";
import { dbFor } from "../db/prepared";
import { consentEvents, consentTexts } from "../db/schema";
import { ApiError } from "../http/errors";
import { apiApp, apiRoute, idParams, jsonBody, jsonResponse } from "./api-route";
import { newestFirstPage } from "./cursor";
import { findSite } from "./find-site";

export const registerTextBody = z.strictObject({
  /** The exact words shown (not trimmed: a version names these characters). */
  text: z.string().min(1).max(OPTIN_TEXT_MAX),
  /** BCP 47 language of the text. */
  lang: z.string().regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8}){0,3}$/, "must be a BCP 47 tag"),
});

export const listTextsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(256).optional(),
});

/** Keyset columns: the newest text first. */
const order = { createdAt: consentTexts.firstSeenAt, id: consentTexts.version };

/** Opt-ins made with a text and not yet verified (served by consent_events_unverified_idx). */
const unverified = sql<number>`(select count(*) from ${consentEvents} where ${consentEvents.siteId} = ${consentTexts.siteId} and ${consentEvents.textVersion} = ${consentTexts.version} and ${consentEvents.verified} = 0)`;

type TextRow = typeof consentTexts.$inferSelect & { unverified: number };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const instantOrNull = z.iso.datetime().nullable();

/** One opt-in text as the API shows it. */
export const consentTextSchema = z.strictObject({
  version: z.string(),
  text: z.string(),
  lang: z.string().nullable(),
  registered: z.boolean(),
  registered_by: z
    .enum(["admin", "builtin"])
    .nullable()
    .describe("`admin` (this API) or `builtin` (the widget's own text); null: only seen"),
  registered_at: instantOrNull,
  first_seen_at: instantOrNull,
  unverified_optins: z.number().int().nonnegative().describe("opt-ins waiting on this text"),
});
export const consentTextPageSchema = z.strictObject({
  data: z.array(consentTextSchema),
  next_cursor: z.string().nullable(),
});

/** The JSON of one opt-in text. */
export function toConsentTextJson(row: TextRow): z.output<typeof consentTextSchema> {
  return {
    version: row.version,
    text: row.text,
    lang: row.lang,
    registered: row.registeredAt !== null,
    /** `admin` (this API) or `builtin` (the widget's own text naming the site); null: only seen. */
    registered_by: row.registeredBy,
    registered_at: iso(row.registeredAt),
    first_seen_at: iso(row.firstSeenAt),
    unverified_optins: row.unverified,
  };
}

function selectTexts(d1: D1Database) {
  return dbFor(d1)
    .select({
      siteId: consentTexts.siteId,
      version: consentTexts.version,
      text: consentTexts.text,
      lang: consentTexts.lang,
      firstSeenAt: consentTexts.firstSeenAt,
      registeredAt: consentTexts.registeredAt,
      registeredBy: consentTexts.registeredBy,
      unverified,
    })
    .from(consentTexts);
}

const tags = ["admin"];

const registerText = apiRoute({
  method: "post",
  path: "/{id}/consent-texts",
  scope: "admin",
  operationId: "registerConsentText",
  tags,
  summary: "Register an opt-in text the site shows (answers its version; verifies its opt-ins)",
  request: { params: idParams("site"), body: jsonBody(registerTextBody) },
  bodyMax: 8 * 1024,
  responses: {
    201: jsonResponse(consentTextSchema, "Registered"),
    200: jsonResponse(consentTextSchema, "Already registered: nothing changed"),
  },
});

const listTexts = apiRoute({
  method: "get",
  path: "/{id}/consent-texts",
  scope: "admin",
  operationId: "listConsentTexts",
  tags,
  summary: "The opt-in texts seen or registered, newest first, with their unverified opt-ins",
  request: { params: idParams("site"), query: listTextsQuery },
  responses: { 200: jsonResponse(consentTextPageSchema, "A page of texts") },
});

export const consentTextsRoute = apiApp()
  .openapi(registerText, async (c) => {
    const body = c.req.valid("json");
    const siteId = (await findSite(c.env.DB, c.req.valid("param").id)).id;
    const version = await textVersion(body.text);
    const now = Date.now();
    // One statement: insert or mark registered; the triggers verify the opt-ins made with it.
    const row = await c.var.db
      .insert(consentTexts)
      .values({
        siteId,
        version,
        text: body.text,
        lang: body.lang,
        firstSeenAt: now,
        registeredAt: now,
        registeredBy: "admin",
      })
      .onConflictDoUpdate(registerOnConflict)
      .returning({ registeredAt: consentTexts.registeredAt })
      .get();
    const [saved] = await selectTexts(c.env.DB)
      .where(and(eq(consentTexts.siteId, siteId), eq(consentTexts.version, version)))
      .all();
    if (!saved) throw new ApiError(500, "internal", "registered text not found");
    return c.json(toConsentTextJson(saved), row?.registeredAt === now ? 201 : 200);
  })
  .openapi(listTexts, async (c) => {
    const q = c.req.valid("query");
    const siteId = (await findSite(c.env.DB, c.req.valid("param").id)).id;
    const where = [eq(consentTexts.siteId, siteId)];
    const { page, next_cursor } = await newestFirstPage(
      selectTexts(c.env.DB),
      order,
      where,
      q,
      (r) => ({
        createdAt: r.firstSeenAt,
        id: r.version,
      }),
    );
    return c.json({ data: page.map(toConsentTextJson), next_cursor }, 200);
  });
