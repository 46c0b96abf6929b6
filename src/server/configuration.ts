/** The configuration the client sends, checked at the boundary (initializationOptions is untyped JSON). */
import type { ChecksConfiguration, PythonSource, RunOn } from '../shared/protocol';
import { SETTING_DEFAULTS } from '../shared/settingDefaults';

/**
 * Until the client says otherwise nothing runs: untrusted is the safe default. The interpreter is the
 * client's resolved one (never the setting's ''), so its fallback is a command, not the setting's default;
 * the rest are the settings' own defaults.
 */
const DEFAULT_CONFIGURATION: ChecksConfiguration = {
  pythonPath: 'python3',
  pythonSource: 'default',
  trusted: false,
  runOn: SETTING_DEFAULTS['check.runOn'],
  timeoutSeconds: SETTING_DEFAULTS['check.timeoutSeconds'],
  memoryLimitMb: SETTING_DEFAULTS['check.memoryLimitMb'],
};

const RUN_ON: readonly RunOn[] = ['save', 'type', 'manual'];
const SOURCES: readonly PythonSource[] = ['setting', 'python-extension', 'default'];

export function parseConfiguration(value: unknown): ChecksConfiguration {
  if (typeof value !== 'object' || value === null) return DEFAULT_CONFIGURATION;
  const v = value as Record<string, unknown>;
  const d = DEFAULT_CONFIGURATION;
  return {
    pythonPath: typeof v.pythonPath === 'string' && v.pythonPath.trim() !== '' ? v.pythonPath : d.pythonPath,
    pythonSource: SOURCES.find((s) => s === v.pythonSource) ?? d.pythonSource,
    trusted: v.trusted === true,
    runOn: RUN_ON.find((r) => r === v.runOn) ?? d.runOn,
    timeoutSeconds: positive(v.timeoutSeconds) ?? d.timeoutSeconds,
    memoryLimitMb: positive(v.memoryLimitMb) ?? d.memoryLimitMb,
  };
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
