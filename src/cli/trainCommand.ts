import { defaultTrainConfig, train, validateTrainConfig, type TrainConfig, type TrainResult } from '../core/training/trainer';
import { EXIT_OK, type CliIo } from './cliIo';
import { formatPercentF } from './formatNumbers';
import { TRAIN_HELP } from './help';
import { assertTrainingFits, loadTrainingData, type TrainingData } from './loadTrainingData';
import { OPTIMIZER_TITLES, summaryTable } from './summaryTable';
import { FLAG_OF_FIELD, parseTrainArgs, type TrainInvocation } from './trainArgs';
import { UsageError } from './usageError';

/** The JSON `--json` prints per optimizer (the same keys scripts/numpy_model.py prints). */
export interface TrainJson {
  accuracy: number;
  costs: number[];
  printed_costs: number[];
  seconds: number;
}

function configFor(invocation: TrainInvocation, optimizer: TrainConfig['optimizer'], data: TrainingData): TrainConfig {
  const config: TrainConfig = { ...defaultTrainConfig(optimizer, data.X.rows), ...invocation.overrides };
  if (invocation.layers !== undefined) config.layersDims = invocation.layers;
  try {
    validateTrainConfig(config, data.X.rows, data.Y.rows);
  } catch (e) {
    // "learningRate must be ..." -> "--learning-rate must be ...": the user typed flags, not fields.
    const message = (e as Error).message.replace(/^(\w+)(\[\d+\])?/, (all, field: string, index: string | undefined) =>
      FLAG_OF_FIELD[field] === undefined ? all : `${FLAG_OF_FIELD[field]}${index ?? ''}`,
    );
    throw new UsageError(message);
  }
  return config;
}

/** `optlab train ...`: trains each optimizer in turn; prints as the notebook does, or JSON. */
export async function runTrainCommand(args: string[], io: CliIo): Promise<number> {
  const invocation = parseTrainArgs(args);
  if (invocation.help) {
    io.out(TRAIN_HELP);
    return EXIT_OK;
  }
  const data = loadTrainingData(invocation.dataset);
  const configs = invocation.optimizers.map((o) => configFor(invocation, o, data));
  for (const config of configs) assertTrainingFits(config.layersDims, data);
  const results: TrainResult[] = [];
  for (const config of configs) {
    if (!invocation.json) {
      io.out(`${OPTIMIZER_TITLES[config.optimizer]} (${config.optimizer}): ${config.numEpochs} epochs on ${data.description}, layers ${config.layersDims.join(',')}\n`);
    }
    const progress = io.progress?.(config.optimizer, config.numEpochs);
    let result: TrainResult;
    try {
      result = train(data.X, data.Y, config, { onRecord: (record) => progress?.update(record.epoch + 1) });
    } finally {
      progress?.stop();
    }
    results.push(result);
    if (!invocation.json) {
      result.printedCosts.forEach((cost, i) => io.out(`Cost after epoch ${i * config.printEvery}: ${formatPercentF(cost)}\n`));
      io.out(`Accuracy: ${result.accuracy.toFixed(4)}\n`);
      io.out(`Trained in ${result.seconds.toFixed(3)} s\n\n`);
    }
  }
  if (invocation.json) {
    const json: Record<string, TrainJson> = {};
    for (const r of results) json[r.optimizer] = { accuracy: r.accuracy, costs: r.costs, printed_costs: r.printedCosts, seconds: r.seconds };
    io.out(`${JSON.stringify(json)}\n`);
  } else if (results.length > 1) {
    io.out(summaryTable(results));
  }
  return EXIT_OK;
}
