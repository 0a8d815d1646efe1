/**
 * Opt-in evidence is registered, not taken from the browser's word: a beacon's text verifies an
 * opt-in only when the site registered it (or it is the widget's built-in text naming the site),
 * and a WhatsApp opt-out is reversed only in WhatsApp.
 */
import { describe, expect, it } from "vitest";
import { OPTIN_STRINGS } from "../../widget/optin/optin-strings";
import { sites } from "../../worker/db/schema";
import { message } from "../support/whatsapp-envelope";
import {
  ADMIN_TOKEN,
  contactOf,
  deliverPreference,
  eventsOf,
  optInThroughWidget,
  registerText,
  sec,
} from "./consent-helpers";
import { api, call, createSite, db, deliver, newPhone, type TestSite } from "./helpers";

const FORGED = "I agree that Shop may message me anything, forever.";
interface TextJson {
  version: string;
  text: string;
  lang: string | null;
  registered: boolean;
  registered_by: string | null;
  unverified_optins: number;
}

async function listTexts(site: TestSite): Promise<TextJson[]> {
  const res = await call(
    new Request(`https://chatref.test/api/v1/sites/${site.id}/consent-texts`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    }),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: TextJson[] }).data;
}

async function siteName(site: TestSite): Promise<string> {
  const rows = await db().select({ id: sites.id, name: sites.name }).from(sites).all();
  return rows.find((r) => r.id === site.id)?.name ?? "";
}

describe("opt-in evidence", () => {
  it("a forged beacon's text is unverified evidence: shown, no status; registering verifies it", async () => {
    const site = await createSite();
    const phone = newPhone();
    await optInThroughWidget(site, phone, FORGED);
    const contact = await contactOf(site, phone);
    expect(contact?.marketingStatus).toBeNull();
    const [event] = await eventsOf(contact?.id ?? -1);
    expect(event).toMatchObject({ source: "widget", status: "opted_in", verified: false });
    // The contact API shows it, with its words, as unverified.
    const json = (await (await api(site, `/api/v1/contacts/${contact?.publicId}`)).json()) as {
      marketing: { status: string };
      consents: { text: string; verified: boolean; text_version: string }[];
    };
    expect(json.marketing.status).toBe("unknown");
    expect(json.consents).toMatchObject([{ text: FORGED, verified: false }]);
    // The admin list names the text, unregistered, with the opt-in waiting on it.
    expect(await listTexts(site)).toMatchObject([
      { text: FORGED, registered: false, registered_by: null, unverified_optins: 1 },
    ]);
    // The API lists it (JSON and CSV) for the site's key, and for no other site's.
    const list = (await (await api(site, "/api/v1/consents/unverified")).json()) as {
      data: { contact_id: string; wa_id: string; text: string; text_version: string }[];
    };
    expect(list.data).toEqual([
      expect.objectContaining({
        contact_id: contact?.publicId,
        wa_id: phone,
        text: FORGED,
        text_version: event?.textVersion,
      }),
    ]);
    const csv = await api(site, "/api/v1/consents/unverified?format=csv");
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      '"contact_id","wa_id","occurred_at","text_version","text","lang","page_url","ref"',
    );
    expect(lines[1]).toContain(`"${FORGED}"`);
    const stranger = await createSite();
    const theirs = (await (await api(stranger, "/api/v1/consents/unverified")).json()) as {
      data: unknown[];
    };
    expect(theirs.data).toEqual([]);
    // Registering it verifies the opt-in made with it, and the status follows.
    const res = await registerText(site, FORGED, "en");
    expect(res.status).toBe(201);
    const registered = (await res.json()) as TextJson;
    expect(registered).toMatchObject({
      version: event?.textVersion,
      text: FORGED,
      lang: "en",
      registered: true,
      registered_by: "admin",
      unverified_optins: 0,
    });
    const after = await contactOf(site, phone);
    expect(after?.marketingStatus).toBe("opted_in");
    expect(after?.marketingStatusAt).toBe(event?.occurredAt);
    expect((await eventsOf(after?.id ?? -1))[0]?.verified).toBe(true);
    const emptied = (await (await api(site, "/api/v1/consents/unverified")).json()) as {
      data: unknown[];
    };
    expect(emptied.data).toEqual([]);
    // Registering again changes nothing (200, the first registration kept).
    expect((await registerText(site, FORGED, "en")).status).toBe(200);
  });

  it("stats count an unverified opt-in only once its text is registered", async () => {
    const site = await createSite();
    const optIns = async () =>
      ((await (await api(site, "/api/v1/stats")).json()) as { kpis: { opt_ins: number } }).kpis
        .opt_ins;
    await optInThroughWidget(site, newPhone(), FORGED);
    expect(await optIns()).toBe(0);
    expect((await registerText(site, FORGED)).status).toBe(201);
    expect(await optIns()).toBe(1);
  });

  it("a text registered for one site verifies nothing on another", async () => {
    const [a, b] = [await createSite(), await createSite()];
    expect((await registerText(a, FORGED)).status).toBe(201);
    const phone = newPhone();
    await optInThroughWidget(b, phone, FORGED);
    expect((await contactOf(b, phone))?.marketingStatus).toBeNull();
    const phoneA = newPhone();
    await optInThroughWidget(a, phoneA, FORGED);
    expect((await contactOf(a, phoneA))?.marketingStatus).toBe("opted_in");
  });

  it("the widget's built-in texts naming the site count at once; naming another business, not", async () => {
    const site = await createSite();
    const name = await siteName(site);
    for (const lang of ["en", "ar"] as const) {
      const phone = newPhone();
      await optInThroughWidget(site, phone, OPTIN_STRINGS[lang]?.replace("{business}", name) ?? "");
      expect((await contactOf(site, phone))?.marketingStatus).toBe("opted_in");
    }
    const other = newPhone();
    await optInThroughWidget(
      site,
      other,
      OPTIN_STRINGS.en?.replace("{business}", "Evil Corp") ?? "",
    );
    expect((await contactOf(site, other))?.marketingStatus).toBeNull();
    const texts = await listTexts(site);
    expect(texts.filter((t) => t.registered_by === "builtin")).toHaveLength(2);
    expect(texts.find((t) => t.text.includes("Evil Corp"))?.registered).toBe(false);
  });

  it("the admin route: 401 without the token, 404 for an unknown site, 400 for a bad body", async () => {
    const site = await createSite();
    expect((await registerText(site, FORGED, "en", "wrong")).status).toBe(401);
    // A site's API key is not the admin token.
    expect((await registerText(site, FORGED, "en", site.apiKey)).status).toBe(401);
    expect((await registerText({ ...site, id: "site_nope" }, FORGED)).status).toBe(404);
    expect((await registerText(site, "", "en")).status).toBe(400);
    expect((await registerText(site, "x".repeat(1001), "en")).status).toBe(400);
    expect((await registerText(site, FORGED, "not a tag")).status).toBe(400);
    expect(await listTexts(site)).toEqual([]);
  });
});

describe("a WhatsApp opt-out is reversed only in WhatsApp", () => {
  it("STOP, then a later ticked box: still opted_out; then START: opted_in", async () => {
    const site = await createSite();
    const name = await siteName(site);
    const phone = newPhone();
    const t0 = sec(Date.now()) - 600;
    await deliver(site, message({ from: phone, body: "STOP", timestamp: t0 }));
    expect((await contactOf(site, phone))?.marketingStatus).toBe("opted_out");
    // A verified (built-in) checkbox opt-in, made later than the STOP.
    await optInThroughWidget(
      site,
      phone,
      OPTIN_STRINGS.en?.replace("{business}", name) ?? "",
      t0 + 60,
    );
    let contact = await contactOf(site, phone);
    const events = await eventsOf(contact?.id ?? -1);
    expect(events.map((e) => [e.source, e.verified])).toEqual([
      ["keyword", true],
      ["widget", true],
    ]);
    expect(contact?.marketingStatus).toBe("opted_out");
    expect(contact?.marketingStatusAt).toBe(t0 * 1000);
    // START after the checkbox (whose time is the click's, now).
    const start = sec(Date.now()) + 2;
    await deliver(site, message({ from: phone, body: "START", timestamp: start }));
    contact = await contactOf(site, phone);
    expect(contact?.marketingStatus).toBe("opted_in");
    expect(contact?.marketingStatusAt).toBe(start * 1000);
  });

  it("a user_preferences stop is not undone by a checkbox verified later either", async () => {
    const site = await createSite();
    const phone = newPhone();
    const t0 = sec(Date.now()) - 600;
    await deliverPreference(site, phone, "stop", t0);
    await optInThroughWidget(site, phone, FORGED, t0 + 60);
    expect((await contactOf(site, phone))?.marketingStatus).toBe("opted_out");
    expect((await registerText(site, FORGED)).status).toBe(201);
    expect((await contactOf(site, phone))?.marketingStatus).toBe("opted_out");
    // A resume in WhatsApp reverses it.
    await deliverPreference(site, phone, "resume", t0 + 120);
    expect((await contactOf(site, phone))?.marketingStatus).toBe("opted_in");
  });

  it("a registered checkbox opt-in, then a WhatsApp opt-out: opted_out", async () => {
    const site = await createSite();
    expect((await registerText(site, FORGED)).status).toBe(201);
    const phone = newPhone();
    await optInThroughWidget(site, phone, FORGED);
    expect((await contactOf(site, phone))?.marketingStatus).toBe("opted_in");
    const later = sec(Date.now()) + 2;
    await deliver(site, message({ from: phone, body: "unsubscribe", timestamp: later }));
    expect((await contactOf(site, phone))?.marketingStatus).toBe("opted_out");
  });
});
