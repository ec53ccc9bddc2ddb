// NetworkPolicy and Ingress plans → networking.k8s.io/v1 constructs.

import type { Construct } from 'constructs';
import type { AppPlan } from '../model/base/plan';
import { k8s } from './k8s';
import { KubeIngress, KubeNetworkPolicy } from './objects';
import { objectMeta } from './pod';

export function buildNetwork(scope: Construct, plan: AppPlan): void {
  const ns = plan.namespace;
  for (const p of plan.networkPolicies ?? []) {
    const selector = (names: readonly string[]): k8s.LabelSelector => ({
      matchLabels: { 'app.kubernetes.io/part-of': p.partOf },
      matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: [...names] }],
    });
    new KubeNetworkPolicy(scope, `networkpolicy-${p.metadata.name}`, {
      metadata: objectMeta(p.metadata, ns),
      spec: {
        podSelector: selector(p.services),
        // An egress-only policy (ingress: []) must not declare Ingress, or it would deny all ingress.
        policyTypes: p.egress && p.ingress.length === 0 ? ['Egress'] : p.egress ? ['Ingress', 'Egress'] : ['Ingress'],
        ...(p.egress && p.ingress.length === 0
          ? {}
          : {
              ingress: p.ingress.map((rule) =>
                'fromServices' in rule
                  ? { from: [{ podSelector: selector(rule.fromServices) }] }
                  : { ports: rule.ports.map((port) => ({ port: k8s.IntOrString.fromNumber(port.port), protocol: port.protocol })) },
              ),
            }),
        ...(p.egress
          ? {
              egress: [
                { to: [{ podSelector: selector(p.egress.toServices) }] },
                // The cluster DNS, so that Service names still resolve.
                {
                  to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
                  ports: [
                    { port: k8s.IntOrString.fromNumber(53), protocol: 'UDP' },
                    { port: k8s.IntOrString.fromNumber(53), protocol: 'TCP' },
                  ],
                },
              ],
            }
          : {}),
      },
    });
  }
  for (const i of plan.ingresses ?? []) {
    new KubeIngress(scope, `ingress-${i.metadata.name}`, {
      metadata: objectMeta(i.metadata, ns),
      spec: {
        ...(i.ingressClassName ? { ingressClassName: i.ingressClassName } : {}),
        rules: i.rules.map((r) => ({
          ...(r.host ? { host: r.host } : {}),
          http: { paths: [{ path: r.path, pathType: 'Prefix', backend: { service: { name: r.serviceName, port: { number: r.servicePort } } } }] },
        })),
        ...(i.tls ? { tls: [{ ...(i.tls.hosts.length ? { hosts: [...i.tls.hosts] } : {}), secretName: i.tls.secretName }] } : {}),
      },
    });
  }
}
