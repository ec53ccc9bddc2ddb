import type { Diagnostics } from '../diagnostics';
import { interpolateString, InterpolationError } from './interpolate';
import { joinPath, type SourceMap } from './source-map';

/**
 * Values that compose casts after interpolation, by path pattern (`*` matches one key or index).
 * A string such as "3" produced by `${REPLICAS}` becomes a number where compose expects one.
 */
export const CASTS: ReadonlyArray<readonly [pattern: string, to: 'number' | 'boolean']> = [
  ['services.*.scale', 'number'],
  ['services.*.deploy.replicas', 'number'],
  ['services.*.ports.*.target', 'number'],
  ['services.*.healthcheck.retries', 'number'],
  ['services.*.healthcheck.disable', 'boolean'],
  ['services.*.read_only', 'boolean'],
  ['services.*.privileged', 'boolean'],
  ['services.*.init', 'boolean'],
  ['services.*.tty', 'boolean'],
  ['services.*.stdin_open', 'boolean'],
  ['services.*.oom_kill_disable', 'boolean'],
  ['services.*.cpu_shares', 'number'],
  ['services.*.cpu_count', 'number'],
  ['services.*.cpu_percent', 'number'],
  ['services.*.pids_limit', 'number'],
  ['services.*.volumes.*.read_only', 'boolean'],
  ['services.*.depends_on.*.required', 'boolean'],
  ['services.*.depends_on.*.restart', 'boolean'],
  ['services.*.deploy.restart_policy.max_attempts', 'number'],
  ['volumes.*.external', 'boolean'],
  ['networks.*.external', 'boolean'],
  ['networks.*.internal', 'boolean'],
  ['secrets.*.external', 'boolean'],
  ['configs.*.external', 'boolean'],
];

function matches(pattern: readonly string[], segments: readonly (string | number)[]): boolean {
  if (pattern.length !== segments.length) return false;
  return pattern.every((p, i) => p === '*' || p === String(segments[i]));
}

const CAST_PATTERNS = CASTS.map(([p, to]) => [p.split('.'), to] as const);

function cast(value: string, segments: readonly (string | number)[]): unknown {
  for (const [pattern, to] of CAST_PATTERNS) {
    if (!matches(pattern, segments)) continue;
    if (to === 'number' && /^-?[0-9]+(\.[0-9]+)?$/.test(value.trim())) return Number(value);
    if (to === 'boolean' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
    return value;
  }
  return value;
}

export interface TreeInterpolation {
  lookup(name: string): string | undefined;
  diags: Diagnostics;
  sourceMap: SourceMap;
}

/**
 * Interpolates every string value of a parsed file (keys are left alone, as compose does), then
 * casts by path. Unset variables warn once per place; `:?` failures and bad syntax are errors.
 */
export function interpolateTree(value: unknown, ctx: TreeInterpolation): unknown {
  const walk = (v: unknown, segments: (string | number)[], path: string): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('$')) return v;
      const unset = new Set<string>();
      try {
        const out = interpolateString(v, { lookup: ctx.lookup, onUnset: (name) => unset.add(name) });
        for (const name of unset) {
          ctx.diags.warn('unset-variable', `the "${name}" variable is not set, defaulting to a blank string`, {
            path,
            pos: ctx.sourceMap.get(path),
            hint: `set ${name} in the environment or in .env, or give a default: \${${name}:-value}`,
          });
        }
        return out === v ? v : cast(out, segments);
      } catch (e) {
        if (!(e instanceof InterpolationError)) throw e;
        ctx.diags.error('interpolation', e.message, { path, pos: ctx.sourceMap.get(path) });
        return v;
      }
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...segments, i], joinPath(path, i)));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        // x- extensions are free-form; compose interpolates them too, so do we.
        out[k] = walk(item, [...segments, k], joinPath(path, k));
      }
      return out;
    }
    return v;
  };
  return walk(value, [], '');
}
