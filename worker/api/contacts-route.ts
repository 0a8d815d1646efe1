/**
 * `GET /api/v1/contacts/:id` (marketing status, messaging windows, consent history) and
 * `DELETE /api/v1/contacts/:id` (erases the contact's personal data, keeps anonymous counts,
 * writes an audit row). `:id` is the contact's public id (`ct_…`); another site's is a 404.
 */
import { and, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { eraseContact } from "../consent/erase";
import { getDb } from "../db/client";
import { apiKeys } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { apiKeyAuth, hashApiKey } from "./api-key-auth";
import { PUBLIC_ID, readContact } from "./contact-json";

function contactId(id: string): string {
  if (!PUBLIC_ID.test(id)) throw new ApiError(404, "not_found", "No such contact");
  return id;
}

export const contactsRoute = new Hono<AppEnv>()
  .use(apiKeyAuth())
  .get("/:id", async (c) => {
    const id = contactId(c.req.param("id"));
    const contact = await readContact(getDb(c.env.DB), c.var.siteId, id);
    if (!contact) throw new ApiError(404, "not_found", `No contact ${id}`);
    return c.json(contact);
  })
  .delete("/:id", async (c) => {
    const id = contactId(c.req.param("id"));
    const db = getDb(c.env.DB);
    // The audit row names the key that asked (the middleware has already checked it).
    const key = /^Bearer\s+(\S{1,256})$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    const actor = await db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, await hashApiKey(key)), isNull(apiKeys.revokedAt)))
      .get();
    const result = await eraseContact(db, c.var.siteId, id, actor?.id ?? null);
    if (!result) throw new ApiError(404, "not_found", `No contact ${id}`);
    const { erasedAt, ...counts } = result;
    return c.json({ id, erased_at: new Date(erasedAt).toISOString(), erased: counts });
  });
