import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { ROOT, tempDir } from './support/paths.js'

const dir = tempDir()
const CLI = path.join(ROOT, 'src/main/cli.ts')
const RECORDS = 10_000

function dossier(db: string, args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--db', db, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, DOSSIER_LOG_LEVEL: 'warn' }, maxBuffer: 1 << 30 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('backup and restore', () => {
  it('round-trips a 10,000-record archive: the export after restoring is byte-identical', () => {
    const source = path.join(dir, 'source.db')
    const lines = Array.from({ length: RECORDS }, (_, i) =>
      JSON.stringify({
        title: `Backup record ${i}: ports, ice & “allies”`,
        type: i % 2 ? 'Report' : 'Op-Ed',
        authors: [`Adaeze Okonkwo`, i % 3 ? 'Lars van der Berg' : 'Kishida, Fumio'],
        published: `20${10 + (i % 15)}-0${1 + (i % 9)}`,
        summary: `Summary ${i} with <tags> and unicode: 尖閣, Schröder.`,
        topics: ['Arctic'],
        status: i % 40 === 0 ? 'withdrawn' : 'published',
      }),
    )
    assert.equal(dossier(source, ['import', '-', '--format', 'jsonl'], lines.join('\n')).code, 0)
    // A second revision for some records, so history is part of the round trip.
    const edits = lines.slice(0, 50).map((l) => JSON.stringify({ ...JSON.parse(l), summary: 'Edited.' }))
    assert.equal(dossier(source, ['import', '-', '--format', 'jsonl'], edits.join('\n')).code, 0)

    const password = dossier(source, ['account', 'create', '--email', 'ana@center.example', '--role', 'admin', '--name', 'Ana Ruiz']).stdout.trim()

    const backup = path.join(dir, 'archive.backup.jsonl')
    const b = dossier(source, ['backup', backup])
    assert.equal(b.code, 0, b.stderr)
    const backupText = readFileSync(backup, 'utf8')
    assert.equal(backupText.trim().split('\n').length, RECORDS + 2)
    assert.ok(!backupText.includes('scrypt$') && !backupText.includes(password), 'accounts go in without their secrets')

    const target = path.join(dir, 'target.db')
    const r = dossier(target, ['restore', backup])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stderr, new RegExp(`^${RECORDS + 1} restored, 0 already present`))
    assert.match(dossier(target, ['account', 'list']).stdout, /^ana@center\.example {2}admin .* Ana Ruiz$/m)
    for (const format of ['jsonl', 'csl-json', 'bibtex', 'ris']) {
      const before = dossier(source, ['export', '--format', format]).stdout
      const after = dossier(target, ['export', '--format', format]).stdout
      assert.ok(before.length > 0)
      assert.equal(after, before, `${format} export differs after restore`)
    }
    const edited = JSON.parse(dossier(source, ['list', '--json', '--limit', '1']).stdout.trim().split('\n')[0]!).id
    assert.equal(dossier(target, ['history', edited]).stdout, dossier(source, ['history', edited]).stdout)
    assert.equal(JSON.parse(dossier(target, ['search', 'ports', '--json']).stdout).total, RECORDS - RECORDS / 40, 'the search index is rebuilt too')

    // Running it again finds everything in place; a foreign file is refused with its line.
    assert.match(dossier(target, ['restore', backup]).stderr, new RegExp(`^0 restored, ${RECORDS + 1} already present`))
    const notBackup = path.join(dir, 'not-a-backup.jsonl')
    writeFileSync(notBackup, '{"title":"x"}\n')
    const refused = dossier(path.join(dir, 'other.db'), ['restore', notBackup])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /not-a-backup\.jsonl:1: .*not a Dossier backup/)
  })

  it('leaves no half-written backup file when it cannot write', () => {
    const db = path.join(dir, 'small.db')
    assert.equal(dossier(db, ['import', '-', '--format', 'jsonl'], '{"title":"One"}').code, 0)
    const target = path.join(dir, 'no-such-folder', 'b.jsonl')
    assert.equal(dossier(db, ['backup', target]).code, 1)
    assert.equal(existsSync(target), false)
  })
})
