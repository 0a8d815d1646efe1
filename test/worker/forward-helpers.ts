/**
 * Helpers for the forwarding tests: destinations and deliveries through the API. The sites they
 * start from (forward-fixtures.ts), the fake destinations (sink-helpers.ts) and the queue and cron
 * drivers (queue-helpers.ts) are re-exported, so a test imports them from here or from their own
 * modules.
 */
import { call, type TestSite } from "./helpers";

export * from "./forward-fixtures";
export * from "./queue-helpers";
export * from "./sink-helpers";

/** Calls the API with a JSON body. */
export function apiSend(
  site: TestSite,
  method: string,
  path: string,
  body?: unknown,
  key = site.apiKey,
): Promise<Response> {
  return call(
    new Request(`https://chatref.test${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

export interface DestinationOut {
  id: string;
  kind: string;
  name: string;
  events: string[];
  disabled: boolean;
  config: Record<string, unknown>;
  signing_secret?: string;
}

export async function createDestination(site: TestSite, body: object): Promise<DestinationOut> {
  const res = await apiSend(site, "POST", "/api/v1/destinations", body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as DestinationOut;
}

/** A webhook destination named `name` that posts to `url`, with `more` of its settings. */
export const createWebhook = (site: TestSite, name: string, url: string, more: object = {}) =>
  createDestination(site, { kind: "webhook", name, url, ...more });

export interface DeliveryOut {
  id: string;
  destination: { id: string; kind: string; name: string };
  lead_id: string;
  event: string;
  event_id: string;
  status: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  response_status: number | null;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  sent_at: string | null;
  payload?: unknown;
}

/** GET /api/v1/deliveries with this query (all pages). */
export async function listDeliveries(site: TestSite, query = ""): Promise<DeliveryOut[]> {
  const out: DeliveryOut[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams(query);
    q.set("limit", "200");
    if (cursor) q.set("cursor", cursor);
    const res = await apiSend(site, "GET", `/api/v1/deliveries?${q}`);
    if (res.status !== 200) throw new Error(`deliveries: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { data: DeliveryOut[]; next_cursor: string | null };
    out.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}
