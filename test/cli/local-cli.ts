/**
 * The CLI against the real product, for the CLI tests that need it: `npm start` on a free port
 * (test/support/local-worker.ts) for the importing file's tests, and `runLocal` runs
 * `scripts/chatref.mjs` against it with no token or secret in the environment, as a person
 * running it locally would (a local URL reads them from .dev.vars). `worker` is a live binding.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type LocalWorker, startLocalWorker } from "../support/local-worker";

const CLI = path.resolve(import.meta.dirname, "../../scripts/chatref.mjs");

/** The running product, set before the file's tests. */
export let worker: LocalWorker;

beforeAll(async () => {
  worker = await startLocalWorker();
});
afterAll(async () => {
  await worker?.stop();
});

/** Runs `chatref <args…>` against the product: its exit code, stdout and stderr. */
export function runLocal(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH ?? "" }, timeout: 30_000 },
      (err, stdout, stderr) =>
        resolve({
          code: err ? Number(err.code ?? 1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        }),
    );
  });
}
