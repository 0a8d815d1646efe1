/**
 * Turns a stored delivery into contacts, messages, leads and touches, then marks it processed.
 * Runs after the webhook has been acknowledged; a failure is written to the delivery row
 * (and the row stays unprocessed) rather than surfacing as a non-200 to Meta.
 */
import { eq } from "drizzle-orm";
import { recordMessage } from "../attribution/record-message";
import type { Db } from "../db/client";
import { deliveries } from "../db/schema";
import { findSitesByPhoneNumberIds } from "../db/sites";
import type { ParsedDelivery } from "./whatsapp-payload";

/** Counts of what a delivery produced, for logs and tests. */
export interface ProcessSummary {
  recorded: number;
  duplicates: number;
  unknownNumber: number;
  statuses: number;
  skipped: number;
}

export async function processDelivery(
  db: Db,
  deliveryId: number,
  parsed: ParsedDelivery,
): Promise<ProcessSummary> {
  const summary: ProcessSummary = {
    recorded: 0,
    duplicates: 0,
    unknownNumber: 0,
    statuses: parsed.statuses,
    skipped: parsed.skipped,
  };
  try {
    const sites = await findSitesByPhoneNumberIds(
      db,
      parsed.messages.map((m) => m.phoneNumberId),
    );
    // Oldest first, so a batch holding several messages of one contact attributes the earliest.
    const ordered = [...parsed.messages].sort((a, b) => a.sentAt - b.sentAt);
    for (const msg of ordered) {
      const site = sites.get(msg.phoneNumberId);
      if (!site) {
        summary.unknownNumber++;
        continue;
      }
      const outcome = await recordMessage(db, site.id, msg, deliveryId);
      if (outcome === "duplicate") summary.duplicates++;
      else summary.recorded++;
    }
    await db
      .update(deliveries)
      .set({ processedAt: Date.now(), error: null })
      .where(eq(deliveries.id, deliveryId))
      .run();
  } catch (err) {
    console.error("delivery processing failed", deliveryId, err, (err as Error).stack);
    const error = err instanceof Error ? err.message.slice(0, 500) : "unknown error";
    await db.update(deliveries).set({ error }).where(eq(deliveries.id, deliveryId)).run();
    throw err;
  }
  return summary;
}
