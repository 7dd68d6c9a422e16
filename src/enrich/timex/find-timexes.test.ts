import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findTimexes } from './find-timexes.js'
import { valueRange } from './value-range.js'

/** [expression as written, type, value] for each expression found. */
function found(text: string, dct: string) {
  return findTimexes(text, dct).map((t) => [text.slice(t.start, t.end), t.type, t.value])
}

// A Wednesday: 2023-01-18.
const DCT = '2023-01-18'

describe('findTimexes: dates resolved against the publication date', () => {
  it('reads this / last / next with a month at month precision', () => {
    assert.deepEqual(found('The ministers meet again this May.', DCT), [['this May', 'DATE', '2023-05']])
    assert.deepEqual(found('Last December, the cabinet adopted a new strategy.', DCT), [['Last December', 'DATE', '2022-12']])
    assert.deepEqual(found('Talks resume next March.', DCT), [['next March', 'DATE', '2023-03']])
    assert.deepEqual(found('Talks resume next January.', DCT), [['next January', 'DATE', '2024-01']])
  })

  it('places a bare month by the tense around it, else the nearest one', () => {
    assert.deepEqual(found('The envoy will travel to Seoul in June.', DCT), [['June', 'DATE', '2023-06']])
    assert.deepEqual(found('The envoy travelled to Seoul in November.', DCT), [['November', 'DATE', '2022-11']])
  })

  it('splits a day range into its two days, the second linked to the first', () => {
    const text = 'From January 9 to 13, the prime minister visited five capitals.'
    const t = findTimexes(text, DCT)
    assert.deepEqual(t.map((x) => [text.slice(x.start, x.end), x.value]), [['January 9', '2023-01-09'], ['13', '2023-01-13']])
    assert.equal(t[1]!.rangeFrom, t[0]!.start)
  })

  it('reads years with and without prepositions, but not counts or amounts', () => {
    assert.deepEqual(found('Spending doubles by 2027 and peaks in 2030.', DCT), [['2027', 'DATE', '2027'], ['2030', 'DATE', '2030']])
    assert.deepEqual(found('About 2000 troops and $2,025 in aid arrived.', DCT), [])
    assert.deepEqual(found('The 2009-2010 season and the 1957-58 expedition.', DCT).map((x) => x[2]), ['2009', '2010', '1957', '1958'])
  })

  it('resolves weekdays to the past in news prose, to the future when the sentence says so', () => {
    assert.deepEqual(found('The minister said on Monday that talks had stalled.', DCT), [['Monday', 'DATE', '2023-01-16']])
    assert.deepEqual(found('The minister will speak on Friday.', DCT), [['Friday', 'DATE', '2023-01-20']])
    assert.deepEqual(found('The vote was held Wednesday.', DCT), [['Wednesday', 'DATE', '2023-01-18']])
  })

  it('resolves relative days, weeks, months and years', () => {
    assert.deepEqual(found('Yesterday the court ruled; today it adjourned; tomorrow it reconvenes.', DCT).map((x) => x[2]), ['2023-01-17', '2023-01-18', '2023-01-19'])
    assert.deepEqual(found('Prices rose last month and this year, less than last year.', DCT).map((x) => x[2]), ['2022-12', '2023', '2022'])
    assert.deepEqual(found('Exports fell this week.', DCT), [['this week', 'DATE', '2023-W03']])
    assert.deepEqual(found('The accord was signed three years ago.', DCT), [['three years ago', 'DATE', '2020']])
  })

  it('reads quarters, halves, seasons, decades and centuries', () => {
    assert.deepEqual(found('Growth slowed in the third quarter of 2022 and the first half of 2021.', DCT).map((x) => x[2]), ['2022-Q3', '2021-H1'])
    assert.deepEqual(found('The fourth quarter was weak.', DCT).map((x) => x[2]), ['2022-Q4'])
    assert.deepEqual(found('A summit is planned for this spring, after last winter.', DCT).map((x) => x[2]), ['2023-SP', '2022-WI'])
    assert.deepEqual(found('In the 1990s, as in the 19th century, trade grew.', DCT).map((x) => x[2]), ['199', '18'])
  })

  it('recognises durations and sets as such, not as dates', () => {
    assert.deepEqual(found('The talks lasted three days after a two-week pause.', DCT), [['three days', 'DURATION', 'P3D'], ['two-week', 'DURATION', 'P2W']])
    assert.deepEqual(found('The mandate runs for a decade and the panel meets every month.', DCT), [['a decade', 'DURATION', 'P10Y'], ['every month', 'SET', 'P1M']])
    assert.deepEqual(found('Reports are published annually.', DCT), [['annually', 'SET', 'P1Y']])
  })

  it('reads clock times, with the zone when it is UTC', () => {
    assert.deepEqual(found('The markets closed at 16:15 UTC.', DCT), [['16:15 UTC', 'TIME', '2023-01-18T16:15Z']])
    assert.deepEqual(found('Polls open at 7 a.m.', DCT), [['7 a.m.', 'TIME', '2023-01-18T07:00']])
  })

  it('marks vague references as PRESENT_REF, PAST_REF and FUTURE_REF', () => {
    assert.deepEqual(found('The situation is currently tense, as it was in the past, and may ease in the future.', DCT).map((x) => x[2]), ['PRESENT_REF', 'PAST_REF', 'FUTURE_REF'])
  })

  it('gives "the same day" the day last mentioned', () => {
    assert.deepEqual(found('On Monday the index fell, and it recovered later the same day.', DCT).map((x) => x[2]), ['2023-01-16', '2023-01-16'])
  })

  it('leaves the verb "may" and the name May alone', () => {
    assert.deepEqual(found('Prices may fall, Theresa May said.', DCT), [])
  })
})

describe('valueRange: the days a value covers', () => {
  it('covers months, quarters, seasons, weeks, decades', () => {
    assert.deepEqual(valueRange('2023-05'), { start: '2023-05-01', end: '2023-05-31', precision: 'month' })
    assert.deepEqual(valueRange('2024-02'), { start: '2024-02-01', end: '2024-02-29', precision: 'month' })
    assert.deepEqual(valueRange('2023-Q2'), { start: '2023-04-01', end: '2023-06-30', precision: 'quarter' })
    assert.deepEqual(valueRange('2022-WI'), { start: '2022-12-01', end: '2023-02-28', precision: 'season' })
    assert.deepEqual(valueRange('2023-W03'), { start: '2023-01-16', end: '2023-01-22', precision: 'week' })
    assert.deepEqual(valueRange('199'), { start: '1990-01-01', end: '1999-12-31', precision: 'decade' })
    assert.deepEqual(valueRange('2023-01-18T16:15Z'), { start: '2023-01-18', end: '2023-01-18', precision: 'day' })
    assert.equal(valueRange('PRESENT_REF'), undefined)
    assert.equal(valueRange('P3D'), undefined)
  })
})
