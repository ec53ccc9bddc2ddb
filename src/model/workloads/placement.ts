// deploy.placement → scheduling. constraints → nodeSelector (==) and a required node affinity
// (!= → NotIn); Swarm's node attributes map to the well-known node labels, the ones Kubernetes has
// no label for (node.id, node.role, engine.labels) are reported. preferences `spread: node.labels.K`
// → a soft topology spread over K; max_replicas_per_node: 1 → a required pod anti-affinity per node
// (larger caps have no Kubernetes equivalent and are reported).

import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { labelValueProblem, qualifiedNameProblem } from '../base/kube-rules';
import type { Affinity, Labels, NodeSelectorRequirement, TopologySpreadConstraint } from '../base/plan';

/** Swarm node attribute → Kubernetes node label, and how to translate its values. */
const NODE_ATTRIBUTES: Readonly<Record<string, { label: string; value?: (v: string) => string }>> = {
  'node.hostname': { label: 'kubernetes.io/hostname' },
  'node.platform.os': { label: 'kubernetes.io/os', value: (v) => v.toLowerCase() },
  'node.platform.arch': { label: 'kubernetes.io/arch', value: (v) => ARCHES[v.toLowerCase()] ?? v.toLowerCase() },
};

/** `uname -m` names (what Swarm reports) → GOARCH names (what Kubernetes labels nodes with). */
const ARCHES: Readonly<Record<string, string>> = { x86_64: 'amd64', aarch64: 'arm64', armv7l: 'arm', i386: '386', i686: '386', ppc64le: 'ppc64le', s390x: 's390x' };


export interface Placement {
  readonly nodeSelector?: Labels;
  readonly affinity?: Affinity;
  readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
}

export function placementOf(service: ComposeService, ctx: PlanContext): Placement {
  const placement = service.deploy?.placement as { constraints?: unknown; preferences?: unknown; max_replicas_per_node?: unknown } | undefined;
  if (!placement) return {};
  const fromConstraints = constraintsOf(service, placement.constraints, ctx);
  const spread = spreadOf(service, placement.preferences, ctx);
  const cap = placement.max_replicas_per_node;
  const antiAffinity = cap === 1 || cap === '1';
  if (cap !== undefined && cap !== null && !antiAffinity) {
    ctx.diags.warn('placement-max-replicas', `max_replicas_per_node: ${JSON.stringify(cap)} is not converted: Kubernetes can cap pods per node at 1 (a pod anti-affinity), not at ${JSON.stringify(cap)}`, {
      ...ctx.at(ctx.servicePath(service, 'deploy', 'placement', 'max_replicas_per_node')),
      hint: 'a topologySpreadConstraint on kubernetes.io/hostname spreads the pods evenly instead',
    });
  }
  const affinity: Affinity | undefined =
    fromConstraints.affinity || antiAffinity
      ? {
          ...fromConstraints.affinity,
          ...(antiAffinity
            ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: ctx.selectorLabels(service.name) } }] } }
            : {}),
        }
      : undefined;
  return {
    ...(fromConstraints.nodeSelector ? { nodeSelector: fromConstraints.nodeSelector } : {}),
    ...(affinity ? { affinity } : {}),
    ...(spread.length ? { topologySpreadConstraints: spread } : {}),
  };
}

function spreadOf(service: ComposeService, preferences: unknown, ctx: PlanContext): TopologySpreadConstraint[] {
  if (!Array.isArray(preferences)) return [];
  const out: TopologySpreadConstraint[] = [];
  preferences.forEach((p, i) => {
    const spread = typeof p === 'object' && p !== null ? (p as { spread?: unknown }).spread : undefined;
    const label = typeof spread === 'string' && spread.startsWith('node.labels.') ? spread.slice('node.labels.'.length) : undefined;
    if (!label || qualifiedNameProblem(label)) {
      ctx.diags.warn('placement-preference', `placement preference ${JSON.stringify(p)} is not converted: only "spread: node.labels.KEY" has a Kubernetes equivalent`, ctx.at(ctx.servicePath(service, 'deploy', 'placement', 'preferences', i)));
      return;
    }
    out.push({ maxSkew: 1, topologyKey: label, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: ctx.selectorLabels(service.name) } });
  });
  return out;
}

function constraintsOf(service: ComposeService, constraints: unknown, ctx: PlanContext): Placement {
  if (!Array.isArray(constraints)) return {};
  const selector: Record<string, string> = {};
  const notIn: NodeSelectorRequirement[] = [];
  constraints.forEach((c, i) => {
    const path = ctx.servicePath(service, 'deploy', 'placement', 'constraints', i);
    const m = typeof c === 'string' ? /^\s*([^=!\s]+)\s*(==|!=)\s*(.*?)\s*$/.exec(c) : null;
    if (!m) {
      ctx.diags.warn('placement-constraint', `placement constraint ${JSON.stringify(c)} is not "ATTRIBUTE==VALUE" or "ATTRIBUTE!=VALUE"; it is not converted`, ctx.at(path));
      return;
    }
    const [, attribute, op, rawValue] = m;
    let label: string;
    let value = rawValue;
    if (attribute.startsWith('node.labels.')) {
      label = attribute.slice('node.labels.'.length);
    } else if (NODE_ATTRIBUTES[attribute]) {
      label = NODE_ATTRIBUTES[attribute].label;
      value = NODE_ATTRIBUTES[attribute].value?.(rawValue) ?? rawValue;
    } else {
      ctx.diags.warn('placement-constraint', `placement constraint "${c}" is not converted: Kubernetes nodes have no label for "${attribute}"`, {
        ...ctx.at(path),
        hint: attribute === 'node.role' ? 'label the nodes yourself (kubectl label node NAME role=manager) and constrain on node.labels.role' : 'label the nodes you mean and use node.labels.KEY==VALUE',
      });
      return;
    }
    if (qualifiedNameProblem(label) || labelValueProblem(value)) {
      ctx.diags.warn('placement-constraint', `placement constraint "${c}" is not converted: "${label}=${value}" is not a valid Kubernetes node label`, ctx.at(path));
      return;
    }
    if (op === '==') {
      if (selector[label] !== undefined && selector[label] !== value) {
        ctx.diags.warn('placement-constraint', `placement constraints ask for both ${label}=${selector[label]} and ${label}=${value}; no node can match`, ctx.at(path));
      }
      selector[label] = value;
    } else {
      notIn.push({ key: label, operator: 'NotIn', values: [value] });
    }
  });
  return {
    ...(Object.keys(selector).length ? { nodeSelector: selector } : {}),
    ...(notIn.length ? { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: notIn }] } } } } : {}),
  };
}
