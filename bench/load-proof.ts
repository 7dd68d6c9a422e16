import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PgJobQueue, type JobState } from '../src/jobs/index.js'
import { displayName, findPublicationType, type Contributor } from '../src/model/index.js'
import { silentLogger } from '../src/shared/index.js'
import { jobQueueSchema, splitLocation } from '../src/main/deps.js'
import { prng, realisticRecord } from './corpus.js'
import { percentile } from './side-by-side.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CLI = path.join(ROOT, 'src/main/cli.ts')

/**
 * Server mode under load, with real processes on one PostgreSQL: `workers` `dossier worker`
 * processes import `records` generated records queued in jobs of `batch`, while `searchers`
 * clients search and `editors` clients update the same `edited` records with If-Match through
 * two app servers. One worker is killed with SIGKILL mid-job and replaced. Then every check of
 * the issue: the archive holds exactly the input, no duplicate, no lost update, every stale
 * write refused, every job done once and none dead.
 */
export interface LoadProofOptions {
  /** postgres://…?schema=name: a schema of its own, dropped by the caller. */
  db: string
  records: number
  batch: number
  workers: number
  searchers: number
  editors: number
  edited: number
  /** Seconds a job may stay active before it is taken to be lost (the killed worker's). */
  jobTimeoutSeconds: number
  log?: (line: string) => void
}

export interface LoadProofReport {
  records: number
  importSeconds: number
  recordsPerSecond: number
  jobs: Record<JobState, number>
  jobsRetried: number
  killedWorkerHadJob: boolean
  search: { requests: number; errors: number; p50: number; p95: number; p99: number }
  edits: { accepted: number; raced: number; staleSent: number; staleRefused: number; errors: number; p50: number; p99: number }
  /** Each check by name: true when it held. */
  checks: Record<string, boolean>
  problems: string[]
}

function dossier(db: string, args: string[], env: NodeJS.ProcessEnv = {}, input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--db', db, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, DOSSIER_LOG_LEVEL: 'warn', ...env },
  })
  if (r.status !== 0) throw new Error(`dossier ${args.join(' ')} failed (${r.status}): ${r.stderr}`)
  return r.stdout
}

/** A long-running `dossier` process; what it says on standard error goes to `log`. */
function start(db: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const err = openSync(log, 'a')
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--db', db, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', err],
    env: { ...process.env, DOSSIER_LOG_LEVEL: 'warn', ...env },
  })
  closeSync(err)
  return child
}

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

async function waitFor(url: string, seconds: number) {
  const deadline = Date.now() + seconds * 1000
  for (;;) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in ${seconds} s`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
  })

export async function runLoadProof(o: LoadProofOptions): Promise<LoadProofReport> {
  const log = o.log ?? (() => {})
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-load-'))
  const children: ChildProcess[] = []
  const env = {
    DOSSIER_JOB_TIMEOUT_SECONDS: String(o.jobTimeoutSeconds),
    DOSSIER_JOB_MAINTENANCE_SECONDS: '1',
    DOSSIER_JOB_RETRY_DELAY_SECONDS: '1',
    DOSSIER_API_RATE_LIMIT: '1000000',
    // Two servers and the workers share the database's 100 connections with whatever else runs.
    DOSSIER_DB_POOL: '4',
  }
  const problems: string[] = []
  try {
    // The input: the records to import, and the few every editor works on.
    const rng = prng(20261125)
    const input: Record<string, unknown>[] = Array.from({ length: o.records }, (_, i) => ({ ...realisticRecord(rng, i), status: 'published' }))
    const inputFile = path.join(dir, 'input.jsonl')
    writeFileSync(inputFile, input.map((r) => JSON.stringify(r)).join('\n'))
    const editedInput = Array.from({ length: o.edited }, (_, i) => ({ ...realisticRecord(rng, o.records + i), url: `https://desk.example.org/edited/${i}`, status: 'published' }))
    const editedIds = dossier(o.db, ['import', '-', '--format', 'jsonl', '--json'], env, editedInput.map((r) => JSON.stringify(r)).join('\n'))
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id)
    const token = dossier(o.db, ['token', 'create', '--scope', 'write', '--name', 'load-proof'], env).trim().split('\n').pop()!.trim()

    // The queue's schema first, so the servers find it made; then two stateless app servers
    // that work no jobs, and the workers.
    const queue = await PgJobQueue.open({ url: splitLocation(o.db).url, schema: jobQueueSchema(o.db), log: silentLogger, policy: { retries: 4, delaySeconds: 1, timeoutSeconds: o.jobTimeoutSeconds } })
    const ports = [await freePort(), await freePort()]
    const serverLog = path.join(dir, 'servers.log')
    const workerLog = path.join(dir, 'workers.log')
    for (const port of ports) children.push(start(o.db, ['serve', '--port', String(port), '--workers', '0'], env, serverLog))
    await Promise.all(ports.map((p) => waitFor(`http://127.0.0.1:${p}/api/v1/publications?limit=1`, 60))).catch((err: Error) => {
      throw new Error(`${err.message}; the servers said:\n${readFileSync(serverLog, 'utf8').slice(-3000)}`)
    })

    const t0 = performance.now()
    const jobIds = dossier(o.db, ['import', inputFile, '--queue', '--batch', String(o.batch)], env).trim().split('\n')
    log(`${jobIds.length} import jobs queued`)
    const workers: ChildProcess[] = []
    for (let i = 0; i < o.workers; i++) workers.push(start(o.db, ['worker', '--concurrency', '1'], env, workerLog))
    children.push(...workers)
    const workersGone = () => {
      if (workers.some(alive)) return
      throw new Error(`every worker stopped; their log:\n${readFileSync(workerLog, 'utf8').slice(-3000)}`)
    }

    // Readers and editors until the import is done.
    let importing = true
    const words = ['court', 'state', 'policy', 'election', 'city', 'law', 'tax', 'house', 'jury', 'school']
    const base = (i: number) => `http://127.0.0.1:${ports[i % ports.length]}`
    const searchTimes: number[] = []
    let searchErrors = 0
    const searcher = async (n: number) => {
      for (let k = 0; importing; k++) {
        const t = performance.now()
        try {
          const r = await fetch(`${base(n + k)}/api/v1/search?q=${words[(n + k) % words.length]}&facets=true`)
          await r.arrayBuffer()
          if (r.ok) searchTimes.push(performance.now() - t)
          else searchErrors++
        } catch {
          searchErrors++
        }
      }
    }
    const accepted: { id: string; revision: number; summary: string }[] = []
    const editTimes: number[] = []
    let raced = 0
    let staleSent = 0
    let staleRefused = 0
    let editErrors = 0
    const editor = async (n: number) => {
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
      for (let k = 0; importing; k++) {
        const id = editedIds[(n * 7 + k * 13) % editedIds.length]!
        try {
          const read = await fetch(`${base(n + k)}/api/v1/publications/${id}`, { headers: auth })
          const etag = read.headers.get('etag')!
          await read.arrayBuffer()
          const revision = Number(/r(\d+)/.exec(etag)![1])
          // Every fifth write is sent stale on purpose: with a revision before the one just read.
          const stale = k % 5 === 4 && revision > 1
          const summary = `Edited by editor ${n}, write ${k}.`
          const t = performance.now()
          const r = await fetch(`${base(n + k + 1)}/api/v1/publications/${id}`, {
            method: 'PATCH',
            headers: { ...auth, 'if-match': stale ? `"r${revision - 1}"` : etag },
            body: JSON.stringify({ summary }),
          })
          const body = (await r.json()) as { revision?: number }
          editTimes.push(performance.now() - t)
          if (stale) staleSent++
          if (r.status === 200) {
            if (stale) problems.push(`a stale write to ${id} (If-Match r${revision - 1}) was accepted`)
            accepted.push({ id, revision: body.revision!, summary })
          } else if (r.status === 412) {
            if (stale) staleRefused++
            else raced++
          } else {
            editErrors++
            log(`edit answered ${r.status}: ${JSON.stringify(body).slice(0, 200)}`)
          }
        } catch (err) {
          editErrors++
          log(`edit error: ${(err as Error).message}`)
        }
      }
    }
    const clients = [...Array.from({ length: o.searchers }, (_, n) => searcher(n)), ...Array.from({ length: o.editors }, (_, n) => editor(n))]

    // Kill one worker with SIGKILL while the queue is busy, and start another in its place.
    let killedWorkerHadJob = false
    for (;;) {
      const c = await queue.counts()
      // Every worker holds a job (each takes one at a time), so the one killed dies mid-job.
      if (c.active >= o.workers) {
        killedWorkerHadJob = true
        const victim = workers[0]!
        victim.kill('SIGKILL')
        await stopped(victim)
        log(`killed a worker with SIGKILL (${c.active} jobs active, ${c.completed} done)`)
        const replacement = start(o.db, ['worker', '--concurrency', '1'], env, workerLog)
        workers.push(replacement)
        children.push(replacement)
        break
      }
      if (c.queued + c.retry + c.active === 0) break
      workersGone()
      await new Promise((r) => setTimeout(r, 100))
    }
    // The import is done when its jobs are (edits keep queueing enrichment jobs meanwhile).
    for (let pending = jobIds; pending.length; ) {
      const states = await Promise.all(pending.map((id) => queue.get(id)))
      pending = pending.filter((_, i) => states[i]?.state !== 'completed' && states[i]?.state !== 'dead')
      if (pending.length) {
        workersGone()
        await new Promise((r) => setTimeout(r, 250))
      }
    }
    const importSeconds = (performance.now() - t0) / 1000
    importing = false
    await Promise.all(clients)
    log(`import done in ${importSeconds.toFixed(1)} s`)
    // Then the enrichment the edits queued.
    let counts = await queue.counts()
    for (;;) {
      counts = await queue.counts()
      if (counts.queued + counts.retry + counts.active === 0) break
      workersGone()
      await new Promise((r) => setTimeout(r, 250))
    }

    // What the archive holds now.
    const exported = dossier(o.db, ['export', '--format', 'jsonl'], env)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    const byUrl = new Map<string, Record<string, unknown>[]>()
    for (const r of exported) byUrl.set(String(r.url), [...(byUrl.get(String(r.url)) ?? []), r])
    /** The fields of an input record that the stored one does not hold as given. */
    const differences = (a: Record<string, unknown>, b: Record<string, unknown>) => {
      const out: string[] = []
      if (findPublicationType(String(a.type)) !== b.type) out.push('type')
      for (const k of ['title', 'summary', 'outlet', 'published', 'language']) if (a[k] !== b[k]) out.push(k)
      if (JSON.stringify((b.authors as Contributor[]).map(displayName)) !== JSON.stringify(a.authors)) out.push('authors')
      // Lists are stored without repeats.
      for (const k of ['topics', 'regions']) if (JSON.stringify(b[k]) !== JSON.stringify([...new Set(a[k] as string[])])) out.push(k)
      if ((b.body as { text: string }).text !== (a.body as { text: string }).text) out.push('body')
      return out
    }
    let missing = 0
    let differing = 0
    for (const r of input) {
      const found = byUrl.get(String(r.url))
      if (!found) missing++
      else {
        const fields = differences(r, found[0]!)
        if (fields.length && differing++ < 3) log(`${String(r.url)} stored with other ${fields.join(', ')}: ${fields.map((f) => `${JSON.stringify(r[f])} -> ${JSON.stringify(found[0]![f])}`).join('; ').slice(0, 400)}`)
      }
    }
    const duplicates = [...byUrl.values()].filter((v) => v.length > 1).length

    // Every accepted write is a revision of its own holding what was written; nothing else is.
    let lost = 0
    let unexplained = 0
    for (const id of editedIds) {
      const answer = await fetch(`${base(0)}/api/v1/publications/${id}/revisions`, { headers: { authorization: `Bearer ${token}` } })
      const revisions = (await answer.json()) as { number: number; changes: Record<string, { to?: unknown }> | null }[]
      const mine = accepted.filter((a) => a.id === id)
      for (const a of mine) {
        const r = revisions.find((x) => x.number === a.revision)
        if (!r || r.changes?.summary?.to !== a.summary) lost++
      }
      // Revision 1 is the creation; every later one must be an accepted write.
      unexplained += revisions.filter((r) => r.number > 1 && !mine.some((a) => a.revision === r.number)).length
    }
    const jobRows = await Promise.all(jobIds.map((id) => queue.get(id)))
    const jobsRetried = jobRows.filter((j) => j && j.attempts > 1).length
    // A job completes even when some of its items were refused as bad input; the generated
    // input has none, so every refusal is a record the archive lost.
    const itemFailures = jobRows.flatMap((j) => (j?.output?.failures as { ref: string; error: string }[] | undefined) ?? [])
    const itemsFailed = jobRows.reduce((n, j) => n + Number(j?.output?.failed ?? 0), 0)
    for (const f of itemFailures.slice(0, 5)) log(`import item refused: ${f.ref}: ${f.error}`)
    await queue.stop()

    const checks = {
      'record count is the input plus the edited records': exported.length === o.records + o.edited,
      'every input record is there with the same contents': missing === 0 && differing === 0,
      'no duplicate': duplicates === 0,
      'no lost update: every accepted write is its own revision': lost === 0 && accepted.length > 0,
      'no revision without an accepted write': unexplained === 0,
      'every stale write refused': staleSent > 0 && staleRefused === staleSent,
      'no import job refused an item': itemsFailed === 0,
      'every job completed (imports and the edits\' enrichment), none dead': jobRows.every((j) => j?.state === 'completed') && counts.dead === 0,
      'a worker was killed mid-job and its job ran again': killedWorkerHadJob && jobsRetried >= 1,
    }
    if (itemsFailed) problems.push(`${itemsFailed} items refused by import jobs`)
    if (missing || differing) problems.push(`${missing} input records missing, ${differing} differ`)
    if (duplicates) problems.push(`${duplicates} URLs stored more than once`)
    if (lost || unexplained) problems.push(`${lost} accepted writes not found as their revision, ${unexplained} revisions no accepted write explains`)

    return {
      records: o.records,
      importSeconds,
      recordsPerSecond: o.records / importSeconds,
      jobs: counts,
      jobsRetried,
      killedWorkerHadJob,
      search: { requests: searchTimes.length, errors: searchErrors, p50: percentile(searchTimes, 50), p95: percentile(searchTimes, 95), p99: percentile(searchTimes, 99) },
      edits: { accepted: accepted.length, raced, staleSent, staleRefused, errors: editErrors, p50: percentile(editTimes, 50), p99: percentile(editTimes, 99) },
      checks,
      problems,
    }
  } finally {
    for (const c of children) c.kill('SIGTERM')
    await Promise.all(children.map(stopped))
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `npm run bench -- load [--records N] [--workers N] [--batch N] [--searchers N] [--editors N] [--job-timeout S]`: the load proof on this machine's PostgreSQL. */
export async function benchLoad(args: string[]) {
  const arg = (name: string, fallback: number) => {
    const i = args.indexOf(name)
    return i >= 0 ? Number(args[i + 1]) : fallback
  }
  const url = process.env.DOSSIER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const schema = `dossier_load_${process.pid}`
  const db = `${url}?schema=${schema}`
  const { default: postgres } = await import('postgres')
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const report = await runLoadProof({
      db,
      records: arg('--records', 100_000),
      batch: arg('--batch', 500),
      workers: arg('--workers', 4),
      searchers: arg('--searchers', 20),
      editors: arg('--editors', 10),
      edited: 100,
      jobTimeoutSeconds: arg('--job-timeout', 60),
      log: (line) => console.log(`  ${line}`),
    })
    printLoadReport(report)
    if (report.problems.length || Object.values(report.checks).some((ok) => !ok)) process.exitCode = 1
  } finally {
    await sql.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${jobQueueSchema(db)} CASCADE`)
    await sql.end()
  }
}

export function printLoadReport(r: LoadProofReport) {
  const ms = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(1))
  console.log(`${r.records.toLocaleString('en')} records imported by the workers in ${r.importSeconds.toFixed(1)} s: ${Math.round(r.recordsPerSecond).toLocaleString('en')} records/s`)
  console.log(`jobs: ${Object.entries(r.jobs).map(([k, v]) => `${v} ${k}`).join(', ')}; ${r.jobsRetried} ran more than once (the killed worker's, and any that outlived the job timeout)`)
  console.log(`search: ${r.search.requests} requests, ${r.search.errors} errors, p50 / p95 / p99 ${ms(r.search.p50)} / ${ms(r.search.p95)} / ${ms(r.search.p99)} ms`)
  console.log(`edits: ${r.edits.accepted} accepted, ${r.edits.raced} refused as raced (412), ${r.edits.staleRefused} of ${r.edits.staleSent} deliberately stale refused, ${r.edits.errors} errors; p50 / p99 ${ms(r.edits.p50)} / ${ms(r.edits.p99)} ms`)
  for (const [check, ok] of Object.entries(r.checks)) console.log(`${ok ? 'ok  ' : 'FAIL'} ${check}`)
  for (const p of r.problems) console.log(`problem: ${p}`)
}
