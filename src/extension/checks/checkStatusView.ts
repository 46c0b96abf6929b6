/** What the checks' status bar item says for a state (no editor API here, so it is unit-tested in Node). */
import type { CheckState } from '../../shared/protocol';

export interface StatusBarView {
  text: string;
  tooltip: string;
  warning: boolean;
}

/** What the item shows for a state; undefined hides it (no graded function open). */
export function statusBarView(state: CheckState): StatusBarView | undefined {
  if (state.functions === 0 && state.running === 0) return undefined;
  if (state.problem === 'untrusted') {
    return { text: '$(workspace-untrusted) Notebook tests off', tooltip: 'Trust this workspace to run the notebook tests on your functions', warning: false };
  }
  if (state.problem === 'python-unavailable') {
    return { text: '$(warning) Notebook tests: no Python', tooltip: 'Python with numpy was not found: select an interpreter or set optimizationLab.pythonPath', warning: true };
  }
  if (state.running > 0) {
    return { text: `$(sync~spin) Checking ${state.running}…`, tooltip: 'Running the notebook tests on your functions', warning: false };
  }
  if (state.failed > 0) {
    return { text: `$(error) ${state.failed} failed, ${state.passed} passed`, tooltip: 'Notebook tests: open the Test Explorer', warning: false };
  }
  if (state.passed > 0) {
    return { text: `$(pass) ${state.passed} passed`, tooltip: 'Notebook tests: open the Test Explorer', warning: false };
  }
  return undefined;
}
