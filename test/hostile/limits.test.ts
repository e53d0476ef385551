// Limits that hold (issue #8), tried as a careless or hostile handler author would, through the spawned CLI: a
// result too big to keep, memory held outside the V8 heap, a timeout whose published deadline is overwritten, a
// worker that sends garbage, and thrown values built to break whoever inspects them. Each must fail its own case
// (or its own session) and nothing else: fnsync reports the rest and exits normally.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, makeTempDir, runCli } from '../helpers/cli.js';

const TAMPER = join(REPO_ROOT, 'test/hostile/helpers/worker-tamper.mjs');
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

/** A project of destination functions (name -> handler code, fixture YAML, extra config lines). */
function project(functions: Record<string, { handler: string; fixture: string; config?: string }>): string {
  let yaml = 'version: 1\nfunctions:\n';
  const files: Record<string, string> = {};
  for (const [name, f] of Object.entries(functions)) {
    yaml += `  ${name}:\n    type: destination\n    displayName: ${name}\n    code: ${name}/handler.js\n${f.config ?? ''}`;
    files[`${name}/handler.js`] = f.handler;
    files[`${name}/tests/cases.yaml`] = f.fixture;
  }
  return makeTempDir({ 'fnsync.yaml': yaml, ...files });
}

/** The report of `fnsync test --json`: each case's name, status and failure text. */
async function testReport(dir: string, env: Record<string, string> = {}) {
  const r = await runCli(['test', '--no-record', '--json-file', 'report.json'], { cwd: dir, env });
  const report = existsSync(join(dir, 'report.json')) ? (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as unknown) : undefined;
  const cases = new Map<string, { status: string; text: string }>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.name === 'string' && typeof o.status === 'string' && 'failures' in o) cases.set(o.name, { status: o.status, text: JSON.stringify(o.failures) });
      else Object.values(o).forEach(walk);
    }
  };
  walk(report);
  return { ...r, cases };
}

const expectOk = (name: string, returned: unknown) => `  - name: ${name}\n    event: { type: track, event: ok }\n    expect: { outcome: Success, returned: ${JSON.stringify(returned)} }\n`;

describe('a result too big to keep', () => {
  const handler = `let calls = 0;
async function onTrack(event) {
  calls++;
  if (event.event === 'string') return 'r'.repeat(200e6);
  if (event.event === 'object') return { nested: ['r'.repeat(200e6)] };
  if (event.event === 'logs') { for (let i = 0; i < 8; i++) console.log('l'.repeat(1e6)); return 'logged'; }
  if (event.event === 'error') throw new Error('e'.repeat(200e6));
  return calls;
}
`;

  it('a returned value or logs over the 6 MB result limit is an error result for that case, and the rest of the file is reported', async () => {
    const tooLarge = (name: string, event: string) => `  - name: ${name}\n    event: { type: track, event: ${event} }\n    expect: { outcome: Bad Request, error: { type: ResultTooLargeError } }\n`;
    const dir = project({
      big: {
        handler,
        fixture: `cases:\n${expectOk('before', 1)}${tooLarge('a 200 MB string', 'string')}${tooLarge('an object holding a 200 MB string', 'object')}${tooLarge('8 MB of logs', 'logs')}${tooLarge('a 200 MB error message', 'error')}${expectOk('after, on the same warm instance', 6)}`,
      },
    });
    const r = await testReport(dir);
    expect(r.stderr).toBe('');
    expect(lastLine(r.stdout)).toBe('6 passed, 0 failed');
    expect(r.code).toBe(0);
  });

  it('fnsync run prints a too-large returned value as an error result instead of crashing', async () => {
    const dir = makeTempDir({ 'handler.js': handler, 'event.json': JSON.stringify({ type: 'track', event: 'string' }) });
    const r = await runCli(['run', 'handler.js', '--type', 'destination', '--event', 'event.json'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { outcome: string; error: { type: string; message: string }; returned: unknown };
    expect(out).toMatchObject({ outcome: 'Bad Request', returned: null, error: { type: 'ResultTooLargeError' } });
    expect(out.error.message).toMatch(/returned value is over the 6 MB limit/);
  });
});

describe('memory outside the V8 heap', () => {
  it('Buffers a function keeps count against its memory limit: the case that grows them past it is out of memory, the rest of the file is reported', async () => {
    const dir = project({
      hoard: {
        handler: `const kept = []; let calls = 0;
async function onTrack(event) {
  calls++;
  if (event.event === 'hoard') kept.push(Buffer.alloc(256 * 1024 * 1024));
  return calls;
}
`,
        fixture: `cases:
${expectOk('before', 1)}  - name: keeping 256 MB of Buffer under a 128 MB limit
    event: { type: track, event: hoard }
    expect: { outcome: Bad Request, error: { type: OutOfMemoryError, message: the function exceeded the 128 MB memory limit; its instance was stopped } }
${expectOk('after, on a fresh instance', 1)}${expectOk('and warm again', 2)}`,
      },
    });
    const r = await testReport(dir);
    expect(r.stderr).toBe('');
    expect(lastLine(r.stdout)).toBe('4 passed, 0 failed');
  });

  it('a function holding Buffers over its limit while it awaits is stopped as it waits, not at its time limit', async () => {
    const dir = project({
      waiter: {
        handler: `async function onTrack(event) {
  // A timer keeps the awaiting invocation, and so its Buffer, reachable (a promise nothing can settle is garbage).
  if (event.event === 'wait') { const held = Buffer.alloc(200 * 1024 * 1024); await new Promise((r) => setTimeout(r, 600000)); return held.length; }
  return 'ok';
}
`,
        fixture: `cases:
  - name: holding 200 MB of Buffer while awaiting forever
    event: { type: track, event: wait }
    expect: { outcome: Bad Request, error: { type: OutOfMemoryError } }
${expectOk('after it', 'ok')}`,
        config: '    timeoutMs: 60000\n',
      },
    });
    const r = await testReport(dir);
    expect(r.stderr).toBe('');
    expect(lastLine(r.stdout)).toBe('2 passed, 0 failed');
  });

  it('a synchronous loop filling Buffers is stopped from outside, and fnsync stays far below what it would have grown to', async () => {
    // Left alone, this loop grows by about a gigabyte a second until its 60 s time limit. The worker cannot check
    // itself while it loops, so only the main thread's watch can stop it.
    const dir = project({
      loop: {
        handler: `async function onTrack(event) { if (event.event === 'loop') { const keep = []; for (;;) keep.push(Buffer.alloc(1 << 20, 1)); } return 'ok'; }\n`,
        fixture: `cases:
  - name: a loop that fills memory
    event: { type: track, event: loop }
    expect: { outcome: Bad Request, error: { type: OutOfMemoryError } }
${expectOk('after it', 'ok')}`,
        config: '    timeoutMs: 60000\n',
      },
    });
    const { code, stdout, peakRssKb } = await runMeasured(['test', '--no-record'], dir);
    expect(lastLine(stdout)).toBe('2 passed, 0 failed');
    expect(code).toBe(0);
    // Resident memory is read from /proc where there is one; the bound is generous (the budget is about 1 GB).
    if (peakRssKb !== undefined) expect(peakRssKb).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('two functions stuck in synchronous code at once', () => {
  it('a long honest computation next to a loop filling Buffers passes; only the loop is out of memory', async () => {
    // Resident memory is the process's: while both are stuck, the figures cannot say which one grew. Both are
    // stopped and run again one at a time, so the honest one is never reported out of memory for the other's loop.
    const dir = project({
      loop: {
        handler: `async function onTrack() { const keep = []; for (;;) keep.push(Buffer.alloc(1 << 20, 1)); }\n`,
        fixture: `cases:\n  - name: the loop\n    event: { type: track, event: loop }\n    expect: { outcome: Bad Request, error: { type: OutOfMemoryError } }\n`,
        config: '    timeoutMs: 60000\n',
      },
      busy: {
        handler: `async function onTrack() { let x = 0; for (let i = 0; i < 1e9; i++) x = (x + i) | 0; return typeof x; }\n`,
        fixture: `cases:\n  - name: the computation\n    event: { type: track, event: ok }\n    expect: { returned: number }\n`,
        config: '    timeoutMs: 60000\n',
      },
    });
    const r = await testReport(dir);
    expect(r.cases.get('the loop')?.status).toBe('passed');
    expect(r.cases.get('the computation')).toEqual({ status: 'passed', text: '[]' });
    expect(lastLine(r.stdout)).toBe('2 passed, 0 failed');
  });
});

describe('memory of earlier sessions', () => {
  it('a function well under its limit is never out of memory because earlier sessions in its worker left garbage', async () => {
    // About 70 MB of heap each, under the 128 MB default, in twelve files sharing the two workers.
    const files: Record<string, string> = {
      'fnsync.yaml': 'version: 1\nfunctions:\n  g:\n    type: destination\n    displayName: G\n    code: functions/g/handler.js\n',
      'functions/g/handler.js': "var table = []; for (let i = 0; i < 1e6; i++) table.push({ id: i, name: 'n' + i });\nasync function onTrack() { return table.length; }\n",
    };
    for (let n = 10; n < 22; n++) files[`functions/g/tests/t${n}.yaml`] = `cases:\n  - { name: g${n}, event: { type: track, event: x, userId: u }, expect: { returned: 1000000 } }\n`;
    const dir = makeTempDir(files);
    const r = await runCli(['test', '--no-record'], { cwd: dir });
    expect(r.stdout.trim().split('\n').at(-1)).toBe('12 passed, 0 failed');
    expect(r.code).toBe(0);
  });
});

describe('memory an invocation has just dropped', () => {
  it('functions using about 80 MB per invocation, Buffers included, or 70 MB at their top level, are never out of memory for what earlier invocations and sessions dropped', async () => {
    // Under the 128 MB default. V8 frees a dropped ArrayBuffer's memory on a sweeper that finishes after its
    // collection returns: counted before that, the previous invocation's Buffer made nearly every run fail.
    const m1 = `async function onTrack() {
  var b = Buffer.alloc(50 * 1024 * 1024, 7);
  var a = []; for (var i = 0; i < 400000; i++) a.push({ i: i, s: 'v' + i });
  await new Promise(function (r) { setTimeout(r, 30); });
  var sum = 0; for (var j = 0; j < b.length; j += 4096) sum += b[j];
  return sum + a.length;
}
`;
    const m2 = `async function onTrack() {
  var u = new Float64Array(6 * 1024 * 1024); for (var i = 0; i < u.length; i += 512) u[i] = i;
  var s = []; for (var k = 0; k < 200000; k++) s.push('row-' + k + '-' + 'x'.repeat(40));
  await new Promise(function (r) { setTimeout(r, 20); });
  return s.length + u[512];
}
`;
    // And a function whose top level holds about 70 MB, loaded in workers where those sessions ran before it.
    const top = `const table = [];\nfor (let i = 0; i < 700000; i++) table.push({ id: i, name: 'n' + i, v: i * 1.5 });\nasync function onTrack() { await new Promise((r) => setTimeout(r, 10)); return table.length; }\n`;
    const files: Record<string, string> = {
      'fnsync.yaml': ['m1', 'm2', 'top'].reduce((y, n) => `${y}  ${n}:\n    type: destination\n    displayName: ${n}\n    code: ${n}/handler.js\n`, 'version: 1\nfunctions:\n'),
      'm1/handler.js': m1,
      'm2/handler.js': m2,
      'top/handler.js': top,
    };
    for (const [fn, count, cases] of [['m1', 4, 3], ['m2', 4, 3], ['top', 6, 2]] as const) {
      for (let f = 1; f <= count; f++) {
        files[`${fn}/tests/f${f}.yaml`] = 'cases:\n' + Array.from({ length: cases }, (_, c) => `  - { name: ${fn}-f${f}-c${c}, event: { type: track, event: x, userId: u }, expect: { outcome: Success } }\n`).join('');
      }
    }
    const r = await runCli(['test', '--no-record'], { cwd: makeTempDir(files) });
    expect(r.stdout).not.toContain('OutOfMemoryError');
    expect(lastLine(r.stdout)).toBe('36 passed, 0 failed');
    expect(r.code).toBe(0);
  });
});

describe('one large allocation', () => {
  it('an array of a few hundred megabytes allocated at once is out of memory for that case, not a crash of fnsync', async () => {
    // 240 MB in one allocation, under a 128 MB limit: past V8's own cap it would abort the whole process.
    const dir = makeTempDir({ 'handler.js': `async function onTrack() { const a = new Array(3e7).fill(1.5); return a.length; }\n`, 'event.json': JSON.stringify({ type: 'track' }) });
    const r = await runCli(['run', 'handler.js', '--type', 'destination', '--event', 'event.json'], { cwd: dir });
    expect(r.stderr).not.toMatch(/FATAL ERROR/);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { outcome: string; error: { message: string } };
    expect(out).toMatchObject({ outcome: 'Bad Request' });
    expect(out.error.message).toMatch(/exceeded the 128 MB memory limit/);
  });
});

describe('the time limit', () => {
  it('holds when the worker keeps its published deadline at "never": the pool\'s own clock stops it', async () => {
    const dir = project({
      spin: {
        handler: `let calls = 0; async function onTrack(event) { calls++; if (event.event === 'spin') for (;;) {} return calls; }\n`,
        fixture: `cases:
${expectOk('before', 1)}  - name: a synchronous loop
    event: { type: track, event: spin }
    expect: { outcome: Timeout }
${expectOk('after, on a fresh instance', 1)}`,
        config: '    timeoutMs: 300\n',
      },
    });
    const r = await testReport(dir, { NODE_OPTIONS: `--import=${TAMPER}`, FNSYNC_TAMPER: 'deadline' });
    expect(r.stderr).toBe('');
    expect(lastLine(r.stdout)).toBe('3 passed, 0 failed');
  });
});

describe('messages from a worker', () => {
  const two = () =>
    project({
      first: { handler: `async function onTrack() { return 'first'; }\n`, fixture: `cases:\n${expectOk('one', 'first')}${expectOk('two', 'first')}` },
      second: { handler: `async function onTrack() { return 'second'; }\n`, fixture: `cases:\n${expectOk('three', 'second')}${expectOk('four', 'second')}` },
    });

  it('a malformed result fails only the case it claims to be for', async () => {
    const r = await testReport(two(), { NODE_OPTIONS: `--import=${TAMPER}`, FNSYNC_TAMPER: 'bad-result' });
    expect(r.stderr).toBe('');
    expect(lastLine(r.stdout)).toBe('3 passed, 1 failed');
    expect(r.code).toBe(1);
    expect(r.cases.get('one')).toMatchObject({ status: 'failed' });
    expect(r.cases.get('one')!.text).toContain('the runtime worker sent a malformed result for this case (logs are not log lines)');
    for (const name of ['two', 'three', 'four']) expect(r.cases.get(name)).toMatchObject({ status: 'passed' });
  });

  it('garbage from a worker fails only that worker\'s session: the other function is reported and fnsync exits normally', async () => {
    const r = await testReport(two(), { NODE_OPTIONS: `--import=${TAMPER}`, FNSYNC_TAMPER: 'garbage' });
    expect(r.stderr).toBe('');
    expect(lastLine(r.stdout)).toBe('2 passed, 2 failed');
    expect(r.code).toBe(1);
    for (const name of ['one', 'two']) {
      expect(r.cases.get(name)).toMatchObject({ status: 'failed' });
      expect(r.cases.get(name)!.text).toContain('sent a malformed reply (a message that is not a reply), so it was stopped');
    }
    for (const name of ['three', 'four']) expect(r.cases.get(name)).toMatchObject({ status: 'passed' });
  });
});

describe('thrown values', () => {
  it('a thrown exotic value (throwing Proxy, throwing getters, null, a Symbol, a revoked Proxy) fails only its own case, and the rest of the file is reported', async () => {
    const handler = `let calls = 0;
const trap = () => { throw new Error('trap'); };
async function onTrack(event) {
  calls++;
  switch (event.event) {
    case 'proxy': throw new Proxy({}, { get: trap, has: trap, getPrototypeOf: trap, ownKeys: trap, getOwnPropertyDescriptor: trap });
    case 'getters': throw { get name() { trap(); }, get message() { trap(); }, get stack() { trap(); } };
    case 'message-object': throw { message: { toString: trap } };
    case 'thrown-null': throw null;
    case 'symbol': throw Symbol('thrown');
    case 'revoked': { const r = Proxy.revocable({}, {}); r.revoke(); throw r.proxy; }
  }
  return calls;
}
`;
    const thrown = (event: string, error: string) => `  - name: throws ${event}\n    event: { type: track, event: ${event} }\n    expect: { outcome: Bad Request, error: ${error} }\n`;
    const undescribable = '{ type: Error, message: the function threw a value that cannot be described }';
    const dir = project({
      exotic: {
        handler,
        fixture: `cases:\n${expectOk('before', 1)}${thrown('proxy', undescribable)}${thrown('getters', undescribable)}${thrown('message-object', undescribable)}${thrown('thrown-null', '{ type: "null", message: "null" }')}${thrown('symbol', '{ type: symbol, message: Symbol(thrown) }')}${thrown('revoked', undescribable)}${expectOk('after, on the same warm instance', 8)}`,
      },
      'exotic-top-level': {
        handler: `throw new Proxy({}, { get() { throw 1; }, has() { throw 1; }, getPrototypeOf() { throw 1; } });\nasync function onTrack() {}\n`,
        fixture: `cases:\n  - name: a file whose top level throws a Proxy\n    event: { type: track }\n    expect: { outcome: Bad Request, error: { message: "the function failed to load: the function threw a value that cannot be described" } }\n`,
      },
    });
    const r = await testReport(dir);
    expect(r.stderr).toBe('');
    expect(lastLine(r.stdout)).toBe('9 passed, 0 failed');
    expect(r.code).toBe(0);
  });
});

/** Spawns fnsync and samples its resident memory from /proc (Linux) while it runs; undefined elsewhere. */
function runMeasured(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; peakRssKb: number | undefined }> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
    for (const key of Object.keys(env)) if (key.startsWith('SEGMENT_') || key === 'CI') delete env[key];
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let peak: number | undefined;
    child.stdout.on('data', (d) => (stdout += d));
    const sample = () => {
      try {
        const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
        if (Number.isFinite(kb)) peak = Math.max(peak ?? 0, kb);
      } catch {
        // no /proc here, or the process has just exited
      }
    };
    const timer = setInterval(sample, 20);
    const kill = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      clearTimeout(kill);
      resolve({ code, stdout, peakRssKb: peak });
    });
  });
}
