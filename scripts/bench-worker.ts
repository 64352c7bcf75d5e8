/**
 * The Worker as `npm run bench` serves it to measure pages: the real Worker, plus two routes of its own. A page
 * request's D1 statements are recorded (`/__recorded` returns the last page's), and `/__replay` runs recorded
 * statements again against the same D1. The CPU of a replay is what the local D1 costs the workerd process for
 * that page; the page's CPU minus its replay's is the Worker's own share (routing, rendering, reading results).
 */
import type { Env } from "../src/env";
import worker from "../src/index";

interface Recorded {
  batch: boolean;
  statements: { sql: string; params: unknown[] }[];
}

const QUERY = /^(all|raw|run|first)$/;
const SPEC = Symbol("recorded statement");

function recording(db: D1Database, log: Recorded[]): D1Database {
  const statement = (real: D1PreparedStatement, sql: string, params: unknown[]): D1PreparedStatement =>
    new Proxy(real, {
      get(target, key) {
        if (key === SPEC) return { real: target, sql, params };
        const value = Reflect.get(target, key, target);
        if (typeof value !== "function") return value;
        if (key === "bind") {
          return (...args: unknown[]) => statement(value.apply(target, args), sql, args);
        }
        if (typeof key === "string" && QUERY.test(key)) {
          return (...args: unknown[]) => {
            log.push({ batch: false, statements: [{ sql, params }] });
            return value.apply(target, args);
          };
        }
        return value.bind(target);
      },
    });
  type Spec = { real: D1PreparedStatement; sql: string; params: unknown[] };
  return new Proxy(db, {
    get(target, key) {
      if (key === "prepare") return (sql: string) => statement(target.prepare(sql), sql, []);
      if (key === "batch") {
        return (list: D1PreparedStatement[]) => {
          const specs = list.map((s) => (s as unknown as Record<symbol, Spec>)[SPEC]);
          log.push({ batch: true, statements: specs.map(({ sql, params }) => ({ sql, params })) });
          return target.batch(specs.map((s) => s.real));
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

let last: Recorded[] = [];

export default {
  async fetch(request, env, ctx) {
    const path = new URL(request.url).pathname;
    if (path === "/__recorded") return Response.json(last);
    if (path === "/__replay") {
      for (const r of (await request.json()) as Recorded[]) {
        const statements = r.statements.map((s) => env.DB.prepare(s.sql).bind(...s.params));
        if (r.batch) await env.DB.batch(statements);
        else await statements[0]?.raw();
      }
      return new Response("replayed");
    }
    const log: Recorded[] = [];
    const response = await worker.fetch(request, { ...env, DB: recording(env.DB, log) }, ctx);
    last = log;
    return response;
  },
} satisfies ExportedHandler<Env>;
