/**
 * Text clean-up for feed fields. Feeds carry titles, summaries and bylines as loosely escaped
 * HTML, so these helpers work on strings with regular expressions: a feed of a few hundred
 * entries would otherwise build a DOM per field, and summaries never need one to read well.
 */

// Named entities seen in feeds. Accented Latin letters are composed below instead of listed.
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad',
  ndash: '–', mdash: '—', hellip: '…', minus: '−', bull: '•', middot: '·',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', prime: '′', Prime: '″',
  copy: '©', reg: '®', trade: '™', deg: '°', sect: '§', para: '¶', dagger: '†', Dagger: '‡',
  times: '×', divide: '÷', plusmn: '±', frac12: '½', frac14: '¼', frac34: '¾', permil: '‰',
  euro: '€', pound: '£', yen: '¥', cent: '¢', curren: '¤',
  iexcl: '¡', iquest: '¿', ordf: 'ª', ordm: 'º', micro: 'µ',
  ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f',
  szlig: 'ß', aelig: 'æ', AElig: 'Æ', oelig: 'œ', OElig: 'Œ', oslash: 'ø', Oslash: 'Ø',
  eth: 'ð', ETH: 'Ð', thorn: 'þ', THORN: 'Þ', scaron: 'š', Scaron: 'Š', zcaron: 'ž', Zcaron: 'Ž',
}

// "eacute" is "e" plus a combining acute accent; NFC turns the pair into "é". This covers the
// Latin-1 letters without a table of sixty entries.
const ACCENTS: Record<string, string> = {
  acute: '\u0301', grave: '\u0300', circ: '\u0302', uml: '\u0308', tilde: '\u0303', ring: '\u030a', cedil: '\u0327',
}

function namedEntity(name: string): string | undefined {
  const known = NAMED[name]
  if (known !== undefined) return known
  const m = /^([A-Za-z])(acute|grave|circ|uml|tilde|ring|cedil)$/.exec(name)
  return m ? (m[1]! + ACCENTS[m[2]!]!).normalize('NFC') : undefined
}

function codePoint(n: number): string | undefined {
  if (!Number.isInteger(n) || n <= 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined
  return String.fromCodePoint(n)
}

/** Decodes HTML character references; unknown names are left as written rather than guessed. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g, (whole, dec, hex, name) => {
    const decoded = dec ? codePoint(Number(dec)) : hex ? codePoint(parseInt(hex, 16)) : namedEntity(name)
    return decoded ?? whole
  })
}

// Tags whose content is never reading text.
const DROP_WITH_CONTENT = /<(script|style|noscript|template|svg|iframe|object|button|select|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>/gi
// Tags that start a new paragraph: the same list the page extractor treats as blocks.
const BLOCK_TAG =
  /<\/?(?:address|article|aside|blockquote|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi
// A real tag starts with a letter after "<", so "x < y" in a title is left alone. Quoted
// attribute values may contain ">".
const ANY_TAG = /<\/?[A-Za-z][\w:-]*(?:[^>"']|"[^"]*"|'[^']*')*\/?>/g

/**
 * Plain text of an HTML fragment, paragraphs separated by blank lines, white space inside a
 * paragraph folded to single spaces (the shape the record's body and summary use).
 */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(DROP_WITH_CONTENT, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(BLOCK_TAG, '\u0000')
    .replace(ANY_TAG, '')
  // Entities are decoded after the tags are gone, so an escaped "&lt;b&gt;" stays visible text.
  return marked
    .split('\u0000')
    .map((p) => decodeEntities(p).replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n')
}

/** One line of text from a field that may hold escaped HTML (RSS titles often do). */
export function inlineText(s: string | undefined): string | undefined {
  if (s === undefined) return undefined
  const text = htmlToText(s).replace(/\s+/g, ' ').trim()
  return text || undefined
}

/** Folds white space in a field known to be plain text (Atom type="text", JSON Feed text). */
export function plainText(s: string | undefined): string | undefined {
  if (s === undefined) return undefined
  const text = s
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n')
  return text || undefined
}

export const looksLikeHtml = (s: string): boolean => /<\/?[A-Za-z][\w:-]*(?:\s[^>]*)?\/?>|&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);/i.test(s)

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Plain text as HTML paragraphs, so every entry's full text reaches the caller in one form. */
export function textToHtml(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n')
}

// WordPress appends this paragraph to every excerpt and post in its feeds; it is not the author's text.
const WORDPRESS_FOOTER = /(?:^|\n\n)The post .{1,500} appeared first on .{1,300}$/s

/** Removes feed boilerplate that would otherwise end up in a record's summary. */
export function withoutFeedFooter(text: string): string {
  return text.replace(WORDPRESS_FOOTER, '').trim()
}

export const wordCount = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length

// ---- bylines ----

const EMAIL = /[^\s<>()[\]@,;:"]+@[^\s<>()[\]@,;:"]+\.[^\s<>()[\]@,;:"]+/
const NAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'la', 'le', 'du', 'da', 'di', 'del', 'della', 'dos', 'das', 'ter', 'ten', 'bin', 'binti', 'al', 'el'])
// Words that make "Jane Doe, Senior Fellow" a name and a role, or a part an institution, not two people.
const NOT_NAME_WORDS = new Set([
  'fellow', 'senior', 'director', 'professor', 'editor', 'editors', 'staff', 'contributor', 'correspondent', 'reporter',
  'analyst', 'researcher', 'president', 'chair', 'associate', 'assistant', 'writer', 'columnist', 'research', 'team',
  'institute', 'center', 'centre', 'university', 'foundation', 'council', 'program', 'programme', 'office', 'school',
  'department', 'project', 'initiative', 'group', 'press', 'news', 'desk', 'board', 'member', 'lecturer', 'dean',
])

/**
 * Whether a fragment of a byline reads as one person's name: two to five words, each
 * capitalised (or a name particle, or an initial). Used only to decide whether "A and B"
 * names two people; "Center for Science and International Affairs" fails it, as it should.
 */
function looksLikePersonName(s: string): boolean {
  const words = s.split(' ')
  if (words.length < 2 || words.length > 5) return false
  return words.every(
    (w) => (/^[\p{Lu}][\p{L}'’.-]*$/u.test(w) && !NOT_NAME_WORDS.has(w.toLowerCase())) || NAME_PARTICLES.has(w),
  )
}

function splitNameList(s: string): string[] {
  const parts = s.split(/\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*/).map((p) => p.trim()).filter(Boolean)
  return parts.length > 1 && parts.every(looksLikePersonName) ? parts : [s]
}

function cleanOneByline(raw: string): string[] {
  const s = decodeEntities(raw)
    // "jane@x.org (Jane Doe)", the RSS 2.0 form: keep the name.
    .replace(new RegExp(`${EMAIL.source}\\s*\\(([^)]*)\\)`, 'g'), '$1')
    // "Jane Doe <jane@x.org>", "Jane Doe (jane@x.org)", or a bare address.
    .replace(new RegExp(`[<(\\[]?\\s*(?:mailto:)?${EMAIL.source}\\s*[>)\\]]?`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return s
    .split(/\s*;\s*/)
    .map((part) => part.replace(/^(?:(?:written|posted)\s+)?by[:\s]+/i, '').replace(/^[\s,|:–—-]+|[\s,|:–—-]+$/g, ''))
    .filter(Boolean)
    .flatMap(splitNameList)
}

/**
 * Display names from the bylines a feed states, in order and without repeats: e-mail
 * addresses and a leading "By" removed, "A, B and C" split when each part is a person's name.
 * Inverted names ("Doe, Jane") are kept as written; the record's author parser reads them.
 */
export function cleanAuthorNames(bylines: Iterable<string | undefined>): string[] {
  const seen = new Set<string>()
  const names: string[] = []
  for (const raw of bylines) {
    if (!raw) continue
    for (const name of cleanOneByline(raw)) {
      const key = name.toLowerCase()
      if (seen.has(key)) continue
      seen.add(key)
      names.push(name)
    }
  }
  return names
}

/** Trimmed, de-duplicated labels (case-insensitively, the first spelling kept). */
export function cleanLabels(labels: Iterable<string | undefined>): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of labels) {
    const label = inlineText(raw)
    if (!label || seen.has(label.toLowerCase())) continue
    seen.add(label.toLowerCase())
    out.push(label)
  }
  return out
}
