// Manifests (in `kubectl apply` order: kube/manifest.ts) → one multi-document YAML stream for
// `kubectl apply -f -`, or (`-j`, Kompose's flag) one JSON `List`; and the file name of each manifest
// for `-o DIR`, whose prefix keeps that order.

import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import { kindRank, type Manifest } from '../kube/manifest';

/**
 * Strings that kubectl's YAML reader (sigs.k8s.io/yaml: go-yaml v2, YAML 1.1 rules, `_` ignored in
 * numbers, `0o`/`0b` prefixes) takes for a bool, null or number, though YAML 1.2 reads them as strings:
 * unquoted, `XDEBUG_MODE=off` would reach the API server as `false` and be rejected.
 */
const YAML11_BOOL_OR_NULL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL)$/;
const GO_YAML_NUMBER = /^[-+]?(?:0[bB][01_]+|0[oO]?[0-7_]+|0[xX][0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF|nan|NaN|NAN))$/;

/**
 * The first characters either pattern can match (y n t f o ~ in either case, digits, sign, dot):
 * most strings start with another and need no regular expression.
 */
const MAY_BE_AMBIGUOUS = new Set('yYnNtTfFoO~0123456789+-.');

function ambiguous(s: string): boolean {
  return MAY_BE_AMBIGUOUS.has(s.charAt(0)) && (YAML11_BOOL_OR_NULL.test(s) || GO_YAML_NUMBER.test(s));
}

/**
 * NEL, LS and PS are line breaks to YAML 1.1 (go-yaml v2, kubectl), which would fold them into a
 * space or end the line; yaml writes them raw (JSON.stringify does not escape them). They are
 * written as the double-quoted escapes \N, \L and \P, which both YAML versions read back.
 */
const YAML11_BREAK = /[\u0085\u2028\u2029]/;
const YAML11_ESCAPE: Readonly<Record<string, string>> = { '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P' };

export function manifestToYaml(m: Manifest): string {
  const doc = new Document(m);
  quoteAmbiguous(doc.contents, false);
  const text = doc.toString({ lineWidth: 0 });
  // Rare: only then walk again, so that every string holding one is double-quoted, and escape them.
  if (!YAML11_BREAK.test(text)) return text;
  quoteAmbiguous(doc.contents, true);
  return doc.toString({ lineWidth: 0 }).replace(/[\u0085\u2028\u2029]/g, (c) => YAML11_ESCAPE[c]);
}

/**
 * Keys and values alike (and, with `breaks`, strings holding a YAML 1.1 line break); a direct walk,
 * as yaml's visit() cost ~10% of a 1,000-service conversion.
 */
function quoteAmbiguous(node: unknown, breaks: boolean): void {
  if (isScalar(node)) {
    if (typeof node.value === 'string' && (ambiguous(node.value) || (breaks && YAML11_BREAK.test(node.value)))) node.type = 'QUOTE_DOUBLE';
  } else if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        quoteAmbiguous(item.key, breaks);
        quoteAmbiguous(item.value, breaks);
      } else quoteAmbiguous(item, breaks);
    }
  }
}

/** The `kubectl apply -f -` stream: documents separated by `---`. */
export function toYamlStream(manifests: readonly Manifest[]): string {
  return manifests.map(manifestToYaml).join('---\n');
}

/** How manifests are written: YAML, or JSON with `-j`. */
export type Encoding = 'yaml' | 'json';

/** One object (a manifest, a kustomization, a patch) as a file's text. */
export function encode(value: unknown, encoding: Encoding): string {
  return encoding === 'json' ? JSON.stringify(value, null, 2) + '\n' : manifestToYaml(value as Manifest);
}

/**
 * The `kubectl apply -f -` input: the YAML stream, or one `v1` `List` (what `kubectl get -o json`
 * prints and Kompose's `-j --stdout` writes), whose items kubectl applies in order.
 */
export function toStream(manifests: readonly Manifest[], encoding: Encoding): string {
  return encoding === 'json' ? encode({ apiVersion: 'v1', kind: 'List', items: manifests }, 'json') : toYamlStream(manifests);
}

/** `06-deployment-web.yaml` (or `.json`): the prefix keeps `kubectl apply -f DIR` in dependency order. */
export function manifestFileName(m: Manifest, { encoding = 'yaml' }: { encoding?: Encoding } = {}): string {
  const rank = String(kindRank(m.kind)).padStart(2, '0');
  return `${rank}-${m.kind.toLowerCase()}-${m.metadata.name}.${encoding}`;
}
