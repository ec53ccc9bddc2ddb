// The images `compose2k8s build` makes are the images convert's manifests run: for every example,
// every fixture and every awesome-compose sample, with the default names and with --image-registry
// and --image-tag, each service's container runs exactly the image planned for it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planImageBuilds } from '../../src/images/plan-builds';
import { convert } from '../../src/index';
import { toDns1123Label } from '../../src/model/base/names';
import { ROOT, SHARED } from '../helpers';

const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** The compose file of each folder under `root` that has one. */
function composeFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .sort()
    .flatMap((dir) => COMPOSE_NAMES.map((f) => path.join(root, dir, f)).filter((f) => fs.existsSync(f)).slice(0, 1));
}

const files = [
  ...composeFiles(path.join(ROOT, 'examples')),
  ...composeFiles(path.join(ROOT, 'test', 'fixtures')),
  ...composeFiles(path.join(ROOT, 'test', 'images', 'fixtures')),
  ...composeFiles(path.join(SHARED, 'corpus', 'awesome-compose')),
].map((file) => path.relative(ROOT, file));

const NAMINGS = [{}, { imageRegistry: 'ghcr.io/acme', imageTag: '1.4.2' }];

/** `service → image` of every container convert wrote, by the container's name. */
function containerImages(manifests: readonly { spec?: unknown }[]): Map<string, string> {
  const images = new Map<string, string>();
  for (const m of manifests as { spec?: { template?: { spec?: { containers?: { name: string; image: string }[] } }; jobTemplate?: unknown } }[]) {
    for (const c of m.spec?.template?.spec?.containers ?? []) images.set(c.name, c.image);
  }
  return images;
}

describe('build and convert name each image alike', () => {
  it('covers the examples, the fixtures and (when ../shared is there) the corpus', () => {
    expect(files.filter((f) => f.startsWith('examples/')).length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s', (file) => {
    const mismatches = NAMINGS.flatMap((naming) => {
      const converted = convert({ files: [path.join(ROOT, file)], env: {}, ...naming });
      if (!converted.project) return [`${file} did not load`];
      const running = containerImages(converted.manifests);
      const plan = planImageBuilds(converted.project, { builder: 'buildx', ...naming });
      return plan.images.flatMap((image) => image.services.filter((s) => running.get(toDns1123Label(s)) !== image.image).map((s) => `${s}: built ${image.image}, runs ${running.get(toDns1123Label(s))}`));
    });
    expect(mismatches).toEqual([]);
  });
});
