import { formatIsoPartialDate, parsePartialDate } from '../../model/index.js'

const WEEKDAY = String.raw`(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*`

// The calendar fields are read straight from the text and any time and zone after them are
// ignored: a piece the feed dates "Wed, 18 Jan 2023 23:30:00 -0500" appeared on the 18th where
// it was published. Going through Date would move it to the 19th (UTC) or to whatever zone
// this process runs in.
const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T\s]\d{1,2}:\d{2}\S*(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?$/i
const RFC_822 = new RegExp(String.raw`^(?:${WEEKDAY})?(\d{1,2})[\s-]+([a-z]{3,9}\.?)[\s-]+(\d{4}|\d{2})(?=$|[\s,T])`, 'i')
const MONTH_FIRST = new RegExp(String.raw`^(?:${WEEKDAY})?([a-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?=$|[\s,T])`, 'i')

// RFC 822 allowed two-digit years; RFC 2822 reads 00-49 as 20xx and 50-99 as 19xx.
const fullYear = (y: string) => (y.length === 4 ? y : String(Number(y) < 50 ? 2000 + Number(y) : 1900 + Number(y)))

/**
 * A feed's date as an ISO-8601 prefix at the precision it states (`2023-01-18`, `2023-01`,
 * `2023`), the calendar day as written in the feed's own zone. Reads RFC 822 (RSS), RFC 3339
 * (Atom, JSON Feed, dc:date) and the forms publication pages use; undefined for anything else
 * and for days that do not exist, so a wrong date never reaches a record.
 */
export function parseFeedDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined
  const s = raw.trim().replace(/\s+/g, ' ')
  let candidate: string | undefined
  let m = ISO.exec(s)
  if (m) candidate = [m[1], m[2], m[3]].filter(Boolean).join('-')
  else if ((m = RFC_822.exec(s))) candidate = `${m[1]} ${m[2]} ${fullYear(m[3]!)}`
  else if ((m = MONTH_FIRST.exec(s))) candidate = `${m[1]} ${m[2]}, ${m[3]}`
  else candidate = s
  const date = parsePartialDate(candidate)
  return date ? formatIsoPartialDate(date) : undefined
}

/** The first of several candidate fields that holds a readable date. */
export function firstFeedDate(...raws: (string | undefined)[]): string | undefined {
  for (const raw of raws) {
    const date = parseFeedDate(raw)
    if (date) return date
  }
  return undefined
}
