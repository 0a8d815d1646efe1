/**
 * The dashboard's client of the forwarding routes: `/api/v1/destinations` (list, enable /
 * disable, backfill) and `/api/v1/deliveries` (the log, retry, and `summary`: each
 * destination's health over the period in one call). Bearer key, same origin. The "needs
 * attention" list merges the dead and retrying streams, newest first.
 */
import type {
  DeliveryJson,
  DeliveryPageJson,
  DeliverySummaryJson,
} from "../worker/api/delivery-schema";
import type {
  BackfillJson,
  DestinationJson,
  DestinationPageJson,
} from "../worker/api/destination-schema";
import { localMidnight as midnightOfDay } from "../worker/reporting/time-zone";
import { apiRequest } from "./api";

// The answers' types are the worker's, inferred from its response schemas (type-only: no bytes).
export type Destination = DestinationJson;
export type Delivery = DeliveryJson;
/** The answer of `POST /destinations/:id/backfill`. */
export type BackfillResult = BackfillJson;
export type DestinationKind = Destination["kind"];
export type DeliveryStatus = Delivery["status"];

/** The statuses counted per destination, in the order shown. */
export const HEALTH_STATUSES = ["sent", "pending", "retrying", "dead", "skipped"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];
export interface Health {
  counts: Record<HealthStatus, number>;
  /** The newest `sent_at` of the period's deliveries, else null. */
  lastSuccess: string | null;
  /** The newest error of the period's retrying or dead deliveries, else null. */
  lastError: { text: string; at: string } | null;
  /** Why the skipped ones were skipped, what the retrying and dead ones met: codes, most first. */
  reasons: DeliverySummaryJson["destinations"][number]["reasons"];
}

const send = apiRequest;

const destinationPath = (id: string) => `/api/v1/destinations/${encodeURIComponent(id)}`;

/** Every destination of the site, newest first. */
export async function listDestinations(key: string): Promise<Destination[]> {
  const all: Destination[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ limit: "100" });
    if (cursor) q.set("cursor", cursor);
    const page = (await (
      await send(key, "GET", `/api/v1/destinations?${q}`)
    ).json()) as DestinationPageJson;
    all.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor && all.length < 1000);
  return all;
}

export async function setDisabled(
  key: string,
  id: string,
  disabled: boolean,
): Promise<Destination> {
  return (await send(key, "PATCH", destinationPath(id), { disabled })).json();
}

/** Whether a destination also gets leads attributed by inference (`include_inferred`). */
export async function setIncludeInferred(
  key: string,
  id: string,
  include: boolean,
): Promise<Destination> {
  return (await send(key, "PATCH", destinationPath(id), { include_inferred: include })).json();
}

export async function backfill(
  key: string,
  id: string,
  body: { since: string; until: string; dry_run: boolean },
): Promise<BackfillResult> {
  return (await send(key, "POST", `${destinationPath(id)}/backfill`, body)).json();
}

export async function listDeliveries(
  key: string,
  params: {
    status?: DeliveryStatus;
    destination_id?: string;
    limit: number;
    cursor?: string | null;
  },
): Promise<DeliveryPageJson> {
  const q = new URLSearchParams({ limit: String(params.limit) });
  if (params.status) q.set("status", params.status);
  if (params.destination_id) q.set("destination_id", params.destination_id);
  if (params.cursor) q.set("cursor", params.cursor);
  return (await send(key, "GET", `/api/v1/deliveries?${q}`)).json();
}

export async function getDelivery(key: string, id: string): Promise<Delivery> {
  return (await send(key, "GET", `/api/v1/deliveries/${encodeURIComponent(id)}`)).json();
}

export async function retryDelivery(key: string, id: string): Promise<Delivery> {
  return (await send(key, "POST", `/api/v1/deliveries/${encodeURIComponent(id)}/retry`)).json();
}

/**
 * Every destination's deliveries created in [from, to) by status, its last success, newest
 * error and the reasons of its skipped, retrying and dead ones, from one `GET /api/v1/deliveries/summary`, keyed by destination id.
 */
export async function siteHealth(
  key: string,
  from: string,
  to: string,
): Promise<Record<string, Health>> {
  const res = await send(
    key,
    "GET",
    `/api/v1/deliveries/summary?${new URLSearchParams({ from, to })}`,
  );
  const body = (await res.json()) as DeliverySummaryJson;
  return Object.fromEntries(
    body.destinations.map((d) => [
      d.destination_id,
      {
        counts: d.counts,
        lastSuccess: d.last_sent_at,
        lastError: d.last_error && { text: d.last_error.message, at: d.last_error.at },
        reasons: d.reasons,
      },
    ]),
  );
}

/**
 * Newest-first merge of several newest-first streams of the log (one per status): `next(n)`
 * gives the next `n` rows, fetching a stream's next page only when its buffer runs out.
 */
interface Stream {
  status: DeliveryStatus;
  buffer: Delivery[];
  cursor: string | null;
  done: boolean;
}

export class MergedDeliveries {
  #streams: Stream[];

  constructor(
    readonly key: string,
    statuses: readonly DeliveryStatus[],
    readonly pageSize = 25,
  ) {
    this.#streams = statuses.map((status) => ({ status, buffer: [], cursor: null, done: false }));
  }

  /** Whether rows remain (buffered or on the server). */
  get more(): boolean {
    return this.#streams.some((s) => s.buffer.length > 0 || !s.done);
  }

  async next(n: number): Promise<Delivery[]> {
    const out: Delivery[] = [];
    while (out.length < n) {
      await Promise.all(
        this.#streams
          .filter((s) => !s.buffer.length && !s.done)
          .map(async (s) => {
            const page = await listDeliveries(this.key, {
              status: s.status,
              limit: this.pageSize,
              cursor: s.cursor,
            });
            s.buffer.push(...page.data);
            s.cursor = page.next_cursor;
            s.done = !page.next_cursor;
          }),
      );
      let best: Stream | null = null;
      for (const s of this.#streams) {
        const head = s.buffer[0];
        if (!head) continue;
        const top = best?.buffer[0];
        // The log's rows always have a creation time; the schema allows null for old rows.
        const [at, topAt] = [head.created_at ?? "", top?.created_at ?? ""];
        if (!top || at > topAt || (at === topAt && head.id > top.id)) best = s;
      }
      const row = best?.buffer.shift();
      if (!row) break;
      out.push(row);
    }
    return out;
  }
}

/**
 * The setting that tells a destination apart: GA4 measurement id, Meta dataset id, Google Ads
 * customer id and conversion action (and its test mode), TikTok pixel code, Metrica counter and
 * upload type (and goal), Microsoft Advertising goal name and account id, webhook host.
 */
export function keySetting(d: Destination): string {
  const c = d.config;
  if (d.kind === "ga4") return String(c.measurement_id ?? "");
  if (d.kind === "meta_capi") return String(c.dataset_id ?? "");
  if (d.kind === "google_ads")
    return `${c.customer_id ?? ""} · ${c.conversion_action_id ?? ""}${c.validate_only ? " (validate_only)" : ""}`;
  if (d.kind === "tiktok") return String(c.pixel_code ?? "");
  if (d.kind === "yandex_metrica")
    return `${c.counter_id ?? ""} · ${c.upload_type ?? "CHATS"}${c.goal ? ` (${c.goal})` : ""}`;
  if (d.kind === "microsoft_ads") return `${c.conversion_name ?? ""} · ${c.account_id ?? ""}`;
  try {
    return new URL(String(c.url ?? "")).host;
  } catch {
    return String(c.url ?? "");
  }
}

/**
 * The event name an ad platform receives (Meta: the destination's `event_name`, else `Lead` for
 * website leads and `LeadSubmitted` for Click-to-WhatsApp ones; TikTok: else `Contact`), or null.
 */
export function eventNameOf(d: Destination): string | null {
  const set = typeof d.config.event_name === "string" ? d.config.event_name : null;
  if (d.kind === "meta_capi") return set ?? "Lead / LeadSubmitted";
  if (d.kind === "tiktok") return set ?? "Contact";
  return null;
}

/** The instant local midnight of `date` (YYYY-MM-DD) is in `tz`, as ISO (UTC). */
export const localMidnight = (date: string, tz: string) =>
  new Date(midnightOfDay(tz, Date.parse(`${date}T00:00:00Z`) / 86_400_000)).toISOString();
