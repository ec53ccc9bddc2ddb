// services.<name>.networks.<net>.aliases: other containers reach the service by these names too.
// Each alias that is a valid Service name gets a Service of its own selecting the service's pods,
// as a link alias does. Per-network addresses (ipv4_address, mac_address…) are reported.

import type { PlanContext } from '../base/context';
import { toDns1035Label } from '../base/names';
import { ownServiceOf } from './networking';
import type { ServicePlan } from '../base/plan';

const ADDRESS_KEYS = ['ipv4_address', 'ipv6_address', 'link_local_ips', 'mac_address', 'driver_opts', 'gw_priority', 'priority', 'interface_name'];

export function networkAliasServices(ctx: PlanContext, services: readonly ServicePlan[]): ServicePlan[] {
  const out: ServicePlan[] = [];
  for (const name of Object.keys(ctx.project.services).sort()) {
    const service = ctx.project.services[name];
    for (const [network, options] of Object.entries(service.networks ?? {})) {
      if (!options || typeof options !== 'object') continue;
      const at = (key: string) => ctx.at(ctx.servicePath(service, 'networks', network, key));
      for (const key of ADDRESS_KEYS.filter((k) => k in options)) {
        ctx.diags.warn('network-address', `networks.${network}.${key} is not converted: pods get their addresses from the cluster network`, at(key));
      }
      const aliases = Array.isArray(options.aliases) ? options.aliases.map(String) : [];
      const main = ownServiceOf(services, name);
      aliases.forEach((alias, i) => {
        const path = ctx.servicePath(service, 'networks', network, 'aliases', i);
        if (alias === name) return;
        if (!main || main.ports.length === 0) {
          ctx.diags.warn('network-alias', `alias "${alias}" of "${name}" gets no Service: "${name}" has no ports`, { ...ctx.at(path), hint: `add its ports under services.${name}.expose` });
          return;
        }
        const k8sName = toDns1035Label(alias);
        if (k8sName !== alias) {
          ctx.diags.warn('network-alias', `alias "${alias}" of "${name}" is not a valid Service name, so it is not resolvable in Kubernetes`, {
            ...ctx.at(path),
            hint: `use a name of lowercase letters, digits and "-" (such as "${k8sName}"), or point clients at "${main.metadata.name}"`,
          });
          return;
        }
        if (ctx.names.isTaken('Service', k8sName)) {
          const existing = [...services, ...out].find((s) => s.metadata.name === k8sName);
          if (existing?.selector['app.kubernetes.io/name'] === main.selector['app.kubernetes.io/name']) return;
          ctx.diags.warn('network-alias', `alias "${alias}" of "${name}" is already the name of another Service; it is not made`, { ...ctx.at(path), hint: 'choose an alias no service uses' });
          return;
        }
        ctx.names.claim('Service', k8sName, `network alias "${alias}"`, ctx.at(path));
        out.push({ metadata: { name: k8sName, labels: ctx.objectLabels(name) }, type: 'ClusterIP', selector: main.selector, ports: main.ports.map(({ nodePort: _n, ...p }) => p) });
      });
    }
  }
  return out;
}
