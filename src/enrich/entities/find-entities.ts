/**
 * People, organisations and places named in English prose. Runs of capitalised
 * words are the candidates; each is split where a title or a second name begins and
 * typed by the strongest evidence: our lists and the country and city gazetteers,
 * the head word ("… University", "… River"), a title or a first name before it, an
 * acronym's shape, the words around it. A second pass gives lone name parts the
 * type of the full name seen elsewhere in the document ("Barra" after "Mary Barra").
 */
import { sentenceSpans } from '../sentences.js'
import { readsAsEastAsianName } from './east-asian-names.js'
import { gazetteer, nameKey, type EntityType, type GazetteerEntry } from './gazetteer.js'
import {
  ADMINISTRATIVE, COMPASS, COMPASS_REGIONS, FOR_HEADS, IN_PLACE, INSTITUTIONS, LOCATIVE, ORG_HEADS, ORG_OF_HEADS, PERSON_TITLES, PLACE_HEADS, PLACE_MODIFIERS, ROLE_NOUNS,
  PLACE_OF_HEADS, SURNAME_HEADS, UNDERTAKINGS, WORKS,
} from './known-names.js'
import { countAlone, TypeVotes, type Alone } from './name-evidence.js'

export interface EntityMention {
  start: number
  end: number
  type: EntityType
  text: string
  /** The gazetteer entry the mention matched, if any. */
  known?: GazetteerEntry
}

export interface Token {
  text: string
  start: number
  end: number
  /** First word of a sentence, line or quotation: its capital says nothing. */
  initial: boolean
  /** Ended in "'s": the name ends here ("Apple's OS X"). */
  possessive?: boolean
  /** Position in the token list. */
  index: number
}

const TOKEN = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:(?:[-'’&.](?=[\p{L}\p{N}]))[\p{L}\p{M}\p{N}]+)*\.?|\S/gu
const CONNECTORS = new Set(['of', 'for', 'and', '&', 'de', 'du', 'da', 'di', 'del', 'della', 'la', 'le', 'von', 'van', 'der', 'den', 'bin', 'ibn', 'al', 'el', 'on', 'the', 'y', 'dos', 'das'])
/** One word of a person's name: "Tina", "McKenzie", "O'Connor", "Bailey-Ross", "R.", "O.J." */
/** Arabic names' article and kin words before a capital: "al-Sabunji", "bin-Laden". */
const ARABIC_PARTICLES = 'al|el|ad|ar|as|ash|at|az|abu|abd|bin|ibn'
const ARABIC_PARTICLE = new RegExp(`^(?:${ARABIC_PARTICLES})-\\p{Lu}`, 'u')
const NAME_WORD = new RegExp(`^(?:\\p{Lu}\\.){1,3}$|^(?:Mc|Mac|[ODL]['’]|(?:${ARABIC_PARTICLES})-)?\\p{Lu}[\\p{Ll}\\p{M}'’]*(?:-\\p{L}[\\p{Ll}\\p{M}'’]*)*\\.?$`, 'u')
const NAME_PARTICLES = new Set(['de', 'du', 'da', 'di', 'del', 'della', 'la', 'le', 'von', 'van', 'der', 'den', 'bin', 'ibn', 'al', 'el', 'dos', 'das', 'y'])
const ABBREVIATION_DOT = /^(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Jr|Sr|Inc|Corp|Co|Ltd|Mt|Ft|Rev|Hon|No)\.$/

/** Words that start sentences with a capital and are never names. */
const COMMON_CAPITALISED = new Set(
  ('a an the this that these those it its he she they we i you his her their our my your there here when while ' +
    'after before as if although though since because for from with without during despite according meanwhile ' +
    'also yet so then now today yesterday tomorrow last next many most some several all both each every no not ' +
    'other such what which who whom whose why how where one two three four five six seven eight nine ten first ' +
    'second third however but and or nor in on at by to of into onto upon over under about above below between ' +
    'among against toward towards through until unless whether instead indeed still even just only perhaps maybe ' +
    'yes oh well please thanks thank let lets let\'s do does did is are was were be been being have has had can ' +
    'could will would shall should may might must said says say according once twice again further furthermore ' +
    'moreover therefore thus hence nevertheless nonetheless otherwise besides anyway overall finally recently ' +
    'currently previously later earlier soon often sometimes always never usually already almost nearly around ' +
    'like unlike including following given based more less few fewer much any another either neither none ' +
    'nothing something everything anything someone everyone anyone nobody everybody somebody himself herself ' +
    'itself themselves ourselves myself yourself mine yours hers ours theirs chapter section figure table part ' +
    'page note see source sources photo image credit update editor editors abstract introduction conclusion ' +
    'summary contents references acknowledgements appendix monday tuesday wednesday thursday friday saturday ' +
    'sunday january february march april may june july august september october november december spring summer ' +
    'autumn winter morning evening tonight mr mrs ms dr prof sir madam dear hello hi ok okay no yes wow well ' +
    'why what whatever whenever wherever whoever new old big small great good bad best worst top key main ' +
    'major minor local national international global federal state public private general special senior ' +
    'junior former current early late long short high low full open free total additional annual daily weekly ' +
    'news read click share follow sign log subscribe download print email comment comments reply tags posted ' +
    'written published edited opinion analysis report reports interview interviews question questions answer ' +
    'answers q a story stories video videos audio live breaking exclusive').split(/\s+/),
)

export function findEntities(text: string): EntityMention[] {
  const gaz = gazetteer()
  const tokens = tokenize(text)
  const lowerSeen = new Set<string>()
  for (const t of tokens) if (startsLower(t.text)) lowerSeen.add(t.text)
  const titleCased = new Set<string>()
  for (const t of tokens) if (/^\p{Lu}\p{Ll}/u.test(t.text)) titleCased.add(nameKey(t.text))
  const facts: DocFacts = { lowerSeen, titleCased, ...acronymTerms(text, tokens), headings: headingLines(text), cited: citedAuthors(text) }

  const mentions: EntityMention[] = []
  const pending: { tokens: Token[]; before: Token | undefined; personCue: boolean }[] = []
  // How often each name stands alone: a surname or a short name the text keeps coming back to
  const alone = new Map<string, Alone>()

  for (const chunk of chunks(text, tokens, lowerSeen)) {
    for (const part of splitChunk(chunk.tokens, gaz)) {
      if (part.tokens.length === 1) countAlone(alone, part.tokens[0]!, tokens)
      const typed = classify(part.tokens, part.personCue, facts, text, gaz)
      if (typed) mentions.push(typed)
      else if (typed === undefined) pending.push({ ...part, before: tokens[part.tokens[0]!.index - 1] })
    }
  }

  // Second pass: name parts and repeated names take the type they had elsewhere in the text,
  // by majority when a name was typed more than one way
  const seen = new TypeVotes()
  for (const m of mentions) seen.add(nameKey(m.text), m.type)
  const nameParts = new Set<string>()
  for (const m of mentions) if (m.type === 'PERSON') addNameParts(m.text, seen, nameParts)
  const expansions = acronymExpansions(mentions)
  // longer names first: "Évariste Galois" typed as a person makes the lone "Galois" one
  pending.sort((a, b) => b.tokens.length - a.tokens.length)
  const untyped: typeof pending = []
  const placed = new Set<string>()
  for (const p of pending) {
    const surface = text.slice(p.tokens[0]!.start, p.tokens[p.tokens.length - 1]!.end)
    const type = resolvePending(p, surface, seen, nameParts, expansions, alone, facts, text, gaz)
      ?? listNeighbour(p.tokens, mentions, text)
    if (!type) {
      untyped.push(p)
      continue
    }
    mentions.push({ start: p.tokens[0]!.start, end: p.tokens[p.tokens.length - 1]!.end, type, text: surface })
    if (p.tokens.length > 1) {
      seen.add(nameKey(surface), type)
      if (type === 'PERSON') addNameParts(surface, seen, nameParts)
    } else if (type === 'LOC' && placedByContext(p.tokens, text)) placed.add(nameKey(surface))
  }
  // what the text places ("north of Temescal", "Temescal is a neighborhood") is that place wherever it stands
  for (const p of untyped) {
    const surface = text.slice(p.tokens[0]!.start, p.tokens[p.tokens.length - 1]!.end)
    if (placed.has(nameKey(surface)) && !facts.lowerSeen.has(surface.toLowerCase())) mentions.push({ start: p.tokens[0]!.start, end: p.tokens[p.tokens.length - 1]!.end, type: 'LOC', text: surface })
  }
  // "Valeska Paris" in the text: a lone "Paris" that reads like a person there is her, not the city
  const surnames = new Set<string>()
  for (const m of mentions) if (m.type === 'PERSON' && /\s/.test(m.text)) surnames.add(nameKey(m.text.slice(m.text.search(/\S+$/))))
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!
    if (m.type !== 'LOC' || /\s/.test(m.text) || !surnames.has(nameKey(m.text))) continue
    // "sailed from Lyon" is still the city
    const before = /(\p{L}+)\s+$/u.exec(text.slice(Math.max(0, m.start - 16), m.start))?.[1]?.toLowerCase() ?? ''
    if (IN_PLACE.has(before)) continue
    if ((alone.get(nameKey(m.text))?.personish ?? 0) >= 1) mentions[k] = { start: m.start, end: m.end, type: 'PERSON', text: m.text }
  }
  placesActingAsBodies(mentions, text, gaz)
  regionsAfterPlaces(mentions, text)
  regnalNumbers(mentions, text)
  dropProductMakers(mentions, text)
  addNamesRunsMiss(text, mentions, gaz)
  return placeEpithets(epithetNames(mentions, text).sort((a, b) => a.start - b.start), text)
}

const EPITHET = /(?<![\p{L}\p{M}])(\p{Lu}[\p{Ll}\p{M}'’-]+) the (?:Great|Elder|Younger|Conqueror|Bald|Wise|Pious|Magnificent|Terrible|Lionheart|Confessor|Apostate|Navigator|Liberator|Lawgiver|Venerable)(?![\p{L}\p{M}])/gu

/**
 * "Constantine the Great", "Pliny the Elder": a name and its epithet are one person, whatever
 * the name alone was taken for (Constantine is also a city).
 */
function epithetNames(mentions: EntityMention[], text: string): EntityMention[] {
  const named = [...text.matchAll(EPITHET)].map((m) => ({ start: m.index, end: m.index + m[0].length, type: 'PERSON' as const, text: m[0] }))
  if (!named.length) return mentions
  const kept = mentions.filter((m) => !named.some((e) => m.start < e.end && e.start < m.end))
  return [...kept, ...named]
}

const STATE_ACTS = /^\s+(?:fired|retaliated|evacuated|stated|says|said|announced|launched|attacked|warned|threatened|demanded|refused|agreed|rejected|signed|vowed|accused|denied|claimed|insisted|responded)\b/
const ACADEMIC_UNIT = /^['’]s\s+(?:Department|School|College|Faculty)\b/

/**
 * Places standing for the body that acts for them, in that mention: a country that acts or
 * speaks is its state ("North Korea fired", "South Korea says"), a town owning an academic unit
 * its university ("Berkeley's Department of Linguistics"; "Japan's Department of Defense" stays
 * the country). A country's mention keeps its gazetteer entry, so the archive still files it
 * under the country.
 */
function placesActingAsBodies(mentions: EntityMention[], text: string, gaz: ReturnType<typeof gazetteer>) {
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!
    if (m.type !== 'LOC') continue
    const after = text.slice(m.end, m.end + 20)
    const country = gaz.lookup(m.text)?.key.startsWith('country:')
    if (country ? STATE_ACTS.test(after) : ACADEMIC_UNIT.test(after)) mentions[k] = { ...m, type: 'ORG' }
  }
}

/** "Exeter, Devon": one word after a place and a comma is the region it lies in, not a person. */
function regionsAfterPlaces(mentions: EntityMention[], text: string) {
  const byEnd = new Map(mentions.map((m) => [m.end, m]))
  for (const [k, m] of mentions.entries()) {
    if (m.type !== 'PERSON' || /\s/.test(m.text) || text.slice(m.start - 2, m.start) !== ', ') continue
    if (byEnd.get(m.start - 2)?.type === 'LOC' && /^(?:[,.;:)]|\s+(?:and|or)\b|\s*$)/.test(text.slice(m.end, m.end + 5))) mentions[k] = { ...m, type: 'LOC' }
  }
}

/** A model number after a maker's name: "Boeing 747", "Airbus A330", but not a year or a standard's number ("ISO 639"). */
const MODEL_NUMBER = /^ (?:\p{Lu}\d{2,4}|\d{3}(?!\d)|(?!19|20)\d{4}(?!\d))/u

/** "a Boeing 747", "an American Airlines 777": the maker's or the airline's name there names the aircraft, not the company. */
function dropProductMakers(mentions: EntityMention[], text: string) {
  for (let k = mentions.length - 1; k >= 0; k--) {
    const m = mentions[k]!
    if (m.type === 'ORG' && !/^[\p{Lu}\d&.-]+$/u.test(m.text) && MODEL_NUMBER.test(text.slice(m.end, m.end + 6))) mentions.splice(k, 1)
  }
}

const REGNAL_NUMBER = 'I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV'
const REGNAL_AFTER = new RegExp(`^ (?:${REGNAL_NUMBER})(?=[,.;:)"'’]|\\s+(?:of|and|was|had|who|in)\\b|\\s*$)`)
const REGNAL_AT_END = new RegExp(`\\s(?:${REGNAL_NUMBER})$`)

/** "Norton I", "Damasus I", "Shah Abbas II": a ruler's number is part of his name. */
function regnalNumbers(mentions: EntityMention[], text: string) {
  for (const [k, m] of mentions.entries()) {
    if (m.type !== 'PERSON' || REGNAL_AT_END.test(m.text)) continue
    const numeral = REGNAL_AFTER.exec(text.slice(m.end, m.end + 12))?.[0]
    if (numeral) mentions[k] = { ...m, end: m.end + numeral.length, text: text.slice(m.start, m.end + numeral.length) }
  }
}

/** Road numbers: motorways and A roads ("the M1 northbound", "the A64"), Interstates and US routes ("I-44", "US-75"). */
const ROADS = /(?<![\p{L}\p{N}-])(?:I-\d{1,3}|US[- ]\d{1,3}|(?<=(?:\bthe|\bThe|\()\s?)(?:M\d{1,3}|A\d{1,4}M?)(?=\s+(?:northbound|southbound|eastbound|westbound|motorway|road|and|to|at|on|around|link|provide)\b|\s*[,.;)]))(?![\p{L}\p{N}])/gu
/** US states by postal code, after a place: "Vinita, OK". */
const STATE_CODES = new Set('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' '))
/** A nationality before a noun for a company or an official, where it stands for the country: "an American automaker", "the Japanese minister". */
const NATIONAL_OF = /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?=\s+(?:company|companies|auto|automobile|automaker|automakers|carmaker|carmakers|magazine|newspaper|minister|ministers|official|officials|assembly|airline|air)\b)/gu
/** "the Republican party": a party named with its head in lower case. */
const LOWER_CASE_PARTY = /(?<![\p{L}\p{N}])(?:Republican|Democratic|Labour|Labor|Conservative|Liberal|Communist|Socialist|Libertarian|Green) party(?![\p{L}\p{N}])/gu
/** Airports by their IATA codes: "(IATA: TUL)". */
const IATA_CODE = /(?<=\bIATA:\s?)[A-Z]{3}(?![\p{L}\p{N}])/gu
/** Numbered streets and terminals: "51st Street", "N 44th St", "Terminal 3". */
const NUMBERED_SITE = /(?<![\p{L}\p{N}])(?:[NSEW]\.? )?\d{1,4}(?:st|nd|rd|th) (?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Place|Pl)\b|(?<![\p{L}\p{N}])Terminal \d{1,2}(?![\p{L}\p{N}])/gu
/** A US state's postal code after a word and a comma: "Vinita, OK". */
const STATE_CODE_AFTER = /(?<=\p{Ll}, )([A-Z]{2})(?![\p{L}\p{N}])/gu

/**
 * Adds the names the capitalised runs leave out: parties with a lower-case head, road numbers,
 * airport codes, numbered streets and terminals, state codes after a town, and a nationality
 * before a company or an official. Some of these replace a shorter reading of their own words
 * ("Terminal" in "Terminal 2"); the others go only where nothing was found.
 */
function addNamesRunsMiss(text: string, mentions: EntityMention[], gaz: ReturnType<typeof gazetteer>) {
  const add = (start: number, end: number, type: EntityType = 'LOC') => {
    if (!mentions.some((m) => m.start < end && start < m.end)) mentions.push({ start, end, type, text: text.slice(start, end) })
  }
  const claim = (start: number, end: number, type: EntityType = 'LOC') => {
    const inside = mentions.findIndex((x) => x.start >= start && x.end <= end)
    if (inside >= 0) mentions.splice(inside, 1)
    add(start, end, type)
  }
  for (const m of text.matchAll(LOWER_CASE_PARTY)) claim(m.index!, m.index! + m[0].length, 'ORG')
  // the Airbus A300s to A380 are aircraft, whatever the punctuation after them
  const airbus = text.includes('Airbus')
  for (const m of text.matchAll(ROADS)) if (!(airbus && /^A3\d\d$/.test(m[0]))) add(m.index!, m.index! + m[0].length)
  for (const m of text.matchAll(IATA_CODE)) claim(m.index!, m.index! + m[0].length)
  for (const m of text.matchAll(NUMBERED_SITE)) claim(m.index!, m.index! + m[0].length)
  for (const m of text.matchAll(STATE_CODE_AFTER)) {
    // "Tom Molomby, SC" is his rank, not South Carolina
    if (STATE_CODES.has(m[1]!) && !mentions.some((x) => x.type === 'PERSON' && x.end === m.index! - 2)) claim(m.index!, m.index! + 2)
  }
  for (const m of text.matchAll(NATIONAL_OF)) if (gaz.demonymCountry(m[0])) add(m.index!, m.index! + m[0].length)
}

/** Words that open a clause or a greeting, never a name, wherever the sentence is taken to begin: "[16] While Poisson's report". */
const LEADING_NEVER = new Set(['While', 'Although', 'Though', 'Since', 'Because', 'After', 'Before', 'During', 'Despite', 'Together', 'Meanwhile', 'However', 'Hey', 'Hi', 'Hello', 'Dear', "I'm", 'I’m', 'Unlike', 'Following', 'When', 'If', 'Unless', 'Whereas'])

const CALENDAR = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/

const REGNAL = /^\p{Lu}[\p{Ll}\p{M}]+(?:\s+[IVX]+)?$/u

/**
 * "Louis XV of France", "Theodorus of Tabennese": a given name (and a regnal number) with the
 * place it is known by makes one person's name; "Tanya Chan of the Civic Party" stays two.
 */
function placeEpithets(mentions: EntityMention[], text: string): EntityMention[] {
  const places = new Set(mentions.filter((m) => m.type === 'LOC').map((m) => m.text))
  const out: EntityMention[] = []
  for (let k = 0; k < mentions.length; k++) {
    const a = mentions[k]!
    const b = mentions[k + 1]
    const place = a.type === 'PERSON' && REGNAL.test(a.text) ? /^ of (\p{Lu}[\p{L}\p{M}'’-]+)(?![\p{L}\p{M}'’-])/u.exec(text.slice(a.end, a.end + 40))?.[1] : undefined
    const typedThere = b && b.start === a.end + 4 && b.text === place
    if (place && ((typedThere && (b.type === 'LOC' || b.type === 'PERSON')) || (!typedThere && places.has(place)))) {
      const end = a.end + 4 + place.length
      out.push({ start: a.start, end, type: 'PERSON', text: text.slice(a.start, end) })
      if (typedThere) k++
    } else out.push(a)
  }
  return out
}

/**
 * A name in a list takes the type of the names beside it ("Laura Michaelis, Len Talmy, and Eve
 * Sweetser"): the neighbours on each side that are typed must agree, and at least one must be.
 */
function listNeighbour(tokens: Token[], mentions: EntityMention[], text: string): EntityType | undefined {
  if (tokens.length > 4) return undefined
  const start = tokens[0]!.start
  const end = tokens[tokens.length - 1]!.end
  const before = /(?:,|,?\s+(?:and|or))\s+$/.exec(text.slice(Math.max(0, start - 8), start))
  const after = /^(?:,?\s+(?:and|or)|,)\s+/.exec(text.slice(end, end + 8))
  const left = before && mentions.find((m) => m.end === start - before[0].length)
  const right = after && mentions.find((m) => m.start === end + after[0].length)
  if (!left || left.type === 'AGREEMENT') return undefined
  if (right) return right.type === left.type ? left.type : undefined
  // no typed name after it: only the last of three or more ("A, B, and C") follows the one before
  const lastOfList = before![0].startsWith(',') && before![0].length > 2 && /,\s+$/.test(text.slice(Math.max(0, left.start - 4), left.start))
  return lastOfList ? left.type : undefined
}

/** "Mary Barra" makes "Barra" (and "Mary") a person's name in this text, unless already typed. */
function addNameParts(name: string, seen: TypeVotes, parts: Set<string>) {
  const words = name.split(/\s+/)
  for (const [i, part] of words.entries()) {
    const lower = part.toLowerCase()
    // a head word is no name, unless it ends one as a surname: "Christopher Hill" makes "Hill" him
    const head = ORG_HEADS.has(lower) || PLACE_HEADS.has(lower)
    if (/^\p{Lu}/u.test(part) && part.length > 1 && (!head || i > 0 && i === words.length - 1 && SURNAME_HEADS.has(lower)) && !COMMON_CAPITALISED.has(lower)) {
      if (!seen.has(nameKey(part))) {
        seen.add(nameKey(part), 'PERSON')
        parts.add(nameKey(part))
      }
    }
  }
}

/** "University of Southern Indiana" -> USI: initials of the capitalised words of multi-word names. */
function acronymExpansions(mentions: EntityMention[]): Map<string, EntityType> {
  const out = new Map<string, EntityType>()
  const add = (name: string, type: EntityType) => {
    const words = name.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w))
    if (words.length < 2 || words.length > 6) return
    const initials = words.map((w) => w[0]).join('')
    if (!out.has(initials)) out.set(initials, type)
  }
  for (const m of mentions) {
    add(m.text, m.type)
    // "Boston Red Sox of Major League Baseball" spells MLB too
    const of = m.text.lastIndexOf(' of ')
    if (of > 0) add(m.text.slice(of + 4), m.type)
  }
  return out
}

const ACRONYM = /^(?:\p{Lu}\.?){2,6}$|^\p{Lu}[\p{Lu}\d&]{1,5}$/u

/** The type of a name the first pass left open, from the rest of the text, else from its context. */
function resolvePending(
  p: { tokens: Token[]; before: Token | undefined }, surface: string, seen: TypeVotes, nameParts: Set<string>, expansions: Map<string, EntityType>,
  alone: Map<string, Alone>, facts: DocFacts, text: string, gaz: ReturnType<typeof gazetteer>,
): EntityType | undefined {
  const key = nameKey(surface)
  const earlier = seen.get(key)
  const known = gaz.lookup(surface)
  const prev = p.before?.text.toLowerCase() ?? ''
  const single = p.tokens.length === 1
  const lone = alone.get(key)
  // a city that is also part of someone's name ("Grover Cleveland") stays a city where it stands
  // alone, unless it reads there like a person
  if (earlier === 'PERSON' && single && known?.type === 'LOC') {
    if (IN_PLACE.has(prev)) return 'LOC'
    if (nameParts.has(key) && (known.population ?? Infinity) >= 100_000 && (lone?.personish ?? 0) < 1) return 'LOC'
  }
  // "Stuart Hall" is no reason to read "the Hall" as him
  if (earlier === 'PERSON' && single && prev === 'the' && SURNAME_HEADS.has(key)) return undefined
  if (earlier) return earlier
  if (ACRONYM.test(surface)) {
    // "NORTON" in a quoted proclamation is Norton shouting; "USI" after "University of Southern Indiana" is it
    const expanded = expansions.get(surface.replace(/\./g, ''))
    if (expanded) return expanded
    if (facts.spelledBodies.has(surface)) return 'ORG'
    // "a HUGE collector": a word in capitals for emphasis
    if (facts.lowerSeen.has(surface.toLowerCase())) return undefined
    if (facts.titleCased.has(key)) return undefined
    return facts.terms.has(surface) ? undefined : 'ORG'
  }
  // "the TV series Supernatural", "the cruise ship Freewinds": a work or a vessel, none of the three
  if (WORKS.has(prev)) return undefined
  // a small town's name is more often someone's or something's: it needs a place word before it
  // somewhere in the text ("in Obama" is the town in Fukui, "on Obama" is not)
  if (known && (known.type !== 'LOC' || (known.population ?? Infinity) >= 100_000 || !single || (lone?.located ?? 0) > 0)) return known.type
  // a city's quarters by their common names, capitalised mid-sentence
  if (single && /^(?:Downtown|Uptown|Midtown)$/.test(surface) && !p.tokens[0]!.initial && prev !== 'the') return 'LOC'
  // "the West", "the Southwest": a region by its compass name
  if (single && prev === 'the' && COMPASS_REGIONS.test(surface) && !p.tokens[0]!.initial) return 'LOC'
  // "a Mets fan", "the second Pirates player": a plural name before a team's people is the team
  if (p.tokens.length <= 3 && prev !== 'of' && !p.tokens[0]!.initial && /\p{Ll}s$/u.test(surface) && TEAM_PEOPLE_AFTER.test(textAfter(text, p.tokens, 24))) return 'ORG'
  // "the Court", "the Church": an institution named earlier, by its head word with a capital
  if (single && (ORG_HEADS.has(key) || PLACE_HEADS.has(key))) {
    if (p.before?.text.toLowerCase() !== 'the' || p.tokens[0]!.initial) return undefined
    if (ORG_HEADS.has(key)) return 'ORG'
    // "the Airport", "the Cathedral": a site named earlier; not "the County" (its government),
    // "the Municipality of Livorno" or "the District 8-4A"
    const after = text.slice(p.tokens[0]!.end, p.tokens[0]!.end + 16)
    // ...but "the County did afford", "the County's": the government acting is a body
    if (ADMINISTRATIVE.has(key) && (p.tokens[0]!.possessive || BODY_ACTS.test(after))) return 'ORG'
    return ADMINISTRATIVE.has(key) || /^\s+(?:of\b|\d)/.test(after) ? undefined : 'LOC'
  }
  // "the Judiciary", "the Treasury": the state's bodies by their own names
  if (single && prev === 'the' && !p.tokens[0]!.initial && /^(?:Judiciary|Legislature|Treasury|Exchequer)$/.test(surface)) return 'ORG'
  // "localist group Youngspiration", "the company Hitwise UK", "a band, Spoken Motion": named by the kind of body it is
  if (p.tokens.length <= 4 && ORG_KINDS.has(prev) && /^\s+$/.test(text.slice(p.before!.end, p.tokens[0]!.start)) && !(single && gaz.isFirstName(surface))) return 'ORG'
  if (single && facts.cited.has(p.tokens[0]!.start)) return 'PERSON'
  // "his father, Anthony, was", "her sister Michelle": a first name after a relative
  if (single && gaz.isFirstName(surface) && KIN_BEFORE.test(textBefore(text, p.tokens, 24))) return 'PERSON'
  const surname = surnameOfKnownPerson(p.tokens, seen)
  if (surname) return surname
  if (recurringSurname(p.tokens, alone, facts, gaz)) return 'PERSON'
  if (single && lone && !facts.lowerSeen.has(surface.toLowerCase())) {
    // a name the text keeps using alone, mostly as someone ("Pachomius was", "to Pachomius' successor")
    if (lone.count >= 3 && lone.personish >= 2) return 'PERSON'
    if (gaz.isFirstName(surface) && lone.count >= 2 && lone.personish >= 1) return 'PERSON'
  }
  // a place or a body is not called by its head word alone, as "Hill" for "Christopher Hill"
  const headType = surnamedHead(p.tokens, gaz)
  if (headType) return alone.has(nameKey(p.tokens[p.tokens.length - 1]!.text)) || ROLE_NOUNS.has(prev) || SAID_BEFORE.test(textBefore(text, p.tokens, 12))
    || ROLE_AFTER.test(textAfter(text, p.tokens, 40)) ? 'PERSON' : headType
  return fallbackType(p.tokens, p.before, facts, text, gaz) ?? (single && INNER_CAPITAL.test(surface) ? 'ORG' : undefined)
}

/**
 * A first name (a small town's at most) and at most one more name before a place's or a body's
 * head word that is also a surname ("Christopher Hill", "Jim Press"): the head's type, else
 * undefined.
 */
function surnamedHead(tokens: Token[], gaz: ReturnType<typeof gazetteer>): 'LOC' | 'ORG' | undefined {
  if (tokens.length < 2 || tokens.length > 3) return undefined
  const words = tokens.map((t) => t.text)
  const head = words[words.length - 1]!.toLowerCase()
  if (!SURNAME_HEADS.has(head) || !gaz.isFirstName(words[0]!) || !(gaz.lookup(words[0]!)?.weak ?? true)) return undefined
  if (!words.every((w) => /^\p{Lu}[\p{Ll}\p{M}'’-]+$/u.test(w))) return undefined
  return ORG_HEADS.has(head) ? 'ORG' : PLACE_HEADS.has(head) ? 'LOC' : undefined
}

/** "said Jim Press": a verb of saying just before a name. */
const SAID_BEFORE = /\b(?:said|says|told|according to)\s+$/
/** "Jim Press, the Vice Chairman of", "X, a professor at": a title or role in apposition. */
const ROLE_AFTER = /^,\s+(?:(?:the|a|an|its|their)\s+)?(?:\p{L}+\s+){0,2}?(?:chairman|chairwoman|chair|president|director|chief|executive|officer|minister|secretary|spokesman|spokeswoman|spokesperson|professor|founder|head|leader|editor|author|analyst|manager|member|senator|governor|mayor|judge|ambassador|commissioner|economist|researcher|lawyer|coach)\b/iu

const PAPER_NAMES = /^(?:Star|Sun|Globe|Mail|Chronicle|Observer|Courier|Examiner|Inquirer|Bulletin|Dispatch|Register|Sentinel|Standard|Mirror|Express|Telegraph|Independent|Guardian|Enquirer|Star-Telegram|Free Press)$/
const REALMS = /^(?:Empire|Caliphate|Sultanate|Khanate|Kingdom|Republic)$/

/** Common nouns for kinds of bodies, naming the one that follows them. */
const ORG_KINDS = new Set(['group', 'band', 'company', 'firm', 'team', 'club', 'organization', 'organisation', 'charity', 'newspaper', 'magazine',
  'website', 'publisher', 'label', 'airline', 'carrier', 'automaker', 'carmaker', 'manufacturer', 'bank', 'broadcaster', 'network', 'startup', 'union', 'think-tank'])
/** A verb after "the County", "the State": the body acting. */
const BODY_ACTS = /^\s+(?:did|does|has|had|will|would|argued|argues|said|says|claimed|claims|contends|contended|agreed|decided|filed|appealed|must|should|can|could|may)\b/

const KIN_BEFORE = /\b(?:father|mother|brother|sister|son|daughter|wife|husband|uncle|aunt|cousin|grand(?:father|mother|son|daughter)|nephew|niece|fiancée?|widow|widower|step(?:father|mother|son|daughter))s?(?:,|\s+of)?\s+$/i

/**
 * "LibriVox", "WorldCom", "JetBlue": a capital inside a word of five letters or more marks a
 * company's or a project's name (not "PhD", "CoM"); surnames built so ("McFarlane",
 * "DeSantis", "LaGuardia") are left out by their prefixes, and people named after one
 * ("YouTubers") by their ending.
 */
const INNER_CAPITAL = /^(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|St)\p{Lu})(?=[\p{L}]{5,}$)\p{Lu}\p{Ll}+\p{Lu}\p{L}*(?<!ers)$/u

/**
 * "Évariste Galois" when the text goes on about "Galois": two or three plain capitalised words,
 * no known place among them, whose last one stands alone at least twice elsewhere and reads
 * there like a person ("Galois returned", "Galois' paper").
 */
function recurringSurname(tokens: Token[], alone: Map<string, Alone>, facts: DocFacts, gaz: ReturnType<typeof gazetteer>): boolean {
  if (tokens.length < 2 || tokens.length > 3) return false
  if (!tokens.every((t) => /^\p{Lu}[\p{Ll}\p{M}'’-]+$/u.test(t.text))) return false
  const last = alone.get(nameKey(tokens[tokens.length - 1]!.text))
  if (!last || last.count < 2 || last.personish < 1) return false
  for (const [k, t] of tokens.entries()) {
    const lower = t.text.toLowerCase()
    if (facts.lowerSeen.has(lower) || ORG_HEADS.has(lower) || PLACE_HEADS.has(lower) || COMMON_CAPITALISED.has(lower)) return false
    if (gaz.demonymCountry(t.text)) return false
    // a surname that is also a place ("Valeska Paris") needs its lone uses to read clearly as hers
    if (gaz.lookup(t.text) && (k < tokens.length - 1 || last.personish < 2)) return false
  }
  return true
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  const starts = new Set(sentenceSpans(text).map((s) => s.start))
  let initial = true
  for (const m of text.matchAll(TOKEN)) {
    let word = m[0]
    const start = m.index
    // a sentence-final dot is punctuation, unless the word is an abbreviation or initial
    if (word.length > 1 && word.endsWith('.') && !/(?:^|[-])(?:\p{Lu}\.)+$/u.test(word) && !ABBREVIATION_DOT.test(word) && !/^\p{Lu}\.$/u.test(word)) {
      word = word.slice(0, -1)
    }
    const isWord = /[\p{L}\p{N}]/u.test(word)
    const lineStart = afterLineBreak(text, start)
    if (isWord) {
      // possessive "'s" belongs to no name
      const possessive = /['’]s$/.exec(word)
      if (possessive && word.length > 2) word = word.slice(0, -2)
      tokens.push({
        index: tokens.length, text: word, start, end: start + word.length, initial: initial || starts.has(start) || lineStart,
        ...(possessive && word.length > 2 ? { possessive: true } : {}),
      })
      initial = false
    } else {
      tokens.push({ index: tokens.length, text: word, start, end: start + word.length, initial: false })
      if (/["“«(:\-–—]/.test(word)) initial = /["“«]/.test(word) ? true : initial
    }
  }
  return tokens
}

// Case tests by comparing case forms: a regex with \p{…} per token was a tenth of the run time.
const startsUpper = (word: string) => {
  const c = word.charAt(0)
  return c !== c.toLowerCase()
}
const startsLower = (word: string) => {
  const c = word.charAt(0)
  return c !== c.toUpperCase()
}

function isCapitalised(t: Token): boolean {
  // "T-shirt", "X-ray", "U-turn": a letter's name before a common word is no name's capital
  return (startsUpper(t.text) && !LETTER_COMPOUND.test(t.text)) || ARABIC_PARTICLE.test(t.text)
}
const LETTER_COMPOUND = /^\p{Lu}-\p{Ll}{2,}$/u

/** The `n` characters of text just after these tokens. */
function textAfter(text: string, tokens: Token[], n: number): string {
  const end = tokens[tokens.length - 1]!.end
  return text.slice(end, end + n)
}

/** The `n` characters of text just before these tokens. */
function textBefore(text: string, tokens: Token[], n: number): string {
  const start = tokens[0]!.start
  return text.slice(Math.max(0, start - n), start)
}

/** Whether only spaces separate offset from the start of its line (or of the text). */
function afterLineBreak(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i)
    if (c === 10) return true
    if (c !== 32 && c !== 9 && c !== 13) return false
  }
  return true
}

interface Chunk {
  tokens: Token[]
}

/** Maximal runs of capitalised words, joined across "of", "de", "&" when a capital follows. */
function* chunks(text: string, tokens: Token[], lowerSeen: Set<string>): Generator<Chunk> {
  let i = 0
  while (i < tokens.length) {
    const t = tokens[i]!
    // a name starts with a capital, or with an Arabic article before one where it is a name we know ("al-Qaeda")
    if (!(startsUpper(t.text) || ARABIC_PARTICLE.test(t.text) && gazetteer().lookup(t.text)) || !/\p{L}/u.test(t.text)) { i++; continue; }
    let j = i + 1
    while (j < tokens.length && !tokens[j - 1]!.possessive) {
      const next = tokens[j]!
      if (next.initial) break
      if (isCapitalised(next) && /\p{L}/u.test(next.text) && !/\n/.test(text.slice(tokens[j - 1]!.end, next.start))
        && (!COMMON_CAPITALISED.has(next.text.toLowerCase()) || headAhead(tokens, j)
          // "BBC News", "Sky News": a common head word after an acronym or a word inside the sentence is its name's end
          || ORG_HEADS.has(next.text.toLowerCase()) && (ACRONYM.test(tokens[j - 1]!.text) || !tokens[j - 1]!.initial))) { j++; continue; }
      const lower = next.text.toLowerCase()
      const after = tokens[j + 1]
      // "Council on Foreign Relations", but not "Kennedy Space Center on April 12"
      if (CONNECTORS.has(lower) && after && isCapitalised(after) && !after.initial && lower !== 'and' && lower !== '&' && lower !== 'the' && !CALENDAR.test(after.text)) { j += 2; continue; }
      // "Ursula von der Leyen", "Jan van den Berg": two particles of a name in a row
      if (NAME_PARTICLES.has(lower) && after && NAME_PARTICLES.has(after.text) && tokens[j + 2] && isCapitalised(tokens[j + 2]!) && !tokens[j + 2]!.initial) { j += 3; continue; }
      if ((lower === 'and' || lower === '&') && after && isCapitalised(after) && orgHeadAhead(tokens, j + 1)) { j += 2; continue; }
      if (lower === 'and' && after && isCapitalised(after) && !after.initial && !gazetteer().lookup(after.text) && purposeAt(tokens, i, j)) { j += 2; continue; }
      // "Bosnia and Herzegovina", "Saint Kitts and Nevis": a name with "and" inside, as the gazetteer knows it
      if (lower === 'and' && after && isCapitalised(after) && knownAcross(tokens, i, j + 1)) { j += 2; continue; }
      // "Royal Academy of Painting and Sculpture": a field's second word after an institution's "of"
      if (lower === 'and' && after && isCapitalised(after) && !after.initial && fieldOfInstitution(tokens, i, j)
        && !gazetteer().lookup(after.text) && !(tokens[j + 2] && isCapitalised(tokens[j + 2]!))) { j += 2; continue; }
      if ((lower === 'of' || lower === 'for' && FOR_HEADS.has(tokens[j - 1]!.text.toLowerCase())) && after?.text.toLowerCase() === 'the' && tokens[j + 2] && isCapitalised(tokens[j + 2]!)) { j += 3; continue; }
      break
    }
    let run = tokens.slice(i, j)
    // a capital that only marks the start of a sentence is not a name
    // ("New" opening a sentence, but not in "New Zealand")
    while (run.length && (run[0]!.initial && isSentenceWord(run[0]!, lowerSeen) && !isKnownPrefix(run, 0, gazetteer()) || run[0]!.text === 'The' || LEADING_NEVER.has(run[0]!.text))) run = run.slice(1)
    // pronouns, months, weekdays, nationalities and languages are capitalised words, not names
    run = run.length === 1 && isNeverName(run[0]!.text) ? [] : run
    // "a New Zealander", "the South African envoy": a nationality of several words is none either
    if (run.length > 1 && gazetteer().demonymCountry(surfaceOf(run)) && !gazetteer().lookup(surfaceOf(run))) run = []
    while (run.length && CONNECTORS.has(run[0]!.text.toLowerCase())) run = run.slice(1)
    while (run.length && CONNECTORS.has(run[run.length - 1]!.text.toLowerCase())) run = run.slice(0, -1)
    if (run.length) yield { tokens: run }
    i = j
  }
}

/** Whether the words from one of tokens i…last-1 to token `last` make a name the gazetteer knows. */
function knownAcross(tokens: Token[], i: number, last: number): boolean {
  for (let k = i; k < last; k++) if (gazetteer().lookup(surfaceOf(tokens.slice(k, last + 1)))) return true
  return false
}

interface DocFacts {
  lowerSeen: Set<string>
  /** Name keys of words the text writes with a capital and then small letters ("Norton"). */
  titleCased: Set<string>
  /**
   * Acronyms the text uses as terms: "other-initiated repair (OIR)", "the DH community", and
   * "Compact Fluorescent Light (CFL)" (spelt out by words that named nothing, or the name would
   * have typed it first).
   */
  terms: Set<string>
  /** Acronyms the text spells out with a body's head word: "Korean People's Army [KPA]". */
  spelledBodies: Set<string>
  /** Offsets of lines written in title case (headings), where capitals say little. */
  headings: Set<number>
  /** Offsets of the names in author-year citations: "(Boot, Kramer, Simons, & Gratton, 2008)". */
  cited: Set<number>
}

/** Each capitalised word of a parenthesis that lists names and ends in a year is an author's surname. */
function citedAuthors(text: string): Set<number> {
  const out = new Set<number>()
  // several citations may share one parenthesis: "(Klingberg et al., 2005; Thorell, Nutley, & Bohlin, 2009)"
  for (const m of text.matchAll(/\(([^()]{3,600}?)\)/gu)) {
    let base = m.index! + 1
    for (const part of m[1]!.split(';')) {
      const cited = /^(.*?),?\s*(?:\d{4}[a-z]?|n\.d\.)\s*$/u.exec(part)?.[1]
      // only lists of names: capitalised words, initials, commas, "&", "and", "et al."
      if (cited && /^(?:\s*(?:\p{Lu}[\p{L}'’-]*\.?|&|and|et al\.?|,))+\s*$/u.test(cited)) {
        for (const w of cited.matchAll(/\p{Lu}[\p{L}'’-]+/gu)) out.add(base + w.index!)
      }
      base += part.length + 1
    }
  }
  return out
}

function acronymTerms(text: string, tokens: Token[]): { terms: Set<string>; spelledBodies: Set<string> } {
  const terms = new Set<string>()
  const spelledBodies = new Set<string>()
  // "(OIR)" first, then the words before it: scanning for the words first backtracks at every position
  for (const m of text.matchAll(/[([](\p{Lu}{2,6})s?[)\]]/gu)) {
    const acronym = m[1]!
    const words = text.slice(Math.max(0, m.index - 80), m.index).trim().split(/\s+/).slice(-acronym.length)
    if (words.length && words.every((w) => /^\p{Ll}/u.test(w))) terms.add(acronym)
    // spelt out in capitals, small words skipped: "Compact Fluorescent Light (CFL)" is a term,
    // "Korean People's Army [KPA]" a body, by its head word
    const spelt = text.slice(Math.max(0, m.index - 120), m.index).split(/[\s-]+/).filter((w) => /^\p{L}/u.test(w) && !/^(?:of|and|for|the|in|on|to|a|an|&)$/i.test(w)).slice(-acronym.length)
    if (spelt.map((w) => w[0]!.toUpperCase()).join('') !== acronym) continue
    if (spelt.every((w) => /^\p{Lu}/u.test(w)) && ORG_HEADS.has(spelt[spelt.length - 1]!.toLowerCase())) spelledBodies.add(acronym)
    else terms.add(acronym)
  }
  const uses = new Map<string, { all: number; modifier: number }>()
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (!/^\p{Lu}{2,6}$/u.test(t.text)) continue
    const u = uses.get(t.text) ?? { all: 0, modifier: 0 }
    u.all++
    const next = tokens[i + 1]
    if (next && /^\p{Ll}{3,}$/u.test(next.text) && !/^(?:said|says|has|had|is|was|will|would|and|or|in|on|of|to|for|with|at|by|from|that|which|who|also|announced|reported)$/.test(next.text)) u.modifier++
    uses.set(t.text, u)
  }
  for (const [acronym, u] of uses) if (u.all >= 2 && u.modifier * 3 > u.all && !spelledBodies.has(acronym)) terms.add(acronym)
  return { terms, spelledBodies }
}

function headingLines(text: string): Set<number> {
  const starts = new Set<number>()
  let offset = 0
  for (const line of text.split('\n')) {
    const words = line.match(/[\p{L}][\p{L}'’-]{3,}/gu) ?? []
    const capitals = words.filter((w) => /^\p{Lu}/u.test(w)).length
    if (words.length >= 3 && capitals / words.length >= 0.6 && !/[.!?]["”]?\s*$/.test(line)) starts.add(offset)
    offset += line.length + 1
  }
  return starts
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

const isTitleWord = (t: Token) => PERSON_TITLES.has(t.text.toLowerCase().replace(/\.$/, ''))

/**
 * Whether tokens i..j-1 hold an institution's head, "for" (or "for the") and at most three
 * capitalised words of its purpose after it: "Center for Strategic", "Committee for the Protection".
 */
function purposeAt(tokens: Token[], i: number, j: number): boolean {
  for (let k = Math.max(i + 1, j - 5); k < j - 1; k++) {
    const head = tokens[k - 1]!.text.toLowerCase()
    if (tokens[k]!.text !== 'for' || !(ORG_HEADS.has(head) || FOR_HEADS.has(head))) continue
    const purpose = tokens.slice(tokens[k + 1]!.text === 'the' ? k + 2 : k + 1, j)
    return purpose.length > 0 && purpose.every((t) => isCapitalised(t) || t.text === 'of' || t.text === 'and')
  }
  return false
}

/** Whether tokens i..j-1 are an institution's name ending in "of" and one or two words of its field. */
function fieldOfInstitution(tokens: Token[], i: number, j: number): boolean {
  const of = j - 2 >= i && tokens[j - 2]!.text === 'of' ? j - 2 : j - 3 >= i && tokens[j - 3]!.text === 'of' ? j - 3 : -1
  if (of <= i) return false
  const head = tokens[of - 1]!.text.toLowerCase()
  return ORG_HEADS.has(head) || ORG_OF_HEADS.has(head)
}

/** Whether a capitalised run starting at k ends in an organisation's head word ("… and Space Administration"). */
function orgHeadAhead(tokens: Token[], k: number): boolean {
  for (let n = k; n < Math.min(tokens.length, k + 5); n++) {
    const t = tokens[n]!
    if (!isCapitalised(t)) return false
    // a head word ends a name: "United" in "United States" heads nothing
    const next = tokens[n + 1]
    if (ORG_HEADS.has(t.text.toLowerCase()) && !(next && isCapitalised(next))) return true
  }
  return false
}

/** Whether capitalised words from k on reach an institution's or a place's head word ("… State University"). */
function headAhead(tokens: Token[], k: number): boolean {
  for (let n = k; n < Math.min(tokens.length, k + 4); n++) {
    const t = tokens[n]!
    if (!isCapitalised(t) || (n > k && t.initial)) return false
    const lower = t.text.toLowerCase()
    if (n > k && (ORG_HEADS.has(lower) || PLACE_HEADS.has(lower))) return true
  }
  return false
}

function isNeverName(word: string): boolean {
  const lower = word.toLowerCase()
  // "WHO" is the organisation, "Who" a question
  if (/^\p{Lu}{2,}$/u.test(word) && gazetteer().lookup(word)) return false
  if (COMMON_CAPITALISED.has(lower)) return true
  if (gazetteer().lookup(word)) return false
  return !!gazetteer().demonymCountry(word) || NOT_NAMES.test(word) || FAITHS.test(word)
}

/** Faiths and their followers, named with a capital like nations: "Islam", "Muslims", "Freemasonry". */
const FAITHS = /^(?:Islam|Muslims?|Christian(?:s|ity)?|Jews?|Jewish|Judaism|Hindus?|Hinduism|Buddhists?|Buddhism|Sikhs?|Sikhism|Catholics?|Catholicism|Protestants?|Protestantism|Evangelicals?|Mormons?|Freemasonry|Freemasons?|Sunnis?|Shias?|Shiites?|Taoism|Confucianism|Zoroastrianism)$/

/** Currency and unit codes, degrees, and the like: capitals that name no one. */
const NOT_NAMES = /^(?:USD|EUR|GBP|JPY|CNY|DKK|SEK|NOK|CHF|AUD|CAD|NZD|HKD|SGD|INR|BRL|MXN|CUC|CUP|KRW|RUB|TRY|ZAR|THB|IDR|EGP|ATM|UTC|GMT|EST|EDT|PST|PDT|CET|CEO|CFO|COO|CTO|PhD|MA|BA|MSc|BSc|MBA|DNA|RNA|HIV|AIDS|TV|PC|AI|IT|OK|PR|HR|ID|FAQ|PDF|HTML|URL|GDP|GNP|CPI|VAT|AM|PM|BC|AD|BCE|CE|No|Internet|Web|UV|RBI|ERA|MVP|IQ|XML|JSON|API|IRC|POV|VM|QC|SC|KC|GPS|USB|LED|LCD|CD|DVD|SMS|CPU|GPU|RAM|ROM|PIN|ISBN|DOI|(?=[IVXL]{2,})X{0,3}(?:IX|IV|V?I{0,3})|VR|AR|3D|WWI|WWII|R&D|VHF|UHF|FDI|BDSM|S&M)$|\d/

function isSentenceWord(t: Token, lowerSeen: Set<string>): boolean {
  const lower = t.text.toLowerCase()
  if (/^\p{Lu}{2,}$/u.test(t.text) && gazetteer().lookup(t.text)) return false
  if (COMMON_CAPITALISED.has(lower)) return true
  // a known name first: "Boeing" ends like a participle
  if (gazetteer().lookup(t.text) || gazetteer().isFirstName(t.text)) return false
  if (/^\p{Lu}\p{Ll}+(?:ing|ed|ly)$/u.test(t.text)) return true
  return lowerSeen.has(lower)
}

/**
 * Splits a run where a title begins ("U.S. President Joe Biden" -> "U.S." + person
 * "Joe Biden") and at "of"/"and" unless the words before make it one name
 * ("University of Portsmouth").
 */
function splitChunk(run: Token[], gaz: ReturnType<typeof gazetteer>): { tokens: Token[]; personCue: boolean }[] {
  const whole = surfaceOf(run)
  if (gaz.lookup(whole)) return [{ tokens: run, personCue: false }]
  const lastWord = run[run.length - 1]!.text.toLowerCase()
  if (run.length > 1 && AGREEMENT_HEADS.has(lastWord)) return [{ tokens: run, personCue: false }]
  // "Ohio State University", "Greek Orthodox Church", "Changi International Airport": a place or
  // nationality before a name with an institution's head word is part of that name
  if (run.length > 1 && run.length <= 5 && (ORG_HEADS.has(lastWord) || PLACE_HEADS.has(lastWord)) && leadsWithPlace(run, gaz)
    && run.every((t) => !CONNECTORS.has(t.text.toLowerCase()) && !(PERSON_TITLES.has(t.text.toLowerCase().replace(/\.$/, '')) && !TITLE_QUALIFIERS.has(t.text.toLowerCase())))) {
    return [{ tokens: run, personCue: false }]
  }
  if (run.length === 1) {
    const places = placeCompound(run[0]!, gaz)
    if (places) return places.map((t) => ({ tokens: [t], personCue: false }))
  }
  const parts: { tokens: Token[]; personCue: boolean }[] = []
  let current: Token[] = []
  let personCue = false
  const flush = () => {
    while (current.length && CONNECTORS.has(current[current.length - 1]!.text.toLowerCase())) current.pop()
    // "Wu Chi-wai of the Democratic Party": the article joined the run through "of the"
    while (current.length > 1 && current[0]!.text === 'the') current.shift()
    // "the Apple Chief Executive Officer": a title after a known body's name is no part of it
    let bodyEnd = current.length
    while (bodyEnd > 1 && isTitleWord(current[bodyEnd - 1]!) && !/^St\.?$/.test(current[bodyEnd - 1]!.text)) bodyEnd--
    if (bodyEnd < current.length && gaz.lookup(surfaceOf(current.slice(0, bodyEnd)))) current = current.slice(0, bodyEnd)
    if (current.length) parts.push({ tokens: current, personCue })
    current = []
    personCue = false
  }
  for (let k = 0; k < run.length; k++) {
    const t = run[k]!
    const lower = t.text.toLowerCase().replace(/\.$/, '')
    // a qualifier of titles is one itself where it opens a full name: "General George Washington"
    const opensName = k + 2 < run.length && gaz.isFirstName(run[k + 1]!.text)
    if (PERSON_TITLES.has(lower) && (!TITLE_QUALIFIERS.has(lower) || opensName) && !isKnownPrefix(run, k, gaz) && !namedAfter(run, k)) {
      // a title ends what came before and announces a person after it
      const rest = run.slice(k + 1).filter((x) => !isTitleWord(x) && x.text.toLowerCase() !== 'of')
      // "Shah Mosque", "Imam Square": a title before a site's head word alone names the site
      const siteAfter = rest.length === 1 && k === run.length - 2 && (PLACE_HEADS.has(rest[0]!.text.toLowerCase()) || ORG_HEADS.has(rest[0]!.text.toLowerCase()))
      if (rest.length && !siteAfter) {
        // "Prime" in "Prime Minister", "Defense" in "Defense Secretary" belong to the title
        while (current.length && isTitleWord(current[current.length - 1]!)) current.pop()
        if (current.length && gaz.demonymCountry(surfaceOf(current))) current = []
        // "Chief Cabinet Secretary": a body's word between title words is part of the title
        if (current.length === 2 && isTitleWord(current[0]!) && ORG_HEADS.has(current[1]!.text.toLowerCase())) current = []
        flush()
        personCue = true
        continue
      }
    }
    if (personCue && (PERSON_TITLES.has(lower) || lower === 'of') && current.length === 0) {
      // "Professor of Linguistics": what follows "of" is the field, unless a first name opens it
      // ("Secretary of State Antony Blinken")
      if (lower === 'of') {
        const named = run.slice(k + 1).find((x) => !isTitleWord(x))
        if (!named || !gaz.isFirstName(named.text)) personCue = false
      }
      continue
    }
    // a nationality before a title goes ("Japanese Prime Minister"); before "University of",
    // "Ministry of", "Court of" it is part of the name ("American University of Beirut", "Italian
    // Supreme Court of Cassation")
    if (gaz.demonymCountry(t.text) && current.length === 0 && k + 1 < run.length
      && !(ORG_OF_HEADS.has(run[k + 1]!.text.toLowerCase()) && run.slice(k + 2).some((x) => x.text === 'of'))
      && !run.slice(k + 1, -1).some((x, i) => ORG_HEADS.has(x.text.toLowerCase()) && run[k + 2 + i]!.text === 'of')
      // "the American Southwest" is a region, "the Ottoman Empire" a realm, nationality and all
      && !(k + 2 === run.length && (COMPASS_REGIONS.test(run[k + 1]!.text) || REALMS.test(run[k + 1]!.text)))) continue
    if ((lower === 'of' || lower === 'and' || lower === 'for' || lower === 'on') && current.length) {
      const head = current[current.length - 1]!.text.toLowerCase()
      const keep = lower === 'of' && (ORG_OF_HEADS.has(head) || PLACE_OF_HEADS.has(head) || ORG_HEADS.has(head))
        // "Committee for the Protection of Journalists", "Center for Strategic and International
        // Studies": the purpose after an institution's "for" goes on
        || (lower === 'of' || lower === 'and') && purposeAt(current, 0, current.length)
        // ("Committee on Foreign Relations", not "the Space Center on STS-1")
        || (lower === 'for' || lower === 'on') && (ORG_HEADS.has(head) || ORG_OF_HEADS.has(head)) && /^\p{Lu}\p{Ll}+$/u.test(run[run[k + 1]?.text === 'the' ? k + 2 : k + 1]?.text ?? '')
        || lower === 'and' && !ORG_HEADS.has(head) && ORG_HEADS.has(run[run.length - 1]!.text.toLowerCase()) && !gaz.lookup(surfaceOf(current))
        || lower === 'and' && k === run.length - 2 && fieldOfInstitution(current, 0, current.length) && !gaz.lookup(run[k + 1]!.text)
        // "Newfoundland and Labrador Court of Appeal": a known name with "and" inside opens it
        || lower === 'and' && k + 1 < run.length && knownAcross([...current, t, run[k + 1]!], 0, current.length + 1)
      if (!keep) { flush(); continue; }
    }
    // a body's name or a country ends where a full name starts, unless they make a known name together
    if (current.length && k + 1 < run.length && gaz.isFirstName(t.text) && !gaz.lookup(surfaceOf([...current, t]))) {
      if (current.length > 1 && ORG_HEADS.has(current[current.length - 1]!.text.toLowerCase()) || gaz.lookup(surfaceOf(current))?.type === 'ORG') {
        // "Chrysler LLC Jim Press", "the Refugee Council Enver Solomon", "Image: NASA Bill Ingalls"
        flush()
        personCue = true
      } else if (gaz.lookup(surfaceOf(current))?.key.startsWith('country:') && !gaz.isFirstName(surfaceOf(current))) {
        // "the Netherlands Lotte Wilms" (an affiliation line, then a name)
        flush()
      }
    }
    current.push(t)
  }
  flush()
  return parts
}

/** "Sheikh Lotfollah Mosque", "King George Street": a title opening a place's or institution's name. */
function namedAfter(run: Token[], k: number): boolean {
  if (k !== 0 || run.length < 3) return false
  const last = run[run.length - 1]!.text.toLowerCase()
  // heads that are also surnames ("Judge Shanlyn Park") leave the title its person
  return (PLACE_HEADS.has(last) || ORG_HEADS.has(last)) && !SURNAME_HEADS.has(last)
}

/** Word endings of doctrines, fields of study and feelings. */
const ABSTRACT_NOUN = /\p{Ll}(?:ism|ity|ology|ics|phobia|ness)$/u

/** Market indices by their short names. */
const MARKET_INDICES = /^(?:Dow(?: Jones)?|FTSE|Nikkei|S&P|DAX|CAC|Hang Seng|Sensex|KOSPI|Euro Stoxx|Ibovespa)$/

/** Last words of market indices ("Dow Jones Industrial Average"), which name no organisation. */
const INDEX_HEADS = /^(?:average|index|composite)$/

function leadsWithPlace(run: Token[], gaz: ReturnType<typeof gazetteer>): boolean {
  const first = run[0]!.text
  return gaz.lookup(first)?.type === 'LOC' || !!gaz.demonymCountry(first)
}

const AGREEMENT_HEADS = new Set(['treaty', 'agreement', 'accord', 'accords', 'pact', 'convention', 'protocol', 'charter', 'declaration', 'deal', 'compact'])

/** Words that make a title only beside a real one ("Defense Secretary", not "National Defense Strategy"). */
const TITLE_QUALIFIERS = new Set(['vice', 'prime', 'foreign', 'defense', 'defence', 'finance', 'trade', 'state', 'deputy', 'chief', 'executive', 'crown', 'grand', 'general', 'major', 'father', 'saint', 'st', 'count', 'leader', 'officer', 'chair', 'director', 'analyst', 'economist', 'founder', 'coach', 'speaker', 'attorney'])

/** "Japan-U.S." or "U.S.-China": places joined by a hyphen, each a mention of its own. */
function placeCompound(t: Token, gaz: ReturnType<typeof gazetteer>): Token[] | undefined {
  if (!t.text.includes('-') || gaz.lookup(t.text)) return undefined
  const parts: Token[] = []
  let offset = t.start
  for (const piece of t.text.split('-')) {
    const entry = gaz.lookup(piece)
    if (!entry || entry.type !== 'LOC' || entry.weak) return undefined
    parts.push({ index: t.index, text: piece, start: offset, end: offset + piece.length, initial: false })
    offset += piece.length + 1
  }
  return parts.length > 1 ? parts : undefined
}

function isKnownPrefix(run: Token[], k: number, gaz: ReturnType<typeof gazetteer>): boolean {
  // "General Motors", "Prime Video": a title word that begins a known name
  for (let end = run.length; end > k + 1; end--) if (gaz.lookup(surfaceOf(run.slice(k, end)))) return true
  return false
}

function surfaceOf(tokens: Token[]): string {
  return tokens.map((t) => t.text).join(' ')
}

function mention(tokens: Token[], type: EntityType, text: string, known?: GazetteerEntry): EntityMention {
  const start = tokens[0]!.start
  const end = tokens[tokens.length - 1]!.end
  return { start, end, type, text: text.slice(start, end), ...(known ? { known } : {}) }
}

/** "Quilis (1964)", "(Lewis, 2014)", "Binderman et al.", "Dye & Bavelier": authors cited. */
const CITATION = /^(?:\s*\((?:\d{4}|[a-z]\.)|,\s*\d{4}\b|\s+et al\b|\s*&\s*\p{Lu}|['’]s?\s*\(\d{4})/u
const SPEECH = /^(?:said|says|told|wrote|writes|added|explained|argued|noted|stated|asked|replied|recalled|insisted|believes|thinks|who|,\s*\d{1,3}\s*,)/

function classify(
  tokens: Token[], personCue: boolean, facts: DocFacts, text: string, gaz: ReturnType<typeof gazetteer>,
): EntityMention | null | undefined {
  const surface = text.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end)
  const words = tokens.map((t) => t.text)
  const last = words[words.length - 1]!.toLowerCase().replace(/\.$/, '')
  const firstLower = words[0]!.toLowerCase()
  const next = textAfter(text, tokens, 16)
  // "Corporation, Inc.": a company's suffix alone names nothing
  if (tokens.length === 1 && /^(?:Inc|Ltd|Corp|Co|LLC|PLC|GmbH|AG|SA|NV|LLP)\.?$/.test(surface)) return null
  // "the Crown" alone is the state in court, not a title
  if (surface === 'Crown' && /\bthe\s+$/.test(textBefore(text, tokens, 5))) return mention(tokens, 'ORG', text)
  if (tokens.length === 1 && (isNeverName(surface) || PERSON_TITLES.has(firstLower.replace(/\.$/, '')))) return null
  if (/^\$/.test(text.slice(tokens[tokens.length - 1]!.end))) return null; // US$40 billion

  // "Adam Air Flight 574": the airline flying it
  if (tokens.length > 1 && last === 'flight' && /^\s+\d/.test(text.slice(tokens[tokens.length - 1]!.end))) {
    const carrier = classify(tokens.slice(0, -1), false, facts, text, gaz)
    return carrier && carrier.type !== 'PERSON' ? carrier : mention(tokens.slice(0, -1), 'ORG', text)
  }
  // "the Dow Jones fell", "the FTSE rose": a market index is a figure, not its publisher
  if (MARKET_INDICES.test(surface)) return null
  const known = gaz.lookup(surface)
  if (known && !known.weak) return mention(tokens, known.type, text, known)
  if (tokens.length > 1 && AGREEMENT_HEADS.has(last)) return mention(tokens, 'AGREEMENT', text)
  // programmes, projects, prizes and series are things done or given, not who does or gives them
  if (tokens.length > 1 && UNDERTAKINGS.has(last)) return null
  // market indices ("Dow Jones Industrial Average", "Nikkei 225") are figures, not organisations
  if (tokens.length > 1 && INDEX_HEADS.test(last)) return null
  if (personCue) return mention(tokens, 'PERSON', text)
  // "Christopher Hill", "Jim Press": a first name before a head word that is also a surname is
  // someone, if the text reads so around it or goes on to use the surname alone; the second pass decides
  if (surnamedHead(tokens, gaz)) {
    const after = next.trimStart()
    return SPEECH.test(after) || /^['’]s\b/.test(after) ? mention(tokens, 'PERSON', text) : undefined
  }
  if (tokens.length > 1 && ORG_HEADS.has(last)) return mention(tokens, 'ORG', text)
  // airlines ("Air Canada", "Aer Lingus") and teams named for their city ("Tampa Bay Rays")
  if (tokens.length > 1 && tokens.length <= 3 && (firstLower === 'air' || firstLower === 'aer')) return mention(tokens, 'ORG', text)
  if (tokens.length > 1 && tokens.length <= 4 && /^\p{Lu}\p{Ll}+s$/u.test(words[words.length - 1]!) && !PLACE_HEADS.has(last)
    // a city of two words that no list holds whole ("Tampa Bay")
    && (isTeamCity(gaz.lookup(surfaceOf(tokens.slice(0, -1)))) || tokens.length === 3 && isTeamCity(gaz.lookup(words[0]!)))
    && !gaz.lookup(words[words.length - 1]!)) return mention(tokens, 'ORG', text)
  // newspapers named for their city: "Toronto Star", "Edmonton Sun", "San Francisco Chronicle"
  if (tokens.length > 1 && tokens.length <= 4 && PAPER_NAMES.test(words[words.length - 1]!)) {
    const city = gaz.lookup(surfaceOf(tokens.slice(0, -1)))
    if (isTeamCity(city) || (city?.type === 'LOC' && !city.weak)) return mention(tokens, 'ORG', text)
  }
  if (tokens.length > 1 && ORG_OF_HEADS.has(firstLower) && words.some((w) => w === 'of' || w === 'for')) return mention(tokens, 'ORG', text)
  // "Greek Ministry of Culture", "Andy Warhol Foundation for the Visual Arts"
  if (tokens.length > 2 && words.some((w, i) => i > 0 && (
    (ORG_HEADS.has(w.toLowerCase()) || ORG_OF_HEADS.has(w.toLowerCase()) && i === 1 && gaz.demonymCountry(words[0]!)) && words[i + 1] === 'of'
    || FOR_HEADS.has(w.toLowerCase()) && words[i + 1] === 'for'))) return mention(tokens, 'ORG', text)
  // "County of Maui", "the Municipality of Livorno": the formal name is the local government's
  if (tokens.length > 2 && (firstLower === 'county' || firstLower === 'municipality') && words[1] === 'of') return mention(tokens, 'ORG', text)
  if (tokens.length > 1 && (PLACE_HEADS.has(last) || PLACE_OF_HEADS.has(firstLower) && words.includes('of'))) return mention(tokens, 'LOC', text)
  // "Cleveland Museum of Art", "Catedral de San Ildefonso" keeps its head inside
  if (tokens.length > 2 && words.some((w, i) => i > 0 && PLACE_HEADS.has(w.toLowerCase()) && words[i + 1] === 'of' && !ADMINISTRATIVE.has(w.toLowerCase()))) return mention(tokens, 'LOC', text)
  // a university or institute named in any language, wherever its head word stands:
  // "Vrije Universiteit Amsterdam", "Universidad Nacional de Educación a Distancia"
  if (tokens.length > 1 && words.some((w) => INSTITUTIONS.has(w.toLowerCase()))) return mention(tokens, 'ORG', text)
  // "North American", "South Korean": a nationality with a compass point is no place
  if (tokens.length === 2 && COMPASS.has(firstLower) && gaz.demonymCountry(words[1]!)) return null
  if (tokens.length > 1 && ['mount', 'mt.', 'lake', 'port', 'fort', 'san', 'santa', 'st.', 'saint', 'los', 'las', 'new', 'north', 'south', 'east', 'west', 'upper', 'lower'].includes(firstLower)
    // not "New Year", "New Wave": the rest of a place's name is no common word
    && !(['new', 'upper', 'lower'].includes(firstLower) && words.slice(1).some((w) => facts.lowerSeen.has(w.toLowerCase())))
    // "San Diego" but "St. John" the saint; lakes, mountains and forts bear people's names ("Lake Merritt")
    && (known?.weak || gaz.lookup(surfaceOf(tokens.slice(1)))?.type === 'LOC' || !gaz.isFirstName(words[1] ?? '') || ['lake', 'mount', 'mt.', 'fort'].includes(firstLower))) return mention(tokens, 'LOC', text, known)
  // "the Pacific Northwest", "the American Southwest": a region of a known place or a nation's land
  if (tokens.length === 2 && COMPASS_REGIONS.test(words[1]!) && (gaz.demonymCountry(words[0]!) || gaz.lookup(words[0]!)?.type === 'LOC')) return mention(tokens, 'LOC', text)
  const countryNamed = nameWithCountry(tokens, facts, gaz)
  if (countryNamed) return mention(tokens, countryNamed, text)
  // an acronym is typed once the whole text is read: by the name it abbreviates, if given
  if (ACRONYM.test(surface)) return undefined
  const nameLike = tokens.length >= 2 && (tokens.length <= 4 || tokens.length <= 6 && words.some((w) => ARABIC_PARTICLE.test(w) || NAME_PARTICLES.has(w)))
    // a first name, or initials that stand for one ("O.J. Simpson", "C.S. Lewis"; not "U.S. Navy")
    && (gaz.isFirstName(words[0]!.replace(/\.$/, '').split('-')[0]!) || /^(?:\p{Lu}\.){2,3}$/u.test(words[0]!) && !gaz.lookup(words[0]!))
    && words.every((w) => NAME_WORD.test(w) || NAME_PARTICLES.has(w.toLowerCase()))
    && !hasHeadWord(words)
  if (nameLike && !(known && (known.population ?? 0) > 500_000)) return mention(tokens, 'PERSON', text)
  // a Chinese or Korean name in its own order, the given name hyphenated: "Wong Kwok-kin", "Moon Jae-in"
  if (tokens.length === 2 && /^\p{Lu}\p{Ll}{1,5}$/u.test(words[0]!) && /^\p{Lu}\p{Ll}{1,5}-\p{Ll}{1,5}$/u.test(words[1]!)
    && !hasHeadWord(words) && !known) return mention(tokens, 'PERSON', text)
  // Chinese, Korean and Japanese names in their own order: "Xi Jinping", "Yoon Suk Yeol", "Kishida Fumio"
  if (!gaz.lookup(surface) && readsAsEastAsianName(words, {
    isWord: (w) => facts.lowerSeen.has(w.toLowerCase()),
    isHead: (w) => hasHeadWord([w]),
    isPlace: (w) => { const e = gaz.lookup(w); return e?.type === 'LOC' && !e.weak },
  })) return mention(tokens, 'PERSON', text)
  // "(c. 314 – 368)" after "Theodorus of Tabennese" dates the man, not the place he is of
  const lifeOfPlace = /^\s*\([a-z]\./.test(next) && /\bof\s+$/.test(textBefore(text, tokens, 4))
  // "Chasing Liberty (2004)", "A Single Man (2009)": several words before a year in brackets
  // title a work, unless a first name opens them
  const wordBefore = /(\p{L}+)\s+$/u.exec(textBefore(text, tokens, 20))?.[1]?.toLowerCase() ?? ''
  // ("The Philosophy of Grammar (1924)": a title's last words after "of" or "on")
  const workYear = /^\s*\(\d{4}\)/.test(next) && (tokens.length > 1 && !gaz.isFirstName(words[0]!) || WORKS.has(wordBefore) || wordBefore === 'of' || wordBefore === 'on')
  // "Galois wrote", "(Boot, 2008)"; but "the University said" is the body speaking
  // ("Tempe & Mesa": two cities, not two authors)
  const bigPlace = known?.type === 'LOC' && (!known.weak || (known.population ?? 0) >= 100_000)
  if ((SPEECH.test(next.trimStart()) && !hasHeadWord(words)) || (CITATION.test(next) && !lifeOfPlace && !workYear && !bigPlace)) return mention(tokens, 'PERSON', text)
  if (tokens.length <= 3 && words.every((w) => NAME_WORD.test(w)) && !hasHeadWord(words)
    && (/^,\s*who\b/.test(next) || ownAddress(words, text, tokens[tokens.length - 1]!.end))) return mention(tokens, 'PERSON', text)
  // "Kaoru Yosano, the Japanese minister of", "Khaled Al-Maeena, editor at large": a name of two
  // to four words with a role beside it
  if (tokens.length >= 2 && tokens.length <= 4 && words.every((w) => NAME_WORD.test(w) || ARABIC_PARTICLE.test(w)) && !hasHeadWord(words) && !known
    && ROLE_AFTER.test(textAfter(text, tokens, 48))) return mention(tokens, 'PERSON', text)
  // a lone city name may be someone's surname: the second pass decides
  if (known && (tokens.length > 1 || (known.population ?? 0) > 1_000_000)) return mention(tokens, known.type, text, known)
  return undefined
}

const CONTINENTS = new Set(['Europe', 'Asia', 'Africa', 'North America', 'South America', 'Latin America', 'Oceania'])
/** The shape of a word that qualifies a country's name: "Classical", "Tsarist", "Nazi", "Communist". */
const QUALIFIER_SHAPE = /(?:al|an|ic|ern|ed|ese|ish|ist|i)$/

/**
 * One word before a country or a continent. An unknown word names the body that serves it:
 * "Environment Canada", "Hitwise UK", "EADS North America". A qualifier names the country in an
 * era or a regime: "Nazi Germany", "Communist China". (A nationality before a country is never a
 * name: "Spanish Netherlands" keeps its country alone.)
 */
function nameWithCountry(tokens: Token[], facts: DocFacts, gaz: ReturnType<typeof gazetteer>): EntityType | undefined {
  if (tokens.length < 2 || tokens.length > 3) return undefined
  const area = surfaceOf(tokens.slice(1))
  if (!gaz.lookup(area)?.key.startsWith('country:') && !CONTINENTS.has(area)) return undefined
  const word = tokens[0]!.text
  const lower = word.toLowerCase()
  if (!/^\p{Lu}[\p{L}\d]+$/u.test(word) || gaz.isFirstName(word) || gaz.lookup(word)) return undefined
  // compass points are among the place modifiers; nationalities and common words never names
  if (PLACE_MODIFIERS.has(lower) || PERSON_TITLES.has(lower) || isNeverName(word)) return undefined
  // at a sentence's start only a word the text never writes in lower case ("Visiting Russia")
  if (tokens[0]!.initial && facts.lowerSeen.has(lower)) return undefined
  if (/ing$/.test(lower)) return undefined
  return QUALIFIER_SHAPE.test(lower) ? 'LOC' : 'ORG'
}

/** A word that heads an organisation's or a place's name, anywhere in these words: not a person's name. */
function hasHeadWord(words: string[]): boolean {
  return words.some((w) => ORG_HEADS.has(w.toLowerCase()) || PLACE_HEADS.has(w.toLowerCase()))
}

/** A city big enough to name a team after ("Houston" in "Houston Astros"; not "Drama" in "Drama Series"; countries have no population here). */
function isTeamCity(place: GazetteerEntry | undefined): boolean {
  return place?.type === 'LOC' && (place.population ?? 0) >= 100_000
}

/** "Thierry Poibeau thierry.poibeau@ens.fr": a name followed by an e-mail address made of it. */
function ownAddress(words: string[], text: string, end: number): boolean {
  const local = /^\s+([\w.+-]+)@[\w-]+\./.exec(text.slice(end, end + 80))?.[1]?.toLowerCase()
  if (!local) return false
  const plain = (w: string) => w.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z]/g, '')
  return words.some((w) => plain(w).length >= 3 && local.includes(plain(w)))
}

/** "Adaeze Okonkwo" when "Okonkwo" is a person elsewhere in the text: a full name ending in a known surname. */
function surnameOfKnownPerson(tokens: Token[], seen: TypeVotes): EntityType | undefined {
  if (tokens.length < 2 || tokens.length > 3) return undefined
  if (!tokens.every((t) => /^\p{Lu}[\p{Ll}\p{M}'’-]+$/u.test(t.text))) return undefined
  return seen.get(nameKey(tokens[tokens.length - 1]!.text)) === 'PERSON' ? 'PERSON' : undefined
}

const COMPASS_OF = /\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:side\s+)?of\s+(?:the\s+)?$/i
/** "the town of", "villages of", "the diocese of": a kind of place, naming the one that follows. */
const PLACE_KIND_OF = /\b(?:towns?|cit(?:y|ies)|villages?|islands?|regions?|provinces?|districts?|diocese|monaster(?:y|ies)|suburbs?|capital|port|peninsula|valley)\s+of\s+$/i
/** "Temescal is a neighborhood", "X, a village": a kind of place said of the name before it. */
const IS_PLACE_KIND = /^(?:\s+(?:is|was)\s+(?:a|an|the)|,\s+(?:a|an))\s+(?:\p{L}+\s+){0,2}?(?:neighbou?rhood|town|city|village|island|peninsula|region|province|district|suburb|river|lake|mountain|valley|country|state|county|municipality|port|desert|archipelago|island group)\b/iu

/** Evidence around a name that it is a place whatever the gazetteers say. */
function placedByContext(tokens: Token[], text: string): boolean {
  const before = textBefore(text, tokens, 24)
  return COMPASS_OF.test(before) || PLACE_KIND_OF.test(before) || IS_PLACE_KIND.test(textAfter(text, tokens, 60))
}

const TEAM_PEOPLE_AFTER = /^\s+(?:fans?|players?|pitchers?|teammates?|coach|manager|roster|outfielders?|infielders?|quarterbacks?|strikers?)\b/i
const ORG_PEOPLE_AFTER = /^['’]?\s+(?:analysts?|spokes(?:man|woman|person)|chief executive|chairman|chairwoman|ceo|executives?|employees|shareholders|board of directors)\b/i

/** For names no evidence typed: the words around them, then their shape. */
function fallbackType(
  tokens: Token[], before: Token | undefined, facts: DocFacts, text: string, gaz: ReturnType<typeof gazetteer>,
): EntityType | undefined {
  const prev = before?.text.toLowerCase() ?? ''
  // a word the text also writes in lower case is a word, capitalised for a heading or emphasis
  if (tokens.some((t) => facts.lowerSeen.has(t.text.toLowerCase()))) return undefined
  if (facts.headings.has(lineStartOf(text, tokens[0]!.start))) return undefined
  // doctrines, fields and feelings ("to Christianity", "in Psychology") are no places
  if (tokens.length === 1 && ABSTRACT_NOUN.test(tokens[0]!.text)) return undefined
  // "west of Broadway", "north of Temescal": a compass point's "of" places what follows
  if (tokens.length <= 3 && placedByContext(tokens, text) && !tokens.some((t) => gaz.isFirstName(t.text))) return 'LOC'
  // "Uralsib analyst Chris Weafer", "Toyota spokesman": a name before a body's people is the body
  if (tokens.length <= 3 && ORG_PEOPLE_AFTER.test(textAfter(text, tokens, 24)) && !gaz.isFirstName(tokens[0]!.text)) return 'ORG'
  if (LOCATIVE.has(prev) && tokens.length <= 3 && !((prev === 'to' || prev === 'from') && tokens.some((t) => gaz.isFirstName(t.text)))) return 'LOC'
  if (['mr', 'mrs', 'ms', 'dr', 'by', 'with'].includes(prev.replace(/\.$/, ''))) return 'PERSON'
  if (ROLE_NOUNS.has(prev) && !tokens[0]!.initial && tokens.length <= 3 && tokens.every((t) => NAME_WORD.test(t.text)) && !hasHeadWord(tokens.map((t) => t.text))) return 'PERSON'
  const lastKnown = gaz.lookup(tokens[tokens.length - 1]!.text)
  // "Southern Senegal", "Greater Tokyo"; not "Valeska Paris"
  if (lastKnown && !lastKnown.weak && lastKnown.type === 'LOC' && tokens.length > 1 && PLACE_MODIFIERS.has(tokens[0]!.text.toLowerCase())) return 'LOC'
  // "General Abd al-Karim Qasim": an Arabic name's particles make it a person's
  if (tokens.length >= 4 && tokens.some((t) => ARABIC_PARTICLE.test(t.text)) && tokens.every((t) => NAME_WORD.test(t.text) || PERSON_TITLES.has(t.text.toLowerCase()))) return 'PERSON'
  if (tokens.length >= 4) return 'ORG'
  return undefined
}
