import { readFileSync } from "node:fs";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

/**
 * `import x from "./mail.eml?bytes"` gives the file's exact bytes as base64: `?raw` decodes as UTF-8, which would
 * mangle the 8-bit Latin-1 mail the tests feed the parser.
 */
function bytes(): Plugin {
  return {
    name: "kabari-bytes",
    enforce: "pre",
    load(id) {
      if (!id.endsWith("?bytes")) return null;
      return `export default ${JSON.stringify(readFileSync(id.slice(0, -"?bytes".length)).toString("base64"))};`;
    },
  };
}

export default defineConfig({
  plugins: [
    bytes(),
    // Bindings come from wrangler.toml; the migrations are read here, in Node, because workerd has no file system.
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: { TEST_MIGRATIONS: await readD1Migrations("migrations"), ADMIN_TOKEN: "test-admin-token" },
      },
    })),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/apply-migrations.ts"],
  },
});
