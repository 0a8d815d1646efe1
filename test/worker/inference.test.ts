/**
 * Inferred attribution through the real inbound path (workerd, real D1): a first message that
 * lost its ref is attributed to a recent open click only when the evidence is strong, labelled
 * `inferred`, the click consumed as an exact match would be; the site's `inference` setting and
 * a destination's `include_inferred` decide whether it happens and where it goes.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { formatRef, mintRef } from "../../widget/protocol/ref-codec";
import { clicks, leads, outbox, touches } from "../../worker/db/schema";
import { clearSiteCache } from "../../worker/db/sites";
import { message } from "../support/whatsapp-envelope";
import { admin, adminSite, expectError } from "./admin-helpers";
import { addHook, apiSend } from "./forward-helpers";
import { apiOk, click, createSite, db, deliver, newPhone, type TestSite } from "./helpers";
import { expectRollupEqualsRaw, stats } from "./stats-helpers";

const GREETING = "Hello! I'd like to know more.";
const spring = { utm_source: "google", utm_medium: "cpc", utm_campaign: "spring-sale" };

/** A click of the site, in `lang`, recorded now. */
const clickNow = (site: TestSite, lang = "en", touch: Record<string, string> = spring) =>
  click(site, touch, { lang });

/** A first message from a new phone, sent `delay` seconds from now. */
async function write(site: TestSite, body: string, delay = 20) {
  const phone = newPhone();
  const timestamp = Math.floor(Date.now() / 1000) + delay;
  expect((await deliver(site, message({ from: phone, body, timestamp }))).status).toBe(200);
  return phone;
}

interface LeadOut {
  id: string;
  ref: string | null;
  attribution: string;
  touch: Record<string, string | null>;
  inference?: { click_ref: string; score: number; reasons: string[] };
  contact: { wa_id: string };
}

async function leadOf(site: TestSite, phone: string): Promise<LeadOut> {
  const body = await apiOk<{ data: LeadOut[] }>(site, "/api/v1/leads?limit=200");
  const lead = body.data.find((l) => l.contact.wa_id === phone);
  if (!lead) throw new Error(`no lead for ${phone}`);
  return lead;
}

const clickRow = (site: TestSite, ref: string) =>
  db()
    .select()
    .from(clicks)
    .where(and(eq(clicks.siteId, site.id), eq(clicks.ref, ref)))
    .get();

describe("inferred attribution", () => {
  it("a lone recent click whose greeting survives: inferred to it, its touch, the click consumed", async () => {
    const site = await createSite();
    const ref = await clickNow(site);
    const phone = await write(site, `${GREETING} (Ref: )`);
    const lead = await leadOf(site, phone);
    expect(lead).toMatchObject({ attribution: "inferred", ref: null, touch: spring });
    expect(lead.inference?.click_ref).toBe(ref);
    expect(lead.inference?.score).toBeGreaterThanOrEqual(0.9);
    expect(lead.inference?.reasons).toEqual(expect.arrayContaining(["greeting", "tag_left"]));
    const row = await db().select().from(leads).where(eq(leads.id, lead.id)).get();
    expect((await clickRow(site, ref))?.contactId).toBe(row?.contactId);
    const touch = await db().select().from(touches).where(eq(touches.leadId, lead.id)).all();
    expect(touch.map((t) => t.kind)).toEqual(["inferred"]);
  });

  it("an exact ref arriving later for the inferred click never makes a second lead", async () => {
    const site = await createSite();
    const ref = await clickNow(site);
    const phone = await write(site, GREETING);
    const other = await write(site, `${GREETING} (Ref: ${formatRef(ref)})`, 40);
    expect((await leadOf(site, phone)).attribution).toBe("inferred");
    // The same contact again, now with the code: still one lead, still inferred.
    const timestamp = Math.floor(Date.now() / 1000) + 60;
    const again = message({ from: phone, body: formatRef(ref), timestamp });
    expect((await deliver(site, again)).status).toBe(200);
    const rows = await db().select().from(leads).where(eq(leads.siteId, site.id)).all();
    expect(rows).toHaveLength(2);
    expect((await leadOf(site, phone)).attribution).toBe("inferred");
    // Another phone with the consumed code is not attributed to the click a second time.
    expect((await leadOf(site, other)).attribution).toBe("none");
    // A later ref-less message of a contact with a lead never consumes a new open click.
    const fresh = await clickNow(site);
    const later = message({
      from: phone,
      body: GREETING,
      timestamp: Math.floor(Date.now() / 1000) + 90,
    });
    expect((await deliver(site, later)).status).toBe(200);
    expect((await clickRow(site, fresh))?.contactId).toBeNull();
  });

  it("two equally plausible clicks: none, and both stay open", async () => {
    const site = await createSite();
    const a = await clickNow(site);
    const b = await clickNow(site);
    const phone = await write(site, GREETING);
    const lead = await leadOf(site, phone);
    expect(lead.attribution).toBe("none");
    expect(lead.inference).toBeUndefined();
    expect((await clickRow(site, a))?.contactId).toBeNull();
    expect((await clickRow(site, b))?.contactId).toBeNull();
  });

  it("no greeting and no click: none", async () => {
    const site = await createSite();
    const lead = await leadOf(site, await write(site, "How much is the blue sofa?"));
    expect(lead).toMatchObject({ attribution: "none", ref: null });
    expect(lead.inference).toBeUndefined();
  });

  it("a message with a ref is never inferred, even to another open click", async () => {
    const site = await createSite();
    const open = await clickNow(site);
    const phone = await write(site, `${GREETING} (Ref: ${formatRef(mintRef())})`);
    // The text carries a code (of no click here): exact matching decides, and finds none.
    const lead = await leadOf(site, phone);
    expect(lead.attribution).not.toBe("inferred");
    const exact = await write(site, `${GREETING} (Ref: ${formatRef(open)})`);
    expect(await leadOf(site, exact)).toMatchObject({ attribution: "ref", ref: open });
    expect((await leadOf(site, exact)).inference).toBeUndefined();
  });

  it("the site's inference off (through the admin API): none, the click left open", async () => {
    const { json, site } = await adminSite({ inference: "off" });
    expect(json.inference).toBe("off");
    clearSiteCache();
    const ref = await clickNow(site);
    const lead = await leadOf(site, await write(site, GREETING));
    expect(lead.attribution).toBe("none");
    expect((await clickRow(site, ref))?.contactId).toBeNull();
    // Back on: the next first message is inferred.
    const on = await admin("PATCH", `/api/v1/sites/${site.id}`, { inference: "on" });
    expect(await on.json()).toMatchObject({ inference: "on" });
    clearSiteCache();
    expect((await leadOf(site, await write(site, GREETING, 30))).attribution).toBe("inferred");
    await expectError(
      await admin("PATCH", `/api/v1/sites/${site.id}`, { inference: "maybe" }),
      400,
      "validation_failed",
    );
  });
});

describe("forwarding inferred leads", () => {
  it("include_inferred off: nothing is queued for the destination; on: it is", async () => {
    const site = await createSite();
    const events = ["lead.created", "lead.purchase"];
    const { hook: exactOnly } = await addHook(site, "inferred-exact", "exact only", { events });
    const { hook: all } = await addHook(site, "inferred-all", "all", {
      events,
      include_inferred: true,
    });
    await clickNow(site);
    const phone = await write(site, GREETING);
    const lead = await leadOf(site, phone);
    expect(lead.attribution).toBe("inferred");
    const rows = await db().select().from(outbox).where(eq(outbox.leadId, lead.id)).all();
    expect(rows.map((r) => r.destinationId)).toEqual([all.id]);
    expect(rows.some((r) => r.destinationId === exactOnly.id)).toBe(false);
    // A backfill of the exact-only destination does not send it either.
    const res = await apiSend(site, "POST", `/api/v1/destinations/${exactOnly.id}/backfill`, {
      since: new Date(Date.now() - 3600_000).toISOString(),
    });
    expect(res.status).toBe(202);
    const after = await db().select().from(outbox).where(eq(outbox.leadId, lead.id)).all();
    expect(after.map((r) => r.destinationId)).toEqual([all.id]);
    // Nor its sale events.
    const sale = await apiSend(site, "POST", `/api/v1/leads/${lead.id}/events`, {
      type: "purchase",
      value: 20,
      currency: "USD",
      external_id: "order-inferred",
    });
    expect(sale.status).toBe(201);
    const rows2 = await db().select().from(outbox).where(eq(outbox.leadId, lead.id)).all();
    expect(rows2.filter((r) => r.event === "lead.purchase").map((r) => r.destinationId)).toEqual([
      all.id,
    ]);
  });

  it("the setting is read and changed through the API", async () => {
    const site = await createSite();
    const { hook } = await addHook(site, "inferred-api", "hook");
    expect(hook).toMatchObject({ include_inferred: false });
    const res = await apiSend(site, "PATCH", `/api/v1/destinations/${hook.id}`, {
      include_inferred: true,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ include_inferred: true });
    const bad = await apiSend(site, "PATCH", `/api/v1/destinations/${hook.id}`, {
      include_inferred: "yes",
    });
    expect(bad.status).toBe(400);
  });
});

describe("inferred in the stats", () => {
  it("is its own attribution category, and `inferred=exclude` leaves it out", async () => {
    const site = await createSite();
    const exact = await clickNow(site);
    await write(site, `${GREETING} (Ref: ${formatRef(exact)})`);
    await clickNow(site);
    await write(site, GREETING, 25);
    const all = await stats(site, "group_by=attribution");
    expect(all.attribution).toEqual({ ref: 1, ctwa: 0, none: 0, inferred: 1 });
    expect(all.breakdowns.attribution?.rows.map((r) => [r.key, r.conversations])).toEqual(
      expect.arrayContaining([
        ["inferred", 1],
        ["ref", 1],
      ]),
    );
    const listed = async (query: string) =>
      (await apiOk<{ data: LeadOut[] }>(site, `/api/v1/leads?${query}`)).data.map(
        (l) => l.attribution,
      );
    expect((await listed("")).sort()).toEqual(["inferred", "ref"]);
    expect(await listed("inferred=exclude")).toEqual(["ref"]);
    expect(await listed("attribution=inferred")).toEqual(["inferred"]);
    const exact_only = await stats(site, "group_by=attribution&inferred=exclude");
    expect(exact_only.attribution).toEqual({ ref: 1, ctwa: 0, none: 0, inferred: 0 });
    expect(exact_only.kpis).toMatchObject({ conversations: 1, chat_clicks: 2 });
    const day = 86_400_000;
    const from = Math.floor(Date.now() / day) * day;
    for (const touch of ["first", "last"] as const)
      await expectRollupEqualsRaw(
        {
          siteId: site.id,
          from,
          to: from + day,
          interval: "day",
          touch,
          filters: {},
          excludeInferred: true,
          tz: "UTC",
        },
        `exclude inferred, ${touch} touch`,
      );
  });
});
