/** The dashboard's client of `/api/v1/stats` and `/api/v1/leads` (Bearer key, same origin). */

export interface Counts {
  chat_clicks: number;
  scans: number;
  conversations: number;
}
export interface BreakdownRow extends Counts {
  key: string | null;
  label?: string | null;
  rate: number | null;
}
export interface Period {
  from: string;
  to: string;
  kpis: Counts & { click_to_conversation_rate: number | null; opt_ins: number | null };
  attribution: { ref: number; ctwa: number; none: number };
  series: (Counts & { period: string })[];
}
export interface Stats extends Period {
  /** The site's IANA time zone: the periods' days are its local days. */
  timezone: string;
  touch: "first" | "last";
  /** The filters applied (exact values). */
  filters: Partial<Record<string, string>>;
  breakdowns: Record<string, { rows: BreakdownRow[]; truncated: boolean }>;
  previous?: Period;
}
/** One step of a lead's touch path (`include=touches`), oldest first. */
export interface TouchStep {
  kind: "ref" | "ctwa";
  at: string;
  ref: string | null;
  placement: string | null;
  link_id: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  channel?: string;
}
export interface Lead {
  id: string;
  created_at: string;
  contact: {
    wa_id: string | null;
    user_id: string | null;
    username: string | null;
    name: string | null;
  };
  ref: string | null;
  attribution: "ref" | "ctwa" | "none";
  touch: Record<string, string | null>;
  ctwa?: { headline: string | null; source_url: string | null };
  touches?: TouchStep[];
}

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
export const fetchWhoami = (key: string) =>
  get<{ site_id: string; scope: "read" | "full" }>(key, "/api/v1/whoami", {});

export const fetchStats = (key: string, params: Record<string, string>) =>
  get<Stats>(key, "/api/v1/stats", params);

/** Widget opt-ins whose text the site has not registered (at most `limit`; they count nothing). */
export const fetchUnverifiedOptins = (key: string, limit = 100) =>
  get<{ data: unknown[]; next_cursor: string | null }>(key, "/api/v1/consents/unverified", {
    limit: String(limit),
  });

export const fetchLeads = (key: string, params: Record<string, string>) =>
  get<{ data: Lead[]; next_cursor: string | null }>(key, "/api/v1/leads", params);
