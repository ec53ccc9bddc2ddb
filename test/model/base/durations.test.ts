// Compose durations in Go's syntax → milliseconds and whole seconds (src/model/base/durations.ts).

import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../src/model/base/durations';

describe('parseDuration', () => {
  it.each([
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    ['2h45m10s', 9_910_000],
    ['10us', 0.01],
    ['0', 0],
    ['0s', 0],
    [' 30s ', 30_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each(['30', '', 's', '1x', '1m 30s', 'abc', '.s', '1.5.3s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
