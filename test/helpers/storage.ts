import { applyD1Migrations, reset } from "cloudflare:test";
import { env } from "cloudflare:workers";

/**
 * Storage outlives a test with this pool, so tests that touch D1 or R2 call this in `beforeEach`:
 * it wipes every binding's data (the migrations table included) and replays the migrations.
 */
export async function resetStorage(): Promise<void> {
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
}
