/**
 * The status of a Metrica upload (`GET {endpoint}/counter/{id}/offline_conversions/uploadings/
 * {upload id}`, protocols.md §6.2), read by the cron step (yandex-upload.ts) once it is due and
 * recorded on every row of that upload:
 *
 * - `PROCESSED` → sent (when Metrica linked fewer lines than it got, the log says how many: it
 *   does not say which);
 * - `LINKAGE_FAILURE` → dead: none of the upload's lines could be linked to a visit;
 * - any other `…FAILED` / `…FAILURE` status → dead with that status;
 * - still processing (`UPLOADED`, or any status not listed) or the status could not be read (an
 *   error answer, a timeout): asked again YANDEX_POLL_EVERY_MS later; after YANDEX_POLL_GIVE_UP_MS
 *   (Metrica processes within 2 h) the row is recorded sent, the log saying the outcome is unknown.
 *
 * A status request is no delivery attempt: `attempts` stays as the upload left it.
 */

import { forwardTimeoutMs } from "./env";
import { redact } from "./secrets";
import { sendToDestination } from "./send";
import type { Finish, OutboxRow, YandexKept } from "./yandex-record";

/** How long after an upload (and between checks) its status is asked. */
export const YANDEX_POLL_EVERY_MS = 10 * 60_000;
/** After this long without a final status the rows are recorded sent, outcome unknown. */
export const YANDEX_POLL_GIVE_UP_MS = 24 * 3600_000;

interface PollInput {
  env: Env;
  endpoint: string;
  counter: string;
  token: string;
  now: number;
  /** Metrica's upload id. */
  id: string;
  group: { row: OutboxRow; kept: YandexKept }[];
}

interface Uploading {
  status?: unknown;
  line_quantity?: unknown;
  linked_quantity?: unknown;
}

/** Asks for upload `id`'s status once; the outcome of each of its rows. */
export async function pollUploads(input: PollInput): Promise<{ id: string; set: Finish }[]> {
  const { env, endpoint, counter, token, now, id, group } = input;
  const url = `${endpoint}/counter/${counter}/offline_conversions/uploadings/${encodeURIComponent(id)}`;
  const sent = await sendToDestination({
    env,
    destinationKind: "yandex_metrica",
    url,
    method: "GET",
    headers: { authorization: `OAuth ${token}` },
    body: "",
    timeoutMs: forwardTimeoutMs(env),
    readOk: true,
  });
  let uploading: Uploading | null = null;
  let problem = "";
  if (sent.kind === "answer" && sent.ok) {
    try {
      uploading = (JSON.parse(sent.text) as { uploading?: Uploading }).uploading ?? null;
    } catch {
      problem = "the status answer was not JSON";
    }
  } else if (sent.kind === "answer") {
    problem = `HTTP ${sent.status}: ${sent.text.replace(/\s+/g, " ").trim().slice(0, 200)}`;
  } else problem = sent.error;
  problem = redact(problem, [token, url]);
  const status = typeof uploading?.status === "string" ? uploading.status : "";
  const lines = Number(uploading?.line_quantity ?? Number.NaN);
  const linked = Number(uploading?.linked_quantity ?? Number.NaN);
  return group.map(({ row, kept }) => {
    const sentSet = (note: string | null): Finish => ({
      status: "sent",
      nextAttemptAt: null,
      sentAt: now,
      lastError: note,
      responseStatus: 200,
    });
    // A failed upload's rows drop its id: a retry from the log (deliveries-route.ts) uploads
    // them again instead of asking for the same failed upload.
    const dead = (lastError: string): Finish => ({
      status: "dead",
      nextAttemptAt: null,
      lastError,
      payload: JSON.stringify({ type: kept.type, cells: kept.cells }),
    });
    let set: Finish;
    if (status === "PROCESSED")
      set = sentSet(
        Number.isFinite(lines) && Number.isFinite(linked) && linked < lines
          ? `Metrica upload ${id} processed: ${linked} of ${lines} lines linked to visits (Metrica does not say which)`
          : null,
      );
    else if (status === "LINKAGE_FAILURE")
      set = dead(
        `Metrica upload ${id}: LINKAGE_FAILURE, none of its lines could be linked to a visit`,
      );
    else if (/FAIL/.test(status)) set = dead(`Metrica upload ${id}: ${status}`);
    else if (now - (kept.uploadedAt ?? now) > YANDEX_POLL_GIVE_UP_MS)
      set = sentSet(
        `Metrica accepted upload ${id} but reported no final status within 24 h (last: ${status || problem})`,
      );
    else
      set = {
        status: "pending",
        nextAttemptAt: now + YANDEX_POLL_EVERY_MS,
        leaseUntil: now + YANDEX_POLL_EVERY_MS,
        lastError: status
          ? `uploaded to Metrica (upload ${id}, ${status}); waiting for Metrica to process it`
          : `uploaded to Metrica (upload ${id}); its status could not be read: ${problem}`.slice(
              0,
              1000,
            ),
      };
    return { id: row.id, set };
  });
}
