import { eq } from "drizzle-orm";
import { decode } from "fast-png";
import jsQR from "jsqr";
import { describe, expect, it } from "vitest";
import { findRefCandidates } from "../../worker/attribution/ref-matcher";
import { clicks } from "../../worker/db/schema";
import { api, call, createSite, db, deliver, message, newPhone, type TestSite } from "./helpers";

const PHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
type Link = {
  id: string;
  code: string;
  short_url: string;
  scan_count: number;
  lead_count: number;
  disabled: boolean;
  name: string;
};

function send(site: TestSite, method: string, path: string, body?: unknown) {
  return call(
    new Request(`https://chatref.test${path}`, {
      method,
      headers: { authorization: `Bearer ${site.apiKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

async function createLink(site: TestSite, body: object = {}): Promise<Link> {
  const res = await send(site, "POST", "/api/v1/links", {
    name: "Spring poster",
    utm_source: "poster",
    utm_medium: "offline",
    utm_campaign: "spring-sale",
    ...body,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Link;
}

function scan(code: string, headers: Record<string, string> = {}) {
  return call(
    new Request(`https://chatref.test/r/${code}`, {
      headers: { "user-agent": PHONE_UA, ...headers },
      redirect: "manual",
    }),
  );
}

describe("campaign links", () => {
  it("creates a link with a short code and the site's short URL", async () => {
    const site = await createSite();
    const link = await createLink(site);
    expect(link.code).toMatch(/^[0-9a-z]{8}$/);
    expect(link).toMatchObject({
      name: "Spring poster",
      short_url: `https://chatref.test/r/${link.code}`,
      utm: {
        source: "poster",
        medium: "offline",
        campaign: "spring-sale",
        term: null,
        content: null,
      },
      disabled: false,
      scan_count: 0,
      lead_count: 0,
    });
  });

  it.each([
    [{ name: "" }, "validation_failed"],
    [{ name: "x".repeat(121) }, "validation_failed"],
    [{ utm_source: "x".repeat(257) }, "validation_failed"],
    [{ lang: "xx" }, "validation_failed"],
    [{ surprise: true }, "validation_failed"],
  ])("400 for %j", async (patch, code) => {
    const site = await createSite();
    const res = await send(site, "POST", "/api/v1/links", { name: "ok", ...patch });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code } });
  });

  it("401 without a key; another site's link is a 404 on every route", async () => {
    const a = await createSite();
    const b = await createSite();
    const link = await createLink(a);
    expect((await api(a, "/api/v1/links", "")).status).toBe(401);
    for (const path of [
      `/api/v1/links/${link.id}`,
      `/api/v1/links/${link.id}/qr.svg`,
      `/api/v1/links/${link.id}/qr.png`,
    ]) {
      expect((await api(b, path)).status).toBe(404);
    }
    expect((await send(b, "PATCH", `/api/v1/links/${link.id}`, { disabled: true })).status).toBe(
      404,
    );
    const listB = (await (await api(b, "/api/v1/links")).json()) as { data: Link[] };
    expect(listB.data).toEqual([]);
  });

  it("a scan records a click bound to the link and redirects to the chat with a fresh ref", async () => {
    const site = await createSite();
    const link = await createLink(site);
    const res = await scan(link.code, {
      referer: "https://instagram.com/",
      "accept-language": "pt-BR,pt;q=0.9",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const to = new URL(res.headers.get("location") ?? "");
    expect(`${to.origin}${to.pathname}`).toBe(`https://wa.me/${site.waNumber}`);
    const text = to.searchParams.get("text") ?? "";
    expect(text).toContain("Olá");
    const [ref] = findRefCandidates(text);
    const row = await db()
      .select()
      .from(clicks)
      .where(eq(clicks.ref, ref ?? ""))
      .get();
    expect(row).toMatchObject({
      siteId: site.id,
      linkId: link.id,
      placement: "link",
      utmSource: "poster",
      utmCampaign: "spring-sale",
      deviceClass: "mobile",
      referrer: "https://instagram.com/",
      lang: "pt",
      source: "poster",
      optinState: null,
    });
    // The short link is the scan's page and landing page; the channel is derived at insert.
    expect(row?.pageUrl).toMatch(new RegExp(`^https?://[^/]+/r/${link.code}$`));
    expect(row?.landingUrl).toBe(row?.pageUrl);
    expect(row?.landingPage).toBe(row?.pageUrl?.replace(/^https?:\/\//, ""));
    expect(row?.channel).toBeTruthy();
    expect(row?.createdAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it("scan → message → lead with the link's UTM tags, link id and placement", async () => {
    const site = await createSite();
    const link = await createLink(site, { message: "Hi! I saw your poster {ref}" });
    const to = new URL((await scan(link.code)).headers.get("location") ?? "");
    const text = to.searchParams.get("text") ?? "";
    expect(text).toMatch(/^Hi! I saw your poster [0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const phone = newPhone();
    await deliver(site, message({ from: phone, body: text }));
    const leads = (await (await api(site, "/api/v1/leads")).json()) as {
      data: Record<string, unknown>[];
    };
    expect(leads.data[0]).toMatchObject({
      attribution: "ref",
      contact: { wa_id: phone },
      touch: {
        utm_source: "poster",
        utm_medium: "offline",
        utm_campaign: "spring-sale",
        placement: "link",
        link_id: link.id,
      },
    });
    const listed = (await (await api(site, `/api/v1/links/${link.id}`)).json()) as Link;
    expect(listed).toMatchObject({ scan_count: 1, lead_count: 1 });
  });

  it("counts scans exactly under 200 concurrent scans; bots are redirected but not counted", async () => {
    const site = await createSite();
    const link = await createLink(site);
    // 200 people (one address each: scans are rate-limited per client, rate-limit.test.ts).
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        scan(link.code, { "cf-connecting-ip": `198.51.100.${i}` }),
      ),
    );
    expect(responses.every((r) => r.status === 302)).toBe(true);
    const bot = await scan(link.code, { "user-agent": "facebookexternalhit/1.1" });
    expect(bot.status).toBe(302);
    const refs = new Set(
      responses.map(
        (r) =>
          findRefCandidates(
            new URL(r.headers.get("location") ?? "").searchParams.get("text") ?? "",
          )[0],
      ),
    );
    expect(refs.size).toBe(200);
    const listed = (await (await api(site, `/api/v1/links/${link.id}`)).json()) as Link;
    expect(listed.scan_count).toBe(200);
  });

  it("an unknown or disabled code gets a friendly, localised 404 page; re-enabling works", async () => {
    const site = await createSite();
    const link = await createLink(site);
    const unknown = await scan("zzzzzzzz", { "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("text/html");
    expect(await unknown.text()).toContain("Этот код больше не действует");
    const disabled = await send(site, "PATCH", `/api/v1/links/${link.id}`, { disabled: true });
    expect(await disabled.json()).toMatchObject({ disabled: true });
    const gone = await scan(link.code, { "accept-language": "es" });
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain("Este código ya no está activo");
    await send(site, "PATCH", `/api/v1/links/${link.id}`, { disabled: false, name: "Renamed" });
    expect((await scan(link.code)).status).toBe(302);
    const listed = (await (await api(site, `/api/v1/links/${link.id}`)).json()) as Link;
    expect(listed).toMatchObject({ name: "Renamed", disabled: false, scan_count: 1 });
  });

  it("lists links newest first with counts, in pages", async () => {
    const site = await createSite();
    const made: Link[] = [];
    for (let i = 0; i < 5; i++) made.push(await createLink(site, { name: `Link ${i}` }));
    await scan(made[1]?.code ?? "");
    const first = (await (await api(site, "/api/v1/links?limit=3")).json()) as {
      data: Link[];
      next_cursor: string;
    };
    const second = (await (
      await api(site, `/api/v1/links?limit=3&cursor=${first.next_cursor}`)
    ).json()) as { data: Link[]; next_cursor: null };
    const all = [...first.data, ...second.data];
    expect(all.map((l) => l.id).sort()).toEqual(made.map((l) => l.id).sort());
    expect(second.next_cursor).toBeNull();
    expect(all.find((l) => l.id === made[1]?.id)?.scan_count).toBe(1);
  });

  it.each([256, 1000, 2000])("qr.png at %i px decodes to the short link", async (size) => {
    const site = await createSite();
    const link = await createLink(site);
    const res = await api(site, `/api/v1/links/${link.id}/qr.png?size=${size}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const png = decode(new Uint8Array(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([size, size]);
    const rgba = new Uint8ClampedArray(size * size * 4);
    for (let i = 0; i < size * size; i++) {
      const v = png.data[i] ?? 0;
      rgba.set([v, v, v, 255], i * 4);
    }
    expect(jsQR(rgba, size, size)?.data).toBe(link.short_url);
  });

  it("qr.svg is a standalone SVG with a title; bad PNG sizes are a 400", async () => {
    const site = await createSite();
    const link = await createLink(site);
    const svg = await api(site, `/api/v1/links/${link.id}/qr.svg`);
    expect(svg.headers.get("content-type")).toContain("image/svg+xml");
    const text = await svg.text();
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    expect(text).toContain("<title>Spring poster</title>");
    for (const size of [16, 2001, 4096, "big"]) {
      expect((await api(site, `/api/v1/links/${link.id}/qr.png?size=${size}`)).status).toBe(400);
    }
  });
});
