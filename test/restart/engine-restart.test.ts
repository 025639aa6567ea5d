/**
 * Restarts the private test engine, so it runs alone, after every other test (test/run-all.sh).
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine } from '../../electron/services/engine/engine'
import { directHostReader } from '../../electron/services/host-select'
import { TopologyService } from '../../electron/services/topology/topology'
import type { TopologyChange } from '../../electron/shared/types'
import { execFileAsync, testEngine, type TestEngine } from '../support/engine'

const ROOT = join(__dirname, '../..')
let t: TestEngine

beforeAll(() => {
  t = testEngine('restart')
})
afterAll(async () => {
  await t.cleanup()
})

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const start = Date.now()
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the condition')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('after the engine restarts', () => {
  it('the event stream resumes and the snapshot is right again', async () => {
    const engine = await connectEngine({ host: t.host })
    const changes: TopologyChange[] = []
    const connection: boolean[] = []
    const service = new TopologyService(engine, directHostReader(), {
      onChange: (c) => changes.push(c),
      onConnection: (connected) => connection.push(connected),
    })
    const running = await t.container(`${t.runId}-survivor`)
    const before = await service.snapshot()
    expect(before.containers.find((c) => c.id === running.id)?.state).toBe('running')
    service.start()
    try {
      await waitFor(() => connection.includes(true), 10_000)
      await execFileAsync('bash', [join(ROOT, 'test/engine/down.sh'), '--engine-only'], { timeout: 60_000 })
      await waitFor(() => connection.includes(false), 10_000)
      await execFileAsync('bash', [join(ROOT, 'test/engine/up.sh')], { timeout: 300_000, env: { ...process.env, DOCKER_HOST: '' } })
      await waitFor(() => connection.lastIndexOf(true) > connection.indexOf(false), 30_000)
      await waitFor(() => changes.some((c) => c.causes.includes('reconnected')), 30_000)

      // A change made after the restart arrives through the resumed stream.
      const net = await t.network(`${t.runId}-after`)
      await waitFor(() => changes.some((c) => c.causes.includes('network:create')), 15_000)
      const after = await service.snapshot()
      expect(after.networks.some((n) => n.id === net.id)).toBe(true)
      // The container stopped with the engine; the snapshot agrees with the engine.
      const truth = JSON.parse(await t.cli(['inspect', running.id]))[0]
      expect(after.containers.find((c) => c.id === running.id)?.state).toBe(truth.State.Status)
      expect(truth.State.Status).not.toBe('running')
    } finally {
      service.stop()
    }
  })
})
