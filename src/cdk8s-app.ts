// The cdk8s app that `cdk8s synth` runs (see cdk8s.yaml): converts one compose project through the
// same ComposeChart as the CLI and writes cdk8s.out/. Which project: $COMPOSE2K8S_FILE (paths
// joined with ":" are merged), else examples/seed/docker-compose.yml. $COMPOSE2K8S_ENV picks an
// environment preset (a built-in name or a file), as `convert --env` does.

import * as path from 'node:path';
import { App } from 'cdk8s';
import { ComposeChart } from './compose-chart';
import { ConversionError, formatDiagnostic } from './common/diagnostics';
import { loadPreset } from './load-preset';

function main(): number {
  const files = (process.env.COMPOSE2K8S_FILE ?? path.join(__dirname, '..', 'examples', 'seed', 'docker-compose.yml'))
    .split(':')
    .filter(Boolean)
    .map((f) => path.resolve(f).split(path.sep).join('/'));
  const app = new App({ outdir: process.env.CDK8S_OUTDIR ?? 'cdk8s.out' });
  const envSpec = process.env.COMPOSE2K8S_ENV || undefined;
  let preset: ReturnType<typeof loadPreset> | undefined;
  try {
    preset = envSpec ? loadPreset(envSpec) : undefined;
  } catch (e) {
    process.stderr.write(`compose2k8s: COMPOSE2K8S_ENV: ${(e as Error).message}\n`);
    return 1;
  }
  if (preset && !preset.preset) {
    for (const d of preset.diagnostics.list) process.stderr.write(formatDiagnostic(d, new Map([[preset.source.file, preset.source.text]])) + '\n');
    return 1;
  }
  try {
    const chart = new ComposeChart(app, 'compose', {
      files,
      env: process.env,
      namespace: process.env.COMPOSE2K8S_NAMESPACE || undefined,
      environment: preset?.preset,
    });
    for (const d of chart.diagnostics) process.stderr.write(formatDiagnostic(d, new Map()) + '\n');
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    for (const d of e.diagnostics) process.stderr.write(formatDiagnostic(d, new Map()) + '\n');
    return 1;
  }
  app.synth();
  return 0;
}

process.exitCode = main();
