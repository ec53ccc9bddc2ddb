// What `key: ""` means, by compose path. An empty string is what `${VAR}` or `${VAR:-}` gives when
// VAR is unset (`platform: ${DOCKER_PLATFORM:-}`), and compose's schema accepts it for most string
// keys. compose-go decodes the model into Go types, and that decides what "" means:
//   unset    a string field: "" is Go's zero value, the same as leaving the key out (docker compose
//            config omits it, the engine gets no value); also list items compose drops (OmitEmpty).
//   refused  a duration, byte size or CPU count field: DecodeMapstructure cannot parse "" and the
//            load fails; or a value the engine refuses when it creates the container.
// Keys not listed keep "" as a value: `environment: {A: ""}` is an empty variable, labels and
// annotations may be empty, `command: ""` and `entrypoint: ""` override the image's with nothing.
// Numbers and booleans are refused by the casts (interpolate-tree.ts CASTS) before this runs.
// Applied to the merged tree, so an override file can empty a value the base file set.

import type { Diagnostics } from '../common/diagnostics';
import { isMapNode, isSeqNode, type Node } from './node';
import { type PathTrie, pathTrie, stepTrie } from './path-trie';
import { joinPath } from '../common/source-map';

interface Refusal {
  readonly code: 'invalid-value' | 'invalid-duration';
  readonly message: string;
  readonly hint: string;
}

const fromVariable = (example: string) => `"" is what \${VAR} or \${VAR:-} gives when VAR is unset: set it, give a default such as \${VAR:-${example}}, or remove the key`;

/** compose-go types.Duration: str2duration.ParseDuration("") fails. */
const DURATION: Refusal = { code: 'invalid-duration', message: 'an empty string is not a duration', hint: fromVariable('30s') };
/** compose-go types.UnitBytes: units.RAMInBytes("") fails. */
const SIZE: Refusal = { code: 'invalid-value', message: 'an empty string is not a byte size', hint: fromVariable('512m') };
/** compose-go types.NanoCPUs and DeviceCount: strconv.ParseFloat / ParseInt("") fail. */
const NUMBER: Refusal = { code: 'invalid-value', message: 'an empty string is not a number', hint: fromVariable('1') };
/** Paths resolve against the project directory, so "" names the directory, which is not a file. */
const FILE: Refusal = { code: 'invalid-value', message: 'an empty file path (it would name the project directory, not a file)', hint: fromVariable('app.env') };
/** Accepted by compose's loader; the engine refuses it when it creates the container. */
const atCreate = (what: string, example: string): Refusal => ({
  code: 'invalid-value',
  message: `an empty ${what}: docker refuses it when it creates the container`,
  hint: fromVariable(example),
});

type Meaning = 'unset' | Refusal;

/** `*` matches any mapping key or sequence index (path-trie.ts). */
export const EMPTY_STRINGS: ReadonlyArray<readonly [pattern: string, meaning: Meaning]> = [
  // Plain strings of compose-go's ServiceConfig: "" is no value. An `image: ""` without `build` is
  // then "neither an image nor a build section", as compose-go's checkConsistency says.
  ...[
    'image', 'platform', 'user', 'working_dir', 'hostname', 'domainname', 'restart', 'network_mode',
    'ipc', 'pid', 'uts', 'userns_mode', 'cgroup_parent', 'cpuset', 'isolation', 'mac_address',
    'runtime', 'stop_signal', 'pull_refresh_after', 'logging.driver', 'build.dockerfile',
    'deploy.mode', 'deploy.endpoint_mode', 'deploy.restart_policy.condition',
    'deploy.update_config.failure_action', 'deploy.rollback_config.failure_action',
    'deploy.resources.reservations.devices.*.driver',
    'networks.*.ipv4_address', 'networks.*.ipv6_address', 'networks.*.mac_address', 'networks.*.interface_name',
    'ports.*.published', 'ports.*.host_ip', 'ports.*.name', 'ports.*.protocol', 'ports.*.mode', 'ports.*.app_protocol',
    'volumes.*.bind.propagation', 'volumes.*.bind.selinux', 'volumes.*.volume.subpath',
    'secrets.*.target', 'secrets.*.uid', 'secrets.*.gid', 'configs.*.target', 'configs.*.uid', 'configs.*.gid',
    'env_file.*.format', 'pre_start.*.user', 'pre_start.*.working_dir',
    'post_start.*.user', 'post_start.*.working_dir', 'pre_stop.*.user', 'pre_stop.*.working_dir',
  ].map((key) => [`services.*.${key}`, 'unset'] as const),
  // List items that name nothing. dns: compose-go OmitEmpty ("services.*.dns"). dns_search,
  // dns_opt: the engine writes no resolv.conf entry for them (and Kubernetes refuses an empty one).
  // expose: the engine parses "" as no port (nat.ParsePort). Aliases, link-local IPs and swarm
  // placement entries: an empty one selects nothing.
  ...['dns.*', 'dns_search.*', 'dns_opt.*', 'expose.*', 'networks.*.aliases.*', 'networks.*.link_local_ips.*', 'deploy.placement.constraints.*', 'deploy.placement.preferences.*.spread'].map(
    (key) => [`services.*.${key}`, 'unset'] as const,
  ),
  ...['volumes.*.driver', 'volumes.*.name', 'networks.*.driver', 'networks.*.name', 'networks.*.ipam.driver'].map((key) => [key, 'unset'] as const),

  ...['stop_grace_period', 'healthcheck.interval', 'healthcheck.timeout', 'healthcheck.start_period', 'healthcheck.start_interval', 'deploy.update_config.delay', 'deploy.update_config.monitor', 'deploy.rollback_config.delay', 'deploy.rollback_config.monitor', 'deploy.restart_policy.delay', 'deploy.restart_policy.window'].map(
    (key) => [`services.*.${key}`, DURATION] as const,
  ),
  ...['mem_limit', 'mem_reservation', 'memswap_limit', 'shm_size', 'build.shm_size', 'deploy.resources.limits.memory', 'deploy.resources.reservations.memory', 'volumes.*.tmpfs.size', 'blkio_config.*.*.rate'].map(
    (key) => [`services.*.${key}`, SIZE] as const,
  ),
  ...['deploy.resources.limits.cpus', 'deploy.resources.reservations.cpus', 'deploy.resources.reservations.devices.*.count', 'gpus.*.count'].map((key) => [`services.*.${key}`, NUMBER] as const),
  ...['env_file.*', 'env_file.*.path', 'label_file.*'].map((key) => [`services.*.${key}`, FILE] as const),
  // moby: ValidateTmpfsMountDestination ("destination can't be empty"); NormalizeLegacyCapabilities
  // ("unknown capability: CAP_").
  ['services.*.tmpfs.*', atCreate('tmpfs path', '/tmp')],
  ['services.*.cap_add.*', atCreate('capability', 'NET_ADMIN')],
  ['services.*.cap_drop.*', atCreate('capability', 'NET_ADMIN')],
];

const TRIE = pathTrie<Meaning>(EMPTY_STRINGS);

const isEmptyString = (n: Node | undefined): boolean => n?.kind === 'scalar' && n.value === '';

/** Drops the empty strings that mean "unset" and reports the refused ones, in a merged tree, in place. */
export function applyEmptyStrings(root: Node, diags: Diagnostics): void {
  /** True when the node is an empty string with a meaning here: reported if refused, to be dropped if unset. */
  const handled = (node: Node, meaning: Meaning | undefined, path: string): boolean => {
    if (!meaning || !isEmptyString(node)) return false;
    if (meaning !== 'unset') diags.error(meaning.code, meaning.message, { path, pos: node.pos, hint: meaning.hint });
    return true;
  };
  const walk = (node: Node, t: PathTrie<Meaning>, path: string): void => {
    if (isMapNode(node)) {
      for (const [key, child] of node.entries) {
        const next = stepTrie(t, key);
        if (!next) continue;
        const at = joinPath(path, key);
        if (!handled(child, next.value, at)) walk(child, next, at);
        else if (next.value === 'unset') node.entries.delete(key);
      }
    } else if (isSeqNode(node)) {
      const next = stepTrie(t, undefined);
      if (!next) return;
      node.items = node.items.filter((item, i) => {
        const at = joinPath(path, i);
        if (handled(item, next.value, at)) return next.value !== 'unset';
        walk(item, next, at);
        return true;
      });
    }
  };
  walk(root, TRIE, '');
}
