import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Archive } from '../src/archive/index.js'
import { silentLogger } from '../src/shared/index.js'
import { openSqliteStore } from '../src/store/sqlite/index.js'
import { prng, realisticRecord } from './corpus.js'
import { percentile } from './side-by-side.js'

const CHUNK = 5_000

const ROOT = path.resolve(import.meta.dirname, '..')

/**
 * `npm run bench -- web [--count N] [--seconds S] [--connections C]`: builds an archive of N
 * generated records (default 100,000), serves it with `dossier serve` in a child process, and
 * loads it with autocannon (C connections, default 50, S seconds each, default 10): a static
 * asset (the baseline, same server, same run), publication pages and search pages, each
 * rotating over many records and queries so no single answer stays hot.
 */
export async function benchWeb(args: string[]) {
  const opt = (name: string, fallback: number) => {
    const i = args.indexOf(name)
    return i >= 0 ? Number(args[i + 1]) : fallback
  }
  const count = opt('--count', 100_000)
  const seconds = opt('--seconds', 10)
  const connections = opt('--connections', 50)
  const dir = path.join(tmpdir(), `dossier-bench-web-${process.pid}`)
  rmSync(dir, { recursive: true, force: true })
  const file = path.join(dir, 'web.db')

  // The archive, built through the import pipeline.
  const rng = prng(count)
  const store = await openSqliteStore({ file })
  const archive = new Archive({ store, log: silentLogger, now: () => new Date() })
  const t0 = performance.now()
  for (let start = 0; start < count; start += CHUNK) {
    const lines: string[] = []
    for (let i = start; i < Math.min(count, start + CHUNK); i++) lines.push(JSON.stringify(realisticRecord(rng, i)))
    await archive.importItems(archive.readSources([{ name: 'bench.jsonl', bytes: Buffer.from(lines.join('\n')) }]), { actor: 'bench' })
  }
  const ids: string[] = []
  let cursor: string | undefined
  do {
    const page = await archive.list({ status: 'published', limit: 1000, cursor })
    for (const p of page.items) if (ids.length < 5_000) ids.push(p.id)
    cursor = ids.length < 5_000 ? page.nextCursor : undefined
  } while (cursor)
  await store.close()
  console.log(`${count.toLocaleString('en')} records built in ${((performance.now() - t0) / 1000).toFixed(0)} s`)

  // The server, in its own process as in production, so the load generator does not share its event loop.
  const port = 18_000 + (process.pid % 1000)
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main/cli.ts'), 'serve', '--db', file, '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, DOSSIER_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  try {
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/healthz`).catch(() => undefined))?.ok) break
      if (i > 300) throw new Error('the server did not start')
      await new Promise((r) => setTimeout(r, 100))
    }
    const words = ['government', 'world', 'development', 'people', 'state', 'program', 'policy', 'american', 'national', 'public', 'economic', 'war']
    const searchPaths = words.flatMap((w) => [`/search?q=${w}`, `/search?q=${w}&page=2`, `/search?q=${w}+type:report`])
    const cases: { name: string; paths: string[] }[] = [
      { name: 'static asset /static/app.js', paths: ['/static/app.js'] },
      { name: `publication page (${ids.length.toLocaleString('en')} records in turn)`, paths: ids.map((id) => `/publications/${id}`) },
      { name: `search page (${searchPaths.length} queries in turn, facets and snippets)`, paths: searchPaths },
    ]
    // Warm-up, timed: every page once, one at a time. A record page's first view renders its
    // citation (citeproc); later views come from the page cache until the record changes.
    const firstViews: Record<string, number[]> = {}
    for (const c of cases) {
      const times = (firstViews[c.name] = [] as number[])
      for (const p of c.paths) {
        const t = performance.now()
        await (await fetch(base + p)).text()
        times.push(performance.now() - t)
      }
    }

    const rows: string[][] = [['endpoint', 'requests/s', 'p50 ms', 'p99 ms', 'vs static', 'non-2xx']]
    let staticRps = 0
    for (const c of cases) {
      let n = 0
      const result = await autocannon({
        url: base,
        connections,
        duration: seconds,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: c.paths[n++ % c.paths.length]! }) }],
      })
      const rps = result.requests.average
      if (!staticRps) staticRps = rps
      rows.push([c.name, Math.round(rps).toLocaleString('en'), String(result.latency.p50), String(result.latency.p99), `${((rps / staticRps) * 100).toFixed(0)}%`, String(result.non2xx + result.errors)])
    }
    console.log(`\nFirst view of each page, one request at a time (ms, p50 / p99):`)
    for (const c of cases) console.log(`  ${c.name}: ${percentile(firstViews[c.name]!, 50).toFixed(1)} / ${percentile(firstViews[c.name]!, 99).toFixed(1)}`)
    console.log(`\n${connections} connections, ${seconds} s each, one server process on ${count.toLocaleString('en')} records, after the warm-up\n`)
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
    for (const [i, r] of rows.entries()) {
      console.log(`| ${r.map((cell, j) => cell.padEnd(widths[j]!)).join(' | ')} |`)
      if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
    }
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    rmSync(dir, { recursive: true, force: true })
  }
}
