import { computed, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue'

/**
 * Live text that holds still while the reader selects inside it. The ifconfig text moves
 * with every counter sample; re-rendering it under a selection would drop the selection
 * halfway through a copy.
 */
export function useFrozenWhileSelected(live: Ref<string>, element: Ref<HTMLElement | null>, resetOn?: Ref<unknown>): Ref<string> {
  const frozen = ref<string | null>(null)
  // Asking for other text (another interface) is not a reason to keep the old one.
  if (resetOn) watch(resetOn, () => (frozen.value = null))

  function onSelectionChange(): void {
    const selection = globalThis.getSelection?.()
    const el = element.value
    const inside = !!selection && !selection.isCollapsed && !!el && (el.contains(selection.anchorNode) || el.contains(selection.focusNode))
    if (inside && frozen.value === null) frozen.value = live.value
    else if (!inside) frozen.value = null
  }

  onMounted(() => document.addEventListener('selectionchange', onSelectionChange))
  onBeforeUnmount(() => document.removeEventListener('selectionchange', onSelectionChange))
  return computed(() => frozen.value ?? live.value)
}
