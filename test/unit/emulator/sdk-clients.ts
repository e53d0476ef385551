// Builds official-SDK clients pointed at an emulator, as fnsync's adapter does (doc §2.3).
import { DestinationsApi, FunctionsApi, SourcesApi, WorkspacesApi, CatalogApi } from '@segment/public-api-sdk-typescript';

export const TOKEN = 'test-token-0123456789';

export function sdkClients(url: string, token = TOKEN) {
  const functions = new FunctionsApi(url);
  const sources = new SourcesApi(url);
  const destinations = new DestinationsApi(url);
  const workspaces = new WorkspacesApi(url);
  const catalog = new CatalogApi(url);
  for (const api of [functions, sources, destinations, workspaces, catalog]) api.accessToken = token;
  return { functions, sources, destinations, workspaces, catalog };
}

/** Runs a call expected to fail and returns the SDK's HttpError (status + parsed body). */
export async function httpError(call: Promise<unknown>): Promise<{ statusCode: number; body: any }> {
  try {
    await call;
  } catch (err) {
    // Checked by shape: vitest may load the SDK's HttpError class twice (CJS interop), defeating instanceof.
    const e = err as { name?: string; statusCode?: number; body?: unknown };
    if (e.name === 'HttpError') return { statusCode: e.statusCode ?? 0, body: e.body };
    throw err;
  }
  throw new Error('expected the call to fail');
}

/** A function setting definition with defaults. */
export function setting(name: string, sensitive = false) {
  return { name, label: name, description: `${name} setting`, type: 'STRING' as const, required: false, sensitive };
}

/** Raw authenticated fetch for forms the SDK never sends (dot pagination, admin routes). */
export function raw(url: string, path: string, init: RequestInit = {}, token = TOKEN): Promise<Response> {
  return fetch(url + path, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers as object) } });
}
