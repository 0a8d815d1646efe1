/** A stubbed global fetch for the CLI tests run in-process (`main(argv, env)`). */
import { vi } from "vitest";

/** One request the stub saw. */
export interface SeenRequest {
  method: string;
  url: string;
  body: unknown;
}

/** Stubs fetch; `answer` gives each request's status and JSON body. Returns what it saw. */
export function stubFetch(answer: (url: string) => { status: number; body: unknown }) {
  const seen: SeenRequest[] = [];
  vi.stubGlobal("fetch", async (url: string | URL, init: RequestInit = {}) => {
    seen.push({
      method: init.method ?? "GET",
      url: String(url),
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    const { status, body } = answer(String(url));
    return new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json" },
    });
  });
  return seen;
}

/** What the stub sees when the CLI posts `body` to `url` once, and nothing else. */
export const onePost = (url: string, body: unknown): SeenRequest[] => [
  { method: "POST", url, body },
];

/** A chat-app connection as the admin API answers it: `fields` over a bare one (provider = channel). */
export const connectionJson = (fields: { channel: string } & Record<string, unknown>) => ({
  id: "conn_01",
  provider: fields.channel,
  username: null,
  secret_hint: null,
  created_at: "2026-12-05T10:00:00.000Z",
  updated_at: "2026-12-05T10:00:00.000Z",
  ...fields,
});
