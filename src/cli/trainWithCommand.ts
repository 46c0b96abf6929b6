// `optlab train --with FILE.py`: the notebook's model() loop with the learner's own functions, beside
// the reference the core trains with the same config, and where the two part.
import { readFileSync } from 'node:fs';
import { definedUpdates, missingFunctionsMessage, UPDATE_FUNCTIONS, type LearnerOptimizer } from '../checker/training/learnerFunctions';
import { trainWithLearnerFunctions, type LearnerRunResult } from '../checker/training/learnerTraining';
import { optimizer as optimizerDefinition, type OptimizerId } from '../core/optimizers/registry';
import type { TrainConfig } from '../core/trainer/trainConfig';
import { EXIT_FAILURE, EXIT_OK, type CliIo } from './cliIo';
import { formatPercentF } from './formatNumbers';
import type { TrainingData } from './loadTrainingData';
import type { TrainInvocation } from './trainArgs';
import { UsageError } from './usageError';


/** The JSON of one optimizer with --with: the learner's run, the reference's, where they part. */
export interface TrainWithJson {
  status: LearnerRunResult['status'];
  accuracy: number;
  costs: number[];
  printed_costs: number[];
  seconds: number;
  reference: { accuracy: number; costs: number[]; printed_costs: number[]; seconds: number };
  departure: LearnerRunResult['departure'];
  error?: LearnerRunResult['error'];
  /** The epoch whose cost became NaN or infinite (status "diverged"). */
  diverged_at?: number;
}

/** Reads the learner's file; without --optimizer, the notebook's optimizers whose update function it defines. */
export function learnerOptimizers(invocation: TrainInvocation, source: string): LearnerOptimizer[] {
  const wanted = invocation.optimizers as OptimizerId[];
  if (wanted.length > 0) return wanted as LearnerOptimizer[];
  const found = definedUpdates(source);
  if (found.length === 0) throw new UsageError(`${invocation.withFile} defines none of ${Object.values(UPDATE_FUNCTIONS).join(', ')}`);
  return found;
}

export async function runTrainWith(
  invocation: TrainInvocation & { withFile: string },
  data: TrainingData,
  configFor: (optimizer: OptimizerId) => TrainConfig,
  io: CliIo,
): Promise<number> {
  let source: string;
  try {
    source = readFileSync(invocation.withFile, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${invocation.withFile}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const optimizers = learnerOptimizers(invocation, source);
  // Every function missing, before anything trains (the trainer would stop at the first one).
  for (const o of optimizers) {
    const missing = missingFunctionsMessage(invocation.withFile, source, o);
    if (missing !== undefined) throw new UsageError(missing);
  }
  const json: Record<string, TrainWithJson> = {};
  let failed = false;
  for (const o of optimizers) {
    const config = configFor(o) as TrainConfig & { optimizer: LearnerOptimizer };
    const title = optimizerDefinition(o).title;
    if (!invocation.json) io.out(`${title} (${o}) with your functions from ${invocation.withFile}: ${config.numEpochs} epochs on ${data.description}\n`);
    const progress = io.progress?.(o, config.numEpochs);
    let r: LearnerRunResult;
    try {
      r = await trainWithLearnerFunctions({
        pythonPath: invocation.pythonPath,
        source,
        X: data.X,
        Y: data.Y,
        config,
        timeLimitMs: invocation.timeLimitSeconds * 1000,
        onRecord: (epoch) => progress?.update(epoch + 1),
      });
    } finally {
      progress?.stop();
    }
    failed ||= r.status !== 'finished' || r.departure !== null;
    json[o] = {
      status: r.status,
      accuracy: r.accuracy,
      costs: r.costs,
      printed_costs: r.printedCosts,
      seconds: r.seconds,
      reference: { accuracy: r.reference.accuracy, costs: r.reference.costs, printed_costs: r.reference.printedCosts, seconds: r.reference.seconds },
      departure: r.departure,
      ...(r.error ? { error: r.error } : {}),
      ...(r.divergedAt !== undefined ? { diverged_at: r.divergedAt } : {}),
    };
    if (!invocation.json) report(r, config, io);
  }
  if (invocation.json) io.out(`${JSON.stringify(json)}\n`);
  // Scripts see a learner's run that failed or left the reference in the exit status.
  return failed ? EXIT_FAILURE : EXIT_OK;
}

function report(r: LearnerRunResult, config: TrainConfig, io: CliIo): void {
  r.printedCosts.forEach((cost, i) => io.out(`Cost after epoch ${i * config.printEvery}: ${formatPercentF(cost)}\n`));
  if (r.status === 'finished' || r.status === 'diverged') {
    io.out(`Accuracy: ${r.accuracy.toFixed(4)} (reference ${r.reference.accuracy.toFixed(4)})\n`);
    io.out(`Trained in ${r.seconds.toFixed(3)} s (reference ${r.reference.seconds.toFixed(3)} s)\n`);
  }
  if (r.error) {
    const where = [r.error.epoch !== undefined ? `epoch ${r.error.epoch}` : '', r.error.miniBatch !== undefined ? `mini-batch ${r.error.miniBatch}` : '', r.error.line ? `line ${r.error.line}` : '']
      .filter(Boolean)
      .join(', ');
    io.err(`${r.error.function ? `Your ${r.error.function}` : 'Your run'} ${r.status === 'timeout' ? 'was stopped' : 'failed'}${where ? ` (${where})` : ''}: ${r.error.message}\n`);
  }
  if (r.status === 'diverged') io.err(`Your run diverged at epoch ${r.divergedAt}: its cost became NaN or infinite.\n`);
  if (r.departure) {
    const d = r.departure;
    io.err(`${d.title.charAt(0).toUpperCase()}${d.title.slice(1)} — in ${d.function}${d.line ? ` (line ${d.line})` : ''}.\n${d.hint}\n`);
  } else if (r.status === 'finished') {
    io.out('Your run matches the reference at every point compared (the first mini-batch steps and every recorded epoch).\n');
  }
  io.out('\n');
}
