// user, read_only, privileged, cap_add/cap_drop, security_opt → the container's securityContext;
// sysctls and group_add → the pod's. Nothing is set unless compose asks (no cdk8s-plus defaults).

import { isRecord } from '../../common/records';
import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { idProblem, sysctlNameProblem } from '../base/kube-rules';

type Context = Record<string, unknown>;

export interface SecurityContexts {
  readonly container?: Readonly<Context>;
  readonly pod?: Readonly<Context>;
}

/** Sysctls the kubelet allows without --allowed-unsafe-sysctls (Kubernetes 1.32). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

const ID = /^[0-9]+$/;
const SELINUX_FIELDS: Readonly<Record<string, string>> = { user: 'user', role: 'role', type: 'type', level: 'level' };

export function securityOf(service: ComposeService, ctx: PlanContext): SecurityContexts {
  const c: Context = {};
  const pod: Context = {};
  const at = (...keys: (string | number)[]) => ctx.at(ctx.servicePath(service, ...keys));

  if (service.user !== undefined && service.user !== null) {
    const ids = numericUser(String(service.user));
    if ('runAsUser' in ids) Object.assign(c, ids);
    else if (ids.outOfRange) ctx.diags.warn('user-id', `user "${service.user}" is not converted: runAsUser and runAsGroup ${ids.outOfRange}`, { ...at('user'), hint: 'use ids below 2^31, as Kubernetes 1.32 requires' });
    else {
      ctx.diags.warn('user-name', `user "${service.user}" is not converted: Kubernetes needs numeric ids (runAsUser/runAsGroup), and names are resolved inside the image`, {
        ...at('user'),
        hint: 'write the numeric uid[:gid], e.g. user: "1000:1000" (see `id` in the image)',
      });
    }
  }
  if (service.read_only === true) c.readOnlyRootFilesystem = true;
  if (service.privileged === true) c.privileged = true;
  const caps = (key: 'cap_add' | 'cap_drop') => ((service[key] as string[] | undefined) ?? []).map((s) => s.toUpperCase().replace(/^CAP_/, ''));
  const add = caps('cap_add');
  const drop = caps('cap_drop');
  if (add.length || drop.length) c.capabilities = { ...(add.length ? { add } : {}), ...(drop.length ? { drop } : {}) };

  ((service.security_opt as string[] | undefined) ?? []).forEach((opt, i) => securityOpt(opt, c, ctx, ctx.servicePath(service, 'security_opt', i)));
  if (c.allowPrivilegeEscalation === false && (c.privileged === true || add.includes('SYS_ADMIN') || add.includes('ALL'))) {
    ctx.diags.warn('no-new-privileges-conflict', 'no-new-privileges is left out: Kubernetes rejects allowPrivilegeEscalation: false together with privileged or CAP_SYS_ADMIN', at('security_opt'));
    delete c.allowPrivilegeEscalation;
  }

  let sysctls = sysctlsOf(service, ctx);
  if (service.network_mode === 'host' && sysctls.some((s) => s.name.startsWith('net.'))) {
    // The API server refuses net.* sysctls in a pod on the host's network: they would change the node's.
    ctx.diags.warn('host-network-sysctl', `net.* sysctls are left out: with network_mode: host they would set the node's own network stack, which Kubernetes refuses`, at('sysctls'));
    sysctls = sysctls.filter((s) => !s.name.startsWith('net.'));
  }
  if (sysctls.length) {
    pod.sysctls = sysctls;
    for (const s of sysctls) {
      if (SAFE_SYSCTLS.has(s.name)) continue;
      ctx.diags.warn('unsafe-sysctl', `sysctl ${s.name} is not in Kubernetes' safe set: the kubelet rejects the pod unless it runs with --allowed-unsafe-sysctls=${s.name}`, at('sysctls'));
    }
  }
  const groups: number[] = [];
  ((service.group_add as string[] | undefined) ?? []).forEach((g, i) => {
    const range = ID.test(g) ? idProblem(Number(g)) : undefined;
    if (range) ctx.diags.warn('group-id', `group ${g} is not converted: supplementalGroups ${range}`, at('group_add', i));
    else if (ID.test(g)) groups.push(Number(g));
    else ctx.diags.warn('group-name', `group "${g}" is not converted: supplementalGroups takes numeric gids`, { ...at('group_add', i), hint: 'write the numeric gid (see /etc/group in the image)' });
  });
  if (groups.length) pod.supplementalGroups = groups;

  return { ...(Object.keys(c).length ? { container: c } : {}), ...(Object.keys(pod).length ? { pod } : {}) };
}

/** `uid[:gid]` → runAsUser/runAsGroup; else whether it was out of IsValidUserID's range (or not numeric). */
export function numericUser(spec: string): { runAsUser: number; runAsGroup?: number } | { outOfRange?: string } {
  const m = /^([0-9]+)(?::([0-9]+))?$/.exec(spec);
  if (!m) return {};
  const outOfRange = [m[1], m[2]].map((id) => (id === undefined ? undefined : idProblem(Number(id)))).find(Boolean);
  if (outOfRange) return { outOfRange };
  return { runAsUser: Number(m[1]), ...(m[2] !== undefined ? { runAsGroup: Number(m[2]) } : {}) };
}

/** `no-new-privileges[:true]`, `seccomp=unconfined`, `label=type:x`, … (`:` and `=` both separate). */
function securityOpt(opt: string, c: Context, ctx: PlanContext, path: string): void {
  const sep = opt.search(/[:=]/);
  const key = (sep < 0 ? opt : opt.slice(0, sep)).trim();
  const value = sep < 0 ? '' : opt.slice(sep + 1).trim();
  const unsupported = (why: string, hint?: string) => ctx.diags.warn('unsupported-security-opt', `security_opt "${opt}" is not converted: ${why}`, { ...ctx.at(path), ...(hint ? { hint } : {}) });
  switch (key) {
    case 'no-new-privileges':
      if (value === '' || value === 'true') c.allowPrivilegeEscalation = false;
      return;
    case 'seccomp':
      if (value === 'unconfined') c.seccompProfile = { type: 'Unconfined' };
      else unsupported('a seccomp profile file must be installed on every node', `copy it to the kubelet's seccomp directory and set seccompProfile: { type: Localhost, localhostProfile: ${value.split('/').pop()} }`);
      return;
    case 'label': {
      const colon = value.indexOf(':');
      const field = SELINUX_FIELDS[colon < 0 ? '' : value.slice(0, colon)];
      if (field) c.seLinuxOptions = { ...(c.seLinuxOptions as Context | undefined), [field]: value.slice(colon + 1) };
      else unsupported('Kubernetes cannot turn SELinux labelling off for one container', 'set seLinuxOptions or run the pod with a permissive SELinux type');
      return;
    }
    case 'apparmor':
      if (!value) return unsupported('it names no AppArmor profile', 'apparmor=unconfined, apparmor=runtime/default or apparmor=PROFILE');
      // A named profile must be loaded on every node, as it must be on the docker host.
      c.appArmorProfile = value === 'unconfined' ? { type: 'Unconfined' } : value === 'runtime/default' || value === 'docker-default' ? { type: 'RuntimeDefault' } : { type: 'Localhost', localhostProfile: value };
      return;
    default:
      unsupported('it has no Kubernetes equivalent');
  }
}

/**
 * sysctls: `{ net.core.somaxconn: 1024 }` (a `["net.core.somaxconn=1024"]` list was made one by
 * merge-rules.ts SHAPES). A name that is not a sysctl (IsValidSysctlName) fails in docker too: an
 * error. A name listed twice keeps its last value, as docker's map does; Kubernetes refuses the
 * duplicate, so only the last is written.
 */
function sysctlsOf(service: ComposeService, ctx: PlanContext): { name: string; value: string }[] {
  const value = service.sysctls;
  const list = isRecord(value) ? Object.entries(value).map(([name, v]) => ({ name, value: String(v), path: ctx.servicePath(service, 'sysctls', name) })) : [];
  const byName = new Map<string, { name: string; value: string }>();
  for (const s of list) {
    const problem = sysctlNameProblem(s.name);
    if (problem) ctx.diags.error('invalid-value', `sysctl ${JSON.stringify(s.name)} is not a kernel parameter name: it ${problem}`, { ...ctx.at(s.path), hint: 'docker refuses it too; write it as sysctl(8) does, e.g. net.core.somaxconn' });
    else byName.set(s.name, { name: s.name, value: s.value });
  }
  return [...byName.values()];
}
