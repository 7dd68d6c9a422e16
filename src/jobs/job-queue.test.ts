import path from 'node:path'
import { after } from 'node:test'
import { silentLogger } from '../shared/index.js'
import { openSqliteStore } from '../store/sqlite/index.js'
import { TEST_DATABASE_URL, dropTestSchemas, postgresUnavailable, testSchema } from '../../test/support/postgres.js'
import { tempDir } from '../../test/support/paths.js'
import { TEST_POLICY, describeJobQueueContract } from './job-queue.contract.js'
import { PgJobQueue } from './pg-job-queue.js'
import { TableJobQueue } from './table-job-queue.js'

const dir = tempDir()
let n = 0

describeJobQueueContract('the archive file\'s table', async () => {
  const store = await openSqliteStore({ file: path.join(dir, `jobs-${++n}.db`) })
  const queue = new TableJobQueue(store.jobs!, { policy: TEST_POLICY, log: silentLogger, pollMs: 100 })
  // The queue's stop() also closes what it runs on, as the CLI's close() does.
  const stop = queue.stop.bind(queue)
  queue.stop = async () => {
    await stop()
    await store.close()
  }
  return queue
})

const skip = await postgresUnavailable()
if (skip) {
  const { it } = await import('node:test')
  it('Job queue contract: pg-boss', { skip }, () => {})
} else {
  describeJobQueueContract('pg-boss', () => PgJobQueue.open({ url: TEST_DATABASE_URL, schema: testSchema(), policy: TEST_POLICY, log: silentLogger }))
  after(dropTestSchemas)
}
