import assert from 'node:assert/strict'
import { afterEach, describe, it } from 'node:test'
import type { JobQueue, JobRequest, JobState, RetryPolicy } from './job-queue.js'

/** Retries quick enough for a test: up to 2 more runs, the first a second later. */
export const TEST_POLICY: RetryPolicy = { retries: 2, delaySeconds: 1, timeoutSeconds: 60 }

async function until(what: string, check: () => Promise<boolean>, seconds = 30): Promise<void> {
  const deadline = Date.now() + seconds * 1000
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

const countIs = (queue: JobQueue, state: JobState, n: number) => async () => (await queue.counts())[state] === n

/** What every job queue must do; each backend's test file runs it on a fresh queue. */
export function describeJobQueueContract(name: string, open: () => Promise<JobQueue>) {
  describe(`Job queue contract: ${name}`, () => {
    let queue: JobQueue | undefined
    afterEach(async () => {
      await queue?.stop()
      queue = undefined
    })

    it('runs each job once, on several at once, and keeps what it reports', async () => {
      queue = await open()
      const jobs: JobRequest[] = Array.from({ length: 6 }, (_, i) => ({ kind: 'enrich', ids: [`r${i}`] }))
      const ids = await queue.sendMany(jobs)
      assert.equal(new Set(ids).size, 6)
      assert.equal((await queue.get(ids[0]!))?.state, 'queued')
      const seen: string[] = []
      let running = 0
      let most = 0
      await queue.work(async (job) => {
        most = Math.max(most, ++running)
        await new Promise((r) => setTimeout(r, 150))
        running--
        const id = job.kind === 'enrich' ? job.ids![0]! : '?'
        seen.push(id)
        return { enriched: 1, id }
      }, { concurrency: 3 })
      await until('six completed jobs', countIs(queue, 'completed', 6))
      assert.deepEqual(seen.sort(), jobs.map((j) => (j.kind === 'enrich' ? j.ids![0] : '')).sort())
      assert.ok(most > 1, 'jobs ran side by side')
      const done = await queue.get(ids[2]!)
      assert.equal(done?.state, 'completed')
      assert.equal(done?.kind, 'enrich')
      assert.deepEqual(done?.output, { enriched: 1, id: 'r2' })
      assert.equal(done?.label, '1 records')
      assert.equal((await queue.recent(10)).length, 6)
    })

    it('retries a failing job after growing delays, then lists it as dead until an admin retries or discards it', async () => {
      queue = await open()
      const attempts: { at: number; attempt: number }[] = []
      let healed = false
      await queue.work(async (job, meta) => {
        if (job.kind === 'ingest' && !healed) {
          attempts.push({ at: Date.now(), attempt: meta.attempt })
          throw new Error(`upstream down for ${job.url}`)
        }
        return { created: 1 }
      }, { concurrency: 1 })
      const id = await queue.send({ kind: 'ingest', url: 'https://example.org/a', actor: 'test' })
      await until('a dead job', countIs(queue, 'dead', 1))
      assert.deepEqual(attempts.map((a) => a.attempt), [1, 2, 3])
      const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i]!.at)
      for (const gap of gaps) assert.ok(gap >= 900, `waited ${gap} ms before retrying`)
      assert.equal((await queue.get(id))?.state, 'dead')

      const [dead] = await queue.dead(10)
      assert.equal(dead?.kind, 'ingest')
      assert.equal(dead?.label, 'https://example.org/a')
      assert.match(dead?.error ?? '', /upstream down for https:\/\/example\.org\/a/)

      healed = true
      const again = await queue.retryDead(dead!.id)
      assert.ok(again)
      await until('the retried job done', async () => (await queue!.get(again!))?.state === 'completed')
      assert.deepEqual(await queue.dead(10), [])
      assert.equal(await queue.retryDead(dead!.id), undefined, 'a dead job is retried once')
      assert.equal(await queue.discardDead(dead!.id), false)
      assert.equal(await queue.get('00000000-0000-0000-0000-000000000000'), undefined)
    })

    it('lets an admin discard a dead job', async () => {
      queue = await open()
      await queue.work(async () => {
        throw new Error('always')
      }, { concurrency: 1 })
      await queue.send({ kind: 'enrich', stale: true })
      await until('a dead job', countIs(queue, 'dead', 1))
      const [dead] = await queue.dead(5)
      assert.equal(dead?.label, 'stale records')
      assert.equal(await queue.discardDead(dead!.id), true)
      assert.equal((await queue.counts()).dead, 0)
    })
  })
}
