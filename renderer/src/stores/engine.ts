import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ErrorData } from '@shared/errors'
import type { AppInfo } from '@shared/contract'
import type { EngineInfo } from '@shared/types'
import { call, on, BridgeviewError } from '../api'

export type EngineState = 'connecting' | 'connected' | 'failed'

export const useEngineStore = defineStore('engine', () => {
  const state = ref<EngineState>('connecting')
  const info = ref<EngineInfo | null>(null)
  const error = ref<ErrorData | null>(null)
  const app = ref<AppInfo | null>(null)
  const streamConnected = ref(true)

  async function connect(): Promise<boolean> {
    state.value = 'connecting'
    try {
      app.value ??= await call('app:info')
      info.value = await call('engine:info')
      error.value = null
      state.value = 'connected'
      return true
    } catch (e) {
      error.value = BridgeviewError.revive(e).toData()
      state.value = 'failed'
      return false
    }
  }

  /** Engine calls elsewhere report a lost engine here, so the whole app shows the unreachable screen. */
  function fail(e: unknown): void {
    const data = BridgeviewError.revive(e).toData()
    if (data.code === 'ENGINE_UNREACHABLE' || data.code === 'PERMISSION_DENIED' || data.code === 'TIMEOUT') {
      error.value = data
      state.value = 'failed'
    }
  }

  on('engine:connection', (c) => {
    streamConnected.value = c.connected
    // The engine came back on its own: leave the problem screen without waiting for Retry.
    if (c.connected && state.value === 'failed') void connect()
  })

  return { state, info, error, app, streamConnected, connect, fail }
})
