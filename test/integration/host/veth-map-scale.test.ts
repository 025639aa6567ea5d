import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readHostInterfaces } from '../../../electron/services/host/interfaces'
import { probeNamespaces, readVethMap, resolveVethMap, type RunningContainerRef } from '../../../electron/services/host/veth-map'
import { testEngine, type TestEngine } from '../../support/engine'

const COUNT = 100
let t: TestEngine
const refs: RunningContainerRef[] = []

beforeAll(async () => {
  t = testEngine('host-scale')
  const network = await t.network(`${t.runId}-net`)
  const info = await network.inspect()
  for (let n = 0; n < COUNT; n += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, COUNT - n) }, (_, k) =>
        t.container(`${t.runId}-c${n + k}`, { HostConfig: { NetworkMode: info.Name } }),
      ),
    )
    for (const c of batch) {
      const i = await c.inspect()
      refs.push({ id: i.Id, pid: i.State.Pid, networkModeRaw: String(i.HostConfig.NetworkMode) })
    }
  }
}, 600_000)
afterAll(async () => {
  await t?.cleanup()
}, 600_000)

describe.runIf(process.platform === 'linux')('the veth map at scale', () => {
  it(`maps ${COUNT} containers in well under 50 ms, reading files only`, async () => {
    const ifaces = await readHostInterfaces()
    await readVethMap(refs, ifaces) // warm up
    const times: number[] = []
    let mapped = 0
    for (let run = 0; run < 7; run++) {
      const started = performance.now()
      const map = await readVethMap(refs, ifaces)
      times.push(performance.now() - started)
      mapped = refs.filter((r) => [...map.owners.values()].some((e) => e.containerId === r.id && e.proof === 'iflink')).length
    }
    times.sort((a, b) => a - b)
    const median = times[Math.floor(times.length / 2)]
    console.info(`veth map for ${COUNT} containers: median ${median.toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`)
    expect(mapped).toBe(COUNT)
    expect(median).toBeLessThan(50)
  })

  it('spends most of that time reading procfs, the resolution itself is negligible', async () => {
    const ifaces = await readHostInterfaces()
    const probes = await probeNamespaces(refs.map((r) => r.pid))
    const times: number[] = []
    for (let run = 0; run < 7; run++) {
      const started = performance.now()
      resolveVethMap({ containers: refs, probes, hostNetnsInodes: [], interfaces: ifaces })
      times.push(performance.now() - started)
    }
    expect(times.sort((a, b) => a - b)[3]).toBeLessThan(5)
  })
})
