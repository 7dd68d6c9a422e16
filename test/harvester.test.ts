import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { Archive } from '../src/archive/index.js'
import { silentLogger } from '../src/shared/index.js'
import type { Store } from '../src/store/index.js'
import { openSqliteStore } from '../src/store/sqlite/index.js'
import { createApp } from '../src/web/app.js'
import { tempDir } from './support/paths.js'

// A real OAI-PMH harvester: `oai_pmh` from Debian's libhttp-oai-perl (.ci/run installs it).
const HARVESTER = spawnSync('sh', ['-c', 'command -v oai_pmh'], { encoding: 'utf8' }).stdout.trim()
const skip = HARVESTER ? false : 'oai_pmh is not installed (apt-get install libhttp-oai-perl)'
const RECORDS = 10_000
const TOPICS = ['Arctic', 'Trade', 'Nuclear Security', 'Climate']

/** Runs the harvester without blocking the event loop that serves it. */
function harvest(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(HARVESTER, args)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('a real OAI-PMH harvester', { skip }, () => {
  let store: Store
  let app: ReturnType<typeof createApp>
  let base: string

  before(async () => {
    store = await openSqliteStore({ file: path.join(tempDir(), 'harvest.db') })
    const archive = new Archive({ store, log: silentLogger, now: () => new Date() })
    const lines = Array.from({ length: RECORDS }, (_, i) =>
      JSON.stringify({ title: `Harvest record ${i}`, type: i % 3 ? 'Report' : 'Op-Ed', topics: [TOPICS[i % TOPICS.length]], authors: ['Mina Pollmann'], published: `20${10 + (i % 15)}`, status: i % 50 === 0 ? 'withdrawn' : 'published' }),
    )
    await archive.importItems(archive.readSources([{ name: 'harvest.jsonl', bytes: Buffer.from(lines.join('\n')) }]), { actor: 'test' })
    // Small pages: a hundred and four resumption tokens for the whole archive.
    app = createApp({ archive, log: silentLogger, oai: { siteUrl: 'https://harvest.example', pageSize: 97 } })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/oai`
  })
  after(async () => {
    await app?.close()
    await store?.close()
  })

  it('harvests the whole archive with small pages: every record exactly once', async () => {
    const r = await harvest(['-X', 'ListIdentifiers', '--metadataPrefix', 'oai_dc', base])
    assert.equal(r.code, 0, r.stderr)
    // The harvester prints one block per header, separated by form feeds.
    const ids = [...r.stdout.matchAll(/^\f?identifier: (\S+)$/gm)].map((m) => m[1]!)
    assert.equal(ids.length, RECORDS)
    assert.equal(new Set(ids).size, RECORDS)
    const deleted = [...r.stdout.matchAll(/^status: deleted$/gm)].length
    assert.equal(deleted, RECORDS / 50)
  })

  it('harvests full records of one set', async () => {
    const r = await harvest(['-X', 'ListRecords', '--metadataPrefix', 'oai_dc', '--set', 'topic:arctic', base])
    assert.equal(r.code, 0, r.stderr)
    const titles = [...r.stdout.matchAll(/<dc:title>Harvest record (\d+)<\/dc:title>/g)].map((m) => Number(m[1]))
    // Withdrawn records come as deleted headers, without metadata.
    const expected = Array.from({ length: RECORDS }, (_, i) => i).filter((i) => i % TOPICS.length === 0 && i % 50 !== 0)
    assert.deepEqual(titles.sort((a, b) => a - b), expected)
  })
})
