// Raw JSON requests for the contract scenarios: bodies the SDK would never send (it drops fields its
// models lack, §2.6), so the API's rejection of them can be checked against both backends. Built on
// node:http(s), which nock intercepts for the recorded run and which reaches the emulator for real.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A raw reply: the status and the parsed JSON body. */
export interface RawReply {
  status: number;
  body: any;
}

/** Sends one authenticated request; `path` includes the query string. */
export type RawRequest = (method: string, path: string, body?: unknown) => Promise<RawReply>;

/** A RawRequest against `baseUrl` with the bearer `token`. */
export function rawClient(baseUrl: string, token: string): RawRequest {
  return (method, path, body) =>
    new Promise((resolve, reject) => {
      const url = new URL(baseUrl + path);
      const text = body === undefined ? undefined : JSON.stringify(body);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
      if (text !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
      const req = send(url, { method, headers }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : undefined });
          } catch (err) {
            reject(err as Error);
          }
        });
      });
      req.on('error', reject);
      if (text !== undefined) req.write(text);
      req.end();
    });
}
