/**
 * WhatsApp through 360dialog (worker/inbound/dialog360-route.ts, adapters/dialog360/): the Cloud
 * API body behind a per-connection secret header, checked before the body is read; every item is
 * bound to the connection's account; the sweep and erasure read the stored body.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts, deliveries, messages, touches } from "../../worker/db/schema";
import { retryUnprocessedDeliveries } from "../../worker/inbound/retry-deliveries";
import { apiSend } from "./forward-helpers";
import {
  api,
  call,
  click,
  createSite,
  db,
  envelope,
  leadRowsOf,
  message,
  newPhone,
  storedDeliveries,
  type TestSite,
} from "./helpers";
import { admin, newTgUser, sendUpdate, siteWithBot, textUpdate } from "./telegram-helpers";

interface Conn {
  account: string;
  secret: string;
}

async function connect360(site: TestSite): Promise<Conn> {
  const account = String(100_000_000_000_000 + Math.floor(Math.random() * 1e12));
  const res = await admin(`/api/v1/sites/${site.id}/connections`, {
    method: "POST",
    body: JSON.stringify({ channel: "whatsapp", provider: "360dialog", phone_number_id: account }),
  });
  expect(res.status).toBe(201);
  const json = (await res.json()) as Record<string, string>;
  expect(json).toMatchObject({
    provider: "360dialog",
    account_id: account,
    webhook_path: `/webhooks/360dialog/${account}`,
  });
  return { account, secret: json.secret_token as string };
}

function send360(
  conn: Conn,
  body: unknown,
  secret: string | null = conn.secret,
  account = conn.account,
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== null) headers["x-chatref-secret"] = secret;
  return call(
    new Request(`https://chatref.test/webhooks/360dialog/${account}`, {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

const stored = (conn: Conn) => storedDeliveries(`360dialog:${conn.account}`);
const leadRows = (site: TestSite) => leadRowsOf(site.id);

describe("360dialog WhatsApp webhook", () => {
  it("a ref in the text attributes the lead; the lead says 360dialog", async () => {
    const site = await createSite();
    const conn = await connect360(site);
    expect(conn.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const ref = await click(site, { utm_source: "instagram", utm_campaign: "may" });
    const waId = newPhone();
    const res = await send360(
      conn,
      envelope(conn.account, [message({ from: waId, body: `Hi ${ref}` })]),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: true, outcome: "processed", messages: 1 });
    const page = (await (await api(site, "/api/v1/leads")).json()) as { data: unknown[] };
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({
      channel: "whatsapp",
      provider: "360dialog",
      ref,
      attribution: "ref",
      contact: { wa_id: waId },
      touch: { utm_source: "instagram", utm_campaign: "may" },
    });
  });

  it("connects by number (its digits) or phone_number_id, not both; a given secret is kept", async () => {
    const site = await createSite();
    const digits = newPhone();
    const post = (body: object) =>
      admin(`/api/v1/sites/${site.id}/connections`, {
        method: "POST",
        body: JSON.stringify({ channel: "whatsapp", provider: "360dialog", ...body }),
      });
    const res = await post({ number: `+${digits}`, secret: "my_own_secret_0123456789" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      account_id: digits,
      secret_token: "my_own_secret_0123456789",
    });
    expect((await post({ number: `+${digits}`, phone_number_id: "1065403522429" })).status).toBe(
      400,
    );
    expect((await post({})).status).toBe(400);
    expect((await post({ phone_number_id: "1065403522429", secret: "short" })).status).toBe(400);
  });

  it("binds items to the connection, whatever phone_number_id the body names", async () => {
    const site = await createSite();
    const other = await createSite();
    const conn = await connect360(site);
    // A body naming another site's Cloud API number still lands on the connection's site.
    const res = await send360(
      conn,
      envelope(other.phoneNumberId, [message({ from: newPhone(), body: "hi" })]),
    );
    expect(res.status).toBe(200);
    expect(await leadRows(site)).toHaveLength(1);
    expect(await leadRows(other)).toHaveLength(0);
  });

  it("refuses a missing, wrong or another connection's secret and stores nothing", async () => {
    const site = await createSite();
    const conn = await connect360(site);
    const second = await connect360(site);
    const body = envelope(conn.account, [message({ from: newPhone(), body: "hello" })]);
    const statuses = [
      (await send360(conn, body, null)).status,
      (await send360(conn, body, `${conn.secret.slice(0, -1)}x`)).status,
      (await send360(conn, body, second.secret)).status,
      (await send360(conn, body, "short")).status,
    ];
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(await stored(conn)).toHaveLength(0);
    expect(await leadRows(site)).toHaveLength(0);
  });

  it("duplicates make one lead; a CTWA referral attributes to the ad", async () => {
    const site = await createSite();
    const conn = await connect360(site);
    const msg = message({
      from: newPhone(),
      body: "Is it in stock?",
      referral: {
        source_id: "120219999",
        source_type: "ad",
        headline: "Lamps",
        ctwa_clid: "clid-1",
      },
    });
    const body = envelope(conn.account, [msg]);
    expect((await send360(conn, body)).status).toBe(200);
    expect((await send360(conn, body)).status).toBe(200);
    expect((await send360(conn, { ...body, object: "whatsapp_business_account " })).status).toBe(
      200,
    );
    const rows = await leadRows(site);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      attribution: "ctwa",
      ctwaSourceId: "120219999",
      provider: "360dialog",
    });
    const msgs = await db().select().from(messages).where(eq(messages.siteId, site.id)).all();
    expect(msgs).toHaveLength(1);
  });

  it("answers 4xx to malformed bodies and unknown accounts, storing nothing", async () => {
    const site = await createSite();
    const conn = await connect360(site);
    expect((await send360(conn, "{not json")).status).toBe(400);
    expect((await send360(conn, { entry: "nope" })).status).toBe(400);
    expect((await send360(conn, {}, conn.secret, "999999999")).status).toBe(404);
    expect((await send360(conn, {}, conn.secret, "abc")).status).toBe(404);
    expect(await stored(conn)).toHaveLength(0);
  });

  it("the sweep parses a stored body; erasure strips a waiting one", async () => {
    const site = await createSite();
    const conn = await connect360(site);
    const ref = await click(site, { utm_source: "sweep" });
    const waId = newPhone();
    const insert = (id: string, body: string) =>
      db()
        .insert(deliveries)
        .values({
          id,
          provider: `360dialog:${conn.account}`,
          body,
          bodySha256: id,
          receivedAt: Date.now() - 3_600_000,
        })
        .run();
    await insert(
      `dlv_d1_${conn.account}`,
      JSON.stringify(envelope(conn.account, [message({ from: waId, body: ref })])),
    );
    await retryUnprocessedDeliveries(db(), undefined);
    const rows = await leadRows(site);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ attribution: "ref", provider: "360dialog" });
    const page = (await (await api(site, "/api/v1/leads")).json()) as {
      data: { contact: { id: string } }[];
    };
    const later = envelope(conn.account, [message({ from: waId, body: "Zlata again" })], [], {
      [waId]: "Zlata",
    });
    await insert(`dlv_d2_${conn.account}`, JSON.stringify(later));
    const erased = await apiSend(site, "DELETE", `/api/v1/contacts/${page.data[0]?.contact.id}`);
    expect(erased.status).toBe(200);
    const left = await stored(conn);
    expect(left).toHaveLength(1);
    expect(left[0]?.body).not.toContain(waId);
    expect(left[0]?.body).not.toContain("Zlata");
    await retryUnprocessedDeliveries(db(), undefined);
    const people = await db().select().from(contacts).where(eq(contacts.siteId, site.id)).all();
    expect(people).toHaveLength(1);
    expect(people[0]?.erasedAt).not.toBeNull();
  });
});

describe("a 360dialog connection and other tenants", () => {
  it("cannot take another site's touch by naming the id its Telegram message is stored under", async () => {
    const { site: victim, bot } = await siteWithBot();
    const ref = await click(victim, { utm_source: "vk", utm_medium: "cpc" });
    const update = textUpdate(newTgUser(), `/start ${ref}`);
    // Another tenant's own connection (its secret is theirs) sends an ad-referral item carrying
    // the id the victim's next Telegram message is stored under (`<bot id>:<update id>`).
    const conn = await connect360(await createSite());
    const forged = message({
      from: newPhone(),
      body: "hi",
      id: `${bot.botId}:${update.update_id}`,
      referral: { source_id: "1", source_type: "ad", ctwa_clid: "clid-forged" },
    });
    expect((await send360(conn, envelope(conn.account, [forged]))).status).toBe(200);
    expect((await sendUpdate(bot, update)).status).toBe(200);
    const [lead] = await leadRows(victim);
    expect(lead?.attribution).toBe("ref");
    const kept = await db()
      .select()
      .from(touches)
      .where(eq(touches.leadId, lead?.id ?? ""))
      .all();
    expect(kept.map((t) => t.kind)).toEqual(["ref"]);
  });
});
