import { defineConfig } from "drizzle-kit";

// Wrangler applies the same folder (wrangler.toml migrations_dir), locally, remotely and in tests.
export default defineConfig({
  dialect: "sqlite",
  schema: "src/db/schema.ts",
  out: "migrations",
});
