/**
 * `npx chatref doctor`: the smoke test to run after deploying (it passes against `npm start`).
 * Each check prints ✓, or ✗ with the fix to make; the exit code is 0 only when none failed.
 *
 * What it writes, on purpose and nothing more: one signed *status-only* WhatsApp delivery (a
 * "delivered" receipt for a made-up message id — verified and stored raw like every delivery,
 * but it names no person and creates no contact, message or lead), and, unless --skip-beacon,
 * one click beacon per origin tagged `utm_source=chatref-doctor` (it counts as a click in the
 * stats, under that source).
 */
import { settings, stringOption } from "./chatref-api.mjs";
import { localVar } from "./chatref-dev-vars.mjs";
import {
  checkAdmin,
  checkBeacon,
  checkHandshake,
  checkSignature,
  checkWorker,
  concreteOrigin,
  fail,
  ok,
  skip,
} from "./chatref-doctor-checks.mjs";
import { readSetup, setupText } from "./chatref-setup.mjs";

/** The site's set-up state (GET /api/v1/sites/{id}/setup); only a failing destination fails it. */
async function checkSetup(site) {
  const setup = await readSetup(site.id);
  if (!setup) return skip("this Worker has no set-up check (an older version)");
  const failing = setup.destinations.filter((d) => d.status === "failing");
  // Under the check, indented: its own ✗ lines are steps not taken yet, not failed checks.
  const text = setupText(setup)
    .split("\n")
    .slice(1)
    .map((line) => `    ${line}`)
    .join("\n");
  if (failing.length)
    return fail(
      `${failing.length} destination${failing.length > 1 ? "s" : ""} failing:\n${text}`,
      "each failing destination's fix is above",
    );
  return ok(
    `no destination failing; a step "none yet" is not a failure (the doctor's status-only webhook is no message, so it is not the "last webhook"):\n${text}`,
  );
}

/** Runs every check in order; one that needs the site is not run without it. */
export async function runDoctor(o) {
  const env = settings.env;
  const checks = [];
  const add = (name, result) => checks.push({ check: name, ...result });
  add("Worker answers", await checkWorker());
  if (checks[0].status !== "ok") return checks;
  const { site, result } = await checkAdmin(o);
  add("admin token", result);
  const meta = o["skip-meta"]
    ? skip("--skip-meta (a number served through 360dialog or Twilio)")
    : null;
  add(
    "webhook handshake",
    meta ??
      (await checkHandshake(
        o["verify-token"] ??
          env.WHATSAPP_VERIFY_TOKEN ??
          localVar(settings.url, "WHATSAPP_VERIFY_TOKEN"),
      )),
  );
  const noSite = skip("not run: no site (see the admin token check)");
  const secret =
    o["app-secret"] ?? env.WHATSAPP_APP_SECRET ?? localVar(settings.url, "WHATSAPP_APP_SECRET");
  add("app secret", meta ?? (site ? await checkSignature(site, secret) : noSite));
  if (o["skip-beacon"]) add("test beacon", skip("--skip-beacon"));
  else if (!site) add("test beacon", noSite);
  else {
    const origins = o.origin ?? site.allowed_origins.slice(0, 1).map(concreteOrigin);
    if (!origins.length)
      add(
        "test beacon",
        fail(
          "the site allows no origin, so every beacon is refused",
          `npx chatref sites update ${site.id} --origin https://<your site>`,
        ),
      );
    for (const origin of origins) add("test beacon", await checkBeacon(site, origin));
  }
  add("set-up check", site ? await checkSetup(site) : noSite);
  return checks;
}

const MARK = { ok: "✓", fail: "✗", skip: "·" };

/** The report: one line per check, its fix under a failed one, and the verdict. */
export function doctorText(checks) {
  const lines = [`chatref doctor: ${settings.url}`];
  for (const c of checks) {
    lines.push(`  ${MARK[c.status]} ${c.check.padEnd(20)}${c.detail}`);
    if (c.fix) lines.push(`      fix: ${c.fix}`);
  }
  const failed = checks.filter((c) => c.status === "fail").length;
  lines.push(
    failed
      ? `${failed} check${failed > 1 ? "s" : ""} failed.`
      : "Every check passed: the Worker is ready for Meta's webhooks and your pages' beacons.",
  );
  return lines.join("\n");
}

export const DOCTOR_COMMANDS = {
  doctor: {
    usage:
      "doctor [--site <key or id>] [--verify-token <token>] [--app-secret <secret>] [--origin <page origin> …] [--skip-beacon] [--skip-meta]",
    about:
      "Smoke test after deploying: the Worker, the admin token, Meta's handshake and signature, a test beacon, the set-up check; each ✓ or ✗ with the fix. Exit 0 only when all pass.",
    options: {
      site: stringOption("site key or id (default: the only site)"),
      "verify-token": stringOption("the webhook verify token (env WHATSAPP_VERIFY_TOKEN)"),
      "app-secret": stringOption(
        "the Meta app secret (env WHATSAPP_APP_SECRET, better: a flag shows in ps and shell history)",
      ),
      origin: {
        type: "string",
        multiple: true,
        desc: "page origin to send the test beacon from (repeat; default: the site's first allowed origin)",
      },
      "skip-beacon": { type: "boolean", desc: "send no test beacon (it records one tagged click)" },
      "skip-meta": {
        type: "boolean",
        desc: "skip the Meta webhook checks (a number served through 360dialog or Twilio)",
      },
    },
    run: async (o) => {
      const checks = await runDoctor(o);
      const passed = !checks.some((c) => c.status === "fail");
      return { code: passed ? 0 : 1, json: { ok: passed, checks }, text: () => doctorText(checks) };
    },
  },
};
