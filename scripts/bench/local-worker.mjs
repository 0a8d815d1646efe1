/**
 * Local workers for the bench: builds the real Worker bundle with `wrangler deploy --dry-run`,
 * starts it (or a baseline script) in its own Miniflare instance (one workerd process, real
 * HTTP on 127.0.0.1) with a fresh D1 (SQLite in Miniflare's temporary directory, removed on
 * dispose), and applies the real migrations.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";

const run = promisify(execFile);

/** Compatibility date the bench runs every worker with (matches wrangler.toml). */
export const COMPATIBILITY_DATE = "2026-11-01";

/** Bindings the real Worker gets; the webhook secret signs the bench deliveries. */
export const APP_SECRET = "bench-secret";

/**
 * Builds the Worker bundle into a temporary directory.
 * @param {string} root Repository root.
 * @returns {Promise<{ dir: string, scriptPath: string, cleanup: () => Promise<void> }>}
 */
export async function buildWorker(root) {
  await mkdir(join(root, "dist/public"), { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), "chatref-bench-"));
  await run("npx", ["wrangler", "deploy", "--dry-run", "--outdir", dir], {
    cwd: root,
    timeout: 120_000,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
  });
  return {
    dir,
    scriptPath: join(dir, "index.js"),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Starts one worker in its own Miniflare instance with a fresh D1 bound as `DB`.
 * @param {{ scriptPath: string } | { script: string } | { files: string[] }} source A bundle on
 *   disk, an ES module string, or ES module files in one directory (the first is the entry).
 * @param {Record<string, string>} [bindings] Text bindings.
 * @param {Record<string, unknown>} [extra] More Miniflare worker options (e.g. queues).
 * @returns {Promise<{ mf: Miniflare, url: URL, db: D1Database }>}
 */
export async function startWorker(source, bindings = {}, extra = {}) {
  let code = {};
  if ("script" in source) code = { script: source.script, modules: true };
  else if ("scriptPath" in source) {
    code = {
      scriptPath: source.scriptPath,
      modules: true,
      modulesRoot: dirname(source.scriptPath),
    };
  } else {
    const modules = source.files.map((path) => ({ type: "ESModule", path }));
    code = { modules, modulesRoot: dirname(source.files[0] ?? "") };
  }
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      ...code,
      compatibilityDate: COMPATIBILITY_DATE,
      d1Databases: { DB: `bench-${Date.now()}-${Math.random().toString(36).slice(2)}` },
      bindings,
      host: "127.0.0.1",
      port: 0,
      logRequests: false,
      ...extra,
    }),
  );
  try {
    const url = await mf.ready;
    const db = /** @type {D1Database} */ (await mf.getD1Database("DB"));
    return { mf, url, db };
  } catch (err) {
    await mf.dispose();
    throw err;
  }
}

/**
 * Applies every `migrations/*.sql` in name order, one statement per `--> statement-breakpoint`.
 * @param {D1Database} db
 * @param {string} root Repository root.
 * @param {Set<string>} [skip] File names already applied (a reused database: seed-stats.mjs).
 * @returns {Promise<string[]>} The files applied.
 */
export async function applyMigrations(db, root, skip = new Set()) {
  const dir = join(root, "migrations");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql") && !skip.has(f)).sort();
  for (const file of files) {
    const sql = await readFile(join(dir, file), "utf8");
    const statements = sql
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter(Boolean);
    await db.batch(statements.map((s) => db.prepare(s)));
  }
  return files;
}

/** The bench site: key "bench", origin https://shop.example, Graph number id 100000000000999. */
export const BENCH_SITE = {
  key: "bench",
  origin: "https://shop.example",
  phoneNumberId: "100000000000999",
  waNumber: "15550009999",
};

/**
 * Inserts the bench site.
 * @param {D1Database} db
 */
export async function seedSite(db) {
  await db
    .prepare(
      "insert into sites (id,key,name,wa_number,phone_number_id,allowed_origins,created_at) values ('site_bench',?,'Bench',?,?,?,?)",
    )
    .bind(
      BENCH_SITE.key,
      BENCH_SITE.waNumber,
      BENCH_SITE.phoneNumberId,
      JSON.stringify([BENCH_SITE.origin]),
      Date.now(),
    )
    .run();
}

/** The bench site's Telegram bot: webhook `POST /webhooks/telegram/7000000999`. */
export const BENCH_BOT = {
  id: "7000000999",
  username: "bench_shop_bot",
  secret: "bench-telegram-secret",
};

/**
 * Connects the bench bot to the bench site (insert after `seedSite`); its secret is stored as
 * the local demo stores it ("plain." + base64url: no CHATREF_SECRET_KEY in the bench).
 * @param {D1Database} db
 */
export async function seedBot(db) {
  const now = Date.now();
  const sealed = `plain.${Buffer.from(BENCH_BOT.secret).toString("base64url")}`;
  await db
    .prepare(
      "insert into channel_connections (id, site_id, channel, provider, account_id, username, secret, created_at, updated_at) values ('conn_bench','site_bench','telegram','telegram',?,?,?,?,?)",
    )
    .bind(BENCH_BOT.id, BENCH_BOT.username, sealed, now, now)
    .run();
}

/** The bench site's campaign link, scanned as `GET /r/benchcod`. */
export const BENCH_LINK = { id: "link_bench", code: "benchcod" };

/**
 * Inserts the bench site's campaign link (insert after `seedSite`).
 * @param {D1Database} db
 */
export async function seedLink(db) {
  const now = Date.now();
  await db
    .prepare(
      "insert into links (id, site_id, code, name, utm_source, utm_medium, utm_campaign, created_at, updated_at) values (?,'site_bench',?,'Bench poster','poster','offline','bench',?,?)",
    )
    .bind(BENCH_LINK.id, BENCH_LINK.code, now, now)
    .run();
}
