// include: short and long syntax, project_directory, env_file, resources defined on both sides, cycles.

import { describe, expect, it } from 'vitest';
import { load } from './load';

describe('include', () => {
  it('short syntax imports the services, networks and volumes of another file', () => {
    const r = load({
      'compose.yaml': 'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: nginx\n    depends_on: [db]\n',
      'db/compose.yaml': 'services:\n  db:\n    image: postgres\n    volumes: ["data:/var/lib/postgresql/data", "./init:/docker-entrypoint-initdb.d"]\nvolumes:\n  data: {}\n',
    });
    expect(r.errors).toEqual([]);
    expect(Object.keys(r.project!.services).sort()).toEqual(['db', 'web']);
    expect(r.project!.volumes).toHaveProperty('data');
    // relative paths inside the included file resolve against its directory
    expect(r.project!.services.db.volumes![1].source).toBe('/project/db/init');
  });

  it('long syntax merges a list of paths like -f and uses project_directory for relative paths', () => {
    const r = load({
      'compose.yaml': 'include:\n  - path: [third/compose.yaml, third-override.yaml]\n    project_directory: third/root\n',
      'third/compose.yaml': 'services:\n  svc:\n    image: a\n    build: ./src\n',
      'third-override.yaml': 'services:\n  svc:\n    image: b\n',
    });
    expect(r.errors).toEqual([]);
    expect(r.project!.services.svc.image).toBe('b');
    expect(r.project!.services.svc.build!.context).toBe('/project/third/root/src');
  });

  it('interpolates the included file with its env_file, the including environment winning', () => {
    const r = load(
      {
        'compose.yaml': 'include:\n  - path: sub/compose.yaml\n    env_file: sub/vars.env\n',
        'sub/compose.yaml': 'services:\n  svc:\n    image: "${IMAGE}:${TAG}"\n',
        'sub/vars.env': 'IMAGE=from-include\nTAG=1\n',
      },
      { env: { TAG: '2' } },
    );
    expect(r.project!.services.svc.image).toBe('from-include:2');
  });

  it('reads .env in the included project directory by default', () => {
    const r = load({ 'compose.yaml': 'include: [sub/compose.yaml]\n', 'sub/compose.yaml': 'services:\n  svc:\n    image: "${IMAGE}"\n', 'sub/.env': 'IMAGE=sub-default\n' });
    expect(r.project!.services.svc.image).toBe('sub-default');
  });

  // compose-go importResource → override.MergeYaml(imported, own) (compose-go#835, docker compose v5).
  describe('a resource the including file defines too', () => {
    const included = 'services:\n  db:\n    image: postgres\n    ports: ["5432:5432"]\n    environment: {A: included, B: included}\nvolumes:\n  data:\n    driver: local\n';

    it('is merged: the including file adds depends_on to an included service', () => {
      const r = load({
        'compose.yaml': 'include:\n  - db.yaml\nservices:\n  cache:\n    image: redis\n  db:\n    depends_on: [cache]\n',
        'db.yaml': included,
      });
      expect(r.errors).toEqual([]);
      expect(r.project!.services.db).toMatchObject({ image: 'postgres', depends_on: { cache: { condition: 'service_started' } } });
    });

    it('wins over the included definition, key by key', () => {
      const r = load({ 'compose.yaml': 'include: [db.yaml]\nservices:\n  db:\n    environment: {B: own}\n', 'db.yaml': included });
      expect(r.project!.services.db.environment).toEqual({ A: 'included', B: 'own' });
    });

    it('appends to the included lists, as an override file does', () => {
      const r = load({ 'compose.yaml': 'include: [db.yaml]\nservices:\n  db:\n    ports: ["6543:5432"]\n', 'db.yaml': included });
      expect(r.project!.services.db.ports!.map((p) => p.published)).toEqual(['5432', '6543']);
    });

    it('replaces an included value it tags !override', () => {
      const r = load({ 'compose.yaml': 'include: [db.yaml]\nservices:\n  db:\n    ports: !override ["6543:5432"]\n', 'db.yaml': included });
      expect(r.project!.services.db.ports!.map((p) => p.published)).toEqual(['6543']);
    });

    it('removes an included value it tags !reset', () => {
      const r = load({ 'compose.yaml': 'include: [db.yaml]\nservices:\n  db:\n    ports: !reset []\n', 'db.yaml': included });
      expect(r.project!.services.db.ports).toBeUndefined();
    });

    it('is merged for volumes and networks too', () => {
      const r = load({ 'compose.yaml': 'include: [db.yaml]\nvolumes:\n  data:\n    labels: {backup: daily}\n', 'db.yaml': included });
      expect(r.project!.volumes.data).toEqual({ driver: 'local', labels: { backup: 'daily' } });
    });

    it('keeps the position of each value in the file that set it', () => {
      const r = load({ 'compose.yaml': 'include: [db.yaml]\nservices:\n  db:\n    ports: ["x"]\n', 'db.yaml': included });
      expect(r.errors).toEqual([expect.stringMatching(/^\/project\/compose\.yaml:4:13: error \[invalid-value\] services\.db\.ports\[1\]/)]);
    });
  });

  it('an include cycle is an error with its location', () => {
    const r = load({ 'compose.yaml': 'include:\n  - compose.yaml\nservices:\n  foo:\n    image: foo\n' });
    expect(r.errors).toEqual(['/project/compose.yaml:2:5: error [include-cycle] include[0]: include cycle: compose.yaml → compose.yaml']);
  });

  it('a missing included file is an error at the include entry', () => {
    const r = load({ 'compose.yaml': 'include:\n  - path: missing.yaml\n' });
    expect(r.errors).toEqual([expect.stringMatching(/^\/project\/compose\.yaml:2:5: error \[file-not-found\] compose file \/project\/missing\.yaml not found/)]);
  });

  it('an included file may extend a file beside it', () => {
    const r = load({
      'compose.yaml': 'include:\n  - path:\n      - dir/included.yaml\n',
      'dir/included.yaml': 'services:\n  service:\n    extends:\n      file: extended.yaml\n      service: service\n',
      'dir/extended.yaml': 'services:\n  service:\n    build: .\n',
    });
    expect(r.errors).toEqual([]);
    expect(r.project!.services.service.build!.context).toBe('/project/dir');
  });
});
