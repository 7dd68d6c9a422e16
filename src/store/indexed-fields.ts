import type { PublicationFields } from '../model/index.js'
import { displayName } from '../model/index.js'
import { toIndexText } from '../search/index.js'

/**
 * What every backend's search index holds of a record, computed once here so that SQLite and
 * PostgreSQL index the same text, keys and columns.
 */

/** Folded as the index folds: lower case, no diacritics, single spaces. */
export function foldKey(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()
}

/** The facet values of a record, by field; authors also by each word of their names. */
export function facetValues(f: PublicationFields): [field: string, value: string][] {
  const out: [string, string][] = []
  for (const a of f.authors ?? []) {
    const name = displayName(a)
    out.push(['author', name])
    // author:kishida finds "Kishida Fumio": each word of a name is a key of its own.
    for (const word of foldKey(name).split(/[\s.-]+/)) if (word.length > 1) out.push(['author-word', word])
  }
  if (f.outlet) out.push(['outlet', f.outlet])
  for (const t of f.topics ?? []) out.push(['topic', t])
  for (const r of f.regions ?? []) out.push(['region', r])
  if (f.program) out.push(['program', f.program])
  return out
}

/** The record's filter and sort columns. */
export function docColumns(f: PublicationFields) {
  return {
    visible: f.status === 'published',
    type: f.type,
    year: f.published ? Number(f.published.slice(0, 4)) : null,
    date: f.published ?? '',
    lang: f.language ? f.language.toLowerCase().split('-')[0]! : null,
  }
}

/** The four weighted texts, in the index's own form (CJK text as character pairs). */
export function indexedTexts(f: PublicationFields) {
  const people = [...(f.authors ?? []).map(displayName), f.outlet ?? ''].join(' ; ')
  return {
    title: toIndexText(f.title + (f.subtitle ? ` ${f.subtitle}` : '')),
    summary: toIndexText(f.summary ?? ''),
    people: toIndexText(people),
    body: toIndexText(f.body?.text ?? ''),
  }
}
