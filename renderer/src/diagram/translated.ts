/**
 * The diagram's wording in the app's language. One object per locale: the layout is
 * memoised on its inputs, so handing it a new `strings` object on every render would lay
 * thousands of boxes out again for nothing.
 */
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { DiagramStrings } from './strings'

export function useDiagramStrings(): ComputedRef<DiagramStrings> {
  const { t, locale } = useI18n()
  return computed<DiagramStrings>(() => {
    // Read so the object is rebuilt when the language changes, and only then.
    void locale.value
    const s = (key: string, named: Record<string, unknown> = {}, plural?: number): string =>
      plural === undefined ? t(`diagram.strings.${key}`, named) : t(`diagram.strings.${key}`, named, plural)
    return {
      outside: s('outside'),
      outsideDetail: s('outsideDetail'),
      nat: s('nat'),
      hostTitle: (name) => (name ? s('hostTitle', { name }) : s('host')),
      hostNamespace: s('hostNamespace'),
      hostModeGroup: s('hostModeGroup'),
      hostModeDetail: s('hostModeDetail'),
      sharesHostNetwork: (owner) => s('sharesHostNetwork', { owner }),
      sharedNamespace: s('sharedNamespace'),
      isolatedGroup: s('isolatedGroup'),
      isolatedDetail: s('isolatedDetail'),
      apartGroup: s('apartGroup'),
      noPorts: s('noPorts'),
      morePublishedPorts: (n) => s('morePublishedPorts', { n }, n),
      publishedOn: (name) => s('publishedOn', { name }),
      more: (n) => s('more', { n }),
      defaultBridge: s('defaultBridge'),
      userBridge: s('userBridge'),
      driverNetwork: (driver) => s('driverNetwork', { driver }),
      networkName: (name) => s('networkName', { name }),
      internal: s('internal'),
      gateway: s('gateway'),
      noSubnet: s('noSubnet'),
      physicalNic: s('physicalNic'),
      noIpv4: s('noIpv4'),
      hostNetwork: s('hostNetwork'),
      interfacesUnavailable: s('interfacesUnavailable'),
      noPhysicalNic: s('noPhysicalNic'),
      unknownVeth: s('unknownVeth'),
      orphanVeths: (n) => s('orphanVeths', { n }, n),
      notAttached: s('notAttached'),
      ownerMissing: s('ownerMissing'),
      ownerNotRunning: (owner) => s('ownerNotRunning', { owner }),
      ownerNotAttached: (owner) => s('ownerNotAttached', { owner }),
      networksList: (names) => s('networksList', { name: names.join(', ') }),
      legendUplink: s('legendUplink'),
      legendNat: s('legendNat'),
      legendBridgePort: s('legendBridgePort'),
      legendVethPair: s('legendVethPair'),
      legendPublish: s('legendPublish'),
      legendUnknownVeth: s('legendUnknownVeth'),
    }
  })
}
