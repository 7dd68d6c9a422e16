import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { ROOT, tempDir } from './support/paths.js'

const dir = tempDir()
const CLI = path.join(ROOT, 'src/main/cli.ts')

/** An op-ed page of our own, with the metadata a news site would carry. */
function articlePage(n: number, base: string): string {
  const title = `Arctic Shipping Note ${n}: Ports, Ice and Allies`
  const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>Note ${n}, paragraph ${i + 1}: allied navies weigh how thinning ice changes routes, which ports can repair ships in winter, and who pays for escorts.</p>`).join('\n')
  return `<!doctype html><html lang="en"><head>
<title>${title} | The Harbour Review</title>
<link rel="canonical" href="${base}/articles/${n}">
<meta property="og:site_name" content="The Harbour Review">
<meta property="og:title" content="${title}">
<meta name="description" content="Why note ${n} matters for the alliance.">
<script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'OpinionNewsArticle',
    headline: title,
    datePublished: `2024-03-0${n}T22:30:00-05:00`,
    author: [{ '@type': 'Person', name: 'Adaeze Okonkwo' }, { '@type': 'Person', name: 'Lars van der Berg' }],
    publisher: { '@type': 'Organization', name: 'The Harbour Review' },
  })}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>${paragraphs}</article></body></html>`
}

function feed(base: string, count: number): string {
  const items = Array.from({ length: count }, (_, i) => i + 1)
    .map((n) => `<item><title>Arctic Shipping Note ${n}</title><link>${base}/articles/${n}</link><guid>${base}/articles/${n}</guid><pubDate>Tue, 0${n} Mar 2024 22:30:00 -0500</pubDate><description>Teaser ${n}.</description></item>`)
    .join('')
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>The Harbour Review</title><link>${base}/</link><description>Notes</description>${items}</channel></rss>`
}

describe('web ingest, end to end over loopback HTTP', () => {
  let server: Server
  let base: string
  const hits: string[] = []
  let articleDelayMs = 0

  before(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '')
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
        res.end(feed(base, 3))
        return
      }
      const m = /^\/articles\/(\d)$/.exec(req.url ?? '')
      if (m) {
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          res.end(articlePage(Number(m[1]), base))
        }, articleDelayMs)
        return
      }
      res.writeHead(404).end()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  after(() => new Promise<void>((r) => server.close(() => r())))

  const env = (extra: Record<string, string> = {}) => ({ ...process.env, DOSSIER_LOG_LEVEL: 'warn', DOSSIER_FETCH_ALLOW_PRIVATE: '127.0.0.1', ...extra })
  // The CLI runs as a child process; it must be awaited, not run synchronously, because the
  // server it fetches from lives in this process's event loop.
  const run = async (db: string, args: string[], extraEnv: Record<string, string> = {}) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--db', db, ...args], { cwd: ROOT, env: env(extraEnv) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    return { code, stdout, stderr, lines: stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) }
  }

  it('extracts a page by URL with its metadata and body, storing nothing', async () => {
    const db = path.join(dir, 'extract.db')
    const r = await run(db, ['extract', `${base}/articles/1`, '--json'])
    assert.equal(r.code, 0, r.stderr)
    const [page] = r.lines
    assert.equal(page.title, 'Arctic Shipping Note 1: Ports, Ice and Allies')
    assert.deepEqual(page.authors, ['Adaeze Okonkwo', 'Lars van der Berg'])
    assert.equal(page.datePublished, '2024-03-01')
    assert.equal(page.outlet, 'The Harbour Review')
    assert.equal(page.language, 'en')
    assert.equal(page.url, `${base}/articles/1`)
    assert.equal(page.type, 'op-ed')
    assert.equal(page.body.split('\n\n').length, 6)
    assert.equal(page.sources.published, 'json-ld')
    assert.equal((await run(db, ['list', '--json'])).stdout, '')
  })

  it('reads .html.gz files, takes --url, and cuts excerpts at a sentence', async () => {
    const file = path.join(dir, 'page.html.gz')
    writeFileSync(file, gzipSync(articlePage(2, 'https://harbour.example')))
    const r = await run(path.join(dir, 'file.db'), ['extract', file, '--url', 'https://harbour.example/articles/2', '--excerpt', '30', '--json'])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.lines[0].url, 'https://harbour.example/articles/2')
    assert.equal(r.lines[0].isExcerpt, true)
    assert.match(r.lines[0].body, /escorts\.$/)
    assert.ok(r.lines[0].body.split(/\s+/).length <= 30)
  })

  it('keeps excerpts when the collection says so, unless --full-text', async () => {
    const file = path.join(dir, 'page3.html.gz')
    writeFileSync(file, gzipSync(articlePage(3, 'https://harbour.example')))
    const collection = { DOSSIER_EXCERPT_WORDS: '30' }
    const excerpted = await run(path.join(dir, 'setting.db'), ['extract', file, '--json'], collection)
    assert.equal(excerpted.code, 0, excerpted.stderr)
    assert.equal(excerpted.lines[0].isExcerpt, true)
    assert.ok(excerpted.lines[0].body.split(/\s+/).length <= 30)
    const full = await run(path.join(dir, 'setting.db'), ['extract', file, '--json', '--full-text'], collection)
    assert.equal(full.lines[0].isExcerpt, false)
    assert.equal(full.lines[0].body.split('\n\n').length, 6)
  })

  it('refuses private addresses unless allowed, with a clear error', async () => {
    const r = await run(path.join(dir, 'refused.db'), ['extract', `${base}/articles/1`, '--json'], { DOSSIER_FETCH_ALLOW_PRIVATE: '' })
    assert.equal(r.code, 1)
    assert.equal(r.lines[0].error.code, 'SOURCE_REFUSED')
    assert.match(r.stderr, /127\.0\.0\.1/)
  })

  it('ingests a feed, following teasers to their pages, and adds nothing on a second run', async () => {
    const db = path.join(dir, 'feed.db')
    hits.length = 0
    const first = await run(db, ['ingest', `${base}/feed.xml`, '--json'])
    assert.equal(first.code, 0, first.stderr)
    assert.deepEqual(first.lines.map((l) => l.status), ['created', 'created', 'created'])
    assert.equal(hits.filter((h) => h.startsWith('/articles/')).length, 3)
    hits.length = 0
    const second = await run(db, ['ingest', `${base}/feed.xml`, '--json'])
    assert.deepEqual(second.lines.map((l) => l.status), ['unchanged', 'unchanged', 'unchanged'])
    assert.deepEqual(hits, ['/feed.xml'], 'the second run fetches only the feed')
    assert.equal((await run(db, ['list', '--json'])).lines.length, 3)
  })

  it('resumes a run killed midway without duplicates or losses', async () => {
    const db = path.join(dir, 'killed.db')
    articleDelayMs = 300
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--db', db, 'ingest', `${base}/feed.xml`, '--json', '--concurrency', '1'], { cwd: ROOT, env: env() })
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('"created"')) {
          child.kill('SIGKILL')
          resolve()
        }
      })
      child.on('exit', () => reject(new Error('the run ended before it could be killed')))
    })
    articleDelayMs = 0
    const again = await run(db, ['ingest', `${base}/feed.xml`, '--json'])
    assert.equal(again.code, 0, again.stderr)
    const statuses = again.lines.map((l) => l.status).sort()
    assert.ok(statuses.includes('unchanged'), 'what the killed run stored is recognised')
    assert.ok(statuses.includes('created'), 'what it had not stored is added')
    const listed = (await run(db, ['list', '--json'])).lines
    assert.equal(listed.length, 3)
    assert.equal(new Set(listed.map((p) => p.url)).size, 3)
  })
})
