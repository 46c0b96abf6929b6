import { encodeModule } from './encodeModule';
import type { FunctionBuilder } from './functionBuilder';

/**
 * Compiled WebAssembly modules by key, each compiled once per thread: a second run on the same network
 * (the CLI's next optimizer, a re-train, a live scrub) reuses V8's compiled code. A refusal is kept too
 * (WebAssembly or its SIMD missing, or a Content-Security-Policy without 'wasm-unsafe-eval'), so it is
 * not tried again on every run. Past `limit` keys the cache starts over.
 *
 * @example
 * const epochs = new ModuleCache(16);
 * epochs.get('2,5,2,1/adam', () => ({ runEpoch: epochFunction(layout, adam) })); // undefined where refused
 */
export class ModuleCache {
  private readonly modules = new Map<string, WebAssembly.Module | null>();

  constructor(private readonly limit = Infinity) {}

  get(key: string, functions: () => Readonly<Record<string, FunctionBuilder>>): WebAssembly.Module | undefined {
    if (!this.modules.has(key)) {
      let module: WebAssembly.Module | null;
      try {
        module = new WebAssembly.Module(encodeModule(functions()));
      } catch {
        module = null;
      }
      if (this.modules.size >= this.limit) this.modules.clear();
      this.modules.set(key, module);
    }
    return this.modules.get(key) ?? undefined;
  }
}
