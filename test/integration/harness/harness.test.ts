import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startHarness, type Harness } from '../../../electron/harness/server'
import { testDockerHost } from '../../support/engine'

let harness: Harness

beforeAll(async () => {
  harness = await startHarness({
    rendererDir: join(__dirname, '../../../out/renderer'),
    exportDir: join(__dirname, '../../../test-results/exports'),
    connect: { host: testDockerHost() },
  })
})
afterAll(async () => {
  await harness.close()
})

function call(options: { token: string; origin: string }, channel: string, args: unknown[] = []): Promise<any> {
  return new Promise((resolve, reject) => {
    const url = `${harness.origin.replace('http', 'ws')}/__bridgeview/rpc?token=${options.token}`
    const ws = new WebSocket(url, { headers: { Origin: options.origin } })
    ws.on('open', () => ws.send(JSON.stringify({ id: 7, channel, args })))
    ws.on('message', (data) => {
      resolve(JSON.parse(String(data)))
      ws.close()
    })
    ws.on('error', reject)
  })
}

describe('the harness', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(harness.url).hostname).toBe('127.0.0.1')
  })

  it('answers its own page with the token over the same contract', async () => {
    const reply = await call({ token: harness.token, origin: harness.origin }, 'engine:info')
    expect(reply.id).toBe(7)
    expect(reply.envelope.ok).toBe(true)
    expect(reply.envelope.value.apiVersion).toMatch(/^\d+\.\d+$/)
  })

  it('refuses a caller without the token or from another origin', async () => {
    const wrongToken = await call({ token: 'guess', origin: harness.origin }, 'engine:info')
    expect(wrongToken.envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    const otherOrigin = await call({ token: harness.token, origin: 'http://evil.localhost' }, 'engine:info')
    expect(otherOrigin.envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  })

  it('validates arguments like main does', async () => {
    const reply = await call({ token: harness.token, origin: harness.origin }, 'networks:inspect', ['../../etc/passwd'])
    expect(reply.envelope).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('serves the app with a CSP that allows nothing but itself', async () => {
    const response = await fetch(harness.url)
    const csp = response.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe')
    expect(await response.text()).toContain('/__bridgeview/client.js')
    expect((await fetch(`${harness.origin}/..%2f..%2fpackage.json`)).status).toBeGreaterThanOrEqual(403)
  })
})
