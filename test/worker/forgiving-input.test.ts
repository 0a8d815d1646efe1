/**
 * Input as people type it: phone numbers in any common written form become the stored digits
 * (http/phone-field.ts), allowed origins are stored normalised (ingest/origin.ts), garbage is
 * refused with a sentence, and a validation error names every field's problem at once.
 */
import { describe, expect, it } from "vitest";
import type { SiteJson } from "../../worker/api/site-json";
import { PHONE_MESSAGE, phoneDigitsOf } from "../../worker/http/phone-field";
import { normaliseOrigin, originAllowed } from "../../worker/ingest/origin";
import { admin, adminSite, siteBody } from "./admin-helpers";
import { api, call, clickRequest, createSite, deliver, message } from "./helpers";
import { mapsTo } from "./maps-to";

describe("phone numbers as written", () => {
  it.each([
    ["+1 (555) 000-4444", "15550004444"],
    ["+7 999 123-45-67", "79991234567"],
    ["00 34 612 34 56 78", "34612345678"],
    ["0034612345678", "34612345678"],
    ["+49 151.1234.5678", "4915112345678"],
    ["+55 11 9\u00a08765-4321", "5511987654321"],
    ["15550004444", "15550004444"],
  ])("%s → %s", mapsTo(phoneDigitsOf));

  it.each([["call me"], ["+1 555 abc 4444"], ["1+555"], ["123"], ["+1 555 000 4444 ext 2"], [""]])(
    "%j is not a number",
    (garbage) => {
      expect(phoneDigitsOf(garbage)).toBeNull();
    },
  );

  it("a site's number is stored as digits, on create and update", async () => {
    const res = await admin("POST", "/api/v1/sites", siteBody({ wa_number: "+1 (555) 000-4444" }));
    expect(res.status).toBe(201);
    const site = (await res.json()) as SiteJson;
    expect(site.wa_number).toBe("15550004444");
    const patched = await admin("PATCH", `/api/v1/sites/${site.id}`, {
      wa_number: "00 34 612 34 56 78",
    });
    expect(((await patched.json()) as SiteJson).wa_number).toBe("34612345678");
  });

  it("garbage and national forms are refused with a sentence", async () => {
    for (const wa_number of ["call me", "0612 345 678"]) {
      const res = await admin("POST", "/api/v1/sites", siteBody({ wa_number }));
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toBe(`wa_number: ${PHONE_MESSAGE}`);
    }
  });

  it("a contact is found by its phone written any way", async () => {
    const site = await createSite();
    await deliver(site, message({ from: "15550004444", body: "hi" }));
    const written = encodeURIComponent("+1 (555) 000-4444");
    const res = await api(site, `/api/v1/contacts?wa_id=${written}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(1);
    expect((await api(site, `/api/v1/contacts?wa_id=${encodeURIComponent("x1")}`)).status).toBe(
      400,
    );
  });

  it("a connection's number is stored in the provider's form", async () => {
    const { json } = await adminSite();
    const twilio = await admin("POST", `/api/v1/sites/${json.id}/connections`, {
      channel: "whatsapp",
      provider: "twilio",
      number: "whatsapp:+1 (555) 000-7777",
      auth_token: "secret-auth-token",
    });
    expect(twilio.status, await twilio.clone().text()).toBe(201);
    expect(((await twilio.json()) as { account_id: string }).account_id).toBe(
      "whatsapp:+15550007777",
    );
    const d360 = await admin("POST", `/api/v1/sites/${json.id}/connections`, {
      channel: "whatsapp",
      provider: "360dialog",
      number: "+34 612 34 56 79",
    });
    expect(d360.status, await d360.clone().text()).toBe(201);
    expect(((await d360.json()) as { account_id: string }).account_id).toBe("34612345679");
  });
});

describe("allowed origins as pasted", () => {
  it.each([
    ["https://shop.example/", "https://shop.example"],
    ["HTTPS://Shop.Example:443/cart/?x=1#top", "https://shop.example"],
    ["http://localhost:3000/", "http://localhost:3000"],
    ["http://shop.example:80", "http://shop.example"],
    ["https://*.Example.com/", "https://*.example.com"],
    ["http://localhost:*/", "http://localhost:*"],
    ["https://bücher.example", "https://xn--bcher-kva.example"],
    ["*", "*"],
  ])("%s → %s", mapsTo(normaliseOrigin));

  it.each([["shop.example"], ["ftp://shop.example"], ["https://user@shop.example"], ["https://"]])(
    "%s is not an origin",
    (pasted) => {
      expect(normaliseOrigin(pasted)).toBeNull();
    },
  );

  it("stores them normalised and de-duplicated; beacons from the origin pass", async () => {
    const { json, site } = await adminSite({
      allowed_origins: ["https://Shop.Example/", "https://shop.example/cart", "http://localhost:*"],
    });
    expect(json.allowed_origins).toEqual(["https://shop.example", "http://localhost:*"]);
    const { request } = clickRequest(site, {});
    const res = await call(
      new Request(request, {
        headers: { "content-type": "text/plain", origin: "https://shop.example" },
      }),
    );
    expect(res.status).toBe(201);
  });

  it("a stored default port matches the browser's Origin, which never shows it", () => {
    expect(originAllowed("https://shop.example", ["https://shop.example:443"])).toBe(true);
    expect(originAllowed("https://shop.example:8443", ["https://shop.example:443"])).toBe(false);
  });
});

describe("validation errors", () => {
  it("name every field's problem in one answer", async () => {
    const res = await admin(
      "POST",
      "/api/v1/sites",
      siteBody({ name: "", wa_number: "call me", allowed_origins: ["ftp://x"], timezone: "Mars" }),
    );
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    for (const field of ["name:", "wa_number:", "allowed_origins.0:", "timezone:"])
      expect(error.message).toContain(field);
    expect(error.message).not.toMatch(/Invalid input|more\)/);
  });
});
