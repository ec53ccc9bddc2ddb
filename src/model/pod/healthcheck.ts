// healthcheck → readinessProbe and livenessProbe running the same command, with compose's defaults
// (interval 30s, timeout 30s, retries 3) written out, since Kubernetes' defaults differ (10s, 1s, 3).
// start_period → a startupProbe: like docker's start period it holds the other probes back and lets
// the first success end it early, which initialDelaySeconds cannot do.

import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { durationAt, toWholeSeconds } from '../base/durations';
import { LIMITS } from '../base/kube-rules';
import type { Probe } from '../base/plan';

export interface HealthProbes {
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly startupProbe?: Probe;
}

const DEFAULT_MS = { interval: 30_000, timeout: 30_000, start_period: 0, start_interval: 5_000 };
const DEFAULT_RETRIES = 3;

type Healthcheck = {
  test?: unknown;
  interval?: unknown;
  timeout?: unknown;
  retries?: unknown;
  start_period?: unknown;
  start_interval?: unknown;
  disable?: unknown;
};

/** True when the service declares a health check that runs (so its readiness reflects health). */
export function hasHealthcheck(service: ComposeService): boolean {
  const hc = service.healthcheck as Healthcheck | undefined;
  if (!hc || hc.disable === true) return false;
  const argv = testArgv(hc.test);
  return argv !== undefined && argv.length > 0;
}

/**
 * `CMD a b` → [a, b]; `CMD-SHELL x` or a string → [/bin/sh, -c, x]; NONE → []; else undefined. An
 * empty string is `CMD-SHELL ""` in compose-go, a check that always passes: no probe, like NONE.
 */
function testArgv(test: unknown): string[] | undefined {
  if (typeof test === 'string') return test.trim() ? ['/bin/sh', '-c', test] : [];
  if (!Array.isArray(test) || test.length === 0) return undefined;
  const [kind, ...rest] = test.map(String);
  if (kind === 'NONE') return [];
  if (kind === 'CMD' && rest.length > 0) return rest;
  if (kind === 'CMD-SHELL' && rest.length > 0) return ['/bin/sh', '-c', rest.join(' ')];
  return undefined;
}

export function healthProbes(service: ComposeService, ctx: PlanContext): HealthProbes {
  const hc = service.healthcheck as Healthcheck | undefined;
  if (hc === undefined || hc === null) return {};
  const path = ctx.servicePath(service, 'healthcheck');
  if (hc.disable === true) return {};
  const argv = testArgv(hc.test);
  if (argv === undefined) {
    const why = hc.test === undefined || (Array.isArray(hc.test) && hc.test.length === 0)
      ? 'it has no "test", so it tunes the image\'s own HEALTHCHECK, which compose2k8s cannot see'
      : 'its "test" must be a string or a list starting with CMD, CMD-SHELL or NONE';
    ctx.diags.warn('healthcheck-test', `healthcheck is not converted: ${why}`, {
      ...ctx.at(hc.test === undefined ? path : `${path}.test`),
      hint: 'write the check out: test: ["CMD", "curl", "-f", "http://localhost/"]',
    });
    return {};
  }
  if (argv.length === 0) return {};

  const ms = (key: keyof typeof DEFAULT_MS) => durationAt(hc[key], ctx, `${path}.${key}`) ?? DEFAULT_MS[key];
  // Probe fields are int32s: the API server cannot read a larger number.
  const seconds = (key: keyof typeof DEFAULT_MS, field: string) => toWholeSeconds(ms(key), ctx, `${path}.${key}`, field, 1, LIMITS.maxInt32);
  const periodSeconds = seconds('interval', 'periodSeconds');
  const timeoutSeconds = seconds('timeout', 'timeoutSeconds');
  const failureThreshold = retriesOf(hc.retries, ctx, `${path}.retries`);
  const probe: Probe = { exec: { command: argv }, periodSeconds, timeoutSeconds, failureThreshold };

  const startPeriod = ms('start_period');
  if (startPeriod <= 0) return { readinessProbe: probe, livenessProbe: probe };
  const startInterval = seconds('start_interval', 'startupProbe.periodSeconds');
  // Docker ignores failures during start_period, then allows `retries` more at `interval`.
  const budget = startPeriod / 1000 + failureThreshold * periodSeconds;
  const startupProbe: Probe = { exec: { command: argv }, periodSeconds: startInterval, timeoutSeconds, failureThreshold: Math.min(LIMITS.maxInt32, Math.max(1, Math.ceil(budget / startInterval))) };
  return { readinessProbe: probe, livenessProbe: probe, startupProbe };
}

function retriesOf(value: unknown, ctx: PlanContext, path: string): number {
  if (value === undefined || value === null) return DEFAULT_RETRIES;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= LIMITS.maxInt32) return value;
  if (value === 0) return DEFAULT_RETRIES; // docker treats 0 as "use the default"
  if (typeof value === 'number' && Number.isInteger(value) && value > LIMITS.maxInt32) {
    ctx.diags.warn('healthcheck-retries', `retries ${value} becomes failureThreshold: ${LIMITS.maxInt32}, the largest Kubernetes takes`, ctx.at(path));
    return LIMITS.maxInt32;
  }
  ctx.diags.error('invalid-value', `retries must be a positive whole number, got ${JSON.stringify(value)}`, ctx.at(path));
  return DEFAULT_RETRIES;
}
