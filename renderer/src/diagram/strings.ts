/**
 * The words the diagram draws, so the app can hand in its translation. Technical terms
 * (eth0, veth, NAT, MAC, --network) are the same in every language and stay in the layout.
 */
export interface DiagramStrings {
  outside: string
  outsideDetail: string
  nat: string
  hostTitle: (hostName: string) => string
  hostNamespace: string
  hostModeGroup: string
  hostModeDetail: string
  sharesHostNetwork: (owner: string) => string
  sharedNamespace: string
  isolatedGroup: string
  isolatedDetail: string
  apartGroup: string
  noPorts: string
  morePublishedPorts: (count: number) => string
  publishedOn: (nic: string) => string
  more: (count: number) => string
  defaultBridge: string
  userBridge: string
  driverNetwork: (driver: string) => string
  networkName: (name: string) => string
  internal: string
  gateway: string
  noSubnet: string
  physicalNic: string
  noIpv4: string
  hostNetwork: string
  interfacesUnavailable: string
  noPhysicalNic: string
  unknownVeth: string
  orphanVeths: (count: number) => string
  notAttached: string
  ownerMissing: string
  ownerNotRunning: (owner: string) => string
  ownerNotAttached: (owner: string) => string
  networksList: (names: string[]) => string
  legendUplink: string
  legendNat: string
  legendBridgePort: string
  legendVethPair: string
  legendPublish: string
  legendUnknownVeth: string
}

export const ENGLISH: DiagramStrings = {
  outside: 'Outside world',
  outsideDetail: 'LAN · internet',
  nat: 'NAT (masquerade)',
  hostTitle: (hostName) => (hostName ? `Host ${hostName}` : 'Host'),
  hostNamespace: 'host network namespace',
  hostModeGroup: 'network: host — uses the host’s interfaces',
  hostModeDetail: 'network: host · no veth',
  sharesHostNetwork: (owner) => `shares ${owner}: host network`,
  sharedNamespace: 'one shared network namespace',
  isolatedGroup: 'network: none — isolated',
  isolatedDetail: 'network: none · loopback only',
  apartGroup: 'not running or not attached',
  noPorts: 'no published ports',
  morePublishedPorts: (count) => `+${count} more published port${count === 1 ? '' : 's'}`,
  publishedOn: (nic) => `published on ${nic}`,
  more: (count) => `+${count} more`,
  defaultBridge: 'default bridge',
  userBridge: 'user-defined bridge',
  driverNetwork: (driver) => `${driver} network`,
  networkName: (name) => `network “${name}”`,
  internal: 'internal: no way out',
  gateway: 'gateway',
  noSubnet: 'no subnet',
  physicalNic: 'physical NIC',
  noIpv4: 'no IPv4',
  hostNetwork: 'host network',
  interfacesUnavailable: 'interfaces unavailable',
  noPhysicalNic: 'no physical NIC seen',
  unknownVeth: 'unknown veth',
  orphanVeths: (count) => `${count} veth${count === 1 ? '' : 's'} with no known container`,
  notAttached: 'not attached to any network',
  ownerMissing: 'namespace owner not found',
  ownerNotRunning: (owner) => `shares ${owner}, which is not running`,
  ownerNotAttached: (owner) => `shares ${owner}, which is not attached`,
  networksList: (names) => `networks: ${names.join(', ')}`,
  legendUplink: 'host uplink',
  legendNat: 'bridge traffic leaves through the host (NAT)',
  legendBridgePort: 'veth plugged into the bridge',
  legendVethPair: 'veth pair: host end ↔ eth0 in the container',
  legendPublish: 'published port (DNAT to the container)',
  legendUnknownVeth: 'veth not identified',
}
