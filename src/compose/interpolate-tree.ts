// ${VAR} interpolation over a loaded file's whole tree (interpolate.ts does one string): which
// paths are interpolated, the casts compose applies to typed fields afterwards, and the note on
// variables left as written.

import type { Diagnostics } from '../common/diagnostics';
import { interpolateString, InterpolationError } from './interpolate';
import { type PathTrie, pathTrie, stepTrie } from './path-trie';
import { joinPath, type SourceMap } from '../common/source-map';

type Cast = 'int' | 'float' | 'boolean';

/**
 * Values that compose casts after interpolation, by path pattern (`*` matches one key or index):
 * compose-go loader/interpolate.go's interpolateTypeCastMapping, and the other integer and boolean
 * fields, which compose-go's decoder casts with the same functions (loader/mapstructure.go `cast`).
 * A string such as "3" produced by `${REPLICAS}` (or written quoted) becomes a number where compose
 * expects one. Byte sizes and durations stay strings: the model parses those. A value that does not
 * parse (an empty one included) is an error, as in compose ("invalid boolean"), at its position.
 */
export const CASTS: ReadonlyArray<readonly [pattern: string, to: Cast]> = [
  ['services.*.configs.*.mode', 'int'],
  ['services.*.secrets.*.mode', 'int'],
  ['services.*.cpu_count', 'int'],
  ['services.*.cpu_percent', 'float'],
  ['services.*.cpu_period', 'int'],
  ['services.*.cpu_quota', 'int'],
  ['services.*.cpu_rt_period', 'int'],
  ['services.*.cpu_rt_runtime', 'int'],
  ['services.*.cpus', 'float'],
  ['services.*.cpu_shares', 'int'],
  ['services.*.init', 'boolean'],
  ['services.*.deploy.replicas', 'int'],
  ['services.*.deploy.update_config.parallelism', 'int'],
  ['services.*.deploy.update_config.max_failure_ratio', 'float'],
  ['services.*.deploy.rollback_config.parallelism', 'int'],
  ['services.*.deploy.rollback_config.max_failure_ratio', 'float'],
  ['services.*.deploy.restart_policy.max_attempts', 'int'],
  ['services.*.deploy.placement.max_replicas_per_node', 'int'],
  ['services.*.healthcheck.retries', 'int'],
  ['services.*.healthcheck.disable', 'boolean'],
  ['services.*.oom_kill_disable', 'boolean'],
  ['services.*.oom_score_adj', 'int'],
  ['services.*.pids_limit', 'int'],
  ['services.*.ports.*.target', 'int'],
  ['services.*.privileged', 'boolean'],
  ['services.*.read_only', 'boolean'],
  ['services.*.scale', 'int'],
  ['services.*.stdin_open', 'boolean'],
  ['services.*.tty', 'boolean'],
  ['services.*.ulimits.*', 'int'],
  ['services.*.ulimits.*.hard', 'int'],
  ['services.*.ulimits.*.soft', 'int'],
  ['services.*.volumes.*.read_only', 'boolean'],
  ['services.*.volumes.*.volume.nocopy', 'boolean'],
  ['services.*.depends_on.*.required', 'boolean'],
  ['services.*.depends_on.*.restart', 'boolean'],
  // Decoded, not cast at interpolation: bool and int fields of compose-go's types.
  ['services.*.attach', 'boolean'],
  ['services.*.mem_swappiness', 'int'],
  ['services.*.blkio_config.weight', 'int'],
  ['services.*.blkio_config.weight_device.*.weight', 'int'],
  ['services.*.build.no_cache', 'boolean'],
  ['services.*.build.pull', 'boolean'],
  ['services.*.build.privileged', 'boolean'],
  ['services.*.build.ulimits.*', 'int'],
  ['services.*.build.ulimits.*.hard', 'int'],
  ['services.*.build.ulimits.*.soft', 'int'],
  ['services.*.deploy.resources.limits.pids', 'int'],
  ['services.*.env_file.*.required', 'boolean'],
  ['services.*.volumes.*.tmpfs.mode', 'int'],
  ['services.*.pre_start.*.privileged', 'boolean'],
  ['services.*.pre_start.*.per_replica', 'boolean'],
  ['services.*.build.secrets.*.mode', 'int'],
  ['services.*.post_start.*.privileged', 'boolean'],
  ['services.*.pre_stop.*.privileged', 'boolean'],
  ['networks.*.external', 'boolean'],
  ['networks.*.internal', 'boolean'],
  ['networks.*.attachable', 'boolean'],
  ['networks.*.enable_ipv4', 'boolean'],
  ['networks.*.enable_ipv6', 'boolean'],
  ['volumes.*.external', 'boolean'],
  ['secrets.*.external', 'boolean'],
  ['configs.*.external', 'boolean'],
];

const CAST_TRIE = pathTrie(CASTS);
const TRUE = new Set(['y', 'yes', 'true', 'on']);
const FALSE = new Set(['n', 'no', 'false', 'off']);

const CAST_NAMES: Record<Cast, string> = { int: 'a whole number', float: 'a number', boolean: 'a boolean (true or false)' };

/** compose-go's casts: strconv.Atoi / ParseFloat, and YAML 1.1 booleans; undefined when it does not parse. */
function cast(value: string, to: Cast): number | boolean | undefined {
  const v = value.trim();
  if (to === 'int') return /^[-+]?[0-9]+$/.test(v) ? Number(v) : undefined;
  if (to === 'float') return /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(v) ? Number(v) : undefined;
  const lower = v.toLowerCase();
  return TRUE.has(lower) ? true : FALSE.has(lower) ? false : undefined;
}

export interface TreeInterpolation {
  lookup(name: string): string | undefined;
  diags: Diagnostics;
  sourceMap: SourceMap;
  /** Variables already reported as unset (shared by the files of one project): compose warns once per variable. */
  warned?: Set<string>;
  /**
   * `--no-interpolate`: strings are kept as written (`${VAR}`, `$$` and all), as `docker compose
   * config --no-interpolate` keeps them; the path of each one holding a variable is added here.
   */
  kept?: Set<string>;
}

/** Does the text refer to a variable (`$VAR`, `${VAR…}`), beyond `$$` escapes? */
function holdsVariable(text: string): boolean {
  return /\$[{A-Za-z_]/.test(text.replace(/\$\$/g, ''));
}

/**
 * Interpolates every string value of a parsed file (keys are left alone, as compose does), then
 * casts by path. Unset variables warn once per place; `:?` failures and bad syntax are errors.
 */
export function interpolateTree(value: unknown, ctx: TreeInterpolation): unknown {
  const walk = (v: unknown, t: PathTrie<Cast> | undefined, path: string): unknown => {
    if (typeof v === 'string') {
      const to = t?.value;
      const typed = (text: string): unknown => {
        if (!to) return text;
        const out = cast(text, to);
        if (out !== undefined) return out;
        // Ranges and sizes are strings compose keeps (published "8000-8001"); only report the rest.
        if (to === 'int' && /^[0-9]+-[0-9]+$/.test(text.trim())) return text;
        ctx.diags.error('invalid-value', `"${text}" is not ${CAST_NAMES[to]}`, { path, pos: ctx.sourceMap.get(path) });
        return text;
      };
      if (!v.includes('$')) return typed(v);
      if (ctx.kept) {
        if (holdsVariable(v)) ctx.kept.add(path);
        return typed(v);
      }
      try {
        const out = interpolateString(v, { lookup: ctx.lookup, onUnset: (name) => unsetAt(name, path) });
        return typed(out);
      } catch (e) {
        if (!(e instanceof InterpolationError)) throw e;
        ctx.diags.error('interpolation', e.message, { path, pos: ctx.sourceMap.get(path) });
        return v;
      }
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, stepTrie(t, undefined), joinPath(path, i)));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      // Keys are not interpolated (as in compose); x- extensions are free-form but interpolated too.
      for (const [k, item] of Object.entries(v)) out[k] = walk(item, stepTrie(t, k), joinPath(path, k));
      return out;
    }
    return v;
  };
  // One warning per unset variable, at its first use, saying how often it is used.
  const unset = new Map<string, { path: string; uses: number }>();
  const unsetAt = (name: string, path: string) => {
    const seen = unset.get(name);
    if (seen) seen.uses++;
    else unset.set(name, { path, uses: 1 });
  };
  const out = walk(value, CAST_TRIE, '');
  for (const [name, { path, uses }] of unset) {
    if (ctx.warned?.has(name)) continue;
    ctx.warned?.add(name);
    ctx.diags.warn('unset-variable', `the "${name}" variable is not set, defaulting to a blank string${uses > 1 ? ` (used ${uses} times in this file)` : ''}`, {
      path,
      pos: ctx.sourceMap.get(path),
      hint: `set ${name} in the environment or in .env, or give a default: \${${name}:-value}`,
      item: name,
    });
  }
  return out;
}

const KEPT_HINT = '--no-interpolate keeps this value as written, ${VAR} and all, and it is not valid here as text';

/**
 * `--no-interpolate`: a value that keeps a `${VAR}` and then fails a check (a port, a number, a
 * size, a label) says so, at its own line: the placeholder, not the user's value, is what failed.
 * Runs after each stage; a diagnostic already explained is left alone.
 */
export function explainKeptVariables(diags: Diagnostics, kept: ReadonlySet<string>): void {
  if (kept.size === 0) return;
  const under = (path: string, root: string) => path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`);
  diags.list.forEach((d, i) => {
    if (!d.path || d.hint?.startsWith(KEPT_HINT)) return;
    const root = [...kept].find((k) => under(d.path!, k));
    if (root === undefined) return;
    diags.list[i] = { ...d, hint: `${KEPT_HINT}: write the value itself there, or convert without --no-interpolate${d.hint ? `; ${d.hint}` : ''}` };
  });
}
