/**
 * The days a TimeML date value covers, for placing it on a timeline: "2023-05" is
 * May 1-31, "2023-Q2" April 1 - June 30, "199" the 1990s. References that name no
 * calendar span (PRESENT_REF, XXXX-WI, durations) have none.
 */
import { addDays, daysInMonth, formatDay, isoWeekOf } from './calendar.js'

export type Precision = 'day' | 'week' | 'month' | 'season' | 'quarter' | 'half' | 'year' | 'decade' | 'century'

export interface ValueRange {
  start: string
  end: string
  precision: Precision
}

const SEASON_MONTHS: Record<string, [number, number]> = { SP: [3, 5], SU: [6, 8], FA: [9, 11], WI: [12, 14] }

export function valueRange(value: string): ValueRange | undefined {
  const v = value.replace(/^FY/, '').replace(/T.*$/, '')
  let m: RegExpExecArray | null
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) {
    return { start: v, end: v, precision: 'day' }
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(v))) {
    const [y, mo] = [Number(m[1]), Number(m[2])]
    return { start: `${m[1]}-${m[2]}-01`, end: `${m[1]}-${m[2]}-${String(daysInMonth(y, mo)).padStart(2, '0')}`, precision: 'month' }
  }
  if ((m = /^(\d{4})$/.exec(v))) return { start: `${v}-01-01`, end: `${v}-12-31`, precision: 'year' }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(v))) {
    const y = Number(m[1])
    const q = Number(m[2])
    return monthSpan(y, q * 3 - 2, q * 3, 'quarter')
  }
  if ((m = /^(\d{4})-H([12])$/.exec(v))) {
    const h = Number(m[2])
    return monthSpan(Number(m[1]), h * 6 - 5, h * 6, 'half')
  }
  if ((m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(v))) {
    const [from, to] = SEASON_MONTHS[m[2]!]!
    return monthSpan(Number(m[1]), from, to, 'season')
  }
  if ((m = /^(\d{4})-W(\d{2})(?:-WE)?$/.exec(v))) {
    const monday = mondayOfWeek(Number(m[1]), Number(m[2]))
    const weekend = v.endsWith('-WE')
    const start = weekend ? addDays(monday, 5) : monday
    return { start: formatDay(start), end: formatDay(addDays(monday, 6)), precision: 'week' }
  }
  if ((m = /^(\d{3})$/.exec(v))) return { start: `${v}0-01-01`, end: `${v}9-12-31`, precision: 'decade' }
  if ((m = /^(\d{2})$/.exec(v))) return { start: `${v}00-01-01`, end: `${v}99-12-31`, precision: 'century' }
  return undefined
}

/** Months from..to of year (to may run past December into the next year: winter). */
function monthSpan(year: number, from: number, to: number, precision: Precision): ValueRange {
  const endYear = year + Math.floor((to - 1) / 12)
  const endMonth = ((to - 1) % 12) + 1
  return {
    start: `${year}-${String(from).padStart(2, '0')}-01`,
    end: `${endYear}-${String(endMonth).padStart(2, '0')}-${String(daysInMonth(endYear, endMonth)).padStart(2, '0')}`,
    precision,
  }
}

function mondayOfWeek(year: number, week: number) {
  const jan4 = { year, month: 1, day: 4 }
  const { week: w } = isoWeekOf(jan4)
  const jan4Weekday = (new Date(Date.UTC(year, 0, 4)).getUTCDay() + 6) % 7
  return addDays(jan4, (week - w) * 7 - jan4Weekday)
}
