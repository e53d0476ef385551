// WHATWG URL parsing for a function's realm (js/url.js): fnsync's own URL parser does the work, the realm gets the
// parts as JSON, so `URL` and `URLSearchParams` behave as Node's and every object the function holds is its own.

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
};
