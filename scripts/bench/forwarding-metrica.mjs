/**
 * Yandex Metrica in the forwarding bench: its rows are not sent by the queue but uploaded in bulk
 * by the cron (worker/forward/yandex-upload.ts), so after the queue-sent kinds have drained one
 * cron run is triggered (Miniflare's `scheduled`, the Worker's real handler) and timed: how many
 * rows were waiting, how many CSV lines the receiver got, in how many uploads, and how long the
 * run took. Its status poll comes a cron period later and is not part of the bench.
 */

/**
 * @param {{ mf: import("miniflare").Miniflare, db: D1Database }} w
 * @param {import("../local-receiver.mjs").Delivery[]} arrivals
 * @param {(line: string) => void} log
 */
export async function benchMetricaCron(w, arrivals, log) {
  const count = async (sql) => Number((await w.db.prepare(sql).first("n")) ?? 0);
  const waiting = await count(`select count(*) as n from outbox o
    join destinations d on d.id = o.destination_id
    where d.kind = 'yandex_metrica' and o.status = 'pending'`);
  log(`forwarding: Yandex Metrica, one cron run for ${waiting} waiting rows…`);
  const before = arrivals.filter((a) => a.kind === "yandex_metrica").length;
  const worker = await w.mf.getWorker();
  const start = performance.now();
  await worker.scheduled({ cron: "*/5 * * * *", scheduledTime: new Date() });
  const ms = performance.now() - start;
  const lines = arrivals.filter((a) => a.kind === "yandex_metrica").length - before;
  const uploads = await count(`select count(distinct json_extract(o.payload, '$.uploading')) as n
    from outbox o
    join destinations d on d.id = o.destination_id
    where d.kind = 'yandex_metrica' and o.attempts > 0`);
  return { waiting, lines, uploads, cronRunMs: ms, rowsPerSec: lines / (ms / 1000) };
}
