// Compose durations (`1m30s`, `500ms`, `1h`, `1.5s`) in Go's time.ParseDuration syntax, which is
// what compose-go uses, and their conversion to the whole seconds Kubernetes fields take.

import type { PlanContext } from './context';

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /([0-9]*\.?[0-9]*)(ns|us|µs|μs|ms|s|m|h)/y;

/** A Go duration string → milliseconds (fractional below 1 ms), or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  let s = text.trim();
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const start = PART.lastIndex;
    const m = PART.exec(s);
    if (!m || m.index !== start || m[1] === '' || m[1] === '.') return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  return sign * total;
}

/** A compose duration value (string, or the number 0) → milliseconds; reports an error when invalid. */
export function durationAt(value: unknown, ctx: PlanContext, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'string' ? parseDuration(value) : value === 0 ? 0 : undefined;
  if (ms === undefined || ms < 0) {
    ctx.diags.error('invalid-duration', `${JSON.stringify(value)} is not a duration`, {
      ...ctx.at(path),
      hint: 'write a number with a unit: "30s", "1m30s", "500ms", "1h"',
    });
    return undefined;
  }
  return ms;
}

/**
 * Milliseconds → whole seconds for a Kubernetes field, rounding up (a shorter wait would be stricter
 * than compose's) and to at least `min` (a note); a value above `max` is cut to it (a warning: the timing differs).
 */
export function toWholeSeconds(ms: number, ctx: PlanContext, path: string, field: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const seconds = Math.min(max, Math.max(min, Math.ceil(ms / 1000 - 1e-9)));
  if (seconds * 1000 !== ms) {
    if (ms / 1000 > max) {
      ctx.diags.warn('duration-out-of-range', `${formatMs(ms)} becomes ${field}: ${seconds}, the most Kubernetes allows`, ctx.at(path));
    } else {
      ctx.diags.note('duration-rounded', `${formatMs(ms)} becomes ${field}: ${seconds} (Kubernetes counts whole seconds${min > 0 ? `, at least ${min}` : ''})`, ctx.at(path));
    }
  }
  return seconds;
}

/** A compose duration at `path` → whole seconds for `field`, or undefined when absent or invalid. */
export function secondsAt(value: unknown, ctx: PlanContext, path: string, field: string, min = 0): number | undefined {
  const ms = durationAt(value, ctx, path);
  return ms === undefined ? undefined : toWholeSeconds(ms, ctx, path, field, min);
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000}s` : ms >= 1 ? `${ms}ms` : `${ms * 1000}µs`;
}
