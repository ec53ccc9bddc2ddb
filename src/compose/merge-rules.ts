// Compose's merge rules, by path (compose-go override/merge.go + uncity.go, spec 13-merge.md).
// Three tables, applied by merge.ts:
//   SHAPES  bring the forms compose treats as equal to one form before merging (a `KEY=value` list
//           and a mapping; a list of names and a mapping of names; `build: .` and `build: {context: .}`)
//   MERGES  the paths that do not follow the default (mappings merge, sequences append, scalars replace)
//   UNIQUE  sequences that hold each item once, by key, after merging: the later item wins, in place
// `*` matches one mapping key or one sequence index.

import { splitVolumeSpec } from './paths';
import { isMapNode, isNull, isSeqNode, mapNode, type MapNode, type Node, scalarNode, scalarText, seqNode } from './node';

export type Shape = (node: Node) => Node;
export type Merger = (base: Node, over: Node, mergeMaps: (a: MapNode, b: MapNode) => Node) => Node;
export type Indexer = (item: Node) => string;

/** `["A=1", "B"]` → `{A: "1", B: null}`: environment, labels and the like merge by key. */
const keyValueMap: Shape = (node) => {
  if (!isSeqNode(node)) return node;
  const out = mapNode([], node.pos);
  for (const item of node.items) {
    const text = scalarText(item);
    if (text === undefined) return node; // not a KEY=value list; the schema check reports it
    const at = text.indexOf('=');
    out.entries.set(at < 0 ? text : text.slice(0, at), scalarNode(at < 0 ? null : text.slice(at + 1), item.pos));
  }
  return out;
};

/** `[a, b]` → `{a: null, b: null}` (service networks, models). */
const namesMap: Shape = (node) => {
  if (!isSeqNode(node)) return node;
  const out = mapNode([], node.pos);
  for (const item of node.items) {
    const name = scalarText(item);
    if (name === undefined) return node;
    out.entries.set(name, scalarNode(null, item.pos));
  }
  return out;
};

/** depends_on: `[db]` → `{db: {condition: service_started, required: true}}`. */
const dependsOnMap: Shape = (node) => {
  if (!isSeqNode(node)) return node;
  const out = mapNode([], node.pos);
  for (const item of node.items) {
    const name = scalarText(item);
    if (name === undefined) return node;
    const cond = mapNode([['condition', scalarNode('service_started', item.pos)], ['required', scalarNode(true, item.pos)]], item.pos);
    out.entries.set(name, cond);
  }
  return out;
};

/** A single string where a list is allowed (`dns: 8.8.8.8`) → a one-item list, so files append. */
const oneItemList: Shape = (node) => (isSeqNode(node) || isMapNode(node) || isNull(node) ? node : seqNode([node], node.pos));

/** `build: ./dir` → `build: {context: ./dir}`. */
const buildMap: Shape = (node) => (node.kind === 'scalar' && typeof node.value === 'string' ? mapNode([['context', node]], node.pos) : node);

/** extra_hosts: `{host: ip}` → `["host=ip"]` (compose merges them as a list). */
const hostsList: Shape = (node) => {
  if (!isMapNode(node)) return oneItemList(node);
  const items: Node[] = [];
  for (const [host, ip] of node.entries) {
    const ips = isSeqNode(ip) ? ip.items : [ip];
    for (const one of ips) items.push(scalarNode(`${host}=${scalarText(one) ?? ''}`, one.pos ?? node.pos));
  }
  return seqNode(items, node.pos);
};

export const SHAPES: ReadonlyArray<readonly [string, Shape]> = [
  ['services.*.environment', keyValueMap],
  ['services.*.labels', keyValueMap],
  ['services.*.annotations', keyValueMap],
  ['services.*.sysctls', keyValueMap],
  ['services.*.build', buildMap],
  ['services.*.build.args', keyValueMap],
  ['services.*.build.labels', keyValueMap],
  ['services.*.build.additional_contexts', keyValueMap],
  ['services.*.build.extra_hosts', hostsList],
  ['services.*.deploy.labels', keyValueMap],
  ['services.*.volumes.*.volume.labels', keyValueMap],
  ['services.*.depends_on', dependsOnMap],
  ['services.*.networks', namesMap],
  ['services.*.models', namesMap],
  ['services.*.extra_hosts', hostsList],
  ['services.*.dns', oneItemList],
  ['services.*.dns_opt', oneItemList],
  ['services.*.dns_search', oneItemList],
  ['services.*.tmpfs', oneItemList],
  ['services.*.env_file', oneItemList],
  ['services.*.label_file', oneItemList],
  ['networks.*.labels', keyValueMap],
  ['volumes.*.labels', keyValueMap],
  ['secrets.*.labels', keyValueMap],
  ['configs.*.labels', keyValueMap],
];

const replace: Merger = (_base, over) => over;

/** logging: options merge only when both files name the same driver (or one names none). */
const logging: Merger = (base, over, mergeMaps) => {
  if (!isMapNode(base) || !isMapNode(over)) return over;
  const a = scalarText(base.entries.get('driver'));
  const b = scalarText(over.entries.get('driver'));
  return a === undefined || b === undefined || a === b ? mergeMaps(base, over) : over;
};

/** ulimits.nofile: `{soft, hard}` mappings merge; a single number replaces. */
const ulimit: Merger = (base, over, mergeMaps) => (isMapNode(base) && isMapNode(over) ? mergeMaps(base, over) : over);

/** extra_hosts: append the entries the base does not already have. */
const appendNew: Merger = (base, over) => {
  if (!isSeqNode(base) || !isSeqNode(over)) return over;
  const seen = new Set(base.items.map((n) => scalarText(n)));
  return seqNode([...base.items, ...over.items.filter((n) => !seen.has(scalarText(n)))], base.pos);
};

/** networks.*.ipam.config: entries for the same subnet merge, others append. */
const ipamConfig: Merger = (base, over, mergeMaps) => {
  if (!isSeqNode(base) || !isSeqNode(over)) return over;
  const items = [...base.items];
  for (const o of over.items) {
    const subnet = scalarText(isMapNode(o) ? o.entries.get('subnet') : undefined);
    const at = items.findIndex((b) => isMapNode(b) && scalarText(b.entries.get('subnet')) === subnet);
    if (at >= 0 && isMapNode(items[at]) && isMapNode(o)) items[at] = mergeMaps(items[at] as MapNode, o);
    else items.push(o);
  }
  return seqNode(items, base.pos);
};

export const MERGES: ReadonlyArray<readonly [string, Merger]> = [
  ['services.*.command', replace],
  ['services.*.entrypoint', replace],
  ['services.*.healthcheck.test', replace],
  ['services.*.logging', logging],
  ['services.*.ulimits.*', ulimit],
  ['services.*.extra_hosts', appendNew],
  ['services.*.build.extra_hosts', appendNew],
  ['networks.*.ipam.config', ipamConfig],
];

/** The part before `=`, or the whole text: `cap_add`, `dns`, `links`, `profiles`, ... */
const byKey: Indexer = (n) => {
  const t = scalarText(n) ?? JSON.stringify(n);
  const at = t.indexOf('=');
  return at < 0 ? t : t.slice(0, at);
};
const field = (n: Node, key: string): string | undefined => (isMapNode(n) ? scalarText(n.entries.get(key)) : undefined);

/** ports: a short-syntax string by its text; the long form by host_ip:published:target/protocol. */
const byPort: Indexer = (n) =>
  isMapNode(n) ? `${field(n, 'host_ip') || '0.0.0.0'}:${field(n, 'published') ?? ''}:${field(n, 'target')}/${field(n, 'protocol') || 'tcp'}` : (scalarText(n) ?? '');

/** volumes by the container path they mount on. */
const byVolumeTarget: Indexer = (n) => {
  if (isMapNode(n)) return field(n, 'target') ?? '';
  const parts = splitVolumeSpec(scalarText(n) ?? '');
  return parts.length === 1 ? parts[0] : parts[1];
};

/** secrets and configs by target, which defaults to `<dir>/<source>`. */
const byMount =
  (dir: string): Indexer =>
  (n) =>
    isMapNode(n) ? (field(n, 'target') ?? `${dir}/${field(n, 'source')}`) : `${dir}/${scalarText(n)}`;

const byEnvFilePath: Indexer = (n) => (isMapNode(n) ? (field(n, 'path') ?? '') : (scalarText(n) ?? ''));

const byDeviceTarget: Indexer = (n) => {
  if (isMapNode(n)) return field(n, 'target') ?? '';
  const parts = (scalarText(n) ?? '').split(':');
  return parts.length === 1 ? parts[0] : parts[1];
};

export const UNIQUE: ReadonlyArray<readonly [string, Indexer]> = [
  ['services.*.ports', byPort],
  ['services.*.volumes', byVolumeTarget],
  ['services.*.expose', (n) => scalarText(n) ?? ''],
  ['services.*.secrets', byMount('/run/secrets')],
  ['services.*.configs', byMount('')],
  ['services.*.env_file', byEnvFilePath],
  ['services.*.devices', byDeviceTarget],
  ['services.*.cap_add', byKey],
  ['services.*.cap_drop', byKey],
  ['services.*.dns', byKey],
  ['services.*.dns_opt', byKey],
  ['services.*.dns_search', byKey],
  ['services.*.links', byKey],
  ['services.*.profiles', byKey],
  ['services.*.tmpfs', byKey],
  ['services.*.build.tags', byKey],
  ['services.*.build.platforms', byKey],
  ['services.*.networks.*.aliases', byKey],
  ['services.*.networks.*.link_local_ips', byKey],
];
