import { after } from 'node:test'
import { TEST_DATABASE_URL, dropTestSchemas, postgresUnavailable, testSchema } from '../../../test/support/postgres.js'
import { describeSearchContract } from '../search.contract.js'
import { describeStoreContract } from '../store.contract.js'
import { describeEnrichmentContract } from '../enrichment.contract.js'
import postgres from 'postgres'
import { describeColumnsContract } from '../search-columns.contract.js'
import { PgColumns } from './pg-columns.js'
import { openPostgresStore } from './pg-store.js'

// The same contract suites as SQLite's, unchanged, each test on a schema of its own.
const skip = await postgresUnavailable()
const open = () => openPostgresStore({ url: TEST_DATABASE_URL, schema: testSchema(), max: 4 })

if (skip) {
  const { it } = await import('node:test')
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
  after(dropTestSchemas)
}
