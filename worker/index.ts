/**
 * The chatref Worker: wiring only. Data flow (see ARCHITECTURE.md): ingest (click beacons, scans) →
 * inbound (webhooks) → attribution → forward (outbox, queue) → api. Static files (widget.js, demo pages) are Workers
 * Assets and never reach this code.
 */
import { Hono } from "hono";
import { consentsRoute } from "./api/consents-route";
import { contactsRoute } from "./api/contacts-route";
import { deliveriesRoute } from "./api/deliveries-route";
import { destinationsRoute } from "./api/destinations-route";
import { leadsRoute } from "./api/leads-route";
import { linksRoute } from "./api/links-route";
import { openApiDocument } from "./api/openapi";
import { sitesRoute } from "./api/sites-route";
import { statsRoute } from "./api/stats-route";
import { deliveryRetentionDays, retentionDue, runRetention } from "./consent/retention";
import { getDb } from "./db/client";
import type { AppEnv } from "./env";
import { consumeForwardBatch } from "./forward/consumer";
import type { ForwardMessage } from "./forward/enqueue";
import { sweepOutbox } from "./forward/sweep";
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
  .route("/api/v1/stats", statsRoute)
  .route("/api/v1/destinations", destinationsRoute)
  .route("/api/v1/deliveries", deliveriesRoute)
  .route("/api/v1/contacts", contactsRoute)
  .route("/api/v1/consents", consentsRoute)
  // Site and key administration, behind the admin token (CHATREF_ADMIN_TOKEN).
  .route("/api/v1/sites", sitesRoute)
  // The OpenAPI 3.1 document of every route above (worker/api/openapi.ts), public.
  .get("/api/v1/openapi.json", (c) =>
    c.json(openApiDocument(), 200, { "cache-control": "public, max-age=300" }),
  )
  // The dashboard is static assets in dist/public/dashboard/ (built by vite.dashboard.config.ts).
  .get("/dashboard", (c) => c.redirect("/dashboard/", 301))
  .get("/healthz", (c) => c.json({ ok: true }));

app.onError(onError);
app.notFound(notFound);

export default {
  fetch: app.fetch,
  /**
   * Cron (wrangler.toml [triggers]): retries deliveries whose processing never finished, and
   * re-enqueues forward outbox rows whose queue message was lost.
   */
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(retryUnprocessedDeliveries(getDb(env.DB), env.FORWARD_QUEUE));
    ctx.waitUntil(sweepOutbox(getDb(env.DB), env.FORWARD_QUEUE as Queue<ForwardMessage>));
    // Hourly: unmatched clicks, processed raw deliveries and finished outbox rows past retention
    // (consent/retention.ts).
    if (retentionDue(controller.scheduledTime))
      ctx.waitUntil(runRetention(getDb(env.DB), { deliveryDays: deliveryRetentionDays(env) }));
  },
  /** The forward queue (wrangler.toml [[queues.consumers]]): delivers outbox rows. */
  async queue(batch, env) {
    await consumeForwardBatch(batch, env);
  },
} satisfies ExportedHandler<Env>;
