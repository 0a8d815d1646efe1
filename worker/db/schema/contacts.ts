/** People who wrote, every identifier of theirs, and the merges that joined two of them. */
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { autoId, createdAt, requiredInt, requiredIntRef, requiredText, siteId } from "./columns";
import { CONSENT_STATUSES } from "./enums";

/**
 * People who wrote to a site's number: one row per person, whatever identifiers the channel sends
 * (contact_identities maps each to the row). The identifiers below are the current ones, shown
 * in the API; any may be null (a WhatsApp username user's phone is withheld).
 */
export const contacts = sqliteTable(
  "contacts",
  {
    id: autoId(),
    siteId: siteId(),
    /** WhatsApp phone number (digits), when known. */
    waId: text("wa_id"),
    /** WhatsApp business-scoped user id (BSUID, `US.1349…`), when sent. */
    userId: text("user_id"),
    /** Parent BSUID of managed businesses (`US.ENT.…`). */
    parentUserId: text("parent_user_id"),
    /** WhatsApp username, when the person adopted one. */
    username: text("username"),
    name: text("name"),
    firstSeenAt: requiredInt("first_seen_at"),
    /** Sent time of the last inbound message; 0 when the contact has only sent preferences. */
    lastInboundAt: requiredInt("last_inbound_at"),
    /** The id the API shows (`ct_` + 16 hex), random so it reveals neither phone nor counts. */
    publicId: text("public_id"),
    /** Current marketing consent, from the ledger: latest event time wins, opt-out wins a tie. */
    marketingStatus: text("marketing_status", { enum: CONSENT_STATUSES }),
    marketingStatusAt: integer("marketing_status_at"),
    /** Set when the contact's personal data was erased (DELETE /api/v1/contacts/:id). */
    erasedAt: integer("erased_at"),
  },
  (t) => [
    uniqueIndex("contacts_public_id_unique").on(t.publicId),
    index("contacts_site_status_idx").on(t.siteId, t.marketingStatus, t.marketingStatusAt),
  ],
);

/** The contact a row belongs to: `contact_id integer NOT NULL REFERENCES contacts(id)`. */
export const contactRef = () => requiredIntRef("contact_id", () => contacts.id);

/**
 * Every identifier of a person, per site → the one contact. New channels add kinds (text), not
 * migrations. The primary key is the look-up every inbound message makes. WITHOUT ROWID (by hand).
 */
export const contactIdentities = sqliteTable(
  "contact_identities",
  {
    siteId: siteId(),
    kind: requiredText("kind"),
    value: requiredText("value"),
    contactId: contactRef(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "contact_identities_pk", columns: [t.siteId, t.kind, t.value] }),
    index("contact_identities_contact_idx").on(t.contactId),
  ],
);

/**
 * Two contacts a payload proved to be one person (worker/identity/merge.ts): written pending in
 * the message's batch, merged in a batch of its own, kept as the merge's audit. The identifiers
 * that proved it are cleared once merged; the public ids stay.
 */
export const contactMerges = sqliteTable(
  "contact_merges",
  {
    id: autoId(),
    siteId: siteId(),
    /** What proved it: `message` (phone + BSUID together) or an identity change's type. */
    reason: requiredText("reason"),
    kindA: requiredText("kind_a"),
    valueA: text("value_a"),
    kindB: requiredText("kind_b"),
    valueB: text("value_b"),
    winnerId: integer("winner_id"),
    loserId: integer("loser_id"),
    winnerPublicId: text("winner_public_id"),
    loserPublicId: text("loser_public_id"),
    createdAt: createdAt(),
    completedAt: integer("completed_at"),
  },
  (t) => [
    uniqueIndex("contact_merges_pending_unique")
      .on(t.siteId, t.kindA, t.valueA, t.kindB, t.valueB)
      .where(sql`completed_at is null`),
    index("contact_merges_site_created_idx").on(t.siteId, t.createdAt),
  ],
);
