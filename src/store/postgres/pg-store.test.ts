import { after } from 'node:test'
import { TEST_DATABASE_URL, dropTestSchemas, postgresUnavailable, testSchema } from '../../../test/support/postgres.js'
import { describeSearchContract } from '../search.contract.js'
import { describeStoreContract } from '../store.contract.js'
import { describeEnrichmentContract } from '../enrichment.contract.js'
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
  after(dropTestSchemas)
}
