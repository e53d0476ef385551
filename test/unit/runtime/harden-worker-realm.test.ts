// The worker's own realm, hardened before any function code runs (harden-worker-realm.ts): if a value of this realm
// ever reached function code, it would lead to no Function and could add nothing to the built-in prototypes that
// fnsync's code shares across sessions. Run in a child process, since it changes the realm it runs in.
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MODULE = pathToFileURL(join(import.meta.dirname, '../../../src/runtime/harden-worker-realm.ts')).href;

describe('the hardened worker realm', () => {
  it('cuts the constructor of every function kind and lets nothing be added to the shared prototypes, while fnsync-like code still works', () => {
    const script = `
      const { hardenWorkerRealm } = await import(${JSON.stringify(MODULE)});
      const err = new Error('from this realm');
      hardenWorkerRealm();
      const out = {};
      out.constructor = [function () {}, async function () {}, function* () {}].map((f) => typeof f.constructor);
      out.walk = typeof err.constructor.constructor;
      out.adds = [Object.prototype, Array.prototype, Function.prototype, Promise.prototype, Error.prototype].map((p) => {
        try { Object.defineProperty(p, 'toJSON', { get() { return 'stolen'; } }); return 'added'; } catch (e) { return e.name; }
      });
      out.assign = (() => { try { Object.prototype.qaLoot = [1]; } catch (e) { return e.name + ', ' + typeof ({}).qaLoot; } return 'assigned'; })();
      // What fnsync's own code does keeps working: classes, JSON, methods assigned on its own prototypes.
      class Result { constructor() { this.ok = true; } }
      function Legacy() {}
      Legacy.prototype.describe = function () { return 'legacy'; };
      out.works = [JSON.stringify(new Result()), new Legacy().describe(), [3, 1, 2].sort().join(), JSON.stringify({ a: [1] })];
      console.log(JSON.stringify(out));
    `;
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(stdout)).toEqual({
      constructor: ['undefined', 'undefined', 'undefined'],
      walk: 'undefined',
      adds: ['TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError'],
      assign: 'TypeError, undefined',
      works: ['{"ok":true}', 'legacy', '1,2,3', '{"a":[1]}'],
    });
  });
});
