// WHATWG URL parsing for a function's realm (js/url.js): fnsync's own URL parser does the work, the realm gets the
// parts as JSON, so `URL` and `URLSearchParams` behave as Node's and every object the function holds is its own.

import legacyUrl, { domainToASCII, domainToUnicode } from 'node:url';

const FIELDS = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'] as const;
const SETTABLE = new Set(['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']);

const parts = (url: URL) => JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, url[f]])));

export const urlBridge = {
  urlParse: (input: string, base: string | undefined) => parts(base === undefined ? new URL(input) : new URL(input, base)),
  urlSet(href: string, field: string, value: string): string {
    if (!SETTABLE.has(field)) throw new TypeError(`Cannot set URL.${field}`);
    const url = new URL(href);
    (url as unknown as Record<string, string>)[field] = value;
    return parts(url);
  },
  formDecode: (text: string) => JSON.stringify([...new URLSearchParams(text)]),
  formEncode: (pairs: string) => new URLSearchParams(JSON.parse(pairs) as [string, string][]).toString(),
  // The legacy API (js/legacy-url.js): url.parse, url.format, url.resolve, as Node answers them.
  legacyUrlParse: (text: string, parseQuery: boolean, slashes: boolean) => JSON.stringify({ ...legacyUrl.parse(text, parseQuery, slashes) }),
  legacyUrlFormat(json: string): string {
    const parsed = JSON.parse(json) as { string?: string } & Record<string, unknown>;
    if (typeof parsed.string === 'string') return legacyUrl.format(parsed.string);
    return legacyUrl.format(parsed as legacyUrl.UrlObject);
  },
  legacyUrlResolve: (from: string, to: string) => legacyUrl.resolve(from, to),
  domainToASCII: (domain: string) => domainToASCII(domain),
  domainToUnicode: (domain: string) => domainToUnicode(domain),
};
