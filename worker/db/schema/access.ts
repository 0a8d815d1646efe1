/** Who may use the API (keys) and what was done with personal data (the audit log). */
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { autoId, createdAt, siteId, textId } from "./columns";
import { API_KEY_SCOPES } from "./enums";
import { jsonText } from "./json-text";

/** An audit row's counts or notes: a JSON object (anything else stored reads as null). */
export type AuditDetail = Record<string, string | number>;

const auditDetail = (value: unknown): AuditDetail | null =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as AuditDetail) : null;

/** API keys, scoped to one site; only the SHA-256 of the key is stored. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: textId(),
    siteId: siteId(),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull().unique("api_keys_key_hash_unique"),
    /** The key's first characters (e.g. `crk_AB12`), shown so a person can recognise it; null for keys made before. */
    prefix: text("prefix"),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at"),
    /** `read` (every GET) or `full` (everything); keys older than scopes are `full` (0014). */
    scope: text("scope", { enum: API_KEY_SCOPES }).notNull().default("full"),
  },
  (t) => [index("api_keys_site_idx").on(t.siteId)],
);

/** Who did what to personal data (erasure), kept without the data itself. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: autoId(),
    siteId: siteId(),
    action: text("action").notNull(),
    /** The object acted on (a contact's public id). */
    target: text("target").notNull(),
    /** The API key id that asked. */
    actor: text("actor"),
    /** JSON counts of what changed (identity/merge.ts writes it in SQL: json_object). */
    detail: jsonText("detail", auditDetail),
    at: integer("at").notNull(),
  },
  (t) => [index("audit_log_site_at_idx").on(t.siteId, t.at)],
);
