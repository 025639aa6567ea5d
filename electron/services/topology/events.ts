/**
 * Follows the engine's event stream and reconnects with backoff when it drops; the caller
 * resynchronises fully after every reconnect, since events may have been missed.
 */
import type { Readable } from 'node:stream'
import type { EngineService } from '../engine/engine'

export interface EngineEvent {
  Type: string
  Action: string
  Actor: { ID: string; Attributes?: Record<string, string> }
  time?: number
  timeNano?: number
}

export interface EventHandlers {
  onEvent(event: EngineEvent): void
  /** Called when the stream is (re)established; `first` is false after a reconnect. */
  onConnected(first: boolean): void
  onDisconnected(error: unknown): void
}

export interface Backoff {
  initialMs: number
  maxMs: number
}

export const WATCHED_EVENTS = {
  container: ['create', 'start', 'die', 'destroy', 'rename', 'pause', 'unpause', 'update'],
  network: ['create', 'destroy', 'remove', 'connect', 'disconnect'],
}

/** Splits a byte stream of JSON objects (one per line, as the engine sends them) into events. */
export function jsonLines(onObject: (value: unknown) => void): (chunk: Buffer | string) => void {
  let buffer = ''
  return (chunk) => {
    buffer += chunk.toString()
    let newline = buffer.indexOf('\n')
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim()
      buffer = buffer.slice(newline + 1)
      if (line !== '') {
        try {
          onObject(JSON.parse(line))
        } catch {
          // A line that is not JSON is not an event; the engine never sends one on purpose.
        }
      }
      newline = buffer.indexOf('\n')
    }
  }
}

export function watchEngineEvents(engine: EngineService, handlers: EventHandlers, backoff: Backoff = { initialMs: 200, maxMs: 5_000 }): { stop(): void } {
  let stopped = false
  let stream: Readable | null = null
  let timer: NodeJS.Timeout | undefined
  let delay = backoff.initialMs
  let first = true

  const scheduleReconnect = (error: unknown): void => {
    if (stopped) return
    stream = null
    handlers.onDisconnected(error)
    timer = setTimeout(connect, delay)
    delay = Math.min(delay * 2, backoff.maxMs)
  }

  async function connect(): Promise<void> {
    if (stopped) return
    try {
      const s = (await engine.streamDocker.getEvents({
        filters: { type: ['container', 'network'], event: [...new Set([...WATCHED_EVENTS.container, ...WATCHED_EVENTS.network])] },
      })) as unknown as Readable
      if (stopped) {
        s.destroy()
        return
      }
      stream = s
      delay = backoff.initialMs
      let ended = false
      const end = (error: unknown): void => {
        if (ended) return
        ended = true
        scheduleReconnect(error)
      }
      s.on('data', jsonLines((value) => handlers.onEvent(value as EngineEvent)))
      s.on('error', end)
      s.on('end', () => end(new Error('event stream ended')))
      s.on('close', () => end(new Error('event stream closed')))
      const wasFirst = first
      first = false
      handlers.onConnected(wasFirst)
    } catch (error) {
      scheduleReconnect(error)
    }
  }

  void connect()
  return {
    stop() {
      stopped = true
      clearTimeout(timer)
      stream?.destroy()
    },
  }
}
