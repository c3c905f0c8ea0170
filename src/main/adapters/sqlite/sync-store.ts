/**
 * The synchronous twin of an async port: what a node:sqlite store implements. SQLite answers at
 * once, so the adapter writes plain functions and `asPort` wraps them in promises.
 */
export type SyncStore<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/** Wraps each method of a synchronous store so it answers (or fails) through a promise. */
export function asPort<T extends object>(store: SyncStore<T>, gate: <R>(call: () => R) => Promise<R>): T {
  const port: Record<string, unknown> = {};
  let proto: object | null = store;
  while (proto !== null && proto !== Object.prototype) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const value = (store as Record<string, unknown>)[key];
      if (key === 'constructor' || typeof value !== 'function' || key in port) continue;
      port[key] = (...args: unknown[]) => gate(() => (value as (...a: unknown[]) => unknown).apply(store, args));
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return port as T;
}
