// The project the apply fault tests configure, and the workspace they start from. One function of each
// type with dependency chains across them (source function -> its source -> a destination on that
// source -> an insert function on that destination), so a failure has dependants to skip; and
// unmanaged resources (catalog sources and destinations, hand-made functions with instances) that
// apply must never touch.
import type { EmulatorSeed } from '../../src/emulator/types.js';

/** The only token the emulator accepts; the CLI gets it through SEGMENT_PUBLIC_API_TOKEN. */
export const FAULT_TOKEN = 'sgp_faultsTOKEN_4b7e1c9a0d';

/** The variables the config's settings come from. */
export const FAULT_ENV = { INTAKE_SECRET: 'whsec_intake_7Kq2Vd9Lm4' };

/** The workspace name is the suffix the API appends to non-source display names. */
export const FAULT_WORKSPACE = { slug: 'acme-staging', name: 'Acme Staging' };

const CONFIG = `version: 1
workspace: acme-staging
functions:
  intake:
    type: source
    displayName: Intake Hook
    code: intake.js
    settings:
      - { name: sharedSecret, type: string, required: true, sensitive: true }
    instances:
      - name: intake-prod
        settings:
          sharedSecret: \${env:INTAKE_SECRET}
  notify:
    type: destination
    displayName: Notify
    code: notify.js
    settings:
      - { name: channel, type: string }
    instances:
      - name: notify-web
        source: web-prod
        settings: { channel: "#web" }
      - name: notify-intake
        source: intake-prod
        settings: { channel: "#intake" }
  scrub:
    type: insert-destination
    displayName: Scrub
    code: scrub.js
    instances:
      - name: scrub-amplitude
        destination: amplitude-prod
      - name: scrub-notify
        destination: notify-intake
  tagger:
    type: insert-source
    displayName: Tagger
    code: tagger.js
    instances:
      - name: tagger-web
        source: web-prod
`;

/** fnsync.yaml and its handlers, as files for makeTempDir. */
export const FAULT_PROJECT: Record<string, string> = {
  'fnsync.yaml': CONFIG,
  'intake.js': 'async function onRequest(request, settings) {\n  Segment.track({ event: "Intake", userId: "u1" });\n}\n',
  'notify.js': 'async function onTrack(event, settings) {\n  return;\n}\n',
  'scrub.js': 'async function onTrack(event) {\n  return event;\n}\n',
  'tagger.js': 'async function onTrack(event) {\n  return { ...event, context: { ...event.context, tagged: true } };\n}\n',
};

/** fnsync.yaml with edits that update every function and instance kind in place (no creates). */
export function editedConfig(): string {
  return CONFIG.replace('      - { name: channel, type: string }\n', '      - { name: channel, type: string }\n      - { name: mention, type: string }\n')
    .replace('settings: { channel: "#web" }', 'settings: { channel: "#web", mention: "@here" }')
    .replace('settings: { channel: "#intake" }', 'settings: { channel: "#intake", mention: "@ops" }')
    .replace('    displayName: Scrub\n', '    displayName: Scrub\n    description: Scrubs personal data\n')
    .replace('      - name: tagger-web\n        source: web-prod\n', '      - name: tagger-web\n        source: web-prod\n        enabled: false\n');
}

const HAND_MADE = 'async function onTrack(event) {\n  return event;\n}\n';

/** Catalog sources and destinations plus hand-made functions with instances: all unmanaged. */
export const FAULT_SEED: EmulatorSeed = {
  workspace: FAULT_WORKSPACE,
  functions: [
    { resourceType: 'DESTINATION', displayName: 'Legacy Hook', code: HAND_MADE },
    { resourceType: 'INSERT_DESTINATION', displayName: 'Legacy Insert', code: HAND_MADE },
  ],
  sources: [
    { slug: 'web-prod', name: 'Web (prod)', metadataId: 'javascript', enabled: true },
    { slug: 'ios-prod', name: 'iOS (prod)', metadataId: 'ios', enabled: true },
  ],
  destinations: [
    { name: 'amplitude-prod', sourceId: 'web-prod', metadataId: 'amplitude', enabled: true, settings: { apiKey: 'amp-key-0001' } },
    { name: 'webhooks-prod', sourceId: 'web-prod', metadataId: 'webhooks', enabled: true, settings: {} },
    { name: 'legacy-web', sourceId: 'web-prod', metadataId: 'Legacy Hook', enabled: true, settings: {} },
  ],
  insertInstances: [{ functionId: 'Legacy Insert', integrationId: 'webhooks-prod', name: 'legacy-insert', settings: {} }],
};

/** What the config asks for, read the way the emulator stores it. */
export interface ExpectedInstance {
  kind: 'source' | 'destination' | 'insert';
  name: string;
  /** Local name of the function it is an instance of. */
  fn: string;
  /** Source slug / destination name it is connected to (not for source-function instances). */
  on?: string;
  enabled: boolean;
  settings: Record<string, unknown>;
}

/** The configured functions: local name -> type and display name. */
export const EXPECTED_FUNCTIONS = {
  intake: { resourceType: 'SOURCE', displayName: 'Intake Hook' },
  notify: { resourceType: 'DESTINATION', displayName: 'Notify' },
  scrub: { resourceType: 'INSERT_DESTINATION', displayName: 'Scrub' },
  tagger: { resourceType: 'INSERT_SOURCE', displayName: 'Tagger' },
} as const;

/** The configured instances (the original config, not editedConfig). */
export const EXPECTED_INSTANCES: ExpectedInstance[] = [
  { kind: 'source', name: 'intake-prod', fn: 'intake', enabled: true, settings: { sharedSecret: FAULT_ENV.INTAKE_SECRET } },
  { kind: 'destination', name: 'notify-web', fn: 'notify', on: 'web-prod', enabled: true, settings: { channel: '#web' } },
  { kind: 'destination', name: 'notify-intake', fn: 'notify', on: 'intake-prod', enabled: true, settings: { channel: '#intake' } },
  { kind: 'insert', name: 'scrub-amplitude', fn: 'scrub', on: 'amplitude-prod', enabled: true, settings: {} },
  { kind: 'insert', name: 'scrub-notify', fn: 'scrub', on: 'notify-intake', enabled: true, settings: {} },
  { kind: 'insert', name: 'tagger-web', fn: 'tagger', on: 'web-prod', enabled: true, settings: {} },
];

/** The instances as editedConfig() configures them. */
export const EDITED_INSTANCES: ExpectedInstance[] = EXPECTED_INSTANCES.map((i) =>
  i.name === 'notify-web' ? { ...i, settings: { ...i.settings, mention: '@here' } }
  : i.name === 'notify-intake' ? { ...i, settings: { ...i.settings, mention: '@ops' } }
  : i.name === 'tagger-web' ? { ...i, enabled: false }
  : i,
);
