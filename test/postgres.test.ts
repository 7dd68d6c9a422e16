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

  it('names the server in one clear error when it cannot be reached', () => {
    const r = dossier('postgres://nobody:secret@127.0.0.1:1/none', ['list'])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^error: cannot open the PostgreSQL archive at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/)
    assert.doesNotMatch(r.stderr, /secret/)
  })
})
