// The lab's controls as a form (Playground-style): every control has a visible <label for>, every
// button says what it does, invalid input is refused in place (an error line under the control and
// aria-invalid) before anything is posted. With "Live" on, a moved control re-trains at most once per
// animation frame. The panel shows every control; the side view a compact form.
import { OPTIMIZERS } from '../../src/core/optimizers/registry';
import { LEARNING_RATE_DECAYS } from '../../src/core/trainer/learningRateDecay';
import type { LabControls } from '../../src/shared/labControls';
import type { LabAction, OptimizerId, WebviewToExtension } from '../../src/shared/webviewMessages';
import { throttleToFrame } from './frameScheduling';
import {
  COMPACT_KEYS,
  completeControls,
  controlId,
  DEFAULT_COMPARE,
  defaultLabControls,
  formatLayers,
  isNumberShown,
  NUMBER_CONTROLS,
  numberText,
  parseLayers,
  parseNumber,
  placeErrors,
  SLIDERS,
  type NumberKey,
} from './labFormModel';

export interface LabForm {
  readonly element: HTMLElement;
  /**
   * New values (the `controls` message: settings, a config file, Reset) and the workspace's data-set files.
   * With `keepEdits` (the settings' values, which arrive on their own time), values the learner has typed
   * since the last ones are kept: only Reset and a config file replace them.
   */
  setControls(controls: LabControls, datasetFiles?: string[], keepEdits?: boolean, learnerFiles?: string[]): void;
  controls(): LabControls;
  /** A reason the extension gave (`labError`), for the form's message line. */
  showMessage(text: string): void;
}

const DECAY_TITLES: Record<string, string> = {
  none: 'None (constant)',
  update_lr: 'update_lr (every epoch)',
  schedule_lr_decay: 'schedule_lr_decay (every interval)',
};

const MOONS = '__moons__';
const BUILT_IN = '__built_in__';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

/** A labelled control with its error line: `<label for>`, the input, `<div role=alert>`. */
function field(id: string, title: string, input: HTMLElement, help?: string, extra?: HTMLElement): HTMLElement {
  input.id = id;
  const error = el('div', { id: `${id}-error`, className: 'error' });
  error.setAttribute('role', 'alert');
  input.setAttribute('aria-describedby', error.id);
  const label = el('label', { htmlFor: id, textContent: title });
  if (help) label.title = help;
  const box = el('div', { className: 'field' }, label, input, ...(extra ? [extra] : []), error);
  box.dataset['field'] = id;
  return box;
}

export interface LabFormOptions {
  /** The side view's form: optimizer, learning rate, epochs and Train (its own buttons stop and compare). */
  compact?: boolean;
  /** Called on every change that will post a live run (the panel times the repaint from the first one). */
  onLiveChange?: () => void;
}

export function createLabForm(post: (message: WebviewToExtension) => void, options: LabFormOptions = {}): LabForm {
  const compact = options.compact === true;
  let state: LabControls = defaultLabControls();
  /** The values last received from the extension, which Reset goes back to at once. */
  let received: LabControls = structuredClone(state);
  let files: string[] = [];
  let learnerFiles: string[] = [];
  const form = el('form', { className: compact ? 'lab compact' : 'lab' });
  form.setAttribute('aria-label', 'Training controls');
  form.noValidate = true;
  form.addEventListener('submit', (e) => e.preventDefault());
  // Whether the learner changed a control since values last came from the extension.
  let edited = false;
  form.addEventListener('input', () => (edited = true));
  form.addEventListener('change', () => (edited = true));
  const message = el('div', { className: 'form-message' });
  message.setAttribute('role', 'status');

  // Optimizer.
  const optimizerSelect = el('select');
  for (const o of OPTIMIZERS) optimizerSelect.append(el('option', { value: o.id, textContent: o.title, title: o.description }));
  optimizerSelect.addEventListener('change', () => {
    state.optimizer = optimizerSelect.value as OptimizerId;
    refresh(true);
  });

  // Numbers: an input per CONFIG_PARAMETERS entry, a slider where one helps scrubbing.
  const numberInputs = new Map<NumberKey, HTMLInputElement>();
  const sliders = new Map<NumberKey, HTMLInputElement>();
  const numberFields = new Map<NumberKey, HTMLElement>();
  const groups = { main: el('div', { className: 'grid' }), hyper: el('div', { className: 'grid' }), decay: el('div', { className: 'grid' }), advanced: el('div', { className: 'grid' }) };
  for (const spec of NUMBER_CONTROLS) {
    const key = spec.key as NumberKey;
    if (compact && !COMPACT_KEYS.includes(key)) continue;
    const input = el('input', { type: 'text', inputMode: spec.kind === 'integer' ? 'numeric' : 'decimal', spellcheck: false, title: spec.help });
    input.classList.add('number');
    input.addEventListener('input', () => {
      state.numbers[key] = parseNumber(input.value);
      const slider = sliders.get(key);
      const scale = SLIDERS[key];
      if (slider && scale && Number.isFinite(state.numbers[key])) slider.value = String(scale.toPosition(state.numbers[key]));
      refresh(true);
    });
    let slider: HTMLInputElement | undefined;
    const scale = SLIDERS[key];
    if (scale && !compact) {
      slider = el('input', { type: 'range', min: String(scale.min), max: String(scale.max), step: String(scale.step), className: 'slider' });
      slider.setAttribute('aria-label', `${spec.title} slider (${scale.scale})`);
      slider.id = `${controlId(key)}-slider`;
      const s = slider;
      s.addEventListener('input', () => {
        const value = scale.fromPosition(Number(s.value));
        state.numbers[key] = value;
        input.value = numberText(value);
        refresh(true);
      });
      sliders.set(key, slider);
    }
    numberInputs.set(key, input);
    const box = field(controlId(key), spec.title, input, spec.help, slider);
    numberFields.set(key, box);
    groups[spec.group].append(box);
  }

  // Layers, data set, decay (the full form only).
  const layersInput = el('input', { type: 'text', spellcheck: false, title: 'Hidden and output layer sizes, e.g. 5, 2, 1 (the input size comes from the data set)' });
  layersInput.addEventListener('input', () => {
    state.layers = parseLayers(layersInput.value);
    refresh(true);
  });
  const datasetSelect = el('select');
  datasetSelect.addEventListener('change', () => {
    state.dataset = datasetSelect.value === MOONS ? moonsOf(state) : { kind: 'file', path: datasetSelect.value };
    refresh(true);
  });
  // Whose functions Train uses: the built-in optimizer, or a learner's file (the notebook's optimizers only).
  const functionsSelect = el('select', { title: "Train with the built-in optimizer, or with your own functions from a file (beside the built-in reference)" });
  functionsSelect.addEventListener('change', () => {
    if (functionsSelect.value === BUILT_IN) delete state.functions;
    else state.functions = functionsSelect.value;
    refresh(true);
  });
  const moonsInputs = (['samples', 'noise', 'seed'] as const).map((k) => {
    const input = el('input', { type: 'text', inputMode: k === 'noise' ? 'decimal' : 'numeric', spellcheck: false });
    input.classList.add('number');
    input.addEventListener('input', () => {
      if (state.dataset.kind === 'moons') state.dataset = { ...state.dataset, [k]: parseNumber(input.value) };
      refresh(true);
    });
    return [k, input] as const;
  });
  const moonsBox = el('div', { className: 'grid moons' });
  const moonTitles = { samples: 'Moons samples', noise: 'Moons noise', seed: 'Moons seed' };
  for (const [k, input] of moonsInputs) moonsBox.append(field(controlId(`dataset.${k}`), moonTitles[k], input));
  const decaySelect = el('select');
  for (const d of LEARNING_RATE_DECAYS) decaySelect.append(el('option', { value: d, textContent: DECAY_TITLES[d] ?? d }));
  decaySelect.addEventListener('change', () => {
    state.decay = decaySelect.value as LabControls['decay'];
    refresh(true);
  });
  const scheduleInput = el('input', { type: 'text', spellcheck: false, placeholder: 'e.g. lr0 * 0.95 ** epoch', title: 'A learning-rate schedule expression of epoch and lr0 (instead of a decay)' });
  scheduleInput.addEventListener('input', () => {
    state.learningRateSchedule = scheduleInput.value;
    refresh(true);
  });

  // Compare's optimizers.
  const compareBoxes = OPTIMIZERS.map((o) => {
    const box = el('input', { type: 'checkbox', value: o.id, id: `lab-compare-${o.id}`, checked: DEFAULT_COMPARE.includes(o.id) });
    return box;
  });
  const compareSet = el('fieldset', { className: 'compare-set' }, el('legend', { textContent: 'Optimizers to compare' }));
  compareBoxes.forEach((box, i) => compareSet.append(el('label', { htmlFor: box.id, className: 'check' }, box, ` ${OPTIMIZERS[i]!.title}`)));

  // Live scrubbing.
  const live = el('input', { type: 'checkbox', id: 'lab-live' });
  const liveLabel = el(
    'label',
    { htmlFor: 'lab-live', className: 'check', title: 'Train these values at once, then again whenever a control moves (the previous live run is dropped)' },
    live,
    ' Live',
  );
  // Ticking Live trains the values shown, as a scrub would: the learner sees where a drag starts from, and the
  // worker has compiled the network's kernel and made the epochs' permutations before the first drag (a cold
  // first live run took 0.3-0.4 s in the e2e suite, the later ones about half of that).
  live.addEventListener('change', () => {
    if (live.checked) refresh(true);
  });
  // The first change of a drag is posted at once, then one per frame; the extension drops a stale live run.
  const postLive = throttleToFrame(() => {
    if (!live.checked) return;
    const controls = validControls();
    if (controls) post({ type: 'lab', action: 'train', live: true, controls });
  });

  // Buttons.
  const button = (text: string, title: string, onClick: () => void, secondary = true): HTMLButtonElement => {
    const b = el('button', { type: 'button', textContent: text, title, className: secondary ? 'secondary' : '' });
    b.addEventListener('click', onClick);
    return b;
  };
  const act = (action: LabAction): void => {
    const controls = validControls(true);
    if (!controls) return;
    const optimizers = compareBoxes.filter((b) => b.checked).map((b) => b.value as OptimizerId);
    if (action === 'compare' && optimizers.length === 0) {
      message.textContent = 'Choose at least one optimizer to compare.';
      compareBoxes[0]?.focus();
      return;
    }
    message.textContent = '';
    post({ type: 'lab', action, controls, ...(action === 'compare' ? { optimizers } : {}) });
  };
  const buttons = el(
    'div',
    { className: 'buttons' },
    button('Train', 'Train with these settings', () => act('train'), false),
    ...(compact
      ? []
      : [
          button('Compare', 'Train each optimizer chosen below with these settings', () => act('compare')),
          button('Step', 'Train one mini-batch and show its update', () => act('step')),
          button('Step Epoch', 'Train the rest of the current epoch, one update at a time', () => act('stepEpoch')),
        ]),
    ...(compact
      ? []
      : [
          button('Stop', 'Stop training', () => post({ type: 'command', command: 'optimizationLab.stopTraining' })),
          button('Reset', 'Back to the settings, and drop the stepping session', () => {
            message.textContent = '';
            // At once, with the values last received; the extension's answer (the settings) then replaces them
            // unless the learner has typed since (it comes with keepEdits).
            state = structuredClone(received);
            edited = false;
            fill();
            refresh(false);
            post({ type: 'labReset' });
          }),
          button('Save as Defaults', 'Write these values to the settings', () => act('saveDefaults')),
          button('Save Config', 'Save these values as a *.optlab.json file', () => act('saveConfig')),
        ]),
  );

  const optimizerField = field('lab-optimizer', 'Optimizer', optimizerSelect);
  if (compact) {
    form.append(optimizerField, groups.main, buttons, message);
  } else {
    const datasetField = field('lab-dataset', 'Data set', datasetSelect);
    const hyperHeading = el('h3', { textContent: 'Hyperparameters' });
    const advanced = el('details', {}, el('summary', { textContent: 'More settings' }), groups.advanced);
    form.append(
      el('div', { className: 'grid' }, optimizerField, field('lab-functions', 'Functions', functionsSelect), field('lab-layers', 'Layers', layersInput), datasetField),
      moonsBox,
      groups.main,
      hyperHeading,
      groups.hyper,
      el('div', { className: 'grid' }, field('lab-decay', 'Learning-rate decay', decaySelect), field('lab-learningRateSchedule', 'Schedule expression', scheduleInput)),
      groups.decay,
      advanced,
      compareSet,
      el('div', { className: 'row' }, buttons, liveLabel),
      message,
    );
  }

  function moonsOf(c: LabControls): LabControls['dataset'] {
    return c.dataset.kind === 'moons' ? c.dataset : { kind: 'moons', samples: 300, noise: 0.2, seed: 3 };
  }

  const visible = (key: string): boolean => {
    if (numberInputs.has(key as NumberKey)) return isNumberShown(key, state);
    if (compact) return key === 'optimizer';
    if (key.startsWith('dataset.')) return state.dataset.kind === 'moons';
    return ['optimizer', 'functions', 'layers', 'decay', 'dataset'].includes(key);
  };

  /** Shows what applies and what is wrong; posts a live run after a change when asked and valid. */
  function refresh(changed: boolean): boolean {
    for (const [key, box] of numberFields) box.hidden = !isNumberShown(key, state);
    moonsBox.hidden = state.dataset.kind !== 'moons';
    const { inPlace, elsewhere } = placeErrors(state, visible);
    for (const box of Array.from(form.querySelectorAll<HTMLElement>('[data-field]'))) {
      const id = box.dataset['field']!;
      const key = Object.keys(inPlace).find((k) => controlId(k) === id);
      const input = box.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
      const error = box.querySelector<HTMLElement>('.error')!;
      const text = key ? `${box.querySelector('label')?.textContent ?? ''} ${inPlace[key]}` : '';
      // Only a changed message is written: an alert region announces every write.
      if (error.textContent !== text) error.textContent = text;
      if (key) input?.setAttribute('aria-invalid', 'true');
      else input?.removeAttribute('aria-invalid');
    }
    const lines = elsewhere.join('\n');
    if (message.textContent !== lines) message.textContent = lines;
    const ok = Object.keys(inPlace).length === 0 && elsewhere.length === 0;
    if (changed && ok && live.checked) {
      options.onLiveChange?.();
      postLive();
    }
    return ok;
  }

  /** The controls when they can train; otherwise undefined, with the first invalid control focused. */
  function validControls(focus = false): LabControls | undefined {
    if (refresh(false)) return structuredClone(state);
    if (focus) form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return undefined;
  }

  function fill(): void {
    optimizerSelect.value = state.optimizer;
    for (const [key, input] of numberInputs) input.value = numberText(state.numbers[key]);
    for (const [key, slider] of sliders) slider.value = String(SLIDERS[key]!.toPosition(state.numbers[key]));
    layersInput.value = formatLayers(state.layers);
    datasetSelect.replaceChildren(el('option', { value: MOONS, textContent: 'Built-in moons' }), ...files.map((f) => el('option', { value: f, textContent: f })));
    if (state.dataset.kind === 'file') {
      const path = state.dataset.path;
      if (!files.includes(path)) datasetSelect.append(el('option', { value: path, textContent: path }));
      datasetSelect.value = path;
    } else {
      datasetSelect.value = MOONS;
      for (const [k, input] of moonsInputs) input.value = numberText(state.dataset[k]);
    }
    decaySelect.value = state.decay;
    scheduleInput.value = state.learningRateSchedule;
    const mine = state.functions ?? '';
    const choices = mine !== '' && !learnerFiles.includes(mine) ? [...learnerFiles, mine] : learnerFiles;
    functionsSelect.replaceChildren(
      el('option', { value: BUILT_IN, textContent: 'Built-in (the reference)' }),
      ...choices.map((f) => el('option', { value: f, textContent: `Mine: ${f}` })),
    );
    functionsSelect.value = mine === '' ? BUILT_IN : mine;
  }

  fill();
  refresh(false);
  return {
    element: form,
    setControls(controls, datasetFiles, keepEdits = false, learnerFileList) {
      if (Array.isArray(datasetFiles)) files = datasetFiles.filter((f) => typeof f === 'string');
      if (Array.isArray(learnerFileList)) learnerFiles = learnerFileList.filter((f) => typeof f === 'string');
      if (keepEdits && edited) return;
      state = completeControls(controls);
      received = structuredClone(state);
      edited = false;
      fill();
      refresh(false);
    },
    controls: () => structuredClone(state),
    showMessage(text) {
      message.textContent = text;
    },
  };
}
