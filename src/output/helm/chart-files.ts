// `--format helm`: one chart (apiVersion v2) whose values.yaml is the conversion without an
// environment and whose values-<env>.yaml holds only what that environment changes, so that
// `helm template R DIR -f DIR/values-<env>.yaml` renders the objects of `convert --env <env>`.
// Each object becomes one template (named as -o names its file) with its value sites in place
// (sites.ts); objects only some environments have (HPA, PDB, the Namespace) render behind the
// value that turns them on. What no value holds must be the same in every environment: checked
// here for every object, so a chart that would render an environment wrongly is never written.

import type { Manifest } from '../../kube/manifest';
import { manifestFileName, manifestToYaml } from '../emit';
import { deepEqual } from '../json-diff';
import { toDns1123Label, type AppPlan } from './from-model';
import { helpersTpl, notesTxt, type NotesSecret, type NotesService } from './helpers-tpl';
import { prototypes } from './prototypes';
import { renderTemplate, type Path } from './render';
import { SERVICE_VALUE_KEYS, valuesSchema } from './schema';
import { conditionOf, sitesOf, type Common, type Owner, type ValueSite } from './sites';
import { getIn, isMap, RESERVED_KEYS, serviceKeys, setIn, valuesDiff, type Values } from './values';

export interface HelmVariant {
  /** `base` for the conversion without an environment, else the environment's name. */
  readonly name: string;
  readonly plan: AppPlan;
  readonly manifests: readonly Manifest[];
}

export interface HelmChartOptions {
  /** Chart.yaml `version` (SemVer 2). @default 0.1.0 */
  readonly version?: string;
  /** Chart.yaml `appVersion`, and the `app.kubernetes.io/version` label. @default none */
  readonly appVersion?: string;
}

interface ChartObject {
  readonly proto: Manifest;
  readonly common: Common;
  /** Variant name → its manifest of this object. */
  readonly in: Map<string, Manifest>;
}

const objectKey = (m: Manifest) => (m.kind === 'Namespace' ? 'Namespace' : `${m.kind}/${m.metadata.name}`);
const commonOf = (plan: AppPlan): Common => ({ labels: plan.commonLabels ?? {}, annotations: plan.commonAnnotations ?? {} });

/** Relative path → file content, for writeDirectoryAtomically(). */
export function helmChartFiles(base: HelmVariant, variants: readonly HelmVariant[], options: HelmChartOptions = {}): Map<string, string> {
  const chart = toDns1123Label(base.plan.project);
  const all = [base, ...variants];
  const defaults = new Map(prototypes(base.plan).map((m) => [objectKey(m), m]));
  const objects = collectObjects(all, [...defaults.values()]);
  const owners = ownersOf(base.plan, all, chart);
  const values = new Map(all.map((v) => [v.name, baseValues(v.plan)]));
  const files = new Map<string, string>();
  for (const [key, object] of objects) {
    const owner = { ...(owners.get(key) ?? { chart }), common: object.common };
    const sites = sitesOf(object.proto, owner);
    const condition = conditionOf(object.proto, owner);
    for (const v of all) {
      const m = object.in.get(v.name);
      const into = values.get(v.name)!;
      // The Namespace and Secrets are turned on by global.createNamespace and secrets.<name>.stringData.
      if (condition && owner.key !== undefined) setIn(into, presenceOf(object.proto, owner.key), m !== undefined);
      if (m) readValues(m, object, sites, v, into);
      else if (!condition) throw new Error(`internal error: ${key} is in some environments only, and no value turns it on`);
      // Turned off in values.yaml, with the prototype's values ready for --set …enabled=true.
      else if (v === base && defaults.has(key)) readDefaults(defaults.get(key)!, sites, into);
    }
    const name = object.proto.kind === 'Namespace' ? '00-namespace.yaml' : manifestFileName(object.proto);
    files.set(`templates/${name}`, renderTemplate(object.proto, sites, condition));
  }
  const baseValuesTree = values.get(base.name)!;
  files.set('Chart.yaml', chartYaml(chart, base.plan.project, options));
  files.set('values.yaml', `# Values of the ${chart} chart, written by compose2k8s: the conversion without an environment.\n# values-<env>.yaml files hold only what an environment changes; pass one with -f.\n${manifestToYaml(ordered(baseValuesTree) as Manifest)}`);
  for (const v of variants) {
    const diff = valuesDiff(baseValuesTree, values.get(v.name)!) ?? {};
    files.set(`values-${v.name}.yaml`, `# Environment ${v.name}: what it changes in values.yaml.\n# helm install RELEASE . -f values-${v.name}.yaml\n${Object.keys(diff).length ? manifestToYaml(ordered(diff) as Manifest) : '{}\n'}`);
  }
  files.set('values.schema.json', JSON.stringify(valuesSchema(baseValuesTree, servicePorts(base, owners)), null, 2) + '\n');
  files.set('templates/_helpers.tpl', helpersTpl(chart));
  files.set('templates/NOTES.txt', notesTxt(chart, notesServices(base, owners), ingressKeys(baseValuesTree), notesSecrets(base.plan)));
  return files;
}

/** Every object of every variant, the base's copy as prototype; then the HPAs and PDBs none has. */
function collectObjects(all: readonly HelmVariant[], prototypes: readonly Manifest[]): Map<string, ChartObject> {
  const objects = new Map<string, ChartObject>();
  for (const v of all) {
    for (const m of v.manifests) {
      const key = objectKey(m);
      if (!objects.has(key)) objects.set(key, { proto: m, common: commonOf(v.plan), in: new Map() });
      objects.get(key)!.in.set(v.name, m);
    }
  }
  for (const m of prototypes) if (!objects.has(objectKey(m))) objects.set(objectKey(m), { proto: m, common: { labels: {}, annotations: {} }, in: new Map() });
  return objects;
}

/** The values of one variant's object, after checking that everything else is the prototype's. */
function readValues(m: Manifest, object: ChartObject, sites: readonly ValueSite[], v: HelmVariant, into: Values): void {
  const common = commonOf(v.plan);
  for (const site of sites) {
    if (site.values && site.read) mergeIn(into, site.values, site.read(m, common));
    const [mine, proto] = [site.normal?.(m, common), site.normal?.(object.proto, object.common)];
    if (!deepEqual(mine, proto)) throw new Error(`internal error: environment ${v.name} changes ${objectKey(m)} at ${site.path.join('.')}, which no value holds`);
  }
  const rest = (x: Manifest) => withoutPaths(x, sites.map((s) => s.path));
  if (!deepEqual(rest(m), rest(object.proto))) throw new Error(`internal error: environment ${v.name} changes ${objectKey(m)} where no value reaches`);
}

/** The chart's own sections first, then services by name, each service's keys in the schema's order. */
function ordered(values: Values): Values {
  const rank = (k: string) => (SERVICE_VALUE_KEYS.includes(k) ? SERVICE_VALUE_KEYS.indexOf(k) : SERVICE_VALUE_KEYS.length);
  const byRank = (section: Values) => Object.fromEntries(Object.entries(section).sort(([a], [b]) => rank(a) - rank(b)));
  const own = RESERVED_KEYS.filter((k) => k in values).map((k) => [k, values[k]] as const);
  const services = Object.keys(values).filter((k) => !RESERVED_KEYS.includes(k)).sort().map((k) => [k, isMap(values[k]) ? byRank(values[k] as Values) : values[k]] as const);
  return Object.fromEntries([...own, ...services]);
}

function readDefaults(m: Manifest, sites: readonly ValueSite[], into: Values): void {
  for (const site of sites) if (site.values && site.read) mergeIn(into, site.values, site.read(m, { labels: {}, annotations: {} }));
}

function mergeIn(into: Values, path: readonly string[], value: unknown): void {
  if (value === undefined) return;
  const existing = getIn(into, path);
  if (isMap(existing) && isMap(value)) {
    for (const [k, x] of Object.entries(value)) if (x !== undefined) existing[k] = x;
  } else setIn(into, path, value);
}

function withoutPaths(m: Manifest, paths: readonly Path[]): unknown {
  const copy = structuredClone(m) as unknown;
  for (const path of paths) {
    const parent = getIn(copy, path.slice(0, -1));
    if (parent && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[path[path.length - 1]];
  }
  return copy;
}

/** The `enabled` value of an object that a variant does not have. */
function presenceOf(m: Manifest, key: string): string[] {
  const section = { HorizontalPodAutoscaler: 'autoscaling', PodDisruptionBudget: 'podDisruptionBudget', Ingress: 'ingress' }[m.kind];
  if (!section) throw new Error(`internal error: no value turns ${m.kind} ${m.metadata.name} on`);
  return [key, section, 'enabled'];
}

/** What every variant's values start from: the global section, and the sections objects fill in. */
function baseValues(plan: AppPlan): Values {
  return {
    global: {
      namespace: plan.namespace ?? '',
      createNamespace: plan.namespace !== undefined,
      imageRegistry: '',
      imagePullSecrets: [],
      labels: { ...plan.commonLabels },
      annotations: { ...plan.commonAnnotations },
    },
    persistence: {},
    secrets: Object.fromEntries(plan.secrets.map((s) => [s.metadata.name, { stringData: {} }])),
  };
}

/** Which service owns each object, by the base plan and every environment's HPAs and PDBs. */
function ownersOf(plan: AppPlan, all: readonly HelmVariant[], chart: string): Map<string, Omit<Owner, 'common'>> {
  const services = [...new Set(plan.workloads.flatMap((w) => [w.service, ...(w.members ?? [])]))].sort();
  const keys = serviceKeys(services);
  const owners = new Map<string, Omit<Owner, 'common'>>();
  const serviceByName = new Map<string, string>();
  for (const w of plan.workloads) {
    const containers = new Map([w.service, ...(w.members ?? [])].map((s) => [toDns1123Label(s), keys.get(s)!] as const));
    owners.set(`${w.kind}/${w.metadata.name}`, { chart, key: keys.get(w.service), containers });
    owners.set(`HorizontalPodAutoscaler/${w.metadata.name}`, { chart, key: keys.get(w.service) });
    owners.set(`PodDisruptionBudget/${w.metadata.name}`, { chart, key: keys.get(w.service) });
  }
  for (const s of plan.services) {
    if (s.service === undefined || !keys.has(s.service)) continue;
    serviceByName.set(s.metadata.name, s.service);
    owners.set(`Service/${s.metadata.name}`, { chart, key: keys.get(s.service), ownService: !s.headless });
    owners.set(`Ingress/${s.metadata.name}`, { chart, key: keys.get(s.service) });
  }
  for (const v of all) {
    for (const m of v.manifests.filter((x) => x.kind === 'Ingress')) {
      const target = serviceByName.get(String(getIn(m, ['spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service', 'name'])));
      if (target) owners.set(`Ingress/${m.metadata.name}`, { chart, key: keys.get(target) });
    }
  }
  return owners;
}

function servicePorts(base: HelmVariant, owners: ReadonlyMap<string, Omit<Owner, 'common'>>): Map<string, string[]> {
  const ports = new Map<string, string[]>();
  for (const m of base.manifests.filter((x) => x.kind === 'Service')) {
    const key = owners.get(`Service/${m.metadata.name}`)?.key;
    if (key !== undefined) ports.set(key, ((getIn(m, ['spec', 'ports']) as { name: string }[]) ?? []).map((p) => p.name));
  }
  return ports;
}

function notesServices(base: HelmVariant, owners: ReadonlyMap<string, Omit<Owner, 'common'>>): NotesService[] {
  return base.manifests
    .filter((m) => m.kind === 'Service' && getIn(m, ['spec', 'clusterIP']) !== 'None')
    .map((m) => {
      const owner = owners.get(`Service/${m.metadata.name}`);
      const ports = ((getIn(m, ['spec', 'ports']) as { port: number }[]) ?? []).map((p) => p.port);
      return { ...(owner?.key !== undefined ? { key: owner.key } : {}), name: m.metadata.name, ports, typed: owner?.ownService === true };
    });
}

function ingressKeys(values: Values): string[] {
  return Object.entries(values).flatMap(([key, section]) => (isMap(section) && isMap(section.ingress) ? [key] : []));
}

function notesSecrets(plan: AppPlan): NotesSecret[] {
  return plan.secrets.map((s) => ({ name: s.metadata.name, keys: Object.keys(s.stringData) }));
}

function chartYaml(chart: string, project: string, options: HelmChartOptions): string {
  return manifestToYaml({
    apiVersion: 'v2',
    name: chart,
    description: `The compose project ${project}, converted by compose2k8s.`,
    type: 'application',
    version: options.version ?? '0.1.0',
    ...(options.appVersion !== undefined ? { appVersion: options.appVersion } : {}),
    // autoscaling/v2 (HPA) is served from 1.23 on, policy/v1 (PDB) from 1.21.
    kubeVersion: '>=1.23.0-0',
  } as unknown as Manifest);
}
