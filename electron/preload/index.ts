/**
 * The preload exposes `window.bridgeview`: one named function per contract channel and `on`
 * for events, never ipcRenderer itself (Electron security checklist #20).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { wireEvent, wireInvoke } from '../shared/contract'
import type { Envelope } from '../shared/errors'
import { createApi } from '../shared/rpc'

const api = createApi(
  {
    invoke: (channel, args) => ipcRenderer.invoke(wireInvoke(channel), ...args) as Promise<Envelope<unknown>>,
    subscribe: (channel, listener) => {
      // The IPC event object is not passed on: it would hand the page ipcRenderer's sender.
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
      ipcRenderer.on(wireEvent(channel), wrapped)
      return () => {
        ipcRenderer.removeListener(wireEvent(channel), wrapped)
      }
    },
  },
  (error) => {
    // contextBridge copies only an error's message, so the whole error travels inside it.
    throw new Error(error.toBridgeMessage())
  },
)

contextBridge.exposeInMainWorld('bridgeview', api)
