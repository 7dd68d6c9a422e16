import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { ROOT, SEED_PAGE, needsShared, tempDir } from './support/paths.js'

const dir = tempDir()
const CLI = path.join(ROOT, 'src/main/cli.ts')

/** Runs the real `dossier` command (from source) in a child process. */
function dossier(db: string, args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--db', db, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, DOSSIER_LOG_LEVEL: 'warn' },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name)
  writeFileSync(file, content)
  return file
}

describe('dossier CLI', () => {
  it('imports the model page, cites it and shows it back byte for byte', { skip: needsShared(SEED_PAGE) }, () => {
    const db = path.join(dir, 'seed.db')
    const first = dossier(db, ['import', SEED_PAGE, '--json'])
    assert.equal(first.code, 0, first.stderr)
    const outcome = JSON.parse(first.stdout.trim())
    assert.equal(outcome.status, 'created')
    assert.match(outcome.id, /^[0-9a-z]{12}$/)

    const seed = readFileSync(SEED_PAGE, 'utf8')
    const line = /^For Academic Citation: (.*)$/m.exec(seed)![1]!.replace('Mina.“', 'Mina. “')
    const cite = dossier(db, ['cite', outcome.id, '--style', 'chicago'])
    assert.equal(cite.stdout, `${line}\n`)

    const show = dossier(db, ['show', outcome.id, '--format', 'text'])
    assert.equal(show.stdout, `${seed.replace('Mina.“', 'Mina. “')}\n`)

    const again = dossier(db, ['import', SEED_PAGE, '--json'])
    assert.deepEqual(JSON.parse(again.stdout.trim()), { ...outcome, status: 'unchanged' })
    assert.equal(dossier(db, ['list', '--json']).stdout.trim().split('\n').length, 1)
  })

  it('refuses malformed pages with one line each and leaves the archive unchanged', () => {
    const db = path.join(dir, 'refuse.db')
    const good = write('good.txt', 'Op-Ed - The Harbour Review\n\nA Good Piece\n\n| May 2, 2024\n\nDek.\n')
    assert.equal(dossier(db, ['import', good]).code, 0)
    const before = dossier(db, ['export', '--format', 'jsonl']).stdout

    const bad = {
      'no-title.txt': 'Op-Ed - The Harbour Review\n\n',
      'bad-date.txt': 'Op-Ed - X\n\nTitle\n\n| Jan. 35, 2023\n',
      'bad-type.txt': 'Pamphlet - X\n\nTitle\n',
      'binary.txt': Buffer.from([0x4f, 0x70, 0x0a, 0x00, 0x01, 0xff, 0xfe]),
    }
    const files = Object.entries(bad).map(([name, content]) => write(name, content))
    const r = dossier(db, ['import', ...files, '--json'])
    assert.equal(r.code, 1)
    const errors = r.stderr.trim().split('\n')
    assert.deepEqual(
      errors.map((e) => e.replace(dir + path.sep, '')),
      [
        'error: no-title.txt:2: title: is required (the first paragraph after the type line)',
        'error: bad-date.txt:5: published: "Jan. 35, 2023" is not a date (expected e.g. 2023-01-18, 2023-01, 2023 or Jan. 18, 2023)',
        'error: bad-type.txt:1: type: unknown publication type "Pamphlet"',
        'error: binary.txt:2: is not UTF-8 text (binary or another encoding)',
      ],
    )
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).status), ['failed', 'failed', 'failed', 'failed'])
    assert.equal(dossier(db, ['export', '--format', 'jsonl']).stdout, before)
  })

  it('reads JSON Lines from standard input and exports every format', () => {
    const db = path.join(dir, 'stdin.db')
    const lines = [
      { type: 'Report', title: 'Fishing Fleets', authors: [{ organization: 'Center for Maritime Studies' }], published: '2022-06', identifiers: { reportNumber: 'CMS-7' } },
      { type: 'Journal Article', title: 'Deterrence', authors: ['Adaeze Okonkwo'], outlet: 'Security Quarterly', volume: '3', pages: '1-9', published: '2021' },
    ].map((l) => JSON.stringify(l)).join('\n')
    const r = dossier(db, ['import', '-', '--json'], lines)
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).status), ['created', 'created'])
    assert.equal(JSON.parse(dossier(db, ['export', '--format', 'csl-json']).stdout).length, 2)
    assert.match(dossier(db, ['export', '--format', 'bibtex']).stdout, /@techreport\{/)
    assert.match(dossier(db, ['export', '--format', 'ris']).stdout, /TY {2}- JOUR/)
    const id = JSON.parse(r.stdout.split('\n')[0]!).id
    assert.match(dossier(db, ['cite', id, '--style', 'apa']).stdout, /^Center for Maritime Studies\. \(2022\)\. Fishing Fleets \(Report No\. CMS-7\)/)
    assert.equal(JSON.parse(dossier(db, ['show', id, '--format', 'json']).stdout).identifiers.reportNumber, 'CMS-7')
  })

  it('answers bad usage with exit 2 and a missing record with exit 1', () => {
    const db = path.join(dir, 'usage.db')
    assert.equal(dossier(db, ['frobnicate']).code, 2)
    assert.equal(dossier(db, ['cite', 'x', '--style', 'vancouver']).code, 2)
    assert.equal(dossier(db, ['list', '--limit', 'many']).code, 2)
    const missing = dossier(db, ['show', 'nothing-here'])
    assert.equal(missing.code, 1)
    assert.equal(missing.stderr, 'error: no record "nothing-here"\n')
    const noFile = dossier(db, ['import', path.join(dir, 'absent.txt')])
    assert.equal(noFile.code, 1)
    assert.match(noFile.stderr, /absent\.txt: no such file/)
  })

  it('uses DOSSIER_DB when --db is not given', () => {
    const db = path.join(dir, 'env.db')
    const file = write('env.txt', 'Op-Ed - X\n\nThrough the Environment\n')
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'import', file], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DOSSIER_DB: db } })
    assert.equal(r.status, 0, r.stderr)
    assert.ok(existsSync(db))
  })

  it('runs as the built `dossier` bin', { skip: existsSync(path.join(ROOT, 'dist/main/cli.js')) ? false : 'skipped: dist/ is not built (npm ci builds it)' }, () => {
    const r = spawnSync('npx', ['--no-install', 'dossier', '--help'], { cwd: ROOT, encoding: 'utf8' })
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /Usage: dossier/)
  })

  it('searches with snippets, facets, pages and a suggestion, and explains a bad query', () => {
    const db = path.join(dir, 'search.db')
    const records = [
      { title: 'Senkaku <script>alert(1)</script> tensions', type: 'op-ed', outlet: 'The Diplomat', published: '2023-01-18', authors: ['Mina Pollmann'], summary: 'Coast guard ships near the Senkaku Islands & beyond.' },
      { title: 'Fisheries and the East China Sea', type: 'report', published: '2021-06-01', authors: ['Kishida, Fumio'], body: { text: 'The Senkaku question returns every season.', isExcerpt: false } },
      { title: 'A draft on the Senkaku Islands', type: 'report', status: 'draft' },
    ]
    assert.equal(dossier(db, ['import', '-', '--format', 'jsonl'], records.map((r) => JSON.stringify(r)).join('\n')).code, 0)

    const r = dossier(db, ['search', 'senkaku', '--facets', '--json'])
    assert.equal(r.code, 0, r.stderr)
    const answer = JSON.parse(r.stdout)
    assert.equal(answer.total, 2, 'the draft stays hidden')
    assert.equal(answer.hits[0].title, 'Senkaku <script>alert(1)</script> tensions', 'the title hit ranks first; the JSON carries the title as data')
    assert.equal(answer.hits[0].snippet, 'Coast guard ships near the <mark>Senkaku</mark> Islands &amp; beyond.')
    assert.equal(answer.hits[1].snippet, 'The <mark>Senkaku</mark> question returns every season.')
    assert.deepEqual(answer.facets.type, { 'op-ed': 1, report: 1 })
    assert.deepEqual(answer.facets.year, { '2023': 1, '2021': 1 })

    const filtered = JSON.parse(dossier(db, ['search', 'senkaku type:report', '--facets', '--json']).stdout)
    assert.deepEqual(filtered.hits.map((h: { title: string }) => h.title), ['Fisheries and the East China Sea'])
    assert.deepEqual(filtered.facets.type, { 'op-ed': 1, report: 1 }, 'other types stay visible with their counts')

    const paged = JSON.parse(dossier(db, ['search', 'senkaku', '--limit', '1', '--page', '2', '--json']).stdout)
    assert.equal(paged.pages, 2)
    assert.equal(paged.hits[0].title, 'Fisheries and the East China Sea')

    const human = dossier(db, ['search', 'Senkako'])
    assert.match(human.stdout, /^0 results\ndid you mean: Senkaku/)

    const bad = dossier(db, ['search', 'year:2023..2019'])
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /^error: q: .*2023\.\.2019/)
  })

  it('creates, lists and revokes API tokens, showing a secret only once', () => {
    const db = path.join(dir, 'tokens.db')
    const created = dossier(db, ['token', 'create', '--scope', 'read,write', '--name', 'desk'])
    assert.equal(created.code, 0, created.stderr)
    const secret = created.stdout.trim()
    assert.match(secret, /^dsr_[A-Za-z0-9_-]{43}$/)
    const listed = dossier(db, ['token', 'list']).stdout
    assert.match(listed, /read,write .* live {2}desk/)
    assert.ok(!listed.includes(secret), 'the secret is never listed')
    const id = listed.split(/\s+/)[0]!
    assert.equal(dossier(db, ['token', 'revoke', id]).code, 0)
    assert.match(dossier(db, ['token', 'list']).stdout, /revoked/)
    assert.equal(dossier(db, ['token', 'create', '--scope', 'root']).code, 2)
  })

  it('creates the first admin account, with a generated or a piped password, and stores only a hash', () => {
    const db = path.join(dir, 'accounts.db')
    const created = dossier(db, ['account', 'create', '--email', 'Ana@Center.example', '--role', 'admin', '--name', 'Ana Ruiz'])
    assert.equal(created.code, 0, created.stderr)
    const generated = created.stdout.trim()
    assert.ok(generated.length >= 20, 'a generated password is printed once')
    const piped = dossier(db, ['account', 'create', '--email', 'ben@center.example', '--password-stdin'], 'a password of my own\n')
    assert.equal(piped.code, 0, piped.stderr)
    assert.equal(piped.stdout, '', 'a piped password is not echoed')
    assert.match(dossier(db, ['account', 'list']).stdout, /ana@center\.example {2}admin .* Ana Ruiz\nben@center\.example {2}editor/)
    const short = dossier(db, ['account', 'password', '--email', 'ben@center.example', '--password-stdin'], 'short\n')
    assert.equal(short.code, 1)
    assert.match(short.stderr, /password: .*12 characters/)
    assert.equal(dossier(db, ['account', 'create', '--email', 'ana@center.example']).code, 1, 'one account per email')
    const file = readFileSync(db)
    assert.ok(!file.includes(generated) && !file.includes('a password of my own'), 'no password stored in clear')
  })

  it('analyzes JSON Lines into the scorers\' format, and names the line of a bad one', () => {
    const input = write('analyze.jsonl', [
      JSON.stringify({ id: 'a', text: 'Prime Minister Kishida visited Ottawa last December.', dct: '2023-01-18' }),
      '',
      JSON.stringify({ id: 'b', text: 'Nothing dated here.' }),
    ].join('\n'))
    const out = dossier(path.join(dir, 'unused.db'), ['analyze', input])
    assert.equal(out.code, 0, out.stderr)
    const [a, b] = out.stdout.trim().split('\n').map((l) => JSON.parse(l))
    const text = 'Prime Minister Kishida visited Ottawa last December.'
    assert.deepEqual(a.entities.map((e: { start: number; end: number; type: string }) => [text.slice(e.start, e.end), e.type]), [['Kishida', 'PERSON'], ['Ottawa', 'LOC']])
    assert.deepEqual(a.timexes, [{ start: 38, end: 51, type: 'DATE', value: '2022-12' }])
    assert.deepEqual(b, { id: 'b', entities: [], timexes: [] })

    const bad = dossier(path.join(dir, 'unused.db'), ['analyze', write('bad.jsonl', `${JSON.stringify({ id: 'a', text: 'x' })}\n{"id": "b"}\n`)])
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /bad\.jsonl:2: needs a "text" string/)
  })

  it('enriches on import, lists a record\'s entities, re-enriches with --all, and prints a timeline', () => {
    const db = path.join(dir, 'analysis.db')
    const page = 'Op-Ed - The Harbour Review\n\nCoastal Talks\n\nAdaeze Okonkwo | January 18, 2023\n\nA dek.\n\nPrime Minister Kishida Fumio will visit Oslo this May. Kishida met NATO officials last December.\n'
    const imported = dossier(db, ['import', write('talks.txt', page), '--json'])
    assert.equal(imported.code, 0, imported.stderr)
    const id = JSON.parse(imported.stdout.trim()).id
    const entities = dossier(db, ['entities', id, '--json'])
    assert.equal(entities.code, 0, entities.stderr)
    const found = JSON.parse(entities.stdout)
    assert.deepEqual(found.entities.map((e: { key: string }) => e.key).sort(), ['loc:oslo-no', 'org:north-atlantic-treaty-organization', 'person:fumio-kishida'])
    assert.match(dossier(db, ['entities', id]).stdout, /^PERSON\s+Kishida Fumio \s*×2/m)

    const again = dossier(db, ['enrich', '--all'])
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stderr, /^0 enriched, 0 failed/m, 'nothing is stale after enrichment on import')
    assert.equal(dossier(db, ['enrich']).code, 1)

    const timeline = dossier(db, ['timeline', '--entity', 'Kishida Fumio', '--json'])
    assert.equal(timeline.code, 0, timeline.stderr)
    const events = timeline.stdout.trim().split('\n').map((l) => JSON.parse(l))
    assert.deepEqual(events.map((e: { start: string; end: string }) => `${e.start}..${e.end}`), ['2022-12-01..2022-12-31', '2023-05-01..2023-05-31'])
    assert.equal(dossier(db, ['timeline', '--entity', 'Atlantis']).code, 1)
  })
})
