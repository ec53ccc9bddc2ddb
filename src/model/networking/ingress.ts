// kompose.service.expose / x-k8s.expose → a networking.k8s.io/v1 Ingress to the service's Service,
// on its first port (as Kompose does). An ingress controller must already run in the cluster.

import type { PlanContext } from '../base/context';
import { ownServiceOf } from './networking';
import type { IngressPlan, ServicePlan } from '../base/plan';
import type { SettingsByService } from '../settings/workload-settings';

export function planIngresses(ctx: PlanContext, services: readonly ServicePlan[], settings: SettingsByService): IngressPlan[] {
  const plans: IngressPlan[] = [];
  for (const name of Object.keys(ctx.project.services).sort()) {
    const service = ctx.project.services[name];
    const resolved = settings.get(name)!;
    const expose = resolved.settings.expose;
    if (!expose) continue;
    const from = resolved.from.expose ?? ctx.servicePath(service);
    const target = ownServiceOf(services, name);
    if (!target || target.ports.length === 0) {
      ctx.diags.warn('expose-no-port', `"${name}" is to be exposed through an Ingress, but it has no Service port to route to; no Ingress is made`, {
        ...ctx.at(from),
        hint: `add the port it serves HTTP on under services.${name}.ports`,
      });
      continue;
    }
    const chosen = expose.port === undefined ? undefined : target.ports.find((p) => p.port === expose.port);
    if (expose.port !== undefined && !chosen) {
      ctx.diags.warn('expose-port', `the Service "${target.metadata.name}" has no port ${expose.port}; the Ingress routes to its first port, ${target.ports[0].port}`, { ...ctx.at(from), hint: `its ports: ${target.ports.map((p) => p.port).join(', ')}` });
    } else if (!chosen && target.ports.length > 1) {
      ctx.diags.warn('expose-first-port', `the Ingress of "${name}" routes to its first port, ${target.ports[0].port}, of ${target.ports.length}`, { ...ctx.at(from), hint: 'choose one with x-k8s.expose.port' });
    }
    const port = chosen ?? target.ports[0];
    const ingressName = ctx.names.claim('Ingress', target.metadata.name, `service "${name}"`, ctx.at(from));
    const hosts = [...new Set(expose.rules.flatMap((r) => (r.host ? [r.host] : [])))];
    plans.push({
      metadata: { name: ingressName, labels: ctx.objectLabels(name), ...(expose.annotations ? { annotations: expose.annotations } : {}) },
      ...(expose.ingressClassName ? { ingressClassName: expose.ingressClassName } : {}),
      rules: expose.rules.map((r) => ({ ...(r.host ? { host: r.host } : {}), path: r.path, serviceName: target.metadata.name, servicePort: port.port })),
      ...(expose.tlsSecret ? { tls: { hosts, secretName: expose.tlsSecret } } : {}),
    });
    if (expose.tlsSecret && hosts.length === 0) {
      ctx.diags.warn('expose-tls-no-host', `the Ingress of "${name}" has a TLS secret but no host name; the certificate applies to every host`, { ...ctx.at(from), hint: 'name the host: kompose.service.expose: "app.example.com"' });
    }
  }
  return plans;
}
