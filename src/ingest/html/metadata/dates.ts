import { isValidPartialDate, type PartialDate } from '../../../model/index.js'

/**
 * Dates as pages write them, in metadata and in visible text, read to the local day the page
 * states. A timestamp with an offset keeps its written date: "2020-05-21T23:30:00-04:00" is
 * the 21st, never the UTC 22nd.
 */

const MONTH_NAMES: Record<string, number> = {}
const MONTH_LISTS = [
  'january february march april may june july august september october november december',
  'januar februar märz april mai juni juli august september oktober november dezember',
  'jänner feber maerz',
  'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
  'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
  'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
  'januari februari maart april mei juni juli augustus september oktober november december',
]
for (const [i, list] of MONTH_LISTS.entries()) {
  const names = list.split(' ')
  names.forEach((name, m) => {
    const month = i === 2 ? [1, 2, 3][m]! : m + 1
    MONTH_NAMES[name] ??= month
    // Abbreviations: "Jan", "Sept", "Dez", "févr".
    for (let len = 3; len < name.length; len++) MONTH_NAMES[name.slice(0, len)] ??= month
  })
}
MONTH_NAMES.sept = 9
const MONTH = `(${Object.keys(MONTH_NAMES).sort((a, b) => b.length - a.length).join('|')})\\.?`

function monthNumber(name: string): number | undefined {
  return MONTH_NAMES[name.toLowerCase().replace(/\.$/, '')]
}

function valid(d: PartialDate): PartialDate | undefined {
  return isValidPartialDate(d) ? d : undefined
}

const RFC_UTC_STAMP = /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{4})\s+(\d{2}):(\d{2})(?::\d{2})?\s*(?:GMT|UTC|Z|[+-]0000)$/i
const UTC_STAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]00:?00|GMT|UTC)$/i

/**
 * The site's offset from UTC in minutes, from the explicit offsets its own timestamps carry
 * (the most common non-zero one), else from the country of its domain. Undefined when unknown.
 */
export function siteUtcOffset(html: string, url?: string): number | undefined {
  const counts = new Map<number, number>()
  // ISO stamps ("…T21:11:03-05:00") and RFC 2822 ones ("… 00:04:00 +0200").
  const re = /(?:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?|\d{4} \d{2}:\d{2}:\d{2} )([+-])(\d{2}):?(\d{2})(?!\d)/g
  let m: RegExpExecArray | null
  let seen = 0
  while ((m = re.exec(html)) && ++seen < 500) {
    const minutes = (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!)
    if (minutes) counts.set(minutes, (counts.get(minutes) ?? 0) + 1)
  }
  if (counts.size) return [...counts].sort((a, b) => b[1] - a[1])[0]![0]
  let host = ''
  try {
    host = url ? new URL(url).hostname.toLowerCase() : ''
  } catch {
    // no host to go by
  }
  const tld = host.split('.').pop() ?? ''
  // A generic domain (.com, .org) says nothing. (The page's locale, en_US or es_CO, was tried
  // and lost more days than it won: sites keep the default locale of their CMS.)
  return COUNTRY_OFFSETS[tld]
}

// Standard-time offsets of countries whose domains carry news; summer time is ignored, as
// only timestamps within an hour or two of midnight are affected at all.
const COUNTRY_OFFSETS: Record<string, number> = {
  us: -300, gb: 0, uk: 0, ie: 0, pt: 0, bo: -240, ec: -300, uy: -180, py: -240, cr: -360, gt: -360, do: -240, cu: -300,
  de: 60, at: 60, ch: 60, it: 60, fr: 60, es: 60, nl: 60, be: 60, pl: 60, cz: 60, dk: 60, se: 60, no: 60, hu: 60, sk: 60, si: 60, hr: 60,
  fi: 120, gr: 120, ro: 120, bg: 120, ua: 120, ru: 180, tr: 180, il: 120,
  in: 330, pk: 300, cn: 480, hk: 480, sg: 480, tw: 480, my: 480, ph: 480, jp: 540, kr: 540, au: 600, nz: 720,
  br: -180, ar: -180, cl: -240, pe: -300, co: -300, mx: -360, ca: -300, ve: -240,
}

function fromEpoch(n: number, offsetMinutes = 0): PartialDate | undefined {
  const ms = (n > 1e11 ? n : n * 1000) + offsetMinutes * 60_000
  const d = new Date(ms)
  if (Number.isNaN(d.getTime())) return undefined
  return valid({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() })
}

const ISO = /(?<![\d])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])/
const SLASHED_YMD = /(?<![\d])(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?![\d])/
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?\d{4,6})?$/
const DMY_NUMERIC = /(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d])/
const TEXT_MDY = new RegExp(`(?<![\\p{L}])${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?![\\d])`, 'iu')
const TEXT_DMY = new RegExp(`(?<![\\d])(\\d{1,2})(?:st|nd|rd|th|er|º)?\\.?\\s*(?:de\\s+)?${MONTH}(?:,?\\s+|\\s+de\\s+)(\\d{4})(?![\\d])`, 'iu')
const TEXT_MY = new RegExp(`(?<![\\p{L}])${MONTH}\\s+(\\d{4})(?![\\d])`, 'iu')

/**
 * Reads a date value from metadata: ISO timestamps, RFC 2822, compact `20200521`, epoch
 * seconds, numeric and spelled-out forms. Returns undefined when no date is found.
 */
export function parseDateValue(raw: string, siteOffsetMinutes?: number): PartialDate | undefined {
  const s = raw.trim()
  if (!s) return undefined
  if (/^\d{10}(\d{3})?$/.test(s)) return fromEpoch(Number(s), siteOffsetMinutes)
  if (siteOffsetMinutes) {
    // A UTC timestamp near midnight belongs to the site's local day, not Greenwich's.
    const utc = UTC_STAMP.exec(s)
    const rfc = utc ? undefined : RFC_UTC_STAMP.exec(s)
    const month = rfc ? monthNumber(rfc[2]!) : undefined
    const parts = utc ? [+utc[1]!, +utc[2]!, +utc[3]!, +utc[4]!, +utc[5]!] : rfc && month ? [+rfc[3]!, month, +rfc[1]!, +rfc[4]!, +rfc[5]!] : undefined
    if (parts) {
      const d = new Date(Date.UTC(parts[0]!, parts[1]! - 1, parts[2]!, parts[3]!, parts[4]!) + siteOffsetMinutes * 60_000)
      return valid({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() })
    }
  }
  let m = COMPACT.exec(s)
  if (m) return valid({ year: +m[1]!, month: +m[2]!, day: +m[3]! })
  m = /^(\d{4})(?:-(\d{2}))?$/.exec(s)
  if (m) return valid(m[2] ? { year: +m[1]!, month: +m[2] } : { year: +m[1]! })
  return findDate(s)
}

/** The first date written anywhere in a piece of text ("Published May 21, 2020, 9:00 am"). */
export function findDate(text: string): PartialDate | undefined {
  const s = text.replace(/\s+/g, ' ')
  const found: { index: number; date: PartialDate }[] = []
  const tryPattern = (re: RegExp, build: (m: RegExpExecArray) => PartialDate | undefined) => {
    const m = re.exec(s)
    if (!m) return
    const date = build(m)
    if (date) found.push({ index: m.index, date })
  }
  tryPattern(ISO, (m) => valid({ year: +m[1]!, month: +m[2]!, day: +m[3]! }))
  tryPattern(SLASHED_YMD, (m) => valid({ year: +m[1]!, month: +m[2]!, day: +m[3]! }))
  tryPattern(TEXT_MDY, (m) => {
    const month = monthNumber(m[1]!)
    return month ? valid({ year: +m[3]!, month, day: +m[2]! }) : undefined
  })
  tryPattern(TEXT_DMY, (m) => {
    const month = monthNumber(m[2]!)
    return month ? valid({ year: +m[3]!, month, day: +m[1]! }) : undefined
  })
  tryPattern(DMY_NUMERIC, (m) => {
    const a = +m[1]!, b = +m[3]!, year = +m[4]!
    // Slashes are read month first (US) unless that is impossible; dots and dashes day first.
    if (m[2] === '/' && a <= 12 && b <= 31) return valid({ year, month: a, day: b }) ?? valid({ year, month: b, day: a })
    return valid({ year, month: b, day: a }) ?? valid({ year, month: a, day: b })
  })
  if (!found.length) {
    tryPattern(TEXT_MY, (m) => {
      const month = monthNumber(m[1]!)
      return month ? valid({ year: +m[2]!, month }) : undefined
    })
  }
  if (!found.length) return undefined
  return found.sort((a, b) => a.index - b.index)[0]!.date
}

/** A date in a URL path: /2020/05/21/, /2020-05-21-, /20200521/, or /2020/05/ at month precision. */
export function dateFromUrl(url: string): PartialDate | undefined {
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return undefined
  }
  let m = /(?:^|[/_-])((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?=[/_.-]|$)/.exec(path)
  if (m) return valid({ year: +m[1]!, month: +m[2]!, day: +m[3]! })
  m = /(?:^|[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)/.exec(path)
  if (m) return valid({ year: +m[1]!, month: +m[2]!, day: +m[3]! })
  m = /\/((?:19|20)\d{2})\/(\d{1,2})\//.exec(path)
  if (m) return valid({ year: +m[1]!, month: +m[2]! })
  return undefined
}
