// Reference checks: every name a service uses must be defined, each error at the offending node.

import { describe, expect, it } from 'vitest';
import { load } from './load';

const web = (extra: string, tail = '') => ({ 'compose.yaml': `services:\n  web:\n    image: nginx\n${extra}${tail}` });

describe('reference checks', () => {
  it.each([
    ['volumes', '    volumes: ["data:/data"]\n', '/project/compose.yaml:4:15: error [undefined-volume] services.web.volumes[0]: service "web" refers to undefined volume "data"'],
    ['networks', '    networks: [back]\n', '/project/compose.yaml:4:16: error [undefined-network] services.web.networks.back: service "web" refers to undefined network "back"'],
    ['secrets', '    secrets: [token]\n', '/project/compose.yaml:4:15: error [undefined-secret] services.web.secrets[0]: service "web" refers to undefined secret "token"'],
    ['configs', '    configs: [conf]\n', '/project/compose.yaml:4:15: error [undefined-config] services.web.configs[0]: service "web" refers to undefined config "conf"'],
    ['depends_on', '    depends_on: [db]\n', '/project/compose.yaml:4:18: error [undefined-service] services.web.depends_on.db: service "web" depends on undefined service "db"'],
    ['links', '    links: ["db:database"]\n', '/project/compose.yaml:4:13: error [undefined-service] services.web.links[0]: service "web" links to undefined service "db"'],
    ['network_mode', '    network_mode: "service:vpn"\n', '/project/compose.yaml:4:19: error [undefined-service] services.web.network_mode: service "web" shares the network of undefined service "vpn"'],
    ['models', '    models: [llm]\n', '/project/compose.yaml:4:14: error [undefined-model] services.web.models.llm: service "web" refers to undefined model "llm"'],
    ['volumes_from', '    volumes_from: ["data:ro"]\n', '/project/compose.yaml:4:20: error [undefined-service] services.web.volumes_from[0]: service "web" mounts the volumes of undefined service "data"'],
  ])('an undefined name in %s is an error at its node', (_key, extra, want) => {
    expect(load(web(extra)).errors).toEqual([want]);
  });

  it('defined names pass, and the default network needs no declaration', () => {
    const r = load(
      web(
        '    volumes: ["data:/data"]\n    networks: [default, back]\n    secrets: [token]\n    depends_on: [db]\n',
        '  db:\n    image: postgres\nvolumes: {data: {}}\nnetworks: {back: {}}\nsecrets: {token: {file: ./token}}\n',
      ),
    );
    expect(r.errors).toEqual([]);
  });

  it('a depends_on cycle is an error, as in docker compose', () => {
    const r = load({ 'compose.yaml': 'services:\n  a:\n    image: a\n    depends_on: [b]\n  b:\n    image: b\n    depends_on: [a]\n' });
    expect(r.errors).toEqual(['/project/compose.yaml:7:18: error [dependency-cycle] services.b.depends_on.a: dependency cycle detected: a -> b -> a']);
  });

  it('a service depending on itself is a cycle', () => {
    expect(load({ 'compose.yaml': 'services:\n  a:\n    image: a\n    depends_on: [a]\n' }).errors).toEqual([expect.stringContaining('dependency cycle detected: a -> a')]);
  });
});
