/**
 * Fake forwarding destinations for the worker tests, on 127.0.0.1 (vitest globalSetup: Node
 * side; workerd reaches it over real HTTP). Each sink (`/sink/<name>/…`) records every request
 * and answers by a plan the test sets: a status for the next N requests, hang (never answer),
 * reset (drop the connection), stream (a huge or endless body, counting what it managed to
 * write), hold (answer only when the test releases it); then 200. Extra "switchable" ports refuse
 * connections until a test opens them. Tests steer it through `/control/…` (see
 * test/worker/forward-helpers.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";

export interface PlanStep {
  /**
   * `status`: answer `status`; `hang`: never answer; `reset`: destroy the socket; `slow`: take
   * the request, then answer 200 after `delayMs` (after the sender gave up: a duplicate to come);
   * `stream`: answer `status` with `bytes` bytes of body (endless without), written as fast as
   * the reader takes them; `hold`: answer `status` (200) when `/control/sinks/<name>/release`.
   */
  mode: "status" | "hang" | "reset" | "slow" | "stream" | "hold";
  /** `stream`: the body's length (absent: never ends). */
  bytes?: number;
  delayMs?: number;
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** How many requests this step answers (default 1). */
  times?: number;
}

export interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** What the sink did: a status, "hang", "reset", "slow", "stream" or "hold". */
  answer: number | "hang" | "reset" | "slow" | "stream" | "hold";
  /** `stream`: body bytes handed to the socket before the reader went away or the body ended. */
  written?: number;
  /** `stream`: whether the whole body was written. */
  complete?: boolean;
  at: number;
  port: number;
}

interface Sink {
  plan: PlanStep[];
  requests: Recorded[];
  /** The answer once the plan is used up. */
  ok: { status: number; body: string };
}

const sinks = new Map<string, Sink>();
const switchable = new Map<number, Server | null>();
const hanging = new Set<ServerResponse>();
/** Held answers per sink, with the status each gets on release. */
const held = new Map<string, { res: ServerResponse; status: number }[]>();

function sink(name: string): Sink {
  let s = sinks.get(name);
  if (!s) {
    s = { plan: [], requests: [], ok: { status: 200, body: "{}" } };
    sinks.set(name, s);
  }
  return s;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function json(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

async function handleSink(req: IncomingMessage, res: ServerResponse, url: URL, port: number) {
  const [, , name = "", ...rest] = url.pathname.split("/");
  const s = sink(name);
  const body = await readBody(req);
  const step = s.plan[0];
  if (step) {
    step.times = (step.times ?? 1) - 1;
    if (step.times <= 0) s.plan.shift();
  }
  const answer = step ? (step.mode === "status" ? (step.status ?? 500) : step.mode) : s.ok.status;
  const record: Recorded = {
    method: req.method ?? "",
    path: `/${rest.join("/")}`,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
    ),
    body,
    answer,
    at: Date.now(),
    port,
  };
  s.requests.push(record);
  if (answer === "stream") return stream(res, step?.status ?? 500, step?.bytes, record);
  if (answer === "hold") {
    hanging.add(res);
    res.on("close", () => hanging.delete(res));
    held.set(name, [...(held.get(name) ?? []), { res, status: step?.status ?? 200 }]);
    return;
  }
  if (answer === "hang") {
    hanging.add(res);
    res.on("close", () => hanging.delete(res));
    return;
  }
  if (answer === "reset") {
    req.socket.destroy();
    return;
  }
  if (answer === "slow") {
    hanging.add(res);
    setTimeout(() => {
      hanging.delete(res);
      if (!res.destroyed) json(res, 200, {});
    }, step?.delayMs ?? 1000);
    return;
  }
  res.writeHead(answer, { "content-type": "application/json", ...(step?.headers ?? {}) });
  res.end(step ? (step.body ?? `{"error":"planned ${answer}"}`) : s.ok.body);
}

/** Writes `bytes` (or endless) bytes of body as fast as the reader takes them, counting. */
function stream(res: ServerResponse, status: number, bytes: number | undefined, rec: Recorded) {
  const chunk = Buffer.alloc(64 * 1024, "x");
  const total = bytes ?? Number.POSITIVE_INFINITY;
  rec.written = 0;
  rec.complete = false;
  hanging.add(res);
  res.on("close", () => hanging.delete(res));
  res.writeHead(status, { "content-type": "text/plain" });
  const pump = () => {
    while (!res.destroyed && (rec.written ?? 0) < total) {
      const n = Math.min(chunk.length, total - (rec.written ?? 0));
      rec.written = (rec.written ?? 0) + n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        res.once("drain", pump);
        return;
      }
    }
    if (!res.destroyed) {
      rec.complete = true;
      res.end();
    }
  };
  pump();
}

async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL) {
  const parts = url.pathname.split("/").slice(2);
  const body = req.method === "POST" ? await readBody(req) : "";
  if (parts[0] === "sinks" && parts[1]) {
    const s = sink(parts[1]);
    if (req.method === "GET") return json(res, 200, { requests: s.requests });
    if (req.method === "POST" && parts[2] === "release") {
      const waiting = held.get(parts[1]) ?? [];
      held.delete(parts[1]);
      for (const h of waiting) if (!h.res.destroyed) json(h.res, h.status, {});
      return json(res, 200, { released: waiting.length });
    }
    if (req.method === "POST") {
      const input = JSON.parse(body || "{}") as { plan?: PlanStep[]; ok?: Sink["ok"] };
      s.plan = input.plan ?? [];
      if (input.ok) s.ok = input.ok;
      return json(res, 200, { ok: true });
    }
  }
  if (parts[0] === "ports" && req.method === "POST") {
    if (!parts[1]) {
      const port = await freePort();
      switchable.set(port, null);
      return json(res, 200, { port });
    }
    const port = Number(parts[1]);
    if (!switchable.has(port)) return json(res, 404, { error: "unknown port" });
    const current = switchable.get(port);
    if (parts[2] === "open" && !current) {
      const server = createServer((q, r) => route(q, r, port));
      await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
      switchable.set(port, server);
    }
    if (parts[2] === "close" && current) {
      current.closeAllConnections();
      await new Promise((r) => current.close(r));
      switchable.set(port, null);
    }
    return json(res, 200, { port, open: Boolean(switchable.get(port)) });
  }
  return json(res, 404, { error: "unknown control route" });
}

function route(req: IncomingMessage, res: ServerResponse, port: number) {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const handler = url.pathname.startsWith("/control/")
    ? handleControl(req, res, url)
    : handleSink(req, res, url, port);
  handler.catch((err: unknown) => {
    if (!res.headersSent) json(res, 500, { error: String(err) });
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the fake destinations (control and sinks). */
    fakeDestinations: string;
  }
}

/** vitest globalSetup: starts the server and provides its base URL. */
export default async function setup(project: TestProject) {
  const server = createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    route(req, res, port);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  project.provide("fakeDestinations", `http://127.0.0.1:${port}`);
  return async () => {
    for (const res of hanging) res.destroy();
    for (const s of switchable.values()) s?.closeAllConnections();
    await Promise.all(
      [...switchable.values()].map((s) => (s ? new Promise((r) => s.close(r)) : null)),
    );
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
}
