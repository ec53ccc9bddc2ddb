// The cdk8s app that `cdk8s synth` runs (see cdk8s.yaml): converts one compose project through the
// same ComposeChart as the CLI and writes cdk8s.out/. Which project: $COMPOSE2K8S_FILE (paths
// joined with ":" are merged), else examples/seed/docker-compose.yml.

import * as path from 'node:path';
import { App } from 'cdk8s';
import { ComposeChart } from './build/chart';
import { ConversionError, formatDiagnostic } from './diagnostics';

function main(): number {
  const files = (process.env.COMPOSE2K8S_FILE ?? path.join(__dirname, '..', 'examples', 'seed', 'docker-compose.yml'))
    .split(':')
    .filter(Boolean)
    .map((f) => path.resolve(f).split(path.sep).join('/'));
  const app = new App({ outdir: process.env.CDK8S_OUTDIR ?? 'cdk8s.out' });
  try {
    const chart = new ComposeChart(app, 'compose', {
      files,
      env: process.env,
      namespace: process.env.COMPOSE2K8S_NAMESPACE || undefined,
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
