import { describe, expect, it } from 'vitest'
import { ratesBetween } from '../../../electron/services/topology/counters'

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
