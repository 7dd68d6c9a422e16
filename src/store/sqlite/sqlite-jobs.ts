import type Database from 'better-sqlite3'
import type { JobRow, JobTable } from '../store.js'

type Gate = <T>(f: () => T) => Promise<T>

interface JobDbRow {
  id: string
  kind: string
  data: string
  state: JobRow['state']
  attempts: number
  run_after: string
  created_at: string
  started_at: string | null
  finished_at: string | null
  error: string | null
  output: string | null
}

const toJob = (r: JobDbRow): JobRow => ({
  id: r.id,
  kind: r.kind,
  data: r.data,
  state: r.state,
  attempts: r.attempts,
  runAfter: r.run_after,
  createdAt: r.created_at,
  ...(r.started_at ? { startedAt: r.started_at } : {}),
  ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
  ...(r.error ? { error: r.error } : {}),
  ...(r.output ? { output: r.output } : {}),
})

/**
 * The job table on the archive's own connection (a second connection would wait on the first's
 * open transactions while blocking the event loop that has to finish them).
 */
export class SqliteJobs implements JobTable {
  constructor(
    private readonly db: Database.Database,
    private readonly gate: Gate,
  ) {}

  add(rows: { id: string; kind: string; data: string }[], at: string): Promise<void> {
    return this.gate(() => {
      const insert = this.db.prepare("INSERT INTO jobs (id, kind, data, state, run_after, created_at) VALUES (?, ?, ?, 'queued', ?, ?)")
      this.db.transaction(() => {
        for (const r of rows) insert.run(r.id, r.kind, r.data, at, at)
      })()
    })
  }

  claim(at: string, deadline: string): Promise<JobRow | undefined> {
    return this.gate(() => {
      // Oldest due first; an active job whose run_after (its deadline) passed lost its worker.
      // The deadline given is the one the claimed job gets.
      const row = this.db
        .prepare<[{ at: string; deadline: string }], JobDbRow>(
          `UPDATE jobs SET state = 'active', attempts = attempts + 1, started_at = @at, run_after = @deadline, error = CASE WHEN state = 'active' THEN 'the worker running it stopped (timed out)' ELSE error END
           WHERE id = (SELECT id FROM jobs WHERE (state IN ('queued', 'retry') AND run_after <= @at) OR (state = 'active' AND run_after <= @at)
                       ORDER BY run_after, created_at LIMIT 1)
           RETURNING *`,
        )
        .get({ at, deadline })
      return row && toJob(row)
    })
  }

  complete(id: string, output: string, at: string): Promise<void> {
    return this.gate(() => {
      this.db.prepare("UPDATE jobs SET state = 'completed', output = ?, finished_at = ?, error = NULL WHERE id = ?").run(output, at, id)
    })
  }

  fail(id: string, error: string, at: string, retryAt: string | undefined): Promise<void> {
    return this.gate(() => {
      this.db
        .prepare("UPDATE jobs SET state = ?, error = ?, run_after = coalesce(?, run_after), finished_at = CASE WHEN ? IS NULL THEN ? END WHERE id = ?")
        .run(retryAt ? 'retry' : 'dead', error.slice(0, 4000), retryAt ?? null, retryAt ?? null, at, id)
    })
  }

  get(id: string): Promise<JobRow | undefined> {
    return this.gate(() => {
      const row = this.db.prepare<[string], JobDbRow>('SELECT * FROM jobs WHERE id = ?').get(id)
      return row && toJob(row)
    })
  }

  list(states: JobRow['state'][], limit: number): Promise<JobRow[]> {
    return this.gate(() =>
      this.db
        .prepare<unknown[], JobDbRow>(`SELECT * FROM jobs WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY created_at DESC, id DESC LIMIT ?`)
        .all(...states, limit)
        .map(toJob),
    )
  }

  counts(): Promise<Record<JobRow['state'], number>> {
    return this.gate(() => {
      const out: Record<JobRow['state'], number> = { queued: 0, retry: 0, active: 0, completed: 0, dead: 0 }
      for (const r of this.db.prepare('SELECT state, count(*) AS n FROM jobs GROUP BY state').all() as { state: JobRow['state']; n: number }[]) out[r.state] = r.n
      return out
    })
  }

  delete(id: string): Promise<boolean> {
    return this.gate(() => this.db.prepare('DELETE FROM jobs WHERE id = ?').run(id).changes > 0)
  }
}
