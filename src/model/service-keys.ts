// Every compose service key, with what becomes of it. A key is either mapped (and the planner
// handles it) or reported: a warning with its location, the reason and, where one exists, what the
// user can do instead. Keys in neither list are reported as unknown.

export type KeyRule =
  | { readonly status: 'mapped'; readonly to: string }
  | { readonly status: 'ignored'; readonly why: string }
  | { readonly status: 'unsupported'; readonly why: string; readonly instead?: string };

const mapped = (to: string): KeyRule => ({ status: 'mapped', to });
const ignored = (why: string): KeyRule => ({ status: 'ignored', why });
const unsupported = (why: string, instead?: string): KeyRule => ({ status: 'unsupported', why, ...(instead ? { instead } : {}) });

export const SERVICE_KEYS: Readonly<Record<string, KeyRule>> = {
  image: mapped('container `image`'),
  build: mapped('image `<project>-<service>:latest` (prefixed by `--image-registry`), with a warning to build and push it'),
  command: mapped('container `args`'),
  entrypoint: mapped('container `command`'),
  environment: mapped('container `env`'),
  working_dir: mapped('container `workingDir`'),
  ports: mapped('`containerPorts` and a ClusterIP Service (published → port, target → targetPort)'),
  expose: mapped('`containerPorts` and a ClusterIP Service'),
  volumes: mapped('PersistentVolumeClaim (named), emptyDir (anonymous, tmpfs), ConfigMap or emptyDir (bind, by `--bind-mounts`)'),
  tmpfs: mapped('emptyDir with medium Memory'),
  links: mapped('the target\'s Service; an alias gets a Service of its own'),
  depends_on: mapped('a Service for each dependency, so it is reachable by name'),
  scale: mapped('`replicas`'),
  profiles: mapped('services of inactive profiles are left out'),
  container_name: ignored('Kubernetes names pods itself; the Deployment is named after the service'),
  networks: ignored('all pods share the cluster network, like compose\'s default network'),
  restart: ignored('Deployments always restart their pods'),
};

/** deploy.* keys. */
export const DEPLOY_KEYS: Readonly<Record<string, KeyRule>> = {
  replicas: mapped('`replicas`'),
};
