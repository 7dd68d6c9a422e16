/** Words the date rules are built from: months, weekdays, numbers, units. */

export const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
}

/** Full names and dotted abbreviations; "Mar" and "May" need more context than a regex gives. */
export const MONTH_PATTERN =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|' +
  'Jan\\.?|Feb\\.?|Mar\\.|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)'

export const WEEKDAYS: Record<string, number> = {
  monday: 0, tuesday: 1, wednesday: 2, thursday: 3, friday: 4, saturday: 5, sunday: 6,
}
export const WEEKDAY_PATTERN = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'

const SMALL_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12, single: 1,
}
/** Amounts a reader cannot count: "several years" is PXY. */
const VAGUE_NUMBERS = new Set(['several', 'few', 'a few', 'many', 'some', 'couple of', 'a couple of', 'a number of'])

export const NUMBER_PATTERN =
  '(?:\\d+(?:\\.\\d+)?|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]?)?' +
  '(?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|thirteen|fourteen|fifteen|' +
  'sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|' +
  'hundred|dozen|single|an?|several|(?:a )?few|many|(?:a )?couple of|a number of)'

/** The number a word or figure stands for; undefined for vague amounts. */
export function numberValue(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\s+/g, ' ').trim()
  if (/^\d+(\.\d+)?$/.test(w)) return Number(w)
  if (VAGUE_NUMBERS.has(w)) return undefined
  if (w in SMALL_NUMBERS) return SMALL_NUMBERS[w]
  const [, tens = '', units = ''] = /^(\w+)[- ](\w+)$/.exec(w) ?? []
  const sum = (SMALL_NUMBERS[tens] ?? NaN) + (SMALL_NUMBERS[units] ?? NaN)
  return Number.isNaN(sum) ? undefined : sum
}

export const UNIT_PATTERN = '(?:second|minute|hour|day|night|week|fortnight|month|year|decade|century|centuries|quarter)'

/** TimeML duration letter and multiplier of each unit; time units go after "T". */
export const UNITS: Record<string, { letter: string; times: number; clock?: boolean }> = {
  second: { letter: 'S', times: 1, clock: true },
  minute: { letter: 'M', times: 1, clock: true },
  hour: { letter: 'H', times: 1, clock: true },
  day: { letter: 'D', times: 1 },
  night: { letter: 'D', times: 1 },
  week: { letter: 'W', times: 1 },
  fortnight: { letter: 'W', times: 2 },
  month: { letter: 'M', times: 1 },
  quarter: { letter: 'Q', times: 1 },
  year: { letter: 'Y', times: 1 },
  decade: { letter: 'Y', times: 10 },
  century: { letter: 'Y', times: 100 },
}

export function unitOf(word: string): (typeof UNITS)[string] | undefined {
  const w = word.toLowerCase().replace(/centuries$/, 'century').replace(/s$/, '')
  return UNITS[w]
}

export function durationValue(amount: number | undefined, unitWord: string): string | undefined {
  const unit = unitOf(unitWord)
  if (!unit) return undefined
  const n = amount === undefined ? 'X' : String(+(amount * unit.times).toFixed(2))
  return unit.clock ? `PT${n}${unit.letter}` : `P${n}${unit.letter}`
}

export const SEASONS: Record<string, string> = { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' }
export const DAY_PARTS: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', overnight: 'NI' }
export const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4,
  fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
  thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18,
  nineteenth: 19, twentieth: 20, 'twenty-first': 21,
}
