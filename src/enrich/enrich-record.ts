/**
 * A record's entities and dated events: what the archive stores beside it. Pure: the
 * same fields and version always give the same result, so re-running enrichment after
 * an upgrade is safe and editors' corrections (corrections.ts) apply on top.
 */
import type { PublicationFields } from '../model/index.js'
import { gazetteer, personKey, personNameParts, slugOf, type EntityType } from './entities/gazetteer.js'
import { findEntities, type EntityMention } from './entities/find-entities.js'
import { sentenceSpans, spanAt } from './sentences.js'
import { findTimexes, type Timex, type TimexType } from './timex/find-timexes.js'
import { valueRange, type Precision } from './timex/value-range.js'

/** Bumped whenever the rules or lists change what enrichment finds; `dossier enrich --all` re-runs older results. */
export const ENRICHER_VERSION = '1.2.0'

export type EnrichedField = 'title' | 'summary' | 'body'

export interface EntityRef {
  /** Archive-wide identity: "country:JP", "person:fumio-kishida", "org:group-of-seven". */
  key: string
  name: string
  type: EntityType
  /** ISO 3166-1 alpha-2 of the country, or of the country a place lies in. */
  country?: string
}

export interface RecordEntity extends EntityRef {
  mentions: number
  fields: EnrichedField[]
  /** The ways the text wrote it ("Prime Minister Kishida" gives "Kishida"). */
  surfaces: string[]
}

export interface DatedEvent {
  /** First and last day the reference covers, YYYY-MM-DD. */
  start: string
  end: string
  /** The TimeML value ("2023-05"), or "first/last" for a range ("2023-01-09/2023-01-13"). */
  value: string
  precision: Precision
  type: TimexType
  /** The expression as written. */
  text: string
  sentence: string
  /** Keys of the entities named in the same sentence. */
  entities: string[]
  field: EnrichedField
}

export interface RecordEnrichment {
  version: string
  entities: RecordEntity[]
  events: DatedEvent[]
}

interface FieldMention extends EntityMention {
  field: EnrichedField
}

export function enrichRecord(f: Pick<PublicationFields, 'title' | 'summary' | 'body' | 'published'>): RecordEnrichment {
  const texts: [EnrichedField, string][] = [
    ['title', f.title],
    ['summary', f.summary ?? ''],
    ['body', f.body?.text ?? ''],
  ]
  const mentions: FieldMention[] = []
  const timexes: (Timex & { field: EnrichedField })[] = []
  for (const [field, text] of texts) {
    if (!text) continue
    for (const m of findEntities(text)) mentions.push({ ...m, field })
    for (const t of findTimexes(text, f.published)) timexes.push({ ...t, field })
  }
  const keyed = keyMentions(mentions)
  const entities = groupEntities(keyed)
  const events = datedEvents(texts, timexes, keyed)
  return { version: ENRICHER_VERSION, entities, events }
}

/** Gives each mention its archive-wide entity: gazetteer identity, or a key built from the fullest name in the record. */
function keyMentions(mentions: FieldMention[]): (FieldMention & { ref: EntityRef })[] {
  const gaz = gazetteer()
  const people = mentions.filter((m) => m.type === 'PERSON').map((m) => personNameParts(m.text))
  const acronyms = acronymExpansions(mentions)
  return mentions.map((m) => {
    if (m.known) {
      const ref: EntityRef = { key: m.known.key, name: m.known.name, type: m.known.type }
      if (m.known.country) ref.country = m.known.country
      return { ...m, ref }
    }
    if (m.type === 'PERSON') {
      // "Kishida" and "Prime Minister Kishida" are the "Kishida Fumio" named elsewhere in the record
      const parts = personNameParts(m.text)
      const fullest = people
        .filter((p) => parts.every((part) => p.includes(part)))
        .sort((a, b) => b.length - a.length)[0] ?? parts
      const name = fullest.length > parts.length ? fullNameText(mentions, fullest) ?? m.text : m.text
      return { ...m, ref: { key: personKey(fullest), name, type: 'PERSON' } }
    }
    const expanded = acronyms.get(m.text)
    const name = expanded ?? m.text.replace(/^the\s+/i, '')
    const country = m.type === 'LOC' ? gaz.lookup(name)?.country : undefined
    const ref: EntityRef = { key: `${m.type.toLowerCase()}:${slugOf(name)}`, name, type: m.type }
    if (country) ref.country = country
    return { ...m, ref }
  })
}

function fullNameText(mentions: FieldMention[], parts: string[]): string | undefined {
  const joined = parts.join(' ')
  return mentions.find((m) => m.type === 'PERSON' && personNameParts(m.text).join(' ') === joined)?.text
}

/** "European Aeronautic Defence and Space Company (EADS)": the acronym is the name before it. */
function acronymExpansions(mentions: FieldMention[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const m of mentions) {
    if (!/^\p{Lu}{2,6}$/u.test(m.text)) continue
    const full = mentions.find((o) => o !== m && o.type === m.type && o.text.includes(' ')
      && o.text.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('') === m.text)
    if (full) map.set(m.text, full.text.replace(/^the\s+/i, ''))
  }
  return map
}

function groupEntities(keyed: (FieldMention & { ref: EntityRef })[]): RecordEntity[] {
  const byKey = new Map<string, RecordEntity>()
  for (const m of keyed) {
    let e = byKey.get(m.ref.key)
    if (!e) {
      e = { ...m.ref, mentions: 0, fields: [], surfaces: [] }
      byKey.set(m.ref.key, e)
    }
    e.mentions++
    if (!e.fields.includes(m.field)) e.fields.push(m.field)
    if (!e.surfaces.includes(m.text)) e.surfaces.push(m.text)
    // the fullest way the record writes a person is their name here
    if (m.ref.type === 'PERSON' && m.ref.name.length > e.name.length) e.name = m.ref.name
  }
  return [...byKey.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name))
}

function datedEvents(
  texts: [EnrichedField, string][],
  timexes: (Timex & { field: EnrichedField })[],
  keyed: (FieldMention & { ref: EntityRef })[],
): DatedEvent[] {
  const events: DatedEvent[] = []
  for (const [field, text] of texts) {
    const sentences = sentenceSpans(text)
    const inField = timexes.filter((t) => t.field === field)
    for (const t of inField) {
      if (t.type !== 'DATE' && t.type !== 'TIME') continue
      const second = inField.find((o) => o.rangeFrom === t.start)
      if (t.rangeFrom !== undefined) continue; // folded into its first half
      const range = valueRange(t.value)
      if (!range) continue
      const endRange = second ? valueRange(second.value) : undefined
      const sentence = spanAt(sentences, t.start) ?? { start: t.start, end: t.end }
      const entities = [...new Set(keyed
        .filter((m) => m.field === field && m.start >= sentence.start && m.end <= sentence.end)
        .map((m) => m.ref.key))]
      events.push({
        start: range.start,
        end: endRange ? endRange.end : range.end,
        value: endRange ? `${t.value}/${second!.value}` : t.value,
        precision: range.precision,
        type: t.type,
        text: text.slice(t.start, second ? second.end : t.end),
        sentence: text.slice(sentence.start, sentence.end),
        entities,
        field,
      })
    }
  }
  return events
}
