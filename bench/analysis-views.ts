import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Archive } from '../src/archive/index.js'
import { silentLogger } from '../src/shared/index.js'
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import { prng, realisticRecord } from './corpus.js'

/**
 * `npm run bench -- views [--count N]`: the analysts' views on an archive of N generated records
 * (Brown-corpus text, enriched on import), each timed on its first (uncached) view beside a
 * faceted search over the same archive, the page readers load most.
 */
export async function benchAnalysisViews(args: string[]) {
  const at = args.indexOf('--count')
  const count = at >= 0 ? Number(args[at + 1]) : 20_000
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-views-'))
  const store = await openSqliteStore({ file: path.join(dir, 'views.db') })
  try {
    const archive = new Archive({ store, log: silentLogger, now: () => new Date() })
    const rng = prng(7)
    const t0 = performance.now()
    for (let start = 0; start < count; start += 2000) {
      const lines: string[] = []
      for (let i = start; i < Math.min(count, start + 2000); i++) lines.push(JSON.stringify({ ...realisticRecord(rng, i), status: 'published' }))
      await archive.importItems(archive.readSources([{ name: 'bench.jsonl', bytes: Buffer.from(lines.join('\n')) }]), { actor: 'bench' })
    }
    console.log(`\n${count} records imported with enrichment at ${((count / (performance.now() - t0)) * 1000).toFixed(0)} records/s\n`)

    const top = await archive.analysis.entities({ limit: 3 })
    const words = ['court', 'jury', 'state', 'city', 'election', 'law', 'tax', 'house']
    let w = 0
    // each view on a fresh state of the archive: a write in between empties the caches
    const touch = async () => {
      const id = (await archive.list({ limit: 1 })).items[0]!.id
      const p = await archive.get(id)
      await archive.updateRecord(id, { summary: `${p.summary ?? ''} .`.slice(0, 500) }, p.revision, 'bench')
    }
    const first = async (f: () => Promise<unknown>) => {
      const times: number[] = []
      for (let i = 0; i < 5; i++) {
        await touch()
        const t = performance.now()
        await f()
        times.push(performance.now() - t)
      }
      return times.sort((a, b) => a - b)[2]!
    }
    const baseline = await first(() => archive.search(words[w++ % words.length]!, { facets: true }))
    const cases: [string, () => Promise<unknown>][] = [
      ['entities, all kinds', () => archive.analysis.entities({ limit: 51 })],
      ['entities, people', () => archive.analysis.entities({ type: 'PERSON', limit: 51 })],
      [`entity page (${top[0]!.name}, ${top[0]!.records} records)`, () => archive.analysis.entityView(top[0]!.key, { limit: 50 })],
      ['map (countries)', () => archive.analysis.countries()],
      ['timeline, first page', () => archive.analysis.timeline({ limit: 50 })],
      [`timeline of ${top[1]!.name}`, () => archive.analysis.timeline({ entity: top[1]!.key, limit: 50 })],
      ['trends of the top 3', () => archive.analysis.trends(top.map((e) => e.key))],
    ]
    console.log('| view (first after a write) | median ms | × faceted search |')
    console.log('|---|---|---|')
    console.log(`| faceted search (baseline) | ${baseline.toFixed(1)} | 1.0 |`)
    for (const [label, f] of cases) {
      const ms = await first(f)
      console.log(`| ${label} | ${ms.toFixed(1)} | ${(ms / baseline).toFixed(1)} |`)
    }
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
