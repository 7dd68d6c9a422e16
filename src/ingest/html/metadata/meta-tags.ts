import type { MetadataSource } from './types.js'

/**
 * The page's <meta> tags as a lookup from lower-cased name (name=, property= or itemprop=) to
 * every non-empty content in document order. Several tags may share a name: one
 * citation_author per author.
 */
export class MetaTags {
  readonly #values = new Map<string, string[]>()

  constructor(document: Document) {
    for (const meta of document.querySelectorAll('meta')) {
      const content = (meta.getAttribute('content') ?? meta.getAttribute('value') ?? '').replace(/\s+/g, ' ').trim()
      if (!content) continue
      const keys = new Set<string>()
      for (const attr of ['name', 'property', 'itemprop']) {
        const key = meta.getAttribute(attr)?.trim().toLowerCase()
        if (!key) continue
        // property="og:title article:author" is legal RDFa: one tag, several names.
        for (const k of key.split(/\s+/)) keys.add(k)
      }
      for (const key of keys) {
        const list = this.#values.get(key)
        if (list) list.push(content)
        else this.#values.set(key, [content])
      }
    }
  }

  /** Every value under any of the names, in the order the names are given. */
  all(...names: string[]): string[] {
    return names.flatMap((n) => this.#values.get(n) ?? [])
  }

  first(...names: string[]): string | undefined {
    for (const n of names) {
      const v = this.#values.get(n)?.[0]
      if (v) return v
    }
    return undefined
  }
}

/** The vocabulary a meta name belongs to, for provenance. */
export function sourceOfMetaName(name: string): MetadataSource {
  if (name.startsWith('citation_')) return 'highwire'
  if (/^(dc|dcterms)[.:]/.test(name)) return 'dublin-core'
  if (name.startsWith('prism.') || name.startsWith('prism:')) return 'prism'
  if (name.startsWith('og:') || name.startsWith('article:')) return 'opengraph'
  if (name.startsWith('twitter:')) return 'twitter'
  return 'meta'
}
