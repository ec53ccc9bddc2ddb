// The command line: flags → convert() → stdout or files; diagnostics → stderr; exit codes.
// The only module that touches process, the console and (through output/) the file system.
// cdk8s is required only when a conversion runs, so `--help` and `--version` start fast.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { addKomposeOptions, komposeOptions, type KomposeFlags } from './cli-kompose';
import { addScalingOptions, scalingOptions, type ScalingFlags } from './cli-scaling';
import { builtInPresetNames } from './node-presets';

export const EXIT_OK = 0;
export const EXIT_INVALID_INPUT = 1;
export const EXIT_USAGE = 2;

/** What the CLI needs from its surroundings; tests pass their own. */
export interface CliIO {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function choice<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    if (!values.includes(value as T)) throw new InvalidArgumentError(`expected one of ${values.join(', ')}`);
    return value as T;
  };
}

function quantity(value: string): string {
  if (!/^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.test(value)) throw new InvalidArgumentError('expected a Kubernetes quantity such as 1Gi or 500Mi');
  return value;
}

function dns1123(value: string): string {
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) throw new InvalidArgumentError('expected a DNS-1123 label: lowercase letters, digits and "-", at most 63 characters');
  return value;
}

interface ConvertFlags extends ScalingFlags, KomposeFlags {
  file?: string[];
  projectName?: string;
  projectDirectory?: string;
  output?: string;
  namespace?: string;
  pvcSize?: string;
  pvcRequestSize?: string;
  bindMounts?: 'auto' | 'emptyDir' | 'hostPath' | 'configMap' | 'skip';
  imageRegistry?: string;
  envFile?: string[];
  controller?: 'deployment' | 'statefulset';
  networkPolicies?: boolean;
  profile?: string[];
  strict?: boolean;
  /** Commander's negated `--no-wait`: false when given. */
  wait?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  /** Commander's negated `--no-interpolate`: false when given. */
  interpolate?: boolean;
}

/** The loader flags, shared by convert and config. */
type LoaderFlags = Pick<ConvertFlags, 'file' | 'projectName' | 'projectDirectory' | 'envFile' | 'profile' | 'interpolate'>;

const PROJECT_DIRECTORY_HELP = 'base of relative paths in the compose files, where .env is read and compose files are found (default: the first compose file\'s directory)';

interface ConfigFlags extends LoaderFlags {
  quiet?: boolean;
  verbose?: boolean;
  services?: boolean;
  format?: 'yaml' | 'json';
  output?: string;
}

function version(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

export function buildProgram(io: CliIO, onAction: (run: () => Promise<number>) => void): Command {
  const program = new Command('compose2k8s')
    .description('Convert Docker Compose projects into Kubernetes manifests that kubectl accepts.')
    .version(version(), '-V, --version')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError('(run compose2k8s --help for usage)');

  program
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
  addScalingOptions(program.commands.find((c) => c.name() === 'convert')!, builtInPresetNames());
  addKomposeOptions(program.commands.find((c) => c.name() === 'convert')!);

  program
    .command('envs')
    .description(`list the built-in environment presets (${builtInPresetNames().join(', ')}) for convert --env`)
    .action(() => onAction(async () => (await import('./cli-environments')).listEnvironments(io)));

  program
    .command('config')
    .description('print the resolved compose project (files merged, variables interpolated, long syntax), like `docker compose config`')
    .option('-f, --file <path>', 'compose file; repeat to merge several; "-" reads stdin (default: compose.yaml, … as docker compose finds them)', collect)
    .option('-p, --project-name <name>', 'project name (default: COMPOSE_PROJECT_NAME, else "name:" in the file, else the directory name)')
    .option('--project-directory <dir>', PROJECT_DIRECTORY_HELP)
    .option('--env-file <path>', 'variables for interpolation; repeatable (default: .env in the project directory)', collect)
    .option('--profile <name>', 'enable services of this profile; repeatable (default: COMPOSE_PROFILES)', collect)
    .option('--no-interpolate', 'keep ${VAR} text as written instead of substituting variables')
    .option('-q, --quiet', 'only validate: print nothing on stdout, only errors and the summary on stderr; exit 0 when the project is valid', false)
    .addOption(verboseOption())
    .option('--services', 'print the names of the enabled services, one per line', false)
    .addOption(new Option('--format <format>', 'output format').argParser(choice(['yaml', 'json'] as const)).default('yaml'))
    .option('-o, --output <file>', 'write to FILE instead of stdout')
    .action((flags: ConfigFlags) => onAction(() => runConfig(flags, io)));

  return program;
}

function verboseOption(): Option {
  return new Option('--verbose', 'print every diagnostic in full (by default, repeats of one code under one service print as one)').conflicts('quiet');
}

/** Runs the CLI; resolves to the process exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let action: (() => Promise<number>) | undefined;
  const program = buildProgram(io, (a) => (action = a));
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    io.stderr(`compose2k8s: internal error: ${(e as Error).message}\n`);
    return EXIT_INVALID_INPUT;
  }
  if (!action) {
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return EXIT_USAGE;
    }
    return EXIT_OK;
  }
  try {
    return await action();
  } catch (e) {
    io.stderr(`compose2k8s: internal error: ${(e as Error).message}\nPlease report this with the compose file that caused it.\n`);
    return EXIT_INVALID_INPUT;
  }
}

async function runConvert(flags: ConvertFlags, io: CliIO): Promise<number> {
  // Loaded here, not at the top: cdk8s costs ~150 ms to require and --help needs none of it.
  const { convertWithHost } = await import('./convert');
  const { nodeHost } = await import('./node-host');
  const { NOTHING_WRITTEN, printDiagnostics, printSummary } = await import('./cli-report');

  const files = await requestedFiles(flags, io);
  if (!files) return EXIT_USAGE;
  const kompose = komposeOptions(flags, io.stderr);
  if (typeof kompose === 'string') return usageError(io, kompose);
  if (flags.pvcSize && flags.pvcRequestSize && flags.pvcSize !== flags.pvcRequestSize) {
    return usageError(io, `--pvc-size ${flags.pvcSize} and --pvc-request-size ${flags.pvcRequestSize} are the same option with two values`);
  }

  const { loadEnvironments, runVariants } = await import('./cli-environments');
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
    strict: flags.strict,
    controller: flags.controller,
    networkPolicies: flags.networkPolicies,
    noWait: flags.wait === false,
    host: nodeHost(),
  };
  // Several environments, Kustomize or Helm: one directory per environment (cli-environments.ts).
  if (envs.presets.length > 1 || flags.format === 'kustomize' || flags.format === 'helm') return runVariants(input, { ...flags, encoding: kompose.encoding }, envs, io);
  const result = convertWithHost({ ...input, environment: envs.presets[0] });
  const diagnostics = [...envs.diagnostics, ...result.diagnostics];

  printDiagnostics(io, diagnostics, [...result.sources, ...envs.sources], flags);
  if (!result.ok) {
    printSummary(io, diagnostics, NOTHING_WRITTEN);
    // No compose file found (and no -f): a usage error, as a missing -f file is.
    return diagnostics.some((d) => d.code === 'no-compose-file') ? EXIT_USAGE : EXIT_INVALID_INPUT;
  }
  const { encode, manifestFileName, toStream } = await import('./output/emit');
  if (flags.output) {
    const { writeOutputDirectory } = await import('./cli-write');
    const out = new Map(result.manifests.map((m) => [manifestFileName(m, { encoding: kompose.encoding }), encode(m, kompose.encoding)]));
    const written = writeOutputDirectory(io, flags.output, out, [...result.sources.keys()]);
    printSummary(io, diagnostics, written ? `wrote ${out.size} files to ${flags.output}` : NOTHING_WRITTEN);
    return written ? EXIT_OK : EXIT_USAGE;
  }
  io.stdout(kompose.encoding === 'json' ? toStream(result.manifests, 'json') : result.yaml);
  printSummary(io, diagnostics);
  return EXIT_OK;
}

/**
 * The -f files (stdin for "-"); an empty list lets the loader find them as docker compose does
 * (COMPOSE_FILE, compose.yaml, … in the project or working directory or a parent). Undefined: a
 * named file or the project directory is missing.
 */
async function requestedFiles(flags: LoaderFlags, io: CliIO): Promise<{ path: string; content?: string }[] | undefined> {
  const files: { path: string; content?: string }[] = [];
  for (const f of flags.file ?? []) {
    if (f === '-') files.push({ path: toPosix(path.join(io.cwd, '<stdin>')), content: await io.readStdin() });
    else files.push({ path: toPosix(path.resolve(io.cwd, f)) });
  }
  if (flags.projectDirectory !== undefined && !fs.statSync(path.resolve(io.cwd, flags.projectDirectory), { throwIfNoEntry: false })?.isDirectory()) {
    io.stderr(`compose2k8s: project directory ${flags.projectDirectory} not found\n  hint: check the --project-directory path, relative to the current directory\n`);
    return undefined;
  }
  for (const f of files) {
    if (f.content === undefined && !fs.existsSync(f.path)) {
      io.stderr(`compose2k8s: compose file ${path.relative(io.cwd, f.path) || f.path} not found\n  hint: check the -f path\n`);
      return undefined;
    }
    if (f.content === undefined && fs.statSync(f.path).isDirectory()) {
      io.stderr(`compose2k8s: ${path.relative(io.cwd, f.path) || f.path} is a directory, not a compose file\n  hint: pass the file inside it, e.g. -f ${path.join(path.relative(io.cwd, f.path) || '.', 'compose.yaml')}\n`);
      return undefined;
    }
  }
  return files;
}

/** Loader options from the flags both commands share. */
function loaderInput(flags: LoaderFlags, io: CliIO) {
  return {
    env: io.env,
    cwd: toPosix(io.cwd),
    projectDirectory: flags.projectDirectory === undefined ? undefined : toPosix(path.resolve(io.cwd, flags.projectDirectory)),
    envFiles: flags.envFile?.map((f) => toPosix(path.resolve(io.cwd, f))),
    projectName: flags.projectName,
    profiles: flags.profile,
    noInterpolate: flags.interpolate === false,
  };
}

function usageError(io: CliIO, message: string): number {
  io.stderr(`compose2k8s: ${message}\n`);
  return EXIT_USAGE;
}

async function runConfig(flags: ConfigFlags, io: CliIO): Promise<number> {
  const { loadProject } = await import('./compose/loader');
  const { foldEnvFiles, projectConfig, projectConfigYaml } = await import('./compose/config-output');
  const { nodeHost } = await import('./node-host');
  const { Diagnostics } = await import('./diagnostics');
  const { NOTHING_WRITTEN, printDiagnostics, printSummary } = await import('./cli-report');
  const files = await requestedFiles(flags, io);
  if (!files) return EXIT_USAGE;
  const diags = new Diagnostics();
  const host = nodeHost();
  const loaded = loadProject({ ...loaderInput(flags, io), files, host, diags });
  const sources = loaded.sources;
  // As docker compose config: env_file values are shown under environment.
  const project = loaded.project && !diags.hasErrors ? foldEnvFiles(loaded.project, (p) => host.readFile(p), diags) : loaded.project;
  printDiagnostics(io, diags.list, sources, flags);
  if (!project || diags.hasErrors) {
    printSummary(io, diags.list, NOTHING_WRITTEN);
    return diags.list.some((d) => d.code === 'no-compose-file') ? EXIT_USAGE : EXIT_INVALID_INPUT;
  }
  // -q only validates: the project is not printed.
  if (!flags.quiet) {
    const text = flags.services
      ? Object.keys(project.services).sort().map((s) => `${s}\n`).join('')
      : flags.format === 'json'
        ? JSON.stringify(projectConfig(project), null, 2) + '\n'
        : projectConfigYaml(project, { noInterpolate: flags.interpolate === false });
    if (!flags.output) {
      io.stdout(text);
    } else {
      try {
        fs.writeFileSync(path.resolve(io.cwd, flags.output), text);
      } catch (e) {
        io.stderr(`compose2k8s: cannot write ${flags.output}: ${(e as Error).message}\n`);
        printSummary(io, diags.list, NOTHING_WRITTEN);
        return EXIT_USAGE;
      }
    }
  }
  printSummary(io, diags.list);
  return EXIT_OK;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Entry point used by bin/compose2k8s.js. */
export function main(argv: readonly string[]): Promise<number> {
  return run(argv, {
    cwd: process.cwd(),
    env: process.env,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: () =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        process.stdin.on('data', (c: Buffer) => chunks.push(c));
        process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        process.stdin.on('error', reject);
      }),
  });
}
