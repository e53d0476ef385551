// Freezes `Date` per invocation. The replacement is evaluated as source in each realm that needs it: the function's
// own realm, where its code and the preinstalled libraries (moment, jsonwebtoken, cache) read the clock, and the
// worker's, where fnsync stamps `Segment` messages.

/** Source text that replaces the realm's `Date` and returns a setter: `set(ms)` freezes, `set(null)` thaws. */
export const FROZEN_CLOCK_SOURCE = `(() => {
  const RealDate = Date;
  let frozen = null;
  const current = () => (frozen === null ? RealDate.now() : frozen);
  const FrozenDate = function Date(...args) {
    if (!new.target) return new RealDate(current()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [current()] : args, new.target);
  };
  Object.defineProperty(FrozenDate, 'length', { value: 7 });
  FrozenDate.prototype = RealDate.prototype;
  FrozenDate.now = function now() { return current(); };
  FrozenDate.parse = RealDate.parse;
  FrozenDate.UTC = RealDate.UTC;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: FrozenDate, writable: true, configurable: true });
  globalThis.Date = FrozenDate;
  return (ms) => { frozen = ms; };
})()`;

/** Sets or clears the frozen instant in one realm. */
export type ClockSetter = (ms: number | null) => void;
