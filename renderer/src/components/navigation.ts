/** How pages ask the shell to show something elsewhere (App.vue's `navigate`). */
export type Page = 'diagram' | 'interfaces' | 'networks' | 'containers' | 'settings'

export interface Selection {
  kind: string
  id: string
}
