/**
 * Site administration (`/api/v1/sites`), guarded by the admin token (api-route.ts scope `admin`):
 * create, list, read and update sites. Creating a site also makes its first API key (scope
 * `full`), shown once; a site's other keys are keys-route.ts.
 */
import { asc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { newId } from "../db/ids";
import { bind, compile, dbFor } from "../db/prepared";
import { apiKeys, sites } from "../db/schema";
import { clearSiteCache } from "../db/sites";
import { ApiError } from "../http/errors";
import { phoneField } from "../http/phone-field";
import { normaliseOrigin } from "../ingest/origin";
import { setCurrencyStatements, setTimeZoneStatements } from "../reporting/site-time-zone";
import { canonicalTimeZone } from "../reporting/time-zone";
import { apiApp, jsonResponse } from "./api-route";
import { findSite } from "./find-site";
import { mintKey } from "./keys-route";
import { SITE_ROUTES } from "./resource-routes";
import {
  clickRateLimitField,
  consentDefaultField,
  inferenceField,
  siteCreatedSchema,
  sitePageSchema,
  siteSchema,
  toSiteJson,
} from "./site-json";

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
/** The forms worker/ingest/origin.ts matches: an origin, `*.` as the first host label, `:*` as the port, or `*`. */
const ORIGIN_PATTERN = new RegExp(
  `^https?://(?:\\*\\.)?${LABEL}(?:\\.${LABEL})*(?::(\\*|\\d{1,5}))?$`,
);

/** As people paste it (`https://Shop.Example/`, a path, `:443`), stored normalised (origin.ts). */
const originPattern = z
  .string()
  .trim()
  .max(255)
  .transform((s) => normaliseOrigin(s) ?? s)
  .refine((s) => {
    if (s === "*") return true;
    const m = ORIGIN_PATTERN.exec(s);
    return m !== null && (m[1] === undefined || m[1] === "*" || Number(m[1]) <= 65535);
  }, "must be a web origin such as https://shop.example (a path is dropped), https://*.example.com, http://localhost:* or *");

export const siteFields = {
  name: z.string().trim().min(1).max(120),
  /** Business number as people write it (`+1 (555) 000-4444`), stored as wa.me's digits. */
  wa_number: phoneField(),
  allowed_origins: z
    .array(originPattern)
    .max(50)
    .transform((list) => [...new Set(list)]),
  waba_id: z.string().regex(/^[0-9]{1,32}$/, "must be digits"),
  /** IANA time zone of the site's stats (its days, weeks, months), canonicalised. */
  timezone: z
    .string()
    .max(64)
    .transform((s, ctx) => {
      const tz = canonicalTimeZone(s);
      if (tz) return tz;
      ctx.addIssue({
        code: "custom",
        message: "unknown time zone: use an IANA name such as Europe/Madrid",
      });
      return z.NEVER;
    }),
  /** ISO 4217 code the stats' revenue is in (other currencies are reported apart). */
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "a three-letter ISO 4217 code, like USD")
    .transform((c) => c.toUpperCase()),
};

export const createSiteBody = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]{1,64}$/, "must be 1 to 64 characters of a-z, 0-9 and -"),
  name: siteFields.name,
  wa_number: siteFields.wa_number,
  phone_number_id: z.string().regex(/^[0-9]{1,32}$/, "must be 1 to 32 digits"),
  allowed_origins: siteFields.allowed_origins,
  waba_id: siteFields.waba_id.nullish(),
  timezone: siteFields.timezone.default("UTC"),
  currency: siteFields.currency.default("USD"),
  /** Consent Mode default where a click says nothing (read-model/ad-consent.ts). */
  consent_default: consentDefaultField.default("granted"),
  /** Inferred attribution when a first message lost its ref (attribution/infer-score.ts). */
  inference: inferenceField.default("on"),
  /** Also create a first API key, returned once as `api_key.key`. */
  with_key: z.boolean().default(true),
});

const keywordList = z.array(z.string().trim().min(1).max(64)).max(200).default([]);
const consentKeywords = z.strictObject({ opt_out: keywordList, opt_in: keywordList });

export const updateSiteBody = z
  .strictObject({
    name: siteFields.name.optional(),
    wa_number: siteFields.wa_number.optional(),
    allowed_origins: siteFields.allowed_origins.optional(),
    waba_id: siteFields.waba_id.nullable().optional(),
    /** Changing it moves the site's stats rollup to the new local days. */
    timezone: siteFields.timezone.optional(),
    /** Changing it recomputes the revenue in the site's stats rollup. */
    currency: siteFields.currency.optional(),
    /** Extra opt-out / opt-in keywords, on top of the built-in lists (worker/consent/keywords.ts). */
    consent_keywords: consentKeywords.nullable().optional(),
    /** Days an unmatched click is kept (default 90). */
    click_retention_days: z.number().int().min(1).max(3650).nullable().optional(),
    /** Click beacons and scans a minute per client (site-json.ts clickRateLimitField). */
    click_rate_limit: clickRateLimitField.optional(),
    /** Consent Mode default where a click says nothing; `denied` for EEA sites without a CMP. */
    consent_default: consentDefaultField.optional(),
    /** `off` stops inferring clicks for ref-less first messages; leads already inferred stay. */
    inference: inferenceField.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "send at least one field to change");

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(64).optional(),
});

/** The unique column a failed insert collided with (`key`, `phone_number_id`), if that was it. */
function uniqueViolation(err: unknown): string | null {
  for (let e = err; e instanceof Error; e = e.cause) {
    const column = /UNIQUE constraint failed: sites\.(\w+)/.exec(e.message)?.[1];
    if (column) return column;
  }
  return null;
}

const { list, get, create, update } = SITE_ROUTES;

export const sitesRoute = apiApp()
  .openapi(
    create(
      "createSite",
      "Create a site (and, by default, its first API key — scope `full` — shown once)",
      createSiteBody,
      32 * 1024,
      jsonResponse(siteCreatedSchema, "The new site"),
      { errors: [409] },
    ),
    async (c) => {
      const body = c.req.valid("json");
      const db = c.var.db;
      const now = Date.now();
      const site = {
        id: newId("site", now),
        key: body.key,
        name: body.name,
        waNumber: body.wa_number,
        phoneNumberId: body.phone_number_id,
        allowedOrigins: body.allowed_origins,
        wabaId: body.waba_id ?? null,
        timezone: body.timezone,
        currency: body.currency,
        consentDefault: body.consent_default,
        inference: body.inference,
        createdAt: now,
      };
      // The first key can do everything: it is how the owner sets the site up.
      const key = body.with_key ? await mintKey(site.id, "default", "full", now) : null;
      try {
        // One batch: the site, its time zone and its first key commit together or not at all.
        const d1 = c.env.DB;
        await d1.batch([
          bind(d1, compile(db.insert(sites).values(site)), {}),
          ...(site.timezone === "UTC" ? [] : setTimeZoneStatements(d1, site.id, site.timezone)),
          ...(key ? [bind(d1, compile(db.insert(apiKeys).values(key.row)), {})] : []),
        ]);
      } catch (err) {
        const column = uniqueViolation(err);
        if (!column) throw err;
        const value = column === "key" ? body.key : body.phone_number_id;
        throw new ApiError(409, "conflict", `A site with ${column} ${value} already exists`);
      }
      clearSiteCache();
      const created = await findSite(c.env.DB, site.id);
      return c.json({ ...toSiteJson(created), api_key: key?.json ?? null }, 201);
    },
  )
  .openapi(
    list("listSites", "Sites by id", listQuery, sitePageSchema, "A page of sites"),
    async (c) => {
      const q = c.req.valid("query");
      const rows = await c.var.db
        .select()
        .from(sites)
        .where(q.cursor ? gt(sites.id, q.cursor) : undefined)
        .orderBy(asc(sites.id))
        .limit(q.limit + 1)
        .all();
      const page = rows.slice(0, q.limit);
      return c.json(
        {
          data: page.map(toSiteJson),
          next_cursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
        },
        200,
      );
    },
  )
  .openapi(get("getSite", "One site", siteSchema, "The site"), async (c) =>
    c.json(toSiteJson(await findSite(c.env.DB, c.req.valid("param").id)), 200),
  )
  .openapi(
    update(
      "updateSite",
      "Change a site's name, number, allowed origins, WABA id, time zone, currency, limits or consent default",
      updateSiteBody,
      32 * 1024,
      jsonResponse(siteSchema, "The updated site"),
    ),
    async (c) => {
      const body = c.req.valid("json");
      const set: Partial<typeof sites.$inferInsert> = {};
      if (body.name !== undefined) set.name = body.name;
      if (body.wa_number !== undefined) set.waNumber = body.wa_number;
      if (body.allowed_origins !== undefined) set.allowedOrigins = body.allowed_origins;
      if (body.waba_id !== undefined) set.wabaId = body.waba_id;
      if (body.consent_keywords !== undefined) set.consentKeywords = body.consent_keywords;
      if (body.click_retention_days !== undefined)
        set.clickRetentionDays = body.click_retention_days;
      if (body.click_rate_limit !== undefined) set.clickRateLimit = body.click_rate_limit;
      if (body.consent_default !== undefined) set.consentDefault = body.consent_default;
      if (body.inference !== undefined) set.inference = body.inference;
      const { id } = c.req.valid("param");
      const before = await findSite(c.env.DB, id);
      const d1 = c.env.DB;
      const statements = [];
      if (Object.keys(set).length) {
        statements.push(
          bind(d1, compile(dbFor(d1).update(sites).set(set).where(eq(sites.id, id))), {}),
        );
      }
      // A new zone moves the site's rollup in the same batch (seconds for a million clicks).
      if (body.timezone !== undefined && body.timezone !== before.timezone)
        statements.push(...setTimeZoneStatements(d1, id, body.timezone));
      if (body.currency !== undefined && body.currency !== before.currency)
        statements.push(...setCurrencyStatements(d1, id, body.currency));
      if (statements.length) await d1.batch(statements);
      // This isolate sees the change at once; others within SITE_CACHE_MS (worker/db/sites.ts).
      clearSiteCache();
      return c.json(toSiteJson(await findSite(c.env.DB, id)), 200);
    },
  );
