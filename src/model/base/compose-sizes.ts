// Compose sizes and CPU counts → Kubernetes quantities, exactly. Compose byte units are binary,
// as in docker's RAMInBytes: `512m` and `512M` and `512MiB` are all 512 × 1024², so `512Mi`.

const BINARY: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
const SIZE = /^([0-9]+(?:\.[0-9]+)?) ?([kmgtp])?i?b?$/i;

/** `512m`, `1.5g`, `2048`, `100kb`, or a number of bytes → bytes (truncated, as docker does), or undefined. */
export function parseBytes(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.trunc(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const m = SIZE.exec(value.trim());
  if (!m) return undefined;
  return Math.trunc(Number(m[1]) * BINARY[(m[2] ?? '').toLowerCase()]);
}

const SUFFIXES: readonly [string, number][] = [
  ['Pi', 1024 ** 5],
  ['Ti', 1024 ** 4],
  ['Gi', 1024 ** 3],
  ['Mi', 1024 ** 2],
  ['Ki', 1024],
];

/** Bytes → the shortest exact binary quantity: 536870912 → `512Mi`, 1610612736 → `1536Mi`, 1000 → `1000`. */
export function bytesToQuantity(bytes: number): string {
  for (const [suffix, size] of SUFFIXES) if (bytes >= size && bytes % size === 0) return `${bytes / size}${suffix}`;
  return String(bytes);
}

/** A compose size → a Kubernetes quantity, or undefined when it is not a size. */
export function sizeToQuantity(value: unknown): string | undefined {
  const bytes = parseBytes(value);
  return bytes === undefined ? undefined : bytesToQuantity(bytes);
}

/** `cpus: '0.5'` or `cpus: 2` → cores, or undefined when it is not a non-negative number. */
export function parseCpus(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[0-9]*\.?[0-9]+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Cores → a CPU quantity in whole millicores: 0.5 → `500m`, 2 → `2`, 1.25 → `1250m`. Kubernetes
 * cannot express less than 1m; `exact` is false when the value had to be rounded up.
 */
export function cpuQuantity(cores: number): { quantity: string; exact: boolean } {
  const milli = cores * 1000;
  const rounded = Math.round(milli);
  const exact = Math.abs(milli - rounded) < 1e-6;
  const m = exact ? rounded : Math.ceil(milli);
  return { quantity: m % 1000 === 0 ? String(m / 1000) : `${m}m`, exact };
}
