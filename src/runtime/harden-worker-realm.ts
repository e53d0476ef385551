// Defence in depth for the worker's own realm. Function code lives in its own closed realm (sandbox.ts), but Node
// still hands some values of this realm to it: on Node 20, the error an `import()` rejects with in a vm context is
// created here (code generated at run time with `allowCodeGeneration`, or a project SDK, can call `import()`; every
// known way to write one is refused, but this is what is left if a way is ever found).
//  - From such an error, `.constructor.constructor` would be this realm's Function, which compiles code with
//    `process` in reach. So the `constructor` of every kind of function prototype is cut, once, before any function
//    code runs. fnsync's own code never reaches Function through it.
//  - Through its prototype chain, the error reaches this realm's built-in prototypes, which fnsync's own code in the
//    worker uses for every session: a property added there (a `toJSON` getter on Object.prototype) would run on
//    objects fnsync serialises for another function, and stay for later sessions. So no property can be added to
//    them. (They are not frozen: assigning a method to an object whose prototype has a read-only one of that name
//    fails, and libraries do that.)
const SHARED_PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype, Boolean.prototype, Symbol.prototype, Promise.prototype, Error.prototype, RegExp.prototype, Date.prototype, Map.prototype, Set.prototype];

export function hardenWorkerRealm(): void {
  const kinds = [function () {}, async function () {}, function* () {}, async function* () {}];
  for (const sample of kinds) {
    Object.defineProperty(Object.getPrototypeOf(sample), 'constructor', { value: undefined, writable: false, enumerable: false, configurable: false });
  }
  for (const prototype of SHARED_PROTOTYPES) Object.preventExtensions(prototype);
}
