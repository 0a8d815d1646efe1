import type { YandexConfig } from "./destination-config";
import { forwardTimeoutMs } from "./env";
import { failureOf } from "./failure";
import { transientStatus } from "./format";
import { redact } from "./secrets";
import { sendToDestination } from "./send";
import { multipartCsv, yandexCsv } from "./yandex-csv";
import { YANDEX_POLL_EVERY_MS } from "./yandex-poll";
import { type Finish, failedSet, type OutboxRow, type YandexKept } from "./yandex-record";

export interface UploadInput {
  env: Env;
  endpoint: string;
  counter: string;
  token: string;
  now: number;
  type: YandexConfig["upload_type"];
  lines: { row: OutboxRow; kept: YandexKept }[];
}

/** One CSV upload of `lines`; the outcome of each row. */
export async function uploadLines(input: UploadInput): Promise<{ id: string; set: Finish }[]> {
  const { env, endpoint, counter, token, now, type, lines } = input;
  const csv = yandexCsv(
    type,
    lines.map((l) => l.kept.cells),
  );
  const { body, contentType } = multipartCsv(csv);
  const url = `${endpoint}/counter/${counter}/offline_conversions/upload?type=${type}`;
  const sent = await sendToDestination({
    env,
    destinationKind: "yandex_metrica",
    url,
    headers: { "content-type": contentType, authorization: `OAuth ${token}` },
    body,
    timeoutMs: forwardTimeoutMs(env),
    readOk: true,
  });
  if (sent.kind === "answer" && sent.ok) {
    const uploading = uploadingOf(sent.text);
    return lines.map(({ row, kept }) => {
      const common = {
        attempts: row.attempts + 1,
        responseStatus: sent.status,
        lastAttemptAt: now,
      };
      if (!uploading)
        return {
          id: row.id,
          set: {
            status: "sent" as const,
            nextAttemptAt: null,
            sentAt: now,
            payload: JSON.stringify(kept),
            lastError:
              "Metrica accepted the upload but named no upload id: its processing is not followed",
            ...common,
          },
        };
      const next: YandexKept = { ...kept, uploading: uploading.id, uploadedAt: now };
      return {
        id: row.id,
        set: {
          status: "pending" as const,
          // Held until the upload's status is due (the sweep and the queue leave it alone).
          nextAttemptAt: now + YANDEX_POLL_EVERY_MS,
          leaseUntil: now + YANDEX_POLL_EVERY_MS,
          payload: JSON.stringify(next),
          lastError: `uploaded to Metrica (upload ${uploading.id}, ${uploading.status}); waiting for Metrica to process it`,
          ...common,
        },
      };
    });
  }
  const { status, error, retryable, retryAfter } = failureOf(sent, now, transientStatus);
  const safe = redact(error, [token, url]);
  console.warn(`forward: yandex_metrica upload of ${lines.length} rows: ${safe}`);
  return lines.map(({ row, kept }) => ({
    id: row.id,
    set: failedSet(row, now, safe, status, retryable, retryAfter, JSON.stringify(kept)),
  }));
}

/** Metrica's `uploading { id, status }` from an upload's answer, or null. */
export function uploadingOf(text: string): { id: string; status: string } | null {
  try {
    const u = (JSON.parse(text) as { uploading?: { id?: unknown; status?: unknown } }).uploading;
    if (typeof u?.id !== "number" && typeof u?.id !== "string") return null;
    return { id: String(u.id), status: typeof u.status === "string" ? u.status : "UPLOADED" };
  } catch {
    return null;
  }
}
