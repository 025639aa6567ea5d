import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ConceptKey } from '../explain'

/** Which explanation the app's panel shows; any view (the diagram too) opens one by key. */
export const useExplainStore = defineStore('explain', () => {
  const concept = ref<ConceptKey | null>(null)
  /** Where focus goes back to when the panel closes. */
  let opener: HTMLElement | null = null

  function open(key: ConceptKey, from?: HTMLElement | null): void {
    if (concept.value === null) opener = from ?? (globalThis.document?.activeElement as HTMLElement | null) ?? null
    concept.value = key
  }

  function close(): void {
    concept.value = null
    const back = opener
    opener = null
    if (back?.isConnected) back.focus()
  }

  /** Closes without moving focus: the view that opened it is going away (a page change). */
  function dismiss(): void {
    concept.value = null
    opener = null
  }

  return { concept, open, close, dismiss }
})
