// A golden with no expected file fails everywhere, CI or not (vitest.config.mts), and only `-u`
// writes it: a tiny suite is run by vitest itself, in a directory of its own, under this project's
// configuration (its `include` finds the suite under test/).

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..');
const VITEST = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const CONFIG = path.join(ROOT, 'vitest.config.mts');
const SUITE = "test('a golden', async () => {\n  await expect('output\\n').toMatchFileSnapshot('./expected.txt');\n});\n";

/** Runs the one-test suite in `dir` with `args`, without CI in the environment and without colours. */
function runSuite(dir: string, args: string[] = []) {
  const env = { ...process.env };
  delete env.CI;
  delete env.FORCE_COLOR;
  env.NO_COLOR = '1';
  return spawnSync(process.execPath, [VITEST, 'run', ...args, '--root', dir, '--config', CONFIG, '--globals'], { env, encoding: 'utf8' });
}

describe('a golden with no expected file', () => {
  it('fails and writes nothing; -u writes it, and then it passes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-missing-'));
    try {
      fs.mkdirSync(path.join(dir, 'test'));
      fs.writeFileSync(path.join(dir, 'test', 'missing.test.ts'), SUITE);
      const first = runSuite(dir);
      expect(first.status, first.stdout + first.stderr).toBe(1);
      expect(first.stdout).toMatch(/Snapshots\s+1 failed/);
      expect(fs.existsSync(path.join(dir, 'test', 'expected.txt'))).toBe(false);

      expect(runSuite(dir, ['-u']).status).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'test', 'expected.txt'), 'utf8')).toBe('output\n');
      expect(runSuite(dir).status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
