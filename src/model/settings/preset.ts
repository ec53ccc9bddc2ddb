// An environment preset's text → EnvironmentPreset. Pure: the CLI (or a library user) reads the file
// and passes its text. Parsed with the compose parser so every key keeps its file:line:col, and
// checked against one table of fields: an unknown key or a bad value is an error there.

import * as posixPath from 'node:path/posix';
import { parseComposeYaml } from '../../compose/parse';
import { Diagnostics } from '../../common/diagnostics';
import type { EnvironmentPreset, StorageSettings } from '../base/scaling-types';
import {
  autoscale,
  dns1123,
  dnsSubdomain,
  int,
  metadataMap,
  pdb,
  quantity,
  resources,
  SERVICE_SCALING_FIELDS,
  SettingsReader,
  text,
  type Fields,
} from './settings-reader';

type PresetFields = Omit<EnvironmentPreset, 'name' | 'positions'>;

const storage: Fields<StorageSettings> = {
  class: dnsSubdomain,
  size: quantity('storage'),
  volumes: (v, path, r) => r.map(v, path, quantity('storage')),
};

/** Every key a preset may hold; the README documents each of them. */
export const PRESET_FIELDS: Fields<PresetFields> = {
  description: text,
  namespace: dns1123,
  replicas: int(0),
  resources,
  autoscale,
  pdb,
  storage: (v, path, r) => r.object<StorageSettings>(v, path, storage),
  labels: metadataMap('labels'),
  annotations: metadataMap('annotations'),
  services: (v, path, r) => r.map(v, path, (s, p, rr) => rr.object(s, p, SERVICE_SCALING_FIELDS)),
};

export interface PresetResult {
  /** Undefined when the preset has errors (they are in `diagnostics`). */
  readonly preset?: EnvironmentPreset;
  readonly diagnostics: Diagnostics;
}

/** The preset's name from how it was asked for: `prod` for a built-in, the base name for a file. */
export function presetNameOf(file: string): string {
  return posixPath.basename(file).replace(/\.ya?ml$/, '');
}

/**
 * Parses and checks a preset. `file` names it in diagnostics; `name` defaults to its base name.
 * An empty file is a valid preset that changes nothing.
 */
export function parsePreset(file: string, source: string, name = presetNameOf(file)): PresetResult {
  const diags = new Diagnostics();
  const parsed = parseComposeYaml(file, source, diags);
  if (!parsed) return { diagnostics: diags };
  const reader = new SettingsReader(diags, (p) => parsed.sourceMap.get(p), `environment preset ${name}`, 'preset');
  const fields = parsed.value === null ? {} : reader.object<PresetFields>(parsed.value, '', PRESET_FIELDS);
  if (!fields || diags.hasErrors) return { diagnostics: diags };
  return { preset: { name, ...fields, positions: parsed.sourceMap }, diagnostics: diags };
}
