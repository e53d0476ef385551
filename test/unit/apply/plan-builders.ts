// Hand-made plans and the API answers their steps get, for executePlan against a nock-backed SegmentApi:
// only `steps` matter to the executor, so the rest of the Plan is filled with empty defaults.
import { PLAN_FORMAT_VERSION, type Plan, type Ref, type Step } from '../../../src/plan/index.js';
import type { FunctionType } from '../../../src/vocabulary.js';

export const BASE = 'http://segment.test';
export const TOKEN = 'sgp_applyUnitTOKEN_1f2e3d';
export const WORKSPACE = { data: { workspace: { id: 'ws1', slug: 'acme-prod', name: 'Acme Prod' } } };

/** A plan with these steps and nothing else. */
export function planOf(steps: Step[]): Plan {
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    workspace: { id: 'ws1', slug: 'acme-prod', name: 'Acme Prod' },
    config: { file: 'fnsync.yaml', digest: 'd' },
    changes: [],
    steps,
    unmanaged: [],
    blocked: [],
    warnings: [],
    errors: [],
    secrets: [],
    summary: { add: 0, change: 0, destroy: 0 },
    fingerprints: {},
  };
}

const base = (id: string, description: string, dependsOn: string[]) => ({ id, address: `test.${id}`, description, dependsOn });

export function createFunctionStep(id: string, type: FunctionType, displayName: string, dependsOn: string[] = []): Step {
  return { ...base(id, `create ${type} function ${displayName}`, dependsOn), op: 'create-function', type, input: { displayName, code: '// code\n', settings: [] } };
}

export function createSourceStep(id: string, fn: Ref, slug: string, dependsOn: string[] = [], settings: Extract<Step, { op: 'create-source' }>['settings'] = {}): Step {
  return { ...base(id, `create source ${slug}`, dependsOn), op: 'create-source', function: fn, slug, enabled: true, settings };
}

export function createDestinationStep(id: string, fn: Ref, source: Ref, name: string, dependsOn: string[] = [], settings: Extract<Step, { op: 'create-destination' }>['settings'] = {}): Step {
  return { ...base(id, `create destination ${name}`, dependsOn), op: 'create-destination', function: fn, source, name, enabled: true, settings };
}

export function createInsertStep(id: string, fn: Ref, integration: Ref, name: string, dependsOn: string[] = []): Step {
  return { ...base(id, `create insert instance ${name}`, dependsOn), op: 'create-insert', function: fn, integration, name, enabled: true, settings: {} };
}

/** `literal` followed by `${env:name}`, as the config loader produces it. */
export const withEnv = (literal: string, name: string) => ({ kind: 'string' as const, parts: [{ kind: 'literal' as const, text: literal }, { kind: 'env' as const, name }] });
export const text = (value: string) => ({ kind: 'string' as const, parts: [{ kind: 'literal' as const, text: value }] });

const RESOURCE_TYPES: Record<FunctionType, string> = {
  source: 'SOURCE',
  destination: 'DESTINATION',
  'insert-destination': 'INSERT_DESTINATION',
  'insert-source': 'INSERT_SOURCE',
};

/** A function as the API answers a create or a get. */
export function functionBody(id: string, type: FunctionType, displayName: string, catalogId: string) {
  return {
    data: {
      function: {
        id, resourceType: RESOURCE_TYPES[type], displayName, catalogId, code: '// code\n', settings: [], description: '', logoUrl: '',
        deployedAt: null, isLatestVersion: type !== 'source',
      },
    },
  };
}

export const sourceBody = (id: string, slug: string, metadataId: string) => ({ data: { source: { id, slug, name: slug, enabled: true, metadata: { id: metadataId }, settings: {} } } });
export const destinationBody = (id: string, name: string, sourceId: string, metadataId: string) => ({
  data: { destination: { id, name, enabled: true, sourceId, metadata: { id: metadataId }, settings: {} } },
});
export const insertBody = (id: string, name: string, classId: string, integrationId: string) => ({
  data: { insertFunctionInstance: { id, name, classId, integrationId, enabled: true, settings: {}, encryptedSettings: {} } },
});
