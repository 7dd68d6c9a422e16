import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { runLoadProof } from '../bench/load-proof.js'
import { TEST_DATABASE_URL, dropTestSchemas, postgresUnavailable, testSchema } from './support/postgres.js'

// The load proof of `npm run bench -- load`, shortened: real worker and server processes on
// PostgreSQL, a worker killed with SIGKILL mid-job, readers and editors all the while.
const skip = await postgresUnavailable()

describe('server mode under load', () => {
  after(dropTestSchemas)

  it('imports through killed and live workers while readers search and editors race: exact contents, no duplicate, no lost update', { skip, timeout: 600_000 }, async () => {
    const schema = testSchema()
    const report = await runLoadProof({
      db: `${TEST_DATABASE_URL}?schema=${schema}`,
      records: 300,
      batch: 50,
      workers: 2,
      searchers: 3,
      editors: 2,
      edited: 10,
      jobTimeoutSeconds: 8,
    })
    assert.deepEqual(report.problems, [])
    for (const [check, ok] of Object.entries(report.checks)) assert.ok(ok, check)
    assert.ok(report.search.requests > 0 && report.search.errors === 0, `${report.search.errors} failed searches`)
    assert.equal(report.edits.errors, 0)
  })
})
