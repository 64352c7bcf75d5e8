/**
 * A table's rows as one JSON array, built by SQLite (D1) instead of the Worker: an export of an account with
 * hundreds of applications and a thousand mails would otherwise spend its CPU mapping and re-serialising rows.
 * Keys are the drizzle field names, JSON columns stay JSON, boolean columns become true/false: the same as
 * JSON.stringify of a drizzle select.
 */
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";

/**
 * D1 takes at most 32 arguments per SQL function: json_object gets the first 16 fields, and json_insert adds 15
 * more at a time (json_patch would drop the null ones: in a merge patch, null means delete).
 */
function objectOf(fields: [string, SQL][]): SQL {
  // Field names are this project's own identifiers, never input: safe to write into the SQL.
  const first = fields.slice(0, 16).map(([field, value]) => sql`${sql.raw(`'${field}'`)}, ${value}`);
  let object = sql`json_object(${sql.join(first, sql`, `)})`;
  for (let i = 16; i < fields.length; i += 15) {
    const more = fields.slice(i, i + 15).map(([field, value]) => sql`${sql.raw(`'$.${field}'`)}, ${value}`);
    object = sql`json_insert(${object}, ${sql.join(more, sql`, `)})`;
  }
  return object;
}

/**
 * `select` of a JSON array text: every row of `table` matching `where`, ordered by `orderBy`, each with its
 * columns and the `extra` fields (SQL expressions, e.g. a URL built from the id).
 */
export function jsonRows(
  table: SQLiteTable,
  where: SQL | undefined,
  orderBy: SQL,
  extra: Record<string, SQL> = {},
): SQL<string> {
  const fields: [string, SQL][] = [];
  for (const [field, column] of Object.entries(getTableColumns(table))) {
    const value =
      column.dataType === "json"
        ? sql`json(${column})`
        : column.dataType === "boolean"
          ? sql`json(case when ${column} is null then null when ${column} then 'true' else 'false' end)`
          : sql`${column}`;
    fields.push([field, value]);
  }
  for (const [field, value] of Object.entries(extra)) fields.push([field, value]);
  const filter = where ? sql` where ${where}` : sql``;
  return sql<string>`(select coalesce(json_group_array(json(row)), '[]') from (select ${objectOf(fields)} as row from ${table}${filter} order by ${orderBy}))`;
}
