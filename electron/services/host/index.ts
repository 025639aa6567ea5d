/** Host interfaces: direct reading, the helper-container path, the veth map and ifconfig text. */
export { readCounters, readHostInterfaces, type ExecFile, type HostReadDeps, type InterfaceCounters } from './interfaces'
export { formatIfconfig } from './ifconfig'
export { readInterfacesViaHelper, type HelperOptions, type HelperReading } from './helper'
export {
  readVethMap,
  resolveVethMap,
  type RunningContainerRef,
  type UnresolvedVeth,
  type VethMap,
  type VethOwnerEntry,
  type VethProof,
} from './veth-map'
