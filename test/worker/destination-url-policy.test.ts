/**
 * Destination URL policy (worker/forward/url-policy.ts): what a destination may point at, on the
 * API (create, update) and again right before every request. Raw numeric forms are given as typed:
 * the policy must see through the URL parser's normalisation.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { destinations } from "../../worker/db/schema";
import { deliverOutbox } from "../../worker/forward/deliver";
import { urlProblem } from "../../worker/forward/url-policy";
import { createWebhook, received, siteWithHook } from "./forward-helpers";
import {
  apiRequest,
  callWith,
  destinationRow,
  leadFor,
  outboxRow,
  PRODUCTION,
} from "./forward-safety-helpers";
import { createSite, db } from "./helpers";

/** [url, what the refusal must say] for a webhook in production. */
const REFUSED: [string, RegExp][] = [
  ["http://crm.example.com/hook", /only https/],
  ["ftp://crm.example.com/hook", /only https/],
  ["https://user:pass@crm.example.com/hook", /credentials in the URL/],
  ["https://user@crm.example.com/hook", /credentials in the URL/],
  // Loopback in every form the WHATWG parser accepts.
  ["https://127.0.0.1/", /127\.0\.0\.1 is a loopback/],
  ["https://0177.0.0.1/", /127\.0\.0\.1 is a loopback/],
  ["https://0x7f.1/", /127\.0\.0\.1 is a loopback/],
  ["https://0x7f000001/", /127\.0\.0\.1 is a loopback/],
  ["https://2130706433/", /127\.0\.0\.1 is a loopback/],
  ["https://017700000001/", /127\.0\.0\.1 is a loopback/],
  ["https://127.1/", /127\.0\.0\.1 is a loopback/],
  ["https://127.0.0.1./", /loopback/],
  ["https://127.255.255.254:8443/", /loopback/],
  // Private, CGNAT, link-local (cloud metadata in decimal, hex and octal too).
  ["https://10.1.2.3/", /private address \(RFC 1918\)/],
  ["https://172.16.0.1/", /private/],
  ["https://172.31.255.255/", /private/],
  ["https://192.168.1.1/", /private/],
  ["https://0xc0.0xa8.1.1/", /192\.168\.1\.1 is a private/],
  ["https://100.64.0.1/", /carrier-grade NAT/],
  ["https://100.127.255.255/", /carrier-grade NAT/],
  ["https://169.254.169.254/latest/meta-data/", /link-local/],
  ["https://2852039166/", /169\.254\.169\.254 is a link-local/],
  ["https://0xa9fea9fe/", /169\.254\.169\.254 is a link-local/],
  ["https://025177524776/", /169\.254\.169\.254 is a link-local/],
  ["https://0251.0376.0251.0376/", /169\.254\.169\.254 is a link-local/],
  // Unspecified, multicast, broadcast, reserved.
  ["https://0.0.0.0/", /unspecified/],
  ["https://0/", /unspecified/],
  ["https://224.0.0.1/", /multicast/],
  ["https://239.255.255.250/", /multicast/],
  ["https://255.255.255.255/", /broadcast/],
  ["https://0xffffffff/", /broadcast/],
  ["https://240.0.0.1/", /reserved/],
  // IPv6: loopback, unspecified, link-local, unique-local, multicast, IPv4-mapped/compatible.
  ["https://[::1]/", /loopback/],
  ["https://[0:0:0:0:0:0:0:1]/", /loopback/],
  ["https://[::]/", /unspecified/],
  ["https://[fe80::1]/", /link-local/],
  ["https://[febf:ffff::1]/", /link-local/],
  ["https://[fc00::1]/", /unique-local/],
  ["https://[fd00::1]/", /unique-local/],
  ["https://[ff02::1]/", /multicast/],
  ["https://[::ffff:127.0.0.1]/", /IPv4-mapped/],
  ["https://[::ffff:7f00:1]/", /IPv4-mapped/],
  ["https://[::ffff:a9fe:a9fe]/", /IPv4-mapped/],
  ["https://[0:0:0:0:0:ffff:10.0.0.1]/", /IPv4-mapped/],
  ["https://[::127.0.0.1]/", /IPv4-compatible/],
  ["https://[::7f00:1]/", /IPv4-compatible/],
  ["https://[::a9fe:a9fe]/", /IPv4-compatible/],
  ["https://[64:ff9b::a9fe:a9fe]/", /NAT64/],
  // Local names, with and without a trailing dot, any case.
  ["https://localhost/", /local name/],
  ["https://LOCALHOST./", /local name/],
  ["https://api.localhost/", /local name/],
  ["https://printer.local/", /local name/],
  ["https://printer.local./", /local name/],
  ["https://metadata.google.internal/computeMetadata/v1/", /local name/],
  ["https://metadata.google.internal./", /local name/],
  ["https://intranet/", /not a public domain name/],
];

const ALLOWED = [
  "https://crm.example.com/hooks/chatref?token=abc",
  "https://hooks.example.com:8443/in",
  "https://93.184.216.34/hook",
  "https://8.8.8.8/",
  "https://172.32.0.1/",
  "https://100.128.0.1/",
  "https://169.255.0.1/",
  "https://[2606:4700:4700::1111]/hook",
  "https://[2001:4860:4860::8888]/",
];

/** Where a GA4 credential may go (Google's collection hosts over https) and where not. */
const GA4_HOSTS = {
  ok: [
    "https://www.google-analytics.com/mp/collect",
    "https://region1.google-analytics.com/mp/collect",
    "https://www.google-analytics.com./debug/mp/collect",
  ],
  bad: [
    "https://evil.example/mp/collect",
    "https://www.google-analytics.com.evil.example/mp/collect",
    "https://google-analytics.com/mp/collect",
    "https://graph.facebook.com/v24.0",
    "http://www.google-analytics.com/mp/collect",
  ],
};

describe("urlProblem", () => {
  it.each(REFUSED)("refuses %s", (url, why) => {
    const problem = urlProblem(url, "webhook", false);
    expect(problem).toMatch(why);
    // The local-dev switch opens loopback only (127/8, [::1], localhost), never the other ranges.
    const loopback = /is a loopback/.test(problem ?? "") || /^https:\/\/localhost\.?\//i.test(url);
    if (loopback) expect(urlProblem(url, "webhook", true)).toBeNull();
    else expect(urlProblem(url, "webhook", true)).toMatch(why);
  });

  it.each(ALLOWED)("allows %s", (url) => {
    expect(urlProblem(url, "webhook", false)).toBeNull();
  });

  it("GA4 and Meta credentials go only to their vendors' collection hosts", () => {
    for (const ok of GA4_HOSTS.ok) expect(urlProblem(ok, "ga4", false), ok).toBeNull();
    for (const bad of GA4_HOSTS.bad) expect(urlProblem(bad, "ga4", false), bad).not.toBeNull();
    expect(urlProblem("https://graph.facebook.com/v24.0", "meta_capi", false)).toBeNull();
    for (const bad of [
      "https://graph.facebook.com.evil.example/v24.0",
      "https://evil.example/v24.0",
      "https://www.google-analytics.com/mp/collect",
    ])
      expect(urlProblem(bad, "meta_capi", false), bad).toMatch(/not allowed for meta_capi/);
  });

  it("loopback over http only with CHATREF_LOCAL_DEV, for every kind", () => {
    for (const url of [
      "http://127.0.0.1:8790/webhook",
      "http://localhost:8790/webhook",
      "http://[::1]:8790/webhook",
      "http://127.1:8790/mp/collect",
    ]) {
      for (const kind of ["webhook", "ga4", "meta_capi"] as const) {
        expect(urlProblem(url, kind, true), `${kind} ${url}`).toBeNull();
        expect(urlProblem(url, kind, false), `${kind} ${url}`).not.toBeNull();
      }
    }
    expect(urlProblem("http://10.0.0.1/", "webhook", true)).toMatch(/only https/);
    expect(urlProblem("file:///etc/passwd", "webhook", true)).not.toBeNull();
  });
});

describe("the destinations API applies the policy", () => {
  it("400 validation_failed naming the field; nothing is stored", async () => {
    const site = await createSite();
    const cases = [
      [{ kind: "webhook", name: "h", url: "https://169.254.169.254/latest" }, /^url: .*link-local/],
      [{ kind: "webhook", name: "h", url: "https://u:p@crm.example.com/" }, /^url: credentials/],
      [{ kind: "webhook", name: "h", url: "https://[fd00::1]/" }, /^url: .*unique-local/],
      [
        {
          kind: "ga4",
          name: "g",
          measurement_id: "G-POLICY123",
          api_secret: "policy-ga4-secret",
          endpoint: "https://collector.evil.example/mp/collect",
        },
        /^endpoint: host collector\.evil\.example is not allowed for ga4/,
      ],
      [
        {
          kind: "meta_capi",
          name: "m",
          dataset_id: "123",
          access_token: "policy-meta-token",
          endpoint: "https://10.0.0.7/v24.0",
        },
        /^endpoint: .*private/,
      ],
    ] as const;
    for (const [body, message] of cases) {
      const res = await callWith(apiRequest(site, "POST", "/api/v1/destinations", body), env);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe("validation_failed");
      expect(json.error.message).toMatch(message);
    }
    const stored = await db().select().from(destinations).where(eq(destinations.siteId, site.id));
    expect(stored).toEqual([]);
  });

  it("loopback destinations: 201 with CHATREF_LOCAL_DEV, 400 in production", async () => {
    const site = await createSite();
    const body = { kind: "webhook", name: "local", url: "http://127.0.0.1:8790/webhook" };
    const prod = await callWith(apiRequest(site, "POST", "/api/v1/destinations", body), PRODUCTION);
    expect(prod.status).toBe(400);
    expect(await prod.json()).toMatchObject({
      error: { code: "validation_failed", message: expect.stringMatching(/^url: only https/) },
    });
    const local = await callWith(apiRequest(site, "POST", "/api/v1/destinations", body), env);
    expect(local.status).toBe(201);
  });

  it("PATCH to a refused URL: 400 and the row is unchanged", async () => {
    const site = await createSite();
    const hook = await createWebhook(site, "h", "https://crm.example.com/hook");
    const before = await destinationRow(hook.id);
    const res = await callWith(
      apiRequest(site, "PATCH", `/api/v1/destinations/${hook.id}`, {
        url: "https://0x0a.0.0.1/hook",
        rotate_secret: true,
      }),
      env,
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /^url: host 10\.0\.0\.1 is a private address/,
    );
    expect(await destinationRow(hook.id)).toEqual(before);
  });
});

describe("right before every request", () => {
  it("a stored loopback destination is not fetched in production: dead, clear error, no request", async () => {
    const { site, sink, hook } = await siteWithHook("policy-send");
    const { outboxId } = await leadFor(site, hook.id);
    expect(await deliverOutbox(PRODUCTION, outboxId)).toEqual({ outcome: "dead" });
    const row = await outboxRow(outboxId);
    expect(row).toMatchObject({ status: "dead", attempts: 1, responseStatus: null });
    expect(row?.lastError).toMatch(/^destination URL refused: only https/);
    expect(await received(sink)).toEqual([]);
  });

  it("a row written around the API (private address) is refused even for local development", async () => {
    const { site, hook } = await siteWithHook("policy-stored");
    const { outboxId } = await leadFor(site, hook.id);
    await db()
      .update(destinations)
      .set({ config: { url: "https://169.254.169.254/latest/meta-data/" } })
      .where(eq(destinations.id, hook.id))
      .run();
    expect(await deliverOutbox(env, outboxId)).toEqual({ outcome: "dead" });
    expect((await outboxRow(outboxId))?.lastError).toBe(
      "destination URL refused: host 169.254.169.254 is a link-local address (169.254.0.0/16, cloud metadata)",
    );
  });
});
