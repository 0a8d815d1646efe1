/**
 * One delivery attempt of one outbox row, as the queue consumer runs it:
 *
 * 1. Claim the row with a conditional UPDATE (still pending or retrying, due, no live lease), so
 *    duplicate queue messages and the sweep never make two senders of one row.
 * 2. Load the lead (the API's lead query) and the destination; skip with a reason when the
 *    destination is disabled or the format says the lead cannot go there (windows, missing ids).
 * 3. Send the body kept from the first attempt (or build it), with a time limit.
 * 4. Record the outcome with an UPDATE conditional on the lease: sent, retrying (with the next
 *    attempt's time), or dead (a final answer, or MAX_ATTEMPTS failures).
 *
 * Error texts keep the status and the start of the answer, never the credential or the URL
 * (which may carry it).
 */
import { and, eq, getTableColumns, inArray, isNull, lt, lte, or } from "drizzle-orm";
import { selectLeadRows } from "../api/lead-json";
import { getDb } from "../db/client";
import {
  type DestinationKind,
  destinations,
  leads,
  type OutboxStatus,
  outbox,
  sites,
} from "../db/schema";
import { backoffSeconds, retryAfterSeconds } from "./backoff";
import { parseConfig } from "./destination-config";
import { forwardTimeoutMs } from "./env";
import type { Format, ForwardEvent, ForwardLead } from "./format";
import { ga4Format } from "./ga4";
import { metaFormat } from "./meta-capi";
import { openSecret, redact } from "./secrets";
import { webhookFormat } from "./webhook";

/** How long a claim holds a row: above the attempt time limit plus the D1 work around it. */
export const LEASE_MS = 2 * 60_000;
/** A queue message may arrive this much before the row's next_attempt_at and still run. */
const EARLY_MS = 2_000;
/** Characters of an answer's body kept in last_error. */
const ANSWER_SNIPPET = 300;

/** What an attempt did; `busy` means another consumer holds the row, or it is done or not due. */
export type DeliveryOutcome =
  | { outcome: Exclude<OutboxStatus, "pending" | "retrying"> | "busy" }
  | { outcome: "retrying"; delaySeconds: number };

type OutboxRow = typeof outbox.$inferSelect;
type Finish = Partial<typeof outbox.$inferInsert> & { status: OutboxStatus };

/** Runs one attempt of outbox row `id`. */
export async function deliverOutbox(env: Env, id: string): Promise<DeliveryOutcome> {
  const db = getDb(env.DB);
  const now = Date.now();
  const lease = now + LEASE_MS;
  const row = await db
    .update(outbox)
    .set({ leaseUntil: lease })
    .where(
      and(
        eq(outbox.id, id),
        inArray(outbox.status, ["pending", "retrying"]),
        lte(outbox.nextAttemptAt, now + EARLY_MS),
        or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, now)),
      ),
    )
    .returning()
    .get();
  if (!row) return { outcome: "busy" };

  const finish = async (set: Finish): Promise<void> => {
    await db
      .update(outbox)
      .set({ leaseUntil: null, updatedAt: Date.now(), ...set })
      .where(and(eq(outbox.id, id), eq(outbox.leaseUntil, lease)))
      .run();
  };

  try {
    return await attemptRow(env, row, now, finish);
  } catch (err) {
    // A stored config this code cannot read, D1 trouble, or a bug: recorded (which also frees
    // the row) and retried like a failed request.
    return fail(row, finish, now, `internal error: ${describe(err)}`, null, true, null);
  }
}

/** Loads what the attempt needs, then skips, or sends with the destination kind's format. */
async function attemptRow(
  env: Env,
  row: OutboxRow,
  now: number,
  finish: (set: Finish) => Promise<void>,
): Promise<DeliveryOutcome> {
  const db = getDb(env.DB);
  // Two queries, not db.batch(): a batch returns rows keyed by column name, which breaks the
  // lead query's joined columns (leads.id vs clicks.id).
  const [leadRow, found] = await Promise.all([
    selectLeadRows(db).where(eq(leads.id, row.leadId)).get(),
    db
      .select({ destination: getTableColumns(destinations), wabaId: sites.wabaId })
      .from(destinations)
      .innerJoin(sites, eq(sites.id, destinations.siteId))
      .where(eq(destinations.id, row.destinationId))
      .get(),
  ]);
  if (!leadRow || !found) {
    await finish({
      status: "dead",
      nextAttemptAt: null,
      lastError: "the lead or destination is gone",
    });
    return { outcome: "dead" };
  }
  const { destination } = found;
  if (destination.disabledAt !== null) {
    await finish({
      status: "skipped",
      nextAttemptAt: null,
      lastError: "the destination is disabled",
    });
    return { outcome: "skipped" };
  }
  const lead: ForwardLead = { row: leadRow, siteWabaId: found.wabaId };
  const attempt = <C>(format: Format<C>, config: C) =>
    runAttempt({ env, row, destination, lead, format, config, now, finish });
  const kind: DestinationKind = destination.kind;
  if (kind === "ga4") return attempt(ga4Format, parseConfig("ga4", destination.config));
  if (kind === "meta_capi")
    return attempt(metaFormat, parseConfig("meta_capi", destination.config));
  return attempt(webhookFormat, parseConfig("webhook", destination.config));
}

interface AttemptInput<C> {
  env: Env;
  row: OutboxRow;
  destination: typeof destinations.$inferSelect;
  lead: ForwardLead;
  format: Format<C>;
  config: C;
  now: number;
  finish: (set: Finish) => Promise<void>;
}

/** One request: skip with a reason, or send the kept (or newly built) body and record the answer. */
async function runAttempt<C>(input: AttemptInput<C>): Promise<DeliveryOutcome> {
  const { env, row, destination, lead, format, config, now, finish } = input;
  const skip = format.skipReason(lead, config, now);
  if (skip) {
    await finish({ status: "skipped", nextAttemptAt: null, lastError: skip });
    return { outcome: "skipped" };
  }
  // lead.created happened when the lead was created: the row's own time for rows written with the
  // lead (the same instant), not the time a backfill (backfill.ts) wrote it.
  const occurredAt = row.event === "lead.created" ? lead.row.lead.createdAt : row.createdAt;
  const event: ForwardEvent = { event: row.event, eventId: row.eventId, occurredAt };
  const body = row.payload ?? JSON.stringify(await format.payload(lead, config, event));
  let credential: string;
  let previous: string | undefined;
  try {
    credential = await openSecret(destination.secret, destination.id, env.CHATREF_SECRET_KEY);
    // A rotated webhook secret is still honoured for a while (webhook.ts ROTATION_OVERLAP_MS).
    if (destination.previousSecret && (destination.previousSecretUntil ?? 0) > now)
      previous = await openSecret(
        destination.previousSecret,
        destination.id,
        env.CHATREF_SECRET_KEY,
      );
  } catch (err) {
    return fail(row, finish, now, describe(err), null, true, null, body);
  }
  const request = await format.request(config, credential, body, event, now, previous);
  const timeoutMs = forwardTimeoutMs(env);
  let status: number | null = null;
  let error: string;
  let retryable = true;
  let retryAfter: number | null = null;
  try {
    const res = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = res.status;
    const text = await res.text();
    if (res.ok) {
      await finish({
        status: "sent",
        attempts: row.attempts + 1,
        nextAttemptAt: null,
        lastError: null,
        responseStatus: status,
        payload: body,
        lastAttemptAt: now,
        sentAt: Date.now(),
      });
      return { outcome: "sent" };
    }
    const snippet = text.replace(/\s+/g, " ").trim().slice(0, ANSWER_SNIPPET);
    error = `HTTP ${status}${snippet ? `: ${snippet}` : ""}`;
    retryable = format.retryable(status, text);
    retryAfter = retryAfterSeconds(res.headers.get("retry-after"), now);
  } catch (err) {
    error =
      err instanceof Error && err.name === "TimeoutError"
        ? `no answer within ${timeoutMs} ms`
        : `request failed: ${describe(err)}`;
  }
  const safe = redact(error, [credential, request.url]);
  console.warn(`forward: ${row.id} (${destination.kind}) attempt ${row.attempts + 1}: ${safe}`);
  return fail(row, finish, now, safe, status, retryable, retryAfter, body);
}

/** Records a failed attempt: retrying with backoff, or dead when final or out of attempts. */
async function fail(
  row: OutboxRow,
  finish: (set: Finish) => Promise<void>,
  now: number,
  error: string,
  status: number | null,
  retryable: boolean,
  retryAfter: number | null,
  payload?: string,
): Promise<DeliveryOutcome> {
  const attempts = row.attempts + 1;
  const common = {
    attempts,
    responseStatus: status,
    lastAttemptAt: now,
    ...(payload !== undefined ? { payload } : {}),
  };
  if (!retryable || attempts >= row.maxAttempts) {
    const why = retryable ? `gave up after ${attempts} attempts; last: ${error}` : error;
    await finish({ status: "dead", nextAttemptAt: null, lastError: why.slice(0, 1000), ...common });
    return { outcome: "dead" };
  }
  const delaySeconds = Math.max(backoffSeconds(attempts), retryAfter ?? 0);
  await finish({
    status: "retrying",
    nextAttemptAt: now + delaySeconds * 1000,
    lastError: error.slice(0, 1000),
    ...common,
  });
  return { outcome: "retrying", delaySeconds };
}

function describe(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 300) || "unknown error";
}
