import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { destinations } from "../../worker/db/schema";
import { openSecret, sealSecret } from "../../worker/forward/secrets";
import { apiSend, createDestination, type DestinationOut } from "./forward-helpers";
import { api, createSite, db } from "./helpers";

const GA4 = {
  kind: "ga4",
  name: "GA4 web stream",
  measurement_id: "G-TEST12345",
  api_secret: "ga4-api-secret-AbCdEf0123",
};
const META = {
  kind: "meta_capi",
  name: "Meta dataset",
  dataset_id: "1234567890",
  access_token: "EAAB-meta-access-token-0123456789",
  test_event_code: "TEST123",
};
const HOOK = { kind: "webhook", name: "CRM", url: "https://crm.example/hooks/chatref" };

describe("/api/v1/destinations", () => {
  it("401 on every route without a valid key", async () => {
    const site = await createSite();
    const made = await createDestination(site, GA4);
    for (const [method, path, body] of [
      ["GET", "/api/v1/destinations", undefined],
      ["POST", "/api/v1/destinations", GA4],
      ["GET", `/api/v1/destinations/${made.id}`, undefined],
      ["PATCH", `/api/v1/destinations/${made.id}`, { name: "x" }],
    ] as const) {
      for (const key of ["", "wrong-key"]) {
        const res = await apiSend(site, method, path, body, key);
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
      }
    }
  });

  it("creates each kind; credentials are never returned, only their last four characters", async () => {
    const site = await createSite();
    const ga4 = await createDestination(site, GA4);
    expect(ga4).toMatchObject({
      kind: "ga4",
      name: "GA4 web stream",
      events: ["lead.created"],
      disabled: false,
      config: { measurement_id: "G-TEST12345", api_secret_last4: "0123" },
    });
    const meta = await createDestination(site, META);
    expect(meta).toMatchObject({
      kind: "meta_capi",
      events: ["lead.created"],
      config: { dataset_id: "1234567890", test_event_code: "TEST123", access_token_last4: "6789" },
    });
    const hook = await createDestination(site, HOOK);
    expect(hook).toMatchObject({
      kind: "webhook",
      events: ["lead.created", "lead.updated"],
      config: { url: HOOK.url },
    });
    // The signing secret is generated server-side and shown once, in the create response.
    expect(hook.signing_secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(hook.config.signing_secret_last4).toBe(hook.signing_secret?.slice(-4));

    const secrets = [GA4.api_secret, META.access_token, hook.signing_secret ?? "?"];
    const texts = [
      JSON.stringify([ga4, meta]),
      await (await api(site, "/api/v1/destinations")).text(),
      await (await api(site, `/api/v1/destinations/${hook.id}`)).text(),
    ];
    for (const text of texts) for (const s of secrets) expect(text).not.toContain(s);
    const list = (await (await api(site, "/api/v1/destinations")).json()) as {
      data: DestinationOut[];
    };
    expect(list.data.map((d) => d.id)).toEqual([hook.id, meta.id, ga4.id]);
    expect(list.data.some((d) => "signing_secret" in d)).toBe(false);
  });

  it("stores credentials sealed with AES-GCM under CHATREF_SECRET_KEY", async () => {
    const site = await createSite();
    const ga4 = await createDestination(site, GA4);
    const row = await db().select().from(destinations).where(eq(destinations.id, ga4.id)).get();
    expect(row?.secret).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(row?.secret).not.toContain(GA4.api_secret);
    expect(row?.config).not.toContain(GA4.api_secret);
    const key = "test-secret-key-0123456789abcdef";
    expect(await openSecret(row?.secret ?? "", ga4.id, key)).toBe(GA4.api_secret);
    // Bound to its destination: a sealed value copied to another row does not open.
    await expect(openSecret(row?.secret ?? "", "dst_other", key)).rejects.toThrow(/decrypted/);
    await expect(openSecret(row?.secret ?? "", ga4.id, "another-key")).rejects.toThrow();
    await expect(openSecret(row?.secret ?? "", ga4.id, undefined)).rejects.toThrow(
      /CHATREF_SECRET_KEY/,
    );
    // Without a key (local demo) values are stored plain and still readable once a key is set.
    const plain = await sealSecret("local-secret", "dst_x", undefined);
    expect(plain.startsWith("plain.")).toBe(true);
    expect(await openSecret(plain, "dst_x", key)).toBe("local-secret");
  });

  it("400 with the JSON error shape on invalid bodies", async () => {
    const site = await createSite();
    const cases: [unknown, RegExp][] = [
      ["{not json", /./],
      [{ ...GA4, kind: "carrier_pigeon" }, /kind/],
      [{ ...GA4, api_secret: undefined }, /api_secret/],
      [{ ...GA4, measurement_id: "UA-1234-1" }, /measurement_id/],
      [{ ...GA4, value: 10 }, /currency/],
      [{ ...GA4, currency: "usd", value: 1 }, /currency/],
      [{ ...GA4, name: "x".repeat(121) }, /name/],
      [{ ...GA4, endpoint: "ftp://x.example/" }, /endpoint/],
      [{ ...GA4, extra: true }, /extra|Unrecognized/i],
      [{ ...META, dataset_id: "abc" }, /dataset_id/],
      [{ ...META, access_token: "a".repeat(1025) }, /access_token/],
      [{ ...HOOK, url: "not a url" }, /url/],
      [{ ...HOOK, events: ["lead.deleted"] }, /events/],
      [{ ...HOOK, signing_secret: "whsec_mine" }, /signing_secret|Unrecognized/i],
    ];
    for (const [body, message] of cases) {
      const res = await apiSend(site, "POST", "/api/v1/destinations", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(["validation_failed", "invalid_json"]).toContain(json.error.code);
      expect(json.error.message).toMatch(message);
    }
    const big = await apiSend(site, "POST", "/api/v1/destinations", {
      ...HOOK,
      name: "x".repeat(20_000),
    });
    expect(big.status).toBe(413);
  });

  it("updates: rename, change settings, rotate credentials, disable and enable", async () => {
    const site = await createSite();
    const ga4 = await createDestination(site, {
      ...GA4,
      endpoint: "https://region1.google-analytics.com/mp/collect",
    });
    const patch = (id: string, body: unknown) =>
      apiSend(site, "PATCH", `/api/v1/destinations/${id}`, body);

    let res = await patch(ga4.id, {
      name: "Renamed",
      api_secret: "new-ga4-secret-WXYZ",
      endpoint: null,
      value: 5,
      currency: "EUR",
    });
    expect(res.status).toBe(200);
    const updated = (await res.json()) as DestinationOut;
    expect(updated).toMatchObject({
      name: "Renamed",
      config: { measurement_id: GA4.measurement_id, value: 5, currency: "EUR" },
    });
    expect(updated.config.endpoint).toBeUndefined();
    expect(updated.config.api_secret_last4).toBe("WXYZ");
    expect(JSON.stringify(updated)).not.toContain("new-ga4-secret");

    res = await patch(ga4.id, { disabled: true });
    expect(((await res.json()) as DestinationOut).disabled).toBe(true);
    res = await patch(ga4.id, { disabled: false });
    expect(((await res.json()) as DestinationOut).disabled).toBe(false);

    // 400s: nothing to change, another kind's field, a config left invalid, a bad value.
    for (const body of [{}, { url: "https://x.example/" }, { currency: null }, { name: "" }]) {
      res = await patch(ga4.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }

    const hook = await createDestination(site, HOOK);
    res = await patch(hook.id, { rotate_secret: true, events: ["lead.updated"] });
    const rotated = (await res.json()) as DestinationOut;
    expect(rotated.events).toEqual(["lead.updated"]);
    expect(rotated.signing_secret).toMatch(/^whsec_/);
    expect(rotated.signing_secret).not.toBe(hook.signing_secret);
    const again = (await (await api(site, `/api/v1/destinations/${hook.id}`)).json()) as object;
    expect(again).not.toHaveProperty("signing_secret");
    // GA4 and Meta take lead.created only: their events are not a setting.
    res = await patch(ga4.id, { events: ["lead.updated"] });
    expect(res.status).toBe(400);
  });

  it("isolates tenants: another site's destination is a 404 everywhere", async () => {
    const a = await createSite();
    const b = await createSite();
    const mine = await createDestination(a, META);
    expect((await api(b, `/api/v1/destinations/${mine.id}`)).status).toBe(404);
    const res = await apiSend(b, "PATCH", `/api/v1/destinations/${mine.id}`, { disabled: true });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    const list = (await (await api(b, "/api/v1/destinations")).json()) as { data: unknown[] };
    expect(list.data).toEqual([]);
    const still = (await (await api(a, `/api/v1/destinations/${mine.id}`)).json()) as {
      disabled: boolean;
    };
    expect(still.disabled).toBe(false);
    expect((await api(a, "/api/v1/destinations/dst_nope")).status).toBe(404);
  });

  it("pages with a cursor", async () => {
    const site = await createSite();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await createDestination(site, { ...HOOK, name: `h${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const page = (await (await api(site, `/api/v1/destinations?limit=2${q}`)).json()) as {
        data: DestinationOut[];
        next_cursor: string | null;
      };
      seen.push(...page.data.map((d) => d.id));
      cursor = page.next_cursor;
    } while (cursor);
    // Every destination exactly once across pages (ids made in the same millisecond may tie).
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(seen).toHaveLength(5);
    expect((await api(site, "/api/v1/destinations?limit=0")).status).toBe(400);
    expect((await api(site, "/api/v1/destinations?cursor=zzz")).status).toBe(400);
  });
});
