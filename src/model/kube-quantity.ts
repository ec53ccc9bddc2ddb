// Kubernetes quantities as the API server reads them (`500m`, `0.5`, `1Gi`, `1e3`), for validating
// what users write in presets, x-k8s and flags, and for comparing a request with its limit.
// (Compose's own sizes and CPU counts are converted in quantities.ts.)

const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

const FACTOR: Readonly<Record<string, number>> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
};

/** The value of a quantity (`500m` → 0.5, `1Gi` → 1073741824), or undefined when it is not one. */
export function parseKubeQuantity(text: string): number | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const suffix = m[2] ?? '';
  const factor = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : FACTOR[suffix];
  return Number(m[1]) * factor;
}

export type ResourceName = 'cpu' | 'memory' | 'storage';

/**
 * Why `value` is not a usable quantity for `resource`, or undefined when it is. Numbers are accepted
 * (YAML reads `cpu: 1` as one); memory in `m` is refused, since `512m` is half a byte, not 512 MiB.
 */
export function quantityProblem(resource: ResourceName, value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return `expected a Kubernetes quantity (a string such as ${example(resource)})`;
  const n = parseKubeQuantity(text);
  if (n === undefined) return `"${text}" is not a Kubernetes quantity (such as ${example(resource)})`;
  if (n <= 0) return `"${text}" must be greater than zero`;
  if (resource !== 'cpu' && /[0-9.]m$/.test(text)) return `"${text}" means ${n} bytes; write ${text.slice(0, -1)}Mi for mebibytes`;
  if (resource === 'cpu' && n < 0.001) return `"${text}" is less than the smallest CPU quantity, 1m`;
  return undefined;
}

/** The canonical text of a valid quantity given as a string or a YAML number. */
export function quantityText(value: string | number): string {
  return typeof value === 'number' ? String(value) : value;
}

function example(resource: ResourceName): string {
  return resource === 'cpu' ? '500m or 2' : '512Mi or 2Gi';
}
