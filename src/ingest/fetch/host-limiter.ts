interface HostQueue {
  active: number
  waiting: Array<() => void>
}

/**
 * A counting semaphore per host name, so that a feed with a hundred entries on one site is
 * fetched a few pages at a time however many fetches the caller starts. In-process only:
 * two Dossier processes each keep their own count.
 */
export class HostLimiter {
  readonly #hosts = new Map<string, HostQueue>()

  constructor(readonly perHost: number) {}

  /**
   * Waits for a free slot for `host` and returns the function that frees it (calling it twice
   * is harmless). An abort while waiting leaves the queue and rejects with the signal's reason.
   */
  async acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted()
    const key = host.toLowerCase()
    let queue = this.#hosts.get(key)
    if (!queue) this.#hosts.set(key, (queue = { active: 0, waiting: [] }))
    if (queue.active < this.perHost) {
      queue.active++
    } else {
      const q = queue
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          q.waiting.splice(q.waiting.indexOf(wake), 1)
          reject(signal!.reason)
        }
        const wake = () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        }
        q.waiting.push(wake)
        signal?.addEventListener('abort', onAbort, { once: true })
      })
    }
    let released = false
    return () => {
      if (released) return
      released = true
      this.#release(key)
    }
  }

  /** Requests holding or awaiting a slot for `host` (for tests and diagnostics). */
  pending(host: string): number {
    const queue = this.#hosts.get(host.toLowerCase())
    return queue ? queue.active + queue.waiting.length : 0
  }

  #release(key: string): void {
    const queue = this.#hosts.get(key)
    if (!queue) return
    // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
    const next = queue.waiting.shift()
    if (next) return next()
    queue.active--
    if (queue.active === 0) this.#hosts.delete(key)
  }
}
