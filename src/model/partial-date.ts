/**
 * Publication dates at the precision the source gives: many pieces carry only a year or a
 * month. Stored and exchanged as ISO-8601 prefixes (`2023`, `2023-01`, `2023-01-18`), which
 * also sort correctly as text.
 */
export interface PartialDate {
  year: number
  month?: number
  day?: number
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']

// AP style, as on the model page ("Jan. 18, 2023"): five-letter-or-shorter months spelled out.
const AP_MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.']

function monthFromName(name: string): number | undefined {
  const n = name.toLowerCase().replace(/\.$/, '')
  if (n.length < 3) return undefined
  const i = MONTHS.findIndex((m) => m.startsWith(n) || (n === 'sept' && m === 'september'))
  return i < 0 ? undefined : i + 1
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Whether the parts name a real calendar day (or month, or year). */
export function isValidPartialDate(d: PartialDate): boolean {
  if (!Number.isInteger(d.year) || d.year < 1000 || d.year > 9999) return false
  if (d.month === undefined) return d.day === undefined
  if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12) return false
  if (d.day === undefined) return true
  return Number.isInteger(d.day) && d.day >= 1 && d.day <= daysInMonth(d.year, d.month)
}

function checked(d: PartialDate): PartialDate | undefined {
  return isValidPartialDate(d) ? d : undefined
}

/**
 * Reads the date forms found on publication pages: ISO prefixes (`2023-01-18`, `2023-01`,
 * `2023`), "Jan. 18, 2023", "January 18, 2023", "18 January 2023", "January 2023".
 * Returns undefined for anything else, including impossible days such as "Feb. 30, 2023".
 */
export function parsePartialDate(text: string): PartialDate | undefined {
  const s = text.trim().replace(/\s+/g, ' ')
  let m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s)
  if (m) {
    const d: PartialDate = { year: Number(m[1]) }
    if (m[2]) d.month = Number(m[2])
    if (m[3]) d.day = Number(m[3])
    return checked(d)
  }
  m = /^([A-Za-z]+\.?) (\d{1,2}),? (\d{4})$/.exec(s)
  if (m) {
    const month = monthFromName(m[1]!)
    return month ? checked({ year: Number(m[3]), month, day: Number(m[2]) }) : undefined
  }
  m = /^(\d{1,2}) ([A-Za-z]+\.?),? (\d{4})$/.exec(s)
  if (m) {
    const month = monthFromName(m[2]!)
    return month ? checked({ year: Number(m[3]), month, day: Number(m[1]) }) : undefined
  }
  m = /^([A-Za-z]+\.?),? (\d{4})$/.exec(s)
  if (m) {
    const month = monthFromName(m[1]!)
    return month ? checked({ year: Number(m[2]), month }) : undefined
  }
  return undefined
}

const pad = (n: number) => String(n).padStart(2, '0')

export function formatIsoPartialDate(d: PartialDate): string {
  let s = String(d.year)
  if (d.month !== undefined) s += `-${pad(d.month)}`
  if (d.month !== undefined && d.day !== undefined) s += `-${pad(d.day)}`
  return s
}

/** "Jan. 18, 2023", "January 2023" (AP spells a month out when no day follows), "2023". */
export function formatApPartialDate(d: PartialDate): string {
  if (d.month === undefined) return String(d.year)
  if (d.day === undefined) return `${MONTHS[d.month - 1]!.replace(/^./, (c) => c.toUpperCase())} ${d.year}`
  return `${AP_MONTHS[d.month - 1]} ${d.day}, ${d.year}`
}
