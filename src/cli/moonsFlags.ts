import { parseIntegerFlag, parseNumberFlag } from './parseNumbers';
import { UsageError } from './usageError';

/** The flags that shape the built-in moons set, in `optlab train` and `optlab dataset moons` alike. */
export const MOONS_OPTIONS = {
  samples: { type: 'string' },
  noise: { type: 'string' },
  'data-seed': { type: 'string' },
} as const;

/** `np.random.seed(dataSeed); make_moons(samples, noise=noise)`. */
export interface MoonsSettings {
  samples: number;
  noise: number;
  dataSeed: number;
}

/** Reads --samples, --noise and --data-seed (the notebook's 300, 0.2 and 3 when absent), or throws a UsageError naming the flag. */
export function parseMoonsFlags(values: { samples?: string; noise?: string; 'data-seed'?: string }): MoonsSettings {
  const samples = values.samples === undefined ? 300 : parseIntegerFlag('--samples', values.samples);
  const noise = values.noise === undefined ? 0.2 : parseNumberFlag('--noise', values.noise);
  const dataSeed = values['data-seed'] === undefined ? 3 : parseIntegerFlag('--data-seed', values['data-seed']);
  if (noise < 0) throw new UsageError(`--noise must be >= 0, got ${noise}`);
  if (dataSeed < 0 || dataSeed > 0xffffffff) throw new UsageError(`--data-seed must be between 0 and 2**32 - 1, got ${dataSeed}`);
  return { samples, noise, dataSeed };
}
