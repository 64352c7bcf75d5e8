// Counts the requests a piece of code sends to D1: each statement run on its own is one, a batch is one. The
// Workers Free plan allows 50 per invocation, so tests can hold the busy paths to a budget.

const REAL = Symbol("the real statement");

export interface CountedD1 {
  db: D1Database;
  /** Requests so far. */
  requests: () => number;
}

export function countingD1(real: D1Database): CountedD1 {
  let requests = 0;
  const statement = (s: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(s, {
      get(target, key) {
        if (key === REAL) return target;
        const value = Reflect.get(target, key, target);
        if (typeof value !== "function") return value;
        if (key === "bind") return (...args: unknown[]) => statement(value.apply(target, args));
        if (key === "all" || key === "run" || key === "raw" || key === "first") {
          return (...args: unknown[]) => {
            requests++;
            return value.apply(target, args);
          };
        }
        return value.bind(target);
      },
    });
  const db = new Proxy(real, {
    get(target, key) {
      if (key === "prepare") return (query: string) => statement(target.prepare(query));
      if (key === "batch") {
        return (list: D1PreparedStatement[]) => {
          requests++;
          // D1 wants its own statements, not the proxies.
          return target.batch(
            list.map((s) => (s as unknown as Record<symbol, D1PreparedStatement>)[REAL] ?? s),
          );
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, requests: () => requests };
}
