import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DATASET_OPTIONS } from '../../../src/cli/datasetCommand';
import { DATASET_HELP, TRAIN_HELP } from '../../../src/cli/help';
import { TRAIN_OPTIONS } from '../../../src/cli/trainArgs';

/** Every `--flag` a help text mentions (usage line, option list, examples). */
function flagsInHelp(help: string): string[] {
  return [...new Set(help.match(/(?<![\w-])--[a-z][\w-]*/g) ?? [])].sort();
}

describe('--help texts against the flags actually parsed', () => {
  const commands: [string, string, Readonly<Record<string, { type: string; short?: string }>>][] = [
    ['train', TRAIN_HELP, TRAIN_OPTIONS],
    ['dataset moons', DATASET_HELP, DATASET_OPTIONS],
  ];
  for (const [command, help, options] of commands) {
    it(`optlab ${command} --help names exactly the parsed flags, each short form beside its long one`, () => {
      assert.deepEqual(flagsInHelp(help), Object.keys(options).map((name) => `--${name}`).sort());
      for (const [name, option] of Object.entries(options)) {
        if (option.short !== undefined) assert.ok(help.includes(`-${option.short}, --${name}`), `-${option.short}, --${name}`);
      }
    });
  }
});
