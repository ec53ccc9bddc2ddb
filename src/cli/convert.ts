// `compose2k8s convert`: its flags, and the run: flags → convert() (or one conversion per
// environment, cli/environments.ts) → YAML on stdout or files; diagnostics → stderr; exit code.

import { type Command, InvalidArgumentError, Option } from 'commander';
import { dns1123LabelProblem } from '../model/base/kube-rules';
import { builtInPresetNames } from '../node-presets';
import { choice, collect, imageTag, loaderInput, PROJECT_DIRECTORY_HELP, requestedFiles, verboseOption, type LoaderFlags } from './flags';
import { type CliIO, EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE, usageError } from './io';
import { addKomposeOptions, komposeOptions, type KomposeFlags } from './kompose';
import { addScalingOptions, scalingOptions, type ScalingFlags } from './scaling';

function quantity(value: string): string {
  if (!/^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.test(value)) throw new InvalidArgumentError('expected a Kubernetes quantity such as 1Gi or 500Mi');
  return value;
}

function dns1123(value: string): string {
  if (dns1123LabelProblem(value)) throw new InvalidArgumentError('expected a DNS-1123 label: lowercase letters, digits and "-", at most 63 characters');
  return value;
}

interface ConvertFlags extends LoaderFlags, ScalingFlags, KomposeFlags {
  output?: string;
  namespace?: string;
  pvcSize?: string;
  pvcRequestSize?: string;
  bindMounts?: 'auto' | 'emptyDir' | 'hostPath' | 'configMap' | 'skip';
  imageRegistry?: string;
  imageTag?: string;
  controller?: 'deployment' | 'statefulset';
  networkPolicies?: boolean;
  strict?: boolean;
  /** Commander's negated `--no-wait`: false when given. */
  wait?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/** Adds `convert` to the program; `onAction` receives its run. */
export function addConvertCommand(program: Command, io: CliIO, onAction: (run: () => Promise<number>) => void): void {
  const convert = program
    .command('convert')
    .description('convert a compose project into Kubernetes manifests (YAML on stdout, or files with -o)')
    .option('-f, --file <path>', 'compose file; repeat to merge several; "-" reads stdin (default: compose.yaml, docker-compose.yml, … in the current directory)', collect)
    .option('-p, --project-name <name>', 'project name, used in labels and built image names (default: "name:" in the file, else the directory name)')
    .option('--project-directory <dir>', PROJECT_DIRECTORY_HELP)
    .option('-o, --output <dir>', 'write one file per resource into DIR, atomically, instead of stdout')
    .option('-n, --namespace <ns>', 'set metadata.namespace on every object and emit the Namespace', dns1123)
    // No commander default: an environment's storage.size applies only when --pvc-size is not given.
    .option('--pvc-size <size>', 'size of each PersistentVolumeClaim made from a named volume (default: the environment\'s storage.size, else 1Gi)', quantity)
    .option('--pvc-request-size <size>', 'the same as --pvc-size (Kompose\'s name)', quantity)
    // No commander default: --volumes decides for bind mounts when --bind-mounts is not given.
    .addOption(
      new Option('--bind-mounts <mode>', 'bind mounts: auto (file → ConfigMap, directory → emptyDir; the default unless --volumes says), emptyDir, hostPath, configMap or skip').argParser(
        choice(['auto', 'emptyDir', 'hostPath', 'configMap', 'skip'] as const),
      ),
    )
    .option('--image-registry <registry>', 'registry prefix for images compose would build (build: without image:)')
    .option('--image-tag <tag>', 'tag of images compose would build (build: without image:), as given to compose2k8s build --tag (default: latest)', imageTag)
    .option('--env-file <path>', 'variables for interpolation; repeatable (default: .env in the project directory)', collect)
    .option('--profile <name>', 'enable services of this profile; repeatable (default: COMPOSE_PROFILES)', collect)
    .option('--no-interpolate', 'keep ${VAR} text as written instead of substituting variables (as docker compose config --no-interpolate)')
    .addOption(
      new Option('--controller <kind>', 'services that mount a ReadWriteOnce volume: deployment (strategy Recreate) or statefulset (one claim per pod)')
        .argParser(choice(['deployment', 'statefulset'] as const))
        .default('deployment'),
    )
    .option('--network-policies', 'one NetworkPolicy per compose network: pods accept traffic only from pods they share a network with', false)
    .option('--no-wait', 'no init containers waiting for depends_on (a Service accepting connections, a Job completing)')
    .option('--strict', 'treat warnings as errors (notes stay notes)', false)
    .option('-q, --quiet', 'print only errors and the closing summary on stderr', false)
    .addOption(verboseOption())
    .action((flags: ConvertFlags) => onAction(() => runConvert(flags, io)));
  addScalingOptions(convert, builtInPresetNames());
  addKomposeOptions(convert);
}

async function runConvert(flags: ConvertFlags, io: CliIO): Promise<number> {
  // Loaded here, not at the top: cdk8s costs ~150 ms to require and --help needs none of it.
  const { convertWithHost } = await import('../convert');
  const { nodeHost } = await import('../node-host');
  const { NOTHING_WRITTEN, printDiagnostics, printSummary } = await import('./report');

  const files = await requestedFiles(flags, io);
  if (!files) return EXIT_USAGE;
  const kompose = komposeOptions(flags, io.stderr);
  if (typeof kompose === 'string') return usageError(io, kompose);
  if (flags.pvcSize && flags.pvcRequestSize && flags.pvcSize !== flags.pvcRequestSize) {
    return usageError(io, `--pvc-size ${flags.pvcSize} and --pvc-request-size ${flags.pvcRequestSize} are the same option with two values`);
  }

  const { loadEnvironments, runVariants } = await import('./environments');
  const envs = loadEnvironments(flags.env ?? [], io, flags);
  if (typeof envs === 'number') return envs;
  const input = {
    ...loaderInput(flags, io),
    files,
    scaling: scalingOptions(flags),
    namespace: flags.namespace,
    pvcSize: flags.pvcSize ?? flags.pvcRequestSize,
    volumes: kompose.volumes,
    bindMounts: flags.bindMounts,
    serviceGroups: kompose.serviceGroups,
    imageRegistry: flags.imageRegistry,
    imageTag: flags.imageTag,
    strict: flags.strict,
    controller: flags.controller,
    networkPolicies: flags.networkPolicies,
    noWait: flags.wait === false,
    host: nodeHost(),
  };
  // Several environments, Kustomize or Helm: one directory per environment, or a chart (environments.ts).
  if (envs.presets.length > 1 || flags.format === 'kustomize' || flags.format === 'helm') return runVariants(input, { ...flags, encoding: kompose.encoding }, envs, io);
  const result = convertWithHost({ ...input, environment: envs.presets[0] });
  const diagnostics = [...envs.diagnostics, ...result.diagnostics];

  printDiagnostics(io, diagnostics, [...result.sources, ...envs.sources], flags);
  if (!result.ok) {
    printSummary(io, diagnostics, NOTHING_WRITTEN);
    // No compose file found (and no -f): a usage error, as a missing -f file is.
    return diagnostics.some((d) => d.code === 'no-compose-file') ? EXIT_USAGE : EXIT_INVALID_INPUT;
  }
  const { encode, manifestFileName, toStream } = await import('../output/emit');
  if (flags.output) {
    const { writeOutputDirectory } = await import('./write');
    const out = new Map(result.manifests.map((m) => [manifestFileName(m, { encoding: kompose.encoding }), encode(m, kompose.encoding)]));
    const written = writeOutputDirectory(io, flags.output, out, [...result.sources.keys()]);
    printSummary(io, diagnostics, written ? `wrote ${out.size} files to ${flags.output}` : NOTHING_WRITTEN);
    return written ? EXIT_OK : EXIT_USAGE;
  }
  io.stdout(kompose.encoding === 'json' ? toStream(result.manifests, 'json') : result.yaml);
  printSummary(io, diagnostics);
  return EXIT_OK;
}
