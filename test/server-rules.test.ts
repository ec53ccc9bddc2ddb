// What the API server refuses although kubectl's schema check accepts it, one row per rule: a compose
// snippet → the diagnostic (severity, code, compose path, line) that reports it before output, and
// the validation function of Kubernetes v1.32 it mirrors (src/model/base/kube-rules.ts holds each rule).
// An error where docker compose would fail too; a warning, with the value left out or rewritten,
// where only the conversion cannot carry it. Whatever converts must keep every server rule.

import { describe, expect, it } from 'vitest';
import { formatDiagnosticShort } from '../src/common/diagnostics';
import { convertYaml } from './helpers';
import { announcedObjects, invariantProblems, type Doc } from './k8s-invariants';

interface Row {
  /** The rule, as the server states it. */
  readonly rule: string;
  /** The Kubernetes validation function it mirrors. */
  readonly mirrors: string;
  /** Lines under `services.web` (after `image: nginx`, so the first is line 4), or a whole file. */
  readonly compose: string;
  readonly files?: Record<string, string>;
  readonly expect: readonly [severity: 'error' | 'warning', code: string, path: string, line: number];
}

const web = (...lines: string[]) => ['services:', '  web:', '    image: nginx', ...lines.map((l) => `    ${l}`), ''].join('\n');

const ROWS: readonly Row[] = [
  { rule: 'dnsConfig.nameservers are IP addresses', mirrors: 'IsValidIP in validatePodDNSConfig', compose: web('dns:', '  - 1.1.1.1', '  - my.resolvers.ip.addr'), expect: ['error', 'invalid-value', 'services.web.dns[1]', 6] },
  { rule: 'at most 3 nameservers', mirrors: 'MaxDNSNameservers in validatePodDNSConfig', compose: web('dns: [1.1.1.1, 1.0.0.1, 8.8.8.8, 8.8.4.4]'), expect: ['warning', 'dns-servers', 'services.web.dns', 4] },
  { rule: 'dnsConfig.searches are DNS subdomains', mirrors: 'ValidateDNS1123Subdomain in validatePodDNSConfig', compose: web('dns_search:', '  - corp.example', '  - my_corp.local'), expect: ['warning', 'dns-search', 'services.web.dns_search[1]', 6] },
  { rule: 'at most 32 search domains, 2048 characters', mirrors: 'MaxDNSSearchPaths, MaxDNSSearchListChars in validatePodDNSConfig', compose: web(`dns_search: [${Array.from({ length: 33 }, (_, i) => `d${i}.example`).join(', ')}]`), expect: ['warning', 'dns-search', 'services.web.dns_search[32]', 4] },
  { rule: 'dnsConfig.options have a name', mirrors: 'validatePodDNSConfig (options[i].name required)', compose: web('dns_opt:', '  - ":5"'), expect: ['warning', 'dns-option', 'services.web.dns_opt[0]', 5] },
  { rule: 'hostAliases[].ip is an IP address', mirrors: 'IsValidIP in ValidateHostAliases', compose: web('extra_hosts:', '  - "db:not-an-ip"'), expect: ['error', 'invalid-value', 'services.web.extra_hosts[0]', 5] },
  { rule: 'hostAliases[].hostnames are DNS subdomains', mirrors: 'ValidateDNS1123Subdomain in ValidateHostAliases', compose: web('extra_hosts:', '  - "my_db:10.0.0.5"'), expect: ['warning', 'extra-host-name', 'services.web.extra_hosts[0]', 5] },
  { rule: 'hostname is a DNS label', mirrors: 'ValidateDNS1123Label in ValidatePodSpec', compose: web('hostname: My_Host'), expect: ['warning', 'hostname', 'services.web.hostname', 4] },
  { rule: 'annotation keys are qualified names', mirrors: 'IsQualifiedName in ValidateAnnotations', compose: web('labels:', '  "my key": x'), expect: ['warning', 'invalid-metadata-key', 'services.web.labels["my key"]', 5] },
  { rule: 'annotations hold at most 256 KiB', mirrors: 'ValidateAnnotationsSize (TotalAnnotationSizeLimitB)', compose: web('labels:', `  a: ${'x'.repeat(200_000)}`, `  b: ${'y'.repeat(70_000)}`), expect: ['warning', 'annotations-too-large', 'services.web.labels.b', 6] },
  { rule: 'label keys are qualified names', mirrors: 'IsQualifiedName in ValidateLabels', compose: web('deploy:', '  labels:', '    "tier name": front'), expect: ['warning', 'invalid-metadata-key', 'services.web.deploy.labels["tier name"]', 6] },
  { rule: 'label values are ≤ 63 characters of the label alphabet', mirrors: 'IsValidLabelValue in ValidateLabels', compose: web('deploy:', '  labels:', '    tier: "front end!"'), expect: ['warning', 'invalid-label-value', 'services.web.deploy.labels.tier', 6] },
  { rule: 'container ports are 1-65535', mirrors: 'IsValidPortNum in validateContainerPorts', compose: web('expose: ["65536"]'), expect: ['error', 'invalid-value', 'services.web.expose[0]', 4] },
  { rule: 'env names are printable ASCII without "="', mirrors: 'IsRelaxedEnvVarName in ValidateEnv (RelaxedEnvironmentVariableValidation, on in v1.32)', compose: web('environment:', '  ÄPFEL: "1"'), expect: ['warning', 'invalid-env-name', 'services.web.environment["ÄPFEL"]', 5] },
  { rule: 'ConfigMap keys are [-._a-zA-Z0-9]+', mirrors: 'IsConfigMapKey in ValidateConfigMap', compose: web('env_file:', '  - path: app.env', '    format: raw'), files: { 'app.env': 'MY VAR=1\n' }, expect: ['warning', 'env-file-key', 'services.web.env_file[0]', 5] },
  { rule: 'ConfigMap data holds at most 1 MiB', mirrors: 'core.MaxSecretSize in ValidateConfigMap', compose: web('volumes:', '  - ./big.txt:/srv/big.txt'), files: { 'big.txt': 'a'.repeat(1_048_577) }, expect: ['warning', 'bind-mount-too-large', 'services.web.volumes[0]', 5] },
  { rule: 'annotations, last-applied copy included, hold at most 256 KiB', mirrors: 'ValidateAnnotationsSize after kubectl GetModifiedConfiguration', compose: web('volumes:', '  - ./site.conf:/etc/site.conf'), files: { 'site.conf': 'a'.repeat(300_000) }, expect: ['warning', 'client-apply-too-large', 'services.web.volumes[0]', 5] },
  { rule: 'requests ≤ limits', mirrors: 'ValidateResourceRequirements (must be less than or equal to limit)', compose: web('mem_limit: 256m', 'mem_reservation: 512m'), expect: ['warning', 'request-above-limit', 'services.web.mem_reservation', 5] },
  { rule: 'sysctl names are kernel parameter names', mirrors: 'IsValidSysctlName in validateSysctls', compose: web('sysctls:', '  Net.Core.Somaxconn: 1024'), expect: ['error', 'invalid-value', 'services.web.sysctls["Net.Core.Somaxconn"]', 5] },
  { rule: 'no net.* sysctl on the host network', mirrors: 'ValidateHostSysctl in validateSysctls', compose: web('network_mode: host', 'sysctls:', '  net.core.somaxconn: 1024'), expect: ['warning', 'host-network-sysctl', 'services.web.sysctls', 5] },
  { rule: 'runAsUser is 0 to 2^31-1', mirrors: 'IsValidUserID in ValidateSecurityContext', compose: web('user: "4294967294"'), expect: ['warning', 'user-id', 'services.web.user', 4] },
  { rule: 'supplementalGroups are 0 to 2^31-1', mirrors: 'IsValidGroupID in validatePodSpecSecurityContext', compose: web('group_add: ["4294967295"]'), expect: ['warning', 'group-id', 'services.web.group_add[0]', 4] },
  { rule: 'mountPath is unique in a container', mirrors: 'ValidateVolumeMounts (mountPath must be unique)', compose: `${web('volumes:', '  - data:/data', '  - /srv/data:/data/')}volumes:\n  data: {}\n`, expect: ['error', 'duplicate-mount', 'services.web.volumes[1]', 6] },
  { rule: 'one volume at /dev/shm', mirrors: 'ValidateVolumeMounts (mountPath must be unique)', compose: web('shm_size: 1g', 'tmpfs: [/dev/shm]'), expect: ['warning', 'shm-size-mounted', 'services.web.shm_size', 4] },
  { rule: 'subPath is relative, without ".."', mirrors: 'validateLocalDescendingPath in ValidateVolumeMounts', compose: `${web('volumes:', '  - type: volume', '    source: data', '    target: /data', '    volume:', '      subpath: ../etc')}volumes:\n  data: {}\n`, expect: ['error', 'invalid-value', 'services.web.volumes[0].volume.subpath', 9] },
  { rule: 'volume item modes are 0 to 0777', mirrors: 'validateKeyToPath (fileModeErrorMsg)', compose: `${web('configs:', '  - source: app', '    mode: 01777')}configs:\n  app:\n    content: x\n`, expect: ['error', 'invalid-value', 'services.web.configs[0].mode', 6] },
  { rule: 'probe periods are int32', mirrors: 'Probe.periodSeconds (int32) in validateProbe', compose: web('healthcheck:', '  test: [CMD, "true"]', '  interval: 1000000h'), expect: ['warning', 'duration-out-of-range', 'services.web.healthcheck.interval', 6] },
  { rule: 'replicas are 0 to 2^31-1', mirrors: 'ValidateNonnegativeField (int32) in ValidateDeploymentSpec', compose: web('deploy:', '  replicas: -1'), expect: ['error', 'invalid-value', 'services.web.deploy.replicas', 5] },
  { rule: 'Service names are DNS-1035 labels', mirrors: 'NameIsDNS1035Label (ValidateServiceName)', compose: 'services:\n  Web_App:\n    image: nginx\n    expose: ["80"]\n', expect: ['warning', 'renamed-host', 'services.Web_App', 2] },
  { rule: 'node ports are in the allocated range', mirrors: 'the API server\'s --service-node-port-range (default 30000-32767)', compose: web('ports: ["80:80"]', 'labels:', '  kompose.service.type: nodeport', '  kompose.service.nodeport.port: "8080"'), expect: ['warning', 'node-port-range', 'services.web.labels', 5] },
  { rule: 'Ingress hosts are DNS names, not IP addresses', mirrors: 'validateIngressRules (must be a DNS name, not an IP address)', compose: web('ports: ["80:80"]', 'labels:', '  kompose.service.expose: "10.0.0.5"'), expect: ['warning', 'kompose-label', 'services.web.labels["kompose.service.expose"]', 6] },
  { rule: 'Ingress Prefix paths have no "//", "/./", "/../"', mirrors: 'validateIngressHTTPPath (invalidPathSequences)', compose: web('ports: ["80:80"]', 'x-k8s:', '  expose:', '    path: /shop//cart'), expect: ['error', 'x-k8s-invalid-value', 'services.web.x-k8s.expose.path', 7] },
  { rule: 'ingressClassName is a DNS subdomain', mirrors: 'ValidateIngressClassName in ValidateIngressSpec', compose: web('ports: ["80:80"]', 'labels:', '  kompose.service.expose: "true"', '  kompose.service.expose.ingress-class-name: Nginx_Public'), expect: ['warning', 'kompose-label', 'services.web.labels["kompose.service.expose.ingress-class-name"]', 7] },
  { rule: 'a claim asks for more than zero bytes', mirrors: 'ValidatePositiveQuantityValue in ValidatePersistentVolumeClaimSpec', compose: `${web('volumes: [data:/data]', 'labels:', '  kompose.volume.size: "0"')}volumes:\n  data: {}\n`, expect: ['warning', 'kompose-label', 'services.web.labels["kompose.volume.size"]', 6] },
  { rule: 'HPA minReplicas ≤ maxReplicas', mirrors: 'ValidateHorizontalPodAutoscalerSpec', compose: web('labels:', '  kompose.hpa.replicas.min: "5"', '  kompose.hpa.replicas.max: "2"'), expect: ['warning', 'kompose-label', 'services.web.labels["kompose.hpa.replicas.min"]', 5] },
  { rule: 'PDB bounds are counts or percentages up to 100%', mirrors: 'ValidatePodDisruptionBudgetSpec', compose: web('x-k8s:', '  pdb:', '    minAvailable: "150%"'), expect: ['error', 'x-k8s-invalid-value', 'services.web.x-k8s.pdb.minAvailable', 6] },
  { rule: 'nodeSelector keys are qualified names', mirrors: 'ValidateLabels(spec.nodeSelector) in ValidatePodSpec', compose: web('x-k8s:', '  nodeSelector:', '    "disk type": ssd'), expect: ['error', 'x-k8s-invalid-value', 'services.web.x-k8s.nodeSelector["disk type"]', 6] },
  { rule: 'a toleration with operator Exists has no value', mirrors: 'ValidateTolerations', compose: web('x-k8s:', '  tolerations:', '    - { key: gpu, operator: Exists, value: "yes" }'), expect: ['error', 'x-k8s-invalid-value', 'services.web.x-k8s.tolerations[0]', 6] },
  { rule: 'node affinity values are label values', mirrors: 'ValidateNodeSelectorRequirement', compose: web('deploy:', '  placement:', '    constraints: ["node.labels.disk != fast ssd"]'), expect: ['warning', 'placement-constraint', 'services.web.deploy.placement.constraints[0]', 6] },
  { rule: 'a Localhost AppArmor profile is named', mirrors: 'ValidateAppArmorProfileField', compose: web('security_opt: ["apparmor="]'), expect: ['warning', 'unsupported-security-opt', 'services.web.security_opt[0]', 4] },
];

describe.each(ROWS)('$rule ($mirrors)', (row) => {
  const result = convertYaml(row.compose, { extraFiles: row.files });

  it(`is a ${row.expect[0]} [${row.expect[1]}] at ${row.expect[2]}, line ${row.expect[3]}`, () => {
    const d = result.diagnostics.find((x) => x.code === row.expect[1] && x.path === row.expect[2]);
    expect(d && [d.severity, d.code, d.path, d.pos?.line], result.diagnostics.map(formatDiagnosticShort).join('\n')).toEqual([...row.expect]);
  });

  if (row.expect[0] === 'error') {
    it('and nothing is written', () => {
      expect(result.manifests).toEqual([]);
    });
  } else {
    it('and the output keeps every server rule', () => {
      const announced = announcedObjects(result.diagnostics.map(formatDiagnosticShort).join('\n'));
      expect({ ok: result.ok, problems: invariantProblems(result.manifests as Doc[], announced) }).toEqual({ ok: true, problems: [] });
    });
  }
});

describe('names and values compose2k8s makes itself stay valid', () => {
  const keeps = (compose: string, files?: Record<string, string>) => {
    const r = convertYaml(compose, { extraFiles: files });
    return invariantProblems(r.manifests as Doc[], announcedObjects(r.diagnostics.map(formatDiagnosticShort).join('\n')));
  };

  it('a service named like the init container that waits for its dependency gets a container name of its own', () => {
    expect(keeps('services:\n  wait-for-db:\n    image: busybox\n    depends_on: [db]\n  db:\n    image: postgres\n')).toEqual([]);
  });

  it('a bind-mounted file named "..data" gets a ConfigMap key the server accepts', () => {
    expect(keeps(web('volumes:', '  - ./..data:/etc/app/data'), { '..data': 'x' })).toEqual([]);
  });

  it('a sysctl listed twice is written once, with its last value, as docker keeps it', () => {
    const r = convertYaml(web('sysctls: ["net.core.somaxconn=1", "net.core.somaxconn=2"]'));
    expect((r.manifests.find((m) => m.kind === 'Deployment') as Doc).spec.template.spec.securityContext.sysctls).toEqual([{ name: 'net.core.somaxconn', value: '2' }]);
  });
});
