import { describe, expect, it, vi } from 'vitest'
import { CountersPoller, ratesBetween } from '../../../electron/services/topology/counters'

const c = (name: string, rxBytes: number, txBytes: number, rxPackets = 0, txPackets = 0) => ({
  name,
  rx: { packets: rxPackets, bytes: rxBytes, errors: 0, dropped: 0, overruns: 0, frame: 0 },
  tx: { packets: txPackets, bytes: txBytes, errors: 0, dropped: 0, overruns: 0, carrier: 0, collisions: 0 },
})

describe('counter rates', () => {
  it('divides the growth of each counter by the seconds between two readings', () => {
    const sample = ratesBetween({ takenAt: 1000, counters: [c('eth0', 1000, 500, 10, 5)] }, { takenAt: 3000, counters: [c('eth0', 5000, 1500, 30, 9)] })
    expect(sample.interfaces[0]).toMatchObject({ name: 'eth0', rxBytesPerSec: 2000, txBytesPerSec: 500, rxPacketsPerSec: 10, txPacketsPerSec: 2 })
  })

  it('gives 0 for a first reading, a new interface and a counter that went backwards', () => {
    expect(ratesBetween(null, { takenAt: 1, counters: [c('lo', 10, 10)] }).interfaces[0].rxBytesPerSec).toBe(0)
    const sample = ratesBetween({ takenAt: 0, counters: [c('veth1', 900, 0)] }, { takenAt: 1000, counters: [c('veth1', 100, 0), c('veth2', 50, 0)] })
    expect(sample.interfaces.map((i) => i.rxBytesPerSec)).toEqual([0, 0])
  })
})

describe('the counters poller', () => {
  it('reads only while some view watches, once per interval, and stops when the last one leaves', async () => {
    vi.useFakeTimers()
    try {
      let reads = 0
      let bytes = 0
      const samples: number[] = []
      const poller = new CountersPoller(
        async () => {
          reads++
          bytes += 1000
          return [c('eth0', bytes, 0)]
        },
        (s) => samples.push(s.interfaces[0].rxBytesPerSec),
        1000,
        () => reads * 1000,
      )
      await vi.advanceTimersByTimeAsync(5000)
      expect(reads).toBe(0)
      poller.watch('a', true)
      poller.watch('b', true)
      await vi.advanceTimersByTimeAsync(3000)
      expect(reads).toBe(4)
      expect(samples.slice(1)).toEqual([1000, 1000, 1000])
      poller.watch('a', false)
      await vi.advanceTimersByTimeAsync(1000)
      expect(reads).toBe(5)
      poller.watch('b', false)
      expect(poller.active).toBe(false)
      await vi.advanceTimersByTimeAsync(5000)
      expect(reads).toBe(5)
    } finally {
      vi.useRealTimers()
    }
  })
})
