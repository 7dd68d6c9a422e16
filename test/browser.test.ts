import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { Archive } from '../src/archive/index.js'
import { createFetcher } from '../src/ingest/index.js'
import { silentLogger } from '../src/shared/index.js'
import type { Store } from '../src/store/index.js'
import { openSqliteStore } from '../src/store/sqlite/index.js'
import { createApp } from '../src/web/app.js'
import { TableJobQueue } from '../src/jobs/index.js'
import { ROOT, SEED_PAGE, needsShared, tempDir } from './support/paths.js'

/**
 * A reader and an editor in real Chromium (Debian's, never a downloaded one), against the real
 * server on loopback; axe-core checks each page type; screenshots land in test-artifacts/.
 */

const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots')
const PASSWORD = 'the editor password'

function chromiumPath(): string | undefined {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
}
const executablePath = chromiumPath()
const skip = executablePath ? false : 'skipped: no chromium on PATH (apt-get install -y chromium; .ci/run installs it)'

const OUTLET_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour Cranes and Sovereignty | The Harbour Review</title>
<meta property="og:site_name" content="The Harbour Review">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"OpinionNewsArticle","headline":"Harbour Cranes and Sovereignty",
"author":[{"@type":"Person","name":"Jon Smiht"}],"datePublished":"2024-06-02T09:00:00+00:00","publisher":{"@type":"Organization","name":"The Harbour Review"},
"description":"Who owns the cranes decides who sees the cargo."}</script></head>
<body><header><nav><a href="/">Home</a></nav></header><article><h1>Harbour Cranes and Sovereignty</h1><p class="byline">By Jon Smiht</p>
<p>Container cranes are the quiet sensors of world trade. Every box lifted is counted, weighed and logged, and the software that runs the crane knows where it came from and where it goes.</p>
<p>When the cranes are built and serviced abroad, the data that flows from them may flow abroad too. Ports have begun to ask who can read those logs, and what follows for sovereignty.</p>
<p>The answer is not to stop trade but to know the machines that carry it, and to write the rules before the next crisis makes them for us.</p></article></body></html>`

describe('in Chromium: readers and editors', { skip }, () => {
  let store: Store
  let archive: Archive
  let app: ReturnType<typeof createApp>
  let outlet: Server
  let browser: Browser
  let base = ''
  let outletPort = 0
  let fetcher: ReturnType<typeof createFetcher>
  let axeSource = ''

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true })
    axeSource = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')
    outlet = createServer((req, res) => {
      if (req.url === '/attack.html') {
        // A page on another site that posts a form to the editor the moment it opens.
        res.setHeader('content-type', 'text/html; charset=utf-8')
        res.end(`<!doctype html><form id="f" method="post" action="${base}/editor/new"><input name="title" value="Forged record"></form><script>document.getElementById('f').submit()</script>`)
        return
      }
      res.setHeader('content-type', 'text/html; charset=utf-8')
      res.end(OUTLET_PAGE)
    })
    await new Promise<void>((r) => outlet.listen(0, '127.0.0.1', r))
    outletPort = (outlet.address() as AddressInfo).port

    store = await openSqliteStore({ file: path.join(tempDir(), 'browser.db') })
    fetcher = createFetcher({ allowPrivateHosts: ['127.0.0.1'], accept: 'html-or-feed' })
    archive = new Archive({ store, log: silentLogger, now: () => new Date(), fetcher })
    const records = [
      { type: 'Op-Ed', title: 'Ports and Power in the Baltic', outlet: 'The Harbour Review', authors: ['Adaeze Okonkwo'], published: '2024-03-05', summary: 'Why ports matter for security.', topics: ['Trade', 'Security'], regions: ['Europe'], body: { text: 'Ports are where trade and power meet. The Baltic ports show how.', isExcerpt: true }, url: 'https://harbour.example/ports-power', contact: 'Communications Office' },
      { type: 'Report', title: 'Ports, Fisheries and the Arctic', authors: ['Mina Pollmann', 'Adaeze Okonkwo'], published: '2023-11', topics: ['Arctic'], program: 'Maritime Program', body: 'Fisheries follow the ice. Ports follow the fisheries.' },
      { type: 'Journal Article', title: 'Deterrence at Sea', outlet: 'Security Quarterly', volume: '12', issue: '3', pages: '44-61', authors: ['Lars van der Berg'], published: '2022-05-10', identifiers: { doi: '10.1234/sq.2022.3' }, topics: ['Security'] },
      { type: 'Policy Brief', title: 'Port State Control', authors: ['Mina Pollmann'], published: '2021', topics: ['Trade'] },
    ]
    await archive.importItems(archive.readSources([{ name: 'records.jsonl', bytes: Buffer.from(records.map((r) => JSON.stringify(r)).join('\n')) }]), { actor: 'test' })
    try {
      await archive.importItems(archive.readSources([{ name: 'seed.txt', bytes: readFileSync(SEED_PAGE) }]), { actor: 'test' })
    } catch {
      // The model page is in ../shared; without it the pages show the records above only.
    }
    await archive.accounts.create({ email: 'editor@center.example', name: 'Eda Tor', role: 'admin', password: PASSWORD })
    // The queue's page with a job waiting and a dead one (nothing works the queue here).
    const jobs = new TableJobQueue(store.jobs!, { log: silentLogger })
    await jobs.send({ kind: 'ingest', url: 'https://harbour.example/waiting', actor: 'test' })
    const [deadId] = await jobs.sendMany([{ kind: 'ingest', url: 'https://harbour.example/gone', actor: 'test' }])
    await store.jobs!.fail(deadId!, 'https://harbour.example/gone: the site answered 410', new Date().toISOString(), undefined)
    app = createApp({ archive, log: silentLogger, oai: { siteUrl: 'http://127.0.0.1' }, jobs })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] })
  })

  after(async () => {
    await browser?.close()
    await app?.close()
    await store?.close()
    await fetcher?.close()
    await new Promise((r) => outlet?.close(r))
  })

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })

  /** axe-core's serious and critical findings against WCAG 2.x A and AA on the open page. */
  async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: axeSource })
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe
      return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
    })
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  }

  async function signIn(context: BrowserContext): Promise<Page> {
    const page = await context.newPage()
    await page.goto(`${base}/editor`)
    assert.match(page.url(), /\/editor\/sign-in\?next=/)
    await page.getByLabel('Email').fill('editor@center.example')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${base}/editor`)
    return page
  }

  it('a reader searches, filters by a facet, opens a record, switches the citation style and copies it', async () => {
    const context = await browser.newContext()
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base })
    const page = await context.newPage()
    await page.goto(`${base}/search`)
    await page.getByLabel('Search the archive').fill('ports')
    await page.getByLabel('Search the archive').press('Enter')
    await page.waitForURL(/q=ports/)
    assert.equal(await page.locator('ol.results > li').count(), 3)
    assert.ok((await page.locator('ol.results mark').count()) > 0, 'matches highlighted')
    await page.getByRole('complementary', { name: 'Filters' }).getByRole('link', { name: 'Op-Ed' }).click()
    await page.waitForURL(/type%3Aop-ed/)
    assert.equal(await page.locator('ol.results > li').count(), 1)
    await page.getByRole('link', { name: 'Ports and Power in the Baltic' }).click()
    await page.waitForURL(/\/publications\//)
    assert.equal(await page.locator('h1').textContent(), 'Ports and Power in the Baltic')
    assert.match((await page.locator('.kicker').first().textContent()) ?? '', /Op-Ed - The Harbour Review/)
    assert.match((await page.locator('#citation-text').textContent()) ?? '', /Okonkwo, Adaeze\. “Ports and Power in the Baltic\.” The Harbour Review, March 5, 2024/)
    await page.getByRole('link', { name: 'APA' }).click()
    await page.waitForURL(/style=apa/)
    const apa = ((await page.locator('#citation-text').textContent()) ?? '').trim()
    assert.match(apa, /^Okonkwo, A\. \(2024, March 5\)\. Ports and Power in the Baltic\./)
    await page.getByRole('button', { name: 'Copy citation' }).click()
    await page.getByRole('button', { name: 'Copied' }).waitFor()
    assert.equal((await page.evaluate(() => navigator.clipboard.readText())).trim(), apa)
    await context.close()
  })

  it('the model page, imported, shows every field of the page and its exact Chicago line', { skip: needsShared(SEED_PAGE) }, async () => {
    const seed = readFileSync(SEED_PAGE, 'utf8')
    const record = (await archive.search('"Kishida Visit"')).hits[0]!
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/publications/${record.id}`)
    const article = (await page.locator('article').innerText()).replace(/\s+/g, ' ')
    assert.equal((await page.locator('.kicker').first().innerText()).trim().toLowerCase(), 'analysis & opinions - the diplomat')
    assert.equal(await page.locator('h1').innerText(), 'Japan, US Emphasize Security Cooperation During Kishida Visit')
    assert.equal(await page.getByRole('link', { name: 'Mina Pollmann' }).count(), 1)
    assert.match(article, /Jan\. 18, 2023/)
    for (const paragraph of seed.split(/\n\s*\n/).slice(3, 9)) {
      if (/^For (more|Academic)/.test(paragraph.trim())) continue
      assert.ok(article.includes(paragraph.trim().replace(/\s+/g, ' ').slice(0, 80)), `shows: ${paragraph.slice(0, 60)}`)
    }
    assert.match(article, /For more information on this publication: Belfer Communications Office/)
    const line = /^For Academic Citation: (.*)$/m.exec(seed)![1]!.replace('Mina.“', 'Mina. “')
    assert.equal((await page.locator('#citation-text').innerText()).trim(), line)
    await context.close()
  })

  it('an editor signs in, adds a record from a page, corrects an author, publishes, and finds it in search', async () => {
    const context = await browser.newContext()
    const page = await signIn(context)
    await shot(page, 'editor-records')
    await page.getByLabel(/Add from a URL/).fill(`http://127.0.0.1:${outletPort}/2024/06/cranes`)
    await page.getByRole('button', { name: 'Extract' }).click()
    await page.waitForURL(/\/editor\/new\?url=/)
    assert.equal(await page.getByLabel(/^Title/).inputValue(), 'Harbour Cranes and Sovereignty')
    assert.equal(await page.getByLabel(/^Authors/).inputValue(), 'Jon Smiht')
    assert.match((await page.locator('label[for="f-title"] .source').textContent()) ?? '', /from JSON-LD/)
    assert.equal(await page.getByLabel(/^Date published/).inputValue(), '2024-06-02')
    await shot(page, 'editor-add-from-url')
    await page.getByLabel(/^Authors/).fill('Jon Smith')
    await page.getByRole('button', { name: 'Save as draft' }).click()
    await page.waitForURL(/\/editor\/publications\/[a-z0-9]+\?done=created/)
    assert.match((await page.getByRole('status').first().textContent()) ?? '', /Created as a draft/)
    const id = /publications\/([a-z0-9]+)/.exec(page.url())![1]!
    assert.equal((await fetch(`${base}/publications/${id}`)).status, 404, 'a draft is not public')
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.waitForURL(/done=publish/)
    await shot(page, 'editor-record')

    const reader = await context.newPage()
    await reader.goto(`${base}/search?q=cranes`)
    await reader.getByRole('link', { name: 'Harbour Cranes and Sovereignty' }).click()
    await reader.waitForURL(`${base}/publications/${id}`)
    assert.match((await reader.locator('article').textContent()) ?? '', /Jon Smith/)
    assert.doesNotMatch((await reader.locator('article').textContent()) ?? '', /Smiht/)
    const revisions = await archive.revisions(id)
    assert.deepEqual(revisions.map((r) => r.actor.split(' ')[0]), ['editor:editor@center.example', 'editor:editor@center.example'])
    await page.goto(`${base}/editor/publications/${id}/history`)
    await shot(page, 'editor-history')
    await context.close()
  })

  it('refuses anonymous writes and a form posted from another site', async () => {
    const anonymous = await browser.newContext()
    const anon = await anonymous.request.post(`${base}/editor/new`, { form: { title: 'Anonymous record' }, maxRedirects: 0 })
    assert.equal(anon.status(), 401)
    const api = await anonymous.request.post(`${base}/api/v1/publications`, { data: { title: 'Anonymous record' } })
    assert.equal(api.status(), 401)
    await anonymous.close()

    // Signed in here, the editor opens a hostile page elsewhere; its auto-submitted form must fail.
    const context = await browser.newContext()
    await signIn(context)
    const attack = await context.newPage()
    const refused = attack.waitForResponse((r) => r.url() === `${base}/editor/new` && r.request().method() === 'POST')
    await attack.goto(`http://localhost:${outletPort}/attack.html`)
    assert.ok([401, 403].includes((await refused).status()), `refused, got ${(await refused).status()}`)
    const titles = (await archive.list({ limit: 100 })).items.map((p) => p.title)
    assert.ok(!titles.includes('Forged record') && !titles.includes('Anonymous record'))
    await context.close()
  })

  it('every page type passes axe-core without serious violations, and is photographed', async () => {
    const context = await browser.newContext({ bypassCSP: true })
    const signInPage = await context.newPage()
    await signInPage.goto(`${base}/editor/sign-in`)
    await shot(signInPage, 'editor-sign-in')
    const signInProblems = await seriousViolations(signInPage)
    const page = await signIn(context)
    const record = (await archive.search('ports baltic')).hits[0]!
    const entityKey = (await archive.analysis.entity('person:fumio-kishida').catch(() => undefined))?.key ?? (await archive.analysis.entities({ limit: 1 }))[0]!.key
    const pages: [string, string][] = [
      ['home', '/'],
      ['publication', `/publications/${record.id}`],
      ['search', '/search?q=ports'],
      ['expert', `/experts/${encodeURIComponent('Adaeze Okonkwo')}`],
      ['topic', '/topics/Trade'],
      ['editor-dashboard', '/editor'],
      ['editor-edit', `/editor/publications/${record.id}`],
      ['editor-new', '/editor/new'],
      ['editor-import', '/editor/import'],
      ['editor-tokens', '/editor/tokens'],
      ['editor-accounts', '/editor/accounts'],
      // the analysts' pages; with the model page imported, the entity page is Kishida's
      ['entity', `/entities/${encodeURIComponent(entityKey)}`],
      ['entities', '/entities'],
      ['timeline', '/timeline'],
      ['map', '/map'],
      ['trends', `/trends?entity=${encodeURIComponent(entityKey)}&entity=Baltic`],
      ['editor-entities', `/editor/publications/${record.id}/entities`],
      ['editor-enrichment', '/editor/enrichment'],
      ['editor-jobs', '/editor/jobs'],
    ]
    const found: string[] = signInProblems.map((v) => `/editor/sign-in: ${v}`)
    for (const [name, url] of pages) {
      const res = await page.goto(base + url)
      assert.equal(res?.status(), 200, url)
      await shot(page, name)
      for (const v of await seriousViolations(page)) found.push(`${url}: ${v}`)
    }
    await context.close()
    assert.deepEqual(found, [])
  })
})
