import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromNested, type Matrix } from '../../../src/core/linalg/matrix';
import { defaultTrainConfig, type TrainConfig } from '../../../src/core/trainer/trainConfig';

// Made by scripts/make_training_fixtures.py from numpy's own training loop.
const DIR = join(__dirname, '..', '..', 'fixtures', 'training');

export interface TrainingFixture {
  name?: string;
  dataset: string;
  config: Omit<TrainConfig, 'learningRateAt'>;
  costs: number[];
  printed_costs: number[];
  accuracy: number;
  parameters: Record<string, number[][]>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(DIR, file), 'utf8')) as T;
}

const datasets = readJson<Record<string, { X: number[][]; Y: number[][] }>>('datasets.json');

export function fixtureDataset(name: string): { X: Matrix; Y: Matrix } {
  const d = datasets[name];
  if (d === undefined) throw new Error(`No data set ${name} in datasets.json`);
  return { X: fromNested(d.X), Y: fromNested(d.Y) };
}

// The fixtures name the fields numpy's loop takes; the rest (other optimizers' hyperparameters, decay) keep their defaults.
const completed = (fixture: TrainingFixture): TrainingFixture => ({
  ...fixture,
  config: { ...defaultTrainConfig(fixture.config.optimizer, fixture.config.layersDims[0]), ...fixture.config },
});

export const matrixFixtures = readJson<TrainingFixture[]>('matrix.json').map(completed);
/** Runs whose cost is NaN at some epochs (saturated outputs, 0 * log 0); NaN is null in JSON, and no parameters are kept. */
export const saturationFixtures = readJson<(Omit<TrainingFixture, 'costs' | 'printed_costs' | 'parameters'> & { costs: (number | null)[]; printed_costs: (number | null)[] })[]>(
  'saturation.json',
).map((fixture) => ({ ...fixture, config: { ...defaultTrainConfig(fixture.config.optimizer, fixture.config.layersDims[0]), ...fixture.config } }));
export const defaultFixtures = Object.fromEntries(
  Object.entries(readJson<Record<'gd' | 'momentum' | 'adam', TrainingFixture>>('defaults.json')).map(([k, f]) => [k, completed(f)]),
) as Record<'gd' | 'momentum' | 'adam', TrainingFixture>;

/** Largest |a - b| / max(1, |b|) over two equally long lists; throws on a length mismatch. */
export function maxRelativeError(actual: readonly number[], expected: readonly number[]): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = expected[i]!;
    worst = Math.max(worst, Math.abs(actual[i]! - e) / Math.max(1, Math.abs(e)));
  }
  return Number.isNaN(worst) ? Infinity : worst;
}
