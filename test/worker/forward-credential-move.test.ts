/**
 * A credential stays with its endpoint (worker/forward/credential-move.ts): any key of the site
 * can PATCH a destination, so moving one must bring its credential again; and URLs in answers are
 * masked (worker/forward/mask-url.ts).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { destinations } from "../../worker/db/schema";
import { deliverOutbox } from "../../worker/forward/deliver";
import { openSecret, sealSecret } from "../../worker/forward/secrets";
import { siteWithDestination } from "./forward-fixtures";
import {
  apiSend,
  createDestination,
  type DestinationOut,
  newSink,
  sinkUrl,
} from "./forward-helpers";
import { destinationRow, leadFor } from "./forward-safety-helpers";
import { api, createSite, db } from "./helpers";

const patch = (site: Awaited<ReturnType<typeof createSite>>, id: string, body: unknown) =>
  apiSend(site, "PATCH", `/api/v1/destinations/${id}`, body);

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

/** A Meta destination with its owner's token. */
const META = {
  kind: "meta_capi",
  name: "m",
  dataset_id: "1234567890",
  access_token: "owner-meta-token-0001",
};

describe("PATCH that moves a destination", () => {
  it("GA4: a new endpoint without api_secret is a 400 and changes nothing; with it, 200", async () => {
    const [mine, theirs] = [newSink("move-ga4-owner"), newSink("move-ga4-attacker")];
    const { site, destination: ga4 } = await siteWithDestination({
      kind: "ga4",
      name: "g",
      measurement_id: "G-MOVE12345",
      api_secret: "owner-ga4-secret-0001",
      endpoint: `${sinkUrl(mine)}/mp/collect`,
    });
    const before = await destinationRow(ga4.id);
    for (const body of [
      { endpoint: `${sinkUrl(theirs)}/mp/collect` },
      { endpoint: `${sinkUrl(theirs)}/mp/collect`, name: "renamed" },
      // Back to Google's default is a move too.
      { endpoint: null },
    ]) {
      const res = await patch(site, ga4.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await errorOf(res)).toEqual({
        code: "validation_failed",
        message:
          "endpoint: changing where this destination sends needs api_secret again in the same request (the stored one stays with its endpoint)",
      });
      expect(await destinationRow(ga4.id)).toEqual(before);
    }
    // Not a move: the same endpoint (spelled differently) with another setting.
    const same = await patch(site, ga4.id, {
      endpoint: `${sinkUrl(mine)}/mp/collect`,
      value: 1,
      currency: "EUR",
    });
    expect(same.status).toBe(200);

    const moved = await patch(site, ga4.id, {
      endpoint: `${sinkUrl(theirs)}/mp/collect`,
      api_secret: "their-own-secret-0002",
    });
    expect(moved.status).toBe(200);
    const row = await destinationRow(ga4.id);
    expect(await openSecret(row?.secret ?? "", ga4.id, env.CHATREF_SECRET_KEY)).toBe(
      "their-own-secret-0002",
    );
  });

  it("Meta: a new endpoint needs access_token", async () => {
    const { site, destination: meta } = await siteWithDestination(META);
    const to = sinkUrl(newSink("move-meta"));
    const res = await patch(site, meta.id, { endpoint: to });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/^endpoint: .*needs access_token again/);
    expect(
      (await patch(site, meta.id, { endpoint: to, access_token: "new-meta-token-0002" })).status,
    ).toBe(200);
  });

  it("GA4 / Meta: another stream or dataset needs the credential again", async () => {
    const { site, destination: ga4 } = await siteWithDestination({
      kind: "ga4",
      name: "g",
      measurement_id: "G-OWNER1234",
      api_secret: "owner-ga4-secret-0001",
    });
    const meta = await createDestination(site, META);
    const cases = [
      [ga4.id, "measurement_id", "G-THEIRS123", "api_secret"],
      [meta.id, "dataset_id", "9876543210", "access_token"],
    ] as const;
    for (const [id, field, value, secretField] of cases) {
      const before = await destinationRow(id);
      const res = await patch(site, id, { [field]: value });
      expect(res.status, field).toBe(400);
      expect((await errorOf(res)).message).toBe(
        `${field}: changing where this destination sends needs ${secretField} again in the same request (the stored one stays with its endpoint)`,
      );
      expect(await destinationRow(id)).toEqual(before);
      const moved = await patch(site, id, { [field]: value, [secretField]: "their-own-0002" });
      expect(moved.status, field).toBe(200);
      expect((await destinationRow(id))?.config[field]).toBe(value);
    }
  });

  it("webhook: a new url needs rotate_secret; the old secret stops signing at once", async () => {
    const site = await createSite();
    const owner = newSink("move-hook-owner");
    const hook = await createDestination(site, { kind: "webhook", name: "h", url: sinkUrl(owner) });
    const before = await destinationRow(hook.id);
    const attacker = sinkUrl(newSink("move-hook-attacker"));
    const res = await patch(site, hook.id, { url: attacker });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/^url: .*"rotate_secret": true/);
    expect(await destinationRow(hook.id)).toEqual(before);

    const ok = await patch(site, hook.id, { url: attacker, rotate_secret: true });
    expect(ok.status).toBe(200);
    const json = (await ok.json()) as DestinationOut & { previous_secret_valid_until: unknown };
    expect(json.signing_secret).toMatch(/^whsec_/);
    expect(json.signing_secret).not.toBe(hook.signing_secret);
    expect(json.previous_secret_valid_until).toBeNull();
    expect(await destinationRow(hook.id)).toMatchObject({
      previousSecret: null,
      previousSecretUntil: null,
    });
    // The next delivery is signed with the new secret only.
    const { outboxId } = await leadFor(site, hook.id);
    expect(await deliverOutbox(env, outboxId)).toEqual({ outcome: "sent" });
  });
});

describe("URLs in answers", () => {
  it("mask userinfo, query values and fragment of stored URLs", async () => {
    const site = await createSite();
    const id = `dst_masked_${Date.now()}`;
    const now = Date.now();
    await db()
      .insert(destinations)
      .values({
        id,
        siteId: site.id,
        kind: "webhook",
        name: "old row",
        events: "lead.created",
        config: {
          url: "https://alice:pa55word@crm.example.com/in?token=s3cr3t-t0ken&v=2&flag#frag-secret",
        },
        secret: await sealSecret("whsec_old", id, env.CHATREF_SECRET_KEY),
        secretHint: "",
        createdAt: now,
        updatedAt: now,
      })
      .run();
    const one = await api(site, `/api/v1/destinations/${id}`);
    const text = await one.text();
    expect((JSON.parse(text) as DestinationOut).config.url).toBe(
      "https://***@crm.example.com/in?token=***&v=***&flag=#***",
    );
    const list = await (await api(site, "/api/v1/destinations")).text();
    for (const body of [text, list])
      for (const secret of ["alice", "pa55word", "s3cr3t-t0ken", "frag-secret"])
        expect(body).not.toContain(secret);
  });

  it("a GA4 endpoint's query is masked too; a plain URL is shown as is", async () => {
    const site = await createSite();
    const plain = "https://crm.example.com/hooks/chatref";
    const hook = await createDestination(site, { kind: "webhook", name: "h", url: plain });
    expect(hook.config.url).toBe(plain);
    const ga4 = await createDestination(site, {
      kind: "ga4",
      name: "g",
      measurement_id: "G-MASK12345",
      api_secret: "mask-ga4-secret-0001",
      endpoint: "https://region1.google-analytics.com/mp/collect?x=keep-out",
    });
    expect(ga4.config.endpoint).toBe("https://region1.google-analytics.com/mp/collect?x=***");
  });
});
