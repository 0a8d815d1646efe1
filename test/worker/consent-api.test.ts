import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  CSV_HEADER,
  CSV_PAGE_SIZE,
  consentCsvStream,
  readConsentPage,
} from "../../worker/api/consents-route";
import { toCsv } from "../../worker/api/csv";
import { contacts } from "../../worker/db/schema";
import { contactOf, deliverPreference } from "./consent-helpers";
import { api, apiOk, createSite, db, deliver, message, newPhone, type TestSite } from "./helpers";

interface ConsentPage {
  data: { contact_id: string; wa_id: string; status: string; since: string }[];
  next_cursor: string | null;
}

/** `GET /api/v1/consents` + `query` as `site` reads it: the body, the status not checked. */
const listed = async (site: TestSite, query = "") =>
  (await (await api(site, `/api/v1/consents${query}`)).json()) as ConsentPage;

/** A page of `GET /api/v1/consents?<query>`, answered 200. */
const page = (site: TestSite, query: string) =>
  apiOk<ConsentPage>(site, `/api/v1/consents?${query}`);

describe("GET /api/v1/consents", () => {
  it("lists current statuses, filtered by status and date; CSV is formula-safe", async () => {
    const site = await createSite();
    const a = newPhone();
    const b = newPhone();
    const ts = Math.floor(Date.UTC(2026, 9, 10, 12) / 1000);
    await deliver(site, message({ from: a, body: "hi" }));
    // A name a spreadsheet would run as a formula.
    await db()
      .update(contacts)
      .set({ name: '=HYPERLINK("x")' })
      .where(and(eq(contacts.siteId, site.id), eq(contacts.waId, a)))
      .run();
    await deliverPreference(site, a, "resume", ts);
    await deliverPreference(site, b, "stop", ts + 86_400);
    const all = await listed(site);
    expect(all.data.map((d) => [d.wa_id, d.status])).toEqual([
      [b, "opted_out"],
      [a, "opted_in"],
    ]);
    const ins = await listed(site, "?status=opted_in");
    expect(ins.data.map((d) => d.wa_id)).toEqual([a]);
    const dated = await listed(site, "?from=2026-10-11&to=2026-10-12");
    expect(dated.data.map((d) => d.wa_id)).toEqual([b]);

    const csv = await api(site, "/api/v1/consents?format=csv&status=opted_in");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    const contact = await contactOf(site, a);
    expect(text).toBe(
      `"contact_id","wa_id","user_id","username","name","status","since"\r\n"${contact?.publicId}","${a}","","","'=HYPERLINK(""x"")","opted_in","2026-10-10T12:00:00.000Z"\r\n`,
    );
  });

  it("400 on a bad filter, 401 without a key, another tenant sees nothing", async () => {
    const site = await createSite();
    const phone = newPhone();
    await deliverPreference(site, phone, "stop", Math.floor(Date.now() / 1000));
    expect((await api(site, "/api/v1/consents?status=maybe")).status).toBe(400);
    expect((await api(site, `/api/v1/consents?from=${"9".repeat(300)}`)).status).toBe(400);
    expect((await api(site, "/api/v1/consents", "wrong")).status).toBe(401);
    const other = await createSite();
    const res = await listed(other);
    expect(res.data).toEqual([]);
    const contact = await contactOf(site, phone);
    expect((await api(other, `/api/v1/contacts/${contact?.publicId}`)).status).toBe(404);
    expect((await api(site, `/api/v1/contacts/${contact?.publicId}`)).status).toBe(200);
  });
});

/** Inserts `count` contacts of `site` with a status, three per `since` second (ties), by SQL. */
async function seedConsents(site: TestSite, count: number, phonePrefix = "1999") {
  await env.DB.prepare(
    `INSERT INTO contacts (site_id, wa_id, first_seen_at, last_inbound_at, public_id, marketing_status, marketing_status_at)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
     SELECT ?1, ?3 || printf('%07d', i), 0, 0, 'ct_' || lower(hex(randomblob(8))),
       CASE WHEN i % 4 = 0 THEN 'opted_out' ELSE 'opted_in' END, 1767225600000 + (i / 3) * 1000
     FROM n`,
  )
    .bind(site.id, count, phonePrefix)
    .run();
}

describe("GET /api/v1/consents pages and CSV export", () => {
  it("keyset pages concatenate to the whole list, ties included, with no duplicates or gaps", async () => {
    const site = await createSite();
    await seedConsents(site, 11);
    const whole = await page(site, "limit=100");
    expect(whole.data).toHaveLength(11);
    expect(whole.next_cursor).toBeNull();

    const pages: ConsentPage[] = [];
    let cursor: string | null = null;
    do {
      const p: ConsentPage = await page(
        site,
        `limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      pages.push(p);
      cursor = p.next_cursor;
    } while (cursor && pages.length < 10);
    expect(pages.map((p) => p.data.length)).toEqual([4, 4, 3]);
    const joined = pages.flatMap((p) => p.data);
    expect(joined).toEqual(whole.data);
    expect(new Set(joined.map((d) => d.contact_id)).size).toBe(11);
    // Newest first.
    const since = joined.map((d) => d.since);
    expect(since).toEqual([...since].sort().reverse());

    // A filter holds across pages: 2 of the 11 are opted out.
    const first = await page(site, "status=opted_out&limit=1");
    const second = await page(
      site,
      `status=opted_out&limit=1&cursor=${encodeURIComponent(first.next_cursor ?? "")}`,
    );
    expect([...first.data, ...second.data].map((d) => d.status)).toEqual([
      "opted_out",
      "opted_out",
    ]);
    expect(second.next_cursor).toBeNull();

    expect((await api(site, "/api/v1/consents?cursor=nonsense")).status).toBe(400);
    expect((await api(site, "/api/v1/consents?format=csv&cursor=nonsense")).status).toBe(400);
  });

  it("CSV streams every matching row once, beyond one read page", async () => {
    const site = await createSite();
    const count = CSV_PAGE_SIZE + 501;
    await seedConsents(site, count);
    const res = await api(site, "/api/v1/consents?format=csv&limit=5");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="consents.csv"');
    const lines = (await res.text()).split("\r\n");
    expect(lines.shift()).toBe('"contact_id","wa_id","user_id","username","name","status","since"');
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(count);
    const phones = lines.map((l) => l.split(",")[1]);
    expect(new Set(phones).size).toBe(count);
    expect(phones).toContain('"19990000001"');
    expect(phones).toContain(`"1999${String(count).padStart(7, "0")}"`);

    const outs = (await (await api(site, "/api/v1/consents?format=csv&status=opted_out")).text())
      .trimEnd()
      .split("\r\n");
    expect(outs).toHaveLength(1 + Math.floor(count / 4));
  });

  it("the stream reads page after page until the cursor runs out", async () => {
    const site = await createSite();
    await seedConsents(site, 5);
    let reads = 0;
    const stream = consentCsvStream((cursor) => {
      reads++;
      return readConsentPage(env.DB, site.id, {}, cursor, 2);
    });
    const text = await new Response(stream).text();
    expect(reads).toBe(3);
    const json = await page(site, "limit=5");
    expect(text).toBe(
      toCsv(
        CSV_HEADER,
        json.data.map((d) => [d.contact_id, d.wa_id, null, null, null, d.status, d.since]),
      ),
    );
  });
});
