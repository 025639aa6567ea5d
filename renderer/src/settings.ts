import { ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { rememberLocale, type Locale } from './i18n'

export type ThemeChoice = 'system' | 'light' | 'dark'
const THEME_KEY = 'bridgeview.theme'

const theme = ref<ThemeChoice>((globalThis.localStorage?.getItem(THEME_KEY) as ThemeChoice | null) ?? 'system')

/** The theme actually in force: the user's choice, or the OS preference. */
export function effectiveTheme(choice: ThemeChoice = theme.value): 'light' | 'dark' {
  if (choice !== 'system') return choice
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

function applyTheme(): void {
  document.documentElement.dataset.theme = effectiveTheme()
}

watch(theme, (value) => {
  globalThis.localStorage?.setItem(THEME_KEY, value)
  applyTheme()
})
globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', applyTheme)

export function useSettings() {
  const { locale } = useI18n({ useScope: 'global' })
  function setLocale(value: Locale): void {
    locale.value = value
    rememberLocale(value)
    document.documentElement.lang = value
  }
  function apply(): void {
    applyTheme()
    document.documentElement.lang = locale.value
  }
  return { theme, locale, setLocale, apply, effectiveTheme }
}
