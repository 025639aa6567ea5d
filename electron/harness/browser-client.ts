/**
 * The browser side of the harness: `window.bridgeview` built from the same contract as the
 * preload, over a WebSocket instead of Electron IPC. The renderer cannot tell them apart.
 */
import type { Envelope } from '../shared/errors'
import type { EventChannel } from '../shared/contract'
import { createApi } from '../shared/rpc'

interface Reply {
  id: number
  envelope: Envelope<unknown>
}
interface Push {
  event: EventChannel
  payload: unknown
}

function connect(): void {
  const token = new URLSearchParams(location.search).get('token') ?? ''
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__bridgeview/rpc?token=${encodeURIComponent(token)}`
  let socket: WebSocket
  let open: Promise<void>
  const waiting = new Map<number, (envelope: Envelope<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let nextId = 1
  let retry = 250

  const lost = (message: string): void => {
    for (const resolve of waiting.values()) resolve({ ok: false, error: { code: 'ENGINE_UNREACHABLE', message } })
    waiting.clear()
  }

  const start = (): void => {
    socket = new WebSocket(url)
    open = new Promise((resolve, reject) => {
      socket.addEventListener('open', () => {
        retry = 250
        resolve()
      })
      socket.addEventListener('error', () => reject(new Error('harness socket failed')))
    })
    open.catch(() => undefined)
    socket.addEventListener('message', (message) => {
      const data = JSON.parse(String(message.data)) as Reply | Push
      if ('id' in data) {
        waiting.get(data.id)?.(data.envelope)
        waiting.delete(data.id)
      } else {
        for (const listener of listeners.get(data.event) ?? []) listener(data.payload)
      }
    })
    socket.addEventListener('close', () => {
      lost('The Bridgeview harness closed the connection')
      setTimeout(start, retry)
      retry = Math.min(retry * 2, 5000)
    })
  }
  start()

  const api = createApi({
    async invoke(channel, args) {
      try {
        await open
      } catch {
        return { ok: false, error: { code: 'ENGINE_UNREACHABLE', message: `Cannot reach the Bridgeview harness at ${location.host}` } }
      }
      const id = nextId++
      return new Promise<Envelope<unknown>>((resolve) => {
        waiting.set(id, resolve)
        socket.send(JSON.stringify({ id, channel, args }))
      })
    },
    subscribe(channel, listener) {
      let set = listeners.get(channel)
      if (!set) listeners.set(channel, (set = new Set()))
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    },
  })
  Object.defineProperty(window, 'bridgeview', { value: Object.freeze(api), writable: false, configurable: false })
}

connect()
