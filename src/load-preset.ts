// For library users: an environment preset by built-in name (`prod`) or file path, read and parsed.

import { parsePreset, type PresetResult } from './model/settings/preset';
import { readPresetSource, type PresetSource } from './node-presets';

/** Throws a plain Error for an unknown built-in or a missing file; problems in the preset are in `diagnostics`. */
export function loadPreset(spec: string, cwd = process.cwd()): PresetResult & { readonly source: PresetSource } {
  const source = readPresetSource(spec, cwd);
  return { ...parsePreset(source.file, source.text, source.name), source };
}
