/**
 * Shared set-up of the TikTok Events API tests: a site with one `tiktok` destination whose
 * endpoint is a fake sink answering TikTok's success (`{code: 0}`), and leads from TikTok clicks.
 */
import { eq } from "drizzle-orm";
import { contacts } from "../../worker/db/schema";
import { forwarded, leadFrom, receivedJson, setOk } from "./destination-test-kit";
import { createDestination, type DestinationOut, newSink, sinkUrl } from "./forward-helpers";
import { createSite, db, type TestSite } from "./helpers";

export const TIKTOK_TOKEN = "tiktok-test-access-token-0001";
export const PIXEL = "CABCDEFGHIJ1234567";
/** TikTok's answer to an accepted event. */
export const TIKTOK_OK = '{"code":0,"message":"OK","request_id":"2026120515000001","data":{}}';

/** A valid tiktok create body. */
export const TIKTOK_BASE = {
  kind: "tiktok",
  name: "TikTok",
  pixel_code: PIXEL,
  access_token: TIKTOK_TOKEN,
};

export interface TiktokSite {
  site: TestSite;
  dest: DestinationOut;
  sink: string;
}

/** A site with one tiktok destination sending to a fake sink (or to `endpoint`). */
export async function siteWithTiktok(
  settings: Record<string, unknown> = {},
  endpointBase?: string,
): Promise<TiktokSite> {
  const site = await createSite();
  const sink = newSink("tiktok");
  await setOk(sink, 200, TIKTOK_OK);
  const dest = await createDestination(site, {
    ...TIKTOK_BASE,
    endpoint: `${sinkUrl(sink, endpointBase)}/open_api/v1.3`,
    ...settings,
  });
  return { site, dest, sink };
}

/** Records a lead from a click with this touch; returns its outbox ids, phone and contact id. */
export async function tiktokLead(site: TestSite, touch: Record<string, string>) {
  const { ids, phone, ref } = await leadFrom(site, {
    utm_source: "tiktok",
    utm_medium: "paid_social",
    ...touch,
  });
  const contact = await db()
    .select({ publicId: contacts.publicId })
    .from(contacts)
    .where(eq(contacts.waId, phone))
    .get();
  return { ids, phone, publicId: contact?.publicId ?? "", ref };
}

/** Records a lead and runs its outbox once. */
export const tiktokLeadForwarded = (site: TestSite, touch: Record<string, string>) =>
  forwarded(tiktokLead(site, touch));

/** The track requests a sink received, bodies parsed. */
export const tracked = receivedJson;
