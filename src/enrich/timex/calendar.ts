/**
 * Calendar arithmetic for resolving relative dates, on UTC days so that no local
 * time zone or daylight saving shift can move a day.
 */
export interface Day {
  year: number
  month: number; // 1-12
  day: number
}

const MS_PER_DAY = 86_400_000

export function toEpochDay(d: Day): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY)
}

export function fromEpochDay(n: number): Day {
  const date = new Date(n * MS_PER_DAY)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}

export function addDays(d: Day, days: number): Day {
  return fromEpochDay(toEpochDay(d) + days)
}

/** Monday = 0 … Sunday = 6, as ISO weeks count. */
export function weekdayOf(d: Day): number {
  return (((toEpochDay(d) + 3) % 7) + 7) % 7
}

export function isoWeekOf(d: Day): { year: number; week: number } {
  const thursday = addDays(d, 3 - weekdayOf(d))
  const firstThursdayDay = toEpochDay({ year: thursday.year, month: 1, day: 4 })
  const firstWeekMonday = firstThursdayDay - weekdayOf({ year: thursday.year, month: 1, day: 4 })
  return { year: thursday.year, week: Math.floor((toEpochDay(thursday) - firstWeekMonday) / 7) + 1 }
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

export function formatDay(d: Day): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`
}

export function formatMonth(year: number, month: number): string {
  const shifted = year * 12 + (month - 1)
  return `${pad(Math.floor(shifted / 12), 4)}-${pad((shifted % 12) + 1)}`
}

export function formatWeek(d: Day, weeksLater = 0): string {
  const w = isoWeekOf(addDays(d, weeksLater * 7))
  return `${pad(w.year, 4)}-W${pad(w.week)}`
}

/** "2023-01-18", "2023-01", "2023" -> a reference day (missing parts: the first). */
export function parseReference(dct: string | undefined): Day | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(dct ?? '')
  if (!m) return undefined
  return { year: Number(m[1]), month: m[2] ? Number(m[2]) : 1, day: m[3] ? Number(m[3]) : 1 }
}
