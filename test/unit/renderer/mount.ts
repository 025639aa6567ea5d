/** Mounting helpers for component tests: the app's own i18n and a fresh Pinia per test. */
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { Plugin } from 'vue'
import { createAppI18n, type Locale } from '../../../renderer/src/i18n'

export function plugins(locale: Locale = 'en'): { pinia: Pinia; global: { plugins: Plugin[] } } {
  const pinia = createPinia()
  setActivePinia(pinia)
  return { pinia, global: { plugins: [pinia, createAppI18n(locale)] } }
}
