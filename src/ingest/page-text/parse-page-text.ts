import type { Contributor, PublicationDraft, PublicationInput } from '../../model/index.js'
import { PAGE_TEXT, findPublicationType, parsePersonName, validatePublication } from '../../model/index.js'
import { AppError } from '../../shared/index.js'
import { parseCitationLine } from './parse-citation-line.js'

/**
 * The page-text format, modelled on a think-tank publication page:
 *
 *   Type - Outlet
 *   (blank)
 *   Title
 *   (blank)
 *   [Authors] | Date
 *   (blank)
 *   Summary
 *   (blank)
 *   Body paragraphs, separated by blank lines; a trailing "..." marks an excerpt
 *   (blank)
 *   For more information on this publication: Contact office
 *   For Academic Citation: Chicago bibliography entry
 *
 * Every part after the title is optional. Authors come from the byline left of the bar, or
 * from the citation line when there is none.
 */
const { contactPrefix: CONTACT_PREFIX, citationPrefix: CITATION_PREFIX, excerptMark: EXCERPT_MARK } = PAGE_TEXT

interface Block {
  line: number
  text: string
}

function splitBlocks(lines: string[], firstLine: number): Block[] {
  const blocks: Block[] = []
  let current: { line: number; lines: string[] } | undefined
  lines.forEach((l, i) => {
    if (l.trim() === '') {
      if (current) blocks.push({ line: current.line, text: current.lines.join('\n') })
      current = undefined
    } else if (current) current.lines.push(l)
    else current = { line: firstLine + i, lines: [l] }
  })
  if (current) blocks.push({ line: current.line, text: current.lines.join('\n') })
  return blocks
}

function parseTypeLine(line: string): { type: string; outlet?: string } {
  const trimmed = line.trim()
  if (findPublicationType(trimmed)) return { type: trimmed }
  for (const m of trimmed.matchAll(/\s[-–—]\s/g)) {
    const type = trimmed.slice(0, m.index).trim()
    if (findPublicationType(type)) return { type, outlet: trimmed.slice(m.index + m[0].length).trim() }
  }
  const type = trimmed.split(/\s[-–—]\s/)[0]!
  throw new AppError('INVALID_INPUT', `unknown publication type "${type}"`, { field: 'type' })
}

function parseByline(text: string): Contributor[] {
  const names = text
    .trim()
    .replace(/^by\s+/i, '')
    .split(/\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s*&\s*/)
    .map((s) => s.trim())
    .filter(Boolean)
  return names.map(parsePersonName)
}

/**
 * Parses a page in the page-text format into a validated draft.
 * @throws AppError INVALID_INPUT or SOURCE_UNPARSEABLE, naming the line and the field.
 */
export function parsePageText(text: string): PublicationDraft {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n')
  const lineOf: Partial<Record<string, number>> = {}
  const input: PublicationInput & Record<string, unknown> = { title: '' }

  const first = lines.findIndex((l) => l.trim() !== '')
  if (first < 0) throw new AppError('SOURCE_UNPARSEABLE', 'is empty', { line: 1 })
  const { type, outlet } = (() => {
    try {
      return parseTypeLine(lines[first]!)
    } catch (err) {
      throw err instanceof AppError ? err.at({ line: first + 1 }) : err
    }
  })()
  input.type = type
  lineOf.type = first + 1
  if (outlet) {
    input.outlet = outlet
    lineOf.outlet = first + 1
  }

  // The footer lines may stand anywhere after the header; take them out before reading blocks.
  let citation: { line: number; text: string } | undefined
  const rest = lines.slice(first + 1).map((l, i) => {
    const lineNo = first + 2 + i
    if (l.startsWith(CONTACT_PREFIX)) {
      input.contact = l.slice(CONTACT_PREFIX.length).trim()
      lineOf.contact = lineNo
      return ''
    }
    if (l.startsWith(CITATION_PREFIX)) {
      citation = { line: lineNo, text: l.slice(CITATION_PREFIX.length).trim() }
      return ''
    }
    return l
  })
  const blocks = splitBlocks(rest, first + 2)

  const titleBlock = blocks.shift()
  if (!titleBlock) throw new AppError('INVALID_INPUT', 'is required (the first paragraph after the type line)', { line: first + 2, field: 'title' })
  input.title = titleBlock.text.replace(/\s*\n\s*/g, ' ')
  lineOf.title = titleBlock.line

  const dateLine = blocks[0] && /^([^\n|]*)\|([^\n]*)$/.exec(blocks[0].text)
  if (dateLine) {
    const { line } = blocks.shift()!
    const [, byline = '', date = ''] = dateLine
    if (date.trim()) {
      input.published = date.trim()
      lineOf.published = line
    }
    if (byline.trim()) {
      input.authors = parseByline(byline)
      lineOf.authors = line
    }
  }

  const summary = blocks.shift()
  if (summary) {
    input.summary = summary.text
    lineOf.summary = summary.line
  }
  if (blocks.length > 0) {
    let body = blocks.map((b) => b.text).join('\n\n')
    const isExcerpt = body.endsWith(EXCERPT_MARK)
    if (isExcerpt) body = body.slice(0, -EXCERPT_MARK.length)
    input.body = { text: body, isExcerpt }
    lineOf.body = blocks[0]!.line
  }

  if (citation) {
    const facts = parseCitationLine(citation.text, input.title)
    if (!input.authors && facts.authors.length > 0) {
      input.authors = facts.authors
      lineOf.authors = citation.line
    }
    if (facts.url) {
      input.url = facts.url
      lineOf.url = citation.line
    }
  }

  try {
    return validatePublication(input)
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    const field = err.location.field?.split('.')[0]
    throw err.at({ line: (field ? lineOf[field] : undefined) ?? 1 })
  }
}
