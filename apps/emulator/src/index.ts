export {
  type CompatOptions,
  DEMO_TOKEN,
  type EmulatorOptions,
  type ProjectConfig,
  readScopes,
  type TokenConfig,
  writeScopes,
} from './emulator-options.js';
export type { Fault, FaultInjector } from './fault-injector.js';
export { encodeOrgAuthToken, type OrgAuthTokenPayload } from './org-auth-token.js';
export type { RequestStats } from './request-stats.js';
export { type Emulator, startEmulator } from './start-emulator.js';
export type { SnapshotRecord } from './storage/snapshot-storage.js';
