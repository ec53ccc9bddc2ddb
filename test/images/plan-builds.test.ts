// planImageBuilds(): the commands each builder gets for each compose build key (the fixtures'
// expected.<builder>.txt, regenerated with `npx vitest run -u` and reviewed), and the rules around
// them: names, order, pushes, loads, and what is refused before anything runs.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/compose/loader';
import { SourceMap } from '../../src/common/source-map';
import { Diagnostics, formatDiagnosticShort, sortDiagnostics } from '../../src/common/diagnostics';
import { BUILD_KEYS } from '../../src/images/build-keys';
import type { Builder } from '../../src/images/builders';
import { planImageBuilds, type ImageBuildOptions, type ImageBuildPlan } from '../../src/images/plan-builds';
import { formatStep } from '../../src/images/shell-quote';
import { memoryHost } from '../../src/common/host';
import { nodeHost } from '../../src/node-host';
import { ROOT } from '../helpers';

const FIXTURES = path.join(ROOT, 'test', 'images', 'fixtures');
const BUILDERS: readonly Builder[] = ['buildx', 'docker', 'podman', 'nerdctl', 'buildah'];

function planFile(file: string, options: Partial<ImageBuildOptions> = {}): ImageBuildPlan {
  const diags = new Diagnostics();
  const { project } = loadProject({ files: [{ path: file }], env: {}, host: nodeHost(), diags });
  expect(diags.list.filter((d) => d.severity === 'error')).toEqual([]);
  return planImageBuilds(project!, { builder: 'buildx', ...options });
}

function planYaml(text: string, options: Partial<ImageBuildOptions> = {}, env: Record<string, string> = {}): ImageBuildPlan {
  const diags = new Diagnostics();
  const { project } = loadProject({ files: [{ path: '/p/compose.yaml' }], env, host: memoryHost({ '/p/compose.yaml': text }), diags });
  return planImageBuilds(project!, { builder: 'buildx', ...options });
}

/** The diagnostics, then the commands, with the repository's path left out. */
function transcript(plan: ImageBuildPlan): string {
  const lines = [...sortDiagnostics(plan.diagnostics).map(formatDiagnosticShort), ...plan.steps.map(formatStep)];
  return lines.join('\n').split(ROOT + '/').join('') + '\n';
}

const commands = (plan: ImageBuildPlan) => plan.steps.map((s) => s.argv.join(' '));

describe.each(['every-key', 'remote-context', 'shared-image'])('test/images/fixtures/%s', (fixture) => {
  it.each(BUILDERS)('gives %s the commands and reports in its expected file', async (builder) => {
    const plan = planFile(path.join(FIXTURES, fixture, 'compose.yaml'), { builder });
    await expect(transcript(plan)).toMatchFileSnapshot(path.join(FIXTURES, fixture, `expected.${builder}.txt`));
  });
});

describe('BUILD_KEYS', () => {
  it('has a row for every key the Compose schema gives build:, and no other', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'compose', 'schema', 'compose-spec.json'), 'utf8'));
    const build = schema.$defs.service.properties.build.oneOf.find((o: { type: string }) => o.type === 'object');
    expect(Object.keys(BUILD_KEYS).sort()).toEqual(Object.keys(build.properties).sort());
  });
});

describe('every build key', () => {
  // The keys of the fixture's build sections (indented six spaces).
  const keys = [...new Set(fs.readFileSync(path.join(FIXTURES, 'every-key', 'compose.yaml'), 'utf8').match(/^ {6}[a-z_]+(?=:)/gm)!.map((k) => k.trim()))];

  it.each(BUILDERS)('is passed to %s or reported at its line', (builder) => {
    const plan = planFile(path.join(FIXTURES, 'every-key', 'compose.yaml'), { builder });
    const reported = new Set(plan.diagnostics.map((d) => /^services\.\w+\.build\.(\w+)/.exec(d.path ?? '')?.[1]));
    const argv = plan.steps.map((s) => s.argv.join(' ')).join('\n');
    const FLAG: Record<string, string> = { dockerfile: '-f ', dockerfile_inline: '-f -', context: '/every-key', args: '--build-arg', labels: '--label', tags: '-t registry.example.com/team/app:2.0-full', platforms: '--platform', cache_from: '--cache-from', cache_to: '--cache-to', no_cache: '--no-cache', no_cache_filter: '--no-cache-filter', pull: '--pull', network: '--network', extra_hosts: '--add-host', shm_size: '--shm-size', ulimits: '--ulimit', secrets: '--secret', ssh: '--ssh', additional_contexts: '--build-context', entitlements: '--allow network.host', privileged: '--allow security.insecure', provenance: '--provenance', sbom: '--sbom', isolation: '--isolation', target: '--target' };
    expect(keys.filter((k) => !reported.has(k) && !argv.includes(FLAG[k]))).toEqual([]);
  });
});

describe('the seed example', () => {
  const seed = path.join(ROOT, 'examples', 'seed', 'docker-compose.yml');
  const dir = path.dirname(seed);

  it('builds web as docker compose does, from . with its Dockerfile', () => {
    expect(commands(planFile(seed))).toEqual([`docker buildx build --load -t seed-web:latest -f ${dir}/Dockerfile ${dir}`]);
  });

  it('gives podman docker\'s full name, which the cluster looks for', () => {
    expect(planFile(seed, { builder: 'podman' }).steps[0].argv).toContain('docker.io/library/seed-web:latest');
  });
});

describe('args', () => {
  it('takes a bare ARG from the environment, and leaves an unset one out, as compose does', () => {
    const plan = planYaml('services:\n  a:\n    build:\n      context: .\n      args: [SET, UNSET, "EMPTY="]\n', {}, { SET: 'yes' });
    expect(plan.steps[0].argv.filter((a, i, all) => all[i - 1] === '--build-arg')).toEqual(['SET=yes', 'EMPTY=']);
  });
});

describe('order', () => {
  it('builds the image an additional context names (service:) first', () => {
    const plan = planYaml('services:\n  app:\n    build:\n      context: .\n      additional_contexts: { base: "service:base" }\n  base:\n    build: ./base\n');
    expect(plan.steps.map((s) => s.services[0])).toEqual(['base', 'app']);
  });

  it('refuses builds that each need the other\'s image', () => {
    const plan = planYaml('services:\n  a:\n    build:\n      context: .\n      additional_contexts: { b: "service:b" }\n  b:\n    build:\n      context: .\n      additional_contexts: { a: "service:a" }\n');
    expect([plan.ok, plan.diagnostics.map((d) => d.code)]).toEqual([false, ['build-invalid']]);
  });

  it('builds every image before pushing any', () => {
    const plan = planYaml('services:\n  a:\n    build: ./a\n  b:\n    build: ./b\n', { push: true, imageRegistry: 'ghcr.io/acme' });
    expect(plan.steps.map((s) => `${s.kind} ${s.services[0]}`)).toEqual(['build a', 'build b', 'push a', 'push b']);
  });
});

describe('platforms', () => {
  it('builds for the service\'s platform when build.platforms is not given', () => {
    const plan = planYaml('services:\n  a:\n    platform: linux/arm64\n    build: .\n');
    expect(plan.steps[0].argv.join(' ')).toContain('--platform linux/arm64');
  });

  it('refuses a service platform that build.platforms leaves out, as docker compose does', () => {
    const plan = planYaml('services:\n  a:\n    platform: linux/arm64\n    build:\n      context: .\n      platforms: [linux/amd64]\n');
    expect(plan.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(['build-invalid services.a.platform']);
  });

  it('pushes a multi-platform buildx build as it builds: no push command after it', () => {
    const plan = planYaml('services:\n  a:\n    image: ghcr.io/acme/a\n    build:\n      context: .\n      platforms: [linux/amd64, linux/arm64]\n', { push: true });
    expect(commands(plan)).toEqual(['docker buildx build --output type=image,push=true -t ghcr.io/acme/a -f /p/Dockerfile --platform linux/amd64,linux/arm64 /p']);
  });

  it('refuses to load a multi-platform image into a local cluster', () => {
    const plan = planYaml('services:\n  a:\n    build:\n      context: .\n      platforms: [linux/amd64, linux/arm64]\n', { load: 'kind' });
    expect(plan.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(['build-invalid services.a.build.platforms']);
  });
});

describe('push and load', () => {
  it('pushes the image and each of its build.tags', () => {
    const plan = planYaml('services:\n  a:\n    image: ghcr.io/acme/a:1\n    build:\n      context: .\n      tags: [ghcr.io/acme/a:stable]\n', { push: true });
    expect(commands(plan).slice(1)).toEqual(['docker push ghcr.io/acme/a:1', 'docker push ghcr.io/acme/a:stable']);
  });

  it('refuses to push a name without a registry or namespace, and runs nothing', () => {
    const plan = planYaml('services:\n  a:\n    build: .\n', { push: true });
    expect([plan.ok, plan.steps, plan.diagnostics.map((d) => d.code)]).toEqual([false, [], ['build-push-no-registry']]);
  });

  it('says to name the image: when image: gave the name that cannot be pushed', () => {
    const plan = planYaml('services:\n  a:\n    image: app\n    build: .\n', { push: true, imageRegistry: 'ghcr.io/acme' });
    expect(plan.diagnostics[0].hint).toBe('name the image: with a registry (or a Docker Hub namespace)');
  });

  it('pushes a Docker Hub name with a namespace as written', () => {
    const plan = planYaml('services:\n  a:\n    image: acme/a\n    build: .\n', { push: true });
    expect(commands(plan)[1]).toBe('docker push acme/a');
  });

  it('needs a directory for the archives of builders other than docker', () => {
    expect(() => planYaml('services:\n  a:\n    build: .\n', { builder: 'podman', load: 'kind' })).toThrow(/archiveDir/);
  });
});

describe('secrets', () => {
  it('refuses a build secret that is neither a file nor a variable, as docker compose does', () => {
    const plan = planYaml('services:\n  a:\n    build:\n      context: .\n      secrets: [ext]\nsecrets:\n  ext:\n    external: true\n');
    expect(plan.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(['build-invalid services.a.build.secrets[0]']);
  });

  it('passes the variable of an environment secret to the builder, from the project environment', () => {
    const plan = planYaml('services:\n  a:\n    build:\n      context: .\n      secrets: [tok]\nsecrets:\n  tok:\n    environment: TOKEN\n', {}, { TOKEN: 't0k' });
    expect([plan.steps[0].env, plan.steps[0].argv.join(' ')]).toEqual([{ TOKEN: 't0k' }, expect.stringContaining('--secret id=tok,env=TOKEN')]);
  });
});

describe('a key compose2k8s does not know', () => {
  it('is reported, never dropped silently', () => {
    const project = { name: 'p', workingDir: '/p', services: { a: { name: 'a', build: { context: '/p', dockerfile: 'Dockerfile', future_key: 1, 'x-note': 1 } } }, volumes: {}, networks: {}, secrets: {}, configs: {}, extensions: {}, sourceMap: new SourceMap(), sources: new Map() };
    const plan = planImageBuilds(project as never, { builder: 'buildx' });
    expect(plan.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(['build-key-unsupported services.a.build.future_key']);
  });
});
