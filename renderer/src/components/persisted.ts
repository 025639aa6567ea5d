import { ref, watch, type Ref } from 'vue'

/** A ref kept in localStorage, validated on the way in so a stale value cannot break a view. */
export function persisted<T>(key: string, fallback: T, valid: (value: unknown) => value is T): Ref<T> {
  let initial = fallback
  try {
    const raw = globalThis.localStorage?.getItem(key)
    if (raw !== null && raw !== undefined) {
      const parsed: unknown = JSON.parse(raw)
      if (valid(parsed)) initial = parsed
    }
  } catch {
    // unreadable storage: start from the fallback
  }
  const value = ref(initial) as Ref<T>
  watch(value, (v) => globalThis.localStorage?.setItem(key, JSON.stringify(v)), { deep: true })
  return value
}
