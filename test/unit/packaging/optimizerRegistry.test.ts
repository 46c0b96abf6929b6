// Everything derived from the optimizer registry (src/core/optimizers/registry.ts) and the parameter
// tables (CONFIG_PARAMETERS): adding an optimizer or a hyperparameter to them and forgetting a place
// that users see (a command, a setting, a CLI flag, the docs) fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { TRAIN_HELP } from '../../../src/cli/help';
import { TRAIN_OPTIONS } from '../../../src/cli/trainArgs';
import { OPTIMIZERS, OPTIMIZER_IDS, trainCommandId, trainCommandTitle } from '../../../src/core/optimizers/registry';
import { HYPERPARAMETERS } from '../../../src/core/optimizers/hyperparameters';
import { LEARNING_RATE_DECAYS } from '../../../src/core/trainer/learningRateDecay';
import { CONFIG_PARAMETERS } from '../../../src/core/trainer/trainConfig';
import { SETTING_DEFAULTS } from '../../../src/shared/settingDefaults';
import { WEBVIEW_COMMANDS } from '../../../src/shared/webviewMessages';

const root = resolve(__dirname, '..', '..', '..');
interface Property {
  type?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: string[];
  items?: { enum?: string[] };
}
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string }[]; configuration: { properties: Record<string, Property> } };
};
const commands = manifest.contributes.commands;
const properties = manifest.contributes.configuration.properties;

describe('the optimizer registry and what is derived from it', () => {
  it('ids are unique, lower-case words; titles and colours unique', () => {
    assert.equal(new Set(OPTIMIZER_IDS).size, OPTIMIZERS.length);
    for (const id of OPTIMIZER_IDS) assert.match(id, /^[a-z]+$/);
    assert.equal(new Set(OPTIMIZERS.map((o) => o.title)).size, OPTIMIZERS.length);
    assert.equal(new Set(OPTIMIZERS.map((o) => o.color.hex)).size, OPTIMIZERS.length);
  });

  it('every optimizer has its "Train with <title>" command in package.json, and every train command an optimizer', () => {
    for (const o of OPTIMIZERS) {
      const command = commands.find((c) => c.command === trainCommandId(o.id));
      assert.ok(command, `package.json has no ${trainCommandId(o.id)}`);
      assert.equal(command.title, trainCommandTitle(o.id));
    }
    const trainCommands = commands.filter((c) => /^optimizationLab\.train[A-Z][a-z]*$/.test(c.command)).map((c) => c.command);
    assert.deepEqual(trainCommands.sort(), OPTIMIZERS.map((o) => trainCommandId(o.id)).sort());
  });

  it("the side panel may run every optimizer's train command", () => {
    for (const o of OPTIMIZERS) assert.ok((WEBVIEW_COMMANDS as readonly string[]).includes(trainCommandId(o.id)), o.id);
  });

  it("every optimizer's hyperparameters exist, and every hyperparameter is used by some optimizer", () => {
    const keys = HYPERPARAMETERS.map((h) => h.key);
    for (const o of OPTIMIZERS) for (const h of o.hyperparameters) assert.ok(keys.includes(h), `${o.id} uses unknown ${h}`);
    for (const key of keys) assert.ok(OPTIMIZERS.some((o) => (o.hyperparameters as readonly string[]).includes(key)), `no optimizer uses ${key}`);
  });

  it('package.json declares each parameter setting with the table\'s type, default and range', () => {
    for (const p of CONFIG_PARAMETERS) {
      if (p.setting === undefined) continue;
      const property = properties[`optimizationLab.${p.setting}`];
      assert.ok(property, `package.json has no optimizationLab.${p.setting}`);
      assert.equal(property.type, p.kind, `${p.setting}: type`);
      assert.equal(property.default, p.default, `${p.setting}: default`);
      assert.equal(SETTING_DEFAULTS[p.setting as keyof typeof SETTING_DEFAULTS], p.default);
      const bound = (b: { value: number; exclusive: boolean } | undefined, inclusive: 'minimum' | 'maximum', exclusive: 'exclusiveMinimum' | 'exclusiveMaximum') => {
        assert.equal(property[inclusive], b && !b.exclusive ? b.value : undefined, `${p.setting}: ${inclusive}`);
        assert.equal(property[exclusive], b?.exclusive ? b.value : undefined, `${p.setting}: ${exclusive}`);
      };
      bound(p.min, 'minimum', 'exclusiveMinimum');
      bound(p.max, 'maximum', 'exclusiveMaximum');
    }
  });

  it('the compare setting and the decay setting offer exactly the registry\'s ids and the decays', () => {
    assert.deepEqual(properties['optimizationLab.compareOptimizers']?.items?.enum, [...OPTIMIZER_IDS]);
    assert.deepEqual(properties['optimizationLab.learningRateDecay']?.enum, [...LEARNING_RATE_DECAYS]);
  });

  it('optlab train parses a flag for every parameter and its help names every optimizer', () => {
    for (const p of CONFIG_PARAMETERS) assert.ok(Object.hasOwn(TRAIN_OPTIONS, p.flag), `--${p.flag}`);
    for (const id of OPTIMIZER_IDS) assert.ok(TRAIN_HELP.includes(id), `help does not name ${id}`);
  });

  it('the docs describe every optimizer and how it maps to torch.optim', () => {
    const guide = readFileSync(resolve(root, 'docs', 'guide', 'optimizers.md'), 'utf8');
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
    for (const o of OPTIMIZERS) {
      assert.ok(guide.includes(`\`${o.id}\``), `docs/guide/optimizers.md does not name \`${o.id}\``);
      assert.ok(readme.includes(trainCommandTitle(o.id)), `README.md does not list "${trainCommandTitle(o.id)}"`);
    }
    for (const p of CONFIG_PARAMETERS) {
      if (p.setting !== undefined) assert.ok(readme.includes(`optimizationLab.${p.setting}`), `README.md does not document optimizationLab.${p.setting}`);
    }
  });
});
