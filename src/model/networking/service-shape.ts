// The kind of each Service: ClusterIP unless asked otherwise. Headless for deploy.endpoint_mode
// dnsrr and for a StatefulSet (its governing Service); NodePort / LoadBalancer / headless from
// kompose.service.type or x-k8s.service (read by workload-settings.ts). Runs after planServices,
// over its plans.

import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { LIMITS } from '../base/kube-rules';
import { toDns1035Label } from '../base/names';
import type { Labels, ServicePlan, WorkloadPlan } from '../base/plan';
import type { ResolvedSettings, SettingsByService } from '../settings/workload-settings';

export interface ServiceShape {
  readonly type?: ServicePlan['type'];
  readonly headless?: boolean;
  readonly nodePort?: number;
  readonly annotations?: Labels;
  /** The compose path that asked, for messages. */
  readonly from: string;
}

/** The Service shape a service's settings ask for, if any. */
function shapeOf(r: ResolvedSettings): ServiceShape | undefined {
  const svc = r.settings.service;
  if (!svc) return undefined;
  return {
    ...(svc.type === 'Headless' ? { headless: true } : svc.type ? { type: svc.type } : {}),
    ...(svc.nodePort !== undefined ? { nodePort: svc.nodePort } : {}),
    ...(svc.annotations ? { annotations: svc.annotations } : {}),
    from: r.from.service ?? '',
  };
}

/** Service shapes asked for by x-k8s.service or kompose.service.type / nodeport.port, by compose service. */
export function serviceShapes(settings: SettingsByService): Map<string, ServiceShape> {
  const shapes = new Map<string, ServiceShape>();
  for (const [name, resolved] of settings) {
    const shape = shapeOf(resolved);
    if (shape) shapes.set(name, shape);
  }
  return shapes;
}

/**
 * Applies shapes to the main Service of each compose service (the first plan selecting its pods;
 * link aliases follow). A StatefulSet gets its governing Service: its own, made headless, or, when
 * that must stay NodePort/LoadBalancer, an extra `<name>-headless`.
 */
export function shapeServices(
  ctx: PlanContext,
  plans: readonly ServicePlan[],
  workloads: readonly WorkloadPlan[],
  shapes: ReadonlyMap<string, ServiceShape>,
): { services: ServicePlan[]; workloads: WorkloadPlan[] } {
  const services = [...plans];
  const mainIndex = (service: string) => services.findIndex((p) => p.service === service);
  for (const [name, shape] of shapes) {
    const i = mainIndex(name);
    if (i < 0 && shape.headless) {
      // A headless Service needs no port: it gives the pods DNS names (Kompose allows this too).
      const service = ctx.project.services[name];
      const k8sName = ctx.names.claim('Service', toDns1035Label(name), `service "${name}"`, ctx.at(ctx.servicePath(service)));
      services.push({ metadata: { name: k8sName, labels: ctx.objectLabels(name), ...(shape.annotations ? { annotations: shape.annotations } : {}) }, service: name, type: 'ClusterIP', headless: true, selector: ctx.selectorLabels(name), ports: [] });
      continue;
    }
    if (i < 0) {
      ctx.diags.warn('service-type-ignored', `"${name}" has no ports, so it gets no Service and the service type asked for at ${shape.from} is not used`, {
        ...ctx.at(shape.from),
        hint: `add its ports under services.${name}.ports or expose`,
      });
      continue;
    }
    services[i] = applyShape(ctx, services[i], shape);
  }
  for (const service of Object.values(ctx.project.services)) {
    if (endpointMode(service) === 'dnsrr') {
      const i = mainIndex(service.name);
      if (i >= 0 && services[i].type === 'ClusterIP') services[i] = { ...services[i], headless: true };
    }
  }
  const outWorkloads = workloads.map((w) => {
    if (w.kind !== 'StatefulSet') return w;
    const i = mainIndex(w.service);
    if (i >= 0 && services[i].type === 'ClusterIP') {
      services[i] = { ...services[i], headless: true };
      return { ...w, serviceName: services[i].metadata.name };
    }
    // No Service (no ports), or one that must keep its type: a headless one of its own.
    const service = ctx.project.services[w.service];
    const wanted = i < 0 ? toDns1035Label(w.service) : toDns1035Label(`${w.service}-headless`);
    const name = ctx.names.claim('Service', wanted, `the governing Service of StatefulSet "${w.metadata.name}"`, ctx.at(ctx.servicePath(service)));
    services.push({ metadata: { name, labels: ctx.objectLabels(w.service) }, type: 'ClusterIP', headless: true, selector: w.selector, ports: i < 0 ? [] : services[i].ports.map(({ nodePort: _n, ...p }) => p) });
    return { ...w, serviceName: name };
  });
  return { services, workloads: outWorkloads };
}

function applyShape(ctx: PlanContext, plan: ServicePlan, shape: ServiceShape): ServicePlan {
  const metadata = shape.annotations ? { ...plan.metadata, annotations: { ...plan.metadata.annotations, ...shape.annotations } } : plan.metadata;
  if (shape.headless) return { ...plan, metadata, type: 'ClusterIP', headless: true };
  const type = shape.type ?? plan.type;
  let ports = plan.ports;
  const [low, high] = LIMITS.nodePorts;
  if (shape.nodePort !== undefined) {
    if (shape.nodePort < low || shape.nodePort > high) {
      ctx.diags.warn('node-port-range', `node port ${shape.nodePort} is outside ${low}-${high}, the range API servers allocate from unless configured otherwise; it is left out, and the Service gets a free one`, {
        ...ctx.at(shape.from),
        hint: `choose a port from ${low} to ${high}`,
      });
    } else if (type !== 'NodePort' && type !== 'LoadBalancer') {
      ctx.diags.warn('node-port-ignored', `a node port is set at ${shape.from}, but the Service "${plan.metadata.name}" is of type ${type}; it is not used`, { ...ctx.at(shape.from), hint: 'ask for type NodePort as well' });
    } else {
      if (ports.length > 1) {
        ctx.diags.warn('node-port-first', `Service "${plan.metadata.name}" has ${ports.length} ports; node port ${shape.nodePort} is given to the first (${ports[0].port})`, ctx.at(shape.from));
      }
      ports = ports.map((p, k) => (k === 0 ? { ...p, nodePort: shape.nodePort } : p));
    }
  }
  return { ...plan, metadata, type, ports };
}

export function endpointMode(service: ComposeService): 'vip' | 'dnsrr' | undefined {
  const mode = service.deploy?.endpoint_mode;
  return mode === 'vip' || mode === 'dnsrr' ? mode : undefined;
}
