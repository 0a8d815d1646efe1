/**
 * URL cleaning (widget/protocol/clean-url.ts): the one function the widget runs before sending
 * and the Worker runs again before storing. Unit cases here (plain TS, so the widget's half is
 * covered too), then forged beacons and scans through the Worker: nothing credential-like is
 * stored.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { cleanUrl, isSecretParam } from "../../widget/protocol/clean-url";
import { boundTouch } from "../../widget/touch";
import { clicks } from "../../worker/db/schema";
import { call, clickRequest, createSite, db, postLink } from "./helpers";

describe("cleanUrl", () => {
  it("drops the fragment, userinfo and credential-like parameters, keeping the rest exactly", () => {
    expect(
      cleanUrl(
        "https://u:p@shop.test/a%20b?utm_source=google&token=abc&q=caf%C3%A9+x&Access_Token=1&x=1#access_token=zzz",
      ),
    ).toBe("https://shop.test/a%20b?utm_source=google&q=caf%C3%A9+x&x=1");
    expect(cleanUrl("https://shop.test/?email=a%40b.test")).toBe("https://shop.test/");
    expect(cleanUrl("https://shop.test/#")).toBe("https://shop.test/");
    expect(cleanUrl("https://shop.test/p?gclid=Cj0&fbclid=IwAR")).toBe(
      "https://shop.test/p?gclid=Cj0&fbclid=IwAR",
    );
  });

  it("matches names case-insensitively, encoded, with - or _, and *_token / *_key suffixes", () => {
    for (const name of [
      "token",
      "TOKEN",
      "password",
      "Passwd",
      "pwd",
      "secret",
      "email",
      "e-mail",
      "E_Mail",
      "auth",
      "Authorization",
      "key",
      "api_key",
      "API-KEY",
      "apikey",
      "session",
      "sessionid",
      "jsessionid",
      "code",
      "shopify_token",
      "x-refresh-token",
      "stripe_secret",
      "maps_key",
    ])
      expect(isSecretParam(name), name).toBe(true);
    for (const name of ["utm_source", "gclid", "fbclid", "q", "page", "keyword", "tokens", "id"])
      expect(isSecretParam(name), name).toBe(false);
    expect(cleanUrl("https://s.test/?%70assword=1&a=2")).toBe("https://s.test/?a=2");
    expect(cleanUrl("https://s.test/?api%5Fkey=1")).toBe("https://s.test/");
  });

  it("keeps only the part before ? or # of text that is not a URL", () => {
    expect(cleanUrl("/checkout?token=1#x")).toBe("/checkout");
    expect(cleanUrl("not a url")).toBe("not a url");
  });

  it("runs in the widget's touch bounding (landing URL and referrer)", () => {
    const t = boundTouch({
      landing_url: "https://shop.test/?utm_source=a&password=hunter2#frag",
      referrer: "https://idp.test/cb?code=xyz&state=1",
      utm_campaign: "spring\u0000\nsale",
    });
    expect(t).toEqual({
      landing_url: "https://shop.test/?utm_source=a",
      referrer: "https://idp.test/cb?state=1",
      utm_campaign: "springsale",
    });
  });
});

describe("POST /v1/clicks stores cleaned URLs", () => {
  it("strips secrets from page, landing, referrer and the first touch's URLs", async () => {
    const site = await createSite();
    const dirty = (path: string) =>
      `${site.origin}${path}?utm_source=google&access_token=AT&Email=a%40b.test&sessionid=S#id_token=IT`;
    const { ref, request } = clickRequest(
      site,
      {
        utm_source: "google",
        landing_url: dirty("/landing"),
        referrer: "https://user:pw@ref.test/?auth=x&q=shoes",
      },
      undefined,
      {
        page_url: dirty("/page"),
        first_touch: { utm_source: "bing", landing_url: dirty("/first") },
      },
    );
    expect((await call(request)).status).toBe(201);
    const row = await db().select().from(clicks).where(eq(clicks.ref, ref)).get();
    expect(row?.pageUrl).toBe(`${site.origin}/page?utm_source=google`);
    expect(row?.landingUrl).toBe(`${site.origin}/landing?utm_source=google`);
    expect(row?.referrer).toBe("https://ref.test/?q=shoes");
    expect(JSON.parse(row?.firstTouch ?? "{}")).toEqual({
      utm_source: "bing",
      landing_url: `${site.origin}/first?utm_source=google`,
    });
    const stored = JSON.stringify(row);
    for (const secret of ["AT", "a%40b", "IT", "user:pw", "auth=x", "sessionid"])
      expect(stored).not.toContain(secret);
  });

  it("a scan's Referer is cleaned too", async () => {
    const site = await createSite();
    const created = await postLink(site, { name: "Poster" });
    const { code, id } = (await created.json()) as { code: string; id: string };
    const res = await call(
      new Request(`https://chatref.test/r/${code}`, {
        headers: {
          "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148",
          referer: "https://mail.test/read?token=T0K&msg=1#x",
        },
        redirect: "manual",
      }),
    );
    expect(res.status).toBe(302);
    const row = await db().select().from(clicks).where(eq(clicks.linkId, id)).get();
    expect(row?.referrer).toBe("https://mail.test/read?msg=1");
  });
});
