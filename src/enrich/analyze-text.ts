/**
 * One text in, its entity mentions and temporal expressions out, with character
 * offsets: the shape `dossier analyze` prints and the scorers read.
 */
import { findEntities, type EntityMention } from './entities/find-entities.js'
import { findTimexes, type Timex } from './timex/find-timexes.js'

export interface TextAnalysis {
  entities: EntityMention[]
  timexes: Timex[]
}

export function analyzeText(text: string, dct?: string): TextAnalysis {
  return { entities: findEntities(text), timexes: findTimexes(text, dct) }
}

/** The scorers' line: PERSON / ORG / LOC spans (our AGREEMENT type is not in their scheme). */
export function scorerLine(id: string, analysis: TextAnalysis) {
  return {
    id,
    entities: analysis.entities
      .filter((e) => e.type !== 'AGREEMENT')
      .map(({ start, end, type }) => ({ start, end, type })),
    timexes: analysis.timexes.map(({ start, end, type, value }) => ({ start, end, type, value })),
  }
}
