// Defence in depth for the worker's own realm. Function code lives in its own closed realm (sandbox.ts), but Node
// still hands some values of this realm to it: on Node 20, the error an `import()` rejects with in a vm context is
// created here (code generated at run time with `allowCodeGeneration`, or a project SDK, can call `import()`).
// From such an error, `.constructor.constructor` would be this realm's Function, which compiles code with
// `process` in reach. So the worker removes the way there: the `constructor` of every kind of function prototype
// is cut, once, before any function code runs. fnsync's own code never reaches Function through it.
export function hardenWorkerRealm(): void {
  const kinds = [function () {}, async function () {}, function* () {}, async function* () {}];
  for (const sample of kinds) {
    Object.defineProperty(Object.getPrototypeOf(sample), 'constructor', { value: undefined, writable: false, enumerable: false, configurable: false });
  }
}
