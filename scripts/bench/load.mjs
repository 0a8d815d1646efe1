/**
 * A small closed-loop HTTP load generator: a fixed number of requests in flight over keep-alive
 * loopback sockets, a warm-up phase that is not recorded, then a fixed measurement window.
 * Throughput counts responses completed inside the window; latency is send → full body read.
 * Redirects are never followed: a 302 is the response.
 */
import http from "node:http";

/**
 * @typedef {object} BenchRequest
 * @property {string} path Request path, e.g. "/v1/clicks".
 * @property {Record<string, string>} headers Request headers (content-length is added).
 * @property {string} body Request body ("" for GET).
 * @property {"GET" | "POST"} [method] POST unless given.
 * @property {number} [expect] The one status that counts as success; any 2xx unless given.
 */

/**
 * @typedef {object} LoadResult
 * @property {number} rps Successful responses per second inside the window.
 * @property {number} p50 Median latency (ms) of successful responses inside the window.
 * @property {number} p99 99th percentile latency (ms).
 * @property {number} ok Successful responses inside the window.
 * @property {number} errors Unsuccessful responses (see `expect`) or socket errors, whole run.
 * @property {number} total Responses over the whole run (warm-up included).
 * @property {number} okTotal Successful responses over the whole run (warm-up included).
 * @property {string | undefined} firstError The first error seen, for diagnosis.
 */

/**
 * Nearest-rank percentile of an ascending array.
 * @param {number[]} sorted
 * @param {number} p Percentile in 0..100.
 */
export function percentile(sorted, p) {
  if (!sorted.length) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Sends one request and reads the whole response.
 * @param {http.Agent} agent
 * @param {URL} base
 * @param {BenchRequest} req
 * @returns {Promise<{ status: number, body: string }>}
 */
function send(agent, base, req) {
  return new Promise((resolve) => {
    const method = req.method ?? "POST";
    const body = Buffer.from(req.body);
    const length = method === "GET" && !body.length ? {} : { "content-length": body.length };
    const r = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path: req.path,
        headers: { ...req.headers, ...length },
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        res.on("error", (e) => resolve({ status: 0, body: String(e) }));
      },
    );
    r.on("error", (e) => resolve({ status: 0, body: String(e) }));
    r.end(body);
  });
}

/**
 * Runs a closed-loop load against `base`.
 * @param {object} opts
 * @param {URL} opts.base Origin of the server (loopback).
 * @param {(base: URL) => BenchRequest | Promise<BenchRequest>} opts.makeRequest Builds each request
 *   (given the origin, for signatures over the URL).
 * @param {number} opts.concurrency Requests in flight.
 * @param {number} opts.warmupMs Unrecorded warm-up.
 * @param {number} opts.durationMs Measurement window.
 * @param {(phase: "measuring") => void} [opts.onPhase] Called when the window opens.
 * @returns {Promise<LoadResult>}
 */
export async function runLoad({ base, makeRequest, concurrency, warmupMs, durationMs, onPhase }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const start = performance.now();
  const windowStart = start + warmupMs;
  const end = windowStart + durationMs;
  const phaseTimer = setTimeout(() => onPhase?.("measuring"), warmupMs);
  /** @type {number[]} */
  const latencies = [];
  let total = 0;
  let okTotal = 0;
  let errors = 0;
  /** @type {string | undefined} */
  let firstError;

  const loop = async () => {
    while (performance.now() < end) {
      const req = await makeRequest(base);
      const t0 = performance.now();
      const { status, body } = await send(agent, base, req);
      const t1 = performance.now();
      total++;
      const ok = req.expect === undefined ? status >= 200 && status <= 299 : status === req.expect;
      if (!ok) {
        errors++;
        firstError ??= `${status} ${body.slice(0, 300)}`;
        continue;
      }
      okTotal++;
      if (t1 >= windowStart && t1 <= end) latencies.push(t1 - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  clearTimeout(phaseTimer);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / (durationMs / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok: latencies.length,
    errors,
    total,
    okTotal,
    firstError,
  };
}
