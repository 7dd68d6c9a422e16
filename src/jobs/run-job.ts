import type { Archive, ImportOutcome } from '../archive/index.js'
import type { ErrorCode } from '../shared/index.js'
import type { JobHandler } from './job-queue.js'

/** Failures worth another try later: the source or the database was away, or something broke. */
const TRANSIENT = new Set<ErrorCode>(['SOURCE_UNREACHABLE', 'STORE_UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL'])

/** Failed items named in a job's output; the rest are counted. */
const SHOWN_FAILURES = 20

function report(outcomes: ImportOutcome[]): Record<string, unknown> {
  const count = (s: string) => outcomes.filter((o) => o.status === s).length
  const failures = outcomes.filter((o) => o.status === 'failed')
  return {
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    failed: failures.length,
    ...(failures.length ? { failures: failures.slice(0, SHOWN_FAILURES).map((o) => ({ ref: o.ref, error: o.error?.describe() ?? 'failed' })) } : {}),
  }
}

/**
 * A failure that a retry may cure (the whole job runs again: imports are idempotent, so what
 * the first run stored comes back `unchanged`); bad input is reported in the output instead.
 */
function throwIfTransient(outcomes: ImportOutcome[]) {
  const transient = outcomes.find((o) => o.status === 'failed' && o.error && TRANSIENT.has(o.error.code))
  if (transient) throw new Error(`${transient.ref}: ${transient.error!.describe()}`)
}

/** What each kind of job does, on the given archive. */
export function jobHandler(archive: Archive): JobHandler {
  return async (job) => {
    switch (job.kind) {
      case 'import': {
        const items = archive.readSources([{ name: job.source, firstLine: job.firstLine, bytes: Buffer.from(job.text) }], job.format)
        const outcomes = await archive.importItems(items, { actor: job.actor })
        throwIfTransient(outcomes)
        return report(outcomes)
      }
      case 'ingest': {
        const outcomes = await archive.ingest([{ kind: 'url', url: job.url }], { actor: job.actor, excerptWords: job.excerptWords, concurrency: 1 })
        throwIfTransient(outcomes)
        return report(outcomes)
      }
      case 'enrich': {
        const done = job.stale ? await archive.analysis.enrichStale() : await archive.analysis.enrichMany(job.ids ?? [])
        return { ...done }
      }
      case 'reindex':
        return { reindexed: await archive.reindex({ after: job.after, until: job.until }) }
    }
  }
}
