// Small pure helpers on parsed YAML and JSON values, shared by every stage.

/** A mapping (a plain object): not null, not a list. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
