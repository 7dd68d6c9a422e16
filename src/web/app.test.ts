import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { tempDir } from '../../test/support/paths.js'
import { Archive } from '../archive/index.js'
import { silentLogger } from '../shared/index.js'
import type { Store } from '../store/index.js'
import { openSqliteStore } from '../store/sqlite/index.js'
import { createApp } from './app.js'

describe('web pages over real HTTP', () => {
  let store: Store
  let base: string
  let app: ReturnType<typeof createApp>
  const ids: Record<string, string> = {}

  before(async () => {
    store = await openSqliteStore({ file: path.join(tempDir(), 'web.db') })
    const archive = new Archive({ store, log: silentLogger, now: () => new Date('2024-05-01T00:00:00Z') })
    const lines = [
      { id: 'public-piece', type: 'Op-Ed', title: 'Ports <script>alert("x")</script> & Power', outlet: 'The Harbour Review', authors: ['Adaeze Okonkwo'], published: '2024-03-05', summary: 'Dek with <b>tags</b>.', body: { text: 'Para one.\n\nPara two', isExcerpt: true }, url: 'https://example.org/ports', contact: 'Press Office' },
      { id: 'draft-piece', title: 'Not Yet', status: 'draft' },
      { id: 'gone-piece', title: 'Pulled Piece', status: 'withdrawn', authors: ['Sam Lee'], outlet: 'Quarterly' },
    ]
    const source = { name: 'web.jsonl', bytes: Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')) }
    for (const o of await archive.importItems(archive.readSources([source]), { actor: 'test' })) ids[o.ref] = o.id!
    app = createApp({ archive, log: silentLogger })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })
  after(async () => {
    await app.close()
    await store.close()
  })

  it('lists published records on the home page, escaped', async () => {
    const res = await fetch(`${base}/`)
    assert.equal(res.status, 200)
    const body = await res.text()
    assert.match(body, /Ports &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; Power/)
    assert.doesNotMatch(body, /<script>/)
    assert.doesNotMatch(body, /Not Yet/)
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/)
  })

  it('shows a publication with the anatomy of the model page and its Chicago citation', async () => {
    const res = await fetch(`${base}/publications/public-piece`)
    assert.equal(res.status, 200)
    const body = await res.text()
    assert.match(body, /Op-Ed - The Harbour Review/)
    assert.match(body, /Adaeze Okonkwo \| <time datetime="2024-03-05">March 5, 2024<\/time>/)
    assert.match(body, /Dek with &lt;b&gt;tags&lt;\/b&gt;\./)
    assert.match(body, /<p>Para one\.<\/p>\s*<p>Para two<\/p>/)
    assert.match(body, /<a href="https:\/\/example.org\/ports">Continue reading at The Harbour Review<\/a>/)
    assert.match(body, /For more information on this publication: Press Office/)
    assert.match(body, /<div class="citation"><div class="csl-entry">Okonkwo, Adaeze\. “Ports &#60;script&#62;alert\(‘x’\)&#60;\/Script&#62; &#38; Power\.” <i>The Harbour Review<\/i>, March 5, 2024\. https:\/\/example\.org\/ports\.<\/div><\/div>/)
    assert.doesNotMatch(body, /<script>/)
  })

  it('redirects a slug to the canonical id address', async () => {
    const res = await fetch(`${base}/publications/ports-script-alert-x-script-power`, { redirect: 'manual' })
    assert.equal(res.status, 301)
    assert.equal(res.headers.get('location'), '/publications/public-piece')
  })

  it('hides drafts, marks withdrawn pieces and answers unknown addresses with 404', async () => {
    assert.equal((await fetch(`${base}/publications/draft-piece`)).status, 404)
    const gone = await fetch(`${base}/publications/gone-piece`)
    assert.equal(gone.status, 200)
    assert.match(await gone.text(), /This publication has been withdrawn/)
    const missing = await fetch(`${base}/publications/nope`)
    assert.equal(missing.status, 404)
    assert.equal((await fetch(`${base}/no/such/page`)).status, 404)
  })
})
