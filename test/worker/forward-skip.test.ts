/** A site that forwards nowhere pays nothing for forwarding; adding a destination applies at once. */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parseWhatsAppDelivery } from "../../worker/adapters/whatsapp/payload";
import { getDb } from "../../worker/db/client";
import { outbox } from "../../worker/db/schema";
import { ingestDelivery } from "../../worker/inbound/process-delivery";
import { captureQueue, createDestination, sinkUrl } from "./forward-helpers";
import { createSite, db, envelope, message, newPhone } from "./helpers";

/** Ingests one message and returns the SQL of the statements its batch ran. */
async function batchSql(site: Awaited<ReturnType<typeof createSite>>) {
  const seen: string[] = [];
  const d1 = new Proxy(env.DB, {
    get: (target, key) =>
      key === "batch"
        ? (statements: D1PreparedStatement[]) => {
            for (const s of statements)
              seen.push(String((s as unknown as { statement?: string }).statement ?? s));
            return target.batch(statements);
          }
        : Reflect.get(target, key).bind(target),
  });
  const body = JSON.stringify(
    envelope(site.phoneNumberId, [message({ from: newPhone(), body: "hi" })]),
  );
  const parsed = parseWhatsAppDelivery(JSON.parse(body));
  if (!parsed) throw new Error("not an envelope");
  await ingestDelivery(getDb(d1), env.FORWARD_QUEUE, "whatsapp", body, parsed);
  return seen;
}

describe("outbox statement only for sites that forward", () => {
  it("is left out without destinations and added as soon as one is created", async () => {
    captureQueue();
    const site = await createSite();
    const without = await batchSql(site);
    const dest = await createDestination(site, {
      kind: "webhook",
      name: "hook",
      url: sinkUrl("skip-test"),
    });
    const withDest = await batchSql(site);
    expect(withDest.length).toBe(without.length + 1);
    const rows = await db().select().from(outbox).where(eq(outbox.destinationId, dest.id)).all();
    expect(rows).toHaveLength(1);
  });
});
