/**
 * Telegram bots (worker/inbound/telegram-route.ts, adapters/telegram/update.ts): a
 * `t.me/<bot>?start=<ref>` chat attributes its lead to the visit; the webhook secret is checked
 * before anything is stored; updates are de-duplicated; the cron sweep re-parses a stored update.
 */
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contactIdentities, deliveries, leads, messages } from "../../worker/db/schema";
import { retryUnprocessedDeliveries } from "../../worker/inbound/retry-deliveries";
import {
  api,
  click,
  createSite,
  db,
  deliver,
  listLeads,
  message,
  newPhone,
  onlyLead,
  type TestSite,
} from "./helpers";
import {
  admin,
  newTgUser,
  postConnection,
  sendUpdate,
  siteWithBot,
  storedFor,
  textUpdate,
} from "./telegram-helpers";

interface Lead {
  channel: string;
  provider: string;
  ref: string | null;
  attribution: string;
  contact: { username: string | null; name: string | null; wa_id: string | null };
  touch: Record<string, string | null>;
}

const leadsOf = (site: TestSite) => listLeads<Lead>(site);

describe("Telegram bots", () => {
  it("/start <ref> from a t.me deep link attributes the lead to the visit", async () => {
    const { site, bot } = await siteWithBot();
    const ref = await click(site, { utm_source: "vk", utm_medium: "cpc", utm_campaign: "spring" });
    const user = newTgUser();
    const res = await sendUpdate(bot, textUpdate(user, `/start ${ref}`));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: true, outcome: "processed", messages: 1 });
    expect(await onlyLead<Lead>(site)).toMatchObject({
      channel: "telegram",
      provider: "telegram",
      ref,
      attribution: "ref",
      contact: { username: user.username, name: "Ana", wa_id: null },
      touch: { utm_source: "vk", utm_medium: "cpc", utm_campaign: "spring" },
    });
    const ids = await db()
      .select()
      .from(contactIdentities)
      .where(and(eq(contactIdentities.siteId, site.id), eq(contactIdentities.kind, "tg_user")))
      .all();
    expect(ids.map((i) => i.value)).toEqual([String(user.id)]);
  });

  it("a chat opened without a ref is a lead attributed none; later messages join it", async () => {
    const { site, bot } = await siteWithBot();
    const user = newTgUser();
    expect((await sendUpdate(bot, textUpdate(user, "/start"))).status).toBe(200);
    expect((await sendUpdate(bot, textUpdate(user, "Do you ship to Kazan?"))).status).toBe(200);
    const found = await leadsOf(site);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ attribution: "none", ref: null, channel: "telegram" });
    const rows = await db().select().from(messages).where(eq(messages.siteId, site.id)).all();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((m) => m.contactId)).size).toBe(1);
    expect(rows.every((m) => m.provider === "telegram")).toBe(true);
  });

  it("a wrong, missing or malformed secret is refused and nothing is stored", async () => {
    const { site, bot } = await siteWithBot();
    const update = textUpdate(newTgUser(), "/start");
    for (const secret of [null, "", "wrong-secret", `${bot.secret}x`, "bad secret!"]) {
      const res = await sendUpdate(bot, update, secret);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
    }
    expect(await storedFor(bot.botId)).toHaveLength(0);
    expect(await leadsOf(site)).toHaveLength(0);
  });

  it("an unknown or disconnected bot is a 404", async () => {
    const { site, bot } = await siteWithBot();
    const res = await sendUpdate({ ...bot, botId: "9999999999" }, textUpdate(newTgUser(), "hi"));
    expect(res.status).toBe(404);
    const gone = await admin(`/api/v1/sites/${site.id}/connections/${bot.connectionId}`, {
      method: "DELETE",
    });
    expect(gone.status).toBe(200);
    expect((await sendUpdate(bot, textUpdate(newTgUser(), "hi"))).status).toBe(404);
    expect(await storedFor(bot.botId)).toHaveLength(0);
  });

  it("a repeated update, even ten at once, makes one message and one lead", async () => {
    const { site, bot } = await siteWithBot();
    const ref = await click(site, { utm_source: "telegram_ads" });
    const update = textUpdate(newTgUser(), `/start ${ref}`);
    const results = await Promise.all(Array.from({ length: 10 }, () => sendUpdate(bot, update)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await sendUpdate(bot, update).then((r) => r.status)).toBe(200);
    const rows = await db().select().from(messages).where(eq(messages.siteId, site.id)).all();
    expect(rows).toHaveLength(1);
    const found = await leadsOf(site);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ref, attribution: "ref" });
  });

  it("bodies that are not a private person's message: 400 when not an Update, else skipped", async () => {
    const { site, bot } = await siteWithBot();
    for (const body of ["not json", JSON.stringify({ message: {} }), "[]"]) {
      expect((await sendUpdate(bot, body)).status).toBe(400);
    }
    const group = textUpdate(newTgUser(), "/start");
    (group.message.chat as { type: string }).type = "group";
    const fromBot = textUpdate(newTgUser(), "/start");
    (fromBot.message.from as { is_bot: boolean }).is_bot = true;
    for (const update of [group, fromBot, { update_id: 1, my_chat_member: {} }]) {
      const res = await sendUpdate(bot, update);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ messages: 0 });
    }
    expect(await leadsOf(site)).toHaveLength(0);
  });

  it("the cron sweep processes a stored update through the Telegram adapter", async () => {
    const { site, bot } = await siteWithBot();
    const ref = await click(site, { utm_source: "sweep" });
    const body = JSON.stringify(textUpdate(newTgUser(), `/start ${ref}`));
    await db()
      .insert(deliveries)
      .values({
        id: `dlv_tg_${bot.botId}`,
        provider: `telegram:${bot.botId}`,
        body,
        bodySha256: `sha-${bot.botId}`,
        receivedAt: Date.now() - 3_600_000,
      })
      .run();
    await retryUnprocessedDeliveries(db(), undefined);
    const [row] = await storedFor(bot.botId);
    expect(row?.processedAt).not.toBeNull();
    expect(row?.error).toBeNull();
    const found = await db().select().from(leads).where(eq(leads.siteId, site.id)).all();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ attribution: "ref", chatApp: "telegram" });
  });
});

describe("Telegram connections (admin API)", () => {
  it("shows the secret once, then only a hint; a bot belongs to one site", async () => {
    const { site, bot } = await siteWithBot();
    expect(bot.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const list = await admin(`/api/v1/sites/${site.id}/connections`);
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain(bot.secret);
    expect(JSON.parse(text)).toMatchObject({
      data: [
        {
          id: bot.connectionId,
          channel: "telegram",
          account_id: bot.botId,
          username: bot.username,
          webhook_path: `/webhooks/telegram/${bot.botId}`,
          secret_hint: bot.secret.slice(-4),
        },
      ],
    });
    const stored = await env.DB.prepare("select secret from channel_connections where id = ?")
      .bind(bot.connectionId)
      .first<{ secret: string }>();
    expect(stored?.secret).not.toContain(bot.secret);
    const other = await createSite();
    const taken = { channel: "telegram", bot_id: bot.botId, username: bot.username };
    expect((await postConnection(other.id, taken)).status).toBe(409);
    const bad = { channel: "telegram", bot_id: "12ab", username: "shop" };
    expect((await postConnection(site.id, bad)).status).toBe(400);
  });

  it("re-adding a bot to its site rotates the secret: the old one stops working", async () => {
    const { site, bot } = await siteWithBot();
    const again = await postConnection(site.id, {
      channel: "telegram",
      bot_id: bot.botId,
      username: bot.username,
      secret_token: "rotated_secret-1",
    });
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ id: bot.connectionId });
    const update = textUpdate(newTgUser(), "/start");
    expect((await sendUpdate(bot, update)).status).toBe(401);
    expect((await sendUpdate(bot, update, "rotated_secret-1")).status).toBe(200);
    expect(await storedFor(bot.botId)).toHaveLength(1);
  });
});

describe("Telegram consent", () => {
  it("a STOP or /stop typed to the bot opts the contact out, as in WhatsApp", async () => {
    const { site, bot } = await siteWithBot();
    for (const word of ["STOP", "/stop"]) {
      const user = newTgUser();
      await sendUpdate(bot, textUpdate(user, "/start"));
      await sendUpdate(bot, textUpdate(user, word));
      const row = await env.DB.prepare(
        `select c.marketing_status as status from contacts c join contact_identities i
           on i.contact_id = c.id where i.site_id = ? and i.kind = 'tg_user' and i.value = ?`,
      )
        .bind(site.id, String(user.id))
        .first<{ status: string | null }>();
      expect(row?.status).toBe("opted_out");
    }
  });
});

describe("Telegram contacts", () => {
  it("show their Telegram id, no WhatsApp windows and no aliases", async () => {
    const { site, bot } = await siteWithBot();
    const user = newTgUser();
    await sendUpdate(bot, textUpdate(user, "/start"));
    const [lead] = (await leadsOf(site)) as (Lead & { contact: { id: string } })[];
    const res = await api(site, `/api/v1/contacts/${lead?.contact.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      telegram_id: String(user.id),
      username: user.username,
      wa_id: null,
      user_id: null,
      aliases: [],
      windows: null,
    });
  });
});

describe("GET /api/v1/leads?chat_app=", () => {
  it("lists the leads of one chat app; an unknown app is a 400", async () => {
    const { site, bot } = await siteWithBot();
    await sendUpdate(bot, textUpdate(newTgUser(), "/start"));
    await deliver(site, message({ from: newPhone(), body: "Hola" }));
    const of = async (app: string) => {
      const res = await api(site, `/api/v1/leads?chat_app=${app}`);
      return { status: res.status, body: (await res.json()) as { data: Lead[] } };
    };
    const telegram = await of("telegram");
    expect(telegram.body.data.map((l) => l.channel)).toEqual(["telegram"]);
    const whatsapp = await of("whatsapp");
    expect(whatsapp.body.data.map((l) => l.channel)).toEqual(["whatsapp"]);
    expect((await of("messenger")).body.data).toEqual([]);
    expect((await of("sms")).status).toBe(400);
  });
});
