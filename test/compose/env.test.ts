// Where values come from: process environment > --env-file files (later wins) > .env in the project
// directory; COMPOSE_PROJECT_NAME, COMPOSE_FILE, COMPOSE_PROFILES; `environment: [FOO]` resolution.

import { describe, expect, it } from 'vitest';
import { load } from './load';

const compose = 'services:\n  web:\n    image: "nginx:${TAG}"\n';

describe('variable precedence', () => {
  it('reads .env in the project directory by default', () => {
    expect(load({ 'compose.yaml': compose, '.env': 'TAG=from-dotenv\n' }).project!.services.web.image).toBe('nginx:from-dotenv');
  });

  it('the process environment beats .env', () => {
    const r = load({ 'compose.yaml': compose, '.env': 'TAG=from-dotenv\n' }, { env: { TAG: 'from-process' } });
    expect(r.project!.services.web.image).toBe('nginx:from-process');
  });

  it('--env-file replaces .env, and a later --env-file beats an earlier one', () => {
    const files = { 'compose.yaml': compose, '.env': 'TAG=dotenv\n', 'a.env': 'TAG=a\nOTHER=x\n', 'b.env': 'TAG=b-${OTHER}\n' };
    expect(load(files, { envFiles: ['a.env'] }).project!.services.web.image).toBe('nginx:a');
    expect(load(files, { envFiles: ['a.env', 'b.env'] }).project!.services.web.image).toBe('nginx:b-x');
  });

  it('a missing --env-file is an error', () => {
    expect(load({ 'compose.yaml': compose }, { envFiles: ['/project/nope.env'] }).errors).toEqual([expect.stringContaining('[env-file-missing] env file /project/nope.env not found')]);
  });

  it('a .env syntax error is reported at its line', () => {
    const r = load({ 'compose.yaml': compose, '.env': 'OK=1\nNOT VALID\n' });
    expect(r.errors).toEqual([expect.stringMatching(/^\/project\/\.env:2:1: error \[env-file-syntax\]/)]);
  });
});

describe('COMPOSE_* variables', () => {
  const named = 'name: from-file\nservices:\n  web:\n    image: nginx\n';

  it('project name: -p > COMPOSE_PROJECT_NAME > name: > directory', () => {
    expect(load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' }).project!.name).toBe('project');
    expect(load({ 'compose.yaml': named }).project!.name).toBe('from-file');
    expect(load({ 'compose.yaml': named, '.env': 'COMPOSE_PROJECT_NAME=from-dotenv\n' }).project!.name).toBe('from-dotenv');
    expect(load({ 'compose.yaml': named }, { env: { COMPOSE_PROJECT_NAME: 'from-env' } }).project!.name).toBe('from-env');
    expect(load({ 'compose.yaml': named }, { env: { COMPOSE_PROJECT_NAME: 'from-env' }, projectName: 'from-flag' }).project!.name).toBe('from-flag');
  });

  it('an explicit name must be valid as it is; only the directory name is normalised', () => {
    expect(load({ 'compose.yaml': 'name: My App\nservices:\n  web:\n    image: nginx\n' }).errors).toEqual([
      '/project/compose.yaml:1:7: error [invalid-project-name] name: invalid project name "My App": must consist only of lowercase letters, digits, "-" and "_", and start with a letter or digit',
    ]);
    expect(load({ '/Work/My.App/compose.yaml': 'services:\n  web:\n    image: nginx\n' }, { main: ['/Work/My.App/compose.yaml'] }).project!.name).toBe('myapp');
    expect(load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' }, { projectName: 'Bad' }).errors).toEqual([expect.stringContaining('invalid project name "Bad"')]);
  });

  it('COMPOSE_FILE lists the files to merge when no -f is given', () => {
    const r = load(
      { 'a.yaml': 'services:\n  web:\n    image: a\n', 'b.yaml': 'services:\n  web:\n    image: b\n' },
      { main: [], cwd: '/project', env: { COMPOSE_FILE: 'a.yaml:b.yaml' } },
    );
    expect(r.project!.services.web.image).toBe('b');
  });

  it('COMPOSE_FILE may come from .env in the working directory', () => {
    const r = load({ '.env': 'COMPOSE_FILE=a.yaml\n', 'a.yaml': 'services:\n  web:\n    image: a\n' }, { main: [], cwd: '/project' });
    expect(r.project!.services.web.image).toBe('a');
  });

  it('COMPOSE_PROFILES enables profiles when --profile is not given', () => {
    const files = { 'compose.yaml': 'services:\n  web:\n    image: nginx\n  debug:\n    image: busybox\n    profiles: [dev]\n' };
    expect(Object.keys(load(files).project!.services)).toEqual(['web']);
    expect(Object.keys(load(files, { env: { COMPOSE_PROFILES: 'x, dev' } }).project!.services)).toEqual(['web', 'debug']);
    expect(Object.keys(load(files, { env: { COMPOSE_PROFILES: 'dev' }, profiles: [] }).project!.services)).toEqual(['web']);
  });
});

describe('environment: [FOO] with no value', () => {
  it('takes FOO from the environment, or stays null when unset', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    environment: [FOO, BAR, BAZ=1]\n', '.env': 'BAR=from-dotenv\n' }, { env: { FOO: 'from-process' } });
    expect(r.project!.services.web.environment).toEqual({ FOO: 'from-process', BAR: 'from-dotenv', BAZ: '1' });
    const none = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    environment: [FOO]\n' });
    expect(none.project!.services.web.environment).toEqual({ FOO: null });
  });
});

describe('finding compose files without -f', () => {
  const svc = (image: string) => `services:\n  web:\n    image: ${image}\n`;

  it('prefers compose.yaml and merges the matching override file', () => {
    const r = load({ 'compose.yaml': svc('base'), 'docker-compose.yml': svc('legacy'), 'compose.override.yml': 'services:\n  web:\n    user: app\n' }, { main: [], cwd: '/project' });
    expect(r.project!.services.web).toMatchObject({ image: 'base', user: 'app' });
    expect(r.notes).toEqual([expect.stringContaining('[several-compose-files]')]);
  });

  it('finds docker-compose.yml with docker-compose.override.yml', () => {
    const r = load({ 'docker-compose.yml': svc('legacy'), 'docker-compose.override.yml': 'services:\n  web:\n    user: app\n' }, { main: [], cwd: '/project' });
    expect(r.project!.services.web).toMatchObject({ image: 'legacy', user: 'app' });
  });

  it('looks in parent directories, and names the project after the file\'s directory', () => {
    const r = load({ 'compose.yaml': svc('up') }, { main: [], cwd: '/project/src/deep' });
    expect(r.project!.name).toBe('project');
    expect(r.project!.services.web.image).toBe('up');
  });

  it('reports when there is none', () => {
    expect(load({}, { main: [], cwd: '/empty' }).errors).toEqual([expect.stringContaining('[no-compose-file] no compose file found in /empty')]);
  });
});

describe('projectDirectory (--project-directory)', () => {
  const files = { 'deploy/compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG}"\n    build: .\n', '.env': 'TAG=root\n', 'deploy/.env': 'TAG=deploy\n' };

  it('is where .env is read', () => {
    expect(load(files, { main: ['deploy/compose.yaml'], projectDirectory: '/project' }).project!.services.web.image).toBe('nginx:root');
  });

  it('is the base of relative paths', () => {
    expect(load(files, { main: ['deploy/compose.yaml'], projectDirectory: '/project' }).project!.services.web.build!.context).toBe('/project');
  });

  it('names the project', () => {
    expect(load(files, { main: ['deploy/compose.yaml'], projectDirectory: '/project' }).project!.name).toBe('project');
  });

  it('defaults to the directory of the first file', () => {
    expect(load(files, { main: ['deploy/compose.yaml'] }).project!.services.web.image).toBe('nginx:deploy');
  });

  it('is where compose files are found when none is given', () => {
    expect(load(files, { main: [], projectDirectory: '/project/deploy' }).project!.services.web.image).toBe('nginx:deploy');
  });
});
