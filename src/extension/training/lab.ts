// The lab: what the panel's controls ask for (train, compare, live scrubbing, step, save as defaults,
// save config, reset) and the messages that answer them (`controls`, `step`, `labError`), for every
// open webview. Runs a `*.optlab.json` config file too.
import * as vscode from 'vscode';
import { NOTEBOOK_OPTIMIZER_IDS } from '../../core/optimizers/registry';
import { CONFIG_PARAMETERS } from '../../core/trainer/trainConfig';
import { configFileText, readConfigFile } from '../../shared/labConfigFile';
import { validateLabControls, type LabControls, type LabNumbers, type StepView } from '../../shared/labControls';
import type { LearnerOptimizer } from '../../checker/training/learnerFunctions';
import type { NumericSetting } from '../../shared/settingDefaults';
import type { ExtensionToWebview, WebviewToExtension } from '../../shared/webviewMessages';
import { readTrainingSettings, SETTINGS_SECTION, type TrainingSettings } from '../settings';
import { datasetFiles, resolveInWorkspace } from './datasetSource';
import { learnerFiles, type MyFunctionsCommandArgs } from './myFunctions';
import type { TrainingController, TrainingOutcome } from './trainingController';

export type LabMessage = Extract<WebviewToExtension, { type: 'lab' | 'labReset' }>;

/** The controls the settings give (the data set `''` or `moons` is the notebook's moons). */
export function controlsFromSettings(s: TrainingSettings): LabControls {
  const numbers = Object.fromEntries(CONFIG_PARAMETERS.map((p) => [p.key, p.setting === undefined ? p.default : s[p.setting as NumericSetting]])) as LabNumbers;
  const dataset: LabControls['dataset'] = s.dataset === '' || s.dataset === 'moons' ? { kind: 'moons', samples: 300, noise: 0.2, seed: 3 } : { kind: 'file', path: s.dataset };
  return { optimizer: 'adam', numbers, layers: [...s.layers], decay: s.learningRateDecay, learningRateSchedule: s.learningRateSchedule, dataset };
}

export class Lab implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExtensionToWebview>();
  /** Messages for every open webview. */
  readonly onDidPost = this.emitter.event;
  private lastStep: StepView | null = null;
  /** Controls a config file set; undefined: the settings'. */
  private fromFile: LabControls | undefined;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(
    private readonly controller: TrainingController,
    private readonly showPanel: () => void,
    /** Train with My Functions (the command's path: trust, the file's functions, Python), for "Functions: Mine". */
    private readonly trainWithFunctions: (args: MyFunctionsCommandArgs) => Promise<TrainingOutcome>,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!this.fromFile && e.affectsConfiguration(SETTINGS_SECTION)) void this.controlsMessage(true).then((m) => this.emitter.fire(m));
      }),
    );
  }

  /** What a webview gets after `ready`, besides the runs. */
  async greeting(): Promise<ExtensionToWebview[]> {
    return [await this.controlsMessage(true), { type: 'step', step: this.lastStep }];
  }

  /** Does what the panel asked; resolves with the outcome (a run's, a step's) for the integration tests. */
  async handle(message: LabMessage): Promise<TrainingOutcome | StepView | { error: string } | undefined> {
    if (message.type === 'labReset') {
      this.controller.dropStepping();
      this.fromFile = undefined;
      this.post({ type: 'step', step: (this.lastStep = null) });
      // The panel has already gone back to the values it had; these (the settings) must not overwrite what was typed since.
      this.post(await this.controlsMessage(true));
      return undefined;
    }
    const { controls } = message;
    switch (message.action) {
      case 'train': {
        if (controls.functions && !message.live) {
          // The learner's own functions, beside the reference: the command's path, with the panel's controls.
          // A message is input like any other: the notebook's optimizers only (the panel refuses the rest too).
          const refused = validateLabControls(controls)['functions'];
          if (refused !== undefined) return this.reply({ runs: [], error: `Functions (mine) ${refused}` });
          const optimizer = controls.optimizer as LearnerOptimizer;
          const outcome = await this.trainWithFunctions({ uri: resolveInWorkspace(controls.functions), optimizer, controls, background: true });
          this.post({ type: 'step', step: (this.lastStep = null) });
          return this.reply(outcome);
        }
        const outcome = await this.controller.train([controls.optimizer], { controls, background: true, ...(message.live ? { live: true } : {}) });
        if (!message.live) this.post({ type: 'step', step: (this.lastStep = null) });
        return this.reply(outcome);
      }
      case 'compare':
        return this.reply(await this.controller.train(message.optimizers ?? NOTEBOOK_OPTIMIZER_IDS, { controls, background: true }));
      case 'step':
      case 'stepEpoch': {
        const step = await this.controller.step(controls, message.action === 'step' ? 'batch' : 'epoch');
        if ('error' in step) this.post({ type: 'labError', message: step.error });
        else this.post({ type: 'step', step: (this.lastStep = step) });
        return step;
      }
      case 'saveDefaults':
        await saveAsDefaults(controls);
        return undefined;
      case 'saveConfig':
        await saveConfigFile(controls);
        return undefined;
    }
  }

  /** Runs a `*.optlab.json` (the explorer's context menu, the palette): its controls fill the panel, then it trains. */
  async runConfigFile(uri: vscode.Uri | undefined): Promise<TrainingOutcome> {
    const target = uri ?? (await pickConfigFile());
    if (!target) return { runs: [], cancelled: true };
    let controls: LabControls;
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      controls = readConfigFile(text, vscode.workspace.asRelativePath(target, false));
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(`Optimization Lab: ${error}`);
      return { runs: [], error };
    }
    this.fromFile = controls;
    this.post(await this.controlsMessage());
    this.showPanel();
    return this.controller.train([controls.optimizer], { controls, background: true });
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private reply(outcome: TrainingOutcome): TrainingOutcome {
    if (outcome.error) this.post({ type: 'labError', message: outcome.error });
    return outcome;
  }

  private post(message: ExtensionToWebview): void {
    this.emitter.fire(message);
  }

  /** `keepEdits`: values the learner typed in the panel win over these (the settings'); Reset and a config file replace them. */
  private async controlsMessage(keepEdits = false): Promise<ExtensionToWebview> {
    const controls = this.fromFile ?? controlsFromSettings(readTrainingSettings());
    const [data, learner] = await Promise.all([datasetFiles(), learnerFiles()]);
    return { type: 'controls', controls, datasetFiles: data, learnerFiles: learner, ...(keepEdits ? { keepEdits } : {}) };
  }
}

/** Writes the controls back as the settings (the workspace's when a folder is open). */
async function saveAsDefaults(c: LabControls): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  for (const p of CONFIG_PARAMETERS) if (p.setting !== undefined) await config.update(p.setting, c.numbers[p.key], target);
  await config.update('layers', c.layers, target);
  await config.update('learningRateDecay', c.decay, target);
  await config.update('learningRateSchedule', c.learningRateSchedule, target);
  const d = c.dataset;
  const moons = d.kind === 'moons';
  const notebookMoons = d.kind === 'moons' && d.samples === 300 && d.noise === 0.2 && d.seed === 3;
  if (d.kind === 'file') await config.update('dataset', d.path, target);
  else if (notebookMoons) await config.update('dataset', 'moons', target);
  const note = moons && !notebookMoons ? ' (the data set stays: a setting names a file or the notebook\'s moons; Save Config keeps custom moons)' : '';
  void vscode.window.showInformationMessage(`Optimization Lab: the panel's values are now the ${target === vscode.ConfigurationTarget.Workspace ? 'workspace' : 'user'} settings${note}.`);
}

async function saveConfigFile(c: LabControls): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${c.optimizer}.optlab.json`) } : {}),
    filters: { 'Optimization Lab config': ['optlab.json', 'json'] },
    saveLabel: 'Save config',
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(configFileText(c)));
  void vscode.window.showInformationMessage(`Optimization Lab: saved ${vscode.workspace.asRelativePath(target)}; run it again from the explorer's context menu.`);
}

async function pickConfigFile(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/*.optlab.json', '**/node_modules/**', 200);
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No *.optlab.json in the workspace: the panel\'s Save Config writes one.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri, false), uri })),
    { title: 'Run an Optimization Lab config' },
  );
  return pick?.uri;
}
