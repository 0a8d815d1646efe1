/**
 * Messaging windows of a contact (protocols.md §9.3, §9.4), computed from stored times:
 *
 * - customer service window: opens at the sent time of the contact's last inbound message and is
 *   open while `now < last + 24 h` (exactly 24 h later it is closed);
 * - free entry point window (Click-to-WhatsApp ads): starts at the sent time of the contact's
 *   latest message that carried an ad referral and is open while `now < start + 72 h`. Meta opens
 *   it only if the business replies within 24 h, and counts from that reply; chatref does not see
 *   replies, so this is the earliest possible start and hence a conservative end.
 */
export const SERVICE_WINDOW_MS = 24 * 3600_000;
export const FREE_ENTRY_WINDOW_MS = 72 * 3600_000;

/** A window as the API shows it (ISO times). */
export interface WindowJson {
  open: boolean;
  opened_at: string | null;
  expires_at: string | null;
}

/** The window starting at `start` (null or ≤ 0: never opened) lasting `length` ms, at `now`. */
export function windowAt(
  start: number | null | undefined,
  length: number,
  now: number,
): WindowJson {
  if (!start || start <= 0) return { open: false, opened_at: null, expires_at: null };
  const end = start + length;
  return {
    open: now < end,
    opened_at: new Date(start).toISOString(),
    expires_at: new Date(end).toISOString(),
  };
}
