import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { firstFeedDate, parseFeedDate } from './feed-date.js'

describe('feed dates', () => {
  it('keeps the day an RFC 822 date states, whatever its zone', () => {
    // 23:30 in New York is the 19th in UTC; 00:30 in Tokyo is the 2nd in UTC.
    assert.equal(parseFeedDate('Wed, 18 Jan 2023 23:30:00 -0500'), '2023-01-18')
    assert.equal(parseFeedDate('Tue, 3 Jan 2023 00:30:00 +0900'), '2023-01-03')
    assert.equal(parseFeedDate('18 Jan 2023 12:00 GMT'), '2023-01-18')
    assert.equal(parseFeedDate('Mon, 05 Dec 22 14:00:00 EST'), '2022-12-05')
    assert.equal(parseFeedDate('Fri, 31 Dec 99 23:59:59 PST'), '1999-12-31')
    assert.equal(parseFeedDate('Sunday, 5 September 2021 09:00:00 +0200'), '2021-09-05')
    assert.equal(parseFeedDate('Thu, 1 Sept 2022 10:00:00 +0000'), '2022-09-01')
  })

  it('keeps the day an ISO 8601 / RFC 3339 date states', () => {
    assert.equal(parseFeedDate('2023-01-31T00:15:00+01:00'), '2023-01-31')
    assert.equal(parseFeedDate('2023-03-01T23:59:00-06:00'), '2023-03-01')
    assert.equal(parseFeedDate('2023-03-01T23:59:00.123Z'), '2023-03-01')
    assert.equal(parseFeedDate('2023-03-01 08:00:00 +0000'), '2023-03-01')
  })

  it('keeps the precision the feed gives', () => {
    assert.equal(parseFeedDate('2023-02'), '2023-02')
    assert.equal(parseFeedDate('2023'), '2023')
    assert.equal(parseFeedDate('January 18, 2023'), '2023-01-18')
    assert.equal(parseFeedDate('Jan. 18, 2023'), '2023-01-18')
    assert.equal(parseFeedDate('Wed Jan 18 2023 23:30:00 GMT-0500'), '2023-01-18')
    assert.equal(parseFeedDate('March 2024'), '2024-03')
  })

  it('refuses dates that do not exist or cannot be read', () => {
    for (const bad of ['Thu, 30 Feb 2023 10:00:00 GMT', '2023-02-29T10:00:00Z', '2023-13-01', 'garbage', 'yesterday', '', '   ']) {
      assert.equal(parseFeedDate(bad), undefined, bad)
    }
    assert.equal(parseFeedDate(undefined), undefined)
  })

  it('takes the first readable of several fields', () => {
    assert.equal(firstFeedDate(undefined, 'not a date', '2023-05-06T10:00:00Z'), '2023-05-06')
    assert.equal(firstFeedDate(undefined, undefined), undefined)
  })
})
