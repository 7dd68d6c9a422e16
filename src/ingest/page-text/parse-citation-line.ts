import type { Contributor } from '../../model/index.js'
import { parseInvertedName, parsePersonName } from '../../model/index.js'

const SUFFIX = /^(Jr\.?|Sr\.?|II|III|IV)$/

/**
 * Reads the authors of a Chicago bibliography entry: "Pollmann, Mina.", "Pollmann, Mina, and
 * John Doe.", "Allison, Graham, Jane Roe, and Bo Li." The first name is inverted, the rest are
 * in display order. An entry that starts without a comma names an organisation.
 */
export function parseCitationAuthors(segment: string): Contributor[] {
  const s = segment.trim().replace(/\s+/g, ' ').replace(/,?\s+et al\.?$/, '').replace(/\.$/, '').trim()
  if (!s) return []
  const [head = '', ...tail] = s.split(/,? and /)
  const parts = head.split(',').map((p) => p.trim()).filter(Boolean)
  if (parts.length === 1) return [{ kind: 'organization', name: parts[0]! }, ...tail.map(parsePersonName)]
  let firstLength = 2
  if (parts[2] && SUFFIX.test(parts[2])) firstLength = 3
  const first = parseInvertedName(parts.slice(0, firstLength).join(', '))
  return [first, ...parts.slice(firstLength).map(parsePersonName), ...tail.map(parsePersonName)]
}

export interface CitationLineFacts {
  authors: Contributor[]
  url?: string
}

/**
 * Takes what the record needs from a citation line: the authors before the title, and an
 * address at the end. The title is found by its text when known, else by its opening quote.
 */
export function parseCitationLine(line: string, title?: string): CitationLineFacts {
  let authorsEnd = title ? line.indexOf(title) : -1
  if (authorsEnd <= 0) authorsEnd = line.search(/[“"‘]/)
  const facts: CitationLineFacts = { authors: authorsEnd > 0 ? parseCitationAuthors(line.slice(0, authorsEnd).replace(/[“"‘\s]+$/, '')) : [] }
  const url = /(https?:\/\/\S+?)\.?$/.exec(line.trim())
  if (url) facts.url = url[1]
  return facts
}
