/**
 * The one contract between the renderer and the desktop side. Main's handlers, the
 * preload, the test harness and the renderer's API type all derive from it.
 */
import * as v from 'valibot'
import type {
  CountersSample,
  EngineConnection,
  EngineInfo,
  ExportRequest,
  HostInterface,
  Network,
  SavedFile,
  Topology,
  TopologyChange,
} from './types'

export interface AppInfo {
  version: string
  platform: string
  /** "electron" in the desktop app, "harness" in the browser harness. */
  shell: 'electron' | 'harness'
}

export interface NetworkInspect {
  network: Network
  /** What `docker network inspect` prints for it, as the engine returned it. */
  raw: Record<string, unknown>
}

/** Invoke channels: renderer asks, main answers. */
export interface Invoke {
  'app:info': () => AppInfo
  'engine:info': () => EngineInfo
  'networks:list': () => Network[]
  'networks:inspect': (ref: string) => NetworkInspect
  'topology:snapshot': () => Topology
  'interfaces:list': () => HostInterface[]
  'interfaces:watch': (watching: boolean) => void
  'containers:env': (ref: string) => string[]
  'export:save': (request: ExportRequest) => SavedFile
}

/** Event channels: main tells, renderer listens. */
export interface Events {
  'topology:changed': TopologyChange
  'interfaces:counters': CountersSample
  'engine:connection': EngineConnection
}

export type InvokeChannel = keyof Invoke
export type EventChannel = keyof Events
export type InvokeArgs<K extends InvokeChannel> = Parameters<Invoke[K]>
export type InvokeResult<K extends InvokeChannel> = ReturnType<Invoke[K]>

/** A container or network name or id, as the engine accepts them. */
export const EngineRef = v.pipe(
  v.string('must be a string'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(256, 'is too long (at most 256 characters)'),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'may only contain letters, digits, "_", "." and "-", and must start with a letter or digit'),
)

const SafeFileName = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(200),
  v.regex(/^[^/\\:\0]+\.(png|svg)$/, 'must be a plain file name ending in .png or .svg'),
)

const ExportScale = v.picklist([1, 2, 3])

/** base64 of a file that starts with the PNG signature and an IHDR chunk. */
const PNG_BASE64_START = 'iVBORw0KGgoAAAANSUhEUg'

export const ExportRequestSchema = v.union(
  [
    v.strictObject({
      format: v.picklist(['png', 'svg']),
      svg: v.pipe(
        v.string(),
        v.startsWith('<svg', 'must be SVG markup starting with <svg'),
        v.maxLength(256 * 1024 * 1024, 'is larger than 256 MiB'),
      ),
      scale: ExportScale,
      suggestedName: SafeFileName,
    }),
    v.strictObject({
      format: v.literal('png', 'must be "png" when the request carries an encoded PNG'),
      png: v.pipe(
        v.string(),
        v.maxLength(256 * 1024 * 1024, 'is larger than 256 MiB'),
        v.startsWith(PNG_BASE64_START, 'must be a base64 PNG file (signature, then IHDR)'),
        v.check((s) => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s), 'must be plain base64'),
      ),
      scale: ExportScale,
      suggestedName: v.pipe(SafeFileName, v.endsWith('.png', 'must end in .png for a PNG')),
    }),
  ],
  'must carry either svg (any format) or png (format "png"), with scale and suggestedName, and nothing else',
)

type ArgsSchema<K extends InvokeChannel> = v.GenericSchema<unknown, InvokeArgs<K>>

/**
 * Runtime validation of every channel's arguments. The annotation makes the compiler
 * check that each schema produces exactly the parameters of its channel.
 */
export const invokeArgs: { [K in InvokeChannel]: ArgsSchema<K> } = {
  'app:info': v.strictTuple([]),
  'engine:info': v.strictTuple([]),
  'networks:list': v.strictTuple([]),
  'networks:inspect': v.strictTuple([EngineRef]),
  'topology:snapshot': v.strictTuple([]),
  'interfaces:list': v.strictTuple([]),
  'interfaces:watch': v.strictTuple([v.boolean()]),
  'containers:env': v.strictTuple([EngineRef]),
  'export:save': v.strictTuple([ExportRequestSchema]),
}

const eventSet: { [E in EventChannel]: true } = {
  'topology:changed': true,
  'interfaces:counters': true,
  'engine:connection': true,
}

export const INVOKE_CHANNELS = Object.keys(invokeArgs) as InvokeChannel[]
export const EVENT_CHANNELS = Object.keys(eventSet) as EventChannel[]

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.hasOwn(invokeArgs, value)
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.hasOwn(eventSet, value)
}

/** IPC channel names as they appear on the wire, prefixed so they cannot collide with Electron's own. */
export const wireInvoke = (channel: InvokeChannel): string => `bv:invoke:${channel}`
export const wireEvent = (channel: EventChannel): string => `bv:event:${channel}`
