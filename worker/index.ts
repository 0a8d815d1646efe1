/**
 * The chatref Worker: wiring only. Data flow (see ARCHITECTURE.md): ingest (click beacons, scans) →
 * inbound (webhooks) → attribution → api. Static files (widget.js, demo pages) are Workers
 * Assets and never reach this code.
 */
import { Hono } from "hono";
import { leadsRoute } from "./api/leads-route";
import { linksRoute } from "./api/links-route";
import { getDb } from "./db/client";
import type { AppEnv } from "./env";
import { notFound, onError } from "./http/errors";
import { retryUnprocessedDeliveries } from "./inbound/retry-deliveries";
import { whatsappRoute } from "./inbound/whatsapp-route";
import { clicksRoute } from "./ingest/clicks-route";
import { scanRoute } from "./ingest/scan-route";

export const app = new Hono<AppEnv>()
  .route("/v1/clicks", clicksRoute)
  .route("/webhooks/whatsapp", whatsappRoute)
  .route("/r", scanRoute)
  .route("/api/v1/leads", leadsRoute)
  .route("/api/v1/links", linksRoute)
  .get("/healthz", (c) => c.json({ ok: true }));

app.onError(onError);
app.notFound(notFound);

export default {
  fetch: app.fetch,
  /** Cron (wrangler.toml [triggers]): retries deliveries whose processing never finished. */
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(retryUnprocessedDeliveries(getDb(env.DB)));
  },
} satisfies ExportedHandler<Env>;
