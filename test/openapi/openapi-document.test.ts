/**
 * Node side: the served OpenAPI document validates as OpenAPI 3.1 with @readme/openapi-parser
 * (the spec's JSON Schema plus its own rules: unique operationIds, path parameters declared, …),
 * and every schema in it compiles as JSON Schema 2020-12 with Ajv in strict mode. The route and
 * response checks run inside workerd: test/worker/openapi.test.ts.
 */
import { compileErrors, validate } from "@readme/openapi-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../worker/index";

type Json = Record<string, unknown>;

/** Every `schema` value under `paths` (parameters, bodies, responses, headers). */
function pathSchemas(node: unknown, at: string, out: [string, Json][] = []): [string, Json][] {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) pathSchemas(n, `${at}/${i}`, out);
  } else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) {
      if (k === "schema" && v && typeof v === "object") out.push([`${at}/schema`, v as Json]);
      else pathSchemas(v, `${at}/${k}`, out);
    }
  return out;
}

describe("OpenAPI document", () => {
  it("validates as OpenAPI 3.1", async () => {
    // validate() dereferences in place: give it a copy.
    const doc = structuredClone(openApiDocument());
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(doc as never);
    expect(result.valid ? "" : compileErrors(result)).toBe("");
  });

  it("holds only valid JSON Schema 2020-12 (Ajv strict)", () => {
    const doc = openApiDocument() as {
      paths: Json;
      components: { schemas: Record<string, Json> };
    };
    // Formats (date-time, uri, …) are annotations here; strict mode still rejects unknown keywords.
    const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: true });
    const components = Object.entries(doc.components.schemas);
    expect(components.length).toBeGreaterThanOrEqual(10);
    for (const [name, schema] of components) ajv.addSchema(schema, `#/components/schemas/${name}`);
    for (const [name] of components)
      expect(() => ajv.getSchema(`#/components/schemas/${name}`), name).not.toThrow();
    const inline = pathSchemas(doc.paths, "#/paths").filter(([, s]) => !("$ref" in s));
    expect(inline.length).toBeGreaterThan(20);
    for (const [where, schema] of inline) expect(() => ajv.compile(schema), where).not.toThrow();
  });

  it("is plain JSON", () => {
    const doc = openApiDocument();
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
