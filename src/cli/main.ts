// The command line: the program and its commands (convert, envs, config, build), run with a CliIO, and
// the entry point bin/compose2k8s.js calls. The only module that touches process; cdk8s is required
// only when a conversion runs, so `--help` and `--version` start fast.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError } from 'commander';
import { builtInPresetNames } from '../node-presets';
import { addBuildCommand } from './build';
import { addConfigCommand } from './config';
import { addConvertCommand } from './convert';
import { type CliIO, EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE } from './io';

export { EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE, type CliIO } from './io';

function version(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
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
  addConvertCommand(program, io, onAction);
  program
    .command('envs')
    .description(`list the built-in environment presets (${builtInPresetNames().join(', ')}) for convert --env`)
    .action(() => onAction(async () => (await import('./environments')).listEnvironments(io)));

  addConfigCommand(program, io, onAction);
  addBuildCommand(program, io, onAction);
  return program;
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
