// The `build` command: loads the project exactly as convert does, plans the images compose would
// build (src/images/plan-builds.ts), and prints the commands (--dry-run) or runs them one after
// another, stopping at the first failure with the service, the command and its last lines.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Diagnostics } from '../common/diagnostics';
import { loadProject } from '../compose/loader';
import { BUILDER_ORDER, findBuilder, type Builder, type BuilderName } from '../images/builders';
import type { LocalCluster } from '../images/cluster-load';
import { planImageBuilds, type BuildStep, type ImageBuildPlan } from '../images/plan-builds';
import { runSteps, type RunOutcome } from '../images/run-steps';
import { formatStep, shellQuote } from '../images/shell-quote';
import { nodeHost } from '../node-host';
import { builderOf, isOnPath, startStep } from './build-process';
import { loaderInput, requestedFiles, type LoaderFlags } from './flags';
import { type CliIO, EXIT_INVALID_INPUT, EXIT_OK, EXIT_USAGE, usageError } from './io';
import { printDiagnostics, printSummary } from './report';

export interface BuildFlags extends Omit<LoaderFlags, 'interpolate'> {
  builder?: BuilderName;
  imageRegistry?: string;
  tag?: string;
  push?: boolean;
  load?: LocalCluster;
  cluster?: string;
  dryRun?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export async function runBuild(flags: BuildFlags, io: CliIO): Promise<number> {
  if (flags.cluster !== undefined && !flags.load) return usageError(io, '--cluster names the cluster of --load; give --load kind, minikube or k3d');
  const files = await requestedFiles(flags, io);
  if (!files) return EXIT_USAGE;
  const diags = new Diagnostics();
  const { project, sources } = loadProject({ ...loaderInput(flags, io), files, host: nodeHost(), diags });
  if (!project || diags.hasErrors) {
    printDiagnostics(io, diags.list, sources, flags);
    printSummary(io, diags.list, NOTHING_BUILT);
    return diags.list.some((d) => d.code === 'no-compose-file') ? EXIT_USAGE : EXIT_INVALID_INPUT;
  }
  const builder = chooseBuilder(flags, io);
  if (typeof builder === 'object') return failed(io, builder.error);
  const archiveDir = archiveDirFor(builder, flags, io, project.name);
  try {
    const plan = planImageBuilds(project, { builder, imageRegistry: flags.imageRegistry, imageTag: flags.tag, push: flags.push, load: flags.load, cluster: flags.cluster, archiveDir });
    const diagnostics = [...diags.list, ...plan.diagnostics];
    printDiagnostics(io, diagnostics, sources, flags);
    const summary = (outcome: string) => printSummary(io, diagnostics, outcome);
    if (!plan.ok) {
      summary(NOTHING_BUILT);
      return EXIT_INVALID_INPUT;
    }
    if (plan.images.length === 0) {
      summary('no enabled service has a build: section; nothing to build');
      return EXIT_OK;
    }
    if (flags.dryRun) return printCommands(io, plan, archiveDir, summary);
    const missing = flags.load && !isOnPath(flags.load, io.env);
    if (missing) {
      summary(NOTHING_BUILT);
      return failed(io, `${flags.load} was not found on PATH, so --load ${flags.load} cannot load the images\n  hint: install ${flags.load}, or push the images with --push --image-registry REGISTRY`);
    }
    const outcome = await runPlan(plan, io, flags);
    summary(outcomeText(plan, outcome, flags));
    return outcome.ok ? EXIT_OK : EXIT_INVALID_INPUT;
  } finally {
    if (archiveDir && !flags.dryRun) fs.rmSync(archiveDir, { recursive: true, force: true });
  }
}

const NOTHING_BUILT = 'nothing was built';

/** --builder, else the first builder on PATH; for docker, whether it has buildx. */
function chooseBuilder(flags: BuildFlags, io: CliIO): Builder | { error: string } {
  const name = flags.builder ?? findBuilder((exe) => isOnPath(exe, io.env));
  if (!name) return { error: `no image builder found on PATH (looked for ${BUILDER_ORDER.join(', ')})\n  hint: install one of them, or name one with --builder` };
  if (!flags.dryRun && !isOnPath(name, io.env)) return { error: `${name} was not found on PATH\n  hint: install it, or name another builder with --builder` };
  return builderOf(name, io.env, io.cwd);
}

/**
 * Where podman, nerdctl and buildah leave image archives for --load: a new directory, removed after
 * the run. --dry-run names one it does not create: its first printed command creates it.
 */
function archiveDirFor(builder: Builder, flags: BuildFlags, io: CliIO, project: string): string | undefined {
  if (!flags.load || builder === 'buildx' || builder === 'docker') return undefined;
  const tmp = io.env.TMPDIR || os.tmpdir();
  return flags.dryRun ? path.join(tmp, `compose2k8s-${project}-images`) : fs.mkdtempSync(path.join(tmp, 'compose2k8s-images-'));
}

function printCommands(io: CliIO, plan: ImageBuildPlan, archiveDir: string | undefined, summary: (outcome: string) => void): number {
  const lines = [...(archiveDir ? [`mkdir -p ${shellQuote(archiveDir)}`] : []), ...plan.steps.map(formatStep)];
  io.stdout(lines.map((l) => `${l}\n`).join(''));
  const secrets = [...new Set(plan.steps.flatMap((s) => Object.keys(s.env ?? {})))];
  if (secrets.length) io.stderr(`compose2k8s: the builds read ${secrets.join(', ')} from the environment (compose2k8s sets them from .env): export them before running these commands\n`);
  summary(`printed ${lines.length} command${lines.length === 1 ? '' : 's'}; nothing was run`);
  return EXIT_OK;
}

async function runPlan(plan: ImageBuildPlan, io: CliIO, flags: BuildFlags): Promise<RunOutcome> {
  const shown = (step: BuildStep) => formatStep({ ...step, stdin: undefined });
  const outcome = await runSteps(plan.steps, startStep(io.env, io.cwd), {
    onStart: (step) => flags.quiet || io.stderr(`compose2k8s: ${stepTitle(step)}\n$ ${shown(step)}\n`),
    onOutput: (text) => flags.quiet || io.stderr(text),
  });
  if (!outcome.ok) {
    const tail = outcome.lastLines.length ? `\n  its last lines:\n${outcome.lastLines.map((l) => `    ${l}`).join('\n')}` : '';
    io.stderr(`compose2k8s: ${stepTitle(outcome.failed)} failed (${outcome.reason})\n  command: ${shown(outcome.failed)}${tail}\n`);
  }
  return outcome;
}

function stepTitle(step: BuildStep): string {
  const services = step.services.map((s) => `"${s}"`).join(', ');
  const what = { build: 'building', push: 'pushing', save: 'saving', load: 'loading' }[step.kind];
  return `${what} ${step.image} (${step.services.length > 1 ? 'services' : 'service'} ${services})`;
}

function outcomeText(plan: ImageBuildPlan, outcome: RunOutcome, flags: BuildFlags): string {
  const count = (kind: BuildStep['kind']) => outcome.done.filter((s) => s.kind === kind).length;
  const built = `built ${count('build')} of ${plan.images.length} image${plan.images.length === 1 ? '' : 's'}`;
  const pushed = flags.push ? `, pushed ${count('push')} of ${plan.steps.filter((s) => s.kind === 'push').length}` : '';
  const loaded = flags.load ? `, loaded ${count('load')} into ${flags.load}` : '';
  return `${built}${pushed}${loaded}${outcome.ok ? '' : `; stopped at the ${outcome.failed.kind} of ${outcome.failed.image}`}`;
}

function failed(io: CliIO, message: string): number {
  io.stderr(`compose2k8s: ${message}\n`);
  return EXIT_INVALID_INPUT;
}
