import { defineConfig } from "drizzle-kit";

/** drizzle-kit writes SQL migrations into migrations/, which wrangler and the tests apply. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema.ts",
  out: "./migrations",
});
