/**
 * Editors' corrections to what enrichment found, applied on top of each fresh result so
 * that they survive re-enrichment:
 *   merge   (archive-wide) entity `key` is entity `target`: "person:kishida" is "person:fumio-kishida"
 *   rename  (archive-wide) entity `key` is shown as `name` (and typed `type`)
 *   remove  (one record)   the record does not name `key`
 *   add     (one record)   the record names `key` (`name`, `type`), though no rule found it
 *   split   (one record)   what the record calls `key` is another entity, `target` (`name`, `type`)
 */
import type { DatedEvent, RecordEnrichment, RecordEntity } from './enrich-record.js'
import type { EntityType } from './entities/gazetteer.js'

export interface EntityCorrection {
  kind: 'merge' | 'rename' | 'remove' | 'add' | 'split'
  publicationId?: string
  key: string
  target?: string
  name?: string
  type?: string
  country?: string
}

export function applyCorrections(publicationId: string, enrichment: RecordEnrichment, corrections: EntityCorrection[]): RecordEnrichment {
  const merges = new Map<string, string>()
  const renames = new Map<string, EntityCorrection>()
  const mine = corrections.filter((c) => !c.publicationId || c.publicationId === publicationId)
  for (const c of mine) {
    if (c.kind === 'merge' && c.target && !c.publicationId) merges.set(c.key, c.target)
    if (c.kind === 'rename' && c.name) renames.set(c.key, c)
  }
  /** Follows merges to the entity they end at (a cycle stops where it would repeat). */
  const canonical = (key: string) => {
    const seen = new Set<string>()
    while (merges.has(key) && !seen.has(key)) {
      seen.add(key)
      key = merges.get(key)!
    }
    return key
  }

  const splits = new Map(mine.filter((c) => c.kind === 'split' && c.publicationId && c.target).map((c) => [c.key, c]))
  const entities = new Map<string, RecordEntity>()
  const keyOf = new Map<string, string>()
  for (const e of enrichment.entities) {
    const split = splits.get(e.key)
    let moved: RecordEntity = split
      ? { ...e, key: split.target!, name: split.name ?? e.name, type: (split.type as EntityType) ?? e.type }
      : { ...e }
    if (split && !split.country) delete moved.country
    const key = canonical(moved.key)
    if (key !== moved.key) moved = { ...moved, key }
    keyOf.set(e.key, key)
    const existing = entities.get(key)
    if (existing) {
      existing.mentions += moved.mentions
      for (const f of moved.fields) if (!existing.fields.includes(f)) existing.fields.push(f)
      for (const s of moved.surfaces) if (!existing.surfaces.includes(s)) existing.surfaces.push(s)
    } else entities.set(key, moved)
  }
  for (const c of mine) {
    if (c.kind === 'add' && c.publicationId && c.name && c.type) {
      const key = canonical(c.key)
      if (!entities.has(key)) {
        entities.set(key, {
          key, name: c.name, type: c.type as EntityType, mentions: 0, fields: [], surfaces: [],
          ...(c.country ? { country: c.country } : {}),
        })
      }
    }
  }
  for (const c of mine) {
    if (c.kind === 'remove' && c.publicationId) {
      entities.delete(c.key)
      entities.delete(canonical(c.key))
    }
  }
  for (const [key, e] of entities) {
    const rename = renames.get(key)
    if (rename) {
      e.name = rename.name!
      if (rename.type) e.type = rename.type as EntityType
    }
  }
  const events: DatedEvent[] = enrichment.events.map((ev) => ({
    ...ev,
    entities: [...new Set(ev.entities.map((k) => keyOf.get(k) ?? canonical(k)))].filter((k) => entities.has(k)),
  }))
  return { ...enrichment, entities: [...entities.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)), events }
}
