// The API server's value rules (src/model/base/kube-rules.ts) at their edges, as apimachinery draws them.

import { describe, expect, it } from 'vitest';
import {
  configMapKeyProblem,
  envVarNameProblem,
  goJsonBytes,
  idProblem,
  ingressHostProblem,
  ingressPathProblem,
  ipProblem,
  labelValueProblem,
  portNameProblem,
  qualifiedNameProblem,
  subPathProblem,
  sysctlNameProblem,
} from '../../../src/model/base/kube-rules';

const accepted = (check: (v: string) => string | undefined, values: string[]) => values.filter((v) => check(v) === undefined);

describe('kube-rules', () => {
  it('label values: empty or up to 63 characters, alphanumeric at both ends', () => {
    expect(accepted(labelValueProblem, ['', 'a'.repeat(63), 'a'.repeat(64), 'v1.2_x', '-a', 'a b'])).toEqual(['', 'a'.repeat(63), 'v1.2_x']);
  });

  it('qualified names: a DNS-subdomain prefix and a name of up to 63 characters', () => {
    expect(accepted(qualifiedNameProblem, ['app.kubernetes.io/name', 'Example.com/x', 'x/', '/x', 'a'.repeat(63), 'a'.repeat(64)])).toEqual(['app.kubernetes.io/name', 'a'.repeat(63)]);
  });

  it('port names: up to 15 lowercase characters with a letter, no "--"', () => {
    expect(accepted(portNameProblem, ['tcp-8080', 'a'.repeat(15), 'a'.repeat(16), '8080', 'http--alt', 'Http'])).toEqual(['tcp-8080', 'a'.repeat(15)]);
  });

  it('IP addresses: IPv4 and IPv6, not a zone, a name or leading zeros', () => {
    expect(accepted(ipProblem, ['10.0.0.1', '::1', '::ffff:1.2.3.4', 'fe80::1%eth0', 'my.resolvers.ip.addr', '010.0.0.1'])).toEqual(['10.0.0.1', '::1', '::ffff:1.2.3.4']);
  });

  it('env names (relaxed since v1.32): printable ASCII other than "="', () => {
    expect(accepted(envVarNameProblem, ['MY_VAR', 'my var', '1ST', 'A=B', 'ÄPFEL', ''])).toEqual(['MY_VAR', 'my var', '1ST']);
  });

  it('ConfigMap keys: [-._a-zA-Z0-9]+, not "." and not starting with ".."', () => {
    expect(accepted(configMapKeyProblem, ['.env', 'nginx.conf', '..env', '.', 'my file'])).toEqual(['.env', 'nginx.conf']);
  });

  it('sysctl names: lowercase segments joined by "." or "/"', () => {
    expect(accepted(sysctlNameProblem, ['net.core.somaxconn', 'net/ipv4/conf/eth0.100/forwarding', 'Net.Core', 'net..core'])).toEqual(['net.core.somaxconn', 'net/ipv4/conf/eth0.100/forwarding']);
  });

  it('subPaths: relative, with no ".." element', () => {
    expect(accepted(subPathProblem, ['data/x', '..data', '/etc', 'a/../b'])).toEqual(['data/x', '..data']);
  });

  it('user and group ids: 0 to 2^31-1 (v1.32)', () => {
    expect([0, 2_147_483_647, 2_147_483_648, -1].map((n) => idProblem(n) === undefined)).toEqual([true, true, false, false]);
  });

  it('Ingress hosts: a DNS name or a wildcard one, never an IP address; paths without "//" or "/.."', () => {
    expect(accepted(ingressHostProblem, ['app.example.com', '*.example.com', '10.0.0.5', 'a.*.example.com'])).toEqual(['app.example.com', '*.example.com']);
    expect(accepted(ingressPathProblem, ['/', '/shop/cart', '/a//b', '/a/..', 'shop'])).toEqual(['/', '/shop/cart']);
  });

  it("counts JSON as Go's encoder writes it: <, >, & and U+2028 escaped, a newline after", () => {
    expect(goJsonBytes({ k: '<&>\u2028' })).toBe('{"k":"\\u003c\\u0026\\u003e\\u2028"}\n'.length);
  });
});
