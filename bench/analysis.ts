import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { findEntities, findTimexes, enrichRecord } from '../src/enrich/index.js'
import { Archive } from '../src/archive/index.js'
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import { silentLogger } from '../src/shared/index.js'

/**
 * `npm run bench -- analysis`: entity and date recognition scored by the datasets' own
 * scorers, beside the plain baselines run in the same process (compromise for entities,
 * chrono-node for dates); then enrichment speed on 800-word documents beside the plain
 * import rate of the same documents.
 */

const DATASETS = path.resolve(import.meta.dirname, '../../shared/datasets')
const ENTITIES = path.join(DATASETS, 'entities')
const DATES = path.join(DATASETS, 'dates')

interface Span { start: number; end: number; type: string }
interface TimexSpan extends Span { value: string }
interface GoldDoc { id: string; text: string; dct?: string }

const readJsonl = <T>(file: string): T[] => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T)

// ---- the systems compared ----

type NlpDoc = { json(o: { offset: true }): { offset: { start: number; length: number } }[] }
type Nlp = ((text: string) => { people(): NlpDoc; organizations(): NlpDoc; places(): NlpDoc })

async function compromiseEntities(): Promise<(text: string) => Span[]> {
  const nlp = (await import('compromise')).default as unknown as Nlp
  return (text) => {
    const doc = nlp(text)
    const out: Span[] = []
    for (const [type, view] of [['PERSON', doc.people()], ['ORG', doc.organizations()], ['LOC', doc.places()]] as const) {
      for (const m of view.json({ offset: true })) {
        // compromise's spans can carry trailing spaces and punctuation, or be empty
        let start = m.offset.start
        let end = m.offset.start + m.offset.length
        while (end > start && /[\s.,;:!?'"”’)]/.test(text[end - 1]!)) end--
        while (start < end && /[\s"“‘(]/.test(text[start]!)) start++
        if (end > start) out.push({ start, end, type })
      }
    }
    return out
  }
}

type ChronoResult = { index: number; text: string; start: { knownValues: Record<string, number>; get(k: string): number | null } }

async function chronoTimexes(): Promise<(text: string, dct?: string) => TimexSpan[]> {
  const chrono = (await import('chrono-node')) as unknown as { parse(text: string, ref?: Date): ChronoResult[] }
  const pad = (n: number | null) => String(n ?? 0).padStart(2, '0')
  return (text, dct) => chrono.parse(text, dct ? new Date(`${dct.slice(0, 10)}T12:00:00Z`) : undefined).map((r) => {
    const known = r.start.knownValues
    const y = r.start.get('year')
    const day = `${y}-${pad(r.start.get('month'))}-${pad(r.start.get('day'))}`
    let value: string
    let type = 'DATE'
    if ('hour' in known) {
      type = 'TIME'
      value = `${day}T${pad(r.start.get('hour'))}:${pad(r.start.get('minute'))}`
    } else if ('day' in known || 'weekday' in known) value = day
    else if ('month' in known) value = day.slice(0, 7)
    else value = String(y)
    return { start: r.index, end: r.index + r.text.length, type, value }
  })
}

// ---- scoring through the datasets' scorers ----

function score(scorer: string, gold: string, lines: object[], dir: string, name: string): Record<string, unknown> {
  const file = path.join(dir, `${name}.jsonl`)
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
  return JSON.parse(execFileSync(process.execPath, [scorer, gold, file, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<string, unknown>
}

type PRF = { P: number | null; R: number | null; F1: number | null }
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '  n/a' : (100 * x).toFixed(1).padStart(5))

function entityRow(name: string, r: Record<string, unknown>, ms: number, docs: number) {
  const exact = r.exact as Record<string, PRF>
  const overlap = r.overlap as Record<string, PRF>
  const micro = (m: Record<string, PRF>) => m.micro ?? m.all ?? m.MICRO
  return `| ${name.padEnd(26)} | ${pct(micro(exact)?.F1)} | ${pct(micro(overlap)?.F1)} | ${pct(exact.PERSON?.F1)} / ${pct(exact.ORG?.F1)} / ${pct(exact.LOC?.F1)} | ${pct(overlap.PERSON?.F1)} / ${pct(overlap.ORG?.F1)} / ${pct(overlap.LOC?.F1)} | ${(docs / (ms / 1000)).toFixed(0).padStart(6)} |`
}

function dateRow(name: string, r: Record<string, unknown>, ms: number, docs: number) {
  const extraction = r.extraction as { strict: PRF; relaxed: PRF }
  const value = r.value as Record<string, PRF>
  return `| ${name.padEnd(26)} | ${pct(extraction.strict.F1)} | ${pct(extraction.relaxed.P)} / ${pct(extraction.relaxed.R)} / ${pct(extraction.relaxed.F1)} | ${pct(value.DATE?.F1)} | ${pct(value.all_types?.F1)} | ${(docs / (ms / 1000)).toFixed(0).padStart(6)} |`
}

function timed<T>(work: () => T): [T, number] {
  const t0 = performance.now()
  const result = work()
  return [result, performance.now() - t0]
}

export async function benchAnalysis(args: string[]) {
  if (!existsSync(ENTITIES) || !existsSync(DATES)) {
    console.log(`skipped: the evaluation data is not at ${DATASETS} (clone ../shared beside the project)`)
    return
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-analysis-'))
  try {
    // warm the gazetteers once, so no system's time includes loading them
    findEntities('Warm-up in Paris.')

    const entityGold = readJsonl<GoldDoc>(path.join(ENTITIES, 'gold.jsonl'))
    const entityScorer = path.join(ENTITIES, 'eval-entities.mjs')
    console.log(`\nEntities: ${entityGold.length} documents (../shared/datasets/entities, scored by eval-entities.mjs)\n`)
    console.log('| system                     | exact | overlap | exact PERSON / ORG / LOC | overlap PERSON / ORG / LOC | docs/s |')
    console.log('|---|---|---|---|---|---|')
    const compromise = await compromiseEntities()
    const entitySystems: [string, (text: string) => Span[]][] = [
      ['dossier', (text) => findEntities(text).filter((e) => e.type !== 'AGREEMENT').map(({ start, end, type }) => ({ start, end, type }))],
      ['compromise 14 (baseline)', compromise],
    ]
    for (const [name, system] of entitySystems) {
      const [lines, ms] = timed(() => entityGold.map((d) => ({ id: d.id, entities: system(d.text) })))
      console.log(entityRow(name, score(entityScorer, path.join(ENTITIES, 'gold.jsonl'), lines, dir, `entities-${name.split(' ')[0]}`), ms, entityGold.length))
    }

    const dateGold = readJsonl<GoldDoc>(path.join(DATES, 'gold.jsonl'))
    const dateScorer = path.join(DATES, 'eval-dates.mjs')
    console.log(`\nDates: ${dateGold.length} documents (../shared/datasets/dates, scored by eval-dates.mjs; dct as reference)\n`)
    console.log('| system                     | strict F1 | relaxed P / R / F1 | DATE value F1 | all value F1 | docs/s |')
    console.log('|---|---|---|---|---|---|')
    const chrono = await chronoTimexes()
    const dateSystems: [string, (text: string, dct?: string) => TimexSpan[]][] = [
      ['dossier', (text, dct) => findTimexes(text, dct).map(({ start, end, type, value }) => ({ start, end, type, value }))],
      ['chrono-node 2.10 (baseline)', chrono],
    ]
    for (const [name, system] of dateSystems) {
      const [lines, ms] = timed(() => dateGold.map((d) => ({ id: d.id, timexes: system(d.text, d.dct) })))
      console.log(dateRow(name, score(dateScorer, path.join(DATES, 'gold.jsonl'), lines, dir, `dates-${name.split(' ')[0]}`), ms, dateGold.length))
    }

    await speed(dir, [...entityGold, ...dateGold], Number(args[0] ?? 400))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** 800-word documents cut from the evaluation texts, enriched on one core, beside importing them without enrichment. */
async function speed(dir: string, docs: GoldDoc[], count: number) {
  const words = docs.flatMap((d) => d.text.split(/\s+/).filter(Boolean))
  const bodies: string[] = []
  for (let i = 0; bodies.length < count; i = (i + 800) % Math.max(1, words.length - 800)) bodies.push(words.slice(i, i + 800).join(' '))
  const records = bodies.map((text, i) => ({
    type: 'op-ed', title: `Benchmark piece ${i}`, summary: text.slice(0, 200), authors: [{ family: 'Bench', given: 'Ada' }],
    published: '2023-01-18', status: 'published', body: { text, isExcerpt: false },
  }))

  const [, enrichMs] = timed(() => records.forEach((r) => enrichRecord(r as never)))
  const importRate = async (enrichOnWrite: boolean) => {
    const store = await openSqliteStore({ file: path.join(dir, `speed-${enrichOnWrite}.db`) })
    const archive = new Archive({ store, log: silentLogger, now: () => new Date(), enrichOnWrite })
    const items = records.map((draft, i) => ({ ref: `bench:${i + 1}`, draft: draft as never }))
    const t0 = performance.now()
    await archive.importItems(items, { actor: 'bench' })
    const ms = performance.now() - t0
    await store.close()
    return count / (ms / 1000)
  }
  const plain = await importRate(false)
  const withEnrichment = await importRate(true)
  console.log(`\nSpeed: ${count} documents of 800 words, one core\n`)
  console.log('| | documents/s |')
  console.log('|---|---|')
  console.log(`| enrichment alone (entities + dates, title + summary + body) | ${(count / (enrichMs / 1000)).toFixed(0)} |`)
  console.log(`| plain import into SQLite (no enrichment) | ${plain.toFixed(0)} |`)
  console.log(`| import with enrichment on write | ${withEnrichment.toFixed(0)} |`)
}
