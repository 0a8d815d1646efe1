/**
 * The chatref Worker: wiring only. Data flow (see ARCHITECTURE.md): ingest (click beacons, scans) →
 * inbound (webhooks) → attribution → forward (outbox, queue) → api. Static files (widget.js, demo pages) are Workers
 * Assets and never reach this code.
 */
import { apiApp } from "./api/api-route";
import { backfillRoute } from "./api/backfill-route";
import { connectionsRoute } from "./api/connections-route";
import { consentTextsRoute } from "./api/consent-texts-route";
import { consentsRoute } from "./api/consents-route";
import { contactsRoute } from "./api/contacts-route";
import { crmHookRoute } from "./api/crm-hook-route";
import { deliveriesRoute } from "./api/deliveries-route";
import { destinationsRoute } from "./api/destinations-route";
import { keysRoute } from "./api/keys-route";
import { contactEventsRoute, leadEventsRoute, lookupEventsRoute } from "./api/lead-events-route";
import { leadsRoute } from "./api/leads-route";
import { linksRoute } from "./api/links-route";
import { dashboardRoute, healthRoute, openApiRoute } from "./api/meta-routes";
import { buildOpenApiDocument } from "./api/openapi";
import { PUBLIC_ROUTES } from "./api/public-routes";
import { realtimeRoute } from "./api/realtime-route";
import { setupRoute, siteDiagnosticsRoute } from "./api/setup-route";
import { sitesRoute } from "./api/sites-route";
import { statsRoute } from "./api/stats-route";
import { whoamiRoute } from "./api/whoami-route";
import { deliveryRetentionDays, retentionDue, runRetention } from "./consent/retention";
import { getDb } from "./db/client";
import { dbContext } from "./db/middleware";
import { pruneRejections } from "./db/rejections";
import type { Bindings } from "./env";
import { consumeForwardBatch } from "./forward/consumer";
import { sweepOutbox } from "./forward/sweep";
import { uploadYandexConversions } from "./forward/yandex-upload";
import { notFound, onError } from "./http/errors";
import { dialog360Route } from "./inbound/dialog360-route";
import { runPendingMerges } from "./inbound/merge-contacts";
import { instagramRoute, messengerRoute } from "./inbound/meta-messaging-route";
import { retryUnprocessedDeliveries } from "./inbound/retry-deliveries";
import { telegramRoute } from "./inbound/telegram-route";
import { twilioRoute } from "./inbound/twilio-route";
import { whatsappRoute } from "./inbound/whatsapp-route";
import { clicksRoute } from "./ingest/clicks-route";
import { scanRoute } from "./ingest/scan-route";

const root = apiApp();
// Before every route (so before each route's guard): the drizzle client on the context, c.var.db.
root.use(dbContext);

export const app = root
  .route("/v1/clicks", clicksRoute)
  .route("/webhooks/whatsapp", whatsappRoute)
  .route("/webhooks/telegram", telegramRoute)
  .route("/webhooks/twilio", twilioRoute)
  .route("/webhooks/360dialog", dialog360Route)
  .route("/webhooks/messenger", messengerRoute)
  .route("/webhooks/instagram", instagramRoute)
  .route("/webhooks/crm", crmHookRoute)
  .route("/r", scanRoute)
  .route("/api/v1/leads", leadsRoute)
  .route("/api/v1/leads", leadEventsRoute)
  .route("/api/v1/events", lookupEventsRoute)
  .route("/api/v1/links", linksRoute)
  .route("/api/v1/stats", realtimeRoute)
  .route("/api/v1/stats", statsRoute)
  .route("/api/v1/destinations", destinationsRoute)
  .route("/api/v1/destinations", backfillRoute)
  .route("/api/v1/deliveries", deliveriesRoute)
  .route("/api/v1/contacts", contactsRoute)
  .route("/api/v1/contacts", contactEventsRoute)
  .route("/api/v1/consents", consentsRoute)
  // Site and key administration, behind the admin token (CHATREF_ADMIN_TOKEN).
  // The set-up check (api/setup-route.ts); diagnostics first, so it is not read as a site id.
  .route("/api/v1/setup", setupRoute)
  .route("/api/v1/sites", siteDiagnosticsRoute)
  .route("/api/v1/sites", sitesRoute)
  .route("/api/v1/sites", keysRoute)
  .route("/api/v1/sites", connectionsRoute)
  .route("/api/v1/sites", consentTextsRoute)
  .route("/api/v1/whoami", whoamiRoute)
  // The OpenAPI 3.1 document of every route declared here (worker/api/openapi.ts), public.
  .openapi(openApiRoute, (c) =>
    c.json(openApiDocument(), 200, { "cache-control": "public, max-age=300" }),
  )
  // The dashboard is static assets in dist/public/dashboard/ (built by vite.dashboard.config.ts).
  .openapi(dashboardRoute, (c) => c.redirect("/dashboard/", 301))
  .openapi(healthRoute, (c) => c.json({ ok: true as const }, 200));

// Declared for the document; served by the plain Hono sub-apps mounted above.
for (const route of PUBLIC_ROUTES) app.openAPIRegistry.registerPath(route);

let document: Record<string, unknown> | undefined;
/** The OpenAPI document of `app`, built on first use and kept for the isolate's life. */
export function openApiDocument(): Record<string, unknown> {
  document ??= buildOpenApiDocument(app.openAPIRegistry);
  return document;
}

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
    // Contact merges whose own batch failed after the message's (worker/identity/merge.ts).
    ctx.waitUntil(runPendingMerges(getDb(env.DB), env.FORWARD_QUEUE));
    // Yandex Metrica rows are uploaded in bulk here (forward/yandex-upload.ts), before the sweep,
    // so the sweep does not re-enqueue the rows this run just took.
    ctx.waitUntil(
      uploadYandexConversions(env)
        .catch((err: unknown) => console.warn(`forward: yandex_metrica cron step failed: ${err}`))
        .then(() => sweepOutbox(getDb(env.DB), env.FORWARD_QUEUE)),
    );
    // Hourly: unmatched clicks, processed raw deliveries and finished outbox rows past retention
    // (consent/retention.ts).
    if (retentionDue(controller.scheduledTime)) {
      ctx.waitUntil(runRetention(getDb(env.DB), { deliveryDays: deliveryRetentionDays(env) }));
      // The rejection log keeps 7 days (db/rejections.ts).
      ctx.waitUntil(pruneRejections(env.DB, controller.scheduledTime));
    }
  },
  /** The forward queue (wrangler.toml [[queues.consumers]]): delivers outbox rows. */
  async queue(batch, env) {
    await consumeForwardBatch(batch, env);
  },
} satisfies ExportedHandler<Bindings>;
