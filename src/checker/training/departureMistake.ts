// Names the mistake behind a departure: the function the departure points to is checked with the notebook's
// cases (the same checker as the CodeLens), and the first mistake it names is said with the departure.
import { Checker } from '../checker';
import { isGradedFunction } from '../types';
import type { Departure } from './departure';

export interface DepartureMistakeOptions {
  pythonPath: string;
  /** Each checked call's limit (the checker's own default is 10 s). */
  timeoutMs?: number;
}

/**
 * The departure with the checker's name for its mistake (id, the title and hint in `hint`, the line the mistake
 * is on), or as it was when the departure already names one, the function passes its cases (a difference only
 * many steps show) or Python cannot check it. Never rejects.
 */
export async function withCheckerMistake(departure: Departure, source: string, options: DepartureMistakeOptions): Promise<Departure> {
  if (departure.mistake !== null || !isGradedFunction(departure.function)) return departure;
  const checker = new Checker({ pythonPath: options.pythonPath, timeoutMs: options.timeoutMs ?? 10_000, memoryLimitMb: 1024, workers: 1 });
  try {
    const [report] = await checker.checkSource(source, [departure.function]);
    const named = report?.checks.find((c) => c.status === 'fail' && c.mistake !== null);
    if (!named?.mistake) return departure;
    const title = named.title ?? named.mistake;
    return {
      ...departure,
      mistake: named.mistake,
      mistakeTitle: title,
      line: named.mistakeLine ?? departure.line,
      hint: `The checker names it: ${title}.${named.hint ? ` ${named.hint}` : ''}`,
    };
  } catch {
    return departure; // Python could not check it: the departure still says where the runs part
  } finally {
    checker.dispose();
  }
}
