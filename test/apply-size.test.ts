// File-backed ConfigMaps and Secrets against the two size limits, on both sides of each: client-side
// `kubectl apply` (its last-applied-configuration copy must keep the annotations within 262,144
// bytes: reported, with the remedy) and the API server's 1 MiB of data (the object is left out).
// Where kubectl is available, the real kubectl confirms the byte counts.

import { describe, expect, it } from 'vitest';
import { annotationBytes, clientApplyAnnotationBytes, LIMITS } from '../src/model/base/kube-rules';
import { convertYaml, kubeValidateUnavailable, manifest } from './helpers';
import { kubectlClientApply } from './kubectl-dry-run';

const COMPOSE = 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./site.conf:/etc/nginx/conf.d/site.conf\n';
const bindMounted = (content: string, namespace?: string) => convertYaml(COMPOSE, { extraFiles: { 'site.conf': content }, ...(namespace ? { namespace } : {}) });
const tooLarge = (r: ReturnType<typeof bindMounted>) => r.diagnostics.filter((d) => d.code === 'client-apply-too-large');

/** The size of file whose ConfigMap makes exactly 262,144 bytes of annotations: each "a" adds one byte. */
function fittingSize(namespace?: string): number {
  const one = bindMounted('a', namespace);
  return 1 + LIMITS.annotationBytes - clientApplyAnnotationBytes(manifest(one, 'ConfigMap', 'site-conf')!);
}

describe('client-side kubectl apply: 262,144 bytes of annotations', () => {
  it('a bind-mounted file whose ConfigMap just fits converts with no warning', () => {
    expect(tooLarge(bindMounted('a'.repeat(fittingSize())))).toEqual([]);
  });

  it('one byte more is a warning at the bind mount that names the size and `kubectl apply --server-side`', () => {
    const [d] = tooLarge(bindMounted('a'.repeat(fittingSize() + 1)));
    expect({ path: d.path, line: d.pos?.line, message: d.message, hint: d.hint }).toEqual({
      path: 'services.web.volumes[0]',
      line: 5,
      message: expect.stringContaining('262,145 bytes of annotations, over the 262,144'),
      hint: expect.stringContaining('kubectl apply --server-side -f -'),
    });
  });

  it('with --namespace the namespace is counted as it is, and the same rule holds on both sides', () => {
    const n = fittingSize('shop');
    expect([tooLarge(bindMounted('a'.repeat(n), 'shop')).length, tooLarge(bindMounted('a'.repeat(n + 1), 'shop')).length]).toEqual([0, 1]);
  });

  it('a secret is reported at its definition', () => {
    const r = convertYaml('services:\n  web:\n    image: nginx\n    secrets: [cert]\nsecrets:\n  cert:\n    file: ./cert.pem\n', { extraFiles: { 'cert.pem': 'x'.repeat(300_000) } });
    expect(tooLarge(r).map((d) => [d.message.slice(0, 13), d.path, d.pos?.line])).toEqual([['Secret "cert"', 'secrets.cert', 6]]);
  });

  const unavailable = kubeValidateUnavailable();
  it.skipIf(unavailable !== undefined)(`the real kubectl writes exactly the counted bytes, escapes included ${unavailable ?? ''}`, { timeout: 60_000 }, async () => {
    // No --namespace: the count assumes the longest namespace; apply into one of 63 characters.
    const namespace = 'n'.repeat(63);
    const n = fittingSize();
    // (No blank beside U+2028: kubectl's YAML 1.1 reader takes it for a line break and trims blanks around it.)
    const tricky = bindMounted('<b> & "q" \\\u2028\u0001 ü\n');
    // Renamed to names of the same length, so the three are distinct objects of the counted sizes.
    const yaml = [bindMounted('a'.repeat(n)).yaml, bindMounted('a'.repeat(n + 1)).yaml.replace('name: site-conf', 'name: site-con2'), tricky.yaml.replace('name: site-conf', 'name: site-con3')].join('---\n');
    const applied = await kubectlClientApply(yaml, namespace);
    const totals = applied.filter((o) => o.kind === 'ConfigMap').map((o) => annotationBytes(o.metadata.annotations));
    expect(totals).toEqual([LIMITS.annotationBytes, LIMITS.annotationBytes + 1, clientApplyAnnotationBytes(manifest(tricky, 'ConfigMap', 'site-conf')!)]);
  });
});

describe("the API server's 1 MiB of ConfigMap and Secret data", () => {
  const MiB = LIMITS.dataBytes;

  it('a bind-mounted file of exactly 1 MiB becomes a ConfigMap; one byte more is left out with a warning', () => {
    const fits = bindMounted('a'.repeat(MiB));
    const over = bindMounted('a'.repeat(MiB + 1));
    expect([manifest(fits, 'ConfigMap', 'site-conf') !== undefined, manifest(over, 'ConfigMap', 'site-conf') !== undefined]).toEqual([true, false]);
    expect(over.diagnostics.find((d) => d.code === 'bind-mount-too-large')).toMatchObject({ path: 'services.web.volumes[0]', pos: { line: 5 }, message: expect.stringContaining('1,048,577 bytes') });
  });

  it.each([
    ['configs', 'ConfigMap', 'config-too-large'],
    ['secrets', 'Secret', 'secret-too-large'],
  ])('a %s file of exactly 1 MiB becomes a %s; one byte more is left out (%s)', (key, kind, code) => {
    const compose = `services:\n  web:\n    image: nginx\n    ${key}: [big]\n${key}:\n  big:\n    file: ./big.txt\n`;
    const fits = convertYaml(compose, { extraFiles: { 'big.txt': 'a'.repeat(MiB) } });
    const over = convertYaml(compose, { extraFiles: { 'big.txt': 'a'.repeat(MiB + 1) } });
    expect([manifest(fits, kind, 'big') !== undefined, manifest(over, kind, 'big') !== undefined]).toEqual([true, false]);
    expect(over.diagnostics.find((d) => d.code === code)).toMatchObject({ path: `${key}.big`, pos: { line: 6 } });
  });

  it('an env_file whose values total exactly 1 MiB becomes a ConfigMap; one byte more is left out', () => {
    const compose = 'services:\n  web:\n    image: nginx\n    env_file: [big.env]\n';
    const fits = convertYaml(compose, { extraFiles: { 'big.env': `A=${'a'.repeat(MiB)}\n` } });
    const over = convertYaml(compose, { extraFiles: { 'big.env': `A=${'a'.repeat(MiB + 1)}\n` } });
    expect([manifest(fits, 'ConfigMap', 'big-env') !== undefined, manifest(over, 'ConfigMap', 'big-env') !== undefined]).toEqual([true, false]);
    expect(over.diagnostics.find((d) => d.code === 'env-file-too-large')).toMatchObject({ path: 'services.web.env_file[0]', pos: { line: 4 } });
  });
});
