/**
 * Explanations by concept key. Any view opens one with `useExplainStore().open(key)`; the
 * diagram can also render `<ExplainPanel :concept="key" />` itself.
 */
import type { Locale } from '../i18n'
import { CONCEPTS, type ConceptKey } from './concepts'
import en, { type ConceptText } from './text.en'
import ko from './text.ko'

export { CONCEPT_KEYS, CONCEPTS, conceptForContainer, conceptForInterface, conceptForNetwork, isConceptKey, type ConceptKey } from './concepts'
export type { ConceptText } from './text.en'

export const EXPLANATIONS: Record<Locale, Record<ConceptKey, ConceptText>> = { en, ko }

export interface Explanation extends ConceptText {
  key: ConceptKey
  commands: string[]
  related: ConceptKey[]
}

/** The explanation of a concept in a language (English when the language is unknown). */
export function explanation(key: ConceptKey, locale: string): Explanation {
  const texts = locale === 'ko' ? ko : en
  return { key, ...texts[key], ...CONCEPTS[key] }
}
