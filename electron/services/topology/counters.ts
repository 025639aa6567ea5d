/**
 * Polls interface counters once a second, only while at least one view shows them, and
 * turns two readings into rates. Rates are computed here so every view agrees.
 */
import type { CountersSample, InterfaceRate } from '../../shared/types'
import type { InterfaceCounters } from './host-reader'

export interface CounterReading {
  takenAt: number
  counters: InterfaceCounters[]
}

/** Rates between two readings; an interface new in `current` gets rate 0, a counter that went backwards (reset) too. */
export function ratesBetween(previous: CounterReading | null, current: CounterReading): CountersSample {
  const before = new Map(previous?.counters.map((c) => [c.name, c]) ?? [])
  const seconds = previous ? Math.max((current.takenAt - previous.takenAt) / 1000, 0.001) : 0
  const rate = (now: number, then: number | undefined): number =>
    seconds === 0 || then === undefined || now < then ? 0 : (now - then) / seconds
  const interfaces: InterfaceRate[] = current.counters.map((c) => {
    const p = before.get(c.name)
    return {
      name: c.name,
      rx: c.rx,
      tx: c.tx,
      rxBytesPerSec: rate(c.rx.bytes, p?.rx.bytes),
      txBytesPerSec: rate(c.tx.bytes, p?.tx.bytes),
      rxPacketsPerSec: rate(c.rx.packets, p?.rx.packets),
      txPacketsPerSec: rate(c.tx.packets, p?.tx.packets),
    }
  })
  return { takenAt: current.takenAt, interfaces }
}

export class CountersPoller {
  private watchers = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private previous: CounterReading | null = null
  private busy = false

  constructor(
    private readonly read: () => Promise<InterfaceCounters[]>,
    private readonly emit: (sample: CountersSample) => void,
    private readonly intervalMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A view (identified by `watcher`) starts or stops showing counters. */
  watch(watcher: string, watching: boolean): void {
    if (watching) this.watchers.add(watcher)
    else this.watchers.delete(watcher)
    if (this.watchers.size > 0 && !this.timer) {
      void this.tick()
      this.timer = setInterval(() => void this.tick(), this.intervalMs)
    } else if (this.watchers.size === 0 && this.timer) {
      clearInterval(this.timer)
      this.timer = undefined
      this.previous = null
    }
  }

  get active(): boolean {
    return this.timer !== undefined
  }

  private async tick(): Promise<void> {
    if (this.busy) return
    this.busy = true
    try {
      const counters = await this.read()
      const reading = { takenAt: this.now(), counters }
      const sample = ratesBetween(this.previous, reading)
      this.previous = reading
      this.emit(sample)
    } catch {
      // A failed reading is skipped; the next tick tries again.
    } finally {
      this.busy = false
    }
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
    this.watchers.clear()
  }
}
