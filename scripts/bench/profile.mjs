/**
 * Where a route's time goes, counted rather than guessed: the real Worker bundle runs behind a
 * thin wrapper whose `DB` binding counts D1 round trips and statements (with their SQL), split
 * into the response path and the `waitUntil` work. Requests are sent one at a time, and the
 * wrapper answers only after the request's `waitUntil` work settled, so counts never mix. A
 * statement counts as `waitUntil` work when it was issued after the handler called `waitUntil`
 * (the handler starts that work just before handing it over).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startWorker } from "./local-worker.mjs";

/** The wrapper module; it imports the built Worker as ./index.js. */
const WRAPPER = `
import worker from "./index.js";
const sql = new Map();
const now = { trips: 0, statements: 0 };
const unwrap = new WeakMap();
const note = (text) => {
  const key = text.replace(/\\s+/g, " ").trim().slice(0, 90);
  sql.set(key, (sql.get(key) ?? 0) + 1);
};
const method = (fn, t) => (typeof fn === "function" ? fn.bind(t) : fn);
function statement(s, text) {
  const p = new Proxy(s, {
    get(t, k) {
      if (k === "bind") return (...a) => statement(t.bind(...a), text);
      if (k === "run" || k === "all" || k === "first" || k === "raw") {
        return (...a) => { now.trips++; now.statements++; note(text); return t[k](...a); };
      }
      return method(t[k], t);
    },
  });
  unwrap.set(p, s);
  return p;
}
function database(d) {
  return new Proxy(d, {
    get(t, k) {
      if (k === "prepare") return (text) => statement(t.prepare(text), text);
      if (k === "batch") {
        return (list) => {
          now.trips++;
          now.statements += list.length;
          note("batch of " + list.length);
          return t.batch(list.map((s) => unwrap.get(s) ?? s));
        };
      }
      if (k === "exec") return (text) => { now.trips++; now.statements++; note(text); return t.exec(text); };
      return method(t[k], t);
    },
  });
}
export default {
  async fetch(request, env, ctx) {
    if (new URL(request.url).pathname === "/__bench/sql") {
      const seen = Object.fromEntries(sql);
      sql.clear();
      return Response.json(seen);
    }
    const waits = [];
    const c0 = { ...now };
    let handedOff;
    const wrappedCtx = {
      waitUntil: (p) => {
        handedOff ??= { ...now };
        waits.push(p);
        ctx.waitUntil(p);
      },
      passThroughOnException: () => ctx.passThroughOnException(),
      props: ctx.props,
    };
    const res = await worker.fetch(request, { ...env, DB: database(env.DB) }, wrappedCtx);
    const c1 = handedOff ?? { ...now };
    await Promise.allSettled(waits);
    const out = new Response(res.body, res);
    const d = [c1.trips - c0.trips, c1.statements - c0.statements, now.trips - c1.trips, now.statements - c1.statements];
    out.headers.set("x-bench-d1", d.join(","));
    return out;
  },
};
`;

/**
 * @typedef {object} RouteProfile
 * @property {number} requests Requests sent (sequentially).
 * @property {number} ackTrips D1 round trips per request before the response.
 * @property {number} ackStatements D1 statements per request before the response.
 * @property {number} bgTrips D1 round trips per request in `waitUntil` work.
 * @property {number} bgStatements D1 statements per request in `waitUntil` work.
 * @property {number} msPerRequest Sequential wall time per request, `waitUntil` work included.
 * @property {Record<string, number>} sql Executions per request of each statement (SQL prefix).
 */

/**
 * Profiles the real Worker: `count` sequential requests per route.
 * @param {object} opts
 * @param {string} opts.bundleDir Directory holding the built index.js (the wrapper is written there).
 * @param {Record<string, string>} opts.bindings
 * @param {(db: D1Database) => Promise<void>} opts.prepare Migrations and seed.
 * @param {Record<string, (base: URL) => import("./load.mjs").BenchRequest | Promise<import("./load.mjs").BenchRequest>>} opts.routes
 * @param {number} opts.count
 * @param {Set<import("miniflare").Miniflare>} opts.live Running instances (disposed on Ctrl-C).
 * @returns {Promise<Record<string, RouteProfile>>}
 */
export async function profileRoutes({ bundleDir, bindings, prepare, routes, count, live }) {
  const wrapper = join(bundleDir, "bench-profile.mjs");
  await writeFile(wrapper, WRAPPER);
  const w = await startWorker({ files: [wrapper, join(bundleDir, "index.js")] }, bindings);
  live.add(w.mf);
  try {
    await prepare(w.db);
    /** @type {Record<string, RouteProfile>} */
    const out = {};
    for (const [name, make] of Object.entries(routes)) {
      const sum = [0, 0, 0, 0];
      const t0 = performance.now();
      for (let i = 0; i < count; i++) {
        const req = await make(w.url);
        const method = req.method ?? "POST";
        const res = await fetch(new URL(req.path, w.url), {
          method,
          headers: req.headers,
          body: method === "GET" ? undefined : req.body,
          redirect: "manual",
        });
        await res.arrayBuffer();
        if (req.expect === undefined ? !res.ok : res.status !== req.expect) {
          throw new Error(`profile ${name}: HTTP ${res.status}`);
        }
        const d = (res.headers.get("x-bench-d1") ?? "0,0,0,0").split(",").map(Number);
        for (let k = 0; k < 4; k++) sum[k] += d[k] ?? 0;
      }
      const [ackTrips, ackStatements, bgTrips, bgStatements] = sum.map((s) => s / count);
      const msPerRequest = (performance.now() - t0) / count;
      const seen = await (await fetch(new URL("/__bench/sql", w.url))).json();
      const sql = Object.fromEntries(Object.entries(seen).map(([k, n]) => [k, n / count]));
      out[name] = {
        requests: count,
        ackTrips,
        ackStatements,
        bgTrips,
        bgStatements,
        msPerRequest,
        sql,
      };
    }
    return out;
  } finally {
    live.delete(w.mf);
    await w.mf.dispose();
  }
}
