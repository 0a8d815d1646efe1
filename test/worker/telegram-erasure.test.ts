/**
 * Erasing a Telegram contact (consent/erase.ts): its stored updates go — processed ones deleted,
 * a waiting one stripped to its update id — so the cron sweep cannot bring the person back.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contactIdentities, contacts, deliveries } from "../../worker/db/schema";
import { retryUnprocessedDeliveries } from "../../worker/inbound/retry-deliveries";
import { apiSend } from "./forward-helpers";
import { api, createSite, db } from "./helpers";
import { connectBot, newTgUser, sendUpdate, storedFor, textUpdate } from "./telegram-helpers";

describe("erasing a Telegram contact", () => {
  it("deletes its processed updates and strips a waiting one, which then adds no one", async () => {
    const site = await createSite();
    const bot = await connectBot(site);
    // No username: only the bare numeric user id names the person in the raw update.
    const user = { ...newTgUser(), first_name: "Zlata", username: undefined };
    expect((await sendUpdate(bot, textUpdate(user, "/start"))).status).toBe(200);
    const page = (await (await api(site, "/api/v1/leads")).json()) as {
      data: { contact: { id: string } }[];
    };
    const contactId = page.data[0]?.contact.id as string;
    const waiting = JSON.stringify(textUpdate(user, "Zlata here again"));
    await db()
      .insert(deliveries)
      .values({
        id: `dlv_wait_${bot.botId}`,
        provider: `telegram:${bot.botId}`,
        body: waiting,
        bodySha256: `wait-${bot.botId}`,
        receivedAt: Date.now() - 3_600_000,
      })
      .run();
    const erased = await apiSend(site, "DELETE", `/api/v1/contacts/${contactId}`);
    expect(erased.status).toBe(200);
    const left = await storedFor(bot.botId);
    expect(left).toHaveLength(1);
    for (const row of left) {
      expect(row.body).not.toContain(String(user.id));
      expect(row.body).not.toContain("Zlata");
    }
    await retryUnprocessedDeliveries(db(), undefined);
    const people = await db().select().from(contacts).where(eq(contacts.siteId, site.id)).all();
    expect(people).toHaveLength(1);
    expect(people[0]?.erasedAt).not.toBeNull();
    expect(people[0]?.name).toBeNull();
    const ids = await db()
      .select()
      .from(contactIdentities)
      .where(eq(contactIdentities.siteId, site.id))
      .all();
    expect(ids).toHaveLength(0);
    const anywhere = await env.DB.prepare(
      "select count(*) as n from messages where site_id = ? and body like '%Zlata%'",
    )
      .bind(site.id)
      .first<{ n: number }>();
    expect(anywhere?.n).toBe(0);
  });
});
