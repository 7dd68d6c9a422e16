import { isDeepStrictEqual } from 'node:util'
import { PUBLICATION_FIELD_NAMES, type PublicationDraft, type PublicationFields } from './publication.js'

/** What one revision changed: for each field, the value before and after (undefined = absent). */
export type FieldChanges = Partial<Record<keyof PublicationFields, { from: unknown; to: unknown }>>

/** The fields of a new record: the draft, with defaults for what it left out. */
export function newRecordFields(draft: PublicationDraft): PublicationFields {
  const { id: _id, ...fields } = draft
  return normalizeFields({
    ...fields,
    type: draft.type ?? 'other',
    authors: draft.authors ?? [],
    publishers: draft.publishers ?? [],
    identifiers: draft.identifiers ?? {},
    topics: draft.topics ?? [],
    regions: draft.regions ?? [],
    status: draft.status ?? 'published',
  })
}

/**
 * Lays a draft over an existing record: what the draft states replaces what was there, what it
 * leaves out stays (an editor's topics survive a re-import of the page that has none).
 */
export function mergeFields(existing: PublicationFields, draft: PublicationDraft): PublicationFields {
  const { id: _id, identifiers, ...stated } = draft
  return normalizeFields({
    ...existing,
    ...stated,
    identifiers: { ...existing.identifiers, ...identifiers },
  })
}

/** Field-by-field differences, in the canonical field order; empty when nothing changed. */
export function diffFields(before: PublicationFields, after: PublicationFields): FieldChanges {
  const changes: FieldChanges = {}
  for (const field of PUBLICATION_FIELD_NAMES) {
    if (!isDeepStrictEqual(before[field], after[field])) changes[field] = { from: before[field], to: after[field] }
  }
  return changes
}

/** Only the editable fields, in canonical order, with absent values left out. */
export function normalizeFields(fields: PublicationFields): PublicationFields {
  const out: Record<string, unknown> = {}
  for (const field of PUBLICATION_FIELD_NAMES) {
    const v = fields[field]
    // `featured: false` is the same as no flag, so unfeaturing leaves nothing behind.
    if (v !== undefined && !(field === 'featured' && v === false)) out[field] = v
  }
  return out as unknown as PublicationFields
}

/** The editable fields of a stored record. */
export function fieldsOf(record: PublicationFields): PublicationFields {
  return normalizeFields(record)
}
