import { ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { rememberLocale, type Locale } from './i18n'

export type ThemeChoice = 'system' | 'light' | 'dark'
const THEME_KEY = 'bridgeview.theme'

const isThemeChoice = (value: unknown): value is ThemeChoice => value === 'system' || value === 'light' || value === 'dark'
const stored = globalThis.localStorage?.getItem(THEME_KEY)
const theme = ref<ThemeChoice>(isThemeChoice(stored) ? stored : 'system')

const media = globalThis.matchMedia?.('(prefers-color-scheme: dark)')
/** The OS preference, kept reactive so views that name the theme in force update with it. */
const systemDark = ref(media?.matches ?? false)

/** The theme actually in force: the user's choice, or the OS preference. */
export function effectiveTheme(choice: ThemeChoice = theme.value): 'light' | 'dark' {
  if (choice !== 'system') return choice
  return systemDark.value ? 'dark' : 'light'
}

function applyTheme(): void {
  document.documentElement.dataset.theme = effectiveTheme()
}

watch(theme, (value) => {
  globalThis.localStorage?.setItem(THEME_KEY, value)
  applyTheme()
})
media?.addEventListener?.('change', (event) => {
  systemDark.value = event.matches
  applyTheme()
})

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
