// The `convert` flags a Kompose user reaches for, with Kompose's names and meaning: -j/--json,
// --volumes (and the deprecated --emptyvols), --service-group-mode (and the deprecated
// --multiple-container-mode) and --service-group-name.
// (--pvc-request-size sits beside --pvc-size in convert.ts; --no-interpolate is a loader flag there.)
// Kept free of cdk8s so that `--help` stays fast.

import { Option, type Command } from 'commander';
import type { Encoding } from '../output/emit';
import type { ServiceGroupOptions, VolumeMode } from '../model/base/options';

const VOLUME_MODES: readonly VolumeMode[] = ['persistentVolumeClaim', 'emptyDir', 'hostPath', 'configMap'];

export interface KomposeFlags {
  json?: boolean;
  volumes?: VolumeMode;
  emptyvols?: boolean;
  serviceGroupMode?: 'label' | 'volume';
  serviceGroupName?: string;
  multipleContainerMode?: boolean;
}

export interface KomposeOptions {
  readonly encoding: Encoding;
  readonly volumes?: VolumeMode;
  readonly serviceGroups?: ServiceGroupOptions;
}

/** Adds the Kompose-named options to the `convert` command. */
export function addKomposeOptions(command: Command): Command {
  return command
    .option('-j, --json', 'write JSON: one v1 List on stdout, .json files with -o (Kompose\'s -j)', false)
    .addOption(
      new Option('--volumes <type>', 'named volumes become persistentVolumeClaim (default), emptyDir, hostPath or configMap; bind mounts follow unless --bind-mounts is given (Kompose\'s --volumes)').choices(VOLUME_MODES),
    )
    .addOption(new Option('--emptyvols', 'deprecated (Kompose): same as --volumes emptyDir'))
    .addOption(new Option('--service-group-mode <mode>', 'several compose services in one pod: label (same kompose.service.group label) or volume (sharing a volume)').choices(['label', 'volume']))
    .option('--service-group-name <name>', 'with --service-group-mode volume: the name of the grouped workload (default: the services\' names joined by "-")')
    .addOption(new Option('--multiple-container-mode', 'deprecated (Kompose): same as --service-group-mode label'));
}

/** The options, or the reason they do not fit together (a usage error). Notes go to `note`. */
export function komposeOptions(flags: KomposeFlags, note: (text: string) => void): KomposeOptions | string {
  if (flags.emptyvols) {
    note('compose2k8s: --emptyvols is deprecated (as in Kompose); use --volumes emptyDir\n');
    if (flags.volumes && flags.volumes !== 'emptyDir') return `--emptyvols means --volumes emptyDir, which contradicts --volumes ${flags.volumes}`;
  }
  if (flags.multipleContainerMode) note('compose2k8s: --multiple-container-mode is deprecated (as in Kompose); use --service-group-mode label\n');
  // Kompose: --multiple-container-mode means label mode when no --service-group-mode is given.
  const groupMode = flags.serviceGroupMode ?? (flags.multipleContainerMode ? 'label' : undefined);
  if (flags.serviceGroupName !== undefined && groupMode !== 'volume') {
    return '--service-group-name names the workload of a volume group; use it with --service-group-mode volume (in label mode the kompose.service.group label names each group)';
  }
  const volumes = flags.emptyvols ? 'emptyDir' : flags.volumes;
  return {
    encoding: flags.json ? 'json' : 'yaml',
    ...(volumes ? { volumes } : {}),
    ...(groupMode ? { serviceGroups: { mode: groupMode, ...(flags.serviceGroupName !== undefined ? { name: flags.serviceGroupName } : {}) } } : {}),
  };
}
