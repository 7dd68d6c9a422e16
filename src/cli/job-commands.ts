import type { Command } from 'commander'
import type { Archive } from '../archive/index.js'
import { JOB_STATES, jobHandler, type JobQueue, type JobRequest, type JobView } from '../jobs/index.js'
import { AppError } from '../shared/index.js'
import type { CliIo } from './run-cli.js'

interface Context {
  io: CliIo
  withQueue: <T>(cmd: Command, work: (queue: JobQueue, archive: Archive) => Promise<T>) => Promise<T>
  parsePositiveInt: (value: string) => number
  /** Resolves on SIGINT or SIGTERM. */
  untilStopped: () => Promise<void>
}

function jobLine(j: JobView): string {
  const when = j.finishedAt ?? j.startedAt ?? j.createdAt
  const counts = j.output ? `  ${Object.entries(j.output).filter(([, v]) => typeof v === 'number').map(([k, v]) => `${v} ${k}`).join(', ')}` : ''
  return `${j.id}  ${j.state.padEnd(9)} ${j.kind.padEnd(7)} ${when}  ${j.label}${counts}${j.error ? `  (${j.error})` : ''}\n`
}

/** `dossier worker`, `dossier jobs …` and `dossier reindex`: the background queue from the terminal. */
export function addJobCommands(program: Command, { io, withQueue, parsePositiveInt, untilStopped }: Context): void {
  program
    .command('worker')
    .description('work the archive\'s background jobs (imports, web ingestion, enrichment, reindexing) until stopped')
    .option('--concurrency <n>', 'jobs run at once by this process', parsePositiveInt, 2)
    .action(async (opts: { concurrency: number }, cmd: Command) => {
      await withQueue(cmd, async (queue, archive) => {
        await queue.work(jobHandler(archive), { concurrency: opts.concurrency })
        io.stderr(`worker: taking jobs (${opts.concurrency} at once, ${queue.backend}); stop with Ctrl-C\n`)
        await untilStopped()
        io.stderr('worker: finishing the jobs in hand\n')
      })
    })

  program
    .command('reindex')
    .description('write every record\'s search index rows again (after an upgrade that changes what is indexed, or to repair)')
    .option('--batch <n>', 'records per transaction; with --queue, records per job', parsePositiveInt, 500)
    .option('--queue', 'hand the archive to the background workers in jobs of --batch records, instead of reindexing here')
    .action(async (opts: { batch: number; queue?: boolean }, cmd: Command) => {
      await withQueue(cmd, async (queue, archive) => {
        if (opts.queue) {
          const ranges = await archive.reindexRanges(opts.batch)
          const ids = await queue.sendMany(ranges.map((r): JobRequest => ({ kind: 'reindex', ...r })))
          for (const id of ids) await io.stdout(`${id}\n`)
          return void io.stderr(`${ids.length} jobs queued; \`dossier jobs\` follows them\n`)
        }
        const started = Date.now()
        let shown = 0
        const done = await archive.reindex({}, {
          batch: opts.batch,
          progress: (n) => {
            if (n - shown >= 10_000) io.stderr(`${(shown = n)} records reindexed\n`)
          },
        })
        await io.stdout(`${done} records reindexed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
      })
    })

  const jobs = program
    .command('jobs')
    .description('the background jobs: counts and the latest (see also: jobs dead, retry, discard, wait)')
    .option('--limit <n>', 'jobs listed', parsePositiveInt, 20)
    .option('--json', 'print {"counts", "jobs"}')
    .action(async (opts: { limit: number; json?: boolean }, cmd: Command) => {
      await withQueue(cmd, async (queue) => {
        const [counts, recent] = await Promise.all([queue.counts(), queue.recent(opts.limit)])
        if (opts.json) return void (await io.stdout(`${JSON.stringify({ counts, jobs: recent })}\n`))
        await io.stdout(`${JOB_STATES.map((s) => `${counts[s]} ${s}`).join(', ')}\n`)
        for (const j of recent) await io.stdout(jobLine(j))
      })
    })

  jobs
    .command('dead')
    .description('the dead-letter list: jobs that failed every retry')
    .option('--limit <n>', 'jobs listed', parsePositiveInt, 50)
    .option('--json', 'print one job per line')
    .action(async (opts: { limit: number; json?: boolean }, cmd: Command) => {
      await withQueue(cmd, async (queue) => {
        for (const j of await queue.dead(opts.limit)) await io.stdout(opts.json ? `${JSON.stringify(j)}\n` : jobLine(j))
      })
    })

  jobs
    .command('retry')
    .description('queue a dead job again, with fresh retries')
    .argument('<id>', 'the dead job')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withQueue(cmd, async (queue) => {
        const fresh = await queue.retryDead(id)
        if (!fresh) throw new AppError('NOT_FOUND', `no dead job ${id}`)
        await io.stdout(`${fresh}\n`)
      })
    })

  jobs
    .command('discard')
    .description('drop a dead job')
    .argument('<id>', 'the dead job')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withQueue(cmd, async (queue) => {
        if (!(await queue.discardDead(id))) throw new AppError('NOT_FOUND', `no dead job ${id}`)
      })
    })

  jobs
    .command('wait')
    .description('wait until no job is queued, waiting to retry or running; prints the counts')
    .option('--timeout <seconds>', 'give up after this long (exit 1)', parsePositiveInt)
    .action(async (opts: { timeout?: number }, cmd: Command) => {
      await withQueue(cmd, async (queue) => {
        const deadline = opts.timeout ? Date.now() + opts.timeout * 1000 : Infinity
        for (;;) {
          const counts = await queue.counts()
          if (counts.queued + counts.retry + counts.active === 0) return void (await io.stdout(`${JSON.stringify(counts)}\n`))
          if (Date.now() > deadline) throw new AppError('CONFLICT', `jobs still pending after ${opts.timeout} s: ${JSON.stringify(counts)}`)
          await new Promise((r) => setTimeout(r, 500))
        }
      })
    })
}
