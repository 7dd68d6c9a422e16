/**
 * What a text as a whole says about a name, for the entity recogniser's second pass: the types
 * its readings were given, and how it is used where it stands alone (like a person's name, or
 * after a word for being somewhere).
 */
import type { Token } from './find-entities.js'
import { gazetteer, nameKey, type EntityType } from './gazetteer.js'
import { LOCATIVE } from './known-names.js'

/** Types a name was given in a text, counted, so one odd reading does not retype the rest. */
export class TypeVotes {
  readonly #votes = new Map<string, Map<EntityType, number>>()
  add(key: string, type: EntityType) {
    let v = this.#votes.get(key)
    if (!v) this.#votes.set(key, (v = new Map()))
    v.set(type, (v.get(type) ?? 0) + 1)
  }
  has(key: string): boolean {
    return this.#votes.has(key)
  }
  get(key: string): EntityType | undefined {
    const v = this.#votes.get(key)
    if (!v) return undefined
    let best: EntityType | undefined
    let most = 0
    for (const [type, n] of v) if (n > most) { best = type; most = n }
    return best
  }
}

/** How a name is used where it stands alone in a text. */
export interface Alone {
  count: number
  /** Uses after a word for being somewhere: "in", "near", "visited". */
  located: number
  /** Uses that read like a person's: before a verb or a possessive, not after "in" or "of". */
  personish: number
}

const PERSON_VERBS = /^(?:became|died|returned|wrote|said|says|told|went|married|lived|spent|left|won|took|moved|studied|worked|began|joined|argued|believed|remained|received|published|thought|felt|decided|wanted|asked|replied|explained|recalled|agreed|proposed|announced|claimed|insisted|noted|added|stated|warned|suggested|admitted|urged|described|answered|wants|thinks|knows|knew|hoped|hopes|tried|tries|met|visited|refused|promised|denied)$/
/** Adverbs between a name and its verb: "Gorbachev also proposed". */
const BETWEEN = /^(?:also|later|then|never|soon|once|initially|eventually|finally|again|always|still|first)$/

/** Counts one use of a name standing alone: token t of the text's tokens. */
export function countAlone(alone: Map<string, Alone>, t: Token, tokens: Token[]) {
  const key = nameKey(t.text)
  const a = alone.get(key) ?? { count: 0, personish: 0, located: 0 }
  a.count++
  const next = BETWEEN.test(tokens[t.index + 1]?.text ?? '') ? tokens[t.index + 2] : tokens[t.index + 1]
  const prev = tokens[t.index - 1]?.text.toLowerCase() ?? ''
  if (t.possessive || next?.text === "'" || next?.text === '’' || (next && PERSON_VERBS.test(next.text))) a.personish++
  const locative = LOCATIVE.has(prev)
  if (locative || prev === 'of') a.personish--
  if (locative || besidePlace(tokens, t.index)) a.located++
  // the pronoun that picks the name up again: "he", "her" for a person, "it" for anything else
  for (let n = t.index + 1; n < Math.min(tokens.length, t.index + 14); n++) {
    const w = tokens[n]!.text.toLowerCase()
    if (w === 'he' || w === 'she' || w === 'his' || w === 'him' || w === 'her' || w === 'himself' || w === 'herself') { a.personish++; break }
    if (w === 'it' || w === 'its' || w === 'itself') { a.personish--; break }
  }
  alone.set(key, a)
}

/** In a list of places or before its region: "Tulsa, Jenks and Sapulpa", "Trento, Italy". */
function besidePlace(tokens: Token[], k: number): boolean {
  // a neighbour that is the same name says nothing ("on Obama, Obama's adviser")
  const isPlace = (t: Token | undefined) => !!t && t.text !== tokens[k]!.text && gazetteer().lookup(t.text)?.type === 'LOC'
  const prev = tokens[k - 1]?.text
  const next = tokens[k + 1]?.text
  return ((prev === ',' || prev === 'and' || prev === 'or') && isPlace(tokens[k - 2])) || ((next === ',' || next === 'and' || next === 'or') && isPlace(tokens[k + 2]))
}
