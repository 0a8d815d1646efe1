/**
 * Secrets fail closed (worker/forward/secrets.ts sealCredential): no credential is stored without
 * a CHATREF_SECRET_KEY of at least 32 bytes, unless CHATREF_LOCAL_DEV=1; `plain.` values left
 * from before are sealed by the next delivery once a key exists (worker/forward/reseal.ts).
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { destinations } from "../../worker/db/schema";
import { deliverOutbox } from "../../worker/forward/deliver";
import { openSecret } from "../../worker/forward/secrets";
import { newSink, received, sinkUrl } from "./forward-helpers";
import { apiRequest, callWith, destinationRow, envWith, leadFor } from "./forward-safety-helpers";
import { createSite, db } from "./helpers";

const GA4 = {
  kind: "ga4",
  name: "g",
  measurement_id: "G-KEYTEST12",
  api_secret: "keytest-ga4-secret-0001",
};
const NO_KEY = envWith({ CHATREF_SECRET_KEY: undefined, CHATREF_LOCAL_DEV: undefined });
const SHORT_KEY = envWith({
  CHATREF_SECRET_KEY: "x".repeat(31),
  CHATREF_LOCAL_DEV: undefined,
});
const LOCAL_NO_KEY = envWith({ CHATREF_SECRET_KEY: undefined });

async function expect503(res: Response) {
  expect(res.status).toBe(503);
  const { error } = (await res.json()) as { error: { code: string; message: string } };
  expect(error.code).toBe("secret_key_missing");
  expect(error.message).toMatch(/CHATREF_SECRET_KEY \(at least 32 bytes/);
}

describe("no usable CHATREF_SECRET_KEY", () => {
  it("creating a destination with a credential: 503 secret_key_missing, nothing stored", async () => {
    const site = await createSite();
    const hook = { kind: "webhook", name: "h", url: "https://crm.example.com/in" };
    for (const workerEnv of [NO_KEY, SHORT_KEY])
      for (const body of [GA4, hook])
        await expect503(
          await callWith(apiRequest(site, "POST", "/api/v1/destinations", body), workerEnv),
        );
    const stored = await db().select().from(destinations).where(eq(destinations.siteId, site.id));
    expect(stored).toEqual([]);
  });

  it("changing a credential: 503 and the row unchanged; other changes still work", async () => {
    const site = await createSite();
    const made = await callWith(apiRequest(site, "POST", "/api/v1/destinations", GA4), env);
    const { id } = (await made.json()) as { id: string };
    const hook = await callWith(
      apiRequest(site, "POST", "/api/v1/destinations", {
        kind: "webhook",
        name: "h",
        url: "https://crm.example.com/in",
      }),
      env,
    );
    const hookId = ((await hook.json()) as { id: string }).id;
    const [ga4Before, hookBefore] = [await destinationRow(id), await destinationRow(hookId)];
    const path = `/api/v1/destinations/${id}`;
    await expect503(
      await callWith(apiRequest(site, "PATCH", path, { api_secret: "another-secret-02" }), NO_KEY),
    );
    await expect503(
      await callWith(
        apiRequest(site, "PATCH", `/api/v1/destinations/${hookId}`, { rotate_secret: true }),
        NO_KEY,
      ),
    );
    expect(await destinationRow(id)).toEqual(ga4Before);
    expect(await destinationRow(hookId)).toEqual(hookBefore);
    const renamed = await callWith(apiRequest(site, "PATCH", path, { name: "renamed" }), NO_KEY);
    expect(renamed.status).toBe(200);
  });

  it("local development without a key keeps the credential unencrypted", async () => {
    const site = await createSite();
    const res = await callWith(apiRequest(site, "POST", "/api/v1/destinations", GA4), LOCAL_NO_KEY);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await destinationRow(id))?.secret).toMatch(/^plain\./);
  });
});

describe("re-sealing old plain values", () => {
  it("the next delivery with a key seals secret and previous secret; deliveries still verify", async () => {
    const site = await createSite();
    const sink = newSink("reseal");
    const created = await callWith(
      apiRequest(site, "POST", "/api/v1/destinations", {
        kind: "webhook",
        name: "h",
        url: sinkUrl(sink),
      }),
      LOCAL_NO_KEY,
    );
    const { id, signing_secret: first } = (await created.json()) as {
      id: string;
      signing_secret: string;
    };
    const rotated = await callWith(
      apiRequest(site, "PATCH", `/api/v1/destinations/${id}`, { rotate_secret: true }),
      LOCAL_NO_KEY,
    );
    const { signing_secret: second } = (await rotated.json()) as { signing_secret: string };
    const plain = await destinationRow(id);
    expect(plain?.secret).toMatch(/^plain\./);
    expect(plain?.previousSecret).toMatch(/^plain\./);

    const { outboxId } = await leadFor(site, id);
    expect(await deliverOutbox(env, outboxId)).toEqual({ outcome: "sent" });
    const sealed = await destinationRow(id);
    expect(sealed?.secret).toMatch(/^v1\./);
    expect(sealed?.previousSecret).toMatch(/^v1\./);
    expect(await openSecret(sealed?.secret ?? "", id, env.CHATREF_SECRET_KEY)).toBe(second);
    expect(await openSecret(sealed?.previousSecret ?? "", id, env.CHATREF_SECRET_KEY)).toBe(first);
    // The request was signed with both secrets, as before.
    const [request] = await received(sink);
    for (const secret of [first, second])
      expect(() =>
        new Webhook(secret).verify(request?.body ?? "", {
          "webhook-id": request?.headers["webhook-id"] ?? "",
          "webhook-timestamp": request?.headers["webhook-timestamp"] ?? "",
          "webhook-signature": request?.headers["webhook-signature"] ?? "",
        }),
      ).not.toThrow();
  });
});
