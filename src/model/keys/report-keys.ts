// Walks a service's keys against the key table (service-keys.ts) and reports every key that is not
// converted: file:line:col, compose path, the reason and, where one exists, what to do instead.

import { joinPath } from '../../common/source-map';
import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { hasChildRows, keyRule } from './service-keys';
import { isRecord } from '../../common/records';

/** Warns about every key of a service that is unsupported or unknown. */
export function reportServiceKeys(service: ComposeService, ctx: PlanContext): void {
  const { name: _name, ...keys } = service;
  walk(keys, '', ctx.servicePath(service), ctx);
}

function walk(value: Record<string, unknown>, prefix: string, composePath: string, ctx: PlanContext): void {
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('x-')) continue;
    const rowPath = prefix ? `${prefix}.${key}` : key;
    const path = joinPath(composePath, key);
    const rule = keyRule(rowPath);
    if (!rule) {
      ctx.diags.warn('unknown-key', `"${rowPath}" is not a key of the Compose specification and is not converted`, {
        ...ctx.at(path),
        hint: 'check its spelling, or prefix it with x- to mark it as an extension',
      });
    } else if (rule.status === 'unsupported') {
      ctx.diags.warn('unsupported-key', `"${rowPath}" is not converted: ${rule.why}`, { ...ctx.at(path), ...(rule.instead ? { hint: rule.instead } : {}) });
    } else if (isRecord(child) && hasChildRows(rowPath)) {
      walk(child, rowPath, path, ctx);
    }
  }
}

