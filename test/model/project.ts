// A PlanContext over a hand-written ComposeProject, so planner modules are tested on canonical
// (long-syntax) input without going through the loader; loadedService gives a service the loader
// brought to that form, for the tests of short and list forms.

import { SourceMap } from '../../src/common/source-map';
import type { ComposeProject, ComposeService } from '../../src/compose/types';
import { Diagnostics } from '../../src/common/diagnostics';
import { memoryHost } from '../../src/common/host';
import { PlanContext } from '../../src/model/base/context';
import type { ConversionOptions } from '../../src/model/base/options';
import { load } from '../compose/load';

export const DIR = '/project';
export const FILE = `${DIR}/compose.yaml`;

export interface ProjectSpec {
  readonly services: Record<string, Omit<ComposeService, 'name'>>;
  readonly volumes?: Record<string, Record<string, unknown>>;
  readonly secrets?: Record<string, Record<string, unknown>>;
  readonly options?: ConversionOptions;
  /** Files on the in-memory host, relative to /project. */
  readonly files?: Record<string, string>;
  /** Source positions to record: compose path → line (column 3). */
  readonly lines?: Record<string, number>;
}

export function contextFor(spec: ProjectSpec): PlanContext {
  const sourceMap = new SourceMap();
  for (const [path, line] of Object.entries(spec.lines ?? {})) sourceMap.set(path, { file: FILE, line, col: 3 });
  const services = Object.fromEntries(Object.entries(spec.services).map(([name, s]) => [name, { name, ...s }]));
  const project: ComposeProject = {
    name: 'demo',
    workingDir: DIR,
    services,
    volumes: spec.volumes ?? {},
    networks: {},
    secrets: spec.secrets ?? {},
    configs: {},
    extensions: {},
    sourceMap,
    sources: new Map(),
  };
  const files = Object.fromEntries(Object.entries(spec.files ?? {}).map(([rel, text]) => [`${DIR}/${rel}`, text]));
  return new PlanContext(project, spec.options ?? {}, memoryHost(files), new Diagnostics());
}

/** The diagnostics of a context as `code: message` lines. */
export function messages(ctx: PlanContext): string[] {
  return ctx.diags.list.map((d) => `${d.code}: ${d.message}`);
}

/**
 * A service's keys as the loader leaves them: `yaml` (the keys of one service, unindented) goes
 * through loadProject, so short and list forms arrive in the one form the planner reads.
 */
export function loadedService(yaml: string): Omit<ComposeService, 'name'> {
  const { project, errors } = load({ 'compose.yaml': `services:\n  s:\n${yaml.replace(/^/gm, '    ')}\n` });
  if (!project || errors.length) throw new Error(`the loader refused the service: ${errors.join('\n')}`);
  const { name: _name, ...service } = project.services.s;
  return service;
}
