import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { TEST_DATABASE_URL, dropTestSchemas, postgresUnavailable, testSchema } from '../../../test/support/postgres.js'
import { describeSearchContract } from '../search.contract.js'
import { describeStoreContract } from '../store.contract.js'
import { describeEnrichmentContract } from '../enrichment.contract.js'
import postgres from 'postgres'
import { describeColumnsContract } from '../search-columns.contract.js'
import { PgColumns } from './pg-columns.js'
import { openPostgresStore } from './pg-store.js'
import { aRecord } from '../../../test/support/builders.js'

// The same contract suites as SQLite's, unchanged, each test on a schema of its own.
const skip = await postgresUnavailable()
const open = () => openPostgresStore({ url: TEST_DATABASE_URL, schema: testSchema(), max: 4 })

if (skip) {
  it('PostgreSQL contract suites', { skip }, () => {})
} else {
  describeStoreContract('postgres', open)
  describeSearchContract('postgres', open)
  describeEnrichmentContract('postgres', open)
  // Another pool holds the columns, as a second server would.
  describeColumnsContract('postgres', async () => {
    const schema = testSchema()
    const store = await openPostgresStore({ url: TEST_DATABASE_URL, schema, max: 4 })
    const reader = postgres(TEST_DATABASE_URL, { max: 2, onnotice: () => {}, connection: { search_path: `${schema}, public` } })
    const held = new PgColumns(reader)
    return {
      store,
      concurrentWrites: true,
      held: () => held.current(),
      fresh: () => new PgColumns(reader).current(),
      close: async () => {
        await reader.end({ timeout: 5 })
        await store.close()
      },
    }
  })
  describe('PostgreSQL statistics', () => {
    it('analyzes the tables an import grows, so its foreign-key checks use the indexes', async () => {
      const schema = testSchema()
      const store = await openPostgresStore({ url: TEST_DATABASE_URL, schema, max: 4 })
      const raw = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {}, connection: { search_path: `${schema}, public` } })
      try {
        const at = '2024-01-01T00:00:00.000Z'
        for (let batch = 0; batch < 2; batch++) {
          await store.transaction(async (tx) => {
            for (let i = 0; i < 300; i++) await tx.publications.create(aRecord({ title: `Harbour note ${batch}-${i}` }), { actor: 't', at })
          })
        }
        // A new schema's tables were analyzed empty; the store analyzed them again once 500
        // records were written, and a plan made now reads the index, not the whole table.
        const [{ n }] = (await raw<{ n: number }[]>`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'search_docs'::regclass`) as unknown as [{ n: number }]
        assert.ok(n >= 500, `the statistics count ${n} documents`)
        const plan = (await raw.unsafe(`EXPLAIN SELECT 1 FROM search_docs WHERE id = 'x'`)).map((r) => Object.values(r)[0]).join(' ')
        assert.match(plan, /Index/)
      } finally {
        await raw.end({ timeout: 5 })
        await store.close()
      }
    })
  })
  after(dropTestSchemas)
}
