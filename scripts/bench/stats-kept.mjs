/**
 * A stats bench database kept between runs (BENCH_STATS_DB, scripts/bench/stats.mjs): seeding
 * 1,000,000 clicks takes a minute or more, timing the calls again takes less. The seed's counts,
 * its `now` and the migrations applied are recorded in a `bench_seed` table, written last, so a
 * run stopped while seeding leaves a database that is never reused.
 */
import { applyMigrations } from "./local-worker.mjs";

/** @typedef {{ clicks: number, leads: number, events: number }} SeedCounts */

/**
 * Reuses a kept database seeded with `counts`: applies the migrations added since and returns the
 * `now` it was seeded before; null for a fresh database; throws for any other.
 * @param {D1Database} db
 * @param {string} root Repository root (for the migrations).
 * @param {SeedCounts} counts
 * @param {(s: string) => void} log
 * @returns {Promise<number | null>}
 */
export async function reuseKept(db, root, counts, log) {
  const table = (name) =>
    db
      .prepare("select 1 as x from sqlite_master where type = 'table' and name = ?1")
      .bind(name)
      .first();
  if (!(await table("bench_seed"))) {
    if (await table("sites"))
      throw new Error("the kept database's seeding was stopped part way: remove its directory");
    return null;
  }
  /** @type {SeedCounts & { now: number, migrations: string }} */
  const kept = await db.prepare("select * from bench_seed").first();
  const was = { clicks: kept.clicks, leads: kept.leads, events: kept.events };
  if (JSON.stringify(counts) !== JSON.stringify(was))
    throw new Error(
      `the kept database was seeded with ${JSON.stringify(was)}, not ${JSON.stringify(counts)}: remove its directory or use another`,
    );
  const done = JSON.parse(kept.migrations);
  const applied = await applyMigrations(db, root, new Set(done));
  await db
    .prepare("update bench_seed set migrations = json(?1)")
    .bind(JSON.stringify([...done, ...applied]))
    .run();
  log(`kept rows reused; migrations applied now: ${applied.join(", ") || "none"}`);
  return kept.now;
}

/**
 * Records a finished seed (last, after every row).
 * @param {D1Database} db
 * @param {SeedCounts} counts
 * @param {number} now
 * @param {string[]} migrations
 */
export async function recordSeed(db, counts, now, migrations) {
  await db.batch([
    db.prepare(
      "create table bench_seed (clicks integer, leads integer, events integer, now integer, migrations text)",
    ),
    db
      .prepare("insert into bench_seed values (?1, ?2, ?3, ?4, json(?5))")
      .bind(counts.clicks, counts.leads, counts.events, now, JSON.stringify(migrations)),
  ]);
}
