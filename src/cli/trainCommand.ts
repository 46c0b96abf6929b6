import { optimizer as optimizerDefinition } from '../core/optimizers/registry';
import { TrainConfigError } from '../core/trainer/trainConfig';
import { defaultTrainConfig, train, validateTrainConfig, type TrainConfig, type TrainResult } from '../core/trainer/trainer';
import { EXIT_FAILURE, EXIT_OK, type CliIo } from './cliIo';
import { formatPercentF } from './formatNumbers';
import { TRAIN_HELP } from './help';
import { assertTrainingFits, loadTrainingData, type TrainingData } from './loadTrainingData';
import { summaryTable } from './summaryTable';
import { runTrainWith } from './trainWithCommand';
import { FLAG_OF_FIELD, parseTrainArgs, type TrainInvocation } from './trainArgs';
import { UsageError } from './usageError';

/** The JSON `--json` prints per optimizer (the same keys scripts/numpy_model.py prints). */
export interface TrainJson {
  accuracy: number;
  costs: number[];
  printed_costs: number[];
  seconds: number;
  /** Only when the cost became NaN or infinite: where, and the likely cause. */
  diverged?: { epoch: number; cause: string };
  /** Only when the run learned nothing useful (accuracy at the majority-class rate). */
  warning?: string;
}

function configFor(invocation: TrainInvocation, optimizer: TrainConfig['optimizer'], data: TrainingData): TrainConfig {
  const config: TrainConfig = { ...defaultTrainConfig(optimizer, data.X.rows), ...invocation.overrides };
  if (invocation.layers !== undefined) config.layersDims = invocation.layers;
  if (invocation.decay !== undefined) config.decay = invocation.decay;
  try {
    validateTrainConfig(config, data.X.rows, data.Y.rows);
  } catch (e) {
    if (!(e instanceof TrainConfigError)) throw e;
    // "learningRate must be ..." -> "--learning-rate must be ...": the user typed flags, not fields.
    const [, field, index] = /^(\w+)(\[\d+\])?$/.exec(e.field) ?? [];
    const flag = field === undefined ? undefined : FLAG_OF_FIELD[field];
    throw new UsageError(flag === undefined ? e.message : e.renamed(`${flag}${index ?? ''}`));
  }
  assertTrainingFits(config.layersDims, data);
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
  if (invocation.withFile !== undefined) {
    return runTrainWith({ ...invocation, withFile: invocation.withFile }, data, (o) => configFor(invocation, o, data), io);
  }
  const configs = invocation.optimizers.map((o) => configFor(invocation, o, data));
  const results: TrainResult[] = [];
  for (const config of configs) {
    if (!invocation.json) {
      io.out(`${optimizerDefinition(config.optimizer).title} (${config.optimizer}): ${config.numEpochs} epochs on ${data.description}, layers ${config.layersDims.join(',')}\n`);
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
    if (result.diverged) {
      io.err(`${optimizerDefinition(config.optimizer).title} diverged at epoch ${result.diverged.epoch} (cost ${formatPercentF(result.diverged.cost)}): ${result.diverged.cause}\n`);
    } else if (result.warning) {
      io.err(`${optimizerDefinition(config.optimizer).title}: ${result.warning}\n`);
    }
  }
  if (invocation.json) {
    const json: Record<string, TrainJson> = {};
    for (const r of results) {
      json[r.optimizer] = {
        accuracy: r.accuracy,
        costs: r.costs,
        printed_costs: r.printedCosts,
        seconds: r.seconds,
        ...(r.diverged ? { diverged: { epoch: r.diverged.epoch, cause: r.diverged.cause } } : {}),
        ...(r.warning ? { warning: r.warning } : {}),
      };
    }
    io.out(`${JSON.stringify(json)}\n`);
  } else if (results.length > 1) {
    io.out(summaryTable(results));
  }
  // A diverged run is a failed run: scripts and CI see it in the exit status.
  return results.some((r) => r.diverged) ? EXIT_FAILURE : EXIT_OK;
}
