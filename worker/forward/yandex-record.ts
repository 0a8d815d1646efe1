import type { Db } from "../db/client";
import type { outbox } from "../db/schema";
import { backoffSeconds } from "./backoff";
import { type Finish, outcomeUpdate } from "./erased";
import type { YandexCells } from "./yandex-csv";

export type OutboxRow = typeof outbox.$inferSelect;
export type { Finish };

/** What a Metrica row keeps in `payload`: its line, and the upload it went in once uploaded. */
export interface YandexKept {
  type: "CHATS" | "BASIC";
  cells: YandexCells;
  /** Metrica's upload id. */
  uploading?: string;
  /** When the upload was accepted, ms. */
  uploadedAt?: number;
}

/** The row's kept line, or null (none yet, or not ours). */
export function keptOf(row: OutboxRow): YandexKept | null {
  if (!row.payload) return null;
  try {
    const kept = JSON.parse(row.payload) as YandexKept;
    return kept && typeof kept.cells === "object" ? kept : null;
  } catch {
    return null;
  }
}

/** A failed upload of `row`: retrying with backoff, or dead when final or out of attempts. */
export function failedSet(
  row: OutboxRow,
  now: number,
  error: string,
  status: number | null,
  retryable: boolean,
  retryAfter: number | null,
  /** The row's kept line (JSON), or null when none was built. */
  payload: string | null,
): Finish {
  const attempts = row.attempts + 1;
  const common = { attempts, responseStatus: status, lastAttemptAt: now, payload };
  if (!retryable || attempts >= row.maxAttempts) {
    const why = retryable ? `gave up after ${attempts} attempts; last: ${error}` : error;
    return { status: "dead", nextAttemptAt: null, lastError: why.slice(0, 1000), ...common };
  }
  const delaySeconds = Math.max(backoffSeconds(attempts), retryAfter ?? 0);
  return {
    status: "retrying",
    nextAttemptAt: now + delaySeconds * 1000,
    lastError: error.slice(0, 1000),
    ...common,
  };
}

/** Records each row's outcome (rows no longer ours are left alone); returns how many were. */
export async function recordRows(
  db: Db,
  lease: number,
  outcomes: { id: string; set: Finish }[],
): Promise<number> {
  // `set` may hold the claim on (leaseUntil) until the upload's status is due.
  const statements = outcomes.map(({ id, set }) => outcomeUpdate(db, id, lease, set));
  const [first, ...rest] = statements;
  if (!first) return 0;
  const results = await db.batch([first, ...rest]);
  return results.reduce((n, r) => n + (r.meta.changes > 0 ? 1 : 0), 0);
}
