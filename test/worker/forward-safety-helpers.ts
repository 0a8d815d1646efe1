/**
 * Helpers for the outbound-safety tests: calling the Worker with changed settings (production has
 * no CHATREF_LOCAL_DEV, some deployments no CHATREF_SECRET_KEY) and making one lead with its
 * outbox row for a destination.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq, notInArray } from "drizzle-orm";
import { contacts, destinations, leads, outbox } from "../../worker/db/schema";
import worker from "../../worker/index";
import { captureQueue } from "./forward-helpers";
import { db, deliver, message, newPhone, type TestSite } from "./helpers";

/** The test env with these settings changed (undefined removes one). */
export function envWith(overrides: Partial<Record<keyof Env, string | undefined>>): Env {
  return { ...env, ...overrides } as Env;
}

/** Production's settings: no CHATREF_LOCAL_DEV. */
export const PRODUCTION = envWith({ CHATREF_LOCAL_DEV: undefined });

/** Calls the Worker with `workerEnv` instead of the test env. */
export async function callWith(request: Request, workerEnv: Env): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, workerEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** An API request with a JSON body for `site`. */
export function apiRequest(site: TestSite, method: string, path: string, body?: unknown) {
  return new Request(`https://chatref.test${path}`, {
    method,
    headers: { authorization: `Bearer ${site.apiKey}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A new lead of `site` (one inbound message); its outbox row for `destinationId` and contact. */
export async function leadFor(site: TestSite, destinationId: string) {
  captureQueue();
  const mine = eq(outbox.destinationId, destinationId);
  const before = await db().select({ id: outbox.id }).from(outbox).where(mine).all();
  await deliver(site, message({ from: newPhone(), body: "hello" }));
  const row = await db()
    .select({ id: outbox.id, leadId: outbox.leadId, publicId: contacts.publicId })
    .from(outbox)
    .innerJoin(leads, eq(leads.id, outbox.leadId))
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .where(and(mine, notInArray(outbox.id, ["", ...before.map((r) => r.id)])))
    .get();
  if (!row?.publicId) throw new Error("no outbox row");
  return { outboxId: row.id, leadId: row.leadId, contactId: row.publicId };
}

/** The stored outbox row. */
export const outboxRow = (id: string) => db().select().from(outbox).where(eq(outbox.id, id)).get();

/** The stored destination row. */
export const destinationRow = (id: string) =>
  db().select().from(destinations).where(eq(destinations.id, id)).get();
