/** Formatting for the bench report: aligned text tables and budget verdicts. */

/**
 * Formats a number for the table (fixed decimals, "-" for missing).
 * @param {number | undefined} n
 * @param {number} [digits]
 */
export function fmt(n, digits = 1) {
  return typeof n === "number" && Number.isFinite(n) ? n.toFixed(digits) : "-";
}

/**
 * Renders rows as an aligned table; numeric-looking cells are right-aligned.
 * @param {string[]} header
 * @param {(string | number)[][]} rows
 * @returns {string}
 */
export function table(header, rows) {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const numeric = /^[-+]?[\d.,]+( ?%| B| ms)?$|^-$/;
  const line = (r) =>
    r
      .map((c, i) => (i > 0 && numeric.test(c) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join("\n");
}

/**
 * PASS/MISS for a ratio against a minimum.
 * @param {number} ratio Route / baseline (0..1+).
 * @param {number} min Budget (0..1).
 */
export function verdict(ratio, min) {
  return Number.isFinite(ratio) && ratio >= min ? "PASS" : "MISS";
}

/**
 * @typedef {import("./load.mjs").LoadResult & { cpuOwn?: number, cpuOther?: number } & Record<string, any>} Run
 * @typedef {{ route: Run, base1: Run, base2: Run, baseRps: number, ratio: number, noise: number, repeated: boolean }} Comparison
 */

/** @param {string} name @param {Run} r */
const loadRow = (name, r) => [
  name,
  fmt(r.rps),
  fmt(r.p50),
  fmt(r.p99),
  r.errors,
  r.cpuOwn === undefined ? "-" : `${fmt(r.cpuOwn, 0)} %`,
  r.cpuOther === undefined ? "-" : `${fmt(r.cpuOther, 0)} %`,
];

/**
 * Prints the human-readable report.
 * @param {object} r
 * @param {{ concurrency: number, warmupMs: number, durationMs: number }} r.load
 * @param {Record<string, { path: string, baseline: string, budget: number | null, c: Comparison, load?: { warmupMs: number, durationMs: number } }>} r.routes
 *   A null budget is informational: the ratio is shown without PASS/MISS. `load` overrides the
 *   warm-up and window for that route (and its baselines).
 * @param {Run} r.webhookRoute The webhook route run, with its drain figures.
 * @param {Run} [r.scanRoute] The `/r/` route run, with its recorded-scan counts.
 * @param {Record<string, import("./profile.mjs").RouteProfile>} r.profile
 * @param {{ rows: { file: string, role?: string, min: number, gzip: number, brotli: number }[], note: string, qrChunk?: string, stale?: string }} r.sizes
 * @param {number} r.noisyOther Threshold (percent of a core) for the noise warning.
 */
export function printReport({
  load,
  routes,
  webhookRoute: h,
  scanRoute: sc,
  profile,
  sizes,
  noisyOther,
}) {
  const out = [];
  out.push(
    `chatref bench — Miniflare (one workerd per worker), HTTP on 127.0.0.1, ${load.concurrency} in flight,`,
    `${load.durationMs / 1000} s window after ${load.warmupMs / 1000} s warm-up; order per route: baseline, route, baseline`,
  );
  for (const { path, load: own } of Object.values(routes)) {
    if (own) {
      out.push(
        `${path} and its baselines: ${own.durationMs / 1000} s window after ${own.warmupMs / 1000} s warm-up`,
      );
    }
  }
  out.push("");
  const rows = [];
  for (const { path, baseline, c } of Object.values(routes)) {
    rows.push(loadRow(path, c.route));
    rows.push(loadRow(`  ${baseline}, run 1`, c.base1));
    rows.push(loadRow(`  ${baseline}, run 2`, c.base2));
  }
  out.push(table(["route", "req/s", "p50 ms", "p99 ms", "errors", "cpu bench", "cpu other"], rows));
  out.push("");
  out.push(
    table(
      ["ratio route / mean of baseline runs", "ratio", "budget", ""],
      Object.entries(routes).map(([name, { budget, c }]) => [
        name,
        `${fmt(c.ratio * 100)} %`,
        budget === null ? "-" : `≥ ${fmt(budget * 100, 0)} %`,
        budget === null ? "(informational, no budget)" : verdict(c.ratio, budget),
      ]),
    ),
  );
  const drained = h.drained ? "" : `; NOT drained: ${h.unprocessed} left`;
  out.push(
    "",
    `webhooks end to end: ${fmt(h.e2eRps)} processed messages/s — ${h.processed}/${h.stored} deliveries ` +
      `processed ${fmt(h.e2eSeconds)} s after the load began (warm-up included); backlog at load end ` +
      `${h.backlog}, failed ${h.failed}, leads ${h.leads}${drained}`,
  );
  if (sc) {
    const exact = sc.scansRecorded === sc.redirects ? "exact" : "MISMATCH";
    const shaped =
      sc.scansAsExpected === sc.scansRecorded
        ? "each placement link, device mobile, UTM poster/offline/bench"
        : `only ${sc.scansAsExpected} with placement link, device mobile and the link's UTM tags`;
    out.push(
      `scans recorded ${sc.scansRecorded} / redirects ${sc.redirects} (302s seen by the load ` +
        `generator, warm-up included): ${exact}; ${shaped}`,
    );
  }
  for (const [name, { c }] of Object.entries(routes)) {
    const again = c.repeated ? " (repeated once; the quieter attempt is shown)" : "";
    if (c.noise > noisyOther) {
      out.push(
        `NOTE ${name}: other processes used up to ${fmt(c.noise, 0)} % of a core${again}; ` +
          "ratio unreliable, rerun when idle.",
      );
    } else if (again) out.push(`note ${name}: first attempt was noisy${again}.`);
  }
  out.push("", "D1 per request, real Worker, sequential (profile pass):");
  out.push(
    table(
      ["route", "trips resp", "stmts resp", "trips waitUntil", "stmts waitUntil", "ms/req"],
      Object.entries(profile).map(([name, p]) => [
        name,
        fmt(p.ackTrips, 2),
        fmt(p.ackStatements, 2),
        fmt(p.bgTrips, 2),
        fmt(p.bgStatements, 2),
        fmt(p.msPerRequest, 2),
      ]),
    ),
  );
  for (const [name, p] of Object.entries(profile)) {
    out.push(`  ${name}:`);
    for (const [sql, n] of Object.entries(p.sql)) out.push(`    ${fmt(n, 2)} × ${sql}`);
  }
  out.push("");
  const roles = {
    initial: " (initial script)",
    "ui-chunk": " (dialogs chunk, lazy)",
    "qr-chunk": " (QR chunk, lazy)",
  };
  out.push(
    table(
      ["dist/public", "min B", "gzip B", "brotli B"],
      sizes.rows.map((s) => [`${s.file}${roles[s.role] ?? ""}`, s.min, s.gzip, s.brotli]),
    ),
  );
  if (sizes.qrChunk === "not built") {
    out.push("widget-qr.js: not built (the lazily loaded QR chunk; `npx vite build` makes it)");
  }
  if (sizes.stale) out.push(`NOTE ${sizes.stale}`);
  if (sizes.note) out.push(`(${sizes.note})`);
  console.log(`\n${out.join("\n")}`);
}

const pick = (r) => ({
  rps: r.rps,
  p50: r.p50,
  p99: r.p99,
  ok: r.ok,
  errors: r.errors,
  cpuOwn: r.cpuOwn,
  cpuOther: r.cpuOther,
});

/**
 * A comparison as the JSON summary reports it.
 * @param {{ repeated: boolean, noise: number, route: object, base1: object, base2: object, ratio: number }} c
 * @param {number | null} budget null: none.
 */
export const summary = (c, budget) => ({
  repeated: c.repeated,
  otherCpuMax: c.noise,
  route: pick(c.route),
  baseline: [pick(c.base1), pick(c.base2)],
  ratio: c.ratio,
  budget,
  pass: budget === null ? undefined : verdict(c.ratio, budget) === "PASS",
});

/** Prints the forwarding run. @param {Awaited<ReturnType<typeof import("./forwarding.mjs").benchForwarding>>} f */
export function printForwarding(f) {
  const l = f.latencyMs;
  const row = (name, s) =>
    `  ${name.padEnd(13)} p50 ${fmt(s.p50, 0).padStart(5)} ms   p95 ${fmt(s.p95, 0).padStart(5)} ms   max ${fmt(s.max, 0).padStart(5)} ms   (${s.n})`;
  const t = f.throughput;
  const kinds = Object.keys(l).filter((k) => k !== "all");
  console.log(
    [
      "",
      `Forwarding (real queue, local receiver; ${f.load.leads} leads at ${f.load.rate}/s, ${kinds.length} destinations)`,
      "lead-to-delivery latency (webhook POST start → arrival at the receiver):",
      row("all", l.all),
      ...kinds.map((k) => row(k, l[k])),
      `throughput: ${t.deliveries} deliveries of ${t.leads} leads in ${fmt(t.seconds, 2)} s = ${fmt(t.deliveriesPerSec, 0)} deliveries/s` +
        ` (leads accepted at ${fmt(t.leadsAcceptedPerSec, 0)}/s)${t.drained ? "" : " — NOT DRAINED"}`,
      `outbox: ${f.outbox.sent}/${f.outbox.rows} sent, ${f.outbox.notSent} not sent, ${f.outbox.retried} needed a retry;` +
        ` receiver: ${f.receiver.webhookUnique} webhook events / ${f.receiver.webhookPosts} POSTs`,
      ...(f.yandex
        ? [
            `yandex_metrica (bulk, by the cron): one run uploaded ${f.yandex.lines} of ${f.yandex.waiting} waiting rows` +
              ` in ${f.yandex.uploads} CSV upload(s), ${fmt(f.yandex.cronRunMs, 0)} ms (${fmt(f.yandex.rowsPerSec, 0)} rows/s)`,
          ]
        : []),
    ].join("\n"),
  );
}
