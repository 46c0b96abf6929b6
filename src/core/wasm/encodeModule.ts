import { FunctionBuilder, unsignedLeb, VALUE_TYPE_CODES } from './functionBuilder';

/**
 * The binary of a module that imports its memory as `env.memory` and exports `functions` by name.
 *
 * @example
 * new WebAssembly.Module(encodeModule({ run: builder })); // imports { env: { memory } }
 */
export function encodeModule(functions: Readonly<Record<string, FunctionBuilder>>): Uint8Array<ArrayBuffer> {
  const names = Object.keys(functions);
  const bodies = names.map((name) => functions[name]!);
  const name = (text: string): number[] => {
    const bytes = Array.from(new TextEncoder().encode(text));
    return [...unsignedLeb(bytes.length), ...bytes];
  };
  const vector = (items: number[][]): number[] => [...unsignedLeb(items.length), ...items.flat()];
  const section = (id: number, content: number[]): number[] => [id, ...unsignedLeb(content.length), ...content];

  const types = bodies.map((f) => [0x60, ...vector(f.params.map((t) => [VALUE_TYPE_CODES[t]])), ...vector(f.results.map((t) => [VALUE_TYPE_CODES[t]]))]);
  const memoryImport = [...name('env'), ...name('memory'), 0x02, 0x00, 0x01]; // memory, limits: min 1 page, no max
  const code = bodies.map((f) => {
    // Locals are declared as runs of one type.
    const runs: number[][] = [];
    for (let i = 0; i < f.locals.length; ) {
      let j = i;
      while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
      runs.push([...unsignedLeb(j - i), VALUE_TYPE_CODES[f.locals[i]!]]);
      i = j;
    }
    const body = [...vector(runs), ...f.code, 0x0b];
    return [...unsignedLeb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector([memoryImport])),
    ...section(3, vector(bodies.map((_, i) => unsignedLeb(i)))),
    ...section(7, vector(names.map((n, i) => [...name(n), 0x00, ...unsignedLeb(i)]))),
    ...section(10, vector(code)),
  ]);
}
