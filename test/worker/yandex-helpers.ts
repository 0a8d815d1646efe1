/**
 * Shared set-up of the Yandex Metrica tests: a site with a `yandex_metrica` destination whose
 * Management API is a fake sink, leads from clicks with a yclid, Metrica's upload and status
 * answers, the CSV out of a recorded multipart upload, and the cron step run at a given time.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { contacts, leads, outbox } from "../../worker/db/schema";
import { uploadYandexConversions } from "../../worker/forward/yandex-upload";
import type { Recorded } from "../support/fake-destinations";
import { leadFrom } from "./destination-test-kit";
import { createDestination, type DestinationOut, newSink, sinkUrl } from "./forward-helpers";
import { createSite, db, type TestSite } from "./helpers";
import { received } from "./sink-helpers";

export const TOKEN = "y0_AgAAAAATestOAuthToken0001";

/** A site with one yandex_metrica destination sending to a fresh sink. */
export async function siteWithYandex(settings: Record<string, unknown> = {}, site?: TestSite) {
  const s = site ?? (await createSite());
  const sink = newSink("ym");
  const dest: DestinationOut = await createDestination(s, {
    kind: "yandex_metrica",
    name: "Metrica",
    counter_id: "44147844",
    oauth_token: TOKEN,
    endpoint: `${sinkUrl(sink)}/management/v1`,
    ...settings,
  });
  return { site: s, dest, sink };
}

/** Records a lead from a click with this touch; returns its outbox ids (not run). */
export async function yandexLead(site: TestSite, touch: Record<string, string> = {}) {
  const { ids, phone } = await leadFrom(site, {
    utm_source: "yandex",
    utm_medium: "cpc",
    ...touch,
  });
  return { ids, phone };
}

/** Runs the cron step as if `aheadMs` from now. */
export const runYandex = (aheadMs = 1000, workerEnv: Env = env) =>
  uploadYandexConversions(workerEnv, Date.now() + aheadMs);

/** Metrica's answer to an upload (the uploading object, abridged). */
export const uploadAnswer = (id: number, status = "UPLOADED") =>
  JSON.stringify({
    uploading: {
      id,
      create_time: "2026-12-05T12:00:00+03:00",
      type: "CHATS",
      status,
      line_quantity: 0,
    },
  });

/** Metrica's answer to a status request. */
export const statusAnswer = (id: number, status: string, lines = 1, linked = lines) =>
  JSON.stringify({
    uploading: { id, status, line_quantity: lines, linked_quantity: linked },
  });

/** The CSV of a recorded multipart upload (field `file`). */
export function csvOf(req: Recorded): string {
  const boundary = /boundary=(.+)$/.exec(req.headers["content-type"] ?? "")?.[1] ?? "";
  const part = req.body.split(`--${boundary}`)[1] ?? "";
  const [head = "", ...rest] = part.split("\r\n\r\n");
  if (!/name="file"/.test(head)) throw new Error("no file field");
  return rest.join("\r\n\r\n").replace(/\r\n$/, "");
}

/** The uploads a sink received (POSTs to …/offline_conversions/upload). */
export const uploadsOf = (reqs: Recorded[]) =>
  reqs.filter((r) => r.method === "POST" && r.path.endsWith("/offline_conversions/upload"));

/** The CSV lines (header first) of each upload a sink received. */
export const uploadedLines = async (sink: string) =>
  uploadsOf(await received(sink)).map((u) => csvOf(u).trimEnd().split("\n"));

export const outboxOf = (id: string) => db().select().from(outbox).where(eq(outbox.id, id)).get();

/** Marks the contact of lead `leadId` erased (as erasure leaves it), behind the API's back. */
export async function markErased(leadId: string) {
  const lead = await db()
    .select({ contactId: leads.contactId })
    .from(leads)
    .where(eq(leads.id, leadId))
    .get();
  await db()
    .update(contacts)
    .set({ erasedAt: Date.now() })
    .where(eq(contacts.id, lead?.contactId ?? -1))
    .run();
}
