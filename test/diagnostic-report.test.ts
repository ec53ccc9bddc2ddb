// How the CLI prints diagnostics (diagnostic-report.ts, cli-report.ts): errors, then warnings, then
// notes; repeats of one code under one service as one entry; later services of a code only named;
// each hint once; one closing summary; --quiet and --verbose; convert, config and -o alike.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-report-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the CLI on compose text given on stdin. */
const cli = (argv: string[], yaml: string) => runCli([...argv, '-f', '-'], { cwd: tmp, stdin: yaml });
const lines = (text: string) => text.split('\n').filter((l) => l !== '');

/** A service with `count` pass-through variables (NAME_1 … NAME_count), none of them set. */
function passThrough(count: number): string {
  return `services:\n  web:\n    image: nginx\n    environment:\n${Array.from({ length: count }, (_, i) => `      - NAME_${i + 1}\n`).join('')}`;
}

/** `count` services s1, s2, …, each with the same `lines` (indented under the service). */
function services(count: number, lines: string): string {
  return `services:\n${Array.from({ length: count }, (_, i) => `  s${i + 1}:\n    image: nginx\n    ${lines}\n`).join('')}`;
}
const OOM_KILL_DISABLE = 'oom_kill_disable: true'; // unsupported-key, without a hint
const HOST_GATEWAY = 'extra_hosts: ["gw:host-gateway"]'; // host-gateway, with a hint

// An obsolete version: (a note), an unset ${TAG} (a warning) and a bad port (an error), in that file order.
const THREE_SEVERITIES = 'version: "3"\nservices:\n  web:\n    image: nginx:${TAG}\n    ports: ["abc"]\n';

describe('repeats of one code under one service', () => {
  it('print as one entry that counts them and names each, at the position of the first', async () => {
    const r = await cli(['convert'], passThrough(3));
    expect(lines(r.stderr)[0]).toBe(
      '<stdin>:5:9: note [unset-environment] services.web.environment: 3 variables have no value here and are left out, as docker compose leaves them out: NAME_1, NAME_2, NAME_3',
    );
  });

  it('show the source line and caret of the first', async () => {
    const r = await cli(['convert'], passThrough(3));
    expect(lines(r.stderr).slice(1, 3)).toEqual(['   5 |       - NAME_1', '     |         ^']);
  });

  it('name as many as fit on a line and leave the rest to --verbose', async () => {
    const r = await cli(['convert'], passThrough(200));
    expect(lines(r.stderr)[0]).toMatch(/: 200 variables have no value here .*: NAME_1, NAME_2, .*, … \(--verbose lists each\)$/);
  });

  it('keep a project with hundreds of them to a few lines', async () => {
    const r = await cli(['convert'], passThrough(500));
    expect(lines(r.stderr)).toHaveLength(5);
  });

  it('without a plural wording, print the first in full and name the others on one line', async () => {
    const yaml = 'services:\n  web:\n    image: nginx\n    cgroup: host\n    oom_kill_disable: true\n    oom_score_adj: 100\n';
    const r = await cli(['convert'], yaml);
    expect(lines(r.stderr).filter((l) => l.startsWith('  and '))).toEqual(['  and 2 more like it in services.web: oom_kill_disable, oom_score_adj']);
  });
});

describe('one code in many services', () => {
  it('prints the first three services and only names the others', async () => {
    const r = await cli(['convert'], services(5, OOM_KILL_DISABLE));
    expect(lines(r.stderr).filter((l) => l.includes('[unsupported-key]') || l.startsWith('  also'))).toEqual([
      expect.stringContaining('services.s1.oom_kill_disable'),
      expect.stringContaining('services.s2.oom_kill_disable'),
      expect.stringContaining('services.s3.oom_kill_disable'),
      '  also in 2 more services: s4, s5 (--verbose lists each)',
    ]);
  });

  it('prints the source line of the first service only', async () => {
    const r = await cli(['convert'], services(3, OOM_KILL_DISABLE));
    expect(lines(r.stderr).filter((l) => l.includes(OOM_KILL_DISABLE))).toHaveLength(1);
  });

  it('prints a hint once', async () => {
    const r = await cli(['convert'], services(3, HOST_GATEWAY));
    expect(lines(r.stderr).filter((l) => l.startsWith('  hint:'))).toEqual(['  hint: reach the node through a Service or its IP instead']);
  });
});

describe('order and summary', () => {
  it('prints errors, then warnings, then notes, whatever their order in the file', async () => {
    const r = await cli(['convert'], THREE_SEVERITIES);
    const severities = lines(r.stderr).flatMap((l) => /^<stdin>:\d+:\d+: (error|warning|note) /.exec(l)?.[1] ?? []);
    expect(severities).toEqual(['error', 'warning', 'note']);
  });

  it('closes with the counts by severity and code, and what happened to the output', async () => {
    const r = await cli(['convert'], THREE_SEVERITIES);
    expect(lines(r.stderr).at(-1)).toBe('compose2k8s: 1 error (1 invalid-value), 1 warning (1 unset-variable), 1 note (1 obsolete-version); nothing was written');
  });

  it('counts every occurrence in the summary, grouped or not', async () => {
    const r = await cli(['convert'], passThrough(40));
    expect(lines(r.stderr).at(-1)).toBe('compose2k8s: 40 notes (40 unset-environment)');
  });

  it('prints nothing at all for a clean conversion to stdout', async () => {
    const r = await cli(['convert'], 'services:\n  web:\n    image: nginx\n');
    expect(r.stderr).toBe('');
  });

  it('says where the files went with -o, in the same line', async () => {
    const r = await cli(['convert', '-o', path.join(tmp, 'out')], 'version: "3"\nservices:\n  web:\n    image: nginx\n');
    expect(lines(r.stderr).at(-1)).toBe(`compose2k8s: 1 note (1 obsolete-version); wrote 2 files to ${path.join(tmp, 'out')}`);
  });

  it('is one line for several environments, with the conversion\'s counts', async () => {
    const r = await cli(['convert', '--env', 'dev', '--env', 'prod', '-o', path.join(tmp, 'envs')], 'version: "3"\nservices:\n  web:\n    image: nginx\n');
    expect(lines(r.stderr).filter((l) => l.startsWith('compose2k8s:'))).toEqual([expect.stringMatching(/^compose2k8s: 1 note \(1 obsolete-version\); wrote \d+ files to .* \(dev, prod\)$/)]);
  });
});

describe('--quiet and --verbose', () => {
  it('--quiet prints the errors and the summary only', async () => {
    const r = await cli(['convert', '--quiet'], THREE_SEVERITIES);
    expect(lines(r.stderr).filter((l) => /^<stdin>:\d+:\d+: /.test(l))).toEqual([expect.stringContaining(' error [invalid-value] ')]);
  });

  it('--quiet still ends with the summary of everything', async () => {
    const r = await cli(['convert', '-q'], passThrough(3));
    expect(r.stderr).toBe('compose2k8s: 3 notes (3 unset-environment)\n');
  });

  it('--verbose prints every occurrence in full', async () => {
    const r = await cli(['convert', '--verbose'], passThrough(40));
    expect(lines(r.stderr).filter((l) => l.includes('[unset-environment]'))).toHaveLength(40);
  });

  it('--verbose keeps the order errors, warnings, notes', async () => {
    const r = await cli(['convert', '--verbose'], THREE_SEVERITIES);
    const severities = lines(r.stderr).flatMap((l) => /^<stdin>:\d+:\d+: (error|warning|note) /.exec(l)?.[1] ?? []);
    expect(severities).toEqual(['error', 'warning', 'note']);
  });

  it('together are a usage error', async () => {
    const r = await cli(['convert', '--quiet', '--verbose'], passThrough(1));
    expect(r.code).toBe(2);
  });
});

describe('--strict', () => {
  it('fails on a warning', async () => {
    const r = await cli(['convert', '--strict'], 'services:\n  web:\n    image: nginx:${TAG}\n');
    expect(r.code).toBe(1);
  });

  it('does not fail on a note: docker compose does the same thing', async () => {
    const r = await cli(['convert', '--strict'], passThrough(3));
    expect(r.code).toBe(0);
  });
});

describe('config', () => {
  const repeated = 'services:\n  web:\n    image: ${REGISTRY}/web:${TAG}\n    environment:\n      A: ${A}\n';

  it('groups repeats and closes with the summary, as convert does', async () => {
    const r = await cli(['config'], repeated);
    expect(lines(r.stderr)).toEqual([
      '<stdin>:3:12: warning [unset-variable] services.web: 3 variables are not set and default to a blank string: REGISTRY, TAG, A',
      '   3 |     image: ${REGISTRY}/web:${TAG}',
      '     |            ^',
      '  hint: set them in the environment or in .env, or give defaults: ${NAME:-value}',
      'compose2k8s: 3 warnings (3 unset-variable)',
    ]);
  });

  it('-q validates only: nothing on stdout, only errors and the summary on stderr', async () => {
    const r = await cli(['config', '-q'], repeated);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: '', stderr: 'compose2k8s: 3 warnings (3 unset-variable)\n' });
  });

  it('--verbose prints every occurrence', async () => {
    const r = await cli(['config', '--verbose'], repeated);
    expect(lines(r.stderr).filter((l) => l.includes('[unset-variable]'))).toHaveLength(3);
  });
});

describe("the README's diagnostics example", () => {
  it('is what the CLI prints for its compose.yaml', async () => {
    const section = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('### Exit codes and diagnostics')[1];
    const [, yaml, printed] = /```yaml\n([\s\S]*?)```[\s\S]*?```text\n([\s\S]*?)```/.exec(section)!;
    const dir = path.join(tmp, 'readme');
    for (const sub of ['static', 'uploads']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
    fs.writeFileSync(path.join(dir, 'compose.yaml'), yaml);
    const r = await runCli(['convert'], { cwd: dir });
    expect(r.stderr).toBe(printed);
  });
});
