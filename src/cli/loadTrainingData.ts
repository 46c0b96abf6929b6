import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Matrix } from '../core/linalg/matrix';
import { makeMoons } from '../core/data/moons';
import { trainingSizeProblem } from '../core/data/networkLimits';
import { npyCompanionNames } from '../core/data/npy';
import { datasetFormat, readDataset, type DatasetFile } from '../core/data/readDataset';
import { readDatasetFile } from './readDatasetFile';
import type { DatasetSource } from './trainArgs';
import { UsageError } from './usageError';

export interface TrainingData {
  X: Matrix;
  Y: Matrix;
  /** For the human output: "moons (300 examples)" or "data.csv (120 examples)". */
  description: string;
}

/**
 * The built-in moons, or a data-set file (CSV, JSON, .npz, .mat, or an .npy pair whose other half
 * is found beside it). Malformed files throw DatasetError with the file, line and problem.
 */
export function loadTrainingData(source: DatasetSource): TrainingData {
  if (source.kind === 'moons') {
    const { X, Y } = makeMoons(source.samples, source.noise, source.dataSeed);
    return { X, Y, description: `moons (${source.samples} examples, noise ${source.noise}, seed ${source.dataSeed})` };
  }
  const bytes = readDatasetFile(source.path);
  let companion: DatasetFile | undefined;
  if (datasetFormat(source.path) === 'npy') {
    const partner = npyCompanionNames(source.path).find((p) => existsSync(p));
    if (partner !== undefined) companion = { bytes: readDatasetFile(partner), fileName: partner };
  }
  const { X, Y } = readDataset(bytes, source.path, companion);
  return { X, Y, description: `${basename(source.path)} (${X.cols} examples, ${X.rows} features)` };
}

/**
 * Refuses, before training allocates anything, a network too large for the data set's size
 * (`--layers 2,5000,5000,1` on a million examples), naming the limit.
 */
export function assertTrainingFits(layers: readonly number[], data: TrainingData): void {
  const problem = trainingSizeProblem(layers, data.X.cols);
  if (problem !== undefined) throw new UsageError(`network too large for ${data.description}: ${problem}`);
}
