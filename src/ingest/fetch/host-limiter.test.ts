import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { HostLimiter } from './host-limiter.js'

describe('HostLimiter', () => {
  it('lets at most the limit run per host, in arrival order, hosts independently', async () => {
    const limiter = new HostLimiter(2)
    let running = 0
    let peak = 0
    const order: number[] = []
    const job = async (host: string, n: number) => {
      const release = await limiter.acquire(host)
      order.push(n)
      running++
      peak = Math.max(peak, running)
      await sleep(10)
      running--
      release()
    }
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => job('Example.org', n)))
    assert.equal(peak, 2)
    assert.deepEqual(order, [1, 2, 3, 4, 5, 6])
    assert.equal(limiter.pending('example.org'), 0)

    peak = 0
    await Promise.all([job('a.example', 1), job('a.example', 2), job('b.example', 3), job('b.example', 4)])
    assert.equal(peak, 4, 'two hosts, two each')
  })

  it('leaves the queue on abort, and a double release frees one slot only', async () => {
    const limiter = new HostLimiter(1)
    const first = await limiter.acquire('h')
    const controller = new AbortController()
    const waiting = limiter.acquire('h', controller.signal)
    const third = limiter.acquire('h')
    assert.equal(limiter.pending('h'), 3)
    controller.abort(new Error('gave up'))
    await assert.rejects(waiting, /gave up/)
    assert.equal(limiter.pending('h'), 2)
    first()
    first()
    const release = await third
    assert.equal(limiter.pending('h'), 1)
    release()
    assert.equal(limiter.pending('h'), 0)
  })
})
