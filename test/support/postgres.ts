import postgres from 'postgres'

/**
 * The PostgreSQL the tests use: DOSSIER_TEST_DATABASE_URL, else the machine's own (trust auth,
 * database `test`). Each test store gets a schema of its own, dropped when the process ends.
 */
export const TEST_DATABASE_URL = process.env.DOSSIER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

const created: string[] = []
let counter = 0

/** A fresh schema name for one store; remembered for `dropTestSchemas`. */
export function testSchema(): string {
  const name = `dossier_t${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`
  created.push(name)
  return name
}

export async function dropTestSchemas(): Promise<void> {
  if (created.length === 0) return
  const sql = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} })
  try {
    // A store's job queue (pg-boss) lives beside it in <schema>_jobs.
    for (const name of created.splice(0)) await sql.unsafe(`DROP SCHEMA IF EXISTS ${name} CASCADE; DROP SCHEMA IF EXISTS ${name}_jobs CASCADE`)
  } finally {
    await sql.end({ timeout: 5 })
  }
}

/**
 * Why PostgreSQL tests cannot run here, or false when they can. CI sets
 * DOSSIER_REQUIRE_POSTGRES=1, so there an unreachable server fails instead of skipping.
 */
export async function postgresUnavailable(): Promise<string | false> {
  const sql = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {}, connect_timeout: 3 })
  try {
    await sql`SELECT 1`
    return false
  } catch (err) {
    const reason = `PostgreSQL at ${TEST_DATABASE_URL} does not answer (${(err as Error).message})`
    if (process.env.DOSSIER_REQUIRE_POSTGRES === '1') throw new Error(reason)
    return `skipped: ${reason}`
  } finally {
    await sql.end({ timeout: 1 })
  }
}
