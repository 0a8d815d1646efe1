/**
 * The inbound path runs one way (ARCHITECTURE.md): every relative import of a worker file must
 * point at its own folder, the shared base, or a folder of a lower layer. A climbing import (a
 * step reaching a later step, an adapter reaching past the normalised types) fails this test.
 */
import { describe, expect, it } from "vitest";

/** Folders (first segment under worker/; root files by name) every layer may import. */
const BASE = new Set(["model", "db", "http", "reporting", "env", "widget"]);

/**
 * The layers above the base, lowest first: adapters and the read model are leaves; then the
 * steps of the one D1 batch in their order; then the orchestrator (inbound/) and the edges.
 */
const RANK: Record<string, number> = {
  adapters: 1,
  "read-model": 1,
  identity: 2,
  attribution: 3,
  consent: 4,
  forward: 5,
  inbound: 6,
  ingest: 7,
  api: 8,
  index: 9,
};

/** Adapters are leaves: besides their own folder, only the normalised inbound types. */
const ONLY: Record<string, Set<string>> = {
  adapters: new Set(["model"]),
  model: new Set(),
};

const sources = import.meta.glob<string>("../../worker/**/*.ts", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** The layer key of a repository path (`worker/forward/deliver.ts` → `forward`). */
function layerOf(path: string): string {
  const parts = path.split("/");
  if (parts[0] !== "worker") return parts[0] ?? "";
  const first = parts[1] ?? "";
  return parts.length === 2 ? first.replace(/\.ts$/, "") : first;
}

/** Resolves `spec` relative to the repository path `from`. */
function resolvePath(from: string, spec: string): string {
  const out = from.split("/").slice(0, -1);
  for (const part of spec.split("/")) {
    if (part === "..") out.pop();
    else if (part !== ".") out.push(part);
  }
  return out.join("/");
}

const IMPORT = /\bfrom\s+"(\.{1,2}\/[^"]+)"|\bimport\s*\(?\s*"(\.{1,2}\/[^"]+)"/g;

/** The climbing imports of one file's source: `from → to` for each import the rule forbids. */
function climbs(path: string, source: string): string[] {
  const from = layerOf(path);
  const bad: string[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const target = resolvePath(path, match[1] ?? match[2] ?? "");
    const to = layerOf(target);
    if (to === from) continue;
    const only = ONLY[from];
    const [rankTo, rankFrom] = [RANK[to], RANK[from]];
    const allowed = only
      ? only.has(to)
      : BASE.has(to) || (rankTo !== undefined && rankFrom !== undefined && rankTo < rankFrom);
    if (!allowed) bad.push(`${path} → ${target}`);
  }
  return bad;
}

describe("one-way imports", () => {
  const files = Object.entries(sources)
    .map(([key, source]) => [key.replace(/^(\.\.\/)+/, ""), source] as const)
    .filter(([path]) => !path.endsWith(".d.ts"));

  it("reads the whole worker", () => {
    const paths = files.map(([path]) => path);
    expect(paths.length).toBeGreaterThan(50);
    expect(paths).toContain("worker/inbound/process-delivery.ts");
    expect(paths).toContain("worker/adapters/whatsapp/payload.ts");
  });

  it("gives every worker folder a layer", () => {
    const unknown = new Set(
      files.map(([path]) => layerOf(path)).filter((l) => !BASE.has(l) && !(l in RANK)),
    );
    expect([...unknown]).toEqual([]);
  });

  it("has no import climbing to a later step", () => {
    expect(files.flatMap(([path, source]) => climbs(path, source))).toEqual([]);
  });

  it("flags a climbing import", () => {
    expect(
      climbs("worker/attribution/x.ts", 'import { a } from "../forward/outbox-insert";'),
    ).toEqual(["worker/attribution/x.ts → worker/forward/outbox-insert"]);
    expect(climbs("worker/forward/x.ts", 'import type { A } from "../api/lead-json";')).toEqual([
      "worker/forward/x.ts → worker/api/lead-json",
    ]);
    expect(climbs("worker/adapters/w/x.ts", 'import { b } from "../../db/client";')).toEqual([
      "worker/adapters/w/x.ts → worker/db/client",
    ]);
    expect(climbs("worker/db/x.ts", '} from "../consent/windows";')).toEqual([
      "worker/db/x.ts → worker/consent/windows",
    ]);
    expect(climbs("worker/inbound/x.ts", 'import { c } from "../forward/enqueue";')).toEqual([]);
  });
});
