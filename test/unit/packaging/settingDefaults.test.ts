// The defaults users see in package.json must be the ones the extension and the language server fall back
// to: each side is checked against the other, so changing one alone fails here.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfiguration } from '../../../src/server/configuration';
import { SETTING_DEFAULTS } from '../../../src/shared/settingDefaults';

const root = resolve(__dirname, '..', '..', '..');
const PREFIX = 'optimizationLab.';

interface Manifest {
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
}

const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as Manifest;
const properties = Object.entries(manifest.contributes.configuration.properties);
const shared: Record<string, unknown> = { ...SETTING_DEFAULTS };

describe('setting defaults', () => {
  it('declares only optimizationLab.* settings, each with a default', () => {
    assert.ok(properties.length > 0);
    for (const [key, property] of properties) {
      assert.ok(key.startsWith(PREFIX), `${key} is outside the ${PREFIX} section`);
      assert.ok('default' in property, `${key} has no default in package.json`);
    }
  });

  it('package.json declares the shared default of every setting it contributes', () => {
    for (const [key, property] of properties) {
      const name = key.slice(PREFIX.length);
      assert.ok(Object.hasOwn(shared, name), `${key} is in package.json but not in src/shared/settingDefaults.ts`);
      assert.deepEqual(property.default, shared[name], `${key}: package.json and src/shared/settingDefaults.ts disagree`);
    }
  });

  it('every shared default is a setting in package.json', () => {
    const declared = new Set(properties.map(([key]) => key));
    for (const name of Object.keys(shared)) {
      assert.ok(declared.has(PREFIX + name), `${name} is in src/shared/settingDefaults.ts but package.json has no ${PREFIX}${name}`);
    }
  });

  it('the shared defaults are frozen, so no reader can change them for the others', () => {
    assert.ok(Object.isFrozen(SETTING_DEFAULTS));
    assert.ok(Object.isFrozen(SETTING_DEFAULTS.layers));
  });

  it('the language server falls back to the same defaults, untrusted and with python3', () => {
    const expected = {
      pythonPath: 'python3',
      pythonSource: 'default',
      trusted: false,
      runOn: manifest.contributes.configuration.properties[`${PREFIX}check.runOn`]?.default,
      timeoutSeconds: manifest.contributes.configuration.properties[`${PREFIX}check.timeoutSeconds`]?.default,
      memoryLimitMb: manifest.contributes.configuration.properties[`${PREFIX}check.memoryLimitMb`]?.default,
    };
    assert.deepEqual(expected, { pythonPath: 'python3', pythonSource: 'default', trusted: false, runOn: 'save', timeoutSeconds: 10, memoryLimitMb: 1024 });
    for (const sent of [undefined, null, 'x', {}, { pythonPath: '  ', runOn: 'never', timeoutSeconds: 0, memoryLimitMb: Number.NaN, trusted: 'yes' }]) {
      assert.deepEqual(parseConfiguration(sent), expected, JSON.stringify(sent));
    }
  });
});
