/**
 * Microsoft Advertising faults (worker/forward/microsoft-ads.ts, oauth-token.ts, deliver.ts): an
 * endpoint that refuses connections, answers 5xx and hangs, then recovers — the conversion is
 * accepted once, every attempt the same body (same ConversionTime, so Microsoft's de-duplication
 * would count a resend once); `PartialErrors` / `OperationErrors` inside an HTTP 200 recorded as
 * failures with Microsoft's message, never as sent; the retryable error names retried; the token
 * endpoint's refusals final and its outages retried; a 401 answered with a new token.
 * The error codes and messages below are made up in the documented `BatchError` /
 * `OperationError` shape (Code, ErrorCode, Message).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { deliveryOf, expectNoSecretLogged, openQueueFaults, setOk } from "./destination-test-kit";
import { captureConsole } from "./forward-faults-helpers";
import { makeDue, received, runQueue, setPlan } from "./forward-helpers";
import type { TestSite } from "./helpers";
import {
  MS_ACCESS_TOKEN,
  MS_CREDENTIALS,
  MS_OK,
  microsoftLead,
  msTokenAnswer,
  siteWithMicrosoftAds,
} from "./microsoft-ads-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const row = (site: TestSite) => deliveryOf(site, "microsoft_ads");

/** A lead with this msclkid, forwarded once: its outbox ids and its delivery row. */
async function forwardOnce(site: TestSite, msclkid: string) {
  const { ids } = await microsoftLead(site, { msclkid });
  await runQueue(ids);
  return { ids, delivery: await row(site) };
}

/** The rows `ids` due again and run: the delivery row after. */
async function retried(site: TestSite, ids: string[]) {
  await makeDue(ids);
  await runQueue(ids);
  return row(site);
}
const SECRETS = [...Object.values(MS_CREDENTIALS), MS_ACCESS_TOKEN].filter(
  (s) => s !== MS_CREDENTIALS.client_id,
);

const itemError = (code: number, name: string, message: string) =>
  JSON.stringify({
    PartialErrors: [
      { Code: code, ErrorCode: name, Message: message, Index: 0, Type: "BatchError" },
    ],
  });

describe("microsoft_ads: failures and recovery", () => {
  it("refused, 503, no answer, then accepted once; every attempt the same body", async () => {
    const { sinks, logs, recover, expectAcceptedOnce } = await openQueueFaults(
      "microsoft_ads",
      (base) => siteWithMicrosoftAds({}, base),
      (site) => microsoftLead(site, { msclkid: "msclkid-fault-1" }),
    );
    await recover(sinks.api, {
      body: "Service Unavailable",
      lastError: "HTTP 503: Service Unavailable",
    });
    // Accepted once: no request after the success.
    await expectAcceptedOnce(sinks.api);
    expectNoSecretLogged(logs, SECRETS);
  });

  it("HTTP 200 with PartialErrors is a failure: dead with Microsoft's message, not sent", async () => {
    const { site, sinks } = await siteWithMicrosoftAds();
    await setOk(sinks.api, 200, itemError(1234, "InvalidClickId", "The click id is not valid."));
    const { ids } = await microsoftLead(site, { msclkid: "msclkid-partial" });
    const run = await runQueue(ids);
    expect(run.retried).toEqual([]);
    expect(await row(site)).toMatchObject({
      status: "dead",
      attempts: 1,
      response_status: 200,
      sent_at: null,
      last_error:
        "HTTP 200: Microsoft Advertising InvalidClickId (1234): The click id is not valid.",
    });
    expect(await received(sinks.api)).toHaveLength(1);
  });

  it("HTTP 200 with OperationErrors is a failure too; a 200 that is not JSON is retried", async () => {
    const { site, sinks } = await siteWithMicrosoftAds();
    await setOk(
      sinks.api,
      200,
      JSON.stringify({
        OperationErrors: [{ Code: 4321, ErrorCode: "GoalNotFound", Message: "No such goal." }],
      }),
    );
    const first = await microsoftLead(site, { msclkid: "msclkid-operation" });
    await runQueue(first.ids);
    expect(await row(site)).toMatchObject({
      status: "dead",
      last_error: "HTTP 200: Microsoft Advertising GoalNotFound (4321): No such goal.",
    });

    const other = await siteWithMicrosoftAds();
    await setOk(other.sinks.api, 200, "<html>ok</html>");
    const second = await microsoftLead(other.site, { msclkid: "msclkid-html" });
    await runQueue(second.ids);
    expect(await row(other.site)).toMatchObject({
      status: "retrying",
      sent_at: null,
      last_error: "HTTP 200: Microsoft Advertising answered without a JSON object",
    });
  });

  it("CallRateExceeded is retried, then the conversion is accepted once", async () => {
    const { site, sinks } = await siteWithMicrosoftAds();
    await setPlan(sinks.api, [
      { mode: "status", status: 200, body: itemError(117, "CallRateExceeded", "Slow down.") },
      { mode: "status", status: 200, body: MS_OK },
    ]);
    const { ids, delivery } = await forwardOnce(site, "msclkid-rate");
    expect(delivery).toMatchObject({
      status: "retrying",
      last_error: "HTTP 200: Microsoft Advertising CallRateExceeded (117): Slow down.",
    });
    expect(await retried(site, ids)).toMatchObject({
      status: "sent",
      attempts: 2,
      last_error: null,
    });
    const bodies = (await received(sinks.api)).map((r) => r.body);
    expect(bodies).toHaveLength(2);
    expect(new Set(bodies).size).toBe(1);
  });

  it("HTTP 400 with OperationErrors is final, Microsoft's answer kept", async () => {
    const { site, sinks } = await siteWithMicrosoftAds();
    const answer = '{"OperationErrors":[{"Code":105,"ErrorCode":"InvalidCredentials"}]}';
    await setOk(sinks.api, 400, answer);
    const { delivery } = await forwardOnce(site, "msclkid-400");
    expect(delivery).toMatchObject({
      status: "dead",
      response_status: 400,
      last_error: `HTTP 400: ${answer}`,
    });
  });
});

describe("microsoft_ads: the token endpoint", () => {
  it("invalid_grant is final with the reason; no conversion sent; no secret in logs", async () => {
    const logs = captureConsole();
    const { site, sinks } = await siteWithMicrosoftAds();
    const refusal = '{"error":"invalid_grant","error_description":"AADSTS70000: expired."}';
    await setOk(sinks.token, 400, refusal);
    const { delivery: r } = await forwardOnce(site, "msclkid-grant");
    expect(r).toMatchObject({
      status: "dead",
      response_status: 400,
      last_error: `OAuth token refused: HTTP 400: ${refusal}`,
    });
    expect(await received(sinks.api)).toEqual([]);
    for (const line of [...logs, r.last_error ?? ""])
      for (const s of SECRETS) expect(line).not.toContain(s);
  });

  it("a 503 from the token endpoint is retried, then the conversion is sent", async () => {
    const { site, sinks } = await siteWithMicrosoftAds();
    await setPlan(sinks.token, [{ mode: "status", status: 503, body: "try later" }]);
    const { ids, delivery } = await forwardOnce(site, "msclkid-token-503");
    expect(delivery).toMatchObject({
      status: "retrying",
      last_error: "OAuth token refused: HTTP 503: try later",
    });
    expect(await retried(site, ids)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await received(sinks.api)).toHaveLength(1);
  });

  it("a 401 from the API drops the cached token: the retry gets a new one", async () => {
    const { site, sinks } = await siteWithMicrosoftAds();
    await setPlan(sinks.api, [{ mode: "status", status: 401, body: "token expired" }]);
    await setPlan(sinks.token, [
      { mode: "status", status: 200, body: msTokenAnswer("EwB-first-token") },
    ]);
    const { ids, delivery } = await forwardOnce(site, "msclkid-401");
    expect(delivery).toMatchObject({ status: "retrying", response_status: 401 });
    expect(await retried(site, ids)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await received(sinks.token)).toHaveLength(2);
    const auth = (await received(sinks.api)).map((r) => r.headers.authorization);
    expect(auth).toEqual(["Bearer EwB-first-token", `Bearer ${MS_ACCESS_TOKEN}`]);
  });
});
