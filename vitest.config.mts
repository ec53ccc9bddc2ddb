// Vitest's settings for the suite. A golden (toMatchFileSnapshot) whose expected file is missing
// fails on every machine, not only where CI is set: expected files are written only by
// `npx vitest run -u` (which overrides this), so no test passes by writing its own expectation.
// test/golden-missing.test.ts holds it to that.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    update: 'none',
  },
});
