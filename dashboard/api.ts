/** The dashboard's client of `/api/v1/stats` and `/api/v1/leads` (Bearer key, same origin). */

import type { PeriodJson, StatsJson } from "../worker/api/stats-schema";
import type { WhoamiJson } from "../worker/api/whoami-schema";
import type { LeadPageJson } from "../worker/read-model/lead-schema";
import type { Filters } from "./view-state";

// The answers' types are the worker's, inferred from its response schemas (type-only: no bytes).
/** One period's figures (the current one, or `previous`). */
export type Period = PeriodJson;
/**
 * The answer of `GET /api/v1/stats`; its `filters` also say `inferred: "exclude"` when the
 * request left inferred conversations out (the API does not repeat that parameter), so the
 * panels under the figures ask the same question.
 */
export type Stats = Omit<StatsJson, "filters"> & { filters: StatsJson["filters"] & Filters };
/** One row of a breakdown. */
export type BreakdownRow = NonNullable<Stats["breakdowns"]["channel"]>["rows"][number];
/** A lead of `GET /api/v1/leads` (`touches` with `include=touches`). */
export type Lead = LeadPageJson["data"][number];
/** One step of a lead's touch path, oldest first. */
export type TouchStep = NonNullable<Lead["touches"]>[number];

/**
 * Thrown for a non-2xx answer with the API's `{error: {code, message}}`; `status` 401 means the
 * key was refused.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = "http_error",
  ) {
    super(message);
  }
}

/** One same-origin API call with the key (a JSON body when given); throws ApiFailure on non-2xx. */
export async function apiRequest(
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const res = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.ok) return res;
  const err = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  throw new ApiFailure(res.status, err?.error?.message ?? `HTTP ${res.status}`, err?.error?.code);
}

async function get<T>(key: string, path: string, params: Record<string, string>): Promise<T> {
  const res = await apiRequest(key, "GET", `${path}?${new URLSearchParams(params)}`);
  return (await res.json()) as T;
}

/** `GET /api/v1/whoami`: the key's scope; a `read` key sees no write actions. */
export const fetchWhoami = (key: string) => get<WhoamiJson>(key, "/api/v1/whoami", {});

export async function fetchStats(key: string, params: Record<string, string>): Promise<Stats> {
  const stats = await get<StatsJson>(key, "/api/v1/stats", params);
  return params.inferred === "exclude"
    ? { ...stats, filters: { ...stats.filters, inferred: "exclude" } }
    : stats;
}

/** Widget opt-ins whose text the site has not registered (at most `limit`; they count nothing). */
export const fetchUnverifiedOptins = (key: string, limit = 100) =>
  get<{ data: unknown[]; next_cursor: string | null }>(key, "/api/v1/consents/unverified", {
    limit: String(limit),
  });

export const fetchLeads = (key: string, params: Record<string, string>) =>
  get<LeadPageJson>(key, "/api/v1/leads", params);
