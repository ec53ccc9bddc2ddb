// Ports of well-known images, for services that others reach by name but that declare no port.
// Compose needs no `ports:` for `web` to reach `redis:6379`; Kubernetes needs a Service with a port.

import type { Protocol } from '../../compose/types';

export interface KnownPort {
  readonly port: number;
  readonly protocol: Protocol;
}

const tcp = (...ports: number[]): KnownPort[] => ports.map((port) => ({ port, protocol: 'tcp' }));

/** Image repository name (last path component, without tag or digest) → ports it listens on. */
export const KNOWN_IMAGE_PORTS: Readonly<Record<string, readonly KnownPort[]>> = {
  redis: tcp(6379),
  'redis-stack': tcp(6379, 8001),
  'redis-stack-server': tcp(6379),
  valkey: tcp(6379),
  keydb: tcp(6379),
  postgres: tcp(5432),
  postgis: tcp(5432),
  timescaledb: tcp(5432),
  mysql: tcp(3306),
  'mysql-server': tcp(3306),
  mariadb: tcp(3306),
  percona: tcp(3306),
  mongo: tcp(27017),
  mongodb: tcp(27017),
  memcached: tcp(11211),
  rabbitmq: tcp(5672),
  elasticsearch: tcp(9200, 9300),
  opensearch: tcp(9200, 9300),
  kibana: tcp(5601),
  logstash: tcp(5044, 9600),
  nginx: tcp(80),
  'nginx-unprivileged': tcp(8080),
  httpd: tcp(80),
  caddy: tcp(80, 443),
  traefik: tcp(80),
  haproxy: tcp(80),
  tomcat: tcp(8080),
  jetty: tcp(8080),
  wordpress: tcp(80),
  ghost: tcp(2368),
  drupal: tcp(80),
  nextcloud: tcp(80),
  gitea: tcp(3000),
  grafana: tcp(3000),
  prometheus: tcp(9090),
  alertmanager: tcp(9093),
  'node-exporter': tcp(9100),
  influxdb: tcp(8086),
  cassandra: tcp(9042),
  couchdb: tcp(5984),
  couchbase: tcp(8091),
  neo4j: tcp(7474, 7687),
  zookeeper: tcp(2181),
  kafka: tcp(9092),
  'cp-kafka': tcp(9092),
  'cp-zookeeper': tcp(2181),
  nats: tcp(4222),
  minio: tcp(9000),
  vault: tcp(8200),
  consul: tcp(8500),
  etcd: tcp(2379),
  mssql: tcp(1433),
  'mssql-server': tcp(1433),
  'mssql-server-linux': tcp(1433),
  adminer: tcp(8080),
  phpmyadmin: tcp(80),
  pgadmin4: tcp(80),
  'mongo-express': tcp(8081),
  jaeger: tcp(16686),
  'all-in-one': tcp(16686),
  mailhog: tcp(1025, 8025),
  mailpit: tcp(1025, 8025),
  solr: tcp(8983),
  sonarqube: tcp(9000),
  jenkins: tcp(8080, 50000),
  registry: tcp(5000),
  clickhouse: tcp(8123, 9000),
  'clickhouse-server': tcp(8123, 9000),
  questdb: tcp(9000, 8812),
  'cockroach': tcp(26257, 8080),
  'surrealdb': tcp(8000),
  'qdrant': tcp(6333),
  'ollama': tcp(11434),
};

/** `docker.io/library/redis:7-alpine@sha256:…` → `redis`. */
export function imageRepositoryName(image: string): string {
  const noDigest = image.split('@')[0];
  const lastSlash = noDigest.lastIndexOf('/');
  const last = noDigest.slice(lastSlash + 1);
  const colon = last.indexOf(':');
  return (colon < 0 ? last : last.slice(0, colon)).toLowerCase();
}

export function knownPortsOf(image: string | undefined): readonly KnownPort[] | undefined {
  if (!image) return undefined;
  return KNOWN_IMAGE_PORTS[imageRepositoryName(image)];
}

/**
 * Data stores that keep their data in the pod: replicas started from one compose service would each
 * hold their own data behind one Service, so environments and `--replicas N` never scale them.
 * (Caches that tolerate it, such as memcached, are not listed.)
 */
export const SINGLE_INSTANCE_IMAGES: ReadonlySet<string> = new Set([
  'redis', 'redis-stack', 'redis-stack-server', 'valkey', 'keydb', 'postgres', 'postgis', 'timescaledb', 'mysql',
  'mysql-server', 'mariadb', 'percona', 'mongo', 'mongodb', 'rabbitmq', 'elasticsearch', 'opensearch', 'influxdb',
  'cassandra', 'couchdb', 'couchbase', 'neo4j', 'zookeeper', 'kafka', 'cp-kafka', 'cp-zookeeper', 'minio', 'vault',
  'consul', 'etcd', 'mssql', 'mssql-server', 'mssql-server-linux', 'clickhouse', 'clickhouse-server', 'questdb',
  'cockroach', 'surrealdb', 'qdrant', 'solr',
]);
