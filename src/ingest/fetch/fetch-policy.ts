import { AppError } from '../../shared/index.js'
import { AllowList } from './address-policy.js'

/** What the fetcher may fetch and how long and how much it may take. */
export interface FetchPolicy {
  /** The whole fetch — every redirect hop and the body — from the moment it gets its first connection slot. */
  timeoutMs: number
  /** Opening one TCP (and TLS) connection. */
  connectTimeoutMs: number
  /** The body, counted after decompression, so a small gzip bomb is stopped too. */
  maxBytes: number
  /** Redirects followed before giving up; 0 follows none. */
  maxRedirects: number
  userAgent: string
  /** Requests open at once to one host name. */
  perHostConcurrency: number
  /**
   * Loopback, private, link-local and other forbidden destinations to permit anyway: IP
   * addresses (`127.0.0.1`), networks (`10.1.0.0/16`) or host names (`intranet.example`, which
   * permits whatever that name resolves to except cloud metadata addresses; those must be
   * listed as addresses). Empty by default; tests list `127.0.0.1`.
   */
  allowPrivateHosts: readonly string[]
  /** `html` takes pages only; `html-or-feed` also RSS, Atom, RDF and JSON Feed documents. */
  accept: 'html' | 'html-or-feed'
}

/** The limits for pages an editor pastes: 20 s, 10 MiB, 5 redirects, 2 requests per host. */
export const DEFAULT_FETCH_POLICY: Readonly<FetchPolicy> = Object.freeze({
  timeoutMs: 20_000,
  connectTimeoutMs: 5_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'Dossier/0.1 (archive bot)',
  perHostConcurrency: 2,
  allowPrivateHosts: Object.freeze([]) as readonly string[],
  accept: 'html',
})

const HTML_TYPES = ['text/html', 'application/xhtml+xml']
const FEED_TYPES = [
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/xml',
  'text/xml',
  'application/json',
]

/** The media types each `accept` setting takes, and the Accept header that asks for them. */
export const ACCEPTED = {
  html: { types: new Set(HTML_TYPES), header: 'text/html, application/xhtml+xml;q=0.9', label: 'an HTML page' },
  'html-or-feed': {
    types: new Set([...HTML_TYPES, ...FEED_TYPES]),
    header: 'text/html, application/xhtml+xml;q=0.9, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.5',
    label: 'an HTML page or a feed',
  },
} as const

/** A policy with defaults filled in, its allow-list parsed. @throws AppError CONFIG_INVALID naming the setting. */
export function resolvePolicy(overrides: Partial<FetchPolicy>): { policy: FetchPolicy; allow: AllowList } {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<FetchPolicy>
  const policy: FetchPolicy = { ...DEFAULT_FETCH_POLICY, ...defined }
  const bad = (setting: string, why: string) => new AppError('CONFIG_INVALID', `fetch policy: ${setting} ${why}`)
  for (const key of ['timeoutMs', 'connectTimeoutMs', 'maxBytes', 'perHostConcurrency'] as const) {
    if (!Number.isSafeInteger(policy[key]) || policy[key] < 1) throw bad(key, `must be a positive integer, not ${String(policy[key])}`)
  }
  if (!Number.isSafeInteger(policy.maxRedirects) || policy.maxRedirects < 0) throw bad('maxRedirects', `must be 0 or more, not ${String(policy.maxRedirects)}`)
  // A header value with a line break would let the setting forge further headers.
  if (typeof policy.userAgent !== 'string' || !/^[\x20-\x7e]+$/.test(policy.userAgent)) throw bad('userAgent', 'must be printable ASCII on one line')
  if (!(policy.accept in ACCEPTED)) throw bad('accept', `must be "html" or "html-or-feed", not ${JSON.stringify(policy.accept)}`)
  return { policy, allow: new AllowList(policy.allowPrivateHosts) }
}
