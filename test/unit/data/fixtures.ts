import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DATASETS = join(__dirname, '..', '..', 'fixtures', 'datasets');

export function fixtureBytes(folder: 'good' | 'bad', name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(DATASETS, folder, name)));
}

/** The notebook's moons as numpy made them (make_datasets.py), in the notebook's shapes. */
export function expectedMoons(): { X: number[][]; Y: number[][] } {
  return JSON.parse(readFileSync(join(DATASETS, 'good', 'expected.json'), 'utf8')) as { X: number[][]; Y: number[][] };
}
