/**
 * Temporal expressions in English prose, normalised TimeML-style against the
 * document's creation time (the publication date): "this May" written on
 * 2023-01-18 is 2023-05, "last December" 2022-12, "by 2027" 2027, "three years"
 * P3Y, "every week" a SET. Rules in the spirit of HeidelTime: each rule is a pattern
 * and a resolver; where rules overlap the longest match wins.
 */
import { sentenceSpans, spanAt, type Span } from '../sentences.js'
import {
  addDays, formatDay, formatMonth, formatWeek, parseReference, weekdayOf, type Day,
} from './calendar.js'
import {
  DAY_PARTS, MONTHS, MONTH_PATTERN, NUMBER_PATTERN, ORDINALS, SEASONS, UNIT_PATTERN, WEEKDAYS,
  WEEKDAY_PATTERN, durationValue, numberValue, unitOf,
} from './lexicon.js'

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET'

export interface Timex {
  start: number
  end: number
  type: TimexType
  value: string
  /** For the second half of a range ("from January 9 to 13"): the first half's start. */
  rangeFrom?: number
}

/** Expressions whose value comes from the last date the text mentioned, not from dct. */
type Anaphor = 'that-day' | 'year-before'

interface Context {
  text: string
  ref: Day
  sentences: Span[]
}

type Found = Omit<Timex, 'start' | 'end'> & { start?: number; end?: number; anaphor?: Anaphor }
/**
 * A match as the resolvers read it: groups typed as present, since each resolver
 * tests the optional ones before use (unmatched groups are undefined at run time).
 */
type Ten<T> = readonly [T, T, T, T, T, T, T, T, T, T]
type Match = Ten<string> & { readonly index: number; readonly indices: Ten<readonly [number, number]> }
type Resolver = (m: Match, ctx: Context) => Found | Found[] | undefined

interface Rule {
  name: string
  pattern: RegExp
  resolve: Resolver
}

const B = '(?<![\\w$£€-])'; // a left word edge that is not part of a number or amount
const E = '(?![\\w%-]|[.,]\\d)'; // a right edge that is not the middle of a number or word

const rules: Rule[] = []
function rule(name: string, source: string, resolve: Resolver, flags = 'gd'): void {
  rules.push({ name, pattern: new RegExp(source, flags), resolve })
}

const DAY_NUMBER = '(\\d{1,2})(?:st|nd|rd|th)?'
const YEAR = '((?:1[0-9]|20)\\d{2})'
const THE = '(?:[Tt]he\\s+)?'

// 2023-01-18, 18/01/2023 is ambiguous; numeric dates are read as the ISO and US forms.
rule('iso-date', `${B}(\\d{4})-(\\d{2})-(\\d{2})${E}`, (m) => day(+m[1], +m[2], +m[3]))
rule('us-date', `${B}(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})${E}`, (m) => {
  const year = m[3].length === 2 ? (+m[3] < 50 ? 2000 : 1900) + +m[3] : +m[3]
  return day(year, +m[1], +m[2])
})

// January 9, 2023 / Jan. 9 2023 / January 9 / January 9 to 13[, 2023]
rule(
  'month-day',
  `${B}(?:(early|late|mid-?)\\s*)?(${MONTH_PATTERN})\\s+${DAY_NUMBER}(?:(?:\\s*(?:-|–|to|through|until|and)\\s*)${DAY_NUMBER})?(?:,?\\s+${YEAR})?${E}`,
  (m, ctx) => {
    const month = monthOf(m[2])
    if (!month || !capitalised(m[2])) return undefined
    const first = +m[3]
    const last = m[4] ? +m[4] : undefined
    if (first < 1 || first > 31 || (last !== undefined && (last < first || last > 31))) return undefined
    const year = m[5] ? +m[5] : nearestYear(ctx.ref, month, first)
    if (last === undefined) return day(year, month, first)
    const start = m.index
    const firstEnd = m.indices[3][1] + (/^(st|nd|rd|th)/.exec(ctx.text.slice(m.indices[3][1]))?.[0].length ?? 0)
    const [secondStart, secondEnd] = m.indices[4]
    return [
      { ...day(year, month, first)!, start, end: firstEnd },
      { ...day(year, month, last)!, start: secondStart, end: m[5] ? m.indices[5][1] : secondEnd, rangeFrom: start },
    ]
  },
)

// 9 January 2023 / 9 January / the 9th of January
rule(
  'day-month',
  `${B}(?:${THE}${DAY_NUMBER}\\s+(?:of\\s+)?)(${MONTH_PATTERN})(?:,?\\s+${YEAR})?${E}`,
  (m, ctx) => {
    const month = monthOf(m[2])
    if (!month || !capitalised(m[2]) || +m[1] < 1 || +m[1] > 31) return undefined
    return day(m[3] ? +m[3] : nearestYear(ctx.ref, month, +m[1]), month, +m[1])
  },
)

// May 2023 / early January 2009 / the end of March 2010
rule(
  'month-year',
  `${B}(?:(?:(early|late|mid-?|the end of|the beginning of|the start of|the middle of)\\s*))?(${MONTH_PATTERN}),?\\s+(?:of\\s+)?${YEAR}${E}`,
  (m) => {
    const month = monthOf(m[2])
    if (!month || !capitalised(m[2])) return undefined
    return { type: 'DATE', value: formatMonth(+m[3], month) }
  },
  'gdi',
)

// this May / last December / in March / early June
rule(
  'month',
  `${B}(?:(this|last|next|past|previous|coming|early|late|mid-?|in|since|until|by|from|of|during|before|after|between|and|to)\\s+)?(${MONTH_PATTERN})${E}`,
  (m, ctx) => {
    const month = monthOf(m[2])
    if (!month || !capitalised(m[2])) return undefined
    const modifier = (m[1] ?? '').toLowerCase()
    if (/^may$/i.test(m[2]) && !modifier) return undefined; // the verb, or a surname
    if (/^(mar\.|jun|jul|sept?|dec)\.?$/i.test(m[2]) && !modifier) return undefined
    const refMonth = ctx.ref.month
    let year = ctx.ref.year
    if (modifier === 'last' || modifier === 'past' || modifier === 'previous') {
      if (month >= refMonth) year -= 1
    } else if (modifier === 'next' || modifier === 'coming') {
      if (month <= refMonth) year += 1
    } else if (modifier !== 'this') {
      const tense = tenseAt(ctx, m.index)
      if (tense === 'future' && month < refMonth) year += 1
      else if (tense === 'past' && month > refMonth) year -= 1
      else if (!tense) year = nearestYear(ctx.ref, month, 15)
    }
    const keepModifier = /^(this|last|next|past|previous|coming|early|late|mid)/.test(modifier)
    const start = keepModifier ? m.index : m.indices[2][0]
    return { type: 'DATE', value: formatMonth(year, month), start }
  },  'gdi',
)

// 2027, in 2027, by 2027, early 2009, fiscal 2010, 2014-2016 (two years)
rule(
  'year',
  `${B}(?:(early|late|mid-?|the end of|the start of|the beginning of|the middle of|fiscal|FY)\\s*)?${YEAR}(?!['’]?s\\b)${E}`,
  (m, ctx) => {
    const year = +m[2]
    if (year < 1500 || year > 2100) return undefined
    const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 24)
    const before = ctx.text.slice(Math.max(0, m.index - 12), m.index)
    // "2000 people", "$2,010", "No. 2010", "page 1998": a count or a label, not a year
    if (/^\s+(?!was|is|has|as|this|its|his|us|thus|pass)[a-z]+s\b/.test(after)) return undefined
    if (/^\s*(?:[-–]\s*\d|\.\d|,\d{3})/.test(after) && !/^\s*[-–]\s*(?:1[0-9]|20)\d{2}\b/.test(after)) return undefined
    if (/(?:no\.|number|page|pp?\.|room|route|flight|#|,|\d[.,]?)\s*$/i.test(before)) return undefined
    const modifier = (m[1] ?? '').toLowerCase()
    if (modifier === 'fiscal' || modifier === 'fy') return { type: 'DATE', value: `FY${year}` }
    return { type: 'DATE', value: String(year) }
  },
  'gdi',
)

// the 1990s, the '90s, the early 2000s
rule('decade', `${B}(?:[Tt]he\\s+)?(?:(?:early|late|mid-?)\\s*)?(?:((?:1[5-9]|20)\\d)0|['’](\\d)0)s\\b`, (m) => ({
  type: 'DATE',
  value: m[1] ?? `19${m[2]}`,
}))

// the 19th century, the twentieth century
rule(
  'century',
  `${B}(?:[Tt]he\\s+)?(?:(?:early|late|mid-?)\\s*)?(\\d{1,2}(?:st|nd|rd|th)|${Object.keys(ORDINALS).filter((k) => !/\d/.test(k)).join('|')})[- ][Cc]entury\\b`,
  (m) => {
    const n = /^\d/.test(m[1]) ? parseInt(m[1], 10) : ORDINALS[m[1].toLowerCase()]
    if (!n) return undefined
    return { type: 'DATE', value: String(n - 1).padStart(2, '0') }
  },
  'gdi',
)

// this spring, last winter, summer 2009
rule(
  'season',
  `${B}(?:(this|last|next|early|late|the|in the|in|during the|during)\\s+)?(spring|summer|autumn|fall|winter)(?:\\s+(?:of\\s+)?${YEAR})?${E}`,
  (m, ctx) => {
    const modifier = (m[1] ?? '').toLowerCase()
    if (!modifier && !m[3]) return undefined
    if (m[2].toLowerCase() === 'fall' && !m[3] && !/^(this|last|next|the|in the|during the)$/.test(modifier)) return undefined
    const season = SEASONS[m[2].toLowerCase()]
    let year = m[3] ? +m[3] : ctx.ref.year
    if (!m[3] && modifier === 'last') year -= 1
    if (!m[3] && modifier === 'next') year += 1
    const start = /^(in|during)/.test(modifier) ? m.indices[2][0] : m.index
    return { type: 'DATE', value: `${year}-${season}`, start }
  },
  'gdi',
)

// the first quarter of 2009, third-quarter, Q3 2009, the first half of this year
rule(
  'quarter',
  `${B}(?:[Tt]he\\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|final|last|current|this|next|previous)[- ](quarter|half)(?:\\s+of\\s+(?:(?:the\\s+)?(?:fiscal\\s+)?(?:year\\s+)?${YEAR}|(this|last|next|the)\\s+(?:fiscal\\s+)?year))?${E}`,
  (m, ctx) => {
    const half = m[2].toLowerCase() === 'half'
    const word = m[1].toLowerCase()
    let year = m[3] ? +m[3] : ctx.ref.year
    if (m[4]?.toLowerCase() === 'last') year -= 1
    if (m[4]?.toLowerCase() === 'next') year += 1
    const current = half ? (ctx.ref.month <= 6 ? 1 : 2) : Math.ceil(ctx.ref.month / 3)
    let n = ORDINALS[word] ?? 0
    if (!n) {
      if (word === 'final') n = half ? 2 : 4
      else if (word === 'this' || word === 'current') n = current
      else if (word === 'next') n = current + 1
      else if (word === 'last' || word === 'previous') n = m[3] || m[4] ? (half ? 2 : 4) : current - 1
    }
    const count = half ? 2 : 4
    // "the fourth quarter" written in March is last year's, unless the sentence looks ahead
    if (!m[3] && !m[4] && ORDINALS[word] && n > current && tenseAt(ctx, m.index) !== 'future') year -= 1
    if (n === 0) { n = count; year -= 1; }
    if (n > count) { n = 1; year += 1; }
    return { type: 'DATE', value: `${year}-${half ? 'H' : 'Q'}${n}` }
  },
  'gdi',
)
rule('q-year', `${B}Q([1-4])\\s*['’]?${YEAR}${E}`, (m) => ({ type: 'DATE', value: `${m[2]}-Q${m[1]}` }))

// today, yesterday, tonight, this morning, last night, the day before yesterday
rule(
  'relative-day',
  `${B}(?:(earlier|later)\\s+)?(the day before yesterday|the day after tomorrow|today|yesterday|tomorrow|tonight|overnight|last night|this (?:morning|afternoon|evening)|(?:yesterday|tomorrow) (?:morning|afternoon|evening|night))${E}`,
  (m, ctx) => {
    const phrase = m[2].toLowerCase()
    const shift = phrase.includes('before yesterday') ? -2 : phrase.includes('after tomorrow') ? 2
      : phrase.startsWith('yesterday') || phrase === 'last night' ? -1 : phrase.startsWith('tomorrow') ? 1 : 0
    if (phrase === 'overnight') return undefined
    const date = formatDay(addDays(ctx.ref, shift))
    const part = /(morning|afternoon|evening|night)$/.exec(phrase)?.[1]
    if (phrase === 'tonight') return { type: 'TIME', value: `${date}TNI` }
    if (part) return { type: 'TIME', value: `${date}T${DAY_PARTS[part]}` }
    return { type: 'DATE', value: date }
  },
  'gdi',
)

// Monday, last Friday, on Tuesday morning
rule(
  'weekday',
  `${B}(?:(last|next|this|coming|on|early|late)\\s+)?(${WEEKDAY_PATTERN})(?:\\s+(morning|afternoon|evening|night))?${E}`,
  (m, ctx) => {
    if (!capitalised(m[2])) return undefined
    const modifier = (m[1] ?? '').toLowerCase()
    const target = WEEKDAYS[m[2].toLowerCase()] ?? 0
    const today = weekdayOf(ctx.ref)
    const back = (today - target + 7) % 7
    const ahead = (target - today + 7) % 7
    let shift: number
    if (modifier === 'last') shift = -(back || 7)
    else if (modifier === 'next' || modifier === 'coming') shift = ahead || 7
    else if (isFuture(ctx, m.index)) shift = ahead
    else shift = -back
    const date = formatDay(addDays(ctx.ref, shift))
    const start = modifier === 'on' ? m.indices[2][0] : m.index
    if (m[3]) return { type: 'TIME', value: `${date}T${DAY_PARTS[m[3].toLowerCase()]}`, start }
    return { type: 'DATE', value: date, start }
  },
  'gdi',
)

// this week, last month, next year, earlier this year, the end of this year, the weekend
rule(
  'relative-unit',
  `${B}(?:(?:earlier|later|late|early|the end of|the start of|the beginning of|the rest of|the middle of)\\s+)?(this|last|next|past|previous|coming|current|the past|the last|the previous|the coming|the next|the current|the same|the)\\s+(?:(?:fiscal|financial)\\s+)?(week|weekend|month|year|decade|century|quarter)${E}`,
  (m, ctx) => {
    const mod = m[1].toLowerCase().replace(/^the /, '')
    const unit = m[2].toLowerCase()
    if (mod === 'the' && unit !== 'weekend') return undefined
    if (mod === 'same') return undefined
    // "the past week" is a stretch of time, not a calendar week
    if (/^the (past|next|coming)$/.test(m[1].toLowerCase()) && unit !== 'weekend') {
      return { type: 'DURATION', value: unit === 'decade' ? 'P10Y' : unit === 'century' ? 'P100Y' : durationValue(1, unit)! }
    }
    const step = /^(last|past|previous)$/.test(mod) ? -1 : /^(next|coming)$/.test(mod) ? 1 : 0
    return { type: 'DATE', value: relativeValue(ctx.ref, unit, step) }
  },
  'gdi',
)

// three years ago, a week ago
rule(
  'ago',
  `${B}(${NUMBER_PATTERN})\\s+(${UNIT_PATTERN})s?\\s+(ago|earlier|before|later|from now|hence)${E}`,
  (m, ctx) => {
    const n = numberValue(m[1])
    const unit = m[2].toLowerCase().replace(/s$/, '')
    const sign = /^(ago|earlier|before)$/i.test(m[3]) ? -1 : 1
    if (/^(earlier|before|later)$/i.test(m[3]) && /^(earlier|before|later)$/i.test(m[3])) {
      // "two days later" is relative to a narrated event, not to the publication date
      return { type: 'DURATION', value: durationValue(n, unit) ?? 'PXY', end: m.indices[2][1] + (m[0].match(/s\s/) ? 1 : 0) }
    }
    if (n === undefined || !Number.isInteger(n)) return { type: 'DATE', value: sign < 0 ? 'PAST_REF' : 'FUTURE_REF' }
    if (unit === 'week' || unit === 'fortnight') return { type: 'DATE', value: formatDay(addDays(ctx.ref, sign * n * (unit === 'week' ? 7 : 14))) }
    return { type: 'DATE', value: relativeValue(ctx.ref, unit, sign * n) }
  },
  'gdi',
)

// three years, a decade, six-month, the past five trading days, 90 days
rule(
  'duration',
  `${B}(?:(?:[Tt]he\\s+)?(?:past|last|next|first|previous|coming|following|remaining|final|whole|entire|full)\\s+)?(${NUMBER_PATTERN})(?:\\s+|-)(?:(?:more|additional|trading|business|working|straight|consecutive|calendar|full|long|and a half)\\s+)?(${UNIT_PATTERN})s?(?:-long)?(?![\\w-]*-old)${E}`,
  (m) => {
    const amount = numberValue(m[1])
    if (/^an?$/i.test(m[1]) && m[2].toLowerCase() === 'quarter') return undefined
    const unit = m[2].toLowerCase()
    if (unit === 'quarter') return amount === undefined ? undefined : { type: 'DURATION', value: `P${amount}Q` }
    const value = durationValue(amount, unit)
    return value ? { type: 'DURATION', value } : undefined
  },
  'gdi',
)

// for years, over decades, within hours, the next few months
rule(
  'vague-duration',
  `${B}(?:(for|over|within|in|after|spanning)\\s+)(?:the\\s+(?:past|last|next|coming)\\s+)?(seconds|minutes|hours|days|weeks|months|years|decades|centuries)${E}`,
  (m) => ({ type: 'DURATION', value: durationValue(undefined, m[2])!, start: m.indices[2][0] }),
  'gdi',
)

// 3 p.m., 15:00 GMT, noon on Saturday, 12:00 UTC Monday
rule(
  'clock',
  `${B}(?:(\\d{1,2})(?::(\\d{2}))?\\s*(a\\.m\\.|p\\.m\\.|am\\b|pm\\b)|(\\d{1,2}):(\\d{2})|(noon|midnight))(?:\\s*\\(?(GMT|UTC|[ECMP][SD]T|BST|CET|CEST)\\)?)?(?:\\s+(?:on\\s+)?(${WEEKDAY_PATTERN}|today|yesterday|tomorrow))?(?![\\w:])`,
  (m, ctx) => {
    let hour: number
    let minute = 0
    if (m[1]) {
      hour = +m[1] % 12 + (/^p/i.test(m[3]) ? 12 : 0)
      minute = m[2] ? +m[2] : 0
    } else if (m[4]) {
      hour = +m[4]
      minute = +m[5]
      if (!m[7] && !m[8]) {
        const around = ctx.text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20)
        if (/\d:\d+:\d|\bverse|chapter|score/i.test(around)) return undefined
      }
    } else {
      hour = m[6].toLowerCase() === 'noon' ? 12 : 24
    }
    if (hour > 24 || minute > 59) return undefined
    let date = ctx.ref
    if (m[8]) {
      const w = m[8].toLowerCase()
      const target = WEEKDAYS[w]
      if (target !== undefined) {
        const today = weekdayOf(ctx.ref)
        const future = isFuture(ctx, m.index)
        date = addDays(ctx.ref, future ? (target - today + 7) % 7 : -((today - target + 7) % 7))
      } else date = addDays(ctx.ref, w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : 0)
    }
    const zone = m[7] && /^(GMT|UTC)$/i.test(m[7]) ? 'Z' : ''
    return { type: 'TIME', value: `${formatDay(date)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}${zone}` }
  },
  'gdi',
)

// now, currently, recently, in the past, the future
rule(
  'reference',
  `${B}(now|currently|nowadays|at present|at the moment|at this time|these days|the time being|recently|lately|in the past|in recent years|at the time|the future|in the future|(?:very\\s+)?soon(?!\\s+as)|the (?:near|long|short|medium) term|current|recent)${E}`,
  (m, ctx) => {
    const w = m[1].toLowerCase()
    if (w === 'current' || w === 'recent') {
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 24)
      if (!/^\s+(?:[a-z]+\s+)?(?:circumstances|situation|crisis|downturn|recession|climate|conditions|losses|gains|moves|months|weeks|days|years|decades|history|period|times|events|economic|financial|government|market)/i.test(after)) return undefined
    }
    const value = /now|current|present|moment|this time|these days|time being/.test(w) ? 'PRESENT_REF'
      : /future|soon|term/.test(w) ? 'FUTURE_REF' : 'PAST_REF'
    const start = w.startsWith('in the') ? m.index + 3 : m.index
    return { type: 'DATE', value, start }
  },
  'gdi',
)

// every week, each year, daily, twice a month, annually
rule(
  'set',
  `${B}(?:(every|each|per|a)\\s+(other\\s+)?(?:(${NUMBER_PATTERN})\\s+)?(second|minute|hour|day|night|week|month|year|decade|morning|evening|weekend|${WEEKDAY_PATTERN})s?|(hourly|nightly|daily|weekly|fortnightly|monthly|quarterly|annually|yearly|biannually|biennially))${E}`,
  (m, ctx) => {
    if (m[5]) {
      const word = m[5].toLowerCase()
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 12)
      if (/^\s+(?:newspaper|paper|magazine|show|column|journal|publication|basis)\b/.test(after)) return undefined
      const value: Record<string, string> = {
        hourly: 'PT1H', nightly: 'P1D', daily: 'P1D', weekly: 'P1W', fortnightly: 'P2W', monthly: 'P1M',
        quarterly: 'P3M', annually: 'P1Y', yearly: 'P1Y', biannually: 'P6M', biennially: 'P2Y',
      }
      return { type: 'SET', value: value[word] ?? 'P1Y' }
    }
    const quantifier = m[1].toLowerCase()
    const unit = m[4].toLowerCase()
    if (quantifier === 'a' || quantifier === 'per') {
      const before = ctx.text.slice(Math.max(0, m.index - 20), m.index)
      if (!/(once|twice|times|\d)\s*$/i.test(before)) return undefined
    }
    const weekday = WEEKDAYS[unit]
    if (weekday !== undefined) return { type: 'SET', value: `XXXX-WXX-${weekday + 1}` }
    if (unit === 'weekend') return { type: 'SET', value: 'XXXX-WXX-WE' }
    if (unit === 'morning' || unit === 'evening') return { type: 'SET', value: `XXXX-XX-XXT${DAY_PARTS[unit]}` }
    const n = (m[3] ? numberValue(m[3]) : 1) ?? 1
    return { type: 'SET', value: durationValue(m[2] ? n * 2 : n, unit) ?? 'P1Y' }
  },
  'gdi',
)

// 2009-2010, 1957-58: two years
rule('year-range', `${B}${YEAR}\\s*[-–/]\\s*(\\d{4}|\\d{2})${E}`, (m) => {
  const first = +m[1]
  const second = m[2].length === 2 ? Math.floor(first / 100) * 100 + +m[2] : +m[2]
  if (second <= first || second - first > 50) return undefined
  const [s1, e1] = m.indices[1]
  const [s2, e2] = m.indices[2]
  return [
    { type: 'DATE', value: String(first), start: s1, end: e1 },
    { type: 'DATE', value: String(second), start: s2, end: e2, rangeFrom: s1 },
  ]
})

// '82, the 70s and 80s
rule('short-year', `(?<![\\w$£€'’-])['’](\\d{2})(?![\\w%-]|[.,]\\d|['’]?s\\b)`, (m, ctx) => {
  const before = ctx.text.slice(Math.max(0, m.index - 12), m.index)
  if (!/\b(since|in|of|from|until|by|class|summer|spring|winter|fall|autumn|early|late|mid)\s*$/i.test(before)) return undefined
  const yy = +m[1]
  return { type: 'DATE', value: String(yy + (yy <= ctx.ref.year % 100 ? Math.floor(ctx.ref.year / 100) * 100 : Math.floor(ctx.ref.year / 100) * 100 - 100)) }
})
rule('short-decade', `(?<=\\b(?:the|of|and|in|early|late|mid-?)\\s+)([1-9])0s\\b`, (m) => ({ type: 'DATE', value: `19${m[1]}` }))

// 0800 UTC: four-figure times need their zone to be told from numbers
rule('military-time', `${B}([01]\\d|2[0-3])([0-5]\\d)\\s*(GMT|UTC|Zulu|hours|hrs)\\b`, (m, ctx) => {
  const zone = /^(GMT|UTC|Zulu)$/i.test(m[3]) ? 'Z' : ''
  return { type: 'TIME', value: `${formatDay(ctx.ref)}T${m[1]}:${m[2]}${zone}` }
})

// the same day, end the day, late in the day: the day the piece reports on
rule(
  'the-day',
  `${B}(?:the same day|(?<=\\b(?:end|ended|ending|finish|finished|close|closed|closing|for|start of|end of|late in|earlier in|later in|during)\\s+)the day)${E}`,
  (m, ctx) => ({ type: 'DATE', value: formatDay(ctx.ref), anaphor: 'that-day' }),
  'gdi',
)

// the same period last year, the same month a year ago: a year before the period just named
rule(
  'same-period',
  `${B}the same (?:period|month|quarter|time|week)(?: of)? (?:last year|the (?:previous|last|prior) year|a year (?:earlier|ago|before))${E}`,
  (m, ctx) => ({ type: 'DATE', value: formatMonth(ctx.ref.year - 1, ctx.ref.month), anaphor: 'year-before' }),
  'gdi',
)

// 60 and 90 days: the first figure shares the unit
rule('duration-range', `${B}(\\d+)\\s+(?:and|to|or|-|–)\\s+\\d+\\s+(${UNIT_PATTERN})s?${E}`, (m) => {
  const value = durationValue(+m[1], m[2])
  const [s1, e1] = m.indices[1]
  return value ? { type: 'DURATION', value, start: s1, end: e1 } : undefined
}, 'gdi')

// minutes before, days later, in just hours, over the years
rule(
  'vague-relative',
  `${B}(?:(?:just|only|mere|within|over the|in just|in only|for)\\s+)?(seconds|minutes|hours|days|weeks|months|years|decades)(?=\\s+(?:before|after|later|earlier)\\b)|(?<=\\b(?:just|only|mere|over the)\\s+)(seconds|minutes|hours|days|weeks|months|years|decades)${E}`,
  (m) => {
    const unit = m[1] ?? m[2]
    const start = m.indices[1] ? m.indices[1][0] : m.index
    return { type: 'DURATION', value: durationValue(undefined, unit)!, start, end: start + unit.length }
  },
  'gdi',
)

// Christmas, New Year's Day and other fixed holidays, in the year of the reference
const HOLIDAYS: Record<string, [number, number]> = {
  "new year's day": [1, 1], "new year's eve": [12, 31], 'christmas day': [12, 25], 'christmas eve': [12, 24],
  christmas: [12, 25], 'independence day': [7, 4], 'bastille day': [7, 14], 'valentine\'s day': [2, 14],
  'halloween': [10, 31], 'boxing day': [12, 26], 'may day': [5, 1], 'armistice day': [11, 11],
}
rule('holiday', `${B}(New Year's Day|New Year's Eve|Christmas Day|Christmas Eve|Christmas|Independence Day|Bastille Day|Valentine's Day|Halloween|Boxing Day|May Day|Armistice Day)${E}`, (m, ctx) => {
  const holiday = HOLIDAYS[m[1].toLowerCase().replace(/’/g, "'")]
  if (!holiday) return undefined
  const [month, d] = holiday
  return day(nearestYear(ctx.ref, month, d), month, d)
})

/** All temporal expressions in text, resolved against dct (YYYY-MM-DD, or coarser). */
export function findTimexes(text: string, dct?: string): Timex[] {
  const ref = parseReference(dct) ?? todayUtc()
  const ctx: Context = { text, ref, sentences: sentenceSpans(text) }
  const found: Timex[] = []
  for (const { pattern, resolve } of rules) {
    pattern.lastIndex = 0
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const results = resolve(m as unknown as Match, ctx)
      for (const r of Array.isArray(results) ? results : results ? [results] : []) {
        const start = r.start ?? m.index
        const end = r.end ?? m.index + m[0].length
        if (end > start) found.push({ ...r, start, end })
      }
      if (m[0].length === 0) pattern.lastIndex++
    }
  }
  return resolveAnaphors(longestFirst(found))
}

/** Gives "the day" the last day mentioned before it, "the same period last year" a year before the last month. */
function resolveAnaphors(timexes: (Timex & { anaphor?: Anaphor })[]): Timex[] {
  let lastDay: string | undefined
  let lastMonth: string | undefined
  return timexes.map(({ anaphor, ...t }) => {
    if (anaphor === 'that-day' && lastDay) t.value = lastDay
    else if (anaphor === 'year-before' && lastMonth) {
      t.value = formatMonth(Number(lastMonth.slice(0, 4)) - 1, Number(lastMonth.slice(5, 7)))
    } else if (!anaphor && (t.type === 'DATE' || t.type === 'TIME')) {
      const day = /^\d{4}-\d{2}-\d{2}/.exec(t.value)?.[0]
      const month = /^\d{4}-\d{2}(?=$|-\d)/.exec(t.value)?.[0]
      if (day) lastDay = day
      if (month) lastMonth = month
    }
    return t
  })
}

/** Keeps the longest of overlapping expressions (then the earliest), in text order. */
function longestFirst(found: Timex[]): Timex[] {
  const ranked = [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: Timex[] = []
  for (const t of ranked) {
    if (kept.some((k) => k.start < t.end && t.start < k.end)) continue
    kept.push(t)
  }
  return kept.sort((a, b) => a.start - b.start)
}

function day(year: number, month: number, d: number): Found | undefined {
  if (month < 1 || month > 12 || d < 1 || d > 31) return undefined
  return { type: 'DATE', value: formatDay({ year, month, day: d }) }
}

function monthOf(word: string): number | undefined {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')]
}

function capitalised(word: string): boolean {
  return /^[A-Z]/.test(word)
}

/** The year that puts month/day closest to the reference: "December 11" in January is last December. */
function nearestYear(ref: Day, month: number, d: number): number {
  const refValue = ref.year * 372 + (ref.month - 1) * 31 + ref.day
  let best = ref.year
  for (const year of [ref.year - 1, ref.year + 1]) {
    const dist = Math.abs(year * 372 + (month - 1) * 31 + d - refValue)
    if (dist < Math.abs(best * 372 + (month - 1) * 31 + d - refValue)) best = year
  }
  return best
}

function relativeValue(ref: Day, unitWord: string, step: number): string {
  const unit = unitWord.toLowerCase().replace(/s$/, '')
  switch (unit) {
    case 'day': case 'night': return formatDay(addDays(ref, step))
    case 'week': return formatWeek(ref, step)
    case 'weekend': return `${formatWeek(ref, step)}-WE`
    case 'fortnight': return formatWeek(ref, 2 * step)
    case 'month': return formatMonth(ref.year, ref.month + step)
    case 'quarter': {
      const q = ref.year * 4 + Math.floor((ref.month - 1) / 3) + step
      return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`
    }
    case 'decade': return String(Math.floor(ref.year / 10) + step)
    case 'century': return String(Math.floor(ref.year / 100) + step).padStart(2, '0')
    default: return String(ref.year + step)
  }
}

const FUTURE_WORDS = new Set([
  'will', "'ll", 'shall', 'should', 'must', 'might', 'going', 'scheduled', 'due', 'expected', 'expects',
  'plan', 'plans', 'intend', 'intends', 'aims', 'until', 'till', 'through', 'upcoming', 'coming', 'next',
  'set', 'wants', 'hopes', 'won\'t', 'tomorrow',
])
const PAST_WORDS = new Set(['said', 'says', 'announced', 'reported', 'told', 'was', 'were', 'had', 'did', 'ago', 'last', 'yesterday', 'since', 'began', 'took', 'made', 'rose', 'fell', 'won', 'lost', 'met', 'gave', 'came', 'went', 'saw'])
const PASSIVE_AUX = new Set(['be', 'been', 'being'])

/**
 * The tense around offset, read from the nearest tense-bearing word before it in
 * the same sentence ("will meet on Friday", "said Friday"); undefined if none.
 */
function tenseAt(ctx: Context, offset: number): 'future' | 'past' | undefined {
  const sentence = spanAt(ctx.sentences, offset)
  const from = sentence ? sentence.start : Math.max(0, offset - 120)
  const words = ctx.text.slice(from, offset).toLowerCase().match(/[a-z']+/g) ?? []
  for (let i = words.length - 1, seen = 0; i >= 0 && seen < 12; i--, seen++) {
    const w = words[i] ?? ''
    if (FUTURE_WORDS.has(w) || w.endsWith("'ll")) return 'future'
    if (PAST_WORDS.has(w)) return 'past'
    if (/^[a-z]{3,}ed$/.test(w) && !PASSIVE_AUX.has(words[i - 1] ?? '') && !(words[i - 1] === 'to' && words[i - 2] === 'be')) return 'past'
  }
  return undefined
}

function isFuture(ctx: Context, offset: number): boolean {
  return tenseAt(ctx, offset) === 'future'
}

function todayUtc(): Day {
  const now = new Date()
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() }
}

