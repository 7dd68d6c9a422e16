import type postgres from 'postgres'

/**
 * Awaits statements issued together (pipelined on one connection) and, if any failed, throws
 * the error of the first in the order given: a statement after a failed one only reports that
 * the transaction is aborted, which says nothing.
 */
export async function pipelined<T extends readonly unknown[]>(statements: readonly [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T> {
  const settled = await Promise.allSettled(statements)
  const failed = settled.find((s) => s.status === 'rejected')
  if (failed) throw (failed as PromiseRejectedResult).reason
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T
}

/** A connection pool, or one transaction's connection: every repository takes either. */
export type Sql = postgres.Sql | postgres.TransactionSql

/**
 * Transaction-scoped advisory locks on a name ("slug:…", "enrich:…"), hashed to PostgreSQL's
 * 64-bit lock key; released at commit or rollback. `lockName` waits for the lock, `tryLockName`
 * answers whether it got it without waiting.
 */
export function lockName(sql: Sql, name: string) {
  return sql`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`
}

export function tryLockName(sql: Sql, name: string): Promise<boolean> {
  return sql<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtextextended(${name}, 0)) AS ok`.then(([row]) => row!.ok)
}
