// What the API server would refuse in a set of manifests although kubectl's schema check accepts it:
// every value is checked with the rules of src/model/base/kube-rules.ts (one owner per rule, shared with
// the model), walked here over the objects compose2k8s emits. Used by k8s-invariants.ts.

import {
  annotationBytes,
  annotationKeyProblem,
  clientApplyAnnotationBytes,
  configMapKeyProblem,
  dataBytes,
  dns1035LabelProblem,
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  dnsSearchProblem,
  envVarNameProblem,
  idProblem,
  ingressHostProblem,
  ingressPathProblem,
  ipProblem,
  labelValueProblem,
  LIMITS,
  parseKubeQuantity,
  portNumberProblem,
  qualifiedNameProblem,
  subPathProblem,
  sysctlNameProblem,
} from '../src/model/base/kube-rules';

type Obj = Record<string, any>;
type Report = (where: string, problem: string | undefined) => void;

const INT32 = LIMITS.maxInt32;
const count = (v: unknown, min = 0) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= INT32;
const intOrPercent = (v: unknown) => count(v) || (typeof v === 'string' && /^[0-9]+%$/.test(v) && Number(v.slice(0, -1)) <= 100);

function metadata(meta: Obj | undefined, where: string, report: Report): void {
  for (const [k, v] of Object.entries(meta?.labels ?? {})) {
    report(`${where} label key ${k}`, qualifiedNameProblem(k));
    report(`${where} label ${k}=${v}`, labelValueProblem(String(v)));
  }
  for (const k of Object.keys(meta?.annotations ?? {})) report(`${where} annotation key ${k}`, annotationKeyProblem(k));
  const total = annotationBytes(meta?.annotations);
  report(`${where} annotations`, total > LIMITS.annotationBytes ? `${total} bytes, over ${LIMITS.annotationBytes}` : undefined);
}

function probe(p: Obj | undefined, where: string, liveOrStartup: boolean, report: Report): void {
  if (!p) return;
  if (p.exec) report(`${where}.exec`, p.exec.command?.length ? undefined : 'has no command');
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    if (p[f] !== undefined) report(`${where}.${f}`, count(p[f]) ? undefined : `${p[f]} is not a whole number from 0 to ${INT32}`);
  }
  if (liveOrStartup && p.successThreshold !== undefined) report(`${where}.successThreshold`, p.successThreshold === 1 ? undefined : 'must be 1');
}

function resources(r: Obj | undefined, where: string, report: Report): void {
  for (const side of ['requests', 'limits']) {
    for (const [k, v] of Object.entries<string>(r?.[side] ?? {})) {
      const n = parseKubeQuantity(String(v));
      report(`${where}.${side}.${k}`, n === undefined || n < 0 ? `"${v}" is not a non-negative quantity` : undefined);
      if (k.includes('/')) report(`${where}.${side}.${k}`, Number.isInteger(n) ? undefined : 'an extended resource must be a whole number');
    }
  }
  for (const [k, v] of Object.entries<string>(r?.requests ?? {})) {
    const limit = r?.limits?.[k];
    if (limit === undefined) continue;
    const [rq, lq] = [parseKubeQuantity(String(v)), parseKubeQuantity(String(limit))];
    report(`${where}.requests.${k}`, rq !== undefined && lq !== undefined && rq > lq ? `${v} is above the limit ${limit}` : undefined);
  }
}

function container(c: Obj, where: string, report: Report): void {
  report(`${where}.image`, c.image ? undefined : 'is empty');
  const portNames = new Set<string>();
  for (const p of c.ports ?? []) {
    report(`${where} containerPort`, portNumberProblem(p.containerPort));
    report(`${where} port protocol`, ['TCP', 'UDP', 'SCTP'].includes(p.protocol ?? 'TCP') ? undefined : `"${p.protocol}" is not TCP, UDP or SCTP`);
    if (p.name !== undefined) report(`${where} port name ${p.name}`, portNames.has(p.name) ? 'used twice' : undefined);
    portNames.add(p.name);
  }
  for (const e of c.env ?? []) report(`${where} env "${e.name}"`, envVarNameProblem(String(e.name)));
  for (const m of c.volumeMounts ?? []) if (m.subPath !== undefined) report(`${where} subPath ${m.subPath}`, subPathProblem(m.subPath));
  resources(c.resources, `${where}.resources`, report);
  probe(c.readinessProbe, `${where}.readinessProbe`, false, report);
  probe(c.livenessProbe, `${where}.livenessProbe`, true, report);
  probe(c.startupProbe, `${where}.startupProbe`, true, report);
  for (const h of ['postStart', 'preStop']) if (c.lifecycle?.[h]?.exec) report(`${where}.lifecycle.${h}`, c.lifecycle[h].exec.command?.length ? undefined : 'has no command');
  const sc = c.securityContext ?? {};
  for (const f of ['runAsUser', 'runAsGroup']) if (sc[f] !== undefined) report(`${where}.securityContext.${f}`, idProblem(sc[f]));
  const apparmor = sc.appArmorProfile;
  if (apparmor?.type === 'Localhost') report(`${where} appArmorProfile`, apparmor.localhostProfile?.trim() && apparmor.localhostProfile === apparmor.localhostProfile.trim() ? undefined : 'Localhost needs a profile name without surrounding spaces');
}

function dns(spec: Obj, where: string, report: Report): void {
  const cfg = spec.dnsConfig ?? {};
  if (spec.dnsPolicy === 'None') report(`${where}.dnsConfig.nameservers`, cfg.nameservers?.length ? undefined : 'dnsPolicy None needs at least one nameserver');
  report(`${where}.dnsConfig.nameservers`, (cfg.nameservers?.length ?? 0) > LIMITS.dnsNameservers ? `more than ${LIMITS.dnsNameservers}` : undefined);
  for (const ns of cfg.nameservers ?? []) report(`${where} nameserver "${ns}"`, ipProblem(ns));
  const searches: string[] = cfg.searches ?? [];
  report(`${where}.dnsConfig.searches`, searches.length > LIMITS.dnsSearchPaths || searches.join(' ').length > LIMITS.dnsSearchListChars ? 'too many or too long' : undefined);
  for (const s of searches) report(`${where} search "${s}"`, dnsSearchProblem(s));
  for (const o of cfg.options ?? []) report(`${where} dns option`, o.name ? undefined : 'has no name');
  for (const a of spec.hostAliases ?? []) {
    report(`${where} hostAlias ip "${a.ip}"`, ipProblem(a.ip));
    for (const h of a.hostnames ?? []) report(`${where} hostAlias "${h}"`, dns1123SubdomainProblem(h));
  }
}

function podSpec(spec: Obj, where: string, report: Report): void {
  if (spec.hostname !== undefined) report(`${where}.hostname`, dns1123LabelProblem(spec.hostname));
  if (spec.subdomain !== undefined) report(`${where}.subdomain`, dns1123LabelProblem(spec.subdomain));
  if (spec.serviceAccountName !== undefined) report(`${where}.serviceAccountName`, dns1123SubdomainProblem(spec.serviceAccountName));
  if (spec.terminationGracePeriodSeconds !== undefined) report(`${where}.terminationGracePeriodSeconds`, count(spec.terminationGracePeriodSeconds) ? undefined : 'not a whole number ≥ 0');
  metadata({ labels: spec.nodeSelector }, `${where}.nodeSelector`, report);
  dns(spec, where, report);
  const sc = spec.securityContext ?? {};
  for (const f of ['runAsUser', 'runAsGroup', 'fsGroup']) if (sc[f] !== undefined) report(`${where}.securityContext.${f}`, idProblem(sc[f]));
  for (const g of sc.supplementalGroups ?? []) report(`${where} supplementalGroup ${g}`, idProblem(g));
  const sysctls = new Set<string>();
  for (const s of sc.sysctls ?? []) {
    report(`${where} sysctl ${s.name}`, sysctlNameProblem(s.name) ?? (sysctls.has(s.name) ? 'listed twice' : undefined));
    if (spec.hostNetwork) report(`${where} sysctl ${s.name}`, s.name.startsWith('net.') ? 'not allowed with hostNetwork' : undefined);
    sysctls.add(s.name);
  }
  for (const t of spec.tolerations ?? []) {
    if (t.key) report(`${where} toleration key`, qualifiedNameProblem(t.key));
    report(`${where} toleration`, !t.key && t.operator !== 'Exists' ? 'an empty key needs operator Exists' : t.operator === 'Exists' && t.value ? 'Exists takes no value' : labelValueProblem(t.value ?? ''));
  }
  for (const t of spec.topologySpreadConstraints ?? []) report(`${where} topologyKey`, qualifiedNameProblem(t.topologyKey) ?? (t.maxSkew >= 1 ? undefined : 'maxSkew must be ≥ 1'));
  for (const term of spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const e of term.matchExpressions ?? []) {
      report(`${where} node affinity key`, qualifiedNameProblem(e.key));
      for (const v of e.values ?? []) report(`${where} node affinity value`, labelValueProblem(v));
    }
  }
  for (const v of spec.volumes ?? []) {
    const source = v.configMap ?? v.secret;
    for (const item of source?.items ?? []) {
      report(`${where} volume ${v.name} key`, configMapKeyProblem(item.key));
      report(`${where} volume ${v.name} path`, subPathProblem(item.path) ?? (item.path.startsWith('..') ? 'must not start with ".."' : undefined));
      if (item.mode !== undefined) report(`${where} volume ${v.name} mode`, count(item.mode) && item.mode <= 0o777 ? undefined : 'not a file mode');
    }
    if (v.hostPath) report(`${where} hostPath`, v.hostPath.path.split('/').includes('..') ? 'must not contain ".."' : undefined);
  }
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) container(c, `${where} container ${c.name}`, report);
}

function workload(d: Obj, id: string, template: Obj, report: Report): void {
  metadata(template.metadata, `${id} pod template`, report);
  podSpec(template.spec ?? {}, id, report);
  const spec = d.spec ?? {};
  for (const f of ['replicas', 'backoffLimit', 'completions', 'parallelism']) if (spec[f] !== undefined) report(`${id}.spec.${f}`, count(spec[f]) ? undefined : 'not a whole number ≥ 0');
  const ru = spec.strategy?.rollingUpdate ?? spec.updateStrategy?.rollingUpdate;
  if (ru) {
    for (const f of ['maxSurge', 'maxUnavailable']) if (ru[f] !== undefined) report(`${id} rollingUpdate.${f}`, intOrPercent(ru[f]) ? undefined : `${ru[f]} is not a count or a percentage up to 100%`);
    report(`${id} rollingUpdate`, (ru.maxSurge === 0 || ru.maxSurge === '0%') && (ru.maxUnavailable === 0 || ru.maxUnavailable === '0%') ? 'maxSurge and maxUnavailable are both 0' : undefined);
  }
}

function kindRules(d: Obj, id: string, report: Report): void {
  const spec = d.spec ?? {};
  switch (d.kind) {
    case 'ConfigMap':
    case 'Secret': {
      const data: Record<string, string> = { ...(d.data ?? {}), ...(d.stringData ?? {}) };
      for (const k of Object.keys(data)) report(`${id} key "${k}"`, configMapKeyProblem(k));
      const total = dataBytes(data);
      report(`${id} data`, total > LIMITS.dataBytes ? `${total} bytes, over ${LIMITS.dataBytes}` : undefined);
      return;
    }
    case 'Service':
      for (const p of spec.ports ?? []) {
        report(`${id} port`, portNumberProblem(p.port));
        if (typeof p.targetPort === 'number') report(`${id} targetPort`, portNumberProblem(p.targetPort));
        if (p.nodePort !== undefined) report(`${id} nodePort`, p.nodePort >= LIMITS.nodePorts[0] && p.nodePort <= LIMITS.nodePorts[1] ? undefined : `${p.nodePort} is outside the default range ${LIMITS.nodePorts.join('-')}`);
      }
      return;
    case 'Ingress':
      if (spec.ingressClassName !== undefined) report(`${id} ingressClassName`, dns1123SubdomainProblem(spec.ingressClassName));
      for (const t of spec.tls ?? []) report(`${id} tls secretName`, dns1123SubdomainProblem(t.secretName));
      for (const r of spec.rules ?? []) {
        if (r.host !== undefined) report(`${id} host "${r.host}"`, ingressHostProblem(r.host));
        for (const p of r.http?.paths ?? []) {
          report(`${id} path "${p.path}"`, ingressPathProblem(p.path));
          report(`${id} backend`, dns1035LabelProblem(p.backend.service.name) ?? portNumberProblem(p.backend.service.port.number));
        }
      }
      return;
    case 'HorizontalPodAutoscaler':
      report(`${id} replicas`, count(spec.minReplicas, 1) && count(spec.maxReplicas, 1) && spec.minReplicas <= spec.maxReplicas ? undefined : 'needs 1 ≤ minReplicas ≤ maxReplicas');
      for (const m of spec.metrics ?? []) report(`${id} target`, count(m.resource?.target?.averageUtilization, 1) ? undefined : 'averageUtilization must be ≥ 1');
      return;
    case 'PodDisruptionBudget':
      for (const f of ['minAvailable', 'maxUnavailable']) if (spec[f] !== undefined) report(`${id} ${f}`, intOrPercent(spec[f]) ? undefined : `${spec[f]} is not a count or a percentage up to 100%`);
      return;
    case 'PersistentVolumeClaim': {
      const size = parseKubeQuantity(String(spec.resources?.requests?.storage));
      report(`${id} storage`, size !== undefined && size > 0 ? undefined : 'must be greater than zero');
      if (spec.storageClassName !== undefined) report(`${id} storageClassName`, dns1123SubdomainProblem(spec.storageClassName));
      return;
    }
  }
}

/**
 * Every value the API server would refuse, as readable lines. `announced` holds the `Kind/name` of
 * objects the diagnostics say are too large for client-side `kubectl apply`.
 */
export function serverProblems(docs: readonly Obj[], templateOf: (d: Obj) => Obj | undefined, announced: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const report: Report = (where, problem) => {
    if (problem) problems.push(`${where}: ${problem}`);
  };
  for (const d of docs) {
    const id = `${d.kind}/${d.metadata.name}`;
    metadata(d.metadata, id, report);
    const applied = clientApplyAnnotationBytes(d as { kind: string; metadata: { name: string } });
    if (applied > LIMITS.annotationBytes && !announced.has(id)) report(id, `client-side kubectl apply would make ${applied} bytes of annotations, over ${LIMITS.annotationBytes}, and no diagnostic says so`);
    kindRules(d, id, report);
    const template = templateOf(d);
    if (template) workload(d, id, template, report);
  }
  return problems;
}
