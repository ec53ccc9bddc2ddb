import type { ComposeService } from '../compose/types';
import type { PlanContext } from './context';
import { DEPLOY_KEYS, SERVICE_KEYS, type KeyRule } from './service-keys';

/** Warns, with file:line:col, about every key of a service that is not converted. */
export function reportServiceKeys(service: ComposeService, ctx: PlanContext): void {
  for (const key of Object.keys(service)) {
    if (key === 'name' || key.startsWith('x-')) continue;
    report(SERVICE_KEYS[key], ctx.servicePath(service, key), key, ctx);
  }
  for (const key of Object.keys(service.deploy ?? {})) {
    report(DEPLOY_KEYS[key], ctx.servicePath(service, 'deploy', key), `deploy.${key}`, ctx);
  }
  const restart = service.restart;
  if (restart !== undefined && restart !== 'always' && restart !== 'unless-stopped') {
    ctx.diags.warn('restart-policy', `restart: "${String(restart)}" is not kept: a Deployment always restarts its pods`, ctx.at(ctx.servicePath(service, 'restart')));
  }
}

function report(rule: KeyRule | undefined, path: string, key: string, ctx: PlanContext): void {
  if (!rule) {
    ctx.diags.warn('unsupported-key', `"${key}" is not converted`, ctx.at(path));
  } else if (rule.status === 'unsupported') {
    ctx.diags.warn('unsupported-key', `"${key}" is not converted: ${rule.why}`, { ...ctx.at(path), ...(rule.instead ? { hint: rule.instead } : {}) });
  }
}
