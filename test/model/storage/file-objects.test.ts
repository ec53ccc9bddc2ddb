// secrets and configs → Secrets / ConfigMaps mounted where compose puts them (src/model/storage/file-objects.ts).

import { describe, expect, it } from 'vitest';
import { convert } from '../../../src/index';
import { memoryHost } from '../../../src/common/host';

function planOf(compose: string, files: Record<string, string> = {}, env: Record<string, string> = {}) {
  const host = memoryHost({ '/p/compose.yaml': compose, ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`/p/${k}`, v])) });
  const result = convert({ files: ['/p/compose.yaml'], env, host });
  return { result, pod: result.plan?.workloads[0].pod };
}

describe('secrets', () => {
  it('mount at /run/secrets/<name>, a relative target under it, an absolute one as is, with octal modes', () => {
    const { pod } = planOf(
      `
services:
  app:
    image: x
    secrets:
      - pw
      - { source: pw, target: again, mode: 0400 }
      - { source: pw, target: /etc/pw, mode: "0440" }
secrets:
  pw: { file: ./pw.txt }
`,
      { 'pw.txt': 'v' },
    );
    expect(pod!.containers[0].volumeMounts).toEqual([
      { name: 'secret-pw', mountPath: '/run/secrets/pw', subPath: 'pw', readOnly: true },
      { name: 'secret-pw-2', mountPath: '/run/secrets/again', subPath: 'pw', readOnly: true },
      { name: 'secret-pw-3', mountPath: '/etc/pw', subPath: 'pw', readOnly: true },
    ]);
    expect(pod!.volumes.map((v) => (v.source.kind === 'secret' ? v.source.items?.[0].mode : 'x'))).toEqual([undefined, 0o400, 0o440]);
  });

  it('reference an external secret by its name, creating nothing', () => {
    const { result } = planOf('services:\n  app:\n    image: x\n    secrets: [tls]\nsecrets:\n  tls: { external: true, name: prod-tls }\n');
    expect(result.plan!.secrets).toEqual([]);
    expect(result.plan!.workloads[0].pod.volumes[0].source).toMatchObject({ kind: 'secret', secretName: 'prod-tls' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['external-secret']);
  });

  it('error on a missing secret file at the file: line', () => {
    const { result } = planOf('services:\n  app:\n    image: x\n    secrets: [pw]\nsecrets:\n  pw:\n    file: ./nope.txt\n');
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: 'secret-file-missing', pos: { line: 7 } });
  });
});

describe('configs', () => {
  it('mount at /<name> by default, from content or from the environment', () => {
    const { result, pod } = planOf('services:\n  app:\n    image: x\n    configs: [motd, flags]\nconfigs:\n  motd: { content: hi }\n  flags: { environment: FLAGS }\n', {}, { FLAGS: 'on' });
    expect(pod!.containers[0].volumeMounts!.map((m) => m.mountPath)).toEqual(['/motd', '/flags']);
    expect(result.plan!.configMaps.map((c) => c.data)).toEqual([{ motd: 'hi' }, { flags: 'on' }]);
  });
});
