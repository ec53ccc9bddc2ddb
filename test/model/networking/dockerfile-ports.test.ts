// A local Dockerfile's EXPOSE lines → ports for services that publish none (src/model/networking/dockerfile-ports.ts).

import { describe, expect, it } from 'vitest';
import { convert, memoryHost } from '../../../src/index';
import { parseExposedPorts } from '../../../src/model/networking/dockerfile-ports';

describe('parseExposedPorts', () => {
  it('reads ports, protocols and ranges of the last stage only', () => {
    const dockerfile = ['FROM golang AS build', 'EXPOSE 9999', 'FROM alpine', 'EXPOSE 8000 53/udp \\', '  9000-9001/tcp', 'EXPOSE $PORT'].join('\n');
    expect(parseExposedPorts(dockerfile)).toEqual([
      { port: 8000, protocol: 'tcp' },
      { port: 53, protocol: 'udp' },
      { port: 9000, protocol: 'tcp' },
      { port: 9001, protocol: 'tcp' },
    ]);
  });
});

describe('a built service reached by name without ports', () => {
  const compose = 'services:\n  proxy:\n    image: nginx\n    depends_on: [backend]\n  backend:\n    build: ./backend\n';
  const run = (files: Record<string, string>) =>
    convert({ files: ['/p/compose.yaml'], env: {}, host: memoryHost({ '/p/compose.yaml': compose, ...files }) });

  it('gets a Service on the port its Dockerfile EXPOSEs', () => {
    const result = run({ '/p/backend/Dockerfile': 'FROM golang\nEXPOSE 8000\n' });
    const service = result.manifests.find((m) => m.kind === 'Service' && m.metadata.name === 'backend') as { spec: { ports: { port: number }[] } } | undefined;
    expect(service?.spec.ports.map((p) => p.port)).toEqual([8000]);
    expect(result.diagnostics.map((d) => d.code)).not.toContain('unknown-port');
  });

  it('is reported with the expose: fix when the Dockerfile declares nothing', () => {
    const result = run({ '/p/backend/Dockerfile': 'FROM golang\n' });
    const warning = result.diagnostics.find((d) => d.code === 'unknown-port');
    expect(warning?.hint).toContain('expose: ["PORT"] under services.backend');
    expect(warning?.pos).toMatchObject({ file: '/p/compose.yaml', line: 5 });
  });
});
