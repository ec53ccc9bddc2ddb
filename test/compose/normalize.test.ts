// Short syntax → canonical long syntax (src/compose/normalize.ts, port-syntax.ts), rule by rule; and,
// through the loader, the forms merge-rules.ts SHAPES brings to one before merging and the paths
// paths.ts makes absolute, which the rules then see as such.

import { describe, expect, it } from 'vitest';
import { SERVICE_RULES } from '../../src/compose/normalize';
import { SourceMap } from '../../src/common/source-map';
import { Diagnostics } from '../../src/common/diagnostics';
import { convertYaml } from '../helpers';
import { load } from './load';

function norm(key: string, value: unknown) {
  const diags = new Diagnostics();
  const sourceMap = new SourceMap();
  sourceMap.set(`services.web.${key}`, { file: '/project/compose.yaml', line: 5, col: 7 });
  const out = SERVICE_RULES[key](value, { path: `services.web.${key}`, diags, sourceMap });
  return { out, diags: diags.list };
}

/** The loaded service `web` whose keys are `yaml` (indented under it). */
function loaded(yaml: string) {
  return load({ 'compose.yaml': `services:\n  web:\n    image: nginx\n${yaml.replace(/^/gm, '    ')}\n` }).project?.services.web;
}

describe('ports', () => {
  it('turns "80" into a target with no published port', () => {
    expect(norm('ports', ['80']).out).toEqual([{ target: 80, protocol: 'tcp', mode: 'ingress' }]);
  });

  it('reads HOST:CONTAINER', () => {
    expect(norm('ports', ['8080:80']).out).toEqual([{ target: 80, published: '8080', protocol: 'tcp', mode: 'ingress' }]);
  });

  it('reads IP:HOST:CONTAINER/PROTOCOL', () => {
    expect(norm('ports', ['127.0.0.1:5353:53/udp']).out).toEqual([{ target: 53, published: '5353', host_ip: '127.0.0.1', protocol: 'udp', mode: 'ingress' }]);
  });

  it('reads an IPv6 host address in brackets', () => {
    expect(norm('ports', ['[::1]:8080:80']).out).toEqual([{ target: 80, published: '8080', host_ip: '::1', protocol: 'tcp', mode: 'ingress' }]);
  });

  it('reads IP::CONTAINER (host port picked by docker)', () => {
    expect(norm('ports', ['127.0.0.1::80']).out).toEqual([{ target: 80, host_ip: '127.0.0.1', protocol: 'tcp', mode: 'ingress' }]);
  });

  it('expands a range into one entry per port, host and container in step', () => {
    expect(norm('ports', ['8000-8002:9000-9002']).out).toEqual([
      { target: 9000, published: '8000', protocol: 'tcp', mode: 'ingress' },
      { target: 9001, published: '8001', protocol: 'tcp', mode: 'ingress' },
      { target: 9002, published: '8002', protocol: 'tcp', mode: 'ingress' },
    ]);
  });

  it('keeps a host range for a single container port as the range', () => {
    expect(norm('ports', ['9090-9091:8080']).out).toEqual([{ target: 8080, published: '9090-9091', protocol: 'tcp', mode: 'ingress' }]);
  });

  it('accepts a bare number', () => {
    expect(norm('ports', [3000]).out).toEqual([{ target: 3000, protocol: 'tcp', mode: 'ingress' }]);
  });

  it('keeps the long form, lower-casing the protocol', () => {
    expect(norm('ports', [{ target: 53, published: 1053, protocol: 'UDP', host_ip: '0.0.0.0', mode: 'host', name: 'dns' }]).out).toEqual([
      { target: 53, published: '1053', protocol: 'udp', host_ip: '0.0.0.0', mode: 'host', name: 'dns' },
    ]);
  });

  it.each([
    ['abc', /"abc" is not a valid port mapping/],
    ['70000', /container port "70000" .* is not a port number/],
    ['0', /container port "0"/],
    ['80:80/xtp', /unknown protocol "xtp"/],
    ['8000-8001:9000-9002', /maps 3 container ports to 2 host ports/],
    ['99999:80', /host port "99999"/],
  ])('rejects %j with a message and the way to write it', (text, message) => {
    const { out, diags } = norm('ports', [text]);
    expect(out).toEqual([]);
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ code: 'invalid-value', severity: 'error', path: 'services.web.ports[0]' });
    expect(diags[0].message).toMatch(message);
    expect(diags[0].hint).toContain('HOST:CONTAINER');
  });

  it('rejects a long-form target that is not a port', () => {
    const { diags } = norm('ports', [{ target: 'http' }]);
    expect(diags[0].message).toBe('target port "http" is not a port number (1-65535)');
  });

  it('rejects ports that are not a list', () => {
    expect(norm('ports', '80:80').diags[0].message).toBe('expected a list of ports');
  });
});

describe('expose', () => {
  it('turns numbers into strings and keeps ranges and protocols', () => {
    expect(norm('expose', [3000, '8000-8002', '53/udp']).out).toEqual(['3000', '8000-8002', '53/udp']);
  });

  it('rejects what is not a port', () => {
    expect(norm('expose', ['http']).diags[0]).toMatchObject({ path: 'services.web.expose[0]', message: '"http" is not a port, a port range or PORT/PROTOCOL' });
  });
});

describe('volumes', () => {
  it('reads a named volume with :ro', () => {
    expect(norm('volumes', ['data:/var/lib/data:ro']).out).toEqual([{ type: 'volume', source: 'data', target: '/var/lib/data', read_only: true, volume: {} }]);
  });

  it('loads a relative bind mount resolved against the project directory', () => {
    expect(loaded('volumes: ["./conf/nginx.conf:/etc/nginx/nginx.conf"]')?.volumes).toEqual([
      { type: 'bind', source: '/project/conf/nginx.conf', target: '/etc/nginx/nginx.conf', bind: { create_host_path: true } },
    ]);
  });

  it('loads "." and absolute host paths as binds', () => {
    expect(loaded('volumes: [".:/code", "/var/run/docker.sock:/var/run/docker.sock"]')?.volumes).toMatchObject([
      { type: 'bind', source: '/project', target: '/code' },
      { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock' },
    ]);
  });

  it('reads a lone path as an anonymous volume', () => {
    expect(norm('volumes', ['/code/node_modules']).out).toEqual([{ type: 'volume', target: '/code/node_modules' }]);
  });

  it('keeps the SELinux label and nocopy flags', () => {
    const { out } = norm('volumes', ['./data:/data:z', 'cache:/cache:nocopy']);
    expect(out).toMatchObject([{ type: 'bind', bind: { selinux: 'z' } }, { type: 'volume', volume: { nocopy: true } }]);
  });

  it('loads the long form with a bind source resolved and read_only read', () => {
    const yaml = 'volumes:\n  - { type: bind, source: ./proxy/nginx.conf, target: /etc/nginx/conf.d/default.conf, read_only: "true" }\n  - { type: tmpfs, target: /run, tmpfs: { size: 64m } }';
    expect(loaded(yaml)?.volumes).toEqual([
      { type: 'bind', source: '/project/proxy/nginx.conf', target: '/etc/nginx/conf.d/default.conf', read_only: true },
      { type: 'tmpfs', target: '/run', tmpfs: { size: '64m' } },
    ]);
  });

  it('rejects a relative target', () => {
    const { out, diags } = norm('volumes', ['data:var/lib/data']);
    expect(out).toEqual([]);
    expect(diags[0]).toMatchObject({ path: 'services.web.volumes[0]', message: 'volume target "var/lib/data" in "data:var/lib/data" is not an absolute path' });
  });

  it('rejects an empty part and a long form without target', () => {
    expect(norm('volumes', ['data::ro']).diags[0].message).toBe('"data::ro" is not a valid volume');
    expect(norm('volumes', [{ type: 'volume', source: 'data' }]).diags[0].message).toBe('a volume needs a "target" path');
  });
});

describe('environment', () => {
  it('loads a list of KEY=value, split at the first "=" only', () => {
    expect(loaded('environment: ["A=1", "URL=postgres://u:p@db/x?a=b", "EMPTY="]')?.environment).toEqual({ A: '1', URL: 'postgres://u:p@db/x?a=b', EMPTY: '' });
  });

  it('loads a bare KEY as "take it from the environment" (null)', () => {
    expect(loaded('environment: [DEBUG]')?.environment).toEqual({ DEBUG: null });
  });

  it('reads a map, turning numbers and booleans into strings and keeping null', () => {
    expect(norm('environment', { PORT: 8080, DEBUG: true, TOKEN: null, NAME: 'x' }).out).toEqual({ PORT: '8080', DEBUG: 'true', TOKEN: null, NAME: 'x' });
  });

  it('rejects a scalar', () => {
    expect(norm('environment', 'A=1').diags[0].message).toBe('expected a mapping or a list of "KEY=value" strings');
  });

  it('loads labels given as a list, a missing value as empty', () => {
    expect(loaded('labels: ["a=1", "b"]')?.labels).toEqual({ a: '1', b: '' });
  });
});

describe('depends_on', () => {
  it('loads a list as service_started, required', () => {
    const project = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    depends_on: [db, redis]\n  db:\n    image: postgres\n  redis:\n    image: redis\n' }).project;
    expect(project?.services.web.depends_on).toEqual({
      db: { condition: 'service_started', required: true },
      redis: { condition: 'service_started', required: true },
    });
  });

  it('reads the map form with condition, required and restart', () => {
    expect(norm('depends_on', { db: { condition: 'service_healthy', restart: true }, cache: { required: false } }).out).toEqual({
      db: { condition: 'service_healthy', required: true, restart: true },
      cache: { condition: 'service_started', required: false },
    });
  });

  it('rejects an unknown condition at its own path', () => {
    const { diags } = norm('depends_on', { db: { condition: 'service_ready' } });
    expect(diags[0]).toMatchObject({ path: 'services.web.depends_on.db.condition', message: 'unknown condition "service_ready"' });
  });
});

describe('command and entrypoint', () => {
  it('splits a string like a shell, honouring quotes', () => {
    expect(norm('command', `/bin/bash -c "envsubst < /tmp/a > /tmp/b && nginx -g 'daemon off;'"`).out).toEqual([
      '/bin/bash',
      '-c',
      "envsubst < /tmp/a > /tmp/b && nginx -g 'daemon off;'",
    ]);
  });

  it('keeps a list as it is, numbers as strings', () => {
    expect(norm('entrypoint', ['python', '-m', 'http.server', 8000]).out).toEqual(['python', '-m', 'http.server', '8000']);
  });

  it('keeps null (reset to the image default)', () => {
    expect(norm('entrypoint', null).out).toBeNull();
  });

  it('reports an unterminated quote', () => {
    expect(norm('command', 'echo "hi').diags[0]).toMatchObject({ code: 'invalid-value', message: 'unterminated double quote in "echo "hi"' });
  });
});

describe('links', () => {
  it('keeps "svc" and "svc:alias" as written', () => {
    expect(norm('links', ['redis', 'db:database']).out).toEqual(['redis', 'db:database']);
  });

  it('reports a link to an undefined service at the link', () => {
    const r = convertYaml('services:\n  web:\n    image: nginx\n    links:\n      - cache:redis\n');
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'undefined-service', path: 'services.web.links[0]', message: 'service "web" links to undefined service "cache"', pos: { file: '/project/compose.yaml', line: 5, col: 9 } }),
    );
  });
});

describe('top-level volumes and service references', () => {
  it('reports a service volume that is not declared at the top level, with the fix', () => {
    const r = convertYaml('services:\n  db:\n    image: postgres\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n');
    const d = r.diagnostics.find((x) => x.code === 'undefined-volume');
    expect(d).toMatchObject({ severity: 'error', path: 'services.db.volumes[0]', pos: { line: 5, col: 9 } });
    expect(d?.hint).toContain('volumes: { pgdata: {} }');
  });

  it('loads declared volumes, null or empty, as mappings', () => {
    const r = convertYaml('services:\n  db:\n    image: postgres\nvolumes:\n  a:\n  b: {}\n  c:\n    driver: local\n');
    expect(r.project?.volumes).toEqual({ a: {}, b: {}, c: { driver: 'local' } });
  });
});

describe('build', () => {
  it('loads a string as a context resolved against the project directory, with the default Dockerfile', () => {
    expect(loaded('build: ./backend')?.build).toEqual({ context: '/project/backend', dockerfile: 'Dockerfile' });
  });

  it('loads a build without a context with the project directory as its context', () => {
    expect(loaded('build: { dockerfile: web.Dockerfile }')?.build).toEqual({ dockerfile: 'web.Dockerfile', context: '/project' });
  });

  it('leaves a git URL context alone', () => {
    expect(loaded('build: https://github.com/docker/awesome-compose.git#main:flask')?.build).toMatchObject({ context: 'https://github.com/docker/awesome-compose.git#main:flask' });
  });

  it('leaves the Dockerfile out when the build has an inline one', () => {
    expect(norm('build', { context: '/project', dockerfile_inline: 'FROM nginx' }).out).toEqual({ context: '/project', dockerfile_inline: 'FROM nginx', dockerfile: undefined });
  });
});
