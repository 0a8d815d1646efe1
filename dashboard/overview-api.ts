/**
 * The dashboard's reads for the top of the overview: the last 30 minutes
 * (`GET /api/v1/stats/realtime`) and the site's set-up state (`GET /api/v1/setup`). The answers'
 * types are the worker's, imported type-only.
 */
import type { RealtimeJson } from "../worker/api/realtime-schema";
import type { SetupJson } from "../worker/api/setup-schema";
import { apiRequest } from "./api";

/** The answer of `GET /api/v1/stats/realtime`. */
export type Realtime = RealtimeJson;
/** The answer of `GET /api/v1/setup`. */
export type Setup = SetupJson;

const read = async <T>(key: string, path: string): Promise<T> =>
  (await (await apiRequest(key, "GET", path)).json()) as T;

export const fetchRealtime = (key: string) => read<Realtime>(key, "/api/v1/stats/realtime");

export const fetchSetup = (key: string) => read<Setup>(key, "/api/v1/setup");
