import { createI18n } from 'vue-i18n'
import en from './en'
import ko from './ko'

export type Locale = 'en' | 'ko'
export const LOCALES: Locale[] = ['en', 'ko']
const STORAGE_KEY = 'bridgeview.locale'

/** The OS locale (Electron and Chromium expose it as navigator.languages), unless the user chose one in Settings. */
export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
  if (saved === 'en' || saved === 'ko') return saved
  const languages = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en']
  return languages.some((l) => l.toLowerCase().startsWith('ko')) ? 'ko' : 'en'
}

export function rememberLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale)
}

export const messages = { en, ko }

export function createAppI18n(locale: Locale = initialLocale()) {
  return createI18n({ legacy: false, locale, fallbackLocale: 'en', messages, missingWarn: false, fallbackWarn: false })
}
