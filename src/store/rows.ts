import type { FieldChanges, Publication, PublicationFields } from '../model/index.js'
import { encodeCursor } from './cursor.js'
import { matchKey, normalizeUrlForMatching } from '../model/index.js'
import type { Account, AccountRole, ApiToken, Page, Revision, TokenScope } from './store.js'

/**
 * Rows as both SQL backends store them (the same columns under the same names), and the
 * objects they stand for.
 */

export interface PublicationRow {
  id: string
  slug: string
  fields: string
  created_at: string
  updated_at: string
  revision: number
  published: string | null
}

export function toPublication(row: PublicationRow): Publication {
  return {
    id: row.id,
    slug: row.slug,
    ...(JSON.parse(row.fields) as PublicationFields),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
  }
}

export interface RevisionRow {
  publication_id: string
  number: number
  at: string
  actor: string
  action: string
  changes: string | null
}

export const toRevision = (r: RevisionRow): Revision => ({
  publicationId: r.publication_id,
  number: r.number,
  at: r.at,
  actor: r.actor,
  action: r.action as Revision['action'],
  changes: r.changes === null ? null : (JSON.parse(r.changes) as FieldChanges),
})

export interface TokenRow {
  id: string
  name: string
  scopes: string
  created_at: string
  revoked_at: string | null
}

export const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  scopes: JSON.parse(r.scopes) as TokenScope[],
  createdAt: r.created_at,
  ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
})

export interface AccountRow {
  id: string
  email: string
  name: string
  role: string
  password_hash: string | null
  created_at: string
  disabled_at: string | null
}

export const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as AccountRole,
  createdAt: r.created_at,
  ...(r.disabled_at ? { disabledAt: r.disabled_at } : {}),
})

/** A listing page from `limit + 1` rows sorted newest first: the extra row says more follow. */
export function listingPage(rows: (PublicationRow & { sort_date: string })[], limit: number): Page<Publication> {
  const page: Page<Publication> = { items: rows.slice(0, limit).map(toPublication) }
  const last = rows.length > limit ? rows[limit - 1] : undefined
  if (last) page.nextCursor = encodeCursor([last.sort_date, last.created_at, last.id])
  return page
}

/** Every record in id order, a batch at a time, so no cursor stays open between batches. */
export async function* scanInBatches(batch: (afterId: string, size: number) => Promise<PublicationRow[]>, size: number): AsyncIterable<Publication> {
  let after = ''
  for (;;) {
    const rows = await batch(after, size)
    for (const row of rows) yield toPublication(row)
    if (rows.length < size) return
    after = rows[rows.length - 1]!.id
  }
}

/** The normalised original URL a record is recognised by, if it has one. */
export const urlKeyOf = (f: PublicationFields) => (f.url ? normalizeUrlForMatching(f.url) : null)

/** The publication table's columns for a record's fields. */
export function publicationColumns(fields: PublicationFields) {
  return {
    status: fields.status,
    type: fields.type,
    title: fields.title,
    published: fields.published ?? null,
    url_key: urlKeyOf(fields),
    match_key: matchKey(fields),
    fields: JSON.stringify(fields),
  }
}
