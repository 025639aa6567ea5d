import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ErrorData } from '@shared/errors'
import type { Network } from '@shared/types'
import { call, on, BridgeviewError } from '../api'
import { debounce } from '../util/debounce'
import { useEngineStore } from './engine'

export const useNetworksStore = defineStore('networks', () => {
  const networks = ref<Network[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<ErrorData | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    try {
      networks.value = await call('networks:list')
      error.value = null
      loaded.value = true
    } catch (e) {
      error.value = BridgeviewError.revive(e).toData()
      useEngineStore().fail(e)
    } finally {
      loading.value = false
    }
  }

  // Events only say "something changed"; the engine stays the one source of truth.
  const reload = debounce(() => void load(), 50)
  on('topology:changed', (change) => {
    if (loaded.value && change.kinds.includes('networks')) reload()
  })

  return { networks, loading, loaded, error, load }
})
