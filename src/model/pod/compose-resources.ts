// cpus, mem_limit, mem_reservation, cpu_shares, cpu_quota/cpu_period and deploy.resources → container
// resources, exactly (see model/base/compose-sizes.ts). deploy.resources wins over the service-level keys, as in
// docker compose; a GPU reservation with a count becomes an nvidia.com/gpu limit.

import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import type { ResourceRequirements } from '../base/plan';
import { bytesToQuantity, cpuQuantity, parseBytes, parseCpus } from '../base/compose-sizes';
import { isRecord } from '../../common/records';

interface Wanted {
  cpu?: { cores: number; path: string };
  memory?: { bytes: number; path: string };
}

export function resourcesOf(service: ComposeService, ctx: PlanContext): ResourceRequirements | undefined {
  const at = (...keys: (string | number)[]) => ctx.servicePath(service, ...keys);
  const cores = (value: unknown, path: string) => {
    if (value === undefined || value === null) return undefined;
    const n = parseCpus(value);
    if (n === undefined) ctx.diags.error('invalid-value', `${JSON.stringify(value)} is not a number of CPUs`, { ...ctx.at(path), hint: 'e.g. cpus: "0.5"' });
    return n === undefined ? undefined : { cores: n, path };
  };
  const bytes = (value: unknown, path: string) => {
    if (value === undefined || value === null) return undefined;
    const n = parseBytes(value);
    if (n === undefined) ctx.diags.error('invalid-value', `${JSON.stringify(value)} is not a size`, { ...ctx.at(path), hint: 'e.g. "512m" (MiB), "1.5g" (GiB), or a number of bytes' });
    return n === undefined ? undefined : { bytes: n, path };
  };

  // Service-level keys (the docker run flags).
  const limits: Wanted = { cpu: cores(service.cpus, at('cpus')) ?? quotaCores(service, ctx), memory: bytes(service.mem_limit, at('mem_limit')) };
  const requests: Wanted = { memory: bytes(service.mem_reservation, at('mem_reservation')), cpu: sharesCores(service, ctx) };

  // deploy.resources, which wins.
  const res = isRecord(service.deploy?.resources) ? service.deploy.resources : {};
  const l = isRecord(res.limits) ? res.limits : {};
  const r = isRecord(res.reservations) ? res.reservations : {};
  const prefer = (mine: Wanted, key: keyof Wanted, theirs: Wanted[keyof Wanted]) => {
    if (!theirs) return;
    const old = mine[key];
    const same = old && JSON.stringify({ ...old, path: '' }) === JSON.stringify({ ...theirs, path: '' });
    if (old && !same) {
      ctx.diags.note('resource-conflict', `${theirs.path.split('.').slice(2).join('.')} overrides ${old.path.split('.').slice(2).join('.')}, as in docker compose`, ctx.at(old.path));
    }
    (mine as Record<string, unknown>)[key] = theirs;
  };
  prefer(limits, 'cpu', cores(l.cpus, at('deploy', 'resources', 'limits', 'cpus')));
  prefer(limits, 'memory', bytes(l.memory, at('deploy', 'resources', 'limits', 'memory')));
  prefer(requests, 'cpu', cores(r.cpus, at('deploy', 'resources', 'reservations', 'cpus')));
  prefer(requests, 'memory', bytes(r.memory, at('deploy', 'resources', 'reservations', 'memory')));

  // A request above its limit is rejected by the API server; compose accepts it.
  for (const key of ['cpu', 'memory'] as const) {
    const req = requests[key];
    const lim = limits[key];
    if (req && lim && amount(req) > amount(lim)) {
      ctx.diags.warn('request-above-limit', `the ${key} reservation is above the ${key} limit, which Kubernetes rejects; the reservation is left out`, ctx.at(req.path));
      delete requests[key];
    }
  }

  const gpus = gpuCount(service, ctx, r);
  const out = { requests: quantities(requests, ctx), limits: { ...quantities(limits, ctx), ...(gpus ? { 'nvidia.com/gpu': String(gpus) } : {}) } };
  const has = (o: Record<string, string>) => Object.keys(o).length > 0;
  if (!has(out.requests) && !has(out.limits)) return undefined;
  return { ...(has(out.requests) ? { requests: out.requests } : {}), ...(has(out.limits) ? { limits: out.limits } : {}) };
}

const amount = (w: NonNullable<Wanted['cpu']> | NonNullable<Wanted['memory']>) => ('cores' in w ? w.cores : w.bytes);

function quantities(w: Wanted, ctx: PlanContext): Record<string, string> {
  const out: Record<string, string> = {};
  if (w.cpu) {
    const q = cpuQuantity(w.cpu.cores);
    if (!q.exact) ctx.diags.note('cpu-rounded', `${w.cpu.cores} CPUs is below Kubernetes' precision of 1 millicore; using ${q.quantity}`, ctx.at(w.cpu.path));
    if (w.cpu.cores > 0) out.cpu = q.quantity;
  }
  if (w.memory && w.memory.bytes > 0) out.memory = bytesToQuantity(w.memory.bytes);
  return out;
}

/** cpu_shares are relative weights, 1024 per core: they become a request of shares/1024 cores. */
function sharesCores(service: ComposeService, ctx: PlanContext): Wanted['cpu'] {
  const shares = service.cpu_shares;
  if (shares === undefined || shares === null) return undefined;
  const path = ctx.servicePath(service, 'cpu_shares');
  if (typeof shares !== 'number' || !Number.isInteger(shares) || shares < 0) {
    ctx.diags.error('invalid-value', `cpu_shares must be a whole number, got ${JSON.stringify(shares)}`, ctx.at(path));
    return undefined;
  }
  return { cores: shares / 1024, path };
}

/** cpu_quota / cpu_period (µs, period default 100ms) is the CFS form of `cpus`. */
function quotaCores(service: ComposeService, ctx: PlanContext): Wanted['cpu'] {
  const quota = Number(service.cpu_quota);
  if (service.cpu_quota === undefined || !(quota > 0)) return undefined;
  const period = service.cpu_period === undefined ? 100_000 : Number(service.cpu_period);
  if (!(period > 0)) return undefined;
  return { cores: quota / period, path: ctx.servicePath(service, 'cpu_quota') };
}

/** gpus, deploy.resources.reservations.devices / generic_resources asking for GPUs → a count, if one is given. */
function gpuCount(service: ComposeService, ctx: PlanContext, reservations: Record<string, unknown>): number | undefined {
  let total = 0;
  const base = ['deploy', 'resources', 'reservations'];
  // `gpus:` (service level) is the same request with the gpu capability implied; `gpus: all` has no count.
  const gpus = service.gpus === 'all' ? [{ count: 'all' }] : Array.isArray(service.gpus) ? service.gpus : [];
  const requests = [
    ...gpus.map((d, i) => ({ d: isRecord(d) ? { capabilities: ['gpu'], ...d } : {}, path: ctx.servicePath(service, 'gpus', ...(service.gpus === 'all' ? [] : [i])) })),
    ...(Array.isArray(reservations.devices) ? reservations.devices : []).map((d, i) => ({ d, path: ctx.servicePath(service, ...base, 'devices', i) })),
  ];
  requests.forEach(({ d, path }) => {
    const dev = isRecord(d) ? d : {};
    const caps = Array.isArray(dev.capabilities) ? dev.capabilities.map(String) : [];
    const driver = dev.driver === undefined ? undefined : String(dev.driver);
    if (!caps.includes('gpu') || (driver !== undefined && driver !== 'nvidia')) {
      ctx.diags.warn('unsupported-device', `device reservation (capabilities ${JSON.stringify(caps)}${driver ? `, driver ${driver}` : ''}) is not converted: only NVIDIA GPUs map to a Kubernetes extended resource (nvidia.com/gpu)`, { ...ctx.at(path), hint: 'request the device plugin\'s resource with x-k8s or by editing the output' });
      return;
    }
    const count = Number(dev.count);
    if (dev.device_ids !== undefined || !Number.isInteger(count) || count < 1) {
      ctx.diags.warn('gpu-count', `GPU reservation is not converted: Kubernetes needs a number of GPUs (nvidia.com/gpu), not ${dev.device_ids !== undefined ? 'device_ids' : `count: ${JSON.stringify(dev.count ?? 'all')}`}`, { ...ctx.at(path), hint: 'give count: N' });
      return;
    }
    total += count;
  });
  const generic = Array.isArray(reservations.generic_resources) ? reservations.generic_resources : [];
  generic.forEach((g, i) => {
    const spec = isRecord(g) && isRecord(g.discrete_resource_spec) ? g.discrete_resource_spec : undefined;
    const count = Number(spec?.value);
    if (spec && /gpu/i.test(String(spec.kind)) && Number.isInteger(count) && count > 0) total += count;
    else ctx.diags.warn('unsupported-device', 'generic resource is not converted: only discrete GPU counts map to nvidia.com/gpu', ctx.at(ctx.servicePath(service, ...base, 'generic_resources', i)));
  });
  return total > 0 ? total : undefined;
}
