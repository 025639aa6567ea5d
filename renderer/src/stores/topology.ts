import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ErrorData } from '@shared/errors'
import type { CountersSample, InterfaceRate, Topology } from '@shared/types'
import { call, on, BridgeviewError } from '../api'
import { debounce } from '../util/debounce'
import { useEngineStore } from './engine'

/** How many counter samples each interface keeps for its sparkline. */
export const HISTORY = 60

export const useTopologyStore = defineStore('topology', () => {
  const topology = shallowRef<Topology | null>(null)
  const loading = ref(false)
  const error = ref<ErrorData | null>(null)
  const revision = ref(0)
  const rates = shallowRef<Map<string, InterfaceRate>>(new Map())
  const history = shallowRef<Map<string, number[]>>(new Map())
  let watchers = 0
  let active = false

  async function load(): Promise<void> {
    loading.value = true
    try {
      topology.value = await call('topology:snapshot')
      error.value = null
    } catch (e) {
      error.value = BridgeviewError.revive(e).toData()
      useEngineStore().fail(e)
    } finally {
      loading.value = false
    }
  }

  const reload = debounce(() => void load(), 30)
  on('topology:changed', (change) => {
    revision.value = change.revision
    if (topology.value || watchers > 0) reload()
  })

  function applySample(sample: CountersSample): void {
    const nextRates = new Map<string, InterfaceRate>()
    const nextHistory = new Map(history.value)
    for (const r of sample.interfaces) {
      nextRates.set(r.name, r)
      const h = (nextHistory.get(r.name) ?? []).concat(r.rxBytesPerSec + r.txBytesPerSec)
      nextHistory.set(r.name, h.length > HISTORY ? h.slice(h.length - HISTORY) : h)
    }
    rates.value = nextRates
    history.value = nextHistory
  }
  on('interfaces:counters', applySample)

  /** A view that shows live counters calls this on mount (true) and unmount (false). */
  async function watchCounters(watching: boolean): Promise<void> {
    watchers = Math.max(0, watchers + (watching ? 1 : -1))
    const want = watchers > 0
    if (want === active) return
    active = want
    try {
      await call('interfaces:watch', want)
    } catch (e) {
      useEngineStore().fail(e)
    }
  }

  const containersById = computed(() => new Map((topology.value?.containers ?? []).map((c) => [c.id, c])))
  const networksById = computed(() => new Map((topology.value?.networks ?? []).map((n) => [n.id, n])))

  return { topology, loading, error, revision, rates, history, load, watchCounters, applySample, containersById, networksById }
})
