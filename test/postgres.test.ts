import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { ROOT, tempDir } from './support/paths.js'
import { TEST_DATABASE_URL, dropTestSchemas, postgresUnavailable, testSchema } from './support/postgres.js'

const skip = await postgresUnavailable()
const dir = tempDir()
const CLI = path.join(ROOT, 'src/main/cli.ts')

function dossier(db: string, args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...(db ? ['--db', db] : []), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, DOSSIER_LOG_LEVEL: 'warn', ...env },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('the dossier command on PostgreSQL', { skip }, () => {
  after(dropTestSchemas)

  it('imports, searches and exports through --db postgres://, and a backup restores into SQLite byte for byte', () => {
    const pg = `${TEST_DATABASE_URL}?schema=${testSchema()}`
    const lines = [
      { type: 'Op-Ed', title: 'Ports and Power', authors: ['Adaeze Okonkwo'], outlet: 'The Harbour Review', published: '2024-03-05', topics: ['Trade'], summary: 'Ports, sanctions & “allies”: 尖閣.' },
      { type: 'Report', title: 'Fisheries in the Arctic', authors: ['Mina Pollmann'], published: '2023', topics: ['Arctic'], status: 'withdrawn' },
      { type: 'Journal Article', title: 'Deterrence at Sea', authors: ['Lars van der Berg'], outlet: 'Security Quarterly', published: '2022-06', volume: '3' },
    ].map((l) => JSON.stringify(l))
    const imported = dossier(pg, ['import', '-', '--format', 'jsonl', '--json'], lines.join('\n'))
    assert.equal(imported.code, 0, imported.stderr)
    assert.deepEqual(imported.stdout.trim().split('\n').map((l) => JSON.parse(l).status), ['created', 'created', 'created'])
    // Idempotent: the same input again changes nothing.
    assert.deepEqual(dossier(pg, ['import', '-', '--format', 'jsonl', '--json'], lines.join('\n')).stdout.trim().split('\n').map((l) => JSON.parse(l).status), ['unchanged', 'unchanged', 'unchanged'])

    const found = JSON.parse(dossier(pg, ['search', 'sanction', '--json', '--facets']).stdout)
    assert.equal(found.total, 1)
    assert.match(found.hits[0].snippet, /<mark>sanctions<\/mark>/)
    assert.equal(JSON.parse(dossier('', ['search', 'fisheries', '--json'], undefined, { DATABASE_URL: pg }).stdout).total, 0, 'DATABASE_URL works too; withdrawn stays out')

    const backup = path.join(dir, 'pg.backup.jsonl')
    assert.equal(dossier(pg, ['backup', backup]).code, 0)
    const sqlite = path.join(dir, 'from-pg.db')
    const restored = dossier(sqlite, ['restore', backup])
    assert.equal(restored.code, 0, restored.stderr)
    for (const format of ['jsonl', 'csl-json', 'bibtex', 'ris']) {
      assert.equal(dossier(sqlite, ['export', '--format', format]).stdout, dossier(pg, ['export', '--format', format]).stdout, format)
    }
  })

  it('migrates an archive from SQLite to PostgreSQL and back, verified by its exports, resumable', () => {
    const sqlite = path.join(dir, 'source.db')
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({ title: `Migrated piece ${i}`, type: i % 2 ? 'Report' : 'Op-Ed', authors: ['Adaeze Okonkwo'], published: `20${10 + (i % 15)}`, topics: ['Arctic'], status: i % 30 === 0 ? 'withdrawn' : 'published' }),
    )
    assert.equal(dossier(sqlite, ['import', '-', '--format', 'jsonl'], lines.join('\n')).code, 0)
    assert.equal(dossier(sqlite, ['import', '-', '--format', 'jsonl'], lines.slice(0, 20).map((l) => JSON.stringify({ ...JSON.parse(l), summary: 'Edited.' })).join('\n')).code, 0)
    assert.equal(dossier(sqlite, ['account', 'create', '--email', 'ana@center.example', '--role', 'admin']).code, 0)

    const pg = `${TEST_DATABASE_URL}?schema=${testSchema()}`
    const first = dossier('', ['migrate', '--from', `sqlite:${sqlite}`, '--to', pg])
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stderr, /^301 copied, 0 already there; the exports match \(jsonl, csl-json, bibtex, ris\)/)
    assert.match(dossier('', ['migrate', '--from', sqlite, '--to', pg]).stderr, /^0 copied, 301 already there/)
    const id = JSON.parse(dossier(sqlite, ['list', '--json', '--limit', '1']).stdout.trim().split('\n')[0]!).id
    assert.equal(dossier(pg, ['history', id]).stdout, dossier(sqlite, ['history', id]).stdout)
    assert.match(dossier(pg, ['account', 'list']).stdout, /ana@center\.example/)

    const back = path.join(dir, 'back.db')
    assert.equal(dossier('', ['migrate', '--from', pg, '--to', back]).code, 0)
    assert.equal(dossier(back, ['export', '--format', 'jsonl']).stdout, dossier(sqlite, ['export', '--format', 'jsonl']).stdout)

    // A target that holds other records is not a copy: the verification says so.
    const other = path.join(dir, 'other.db')
    assert.equal(dossier(other, ['import', '-', '--format', 'jsonl'], JSON.stringify({ title: 'Someone else' })).code, 0)
    const refused = dossier('', ['migrate', '--from', sqlite, '--to', other])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /export differs from the source's/)
  })

  it('names the server in one clear error when it cannot be reached', () => {
    const r = dossier('postgres://nobody:secret@127.0.0.1:1/none', ['list'])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^error: cannot open the PostgreSQL archive at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/)
    assert.doesNotMatch(r.stderr, /secret/)
  })
})
