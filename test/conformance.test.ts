// Conformance over real compose files written by others: compose-go's test data and the compose
// specification's snippets (../shared/corpus/compose-spec). Every file docker compose accepts must
// load with no error; every deliberately broken one (and every fragment docker compose would reject)
// must fail with the expected diagnostic, at file:line:col; nothing may throw.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectConfig, projectConfigYaml } from '../src/compose/config-output';
import { loadProject, type LoadOptions } from '../src/compose/loader';
import { memoryHost } from '../src/common/host';
import { Diagnostics, formatDiagnosticShort } from '../src/common/diagnostics';
import { nodeHost } from '../src/node-host';
import { SHARED } from './helpers';

const CORPUS = path.join(SHARED, 'corpus', 'compose-spec');
const ROOTS = ['compose-go', 'spec-snippets'];

/** Files that fail on purpose, or that docker compose would reject too: the diagnostic code we expect, and why. */
const EXPECTED_ERRORS: Record<string, readonly [code: string, why: string]> = {
  'compose-go/loader/testdata/compose-depends-on-cycle.yaml': ['dependency-cycle', 'service1 → service2 → service3 → service1'],
  'compose-go/loader/testdata/compose-depends-on-profile-no-cycle.yaml': ['dependency-cycle', 'this copy holds the same three-service cycle and no profiles'],
  'compose-go/loader/testdata/compose-depends-on-self.yaml': ['dependency-cycle', 'a service depends on itself'],
  'compose-go/loader/testdata/compose-include-cycle.yaml': ['include-cycle', 'the file includes itself'],
  'compose-go/loader/testdata/empty.yaml': ['empty-file', 'only a comment: docker compose says "empty compose file"'],
  'compose-go/loader/testdata/extends/base.yaml': ['schema', 'service "nil" is left empty on purpose'],
  'spec-snippets/05-services__L1151.yaml': ['missing-image', 'fragment: services without image or build'],
  'spec-snippets/05-services__L1259.yaml': ['undefined-model', 'fragment: my_model is not declared under the top-level models:'],
  'spec-snippets/05-services__L1306.yaml': ['missing-image', 'fragment: no image, undeclared networks'],
  'spec-snippets/05-services__L1347.yaml': ['missing-image', 'fragment: no image, undeclared networks'],
  'spec-snippets/05-services__L1400.yaml': ['undefined-network', 'fragment: back-tier is not declared'],
  'spec-snippets/05-services__L1475.yaml': ['missing-image', 'fragment: no image, undeclared network'],
  'spec-snippets/05-services__L1679.yaml': ['missing-image', 'fragment: post_start example without image'],
  'spec-snippets/05-services__L2029.yaml': ['missing-image', 'fragment: no image'],
  'spec-snippets/05-services__L813.yaml': ['undefined-volume', 'fragment: volumes not declared'],
  'spec-snippets/05-services__L974.yaml': ['missing-image', 'fragment: gpus example without image'],
  'spec-snippets/05-services__L984.yaml': ['missing-image', 'fragment: gpus example without image'],
  'spec-snippets/11-extension__L57.yaml': ['undefined-service', 'fragment: gateway service and functions network are elsewhere'],
  'spec-snippets/12-interpolation__L53.yaml': ['missing-image', 'fragment: interpolation example without image'],
  'spec-snippets/12-interpolation__L60.yaml': ['missing-image', 'fragment: interpolation example without image (loaded with its variable set)'],
  'spec-snippets/13-merge__L110.yaml': ['missing-image', 'fragment: merge example without image'],
  'spec-snippets/13-merge__L117.yaml': ['missing-image', 'fragment: merge example without image'],
  'spec-snippets/13-merge__L12.yaml': ['schema', 'fragment: key1/key2 are placeholders, not compose keys'],
  'spec-snippets/13-merge__L126.yaml': ['missing-image', 'fragment: merge example without image'],
  'spec-snippets/13-merge__L19.yaml': ['schema', 'fragment: placeholder keys'],
  'spec-snippets/13-merge__L28.yaml': ['schema', 'fragment: placeholder keys'],
  'spec-snippets/13-merge__L42.yaml': ['schema', 'fragment: "DNS" written in capitals is not a compose key'],
  'spec-snippets/13-merge__L49.yaml': ['schema', 'fragment: "DNS" written in capitals'],
  'spec-snippets/13-merge__L58.yaml': ['schema', 'fragment: "DNS" written in capitals'],
  'spec-snippets/13-merge__L74.yaml': ['missing-image', 'fragment: merge example without image'],
  'spec-snippets/13-merge__L80.yaml': ['missing-image', 'fragment: merge example without image'],
  'spec-snippets/13-merge__L88.yaml': ['missing-image', 'fragment: merge example without image'],
  'spec-snippets/14-include__L23.yaml': ['file-not-found', 'the included file is not part of the snippet'],
  'spec-snippets/14-include__L46.yaml': ['file-not-found', 'the included files are not part of the snippet'],
  'spec-snippets/build__L131.yaml': ['yaml-syntax', 'a mapping key appears twice (docker compose rejects it too)'],
};

/** Files not loaded on their own, with the reason. */
const SKIP: Record<string, string> = {
  'compose-go/schema/using-variables.yaml': 'a schema fixture: one ${VARIABLE} stands for values of every type (a port, a boolean, a path); compose-go checks it before interpolation, it is not a loadable project',
  'compose-go/loader/testdata/remote/compose.yaml': 'includes "remote:" resources that only compose-go\'s test resource loader resolves',
  'compose-go/loader/testdata/remote/nested/compose.yaml': 'includes "remote:" resources that only compose-go\'s test resource loader resolves',
  'compose-go/loader/testdata/remote/cycle/compose.yaml': 'includes "remote:" resources that only compose-go\'s test resource loader resolves',
  'compose-go/loader/testdata/remote/cycle/compose-cycle.yaml': 'includes "remote:" resources that only compose-go\'s test resource loader resolves',
};

/** Variables a file is written to be loaded with. */
const ENV: Record<string, Record<string, string>> = {
  'spec-snippets/12-interpolation__L60.yaml': { VAR_INTERPOLATED_BY_COMPOSE: 'FOO' },
};

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = path.join(dir, n);
      return fs.statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(n) ? [p] : [];
    });
}

function loadFiles(files: string[], opts: Partial<LoadOptions> = {}) {
  const diags = new Diagnostics();
  const result = loadProject({ env: {}, host: nodeHost(), diags, ...opts, files: files.map((p) => ({ path: p })) });
  return { ...result, diags: diags.list, errors: diags.list.filter((d) => d.severity === 'error') };
}

const absent = fs.existsSync(CORPUS) ? undefined : `skipped: ${CORPUS} not found (../shared is not beside the project)`;
const files = absent ? [] : ROOTS.flatMap((r) => walk(path.join(CORPUS, r))).map((f) => path.relative(CORPUS, f));

describe.skipIf(absent !== undefined)(`compose-spec conformance ${absent ?? ''}`, () => {
  const loadable = files.filter((f) => !(f in SKIP) && !(f in EXPECTED_ERRORS));
  const broken = files.filter((f) => f in EXPECTED_ERRORS);

  it('the skip and expected-error lists name files that exist', () => {
    for (const f of [...Object.keys(SKIP), ...Object.keys(EXPECTED_ERRORS)]) expect(files, f).toContain(f);
    expect(Object.keys(SKIP)).toHaveLength(5);
  });

  it.each(loadable)('%s loads with no error', (file) => {
    const r = loadFiles([path.join(CORPUS, file)], { env: ENV[file] ?? {} });
    expect(r.errors.map(formatDiagnosticShort)).toEqual([]);
    expect(r.project).toBeDefined();
  });

  it.each(broken)('%s fails with a located diagnostic', (file) => {
    const [code] = EXPECTED_ERRORS[file];
    const r = loadFiles([path.join(CORPUS, file)], { env: ENV[file] ?? {} });
    expect(r.errors.map((d) => d.code)).toContain(code);
    for (const d of r.errors) {
      expect(d.pos, formatDiagnosticShort(d)).toBeDefined();
      expect(d.pos!.line).toBeGreaterThan(0);
      expect(fs.existsSync(d.pos!.file) || d.pos!.file.startsWith(CORPUS), d.pos!.file).toBe(true);
    }
  });

  // compose-go's cli tests over the same data, with the values they expect.
  const cli = path.join(CORPUS, 'compose-go', 'cli', 'testdata');

  it('env-file/: COMPOSE_FILE and COMPOSE_PROJECT_NAME come from .env in the working directory', () => {
    const r = loadFiles([], { cwd: path.join(cli, 'env-file') });
    expect(r.errors).toEqual([]);
    expect(r.project!.name).toBe('my_project_from_dot_env');
    expect(r.project!.services.simple.ports).toEqual([{ target: 80, published: '8000', protocol: 'tcp', mode: 'ingress' }]);
  });

  it('env-file/: --env-file override.env gives PORT=9000', () => {
    const r = loadFiles([path.join(cli, 'env-file', 'compose-with-env-files.yaml')], { envFiles: [path.join(cli, 'env-file', 'override.env')] });
    expect(r.project!.services.simple.ports![0].published).toBe('9000');
  });

  it('simple/: the override file replaces the image; .env gives PUBLIC_PORT', () => {
    const over = loadFiles([path.join(cli, 'simple', 'compose.yaml'), path.join(cli, 'simple', 'compose-with-overrides.yaml')]);
    expect(over.project!.services.simple.image).toBe('haproxy');
    const vars = loadFiles([path.join(cli, 'simple', 'compose-with-variables.yaml')]);
    expect(vars.project!.services.simple.ports![0].published).toBe('8000');
  });

  it('simple/: relative bind sources resolve against the project directory; Windows paths are kept', () => {
    const r = loadFiles([path.join(cli, 'simple', 'compose-with-paths.yaml')]);
    expect(r.project!.services.test.volumes!.map((v) => v.source)).toEqual(['C:\\docker\\project', path.join(cli, 'simple', 'relative'), path.join(cli, 'simple', 'relative2')]);
  });

  it('loader/testdata/include/project-directory.yaml resolves the included paths against project_directory', () => {
    const dir = path.join(CORPUS, 'compose-go', 'loader', 'testdata');
    const r = loadFiles([path.join(dir, 'include', 'project-directory.yaml')]);
    expect(r.errors).toEqual([]);
    expect(r.project!.services.service.volumes![0].source).toBe(path.join(dir, 'subdir', 'compose-test-extends-imported.yaml'));
    expect(r.project!.services.service.env_file![0].path).toBe(path.join(dir, 'subdir', 'extra.env'));
  });
});

const AWESOME = path.join(SHARED, 'corpus', 'awesome-compose');
const samples = fs.existsSync(AWESOME)
  ? fs
      .readdirSync(AWESOME)
      .sort()
      .flatMap((d) => ['compose.yaml', 'docker-compose.yml', 'docker-compose.yaml'].map((f) => path.join(AWESOME, d, f)).filter((f) => fs.existsSync(f)).slice(0, 1))
  : [];

describe.skipIf(samples.length === 0)(`config over awesome-compose ${samples.length === 0 ? `(skipped: ${AWESOME} not found)` : ''}`, () => {
  it.each(samples.map((f) => path.relative(AWESOME, f)))('%s: config prints a project that loads again to the same config', (rel) => {
    const first = loadFiles([path.join(AWESOME, rel)]);
    expect(first.errors.map(formatDiagnosticShort)).toEqual([]);
    const text = projectConfigYaml(first.project!);
    // Loaded again from the project directory, as if a user saved the output there.
    const again = path.join(path.dirname(path.join(AWESOME, rel)), 'resolved.yaml');
    const diags = new Diagnostics();
    const second = loadProject({ files: [{ path: again, content: text }], env: {}, host: memoryHost({}), diags });
    expect(diags.list.filter((d) => d.severity === 'error').map(formatDiagnosticShort)).toEqual([]);
    expect(projectConfig(second.project!)).toEqual(projectConfig(first.project!));
  });

  it('nginx-golang-mysql: the fields docker compose config prints', () => {
    const dir = path.join(AWESOME, 'nginx-golang-mysql');
    const r = loadFiles([path.join(dir, 'compose.yaml')]);
    // What `docker compose config` prints for this sample (compose v2 layout), paths made absolute.
    const want = parse(`
name: nginx-golang-mysql
services:
  backend:
    build:
      context: ${dir}/backend
      dockerfile: Dockerfile
      target: builder
    depends_on:
      db:
        condition: service_healthy
        required: true
    networks:
      default: null
    secrets:
      - source: db-password
  db:
    command:
      - --default-authentication-plugin=mysql_native_password
    environment:
      MYSQL_DATABASE: example
      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db-password
    expose:
      - "3306"
    healthcheck:
      test:
        - CMD-SHELL
        - mysqladmin ping -h 127.0.0.1 --password="$$(cat /run/secrets/db-password)" --silent
      interval: 3s
      retries: 5
      start_period: 30s
    image: mariadb:10-focal
    networks:
      default: null
    restart: always
    secrets:
      - source: db-password
    volumes:
      - type: volume
        source: db-data
        target: /var/lib/mysql
        volume: {}
  proxy:
    depends_on:
      backend:
        condition: service_started
        required: true
    image: nginx
    networks:
      default: null
    ports:
      - mode: ingress
        target: 80
        published: "80"
        protocol: tcp
    volumes:
      - type: bind
        source: ${dir}/proxy/nginx.conf
        target: /etc/nginx/conf.d/default.conf
        read_only: true
networks:
  default:
    name: nginx-golang-mysql_default
volumes:
  db-data:
    name: nginx-golang-mysql_db-data
secrets:
  db-password:
    name: nginx-golang-mysql_db-password
    file: ${dir}/db/password.txt
`);
    expect(parse(projectConfigYaml(r.project!))).toEqual(want);
  });
});
