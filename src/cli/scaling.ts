// The scaling and environment flags of `convert`: parsed and checked as commander reads them
// (a bad value is a usage error naming the flag), then gathered into ScalingOptions.
// Kept free of cdk8s so that `--help` stays fast.

import { InvalidArgumentError, Option, type Command } from 'commander';
import { quantityProblem } from '../model/base/kube-rules';
import type { AutoscaleSpec, ResourceAmounts, ScalingOptions } from '../model/base/scaling-types';
import { DEFAULT_AUTOSCALE_CPU } from '../model/base/scaling-types';

export interface ScalingFlags {
  env?: string[];
  format?: 'yaml' | 'kustomize' | 'helm';
  /** `--format helm`: Chart.yaml's version and appVersion. */
  chartVersion?: string;
  appVersion?: string;
  replicas?: { service?: string; count: number }[];
  cpu?: [string, string][];
  memory?: [string, string][];
  cpuLimit?: [string, string][];
  memoryLimit?: [string, string][];
  autoscale?: [string, AutoscaleSpec][];
}

const append =
  <T>(parse: (value: string) => T) =>
  (value: string, previous: T[] = []): T[] => [...previous, parse(value)];

function replicas(value: string): { service?: string; count: number } {
  const m = /^(?:([^=\s]+)=)?([0-9]+)$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected a number of replicas (3) or SERVICE=N (web=3)');
  return { ...(m[1] ? { service: m[1] } : {}), count: Number(m[2]) };
}

const serviceQuantity = (resource: 'cpu' | 'memory') => (value: string): [string, string] => {
  const m = /^([^=\s]+)=(.+)$/.exec(value);
  if (!m) throw new InvalidArgumentError(`expected SERVICE=QUANTITY (web=${resource === 'cpu' ? '500m' : '512Mi'})`);
  const problem = quantityProblem(resource, m[2]);
  if (problem) throw new InvalidArgumentError(problem);
  return [m[1], m[2]];
};

function autoscale(value: string): [string, AutoscaleSpec] {
  const m = /^([^=\s]+)=([0-9]+):([0-9]+)(?::([0-9]+)%?)?$/.exec(value);
  if (!m) throw new InvalidArgumentError(`expected SERVICE=MIN:MAX[:CPU%] (web=2:10:70; CPU defaults to ${DEFAULT_AUTOSCALE_CPU}%)`);
  const [min, max, cpu] = [Number(m[2]), Number(m[3]), m[4] === undefined ? DEFAULT_AUTOSCALE_CPU : Number(m[4])];
  if (min < 1 || min > max) throw new InvalidArgumentError(`MIN must be at least 1 and at most MAX (got ${min}:${max})`);
  if (cpu < 1) throw new InvalidArgumentError('the CPU target must be at least 1%');
  return [m[1], { min, max, cpu }];
}

/** Helm refuses a chart whose version is not SemVer 2. */
function semver(value: string): string {
  if (!/^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(value)) throw new InvalidArgumentError('expected a SemVer 2 version such as 1.2.0');
  return value;
}

/** Adds the environment and scaling options to the `convert` command. */
export function addScalingOptions(command: Command, builtIns: readonly string[]): Command {
  return command
    .option('--env <name|file>', `environment preset: ${builtIns.join(', ') || 'see `compose2k8s envs`'}, or a preset file; repeat with -o for one directory per environment`, append((v) => v))
    .addOption(new Option('--format <format>', 'with -o: yaml (one file per object), kustomize (base/ and overlays/<env>/) or helm (a chart with values-<env>.yaml)').choices(['yaml', 'kustomize', 'helm']).default('yaml'))
    .option('--chart-version <semver>', 'with --format helm: the chart\'s version (default: 0.1.0)', semver)
    .option('--app-version <version>', 'with --format helm: the chart\'s appVersion and the app.kubernetes.io/version label (default: none)')
    .option('--replicas <n|service=n>', 'replicas of every stateless service (N), or of one service (web=3, also stateful ones); repeatable', append(replicas))
    .option('--cpu <service=quantity>', 'CPU request of a service (web=500m); repeatable', append(serviceQuantity('cpu')))
    .option('--memory <service=quantity>', 'memory request of a service (web=512Mi); repeatable', append(serviceQuantity('memory')))
    .option('--cpu-limit <service=quantity>', 'CPU limit of a service (web=1); repeatable', append(serviceQuantity('cpu')))
    .option('--memory-limit <service=quantity>', 'memory limit of a service (web=1Gi); repeatable', append(serviceQuantity('memory')))
    .option('--autoscale <service=min:max[:cpu%]>', `HorizontalPodAutoscaler for a service (web=2:10:70; CPU target defaults to ${DEFAULT_AUTOSCALE_CPU}%); repeatable`, append(autoscale));
}

/** The flags as ScalingOptions; undefined when none was given. */
export function scalingOptions(flags: ScalingFlags): ScalingOptions | undefined {
  const perService = (entries: [string, string][] | undefined, key: keyof ResourceAmounts, into: Record<string, ResourceAmounts>) => {
    for (const [service, q] of entries ?? []) into[service] = { ...into[service], [key]: q };
  };
  const requests: Record<string, ResourceAmounts> = {};
  const limits: Record<string, ResourceAmounts> = {};
  perService(flags.cpu, 'cpu', requests);
  perService(flags.memory, 'memory', requests);
  perService(flags.cpuLimit, 'cpu', limits);
  perService(flags.memoryLimit, 'memory', limits);
  const global = flags.replicas?.filter((r) => r.service === undefined).pop();
  const named = Object.fromEntries((flags.replicas ?? []).filter((r) => r.service !== undefined).map((r) => [r.service!, r.count]));
  const options: ScalingOptions = {
    ...(global ? { replicas: global.count } : {}),
    ...(Object.keys(named).length ? { serviceReplicas: named } : {}),
    ...(Object.keys(requests).length ? { requests } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
    ...(flags.autoscale?.length ? { autoscale: Object.fromEntries(flags.autoscale) } : {}),
  };
  return Object.keys(options).length ? options : undefined;
}
