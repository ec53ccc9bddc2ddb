// The scaling flags: parsed into ScalingOptions, bad values refused as usage errors naming the flag;
// and the README's preset example is a valid preset (a user copies it).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main';
import { addScalingOptions, scalingOptions, type ScalingFlags } from '../src/cli/scaling';
import { parsePreset } from '../src/model/settings/preset';
import { ROOT } from './helpers';

function parse(...argv: string[]): ScalingFlags {
  const cmd = addScalingOptions(new Command('convert').exitOverride(), ['dev']);
  cmd.parse(argv, { from: 'user' });
  return cmd.opts() as ScalingFlags;
}

async function usage(...argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await run(['convert', ...argv], { cwd: ROOT, env: {}, stdout: () => {}, stderr: (t) => (stderr += t), readStdin: async () => '' });
  return { code, stderr };
}

describe('scaling flags', () => {
  it('gather into ScalingOptions; the last --replicas N wins, named ones are kept per service', () => {
    const flags = parse('--replicas', '2', '--replicas', 'web=4', '--replicas', '3', '--cpu', 'web=250m', '--memory', 'web=256Mi', '--memory-limit', 'web=1Gi', '--cpu-limit', 'api=2', '--autoscale', 'api=2:10', '--autoscale', 'web=3:6:55%');
    expect(scalingOptions(flags)).toEqual({
      replicas: 3,
      serviceReplicas: { web: 4 },
      requests: { web: { cpu: '250m', memory: '256Mi' } },
      limits: { web: { memory: '1Gi' }, api: { cpu: '2' } },
      autoscale: { api: { min: 2, max: 10, cpu: 80 }, web: { min: 3, max: 6, cpu: 55 } },
    });
  });

  it('give no ScalingOptions when none is used', () => {
    expect(scalingOptions(parse())).toBeUndefined();
  });

  it.each([
    [['--replicas', 'web=three'], "option '--replicas <n|service=n>' argument 'web=three' is invalid. expected a number of replicas (3) or SERVICE=N (web=3)"],
    [['--cpu', '500m'], 'expected SERVICE=QUANTITY (web=500m)'],
    [['--memory', 'web=512m'], '"512m" means 0.512 bytes; write 512Mi for mebibytes'],
    [['--autoscale', 'web=5:2'], 'MIN must be at least 1 and at most MAX (got 5:2)'],
    [['--autoscale', 'web'], 'expected SERVICE=MIN:MAX[:CPU%]'],
    [['--format', 'chart'], "argument 'chart' is invalid. Allowed choices are yaml, kustomize, helm"],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const { code, stderr } = await usage(...argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe("the README's preset example", () => {
  it('is a valid preset', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### The preset format'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(yaml).toContain('services:');
    const { preset, diagnostics } = parsePreset('/README.md', yaml!);
    expect(diagnostics.list).toEqual([]);
    expect(Object.keys(preset ?? {})).toEqual(expect.arrayContaining(['namespace', 'replicas', 'resources', 'autoscale', 'pdb', 'storage', 'labels', 'annotations', 'services']));
  });
});
