import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatApPartialDate, formatIsoPartialDate, parsePartialDate } from './partial-date.js'

describe('partial dates', () => {
  it('reads the forms pages use, at their own precision', () => {
    assert.deepEqual(parsePartialDate('Jan. 18, 2023'), { year: 2023, month: 1, day: 18 })
    assert.deepEqual(parsePartialDate('Sept. 5, 2021'), { year: 2021, month: 9, day: 5 })
    assert.deepEqual(parsePartialDate('18 January 2023'), { year: 2023, month: 1, day: 18 })
    assert.deepEqual(parsePartialDate('March 2024'), { year: 2024, month: 3 })
    assert.deepEqual(parsePartialDate('2022'), { year: 2022 })
    assert.deepEqual(parsePartialDate('2022-06'), { year: 2022, month: 6 })
    assert.deepEqual(parsePartialDate('2024-02-29'), { year: 2024, month: 2, day: 29 })
  })

  it('refuses what is not a real date', () => {
    for (const bad of ['Jan. 32, 2023', '2023-02-29', '2023-13', 'yesterday', 'Ja 3, 2023', '23', '']) {
      assert.equal(parsePartialDate(bad), undefined, bad)
    }
  })

  it('prints AP style on pages and ISO prefixes for data', () => {
    assert.equal(formatApPartialDate({ year: 2023, month: 1, day: 18 }), 'Jan. 18, 2023')
    assert.equal(formatApPartialDate({ year: 2023, month: 9, day: 1 }), 'Sept. 1, 2023')
    assert.equal(formatApPartialDate({ year: 2023, month: 5, day: 2 }), 'May 2, 2023')
    assert.equal(formatApPartialDate({ year: 2023, month: 1 }), 'January 2023')
    assert.equal(formatApPartialDate({ year: 2023 }), '2023')
    assert.equal(formatIsoPartialDate({ year: 2023, month: 1, day: 8 }), '2023-01-08')
    assert.equal(formatIsoPartialDate({ year: 2023, month: 11 }), '2023-11')
  })

  it('round-trips every AP form through the parser', () => {
    for (let month = 1; month <= 12; month++) {
      const d = { year: 2020, month, day: 28 }
      assert.deepEqual(parsePartialDate(formatApPartialDate(d)), d)
      assert.deepEqual(parsePartialDate(formatApPartialDate({ year: 2020, month })), { year: 2020, month })
    }
  })
})
