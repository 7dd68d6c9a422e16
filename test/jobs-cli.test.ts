import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { ROOT, tempDir } from './support/paths.js'

const dir = tempDir()
const CLI = path.join(ROOT, 'src/main/cli.ts')
const ENV = { ...process.env, DOSSIER_LOG_LEVEL: 'warn', DOSSIER_JOB_TIMEOUT_SECONDS: '2', DOSSIER_JOB_RETRY_DELAY_SECONDS: '1' }

function dossier(db: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--db', db, ...args], { cwd: ROOT, encoding: 'utf8', env: ENV })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const worker = (db: string) => spawn(process.execPath, ['--import', 'tsx', CLI, '--db', db, 'worker', '--concurrency', '1'], { cwd: ROOT, stdio: 'ignore', env: ENV })

describe('background jobs from the command line (embedded archive)', () => {
  it('queues an import in jobs that workers finish, a killed worker\'s job included, with errors on the file\'s own lines', { timeout: 180_000 }, async () => {
    const db = path.join(dir, 'jobs.db')
    const lines = Array.from({ length: 600 }, (_, i) =>
      JSON.stringify({
        type: 'op-ed',
        title: `Harbour piece number ${i}`,
        summary: `Ports and shipping lanes in the Arctic, part ${i}. ${'Ice melts and routes open for allied navies. '.repeat(20)}`,
        authors: [`Ana Ruiz${i % 7}`],
        outlet: 'The Harbour Review',
        published: `2023-0${1 + (i % 9)}-1${i % 10}`,
        url: `https://harbour.example/pieces/${i}`,
      }),
    )
    lines.splice(450, 0, '{"title": "no type and a bad date", "published": "2023-13-45"}')
    const file = path.join(dir, 'catalogue.jsonl')
    writeFileSync(file, lines.join('\n'))

    const queued = dossier(db, ['import', file, '--queue', '--batch', '200'])
    assert.equal(queued.code, 0, queued.stderr)
    const ids = queued.stdout.trim().split('\n')
    assert.equal(ids.length, 4)
    assert.match(queued.stderr, /4 jobs queued/)

    // Kill the first worker as soon as it holds a job.
    const first = worker(db)
    const peek = new Database(db, { readonly: true, fileMustExist: true })
    let killedMidJob = false
    for (let i = 0; i < 3000 && !killedMidJob; i++) {
      if ((peek.prepare("SELECT count(*) AS n FROM jobs WHERE state = 'active'").get() as { n: number }).n > 0) {
        first.kill('SIGKILL')
        killedMidJob = true
      } else await new Promise((r) => setTimeout(r, 10))
    }
    peek.close()
    assert.ok(killedMidJob, 'the worker never took a job')
    await new Promise((r) => first.once('exit', r))

    const second = worker(db)
    const waited = dossier(db, ['jobs', 'wait', '--timeout', '120'])
    second.kill('SIGTERM')
    await new Promise((r) => second.once('exit', r))
    assert.equal(waited.code, 0, waited.stderr)
    assert.equal(JSON.parse(waited.stdout).completed, 4)
    assert.equal(JSON.parse(waited.stdout).dead, 0)

    const listed = dossier(db, ['jobs', '--json'])
    const { jobs } = JSON.parse(listed.stdout) as { jobs: { id: string; attempts: number; output: { created: number; unchanged: number; failed: number; failures?: { ref: string; error: string }[] } }[] }
    assert.equal(jobs.length, 4)
    assert.ok(jobs.some((j) => j.attempts === 2), 'the killed worker\'s job ran again')
    const created = jobs.reduce((n, j) => n + j.output.created, 0)
    const unchanged = jobs.reduce((n, j) => n + j.output.unchanged, 0)
    assert.equal(created + unchanged, 600)
    const failures = jobs.flatMap((j) => j.output.failures ?? [])
    assert.equal(failures.length, 1)
    assert.equal(failures[0]!.ref, `${file}:451`)
    assert.match(failures[0]!.error, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:451: `))

    const records = dossier(db, ['list', '--json', '--limit', '1000']).stdout.trim().split('\n')
    assert.equal(records.length, 600)
    assert.equal(new Set(records.map((l) => (JSON.parse(l) as { url: string }).url)).size, 600)
    assert.equal(dossier(db, ['jobs', 'dead']).stdout, '')

    // Reindexing here, then in jobs of 250 records that a worker finishes: 600 records either way.
    const here = dossier(db, ['reindex', '--batch', '250'])
    assert.equal(here.code, 0, here.stderr)
    assert.match(here.stdout, /^600 records reindexed in /)
    const reindexQueued = dossier(db, ['reindex', '--queue', '--batch', '250'])
    assert.equal(reindexQueued.code, 0, reindexQueued.stderr)
    assert.equal(reindexQueued.stdout.trim().split('\n').length, 3)
    const third = worker(db)
    const reindexed = dossier(db, ['jobs', 'wait', '--timeout', '120'])
    third.kill('SIGTERM')
    await new Promise((r) => third.once('exit', r))
    assert.equal(reindexed.code, 0, reindexed.stderr)
    const reindexJobs = (JSON.parse(dossier(db, ['jobs', '--json']).stdout) as { jobs: { kind: string; output: { reindexed: number } }[] }).jobs.filter((j) => j.kind === 'reindex')
    assert.deepEqual(reindexJobs.map((j) => j.output.reindexed).sort(), [100, 250, 250])
    const found = JSON.parse(dossier(db, ['search', 'harbour', '--json']).stdout) as { total: number }
    assert.equal(found.total, 600)
  })
  it('refuses to queue a file that is not UTF-8 text, naming it and the line, and queues nothing', async () => {
    const db = path.join(dir, 'refused.db')
    const file = path.join(dir, 'latin1.jsonl')
    writeFileSync(file, Buffer.concat([Buffer.from('{"type":"op-ed","title":"One"}\n{"type":"op-ed","title":"Caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]))
    const queued = dossier(db, ['import', file, '--queue'])
    assert.equal(queued.code, 1)
    assert.equal(queued.stderr.trim(), `error: ${file}:2: is not UTF-8 text (binary or another encoding)`)
    assert.match(dossier(db, ['jobs']).stdout, /^0 queued, 0 retry, 0 active, 0 completed, 0 dead/)
  })
})
