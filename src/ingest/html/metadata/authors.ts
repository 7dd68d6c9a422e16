/**
 * Author strings as pages give them ("By JANE DOE and John Smith, Senior Fellow", "Reuters",
 * "https://facebook.com/jdoe", "View author archive") -> clean display names of people.
 */

const LEADING = /^\s*(?:(?:written|posted|reported|text|story|words|photos?|photograph|interview|erstellt|eingestellt|gespeichert|geschrieben|verfasst|publiziert|gepostet|rezept|ein beitrag|beitrag|artikel|zum profil)\s+)?(?:by|von|vom|par|por|door|di|av|text|texte|autor(?:in)?|author|auteur|redakteur(?:in)?|from|interview)(?:\b|(?=\p{Lu}))\s*[:\-–]?\s*/iu
// "Redaktion: Jane Doe", "Autoren: …": a label and a colon before the names.
const LABEL = /^\s*(?:redaktion|autoren|autorin|autor|authors?|text|texte|reporter|bericht|interview)\s*:\s*/i
const SEPARATORS = /\s*(?:;|\||\s\/\s|\s+(?:im gespräch mit|in conversation with|in conversation|interviewed by|with|mit)\s+|\s+(?:and|und|et|y|e|en|&)\s+|,\s*(?:and|und|et)\s+|\s&\s|,)\s*/i

// Words that mark a phrase as a role, a desk or a site furniture label rather than a name.
const NOT_A_NAME = new RegExp(
  '\\b(?:' +
    [
      'staff', 'desk', 'team', 'editors?', 'editorial', 'redaktion', 'newsroom', 'admin(?:istrator)?', 'webmaster', 'correspondents?',
      'reporters?', 'contributors?', 'contributing', 'columnist', 'writers?', 'fellow', 'professor', 'director', 'president', 'chief',
      'senior', 'associate', 'analyst', 'researcher', 'ceo', 'founder', 'head of', 'manager', 'journalist', 'journalistin', 'autorin',
      'archive', 'articles?', 'posts?', 'profile', 'follow', 'email', 'e-mail', 'twitter', 'facebook', 'more', 'view', 'all', 'read',
      'updated?', 'published', 'aktualisiert', 'veröffentlicht', 'minutes?', 'hours?', 'ago', 'news', 'agency', 'agentur', 'press',
      'online', 'media', 'magazine', 'newspaper', 'zeitung', 'times', 'post', 'daily', 'herald', 'journal', 'tribune', 'gazette', 'blog',
      'guest', 'gastbeitrag', 'anonymous', 'unknown', 'share', 'comments?', 'photo', 'photos', 'foto', 'image', 'bild', 'video', 'sponsored',
      'images?', 'illustrations?', 'symbolbild', 'publiziert', 'grafik', 'quelle', 'source', 'coach',
      'posted', 'copied', 'link', 'mehr', 'beitrag', 'rezept', 'kontakt', 'contact', 'profil', 'text size', 'print', 'drucken',
      'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'monday', 'tuesday', 'wednesday',
      'thursday', 'friday', 'saturday', 'sunday', 'gesponserte', 'inhalte', 'collectif', 'heimkino', 'lautsprecher',
      'university', 'universität', 'institute', 'center', 'centre', 'department', 'ministry', 'office',
    ].join('|') +
    ')\\b',
  'i',
)
const WIRES = /^(?:ap|afp|dpa|apa|sda|reuters|kna|epd|dts|ddp|efe|ansa|upi|pa|ats|belga|anp|the associated press|associated press|bloomberg|cnn|bbc|red|kas|sid)$/i

const MONTHS_AND_DAYS =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|' +
  'januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|' +
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|' +
  'am|on|um|at|le|el|il|den|the|updated|published|aktualisiert|veröffentlicht|stand|sagt|says|schreibt|wrote|meint'
const ONLY_DATE_WORD = new RegExp(`^(?:${MONTHS_AND_DAYS}|stand|vor|heute|today|yesterday|gestern)\\.?$`, 'i')
const TRAILING_WORDS = new RegExp(`[\\s,.|–—-]+(?:${MONTHS_AND_DAYS})\\.?$`, 'i')

function titleCaseIfShouted(name: string): string {
  if (name !== name.toUpperCase() || !/\p{Lu}{2}/u.test(name)) return name
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase())
}

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}

export interface NameOptions {
  /** Outlet and site names, never authors. */
  notNames?: string[]
  /**
   * Accept a lower-case handle ("gizzmo", "fri.juli") as a name: only where the page marks
   * the element as the author (rel=author, itemprop=author, metadata), never from loose text.
   */
  allowHandles?: boolean
}

const HANDLE = /^[\p{L}\p{N}][\p{L}\p{N}._-]{2,29}$/u

/** One candidate name, or undefined when the phrase is not a person's name. */
export function cleanPersonName(raw: string, options: NameOptions = {}): string | undefined {
  const notNames = options.notNames ?? []
  let s = raw.replace(/\s+/g, ' ').replace(/[\u200b\u00ad]/g, '').trim()
  s = s.replace(LEADING, '').replace(LEADING, '')
  s = s.replace(/\s*\([^)]*\)\s*/g, ' ').replace(/\s*\[[^\]]*\]\s*/g, ' ')
  // A date or time glued after the name ("Jane Doe10/13/16", "Jane Doe am 21. April"), and an
  // agency code after a slash ("Peter Maahn/SP-X"), are not part of it.
  s = s.replace(/\/[\p{Lu}\p{N}-]{1,8}$/u, '').replace(/\s*\d.*$/, '')
  s = s.replace(TRAILING_WORDS, '').replace(TRAILING_WORDS, '')
  if (ONLY_DATE_WORD.test(s)) return undefined
  s = s.replace(/^[\s.:,\-–—|]+|[\s.:,\-–—|]+$/g, '').trim()
  if (s.length < 3 || s.length > 60) return undefined
  if (/https?:|www\.|\.com\b|\.de\b|@|\d/.test(s)) return undefined
  if (WIRES.test(s) || NOT_A_NAME.test(s)) return undefined
  const words = s.split(' ')
  if (words.length > 5) return undefined
  // Glued interface text ("HoeltmannFollow", "SizeSmallMediumLarge") is not a name; McLean and DeSantis are.
  if (words.some((w) => /\p{Ll}\p{Lu}/u.test(w) && !/^(Mc|Mac|De|Di|Da|La|Le|Van|Von|O')\p{Lu}/u.test(w))) return undefined
  // Short all-capital single words are agency codes (TNN, USA, DPA), not people.
  if (words.length === 1 && /^\p{Lu}{2,4}$/u.test(s) && !options.allowHandles) return undefined
  const folded = fold(s)
  if (notNames.some((n) => n && (fold(n) === folded || fold(n).replace(/\s/g, '') === folded.replace(/\s/g, '')))) return undefined
  // Scripts without case (Japanese, Chinese, Arabic…) have no capital letter to check.
  if (/^\p{Lo}/u.test(s)) return s
  if (options.allowHandles && words.length === 1 && HANDLE.test(s) && !/^\p{Lu}/u.test(s)) return s
  // Names start with a capital letter (particles excepted: "van der Berg" only after a given name).
  if (!/^\p{Lu}/u.test(s)) return undefined
  if (!words.some((w) => /^\p{Lu}/u.test(w) && w.length > 1)) return undefined
  return titleCaseIfShouted(s)
}

/**
 * Splits a byline into names ("Jane Doe and John Smith", "Doe, Jane; Smith, John") and keeps
 * only what reads as a person. `notNames` are the outlet and site names, never authors.
 */
export function namesFromByline(raw: string, options: NameOptions = {}): string[] {
  let s = raw.replace(/\s+/g, ' ').trim().replace(LABEL, '').replace(LEADING, '')
  // "Jane Doe, Senior Fellow" and "Jane Doe | Reuters": the role or outlet after the name goes.
  const pieces = s.split(SEPARATORS).map((p) => p.trim()).filter(Boolean)
  // "Doe, Jane" inverted single name: two one-word pieces separated only by a comma.
  if (pieces.length === 2 && /^[^,]+,\s*[^,]+$/.test(s) && pieces.every((p) => !p.includes(' ')) && !/\band\b|&/.test(s)) {
    s = `${pieces[1]} ${pieces[0]}`
    const one = cleanPersonName(s, options)
    return one ? [one] : []
  }
  const out: string[] = []
  for (const piece of pieces) {
    const name = cleanPersonName(piece, options)
    if (name && !out.some((o) => fold(o) === fold(name))) out.push(name)
  }
  return out
}

/**
 * A name from an author profile address: article:author often holds
 * "https://www.engadget.com/editors/jon-fingas" rather than the name itself.
 */
export function nameFromProfileUrl(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  if (/facebook|twitter|x\.com|instagram|linkedin/.test(url.hostname)) return undefined
  const m = /\/(?:authors?|editors?|people|staff|contributors?|autoren|autor|redakteure?|journalists?|profiles?)\/([a-z\u00c0-\u024f]+(?:-[a-z\u00c0-\u024f]+){1,3})\/?$/i.exec(decodeURIComponent(url.pathname))
  if (!m) return undefined
  return m[1]!.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ')
}
