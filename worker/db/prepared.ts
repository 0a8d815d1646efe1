/**
 * Drizzle queries compiled once per shape and bound per request. Building SQL with drizzle costs
 * about as much CPU as a D1 round trip on the hot paths (measured: ~375 µs for the statements of
 * one inbound message), so the ingest routes write their queries with drizzle — the schema stays
 * the one source of truth — using `sql.placeholder(name)` for every value, compile them on first
 * use, and bind values to the cached SQL text afterwards.
 */
import { is, Param, Placeholder, type SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { type Db, getDb } from "./client";

/** SQL text and its parameters: literal values, or placeholders filled by name when bound. */
export interface Compiled {
  sql: string;
  params: unknown[];
}

/** Anything drizzle can turn into SQL text (query builders). */
export interface ToSql {
  toSQL(): { sql: string; params: unknown[] };
}

/** Compiles a query (built with `sql.placeholder` for its values). */
export function compile(query: ToSql): Compiled {
  const { sql, params } = query.toSQL();
  return { sql, params };
}

const dialect = new SQLiteAsyncDialect();

/**
 * Compiles a `sql` template (placeholders for values, tables and columns interpolated from the
 * schema): for statements drizzle's builders cannot say, such as INSERT … SELECT FROM a VALUES list.
 */
export function compileSql(query: SQL): Compiled {
  const { sql, params } = dialect.sqlToQuery(query);
  return { sql, params };
}

/** One parameter's driver value: a literal, or a placeholder (possibly wrapped in a column Param). */
function resolve(param: unknown, values: Record<string, unknown>): unknown {
  if (is(param, Placeholder)) return values[param.name] ?? null;
  if (is(param, Param)) {
    const inner = resolve(param.value, values);
    return inner === null ? null : param.encoder.mapToDriverValue(inner);
  }
  return param;
}

/** A D1 statement for `compiled` with placeholder values taken from `values` (missing → null). */
export function bind(
  d1: D1Database,
  compiled: Compiled,
  values: Record<string, unknown>,
): D1PreparedStatement {
  return d1.prepare(compiled.sql).bind(...compiled.params.map((p) => resolve(p, values)));
}

/** Memoises `build` per shape key, so each query shape is compiled once per isolate. */
export function byShape<K extends string | number, V>(build: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = build(key);
      cache.set(key, hit);
    }
    return hit;
  };
}

const clients = new WeakMap<D1Database, Db>();

/**
 * The drizzle client of a D1 binding, made once per binding object: making one walks the whole
 * schema (measured: ~35 µs of CPU, a third of a click beacon's own work).
 */
export function dbFor(d1: D1Database): Db {
  let db = clients.get(d1);
  if (!db) {
    db = getDb(d1);
    clients.set(d1, db);
  }
  return db;
}
