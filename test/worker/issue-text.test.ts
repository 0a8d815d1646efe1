/** Validation errors in words, every field at once (worker/http/issue-text.ts). */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeIssues } from "../../worker/http/issue-text";

const text = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected a failure");
  return describeIssues(result.error);
};

describe("describeIssues", () => {
  it("names every field's problem in a sentence, not zod's generic wording", () => {
    const schema = z.strictObject({
      name: z.string().min(1).max(5),
      count: z.coerce.number().int(),
      kind: z.enum(["ga4", "webhook"]),
      tags: z.array(z.string()).max(1),
      url: z.url(),
      when: z.number(),
      code: z.string().regex(/^a+$/),
    });
    const got = text(schema, {
      name: "abcdefg",
      count: "twelve",
      kind: "x",
      tags: ["a", "b"],
      url: "nope",
      code: "b",
      extra: 1,
    });
    expect(got.split("; ")).toEqual([
      "name: must be at most 5 characters",
      "count: must be a number",
      "kind: must be one of ga4, webhook",
      "tags: must have at most 1 item",
      "url: must be a URL",
      "when: is required",
      "code: has the wrong format",
      "unknown field extra",
    ]);
    expect(got).not.toMatch(/Invalid|Too big|NaN|and \d+ more/);
    expect(text(schema.pick({ name: true }), { name: "" })).toBe("name: must not be empty");
  });

  it("keeps a schema's own message", () => {
    const schema = z.object({ id: z.string().regex(/^G-/, "a measurement id such as G-ABC123") });
    expect(text(schema, { id: "UA-1" })).toBe("id: a measurement id such as G-ABC123");
  });

  it("a union says what its closest alternative lacks; a bad discriminator lists the kinds", () => {
    const union = z.object({
      dest: z.union([
        z.strictObject({ k: z.literal("hook"), url: z.url() }),
        z.strictObject({ k: z.literal("ga4"), id: z.string(), secret: z.string() }),
      ]),
    });
    expect(text(union, { dest: { k: "hook" } })).toBe("dest.url: is required");
    const tagged = z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("ga4") }),
      z.object({ kind: z.literal("meta_capi") }),
    ]);
    expect(text(tagged, { kind: "tiktok" })).toBe("kind: must be one of ga4, meta_capi");
  });

  it("lists at most twelve problems and counts the rest", () => {
    const shape = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`f${i}`, z.string()]));
    const got = text(z.object(shape), {});
    expect(got.split("; ")).toHaveLength(13);
    expect(got.endsWith("; and 3 more")).toBe(true);
  });
});
