import { randomBytes } from 'node:crypto'

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz' // Crockford base32: no i, l, o, u

/** A new record id: 12 base32 characters (60 random bits), short enough to read aloud. */
export function newPublicationId(): string {
  const bytes = randomBytes(12)
  let id = ''
  for (const b of bytes) id += ID_ALPHABET[b & 31]
  return id
}

/** Folds case and diacritics and keeps letters and digits of any script. */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** A readable URL slug from a title: "Japan, US Emphasize…" -> "japan-us-emphasize-…". */
export function slugify(title: string, maxLength = 80): string {
  const words = foldText(title)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
  let slug = ''
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w
    if (next.length > maxLength) break
    slug = next
  }
  return slug || 'publication'
}

const TRACKING_PARAM = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$/i

/**
 * The same article reached by slightly different addresses should count as one: scheme and
 * host case, `www.`, a trailing slash, fragments and tracking parameters do not make a new piece.
 */
export function normalizeUrlForMatching(url: string): string {
  const u = new URL(url)
  u.hash = ''
  for (const key of [...u.searchParams.keys()]) if (TRACKING_PARAM.test(key)) u.searchParams.delete(key)
  u.searchParams.sort()
  const host = u.hostname.toLowerCase().replace(/^www\./, '')
  const path = u.pathname.replace(/\/+$/, '')
  const query = u.searchParams.toString()
  return `${host}${u.port ? `:${u.port}` : ''}${path}${query ? `?${query}` : ''}`
}

/**
 * Identifies a piece when its address is unknown or differs: normalised title, outlet and
 * publication date. Two records with the same key are taken to be the same piece.
 */
export function matchKey(p: { title: string; outlet?: string; published?: string }): string {
  return [foldText(p.title), foldText(p.outlet ?? ''), p.published ?? ''].join('|')
}
