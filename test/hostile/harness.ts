// The hostile-handler suite's tools: a loopback listener that counts every connection made to it (TCP, so
// nothing a library does can reach it unnoticed), and a temp project with functions and fixture files, driven
// through the spawned CLI (`fnsync run`, `fnsync test`) as a user would.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { makeTempDir, runCli, type CliResult } from '../helpers/cli.js';

/** A TCP listener on 127.0.0.1 that answers any HTTP request with 200 and counts connections. */
export interface Listener {
  port: number;
  url: string;
  connections(): number;
}

/** Starts one listener for the test file and closes it (and every open socket) afterwards. */
export function useListener(): Listener {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  let count = 0;
  const listener: Listener = {
    port: 0,
    url: '',
    connections: () => count,
  };
  beforeAll(async () => {
    server = createServer((socket) => {
      count++;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 7\r\nconnection: close\r\n\r\nreached'));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    listener.port = (server!.address() as AddressInfo).port;
    listener.url = `http://127.0.0.1:${listener.port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return listener;
}

export interface HostileFunction {
  type: 'destination' | 'source' | 'insert-destination' | 'insert-source';
  code: string;
  settings?: { name: string; sensitive?: boolean }[];
  /** Fixture files (name -> YAML) in the function's tests/ folder. */
  fixtures?: Record<string, string>;
}

/** A project with these functions (functions/NAME/handler.js, tests/*.yaml) and its fnsync.yaml. */
export function hostileProject(functions: Record<string, HostileFunction>, extra: Record<string, string> = {}): string {
  const files: Record<string, string> = { ...extra };
  const yaml: string[] = ['version: 1', 'functions:'];
  for (const [name, fn] of Object.entries(functions)) {
    files[`functions/${name}/handler.js`] = fn.code;
    for (const [file, text] of Object.entries(fn.fixtures ?? {})) files[`functions/${name}/tests/${file}`] = text;
    yaml.push(`  ${name}:`, `    type: ${fn.type}`, `    displayName: ${name}`, `    code: functions/${name}/handler.js`);
    if (fn.settings?.length) {
      yaml.push('    settings:');
      for (const s of fn.settings) yaml.push(`      - { name: ${s.name}, type: string${s.sensitive ? ', sensitive: true' : ''} }`);
    }
  }
  files['fnsync.yaml'] = `${yaml.join('\n')}\n`;
  return makeTempDir(files);
}

/** `fnsync run` of a handler file in `dir`, parsed; the raw result is kept for assertions on the exit code. */
export async function runHandler(dir: string, file: string, type: string, args: string[] = []): Promise<{ cli: CliResult; out: Record<string, unknown> }> {
  const cli = await runCli(['run', file, '--type', type, ...args], { cwd: dir });
  let out: Record<string, unknown> = {};
  try {
    out = JSON.parse(cli.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`fnsync run printed no JSON (exit ${cli.code}):\n${cli.stdout}\n${cli.stderr}`);
  }
  return { cli, out };
}

/** `fnsync test --json` in `dir`, parsed. */
export async function testProject(dir: string, args: string[] = [], env: Record<string, string> = {}): Promise<{ cli: CliResult; report: TestReport }> {
  const cli = await runCli(['test', '--json', ...args], { cwd: dir, env });
  let report: TestReport;
  try {
    report = JSON.parse(cli.stdout) as TestReport;
  } catch {
    throw new Error(`fnsync test printed no JSON (exit ${cli.code}):\n${cli.stdout}\n${cli.stderr}`);
  }
  return { cli, report };
}

export interface TestReport {
  passed: number;
  failed: number;
  functions: { name: string; cases: { name: string; status: string; failures: { section: string; message: string }[] }[] }[];
}
