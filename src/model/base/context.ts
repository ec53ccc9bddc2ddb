// The planner's context: the project, the options, the Host and the diagnostics every step reads, and
// the compose paths and source positions it reports at.

import type { ComposeProject, ComposeService } from '../../compose/types';
import type { Diagnostics, SourcePos } from '../../common/diagnostics';
import type { Host } from '../../common/host';
import { joinPath } from '../../common/source-map';
import { MANAGED_BY, NameRegistry, toLabelValue } from './names';
import type { Labels } from './plan';
import type { ConversionOptions } from './options';

/** Everything a planning step needs, passed explicitly (the core reads no globals). */
export class PlanContext {
  readonly names: NameRegistry;
  /** Service-group members (--service-group-mode) → the name of their pod; others are their own. */
  private readonly pods = new Map<string, string>();

  constructor(
    readonly project: ComposeProject,
    readonly options: ConversionOptions,
    readonly host: Host,
    readonly diags: Diagnostics,
  ) {
    this.names = new NameRegistry(diags);
  }

  /** `{ path, pos }` of a compose path, for diagnostics. */
  at(path: string): { path: string; pos?: SourcePos } {
    return { path, pos: this.project.sourceMap.get(path) };
  }

  servicePath(service: ComposeService, ...keys: (string | number)[]): string {
    return keys.reduce<string>((p, k) => joinPath(p, k), joinPath('services', service.name));
  }

  /** Runs `members` in one pod named `pod` (service-groups.ts): their labels and selectors become the pod's. */
  groupPods(pod: string, members: readonly string[]): void {
    for (const m of members) this.pods.set(m, pod);
  }

  /** The service group `service` is a member of, if any. */
  groupOf(service: string): string | undefined {
    return this.pods.get(service);
  }

  /** The name the pods of `service` carry: its group's, else its own. */
  podName(service: string): string {
    return this.pods.get(service) ?? service;
  }

  /** Labels that select a service's pods; stable across versions and environments. */
  selectorLabels(service: string): Labels {
    return {
      'app.kubernetes.io/name': toLabelValue(this.podName(service)),
      'app.kubernetes.io/part-of': toLabelValue(this.project.name),
    };
  }

  /** Labels on every object made for `service` (or for the project when service is undefined). */
  objectLabels(service?: string): Labels {
    return {
      ...(service ? { 'app.kubernetes.io/name': toLabelValue(this.podName(service)) } : {}),
      'app.kubernetes.io/part-of': toLabelValue(this.project.name),
      'app.kubernetes.io/managed-by': MANAGED_BY,
    };
  }
}
