import assert from 'node:assert/strict'
import path from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { tempDir } from '../../test/support/paths.js'
import { silentLogger } from '../shared/index.js'
import type { Store } from '../store/index.js'
import { openSqliteStore } from '../store/sqlite/index.js'
import { Archive } from './archive.js'

const dir = tempDir()
let n = 0
const page = (title: string, extra = '') =>
  `Op-Ed - The Harbour Review\n\n${title}\n\nAdaeze Okonkwo | March 5, 2024\n\nA short dek.\n\nBody paragraph.${extra}\n`
const source = (name: string, text: string) => ({ name, bytes: Buffer.from(text) })

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = ''
  for await (const c of chunks) out += c
  return out
}

describe('Archive use cases', () => {
  let store: Store
  let archive: Archive
  let clock = 0
  beforeEach(async () => {
    store = await openSqliteStore({ file: path.join(dir, `archive-${++n}.db`) })
    archive = new Archive({ store, log: silentLogger, now: () => new Date(Date.UTC(2024, 0, 1) + ++clock * 1000) })
  })
  afterEach(() => store.close())

  const importTexts = (...texts: [string, string][]) =>
    archive.importItems(archive.readSources(texts.map(([name, text]) => source(name, text))), { actor: 'test' })

  it('creates, then reports an unchanged re-import without a new revision', async () => {
    const [first] = await importTexts(['a.txt', page('Arctic Lanes')])
    assert.equal(first!.status, 'created')
    const [second] = await importTexts(['a.txt', page('Arctic Lanes')])
    assert.deepEqual([second!.status, second!.id], ['unchanged', first!.id])
    assert.equal(await archive.count(), 1)
    assert.equal((await archive.revisions(first!.id!)).length, 1)
  })

  it('updates the matching record when the page changed, recording what changed', async () => {
    const [first] = await importTexts(['a.txt', page('Arctic Lanes')])
    const [second] = await importTexts(['a.txt', page('Arctic Lanes', '\n\nA new closing paragraph.')])
    assert.deepEqual([second!.status, second!.id], ['updated', first!.id])
    const revisions = await archive.revisions(first!.id!)
    assert.deepEqual(Object.keys(revisions[1]!.changes ?? {}), ['body'])
    assert.equal(revisions[1]!.actor, 'test a.txt')
  })

  it('imports good items, reports bad ones with file and line, and writes nothing for them', async () => {
    const jsonl = [
      JSON.stringify({ title: 'Good one', type: 'Report', published: '2022' }),
      '{"title": ',
      JSON.stringify({ title: 'Bad date', published: '2022-02-30' }),
      JSON.stringify({ title: 'Good two', type: 'Working Paper' }),
    ].join('\n')
    const outcomes = await importTexts(['batch.jsonl', jsonl])
    assert.deepEqual(outcomes.map((o) => o.status), ['created', 'failed', 'failed', 'created'])
    assert.equal(outcomes[1]!.error?.describe().startsWith('batch.jsonl:2: is not valid JSON'), true)
    assert.equal(outcomes[2]!.error?.describe(), 'batch.jsonl:3: published: "2022-02-30" is not a date (expected e.g. 2023-01-18, 2023-01, 2023 or Jan. 18, 2023)')
    assert.equal(await archive.count(), 2)
  })

  it('fails one item on a URL conflict inside a batch and keeps the rest of the batch', async () => {
    const lines = [
      { title: 'First', url: 'https://example.org/x' },
      { id: 'fixed-id-01', title: 'Second', url: 'https://example.org/y' },
      { id: 'fixed-id-01', title: 'Second', url: 'https://example.org/x' },
      { title: 'Third' },
    ].map((r) => JSON.stringify(r))
    const outcomes = await importTexts(['c.jsonl', lines.join('\n')])
    assert.deepEqual(outcomes.map((o) => o.status), ['created', 'created', 'failed', 'created'])
    assert.equal(outcomes[2]!.error?.code, 'CONFLICT')
    assert.equal((await archive.get('fixed-id-01')).url, 'https://example.org/y')
    assert.equal(await archive.count(), 3)
  })

  it('exports JSON Lines that import back into an empty archive as the same records', async () => {
    await importTexts(['a.txt', page('Arctic Lanes')], ['b.txt', page('Baltic Cables')])
    const exported = await collect(archive.export('jsonl'))
    const other = await openSqliteStore({ file: path.join(dir, `restore-${n}.db`) })
    const restored = new Archive({ store: other, log: silentLogger, now: () => new Date() })
    const outcomes = await restored.importItems(restored.readSources([source('backup.jsonl', exported)]), { actor: 'restore' })
    assert.deepEqual(outcomes.map((o) => o.status), ['created', 'created'])
    const strip = (s: string) => s.split('\n').filter(Boolean).map((l) => { const { slug, createdAt, updatedAt, revision, ...rest } = JSON.parse(l); return rest })
    assert.deepEqual(strip(await collect(restored.export('jsonl'))), strip(exported))
    const again = await restored.importItems(restored.readSources([source('backup.jsonl', exported)]), { actor: 'restore' })
    assert.deepEqual(again.map((o) => o.status), ['unchanged', 'unchanged'])
    await other.close()
  })

  it('exports CSL-JSON as one array, and BibTeX and RIS with an entry per record', async () => {
    await importTexts(['a.txt', page('Arctic Lanes')], ['b.txt', page('Baltic Cables')])
    const csl = JSON.parse(await collect(archive.export('csl-json')))
    assert.equal(csl.length, 2)
    assert.equal((await collect(archive.export('bibtex'))).match(/^@article\{/gm)?.length, 2)
    assert.equal((await collect(archive.export('ris'))).match(/^ER {2}- $/gm)?.length, 2)
    assert.deepEqual(JSON.parse(await collect(archive.export('csl-json', { status: 'draft' }))), [])
  })

  it('finds records by id or slug and says clearly when there is none', async () => {
    const [o] = await importTexts(['a.txt', page('Arctic Lanes')])
    const p = await archive.get(o!.id!)
    assert.equal((await archive.get(p.slug)).id, p.id)
    await assert.rejects(archive.get('missing'), /no record "missing"/)
  })
})
