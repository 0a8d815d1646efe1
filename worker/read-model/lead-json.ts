/**
 * The lead JSON, a read model below both the API (api/leads-route.ts) and forwarding
 * (forward/webhook.ts: the `data` of outbound webhooks): one query shape, one serializer.
 */
import { eq, getTableColumns } from "drizzle-orm";
import type { ConsentState } from "../../widget/protocol/click-beacon";
import type { Db } from "../db/client";
import { clicks, contacts, leads, sites } from "../db/schema";
import { columnsToTouch } from "../db/touch-columns";
import { type AdConsent, resolveAdConsent } from "./ad-consent";
import type { LeadJson } from "./lead-schema";

/** Selects everything a lead JSON needs; add where/order/limit. */
export function selectLeadRows(db: Db) {
  return db
    .select({
      lead: getTableColumns(leads),
      contact: {
        publicId: contacts.publicId,
        waId: contacts.waId,
        userId: contacts.userId,
        username: contacts.username,
        name: contacts.name,
      },
      click: getTableColumns(clicks),
      // The Consent Mode default where the click says nothing (ad-consent.ts); a primary-key join.
      site: { consentDefault: sites.consentDefault },
    })
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .innerJoin(sites, eq(sites.id, leads.siteId))
    .leftJoin(clicks, eq(clicks.id, leads.clickId));
}

export type LeadRow = Awaited<ReturnType<ReturnType<typeof selectLeadRows>["all"]>>[number];

/** The lead's effective consent for a destination with `destinationDefault` (null: the site's). */
export function leadAdConsent(
  row: Pick<LeadRow, "click" | "site">,
  destinationDefault: ConsentState | null = null,
): AdConsent {
  return resolveAdConsent(row.click?.consent, destinationDefault, row.site.consentDefault);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The lead JSON; its `consent` is the site-level one (a webhook puts its destination's in). */
export function toLeadJson(row: LeadRow): LeadJson {
  const { lead, contact, click } = row;
  const json: LeadJson = {
    id: lead.id,
    created_at: iso(lead.createdAt),
    contact: {
      id: contact.publicId,
      wa_id: contact.waId,
      user_id: contact.userId,
      username: contact.username,
      name: contact.name,
    },
    channel: lead.chatApp,
    provider: lead.provider,
    // An inferred click's ref was not in the message: it is named in `inference`, not here.
    ref: lead.attribution === "inferred" ? null : (click?.ref ?? null),
    attribution: lead.attribution,
    first_message_at: iso(lead.firstMessageAt),
    touch: {
      ...columnsToTouch(click),
      placement: click?.placement ?? null,
      link_id: click?.linkId ?? null,
      number: click?.number ?? null,
      agent: click?.agent ?? null,
    },
    consent: leadAdConsent(row),
  };
  const ctwa = {
    ctwa_clid: lead.ctwaClid,
    source_id: lead.ctwaSourceId,
    source_url: lead.ctwaSourceUrl,
    source_type: lead.ctwaSourceType,
    headline: lead.ctwaHeadline,
  };
  if (Object.values(ctwa).some((v) => v !== null)) json.ctwa = ctwa;
  if (lead.attribution === "inferred" && lead.inference && click)
    json.inference = { click_ref: click.ref, ...lead.inference };
  return json;
}
