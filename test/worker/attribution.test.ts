import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { formatRef } from "../../widget/protocol/ref-codec";
import { clicks, touches } from "../../worker/db/schema";
import ctwaFixture from "../fixtures/whatsapp-ctwa-referral.json?raw";
import { api, click, createSite, db, deliver, message, newPhone } from "./helpers";

type Lead = {
  id: string;
  ref: string | null;
  attribution: string;
  touch: Record<string, string | null>;
  ctwa?: Record<string, string | null>;
};

async function leadOf(site: Awaited<ReturnType<typeof createSite>>, phone: string): Promise<Lead> {
  const res = await api(site, "/api/v1/leads?limit=200");
  const body = (await res.json()) as { data: (Lead & { contact: { wa_id: string } })[] };
  const lead = body.data.find((l) => l.contact.wa_id === phone);
  if (!lead) throw new Error(`no lead for ${phone}`);
  return lead;
}

const spring = {
  utm_source: "google",
  utm_medium: "cpc",
  utm_campaign: "spring-sale",
  gclid: "TeSt_GclId",
};

/** A new site, a click with the `spring` touch, then a new phone's first message `say(ref)`. */
async function clickThenWrite(say: (code: string) => string) {
  const site = await createSite();
  const ref = await click(site, spring);
  const phone = newPhone();
  await deliver(site, message({ from: phone, body: say(formatRef(ref)) }));
  return { site, ref, phone };
}

describe("attribution", () => {
  it("a ref in the first message attributes the lead to that click's touch", async () => {
    const { site, ref, phone } = await clickThenWrite(
      (code) => `Hello! I'd like to know more. (Ref: ${code})`,
    );
    const lead = await leadOf(site, phone);
    expect(lead).toMatchObject({ attribution: "ref", ref, touch: { ...spring, fbclid: null } });
  });

  it.each([
    ["lower case", (c: string) => `hi ${c.toLowerCase()}`],
    ["spaces inside", (c: string) => `code ${c.slice(0, 3)} ${c.slice(3, 7)} ${c.slice(7)} thanks`],
    ["hyphens inside", (c: string) => `${c.slice(0, 2)}-${c.slice(2, 6)}-${c.slice(6)}`],
    ["look-alikes O/I/L", (c: string) => `ref ${c.replace(/0/g, "O").replace(/1/g, "l")} please`],
    ["moved to the front", (c: string) => `${formatRef(c)} — is this still available?`],
    ["glued to a word", (c: string) => `ref:${c}`],
    [
      "Russian around it",
      (c: string) => `Здравствуйте! Хочу узнать подробнее. Код: ${formatRef(c)}`,
    ],
    [
      "Chinese around it, full-width",
      (c: string) =>
        `您好！编号：${[...c].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join("")}谢谢`,
    ],
    ["Arabic around it", (c: string) => `مرحبًا! أود معرفة المزيد. رمز: ${formatRef(c)}`],
    [
      "Cyrillic look-alike letters",
      (c: string) =>
        `${c.replace(/A/g, "А").replace(/K/g, "К").replace(/M/g, "М").replace(/P/g, "Р")}`,
    ],
  ])("matches a ref edited: %s", async (_, edit) => {
    const site = await createSite();
    const ref = await click(site, spring);
    const phone = newPhone();
    await deliver(site, message({ from: phone, body: edit(ref) }));
    expect(await leadOf(site, phone)).toMatchObject({ attribution: "ref", ref });
  });

  it("a ref from another site does not match", async () => {
    const a = await createSite();
    const b = await createSite();
    const ref = await click(a, spring);
    const phone = newPhone();
    await deliver(b, message({ from: phone, body: `Ref: ${formatRef(ref)}` }));
    expect(await leadOf(b, phone)).toMatchObject({ attribution: "none", ref: null });
  });

  it("no ref and no referral → attribution none, reported as such", async () => {
    const site = await createSite();
    const phone = newPhone();
    await deliver(site, message({ from: phone, body: "Do you ship to Lisbon?" }));
    const lead = await leadOf(site, phone);
    expect(lead.attribution).toBe("none");
    expect(lead.ref).toBeNull();
    expect(Object.values(lead.touch).every((v) => v === null)).toBe(true);
    expect(lead.ctwa).toBeUndefined();
  });

  it("a Click-to-WhatsApp referral (official fixture) → attribution ctwa", async () => {
    const site = await createSite();
    const phone = newPhone();
    const official = JSON.parse(ctwaFixture).entry[0].changes[0].value.messages[0];
    await deliver(
      site,
      message({ from: phone, body: official.text.body, referral: official.referral }),
    );
    const lead = await leadOf(site, phone);
    expect(lead.attribution).toBe("ctwa");
    expect(lead.ctwa).toEqual({
      ctwa_clid: official.referral.ctwa_clid,
      source_id: official.referral.source_id,
      source_url: official.referral.source_url,
      source_type: official.referral.source_type,
      headline: official.referral.headline,
    });
  });

  it("later messages add touches but never change the first touch", async () => {
    const site = await createSite();
    const first = await click(site, spring);
    const second = await click(site, { utm_source: "newsletter", utm_medium: "email" });
    const phone = newPhone();
    const t0 = Math.floor(Date.now() / 1000);
    await deliver(site, message({ from: phone, body: `hi ${formatRef(first)}`, timestamp: t0 }));
    await deliver(
      site,
      message({ from: phone, body: `again ${formatRef(second)}`, timestamp: t0 + 60 }),
    );
    const lead = await leadOf(site, phone);
    expect(lead).toMatchObject({ attribution: "ref", ref: first, touch: { utm_source: "google" } });
    const rows = await db()
      .select()
      .from(touches)
      .where(eq(touches.leadId, lead.id))
      .orderBy(touches.occurredAt)
      .all();
    const refs = await Promise.all(
      rows.map(
        async (t) =>
          (
            await db()
              .select()
              .from(clicks)
              .where(eq(clicks.id, t.clickId ?? -1))
              .get()
          )?.ref,
      ),
    );
    expect(refs).toEqual([first, second]);
  });

  it("a message sent earlier but delivered later takes over the first touch", async () => {
    const site = await createSite();
    const early = await click(site, spring);
    const late = await click(site, { utm_source: "bing" });
    const phone = newPhone();
    const t0 = Math.floor(Date.now() / 1000);
    await deliver(site, message({ from: phone, body: formatRef(late), timestamp: t0 + 30 }));
    await deliver(site, message({ from: phone, body: formatRef(early), timestamp: t0 }));
    expect(await leadOf(site, phone)).toMatchObject({
      ref: early,
      touch: { utm_source: "google" },
    });
  });

  it("a first message without a ref stays 'none' even when a later one carries a ref", async () => {
    const site = await createSite();
    const ref = await click(site, spring);
    const phone = newPhone();
    const t0 = Math.floor(Date.now() / 1000);
    await deliver(site, message({ from: phone, body: "hello", timestamp: t0 }));
    await deliver(site, message({ from: phone, body: formatRef(ref), timestamp: t0 + 5 }));
    const lead = await leadOf(site, phone);
    expect(lead.attribution).toBe("none");
    expect(await db().select().from(touches).where(eq(touches.leadId, lead.id)).all()).toHaveLength(
      1,
    );
  });

  it("a ref matches only once: a forwarded code does not attribute a second contact", async () => {
    const site = await createSite();
    const ref = await click(site, spring);
    const alice = newPhone();
    const bob = newPhone();
    await deliver(site, message({ from: alice, body: formatRef(ref) }));
    await deliver(site, message({ from: bob, body: `forwarded: ${formatRef(ref)}` }));
    expect(await leadOf(site, alice)).toMatchObject({ attribution: "ref", ref });
    expect(await leadOf(site, bob)).toMatchObject({ attribution: "none", ref: null });
  });

  it("when several codes are present, the first known one wins", async () => {
    const { site, ref, phone } = await clickThenWrite(
      (code) => `old code 7K3M9-QXTB4? new ${code}`,
    );
    expect(await leadOf(site, phone)).toMatchObject({ attribution: "ref", ref });
  });
});
