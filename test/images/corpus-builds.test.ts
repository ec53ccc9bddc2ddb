// The exact commands `compose2k8s build` runs for every awesome-compose sample that builds an image
// (../shared/corpus), with docker buildx, and with podman loading into kind; in
// awesome-compose.<variant>.txt beside this file, regenerated with `npx vitest run -u` and reviewed.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/compose/loader';
import { Diagnostics, formatDiagnosticShort } from '../../src/common/diagnostics';
import { planImageBuilds, type ImageBuildOptions } from '../../src/images/plan-builds';
import { formatStep } from '../../src/images/shell-quote';
import { nodeHost } from '../../src/node-host';
import { SHARED } from '../helpers';

const CORPUS = path.join(SHARED, 'corpus', 'awesome-compose');
const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

const samples = fs.existsSync(CORPUS)
  ? fs
      .readdirSync(CORPUS)
      .sort()
      .flatMap((dir) => COMPOSE_NAMES.map((f) => path.join(CORPUS, dir, f)).filter((f) => fs.existsSync(f)))
      .filter((file) => /^\s+build:/m.test(fs.readFileSync(file, 'utf8')))
  : [];

/** Every sample's diagnostics and commands, the corpus directory written as awesome-compose/. */
function transcript(options: Omit<ImageBuildOptions, 'builder'> & { builder: ImageBuildOptions['builder'] }): string {
  return samples
    .flatMap((file) => {
      const diags = new Diagnostics();
      const { project } = loadProject({ files: [{ path: file }], env: {}, host: nodeHost(), diags });
      const plan = planImageBuilds(project!, options);
      return [`# ${path.relative(CORPUS, file)}`, ...plan.diagnostics.map(formatDiagnosticShort), ...plan.steps.map(formatStep), ''];
    })
    .join('\n')
    .split(CORPUS + '/')
    .join('awesome-compose/');
}

describe.skipIf(samples.length === 0)(`awesome-compose samples that build ${samples.length ? '' : `(skipped: ${CORPUS} not found)`}`, () => {
  it('are the 27 the corpus holds', () => {
    expect(samples).toHaveLength(27);
  });

  it('build with docker buildx as the expected file says', async () => {
    await expect(transcript({ builder: 'buildx' })).toMatchFileSnapshot(path.join(__dirname, 'awesome-compose.buildx.txt'));
  });

  it('build with podman and load into kind as the expected file says', async () => {
    await expect(transcript({ builder: 'podman', load: 'kind', cluster: 'dev', archiveDir: '/tmp/images' })).toMatchFileSnapshot(path.join(__dirname, 'awesome-compose.podman-kind.txt'));
  });
});
