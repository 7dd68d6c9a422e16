import { STATUS_CODES } from 'node:http'
import type { Readable } from 'node:stream'
import { Agent, request } from 'undici'
import { AppError } from '../../shared/index.js'
import { AddressGuard } from './address-policy.js'
import { decodeHtmlBytes } from './decode-html.js'
import { ACCEPTED, resolvePolicy, type FetchPolicy } from './fetch-policy.js'
import { FetchProblem, formatBytes, toFetchError } from './fetch-problem.js'
import { guardedConnector, systemResolve, type Resolve } from './guarded-connect.js'
import { HostLimiter } from './host-limiter.js'
import { readBody } from './read-body.js'

/** A page as fetched: where it ended up, its bytes and its text. */
export interface FetchedPage {
  /** The URL asked for, as parsed (`http://2130706433/` reads `http://127.0.0.1/`). */
  requestedUrl: string
  /** The URL that answered, after redirects. */
  url: string
  /** Every URL that answered with a redirect, in order; empty when the first one answered. */
  redirects: string[]
  status: number
  /** The Content-Type header as sent. */
  contentType: string
  /** The body, decompressed. */
  bytes: Uint8Array
  text: string
  /** The encoding the text was decoded from (see decodeHtmlBytes). */
  charset: string
}

export interface Fetcher {
  /**
   * Fetches one page under the policy, following redirects itself so that every hop is
   * checked again.
   * @throws AppError SOURCE_REFUSED when the policy forbids the URL, an address or the response;
   *   SOURCE_UNREACHABLE when the network or the server fails; INVALID_INPUT for text that is not a URL.
   */
  fetch(url: string): Promise<FetchedPage>
  /** Waits for fetches under way, then closes the connections. */
  close(): Promise<void>
}

/** Replaceable parts, for tests: `resolve` gives names fixed addresses without asking DNS. */
export interface FetcherParts {
  resolve?: Resolve
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/**
 * The fetcher for URLs an editor pastes: http and https only; no loopback, private,
 * link-local, metadata or other internal address, judged on the addresses actually connected
 * to (see guardedLookup) unless the policy's allow-list names them; bounded in time, size,
 * redirects and requests per host; HTML (and optionally feeds) only.
 * @throws AppError CONFIG_INVALID for a policy setting out of range.
 */
export function createFetcher(overrides: Partial<FetchPolicy> = {}, parts: FetcherParts = {}): Fetcher {
  const { policy, allow } = resolvePolicy(overrides)
  const guard = new AddressGuard(allow)
  const limiter = new HostLimiter(policy.perHostConcurrency)
  const agent = new Agent({
    connect: guardedConnector(guard, parts.resolve ?? systemResolve, policy.connectTimeoutMs),
    headersTimeout: policy.timeoutMs,
    bodyTimeout: policy.timeoutMs,
  })
  const accepted = ACCEPTED[policy.accept]
  const headers = { 'user-agent': policy.userAgent, accept: accepted.header, 'accept-encoding': 'gzip, deflate, br' }
  let closed = false

  async function fetchPage(input: string): Promise<FetchedPage> {
    if (closed) throw new AppError('INTERNAL', `cannot fetch ${input}: the fetcher is closed`)
    const requested = parseTarget(input)
    const redirects: string[] = []
    const controller = new AbortController()
    const timedOut = new FetchProblem('unreachable', `no complete answer within ${policy.timeoutMs} ms`)
    let timer: NodeJS.Timeout | undefined
    let url = requested
    let viaRedirect = false
    try {
      for (;;) {
        refuseTarget(url)
        const hostRefusal = guard.hostRefusal(url.hostname)
        if (hostRefusal) throw new FetchProblem('refused', hostRefusal)
        const release = await limiter.acquire(url.hostname, controller.signal)
        timer ??= setTimeout(() => controller.abort(timedOut), policy.timeoutMs)
        try {
          const res = await request(url, { dispatcher: agent, method: 'GET', headers, signal: controller.signal })
          const header = (name: string) => {
            const v = res.headers[name]
            // A repeated header is a list only for the encodings; otherwise the first counts.
            return Array.isArray(v) ? (name === 'content-encoding' ? v.join(', ') : v[0]) : v
          }
          if (REDIRECTS.has(res.statusCode)) {
            discard(res.body)
            const next = redirectTarget(url, header('location'), res.statusCode)
            if (redirects.length >= policy.maxRedirects) {
              const limit = `${policy.maxRedirects} redirect${policy.maxRedirects === 1 ? '' : 's'}`
              throw new AppError('SOURCE_REFUSED', `refused ${requested.href}: more than ${limit} (the next one to ${next.href})`)
            }
            redirects.push(url.href)
            url = next
            viaRedirect = true
            continue
          }
          if (res.statusCode < 200 || res.statusCode > 299) {
            discard(res.body)
            throw new FetchProblem('unreachable', `the server answered ${res.statusCode} ${STATUS_CODES[res.statusCode] ?? ''}`.trimEnd())
          }
          const contentType = header('content-type') ?? ''
          const mediaType = contentType.split(';')[0]!.trim().toLowerCase()
          if (!accepted.types.has(mediaType)) {
            discard(res.body)
            throw new FetchProblem('refused', mediaType ? `it is ${mediaType}, not ${accepted.label}` : `the server did not say what it is (no Content-Type), so it is not taken as ${accepted.label}`)
          }
          const declared = Number(header('content-length'))
          if (declared > policy.maxBytes) {
            discard(res.body)
            throw new FetchProblem('refused', `the body is ${formatBytes(declared)}, more than the limit of ${formatBytes(policy.maxBytes)}`)
          }
          const bytes = await readBody(res.body, header('content-encoding'), policy.maxBytes)
          const { text, charset } = decodeHtmlBytes(bytes, contentType)
          return { requestedUrl: requested.href, url: url.href, redirects, status: res.statusCode, contentType, bytes, text, charset }
        } finally {
          release()
        }
      }
    } catch (err) {
      const where = viaRedirect ? `${url.href} (redirected from ${requested.href})` : url.href
      // Once the deadline has passed, whatever broke (the socket, the decompressor) broke because of it.
      const timeUp = controller.signal.aborted && !(err instanceof AppError || err instanceof FetchProblem)
      throw toFetchError(timeUp ? timedOut : err, where, policy.connectTimeoutMs)
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    fetch: fetchPage,
    async close() {
      closed = true
      await agent.close()
    },
  }
}

/** Drops a response body unread; undici reports that as an abort, which here is intended. */
function discard(body: Readable): void {
  body.on('error', () => {}).destroy()
}

/** The URL to fetch, refusing what is not an absolute http(s) URL. */
function parseTarget(input: string): URL {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    throw new AppError('INVALID_INPUT', `${JSON.stringify(input)} is not a URL`)
  }
  try {
    refuseTarget(url)
  } catch (err) {
    throw toFetchError(err, input.trim())
  }
  return url
}

/** Scheme and credentials: checked for the first URL and every redirect target. */
function refuseTarget(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchProblem('refused', `only http and https URLs are fetched, not ${url.protocol.replace(/:$/, '')}`)
  }
  // Credentials would be sent to whatever host the URL names, redirects included.
  if (url.username || url.password) throw new FetchProblem('refused', 'URLs with a user name or password are not fetched')
}

function redirectTarget(from: URL, location: string | undefined, status: number): URL {
  if (!location) throw new FetchProblem('unreachable', `the server answered ${status} without saying where to (no Location)`)
  try {
    return new URL(location, from)
  } catch {
    throw new FetchProblem('unreachable', `the server redirected to ${JSON.stringify(location)}, which is not a URL`)
  }
}
