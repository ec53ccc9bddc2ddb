// Rules a manifest set must keep that kubectl's client-side validation does not check (see the
// kube-validate header): name syntax, port-name length, selectors that select something, references
// to claims/ConfigMaps/Secrets that exist, unique names, and every value rule of the API server
// (k8s-server-rules.ts, over src/model/base/kube-rules.ts). The API server or the pods would fail on them.

import { dns1035LabelProblem, dns1123LabelProblem, dns1123SubdomainProblem, portNameProblem } from '../src/model/base/kube-rules';
import { serverProblems } from './k8s-server-rules';

export type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [k: string]: any };

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

function podTemplate(d: Doc): any | undefined {
  if (d.kind === 'CronJob') return d.spec?.jobTemplate?.spec?.template;
  return WORKLOADS.has(d.kind) ? d.spec?.template : undefined;
}

function checkPortName(name: unknown, where: string, problems: string[]): void {
  if (name === undefined) return;
  const s = String(name);
  if (portNameProblem(s)) problems.push(`${where}: port name "${s}" is not an IANA service name of at most 15 characters`);
}

/**
 * Objects the diagnostics announce: referenced but not created (external volumes, secrets, configs),
 * or too large for client-side `kubectl apply`: `Kind/name`. A reference to anything else missing
 * from the output, or an unannounced object over the apply limit, is a bug.
 */
export function announcedObjects(diagnostics: string): Set<string> {
  const out = new Set<string>();
  for (const line of diagnostics.split('\n')) {
    if (!/not created|\[client-apply-too-large\]/.test(line)) continue;
    for (const m of line.matchAll(/\b([A-Z][A-Za-z]+) "([^"]+)"/g)) out.add(`${m[1]}/${m[2]}`);
  }
  return out;
}

/** Every broken rule, as readable lines; empty when the set is fine. */
export function invariantProblems(docs: readonly Doc[], announced: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const byKind = (kind: string) => {
    const names = new Set(docs.filter((d) => d.kind === kind).map((d) => `${d.metadata.namespace ?? ''}/${d.metadata.name}`));
    // An announced external object exists in every namespace as far as this check goes.
    return { has: (key: string) => names.has(key) || announced.has(`${kind}/${key.slice(key.indexOf('/') + 1)}`) };
  };
  const claims = byKind('PersistentVolumeClaim');
  const configMaps = byKind('ConfigMap');
  const secrets = byKind('Secret');
  const templates = docs.flatMap((d) => (podTemplate(d) ? [{ doc: d, template: podTemplate(d) }] : []));

  for (const d of docs) {
    const ns = d.metadata.namespace ?? '';
    const id = `${d.kind}/${d.metadata.name}`;
    const key = `${d.apiVersion}/${d.kind}/${ns}/${d.metadata.name}`;
    if (seen.has(key)) problems.push(`${id}: defined twice`);
    seen.add(key);

    const name = d.metadata.name;
    if (d.kind === 'Service' ? dns1035LabelProblem(name) : dns1123SubdomainProblem(name)) {
      problems.push(`${id}: name is not a valid ${d.kind === 'Service' ? 'DNS-1035 label' : 'DNS-1123 subdomain'}`);
    }
    if (WORKLOADS.has(d.kind) && name.length > 63) problems.push(`${id}: workload name longer than 63 characters`);

    if (d.kind === 'Service') {
      const ports: any[] = d.spec?.ports ?? [];
      const names = new Set<string>();
      const numbers = new Set<string>();
      for (const p of ports) {
        checkPortName(p.name, id, problems);
        if (ports.length > 1 && p.name === undefined) problems.push(`${id}: port ${p.port} needs a name (the Service has several ports)`);
        if (p.name !== undefined && names.has(p.name)) problems.push(`${id}: port name "${p.name}" used twice`);
        names.add(p.name);
        const pk = `${p.port}/${p.protocol ?? 'TCP'}`;
        if (numbers.has(pk)) problems.push(`${id}: port ${pk} listed twice`);
        numbers.add(pk);
      }
      const selector: Record<string, string> | undefined = d.spec?.selector;
      if (selector && Object.keys(selector).length > 0) {
        const selects = templates.some(({ doc, template }) => (doc.metadata.namespace ?? '') === ns && Object.entries(selector).every(([k, v]) => template.metadata?.labels?.[k] === v));
        if (!selects) problems.push(`${id}: selector ${JSON.stringify(selector)} matches no pod template`);
      }
    }

    const template = podTemplate(d);
    if (!template) continue;
    const matchLabels: Record<string, string> = d.kind === 'Job' || d.kind === 'CronJob' ? {} : (d.spec?.selector?.matchLabels ?? {});
    for (const [k, v] of Object.entries(matchLabels)) {
      if (template.metadata?.labels?.[k] !== v) problems.push(`${id}: selector ${k}=${v} does not match its own pod template`);
    }
    const spec = template.spec ?? {};
    const volumes = new Map<string, any>();
    // A StatefulSet's claim templates are volumes of its pods too.
    for (const t of d.kind === 'StatefulSet' ? (d.spec?.volumeClaimTemplates ?? []) : []) volumes.set(t.metadata.name, { name: t.metadata.name });
    for (const v of spec.volumes ?? []) {
      if (volumes.has(v.name)) problems.push(`${id}: pod volume "${v.name}" defined twice`);
      if (dns1123LabelProblem(v.name)) problems.push(`${id}: pod volume name "${v.name}" is not a DNS-1123 label`);
      volumes.set(v.name, v);
      if (v.persistentVolumeClaim && !claims.has(`${ns}/${v.persistentVolumeClaim.claimName}`)) problems.push(`${id}: claim "${v.persistentVolumeClaim.claimName}" is not in the output`);
      if (v.configMap && !configMaps.has(`${ns}/${v.configMap.name}`)) problems.push(`${id}: ConfigMap "${v.configMap.name}" is not in the output`);
      if (v.secret && !secrets.has(`${ns}/${v.secret.secretName}`)) problems.push(`${id}: Secret "${v.secret.secretName}" is not in the output`);
    }
    const containerNames = new Set<string>();
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      const cid = `${id} container ${c.name}`;
      if (containerNames.has(c.name)) problems.push(`${cid}: container name used twice in the pod`);
      containerNames.add(c.name);
      if (dns1123LabelProblem(c.name)) problems.push(`${cid}: name is not a DNS-1123 label`);
      const mountPaths = new Set<string>();
      for (const m of c.volumeMounts ?? []) {
        if (!volumes.has(m.name)) problems.push(`${cid}: mounts undefined volume "${m.name}"`);
        if (mountPaths.has(m.mountPath)) problems.push(`${cid}: two mounts at ${m.mountPath}`);
        mountPaths.add(m.mountPath);
      }
      for (const p of c.ports ?? []) checkPortName(p.name, cid, problems);
      for (const e of c.envFrom ?? []) {
        if (e.configMapRef && !e.configMapRef.optional && !configMaps.has(`${ns}/${e.configMapRef.name}`)) problems.push(`${cid}: envFrom ConfigMap "${e.configMapRef.name}" is not in the output`);
        if (e.secretRef && !e.secretRef.optional && !secrets.has(`${ns}/${e.secretRef.name}`)) problems.push(`${cid}: envFrom Secret "${e.secretRef.name}" is not in the output`);
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
        const pool = e.valueFrom?.secretKeyRef ? secrets : configMaps;
        if (ref && !ref.optional && !pool.has(`${ns}/${ref.name}`)) problems.push(`${cid}: env ${e.name} refers to "${ref.name}", which is not in the output`);
      }
    }
  }
  return [...problems, ...serverProblems(docs, podTemplate, announced)];
}
