import { Readability } from '@mozilla/readability'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { parseHTML } from 'linkedom'
import { decodeHtmlBytes, extractFromHtml, htmlToPlainText } from '../src/ingest/index.js'
import { displayName } from '../src/model/index.js'

/** A stored page as the pipeline reads a .html.gz file: charset from BOM, meta or a guess. Every system gets the same text. */
function readPage(file: string): string {
  return decodeHtmlBytes(gunzipSync(readFileSync(file))).text
}

const DATASETS = path.resolve(import.meta.dirname, '../../shared/datasets')
const BODY_DIR = path.join(DATASETS, 'extraction/scrapinghub')
const META_DIR = path.join(DATASETS, 'metadata')

type BodyPredictor = (html: string, url?: string) => string
type MetaPrediction = { title?: string; authors?: string[]; date?: string; site_name?: string; url?: string }
type MetaPredictor = (html: string, url?: string) => Promise<MetaPrediction> | MetaPrediction

const linkedomDocument = (html: string) => parseHTML(html).document as unknown as Document

// ---- the systems compared ----

function readabilityLinkedom(html: string) {
  return new Readability(linkedomDocument(html)).parse()
}

async function readabilityJsdom(html: string, url?: string) {
  const { JSDOM, VirtualConsole } = await import('jsdom')
  // jsdom's CSS parser throws on some pages and its console is noisy; both are jsdom's problem,
  // counted here as an empty result, as a production worker would see it.
  const dom = new JSDOM(html, { url: url ?? 'https://example.org/', virtualConsole: new VirtualConsole() })
  try {
    return new Readability(dom.window.document).parse()
  } finally {
    dom.window.close()
  }
}

const BODY_SYSTEMS: Record<string, (html: string, url?: string) => Promise<string> | string> = {
  dossier: (html, url) => extractFromHtml(html, { url }).body?.text ?? '',
  'readability+linkedom (textContent)': (html) => readabilityLinkedom(html)?.textContent ?? '',
  // The baseline: Readability's HTML turned into text with breaks between blocks.
  'readability+linkedom (blocks)': (html) => {
    const content = readabilityLinkedom(html)?.content
    return content ? htmlToPlainText(content) : ''
  },
  'readability+jsdom (textContent)': async (html, url) => {
    try {
      return (await readabilityJsdom(html, url))?.textContent ?? ''
    } catch {
      return ''
    }
  },
}

function splitByline(byline: string | null | undefined): string[] {
  if (!byline) return []
  return byline.replace(/^by\s+/i, '').split(/\s*,\s*|\s+and\s+|\s*&\s*/).filter(Boolean)
}

let metascraper: ((o: { html: string; url: string }) => Promise<Record<string, string | null>>) | undefined
async function metascraperPredict(html: string, url?: string): Promise<MetaPrediction> {
  if (!metascraper) {
    const load = async (name: string) => ((await import(name)) as { default: (o?: unknown) => unknown }).default
    const create = (await load('metascraper')) as (rules: unknown[]) => typeof metascraper
    metascraper = create([(await load('metascraper-title'))(), (await load('metascraper-author'))(), (await load('metascraper-date'))(), (await load('metascraper-publisher'))()])
  }
  const m = await metascraper!({ html, url: url ?? 'https://example.org/' })
  return { title: m.title ?? undefined, authors: m.author ? [m.author] : [], date: m.date?.slice(0, 10), site_name: m.publisher ?? undefined }
}

const META_SYSTEMS: Record<string, MetaPredictor> = {
  dossier: (html, url) => {
    const r = extractFromHtml(html, { url })
    return { title: r.draft.title, authors: (r.draft.authors ?? []).map(displayName), date: r.draft.published, site_name: r.draft.outlet, url: r.draft.url }
  },
  'readability+linkedom': (html) => {
    const a = readabilityLinkedom(html)
    return { title: a?.title ?? undefined, authors: splitByline(a?.byline), date: a?.publishedTime?.slice(0, 10), site_name: a?.siteName ?? undefined }
  },
  metascraper: metascraperPredict,
}

// ---- scoring with the datasets' own scripts ----

export async function benchExtract(args: string[]) {
  if (!existsSync(DATASETS)) {
    console.log(`skipped: ${DATASETS} is absent (../shared/datasets is not beside the project)`)
    return
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-extract-'))
  try {
    // --speed-only re-measures pages/s and memory without the slow quality tables.
    if (!args.includes('--speed-only')) {
      await bodyTable(dir)
      await metadataTable(dir)
    }
    await speedTable(args)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function printTable(rows: (string | number)[][]) {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)))
  rows.forEach((row, i) => {
    console.log(`| ${row.map((v, c) => (c === 0 ? String(v).padEnd(widths[c]!) : String(v).padStart(widths[c]!))).join(' | ')} |`)
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  })
}

async function bodyTable(dir: string) {
  const truthFile = path.join(BODY_DIR, 'ground-truth.json')
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, { url?: string }>
  const rows: (string | number)[][] = [['body: scrapinghub dev (eval-body.mjs)', 'F1', 'precision', 'recall', 'empty pages']]
  for (const [name, predict] of Object.entries(BODY_SYSTEMS)) {
    const predictions: Record<string, { articleBody: string }> = {}
    let empty = 0
    for (const id of Object.keys(truth)) {
      const html = readPage(path.join(BODY_DIR, 'html', `${id}.html.gz`))
      let body = ''
      try {
        body = await predict(html, truth[id]!.url)
      } catch {
        body = ''
      }
      if (!body) empty++
      predictions[id] = { articleBody: body }
    }
    const file = path.join(dir, `body-${rows.length}.json`)
    writeFileSync(file, JSON.stringify(predictions))
    const score = JSON.parse(execFileSync('node', [path.join(DATASETS, 'extraction/eval-body.mjs'), truthFile, file, '--json'], { encoding: 'utf8' })) as Record<string, number>
    rows.push([name, score.f1!.toFixed(3), score.precision!.toFixed(3), score.recall!.toFixed(3), empty])
  }
  printTable(rows)
}

async function metadataTable(dir: string) {
  const split = path.join(META_DIR, 'pack/dev')
  const ids = readdirSync(split)
  const files: string[] = []
  for (const [name, predict] of Object.entries(META_SYSTEMS)) {
    const predictions: Record<string, MetaPrediction> = {}
    for (const id of ids) {
      const expected = JSON.parse(readFileSync(path.join(split, id, 'expected.json'), 'utf8')) as { url?: string }
      const html = readPage(path.join(split, id, 'source.html.gz'))
      try {
        predictions[id] = await predict(html, expected.url)
      } catch {
        predictions[id] = {}
      }
    }
    const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.json`) // the row name
    writeFileSync(file, JSON.stringify(predictions))
    files.push(file)
  }
  // eval-meta.mjs prints one table row per predictions file, named after the file.
  const table = execFileSync('node', ['eval-meta.mjs', '--pack', 'pack', '--split', 'dev', ...files.flatMap((f) => ['--pred', f])], { cwd: META_DIR, encoding: 'utf8' })
  console.log(`\nmetadata: ${ids.length} pages of metadata/pack/dev (eval-meta.mjs)`)
  console.log(table.trim())
}

function loadPagePool(): { name: string; html: string; url?: string }[] {
  const truth = JSON.parse(readFileSync(path.join(BODY_DIR, 'ground-truth.json'), 'utf8')) as Record<string, { url?: string }>
  const pool = Object.keys(truth).map((id) => ({ name: id, url: truth[id]!.url, html: readPage(path.join(BODY_DIR, 'html', `${id}.html.gz`)) }))
  const readabilityDir = path.join(DATASETS, 'extraction/readability')
  for (const page of readdirSync(readabilityDir)) {
    const file = path.join(readabilityDir, page, 'source.html')
    if (existsSync(file)) pool.push({ name: `readability/${page}`, url: undefined, html: readFileSync(file, 'utf8') })
  }
  return pool
}

const heapMb = () => {
  ;(globalThis as { gc?: () => void }).gc?.()
  return process.memoryUsage().heapUsed / 1024 / 1024
}

/**
 * Pages/s of the whole Dossier pipeline (metadata and body) beside Readability on linkedom
 * alone, in alternating rounds over the same pages so that machine noise hits both; then the
 * heap over a long run, to show memory stays flat.
 */
async function speedTable(args: string[]) {
  const pagesArg = args.indexOf('--pages')
  const longRun = pagesArg >= 0 ? Number(args[pagesArg + 1]) : 10_000
  const pool = loadPagePool()
  const systems: Record<string, (p: { html: string; url?: string }) => unknown> = {
    'readability+linkedom alone': (p) => readabilityLinkedom(p.html),
    'dossier pipeline (metadata + body)': (p) => extractFromHtml(p.html, { url: p.url }),
  }
  const totals = new Map<string, { ms: number; pages: number; failed: number; slowestMs: number; each: number[] }>()
  for (const name of Object.keys(systems)) totals.set(name, { ms: 0, pages: 0, failed: 0, slowestMs: 0, each: [] })
  for (let round = 0; round < 4; round++) {
    for (const [name, run] of Object.entries(systems)) {
      const t = totals.get(name)!
      for (const page of pool) {
        const t0 = performance.now()
        try {
          run(page)
        } catch {
          if (round === 0) t.failed++
        }
        const ms = performance.now() - t0
        // Round 0 is the warm-up: it counts failures, not time.
        if (round > 0) {
          t.ms += ms
          t.pages++
          t.slowestMs = Math.max(t.slowestMs, ms)
          t.each.push(ms)
        }
      }
    }
  }
  const base = totals.get('readability+linkedom alone')!
  // The median page shows the typical cost; pages/s also carries the slow pages, where one
  // pathological page (or a pause of the machine) can move the total a lot.
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const rows: (string | number)[][] = [[`speed: ${pool.length} pages x 3 rounds after warm-up`, 'pages/s', 'vs readability', 'median page ms', 'median vs readability', 'slowest page ms', 'pages failing']]
  for (const [name, t] of totals) {
    rows.push([
      name,
      (t.pages / (t.ms / 1000)).toFixed(1),
      ((t.pages / t.ms) / (base.pages / base.ms)).toFixed(2),
      median(t.each).toFixed(1),
      (median(base.each) / median(t.each)).toFixed(2),
      t.slowestMs.toFixed(0),
      t.failed,
    ])
  }
  console.log('')
  printTable(rows)

  const samples: { pages: number; heapMb: number; rssMb: number }[] = []
  const every = Math.max(1, Math.floor(longRun / 10))
  for (let i = 0; i < longRun; i++) {
    if (i % every === 0) samples.push({ pages: i, heapMb: heapMb(), rssMb: process.memoryUsage().rss / 1024 / 1024 })
    const page = pool[i % pool.length]!
    try {
      extractFromHtml(page.html, { url: page.url })
    } catch {
      // counted above
    }
  }
  samples.push({ pages: longRun, heapMb: heapMb(), rssMb: process.memoryUsage().rss / 1024 / 1024 })
  const gcNote = (globalThis as { gc?: unknown }).gc ? 'heap after a forced GC' : 'heap (run node with --expose-gc for exact figures)'
  console.log(`\nmemory over ${longRun.toLocaleString('en')} pages of the Dossier pipeline (${gcNote}):`)
  console.log(samples.map((s) => `${s.pages}: heap ${s.heapMb.toFixed(0)} MB, rss ${s.rssMb.toFixed(0)} MB`).join('\n'))
}
