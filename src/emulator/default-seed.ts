// The embedded local workspace's starting content: the sources and destinations the example project
// connects to, so `fnsync apply` against a fresh local workspace succeeds without any setup.
import type { EmulatorSeed } from './types.js';

/** Seed of the embedded local workspace (`.fnsync/workspace.json`) and of `fnsync emulator start` without --seed. */
export const LOCAL_WORKSPACE_SEED: EmulatorSeed = {
  workspace: { slug: 'local', name: 'Local Workspace' },
  sources: [
    { slug: 'web-prod', name: 'Web (prod)', metadataId: 'javascript', enabled: true },
    { slug: 'ios-prod', name: 'iOS (prod)', metadataId: 'ios', enabled: true },
    { slug: 'http-api-prod', name: 'HTTP API (prod)', metadataId: 'http-api', enabled: true },
  ],
  destinations: [
    { name: 'amplitude-prod', sourceId: 'web-prod', metadataId: 'amplitude', enabled: true, settings: { apiKey: 'local-amplitude-key' } },
    { name: 'webhooks-prod', sourceId: 'web-prod', metadataId: 'webhooks', enabled: true, settings: {} },
    { name: 'amplitude-ios-prod', sourceId: 'ios-prod', metadataId: 'amplitude', enabled: true, settings: { apiKey: 'local-amplitude-key' } },
  ],
};
