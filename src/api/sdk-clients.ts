// Builds the four SDK API classes fnsync uses, pointed at one base URL, with the token, our
// User-Agent and a per-request timeout. configureApis() is not used: it hard-codes the base URL and
// mutates the headers object it is given (API notes §2.3).
import { DestinationsApi, FunctionsApi, SourcesApi, WorkspacesApi } from '@segment/public-api-sdk-typescript';

/** The SDK clients the adapter calls. */
export interface SdkClients {
  functions: FunctionsApi;
  sources: SourcesApi;
  destinations: DestinationsApi;
  workspaces: WorkspacesApi;
}

/** How to reach the API. */
export interface SdkClientOptions {
  /** No trailing slash: the SDK appends paths such as `/functions` directly. */
  baseUrl: string;
  token: string;
  userAgent: string;
  /** Every request gets this timeout (connect and idle read), in ms. */
  timeoutMs: number;
}

/** Creates configured SDK clients. */
export function createSdkClients(options: SdkClientOptions): SdkClients {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const clients: SdkClients = {
    functions: new FunctionsApi(baseUrl),
    sources: new SourcesApi(baseUrl),
    destinations: new DestinationsApi(baseUrl),
    workspaces: new WorkspacesApi(baseUrl),
  };
  for (const api of Object.values(clients) as FunctionsApi[]) {
    api.accessToken = options.token;
    api.defaultHeaders = { 'User-Agent': options.userAgent };
    api.addInterceptor((request) => {
      request.timeout = options.timeoutMs;
    });
  }
  return clients;
}

/** Our User-Agent, so Segment (and proxies) can tell fnsync traffic apart. */
export function fnsyncUserAgent(version: string): string {
  return `fnsync/${version} (public-api-sdk-typescript/47; node ${process.version})`;
}
