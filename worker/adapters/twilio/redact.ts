/**
 * Erasure of a stored Twilio form (consent/erase.ts): a form is one person's message, so one that
 * names them keeps only its `MessageSid` and `To` (it then parses as a skipped item).
 */
import type { StoredTwilioForm } from "./message";

/** The stored form without the person; null when it names none of `ids`. */
export function redactTwilioForm(body: string, ids: string[]): string | null {
  const named = ids.some(
    (id) => id && (body.includes(JSON.stringify(id)) || body.includes(`whatsapp:+${id}`)),
  );
  if (!named) return null;
  let stored: Partial<StoredTwilioForm> | null = null;
  try {
    stored = JSON.parse(body);
  } catch {}
  const keep = (name: string) => {
    const value = stored?.params?.[name];
    return typeof value === "string" ? value : "";
  };
  const redacted: StoredTwilioForm = {
    wa_id: null,
    params: { MessageSid: keep("MessageSid"), To: keep("To") },
  };
  return JSON.stringify(redacted);
}
