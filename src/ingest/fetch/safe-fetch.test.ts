import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { AppError, type ErrorCode } from '../../shared/index.js'
import { createFetcher, DEFAULT_FETCH_POLICY, type FetchPolicy, type Fetcher, type FetcherParts, type Resolve } from './index.js'

// Every test talks to node:http servers on 127.0.0.1 only. Names other than localhost go
// through a fake resolver (FetcherParts.resolve), so no test asks real DNS; every other
// destination is refused before a connection is attempted, which the tests check.

interface TestServer {
  port: number
  url(path: string): string
  /** TCP connections accepted, and request paths seen, since the server started. */
  connections: number
  requests: string[]
  close(): Promise<void>
}

async function serve(handler: http.RequestListener): Promise<TestServer> {
  const server = http.createServer(handler)
  const state = { connections: 0, requests: [] as string[] }
  server.on('connection', () => state.connections++)
  server.on('request', (req: http.IncomingMessage) => state.requests.push(req.url ?? ''))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return Object.assign(state, {
    port,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  })
}

const LOOPBACK = ['127.0.0.1']

/** Runs `work` with a fetcher under `policy`, closing it afterwards. */
async function withFetcher<T>(policy: Partial<FetchPolicy>, work: (f: Fetcher) => Promise<T>, parts?: FetcherParts): Promise<T> {
  const fetcher = createFetcher(policy, parts)
  try {
    return await work(fetcher)
  } finally {
    await fetcher.close()
  }
}

async function failure(promise: Promise<unknown>, code: ErrorCode, message: RegExp): Promise<AppError> {
  const err = await promise.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  )
  assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`)
  assert.equal(err.code, code, err.message)
  assert.match(err.message, message)
  return err
}

/** A resolver for made-up names; anything else fails as DNS would, without asking DNS. */
function fakeDns(table: Record<string, string[] | (() => string[])>): Resolve & { calls: string[] } {
  const calls: string[] = []
  const resolve = async (hostname: string) => {
    calls.push(hostname)
    const entry = table[hostname]
    if (!entry) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname })
    return (typeof entry === 'function' ? entry() : entry).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }
  return Object.assign(resolve, { calls })
}

const html = (body: string, type = 'text/html; charset=utf-8'): http.RequestListener => (_req, res) => {
  res.writeHead(200, { 'content-type': type })
  res.end(body)
}

describe('createFetcher', () => {
  describe('a normal page', () => {
    let server: TestServer
    const seen: http.IncomingHttpHeaders[] = []
    before(async () => {
      server = await serve((req, res) => {
        seen.push(req.headers)
        html('<!doctype html><title>Arctic shipping</title><p>Schröder — 東京</p>')(req, res)
      })
    })
    after(() => server.close())

    it('comes back with its text, charset and addresses, asked for politely', async () => {
      const page = await withFetcher({ allowPrivateHosts: LOOPBACK }, (f) => f.fetch(server.url('/piece?id=1')))
      assert.equal(page.requestedUrl, server.url('/piece?id=1'))
      assert.equal(page.url, server.url('/piece?id=1'))
      assert.deepEqual(page.redirects, [])
      assert.equal(page.status, 200)
      assert.equal(page.contentType, 'text/html; charset=utf-8')
      assert.equal(page.charset, 'utf-8')
      assert.equal(page.text, '<!doctype html><title>Arctic shipping</title><p>Schröder — 東京</p>')
      assert.equal(Buffer.from(page.bytes).toString('utf8'), page.text)
      const headers = seen.at(-1)!
      assert.equal(headers['user-agent'], DEFAULT_FETCH_POLICY.userAgent)
      assert.match(headers.accept ?? '', /^text\/html/)
      assert.equal(headers['accept-encoding'], 'gzip, deflate, br')
    })

    it('sends the User-Agent the policy names', async () => {
      await withFetcher({ allowPrivateHosts: LOOPBACK, userAgent: 'Dossier-test/1' }, (f) => f.fetch(server.url('/')))
      assert.equal(seen.at(-1)!['user-agent'], 'Dossier-test/1')
    })
  })

  describe('schemes and URLs', () => {
    it('fetches http and https only, naming the scheme it refuses', async () => {
      await withFetcher({ allowPrivateHosts: LOOPBACK }, async (f) => {
        for (const [url, scheme] of [
          ['file:///etc/passwd', 'file'],
          ['ftp://example.org/report.pdf', 'ftp'],
          ['gopher://example.org/', 'gopher'],
          ['data:text/html,<p>hi</p>', 'data'],
          ['javascript:alert(1)', 'javascript'],
          ['ws://example.org/', 'ws'],
        ] as const) {
          await failure(f.fetch(url), 'SOURCE_REFUSED', new RegExp(`^refused .*: only http and https URLs are fetched, not ${scheme}$`))
        }
        await failure(f.fetch('not a url'), 'INVALID_INPUT', /"not a url" is not a URL/)
        await failure(f.fetch('/relative/path'), 'INVALID_INPUT', /is not a URL/)
        await failure(f.fetch('http://user:secret@example.org/'), 'SOURCE_REFUSED', /user name or password/)
      })
    })
  })

  describe('forbidden destinations, without an allow-list', () => {
    let server: TestServer
    before(async () => {
      server = await serve(html('<p>must not be reached</p>'))
    })
    after(() => server.close())

    it('refuses loopback in every spelling before connecting', async () => {
      const p = server.port
      await withFetcher({}, async (f) => {
        for (const [url, reason] of [
          [`http://127.0.0.1:${p}/`, /^refused http:\/\/127\.0\.0\.1:\d+\/: 127\.0\.0\.1 is a loopback address$/],
          [`http://localhost:${p}/`, /localhost is a loopback host name/],
          [`http://LocalHost.:${p}/`, /localhost is a loopback host name/],
          [`http://[::1]:${p}/`, /::1 is a loopback address/],
          [`http://0.0.0.0:${p}/`, /0\.0\.0\.0 is an unspecified address/],
          [`http://0:${p}/`, /0\.0\.0\.0 is an unspecified address/],
          [`http://2130706433:${p}/`, /127\.0\.0\.1 is a loopback address/],
          [`http://0177.0.0.1:${p}/`, /127\.0\.0\.1 is a loopback address/],
          [`http://0x7f.1:${p}/`, /127\.0\.0\.1 is a loopback address/],
          [`http://127.1:${p}/`, /127\.0\.0\.1 is a loopback address/],
          [`http://[::ffff:127.0.0.1]:${p}/`, /IPv4-mapped form of 127\.0\.0\.1, a loopback address/],
          [`http://[::]:${p}/`, /the unspecified address/],
        ] as const) {
          await failure(f.fetch(url), 'SOURCE_REFUSED', reason)
        }
      })
      assert.equal(server.connections, 0, 'no connection was attempted')
    })

    it('refuses private, link-local, CGNAT, unique-local and metadata addresses', async () => {
      await withFetcher({}, async (f) => {
        for (const [url, reason] of [
          ['http://10.0.0.5/', /10\.0\.0\.5 is a private address/],
          ['https://172.16.4.4/', /172\.16\.4\.4 is a private address/],
          ['http://192.168.0.1:8080/admin', /192\.168\.0\.1 is a private address/],
          ['http://169.254.1.1/', /link-local/],
          ['http://100.64.0.1/', /carrier-grade NAT/],
          ['http://[fe80::1]/', /link-local/],
          ['http://[fd12::1]/', /unique local/],
          ['http://224.0.0.1/', /multicast/],
          ['http://255.255.255.255/', /broadcast/],
          ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a cloud metadata address/],
          ['http://[fd00:ec2::254]/', /cloud metadata/],
          ['http://metadata.google.internal/computeMetadata/v1/', /metadata\.google\.internal is a cloud metadata host name/],
          ['http://[64:ff9b::a9fe:a9fe]/', /NAT64 form of 169\.254\.169\.254/],
          ['http://[2002:a00:1::]/', /6to4 form of 10\.0\.0\.1/],
        ] as const) {
          await failure(f.fetch(url), 'SOURCE_REFUSED', reason)
        }
      })
    })

    it('checks every address a name resolves to, not only the first', async () => {
      const dns = fakeDns({ 'mixed.test': ['127.0.0.1', '10.0.0.1'] })
      await withFetcher({ allowPrivateHosts: LOOPBACK }, (f) => failure(f.fetch(`http://mixed.test:${server.port}/`), 'SOURCE_REFUSED', /mixed\.test resolves to 10\.0\.0\.1, a private address/), { resolve: dns })
      assert.deepEqual(dns.calls, ['mixed.test'])
      assert.equal(server.connections, 0)
    })
  })

  describe('names and DNS, through a fake resolver', () => {
    let server: TestServer
    let closeConnections = false
    before(async () => {
      server = await serve((req, res) => {
        if (req.url === '/to-internal') {
          res.writeHead(302, { location: 'http://internal.test/' })
          return res.end()
        }
        // Without keep-alive every fetch opens a new connection, and so looks the name up again.
        res.writeHead(200, { 'content-type': 'text/html', ...(closeConnections ? { connection: 'close' } : {}) })
        res.end('<p>ok</p>')
      })
    })
    after(() => server.close())

    it('judges the addresses the connection uses, so a name cannot be re-pointed after a check', async () => {
      closeConnections = true
      const answers = [['127.0.0.1'], ['10.0.0.1']]
      const dns = fakeDns({ 'rebind.test': () => answers.shift() ?? ['10.0.0.1'] })
      await withFetcher(
        { allowPrivateHosts: LOOPBACK },
        async (f) => {
          assert.equal((await f.fetch(`http://rebind.test:${server.port}/`)).text, '<p>ok</p>')
          await failure(f.fetch(`http://rebind.test:${server.port}/`), 'SOURCE_REFUSED', /rebind\.test resolves to 10\.0\.0\.1/)
        },
        { resolve: dns },
      )
      assert.deepEqual(dns.calls, ['rebind.test', 'rebind.test'])
      closeConnections = false
    })

    it('refuses a redirect to a name that resolves to a private address', async () => {
      const dns = fakeDns({ 'site.test': ['127.0.0.1'], 'internal.test': ['10.1.2.3'] })
      await withFetcher(
        { allowPrivateHosts: LOOPBACK },
        (f) => failure(f.fetch(`http://site.test:${server.port}/to-internal`), 'SOURCE_REFUSED', /^refused http:\/\/internal\.test\/ \(redirected from http:\/\/site\.test:\d+\/to-internal\): internal\.test resolves to 10\.1\.2\.3, a private address$/),
        { resolve: dns },
      )
    })

    it('permits a name on the allow-list, whatever it resolves to, and reports unknown names', async () => {
      const dns = fakeDns({ 'intranet.test': ['127.0.0.1'] })
      await withFetcher(
        { allowPrivateHosts: ['intranet.test'] },
        async (f) => {
          assert.equal((await f.fetch(`http://intranet.test:${server.port}/`)).status, 200)
          await failure(f.fetch(`http://nowhere.test:${server.port}/`), 'SOURCE_UNREACHABLE', /^could not fetch http:\/\/nowhere\.test:\d+\/: no such host$/)
        },
        { resolve: dns },
      )
    })

    it('connects nowhere when one answer is private, even beside a public one', async () => {
      // The public answer is never tried: the private one refuses the whole lookup first.
      const dns = fakeDns({ 'split.test': ['93.184.216.34', '192.168.1.10'] })
      await withFetcher({}, (f) => failure(f.fetch('http://split.test/'), 'SOURCE_REFUSED', /192\.168\.1\.10, a private address/), { resolve: dns })
    })
  })

  describe('redirects', () => {
    let server: TestServer
    before(async () => {
      server = await serve((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x')
        const hop = (location: string, status = 302) => {
          res.writeHead(status, { location })
          res.end('moved')
        }
        if (url.pathname === '/a') return hop('/b', 301)
        if (url.pathname === '/b') return hop(`http://127.0.0.1:${server.port}/c?x=1`, 307)
        if (url.pathname === '/c') return hop('d', 308)
        if (url.pathname === '/loop') return hop('/loop')
        if (url.pathname === '/go') return hop(url.searchParams.get('to')!, 303)
        if (url.pathname === '/nowhere') {
          res.writeHead(302)
          return res.end()
        }
        html('<p>arrived</p>')(req, res)
      })
    })
    after(() => server.close())

    it('follows an allowed chain and reports it', async () => {
      const page = await withFetcher({ allowPrivateHosts: LOOPBACK }, (f) => f.fetch(server.url('/a')))
      assert.equal(page.text, '<p>arrived</p>')
      assert.equal(page.url, server.url('/d'))
      assert.equal(page.requestedUrl, server.url('/a'))
      assert.deepEqual(page.redirects, [server.url('/a'), server.url('/b'), server.url('/c?x=1')])
    })

    it('stops after maxRedirects', async () => {
      await withFetcher({ allowPrivateHosts: LOOPBACK, maxRedirects: 2 }, async (f) => {
        await failure(f.fetch(server.url('/a')), 'SOURCE_REFUSED', /^refused http:\/\/127\.0\.0\.1:\d+\/a: more than 2 redirects \(the next one to http:\/\/127\.0\.0\.1:\d+\/d\)$/)
        await failure(f.fetch(server.url('/loop')), 'SOURCE_REFUSED', /more than 2 redirects/)
      })
      await withFetcher({ allowPrivateHosts: LOOPBACK, maxRedirects: 0 }, (f) => failure(f.fetch(server.url('/a')), 'SOURCE_REFUSED', /more than 0 redirects/))
    })

    it('refuses a hop to a forbidden address at that hop, before connecting', async () => {
      const p = server.port
      const already = server.requests.length
      await withFetcher({ allowPrivateHosts: LOOPBACK }, async (f) => {
        for (const [target, reason] of [
          ['http://10.0.0.1/', /10\.0\.0\.1 is a private address/],
          [`http://[::1]:${p}/`, /::1 is a loopback address/],
          ['http://169.254.169.254/latest/meta-data/iam/', /169\.254\.169\.254 is a cloud metadata address/],
          ['http://[fd00:ec2::254]/', /cloud metadata address/],
          [`http://localhost:${p}/`, /localhost is a loopback host name/],
          [`http://127.0.0.2:${p}/`, /127\.0\.0\.2 is a loopback address/],
          [`http://2130706434:${p}/`, /127\.0\.0\.2 is a loopback address/],
          ['http://metadata.google.internal/', /cloud metadata host name/],
          ['file:///etc/passwd', /not file$/],
        ] as const) {
          const from = server.url(`/go?to=${encodeURIComponent(target)}`)
          const err = await failure(f.fetch(from), 'SOURCE_REFUSED', reason)
          assert.ok(err.message.includes(`(redirected from ${from})`), err.message)
        }
      })
      // Only the redirecting requests arrived: localhost would have reached this server, and
      // the others would have failed as unreachable rather than refused, had they connected.
      assert.deepEqual(server.requests.slice(already).filter((path) => !path.startsWith('/go?')), [])
    })

    it('reports a redirect without a Location', async () => {
      await withFetcher({ allowPrivateHosts: LOOPBACK }, (f) => failure(f.fetch(server.url('/nowhere')), 'SOURCE_UNREACHABLE', /answered 302 without saying where to/))
    })
  })

  describe('size limits', () => {
    let server: TestServer
    let written = 0
    let finished = false
    before(async () => {
      server = await serve((req, res) => {
        if (req.url === '/declared') {
          res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(2 * 1024 * 1024) })
          return res.write('<p>')
        }
        if (req.url === '/endless') {
          // Chunked and never ending: only the reader's limit stops it.
          res.writeHead(200, { 'content-type': 'text/html' })
          written = 0
          const chunk = Buffer.alloc(16 * 1024, 'a')
          const more = () => {
            if (res.destroyed) return
            written += chunk.length
            if (res.write(chunk)) setImmediate(more)
            else res.once('drain', more)
          }
          res.on('close', () => {})
          return more()
        }
        if (req.url === '/exact') return html('x'.repeat(1024))(req, res)
        res.writeHead(404)
        res.end()
      })
    })
    after(() => server.close())

    it('refuses a body whose Content-Length is over the limit without reading it', async () => {
      await withFetcher({ allowPrivateHosts: LOOPBACK, maxBytes: 1024 * 1024 }, (f) =>
        failure(f.fetch(server.url('/declared')), 'SOURCE_REFUSED', /the body is 2 MiB, more than the limit of 1 MiB/),
      )
    })

    it('stops an undeclared, endless body as soon as it passes the limit', async () => {
      await withFetcher({ allowPrivateHosts: LOOPBACK, maxBytes: 64 * 1024 }, (f) =>
        failure(f.fetch(server.url('/endless')), 'SOURCE_REFUSED', /^refused http:\/\/127\.0\.0\.1:\d+\/endless: the body is larger than 64 KiB$/),
      )
      await sleep(50)
      const sentAfterStop = written
      await sleep(100)
      assert.equal(written, sentAfterStop, 'the server stopped sending: the connection was closed')
      finished = true
    })

    it('takes a body of exactly the limit', async () => {
      const page = await withFetcher({ allowPrivateHosts: LOOPBACK, maxBytes: 1024 }, (f) => f.fetch(server.url('/exact')))
      assert.equal(page.bytes.length, 1024)
      assert.ok(finished)
    })
  })

  describe('compression', () => {
    const text = '<p>Compressed — “quoted” 東京</p>'.repeat(50)
    // 64 MiB of zeros is 64 KiB of gzip: a small response that would fill memory.
    const zeros = Buffer.alloc(64 * 1024 * 1024)
    const bombs = { gzip: gzipSync(zeros, { level: 9 }), deflate: deflateSync(zeros, { level: 9 }), br: brotliCompressSync(zeros) }
    let server: TestServer
    let bombBytesSent = 0
    let bombLength = 0
    before(async () => {
      server = await serve((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x')
        const encoding = url.searchParams.get('e')!
        if (url.pathname === '/page') {
          const body = { gzip: gzipSync, deflate: deflateSync, 'deflate-raw': deflateRawSync, br: brotliCompressSync }[encoding]!(Buffer.from(text))
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': encoding === 'deflate-raw' ? 'deflate' : encoding })
          return res.end(body)
        }
        if (url.pathname === '/bomb') {
          const bomb = bombs[encoding as keyof typeof bombs]
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding })
          if (encoding !== 'gzip') return res.end(bomb)
          // Sent slowly, 1 KiB at a time, so the test can see that reading stopped early.
          bombBytesSent = 0
          bombLength = bomb.length
          const timer = setInterval(() => {
            if (res.destroyed || bombBytesSent >= bomb.length) {
              clearInterval(timer)
              return res.destroyed ? undefined : void res.end()
            }
            res.write(bomb.subarray(bombBytesSent, bombBytesSent + 1024))
            bombBytesSent += 1024
          }, 2)
          return
        }
        if (url.pathname === '/corrupt') {
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
          return res.end(Buffer.from('this is not gzip at all'))
        }
        if (url.pathname === '/zstd') {
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'zstd' })
          return res.end('x')
        }
      })
    })
    after(() => server.close())

    it('decompresses gzip, deflate (wrapped or raw) and brotli', async () => {
      await withFetcher({ allowPrivateHosts: LOOPBACK }, async (f) => {
        for (const e of ['gzip', 'deflate', 'deflate-raw', 'br']) {
          const page = await f.fetch(server.url(`/page?e=${e}`))
          assert.equal(page.text, text, e)
          assert.equal(page.bytes.length, Buffer.byteLength(text), e)
        }
      })
    })

    it('stops a gzip bomb early, counting the decompressed size', async () => {
      await withFetcher({ allowPrivateHosts: LOOPBACK, maxBytes: 1024 * 1024 }, (f) =>
        failure(f.fetch(server.url('/bomb?e=gzip')), 'SOURCE_REFUSED', /the body is larger than 1 MiB once decompressed/),
      )
      await sleep(20)
      assert.ok(bombLength > 60 * 1024)
      // Only "before the end": how far the server got depends on how busy the machine is.
      assert.ok(bombBytesSent < bombLength, `the server sent all ${bombLength} bytes before the fetch gave up`)
    })

    it('stops deflate and brotli bombs too', async () => {
      await withFetcher({ allowPrivateHosts: LOOPBACK, maxBytes: 1024 * 1024 }, async (f) => {
        for (const e of ['deflate', 'br']) await failure(f.fetch(server.url(`/bomb?e=${e}`)), 'SOURCE_REFUSED', /larger than 1 MiB once decompressed/)
      })
    })

    it('reports a corrupt body and an encoding it cannot read', async () => {
      await withFetcher({ allowPrivateHosts: LOOPBACK }, async (f) => {
        await failure(f.fetch(server.url('/corrupt')), 'SOURCE_UNREACHABLE', /the gzip body is corrupt/)
        await failure(f.fetch(server.url('/zstd')), 'SOURCE_UNREACHABLE', /Content-Encoding: zstd/)
      })
    })
  })

  describe('time limits and failures', () => {
    let server: TestServer
    before(async () => {
      server = await serve((req, res) => {
        if (req.url === '/trickle') {
          // Headers at once, then a byte every 20 ms for ever: no single wait is long, the whole is.
          res.writeHead(200, { 'content-type': 'text/html' })
          const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('.')), 20)
          return
        }
        if (req.url === '/silent') return // never answers
        if (req.url === '/missing') {
          res.writeHead(404, { 'content-type': 'text/html' })
          return res.end('<p>not here</p>')
        }
        if (req.url === '/broken') {
          res.writeHead(500)
          return res.end()
        }
        if (req.url === '/reset') return req.socket.destroy()
      })
    })
    after(() => server.close())

    it('gives up on a slow server at the total timeout', async () => {
      await withFetcher({ allowPrivateHosts: LOOPBACK, timeoutMs: 300 }, async (f) => {
        for (const path of ['/trickle', '/silent']) {
          const started = Date.now()
          await failure(f.fetch(server.url(path)), 'SOURCE_UNREACHABLE', /^could not fetch http:\/\/127\.0\.0\.1:\d+\/\w+: no complete answer within 300 ms$/)
          const took = Date.now() - started
          assert.ok(took >= 290 && took < 2000, `${path} took ${took} ms`)
        }
      })
    })

    it('gives up connecting at the connect timeout', async () => {
      // A lookup that never answers holds the connection attempt open, with no network involved.
      const hang: Resolve = () => new Promise(() => {})
      await withFetcher(
        { connectTimeoutMs: 200, timeoutMs: 5000 },
        async (f) => {
          const started = Date.now()
          await failure(f.fetch('http://hangs.test/'), 'SOURCE_UNREACHABLE', /^could not fetch http:\/\/hangs\.test\/: could not connect within 200 ms$/)
          assert.ok(Date.now() - started < 2000)
        },
        { resolve: hang },
      )
    })

    it('reports HTTP error statuses, refused and dropped connections', async () => {
      const closed = await serve(() => {})
      const closedUrl = closed.url('/')
      await closed.close()
      await withFetcher({ allowPrivateHosts: LOOPBACK }, async (f) => {
        await failure(f.fetch(server.url('/missing')), 'SOURCE_UNREACHABLE', /the server answered 404 Not Found$/)
        await failure(f.fetch(server.url('/broken')), 'SOURCE_UNREACHABLE', /the server answered 500 Internal Server Error$/)
        await failure(f.fetch(server.url('/reset')), 'SOURCE_UNREACHABLE', /the server closed the connection/)
        await failure(f.fetch(closedUrl), 'SOURCE_UNREACHABLE', /the connection was refused/)
      })
    })
  })

  describe('content types', () => {
    let server: TestServer
    before(async () => {
      server = await serve((req, res) => {
        const type = new URL(req.url ?? '/', 'http://x').searchParams.get('type')
        res.writeHead(200, type ? { 'content-type': type } : {})
        res.end('<rss><channel></channel></rss>')
      })
    })
    after(() => server.close())

    it('takes HTML only by default', async () => {
      await withFetcher({ allowPrivateHosts: LOOPBACK }, async (f) => {
        for (const type of ['text/html', 'TEXT/HTML; charset=UTF-8', 'application/xhtml+xml']) assert.equal((await f.fetch(server.url(`/?type=${encodeURIComponent(type)}`))).status, 200)
        for (const type of ['application/pdf', 'image/png', 'application/rss+xml', 'text/plain', 'application/octet-stream']) {
          await failure(f.fetch(server.url(`/?type=${encodeURIComponent(type)}`)), 'SOURCE_REFUSED', new RegExp(`: it is ${type.replace(/[+.]/g, '\\$&')}, not an HTML page$`))
        }
        await failure(f.fetch(server.url('/')), 'SOURCE_REFUSED', /no Content-Type/)
      })
    })

    it('takes feeds too when asked', async () => {
      await withFetcher({ allowPrivateHosts: LOOPBACK, accept: 'html-or-feed' }, async (f) => {
        for (const type of ['application/rss+xml', 'application/atom+xml', 'application/xml', 'text/xml', 'application/feed+json', 'application/json', 'text/html']) {
          assert.equal((await f.fetch(server.url(`/?type=${encodeURIComponent(type)}`))).status, 200, type)
        }
        await failure(f.fetch(server.url('/?type=application/pdf')), 'SOURCE_REFUSED', /not an HTML page or a feed/)
      })
    })
  })

  describe('charsets', () => {
    // Bytes written out by hand from the code tables; Node cannot encode legacy charsets.
    const pages: Record<string, { type: string; bytes: number[]; text: string; charset: string }> = {
      '/cp1252': { type: 'text/html; charset=windows-1252', bytes: [0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x80], text: '“Café” – €', charset: 'windows-1252' },
      '/latin1': { type: 'text/html; charset=iso-8859-1', bytes: [0x47, 0x72, 0xfc, 0xdf, 0x65], text: 'Grüße', charset: 'windows-1252' },
      '/sjis': { type: 'text/html; charset=Shift_JIS', bytes: [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea], text: '日本語', charset: 'shift_jis' },
      '/gb2312': { type: 'text/html; charset=GB2312', bytes: [0xd6, 0xd0, 0xce, 0xc4], text: '中文', charset: 'gbk' },
      '/euckr': { type: 'text/html; charset=EUC-KR', bytes: [0xc7, 0xd1, 0xb1, 0xb9, 0xbe, 0xee], text: '한국어', charset: 'euc-kr' },
      '/utf16': { type: 'text/html', bytes: [0xff, 0xfe, 0x3c, 0, 0x70, 0, 0x3e, 0, 0xe9, 0, 0x2c, 0x67], text: '<p>é本', charset: 'utf-16le' },
      '/meta-only': {
        type: 'text/html',
        bytes: [...Buffer.from('<meta charset="shift_jis"><p>'), 0x93, 0x8c, 0x8b, 0x9e],
        text: '<meta charset="shift_jis"><p>東京',
        charset: 'shift_jis',
      },
      '/header-beats-meta': {
        type: 'text/html; charset=euc-kr',
        bytes: [...Buffer.from('<meta charset="windows-1252"><p>'), 0xc7, 0xd1],
        text: '<meta charset="windows-1252"><p>한',
        charset: 'euc-kr',
      },
    }
    let server: TestServer
    before(async () => {
      server = await serve((req, res) => {
        const p = pages[req.url ?? '']!
        res.writeHead(200, { 'content-type': p.type })
        res.end(Buffer.from(p.bytes))
      })
    })
    after(() => server.close())

    for (const [path, p] of Object.entries(pages)) {
      it(`decodes ${path.slice(1)}`, async () => {
        const page = await withFetcher({ allowPrivateHosts: LOOPBACK }, (f) => f.fetch(server.url(path)))
        assert.deepEqual({ text: page.text, charset: page.charset }, { text: p.text, charset: p.charset })
      })
    }
  })

  describe('requests per host', () => {
    let server: TestServer
    let running = 0
    let peak = 0
    before(async () => {
      server = await serve((_req, res) => {
        running++
        peak = Math.max(peak, running)
        setTimeout(() => {
          running--
          html('<p>done</p>')(_req, res)
        }, 40)
      })
    })
    after(() => server.close())

    it('runs at most perHostConcurrency requests to one host at once', async () => {
      for (const limit of [2, 3]) {
        peak = 0
        await withFetcher({ allowPrivateHosts: LOOPBACK, perHostConcurrency: limit }, (f) => Promise.all(Array.from({ length: 8 }, (_, i) => f.fetch(server.url(`/${i}`)))))
        assert.equal(peak, limit, `limit ${limit}`)
      }
    })

    it('counts each host name separately', async () => {
      peak = 0
      const dns = fakeDns({ 'a.test': ['127.0.0.1'], 'b.test': ['127.0.0.1'] })
      await withFetcher(
        { allowPrivateHosts: LOOPBACK, perHostConcurrency: 1 },
        (f) => Promise.all(['a.test', 'b.test', 'a.test', 'b.test', 'a.test', 'b.test'].map((h) => f.fetch(`http://${h}:${server.port}/`))),
        { resolve: dns },
      )
      assert.equal(peak, 2)
    })
  })

  describe('the policy', () => {
    it('refuses settings out of range, naming them', () => {
      for (const [policy, setting] of [
        [{ maxBytes: 0 }, 'maxBytes'],
        [{ timeoutMs: -1 }, 'timeoutMs'],
        [{ perHostConcurrency: 1.5 }, 'perHostConcurrency'],
        [{ maxRedirects: -1 }, 'maxRedirects'],
        [{ userAgent: 'Dossier\r\nX-Evil: 1' }, 'userAgent'],
        [{ accept: 'pdf' as 'html' }, 'accept'],
        [{ allowPrivateHosts: ['10.0.0.0/40'] }, 'allowPrivateHosts'],
      ] as const) {
        assert.throws(() => createFetcher(policy), (err: unknown) => err instanceof AppError && err.code === 'CONFIG_INVALID' && err.message.includes(setting), setting)
      }
    })

    it('has safe defaults, and an empty allow-list', () => {
      assert.deepEqual(DEFAULT_FETCH_POLICY.allowPrivateHosts, [])
      assert.equal(DEFAULT_FETCH_POLICY.perHostConcurrency, 2)
      assert.equal(DEFAULT_FETCH_POLICY.accept, 'html')
      assert.ok(Object.isFrozen(DEFAULT_FETCH_POLICY))
    })

    it('does not fetch once closed', async () => {
      const f = createFetcher({ allowPrivateHosts: LOOPBACK })
      await f.close()
      await failure(f.fetch('http://127.0.0.1:9/'), 'INTERNAL', /the fetcher is closed/)
    })
  })
})
