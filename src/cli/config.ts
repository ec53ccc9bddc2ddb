// `compose2k8s config`: the resolved compose project, as `docker compose config` prints it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Command, Option } from 'commander';
import { choice, collect, loaderInput, PROJECT_DIRECTORY_HELP, requestedFiles, verboseOption, type LoaderFlags } from './flags';
import { type CliIO, EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE } from './io';

interface ConfigFlags extends LoaderFlags {
  quiet?: boolean;
  verbose?: boolean;
  services?: boolean;
  format?: 'yaml' | 'json';
  output?: string;
}

/** Adds `config` to the program; `onAction` receives its run. */
export function addConfigCommand(program: Command, io: CliIO, onAction: (run: () => Promise<number>) => void): void {
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
}

async function runConfig(flags: ConfigFlags, io: CliIO): Promise<number> {
  const { loadProject } = await import('../compose/loader');
  const { foldEnvFiles, projectConfig, projectConfigYaml } = await import('../compose/config-output');
  const { nodeHost } = await import('../node-host');
  const { Diagnostics } = await import('../common/diagnostics');
  const { NOTHING_WRITTEN, printDiagnostics, printSummary } = await import('./report');
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
