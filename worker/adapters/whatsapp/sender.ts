/**
 * Who a WhatsApp item came from: the phone (`from`, `wa_id`) and the business-scoped user id
 * (`from_user_id`, `user_id`) of the item, completed from the change's `contacts[]` entry that
 * names either, with the parent BSUID, username and profile name. Protocol facts:
 * ../shared/reference/protocols.md §1.11.
 */
import type { Sender } from "../../model/inbound-message";

/** A `contacts[]` entry, as payload.ts's schema reads it. */
export interface ContactEntry {
  wa_id?: string;
  user_id?: string;
  parent_user_id?: string;
  profile?: { name?: string; username?: string };
}

/** A BSUID: an ISO country code, a dot, then alphanumerics (`US.1349…`, `US.ENT.1181…`). */
export const BSUID = /^[A-Z]{2}\.[A-Za-z0-9.]{1,150}$/;

/** Raw ids as an item carries them. */
export interface RawIds {
  phone?: string;
  userId?: string;
  parentUserId?: string;
}

/**
 * The sender of an item, or null when it names nobody, or names an erased person (erasure once
 * blanked ids to `erased…` in stored bodies: such an item must never bring the person back).
 * Some providers put the BSUID in `from`: an id shaped like one is read as one.
 */
export function readSender(raw: RawIds, contacts: ContactEntry[]): Sender | null {
  let phone = raw.phone?.replace(/^\+/, "") || null;
  let userId = raw.userId || null;
  if (phone && BSUID.test(phone)) {
    userId ??= phone;
    phone = null;
  }
  const contact = contacts.find(
    (ct) => (userId !== null && ct.user_id === userId) || (phone !== null && ct.wa_id === phone),
  );
  phone ??= contact?.wa_id?.replace(/^\+/, "") || null;
  userId ??= contact?.user_id || null;
  if (!phone && !userId) return null;
  if (isErased(phone) || isErased(userId)) return null;
  return {
    waId: phone,
    userId,
    parentUserId: raw.parentUserId || contact?.parent_user_id || null,
    username: contact?.profile?.username || null,
    name: contact?.profile?.name ?? null,
  };
}

/** Whether an id is an erasure placeholder. */
export function isErased(id: string | null | undefined): boolean {
  return typeof id === "string" && id.toLowerCase().startsWith("erased");
}

/** A phone from an identity change's fields, `+` dropped; null when absent or erased. */
export function readPhone(id: string | undefined): string | null {
  const phone = id?.replace(/^\+/, "") || null;
  return isErased(phone) ? null : phone;
}
