// Files: `-o DIR` is all-or-nothing and stays inside DIR; relative paths in compose files resolve
// against the right directory (the project's, or the included / extended file's); files read from
// outside the project directory are named in a warning (an error with --strict).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers';
import { OutputDirError, writeDirectoryAtomically } from '../src/output/write-dir';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

/** A temporary directory holding `files` (relative path → content). */
function tree(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-files-')));
  temps.push(root);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

const listing = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : undefined);

const cli = (args: string[], cwd: string, env: Record<string, string> = {}) => runCli(args, { cwd, env });

describe('writeDirectoryAtomically', () => {
  it('replaces a directory it wrote before, dropping files of the previous run', () => {
    const root = tree({ 'out/01-old.yaml': 'old' });
    writeDirectoryAtomically(path.join(root, 'out'), new Map([['02-new.yaml', 'new']]));
    expect(listing(path.join(root, 'out'))).toEqual(['02-new.yaml']);
    expect(listing(root)).toEqual(['out']);
  });

  it('refuses a directory holding files it did not write, and leaves it as it was', () => {
    const root = tree({ 'out/notes.txt': 'mine', 'out/01-a.yaml': 'a' });
    expect(() => writeDirectoryAtomically(path.join(root, 'out'), new Map([['02-b.yaml', 'b']]))).toThrow(/did not write \(notes\.txt\)/);
    expect(listing(path.join(root, 'out'))).toEqual(['01-a.yaml', 'notes.txt']);
    expect(listing(root)).toEqual(['out']);
  });

  it('refuses a path that is a file', () => {
    const root = tree({ out: 'a file' });
    expect(() => writeDirectoryAtomically(path.join(root, 'out'), new Map([['a.yaml', 'a']]))).toThrow(/not a directory/);
    expect(fs.readFileSync(path.join(root, 'out'), 'utf8')).toBe('a file');
  });

  it.each(['../escape.yaml', 'prod/../../escape.yaml', 'prod//x.yaml', '/abs.yaml', 'prod/.hidden.yaml', '..', ''])('never writes a file named %j', (name) => {
    const root = tree({});
    const out = path.join(root, 'deep', 'out');
    expect(() => writeDirectoryAtomically(out, new Map([['ok.yaml', 'ok'], [name, 'x']]))).toThrow(OutputDirError);
    expect(listing(root)).toEqual([]);
  });

  it('leaves the old directory intact and no staging directory behind when a write fails halfway', () => {
    const root = tree({ 'out/01-old.yaml': 'old' });
    // The third name is longer than any file system allows: the write fails after two succeeded.
    const files = new Map([['01-a.yaml', 'a'], ['02-b.yaml', 'b'], [`03-${'x'.repeat(300)}.yaml`, 'c'], ['04-d.yaml', 'd']]);
    expect(() => writeDirectoryAtomically(path.join(root, 'out'), files)).toThrow();
    expect(listing(path.join(root, 'out'))).toEqual(['01-old.yaml']);
    expect(fs.readFileSync(path.join(root, 'out', '01-old.yaml'), 'utf8')).toBe('old');
    expect(listing(root)).toEqual(['out']);
  });
});

describe('convert -o DIR through the CLI', () => {
  it('writes nothing, not even the directory, when the compose file has errors', async () => {
    const root = tree({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["99999:80"]\n' });
    const r = await cli(['convert', '-f', 'compose.yaml', '-o', 'k8s'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/compose\.yaml:4:\d+: error/);
    expect(listing(root)).toEqual(['compose.yaml']);
  });

  it('writes one file per object inside DIR and nothing beside it', async () => {
    const root = tree({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n' });
    const r = await cli(['convert', '-o', 'k8s'], root);
    expect(r.stderr).toContain('wrote 2 files to k8s');
    expect(r.code).toBe(0);
    expect(listing(root)).toEqual(['compose.yaml', 'k8s']);
    expect(listing(path.join(root, 'k8s'))).toEqual([expect.stringMatching(/^\d\d-service-web\.yaml$/), expect.stringMatching(/^\d\d-deployment-web\.yaml$/)]);
  });

  // Every file in the project directory is YAML here, so "only YAML, as we write" does not protect it.
  it.each([['.'], ['..'], ['sub/..']])('refuses -o %s, which holds the compose file it converts', async (out) => {
    const root = tree({ 'app/compose.yaml': 'services:\n  web:\n    image: nginx\n', 'app/sub/.keep.yaml': '' });
    const r = await cli(['convert', '-o', out], path.join(root, 'app'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds .*compose\.yaml, an input of this conversion/);
    expect(listing(path.join(root, 'app'))).toEqual(['compose.yaml', 'sub']);
  });

  it('refuses a directory holding another project\'s compose file', () => {
    const root = tree({ 'other/docker-compose.yml': 'services: {}\n', 'other/k8s.yaml': '' });
    expect(() => writeDirectoryAtomically(path.join(root, 'other'), new Map([['a.yaml', 'a']]))).toThrow(/did not write \(docker-compose\.yml\)/);
    expect(listing(path.join(root, 'other'))).toEqual(['docker-compose.yml', 'k8s.yaml']);
  });
});

describe('relative paths resolve against the right directory', () => {
  // Each file sits in its own directory and holds a value only it has, so the output shows which
  // file was read. The CLI runs from an unrelated directory: nothing may resolve against the cwd.
  const project = () =>
    tree({
      'app/compose.yaml': [
        'include:',
        '  - inc/compose.yaml',
        'services:',
        '  web:',
        '    extends:',
        '      file: ext/base.yaml',
        '      service: base',
        '    image: nginx',
        '    env_file: ./env/web.env',
        '    volumes:',
        '      - ./conf/site.conf:/etc/nginx/conf.d/site.conf:ro',
        '    configs: [appcfg]',
        'configs:',
        '  appcfg:',
        '    file: ./conf/app.cfg',
        '',
      ].join('\n'),
      'app/env/web.env': 'FROM_WEB_ENV=web-env-value\n',
      'app/conf/site.conf': 'server { listen 80; } # site-conf-marker\n',
      'app/conf/app.cfg': 'app-cfg-marker\n',
      'app/ext/base.yaml': 'services:\n  base:\n    image: busybox\n    env_file: base.env\n',
      'app/ext/base.env': 'FROM_BASE_ENV=base-env-value\n',
      'app/inc/compose.yaml': 'services:\n  worker:\n    image: busybox\n    env_file: ./worker.env\n',
      'app/inc/worker.env': 'FROM_WORKER_ENV=worker-env-value\n',
      'elsewhere/.keep': '',
    });

  it('env_file, bind mounts and configs against the project; extends and include against their own file', async () => {
    const root = project();
    const r = await cli(['convert', '-f', '../app/compose.yaml'], path.join(root, 'elsewhere'));
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    for (const marker of ['web-env-value', 'site-conf-marker', 'app-cfg-marker', 'base-env-value', 'worker-env-value']) {
      expect(r.stdout, marker).toContain(marker);
    }
    expect(r.stderr).not.toContain('outside-project');
  });
});

describe('--project-directory', () => {
  // A repository that keeps its compose files in deploy/ with paths relative to the repository root,
  // run as `docker compose -f deploy/compose.yaml --project-directory . up`.
  const repo = () =>
    tree({
      'deploy/compose.yaml': [
        'include:',
        '  - deploy/worker.yaml',
        'services:',
        '  web:',
        '    extends:',
        '      file: deploy/base.yaml',
        '      service: base',
        '    image: "nginx:${TAG}"',
        '    env_file: config/web.env',
        '    volumes:',
        '      - ./config/site.conf:/etc/nginx/conf.d/site.conf:ro',
        '    configs: [appcfg]',
        'configs:',
        '  appcfg:',
        '    file: config/app.cfg',
        '',
      ].join('\n'),
      'deploy/base.yaml': 'services:\n  base:\n    environment: [FROM_BASE=base-marker]\n',
      'deploy/worker.yaml': 'services:\n  worker:\n    image: busybox\n',
      'deploy/.env': 'TAG=from-deploy-dir\n',
      '.env': 'TAG=from-repository-root\n',
      'config/web.env': 'FROM_WEB_ENV=web-env-marker\n',
      'config/site.conf': 'server { listen 80; } # site-conf-marker\n',
      'config/app.cfg': 'app-cfg-marker\n',
    });

  it('is the base of relative paths: env_file, bind mounts, configs, include and extends', async () => {
    const r = await cli(['convert', '-f', 'deploy/compose.yaml', '--project-directory', '.'], repo());
    expect(r.code, r.stderr).toBe(0);
    for (const marker of ['web-env-marker', 'site-conf-marker', 'app-cfg-marker', 'base-marker', 'name: worker']) expect(r.stdout, marker).toContain(marker);
  });

  it('is where .env is read', async () => {
    const r = await cli(['convert', '-f', 'deploy/compose.yaml', '--project-directory', '.'], repo());
    expect(r.stdout).toContain('image: nginx:from-repository-root');
  });

  it('names the project after its directory', async () => {
    const root = repo();
    const r = await cli(['config', '-f', 'deploy/compose.yaml', '--project-directory', '.'], root);
    expect(r.stdout).toMatch(new RegExp(`^name: ${path.basename(root).toLowerCase().replace(/[^a-z0-9_-]/g, '')}$`, 'm'));
  });

  it('without it, the same files resolve against deploy/ and fail', async () => {
    const r = await cli(['convert', '-f', 'deploy/compose.yaml'], repo());
    expect(r.stderr).toMatch(/deploy\/compose\.yaml:2:5: error \[file-not-found\] compose file .*\/deploy\/deploy\/worker\.yaml not found/);
  });

  it('is where compose files are found when -f is not given', async () => {
    const root = tree({ 'app/compose.yaml': 'services:\n  web:\n    image: nginx\n', 'app/compose.override.yaml': 'services:\n  web:\n    ports: ["8080:80"]\n' });
    const r = await cli(['config', '--project-directory', 'app'], root);
    expect(r.stdout).toContain('published: "8080"');
  });

  it('leaves -f paths relative to the current directory', async () => {
    const root = repo();
    const r = await cli(['convert', '-f', '../deploy/compose.yaml', '--project-directory', '..'], path.join(root, 'config'));
    expect(r.code, r.stderr).toBe(0);
  });

  it('leaves COMPOSE_FILE paths relative to the current directory', async () => {
    const root = tree({ 'app/compose.yaml': 'services:\n  web:\n    image: nginx\n', 'files/extra.yaml': 'services:\n  web:\n    ports: ["9090:80"]\n' });
    const r = await cli(['config', '--project-directory', 'app'], root, { COMPOSE_FILE: 'app/compose.yaml:files/extra.yaml' });
    expect(r.stdout).toContain('published: "9090"');
  });

  it('that does not exist is a usage error', async () => {
    const r = await cli(['convert', '--project-directory', 'nowhere'], tree({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' }));
    expect([r.code, r.stderr]).toEqual([2, 'compose2k8s: project directory nowhere not found\n  hint: check the --project-directory path, relative to the current directory\n']);
  });
});

describe('files outside the project directory', () => {
  const outside = () =>
    tree({
      'proj/compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file: ../shared.env\n    volumes:\n      - ../certs/ca.pem:/etc/ssl/ca.pem:ro\n',
      'shared.env': 'SHARED=1\n',
      'certs/ca.pem': 'not really a cert\n',
    });

  it('are read, each named in a warning at the compose key that refers to it', async () => {
    const root = outside();
    const r = await cli(['convert', '--verbose', '-f', 'proj/compose.yaml'], root);
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('[outside-project]'));
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`^proj/compose\\.yaml:4:\\d+: warning \\[outside-project\\] services\\.web\\.env_file.*: read ${root}/shared\\.env, which is outside the project directory ${root}/proj$`)),
      expect.stringMatching(new RegExp(`^proj/compose\\.yaml:6:\\d+: warning \\[outside-project\\] services\\.web\\.volumes\\[0\\].*: read ${root}/certs/ca\\.pem`)),
    ]);
    expect(r.stdout).toContain('not really a cert');
  });

  it('fail the conversion with --strict, writing nothing', async () => {
    const root = outside();
    const r = await cli(['convert', '-f', 'proj/compose.yaml', '--strict', '-o', 'out'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error \[outside-project\]/);
    expect(listing(root)).toEqual(['certs', 'proj', 'shared.env']);
  });

  it('include a file reached through a symbolic link inside the project', async () => {
    const root = tree({ 'proj/compose.yaml': 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./conf.txt:/etc/app.conf\n', 'home/credentials': 'key=1\n' });
    fs.symlinkSync(path.join(root, 'home', 'credentials'), path.join(root, 'proj', 'conf.txt'));
    const r = await cli(['convert'], path.join(root, 'proj'));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`compose\\.yaml:5:\\d+: warning \\[outside-project\\] services\\.web\\.volumes\\[0\\].*: read ${root}/proj/conf\\.txt \\(a link to ${root}/home/credentials\\)`));
  });

  it('named on the command line (-f, --env-file) are not warned about', async () => {
    const root = tree({ 'proj/compose.yaml': 'services:\n  web:\n    image: ${IMAGE}\n', 'vars.env': 'IMAGE=nginx:1.27\n', 'override.yaml': 'services:\n  web:\n    ports: ["80"]\n' });
    const r = await cli(['convert', '-f', 'proj/compose.yaml', '-f', 'override.yaml', '--env-file', 'vars.env'], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('image: nginx:1.27');
    expect(r.stderr).not.toContain('outside-project');
  });
});
