// Every golden output keeps the rules kubectl's client-side validation does not check
// (test/k8s-invariants.ts): names, port names, selectors that select, references that resolve.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { announcedObjects, invariantProblems, type Doc } from './k8s-invariants';
import { ROOT } from './helpers';

function goldens(): string[] {
  const out: string[] = [];
  for (const root of ['examples', path.join('test', 'fixtures')]) {
    const abs = path.join(ROOT, root);
    if (!fs.existsSync(abs)) continue;
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/^expected(\.[a-z0-9-]+)?\.k8s\.yaml$/.test(e.name)) out.push(path.relative(ROOT, p));
      }
    };
    walk(abs);
  }
  return out;
}

const parse = (text: string): Doc[] => parseAllDocuments(text).map((d) => (d as { toJS(): Doc }).toJS()).filter(Boolean);

describe('the invariant checker', () => {
  const deployment = (labels: Record<string, string>, extra: Record<string, unknown> = {}): Doc => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'x', ...extra }] } } },
  });

  it('accepts a consistent set', () => {
    const svc: Doc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'tcp-80', port: 80 }] } };
    expect(invariantProblems([svc, deployment({ app: 'web' })])).toEqual([]);
  });

  it('lets a reference to an object the diagnostics announce as not created pass', () => {
    const d = deployment({ app: 'web' });
    d.spec.template.spec.volumes = [{ name: 'cert', secret: { secretName: 'tls-cert' } }];
    expect(invariantProblems([d])).toEqual(['Deployment/web: Secret "tls-cert" is not in the output']);
    const announced = announcedObjects('x.yaml:1:1: warning [external-secret] secrets.tls: the Secret "tls-cert" (key "tls") is referenced, not created\n');
    expect(invariantProblems([d], announced)).toEqual([]);
  });

  it('finds a Service that selects nothing, a long port name, a missing claim and an undefined mount', () => {
    const svc: Doc = { apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { selector: { app: 'api' }, ports: [{ name: 'a-very-long-port-name', port: 80 }] } };
    const d = deployment({ app: 'web' }, { volumeMounts: [{ name: 'gone', mountPath: '/x' }] });
    d.spec.template.spec.volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }];
    expect(invariantProblems([svc, d])).toEqual([
      'Service/1web: name is not a valid DNS-1035 label',
      'Service/1web: port name "a-very-long-port-name" is not an IANA service name of at most 15 characters',
      'Service/1web: selector {"app":"api"} matches no pod template',
      'Deployment/web: claim "data" is not in the output',
      'Deployment/web container web: mounts undefined volume "gone"',
    ]);
  });
});

describe('the server rules of the invariant checker', () => {
  const pod = (spec: Record<string, unknown>): Doc => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'x' }], ...spec } } },
  });

  it('find a nameserver that is not an IP address and a host alias with "_"', () => {
    expect(invariantProblems([pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['my.resolvers.ip.addr'] }, hostAliases: [{ ip: '10.0.0.5', hostnames: ['my_db'] }] })])).toEqual([
      'Deployment/web nameserver "my.resolvers.ip.addr": must be a valid IP address, such as 10.9.8.7 or 2001:db8::ffff',
      'Deployment/web hostAlias "my_db": must be a lowercase RFC 1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit',
    ]);
  });

  it('find a ConfigMap over 1 MiB, which is also too large for client-side apply unless announced', () => {
    const big: Doc = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { f: 'a'.repeat(1_048_577) } };
    expect(invariantProblems([big], new Set(['ConfigMap/big']))).toEqual(['ConfigMap/big data: 1048577 bytes, over 1048576']);
    expect(invariantProblems([big])).toHaveLength(2);
  });
});

describe.each(goldens())('%s', (file) => {
  it('keeps the rules kubectl does not check', () => {
    // expected.k8s.yaml ↔ expected.diagnostics.txt, expected.prod.k8s.yaml ↔ expected.prod.diagnostics.txt
    const diagnostics = path.join(ROOT, file.replace(/\.k8s\.yaml$/, '.diagnostics.txt'));
    const external = announcedObjects(fs.existsSync(diagnostics) ? fs.readFileSync(diagnostics, 'utf8') : '');
    expect(invariantProblems(parse(fs.readFileSync(path.join(ROOT, file), 'utf8')), external)).toEqual([]);
  });
});
