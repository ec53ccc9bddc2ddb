// The chart's fixed files: templates/_helpers.tpl (namespace, labels, annotations, images) and
// templates/NOTES.txt (what was installed, how to reach each Service, which Secrets to create).

import { valuesRef } from './values';

/** Helm's labels on every object; pods get only the two that never change between chart versions. */
export function helpersTpl(chart: string): string {
  return `{{/* Helpers of the ${chart} chart, written by compose2k8s. */}}

{{/* The namespace of every object: global.namespace, else the release's (helm install -n). */}}
{{- define "${chart}.namespace" -}}
{{- .Values.global.namespace | default .Release.Namespace -}}
{{- end }}

{{/* Helm's labels: which release and chart made the object. */}}
{{- define "${chart}.helmLabels" -}}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" | quote }}
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ . | trunc 63 | trimSuffix "-" | quote }}
{{- end }}
{{- end }}

{{/* An object's labels: global.labels, Helm's, then its own (dict "context" $ "labels" (dict …)). */}}
{{- define "${chart}.labels" -}}
{{- toYaml (merge (dict) .context.Values.global.labels (include "${chart}.helmLabels" .context | fromYaml) .labels) -}}
{{- end }}

{{/* A pod template's labels: as an object's, without those that change with the chart's version. */}}
{{- define "${chart}.podLabels" -}}
{{- $helm := dict "app.kubernetes.io/managed-by" .context.Release.Service "app.kubernetes.io/instance" .context.Release.Name -}}
{{- toYaml (merge (dict) .context.Values.global.labels $helm .labels) -}}
{{- end }}

{{/* A StatefulSet's claim template labels: they cannot change once the StatefulSet exists. */}}
{{- define "${chart}.claimLabels" -}}
{{- toYaml (merge (dict) .context.Values.global.labels (dict "app.kubernetes.io/managed-by" .context.Release.Service) .labels) -}}
{{- end }}

{{/* Annotations: global.annotations over the object's own; empty when there are none. */}}
{{- define "${chart}.annotations" -}}
{{- $all := merge (dict) .context.Values.global.annotations .annotations -}}
{{- if $all }}{{ toYaml $all }}{{ end -}}
{{- end }}

{{/* An image from its parts: global.imageRegistry replaces (or adds) the registry. */}}
{{- define "${chart}.image" -}}
{{- $registry := .context.Values.global.imageRegistry | default .image.registry -}}
{{- if $registry }}{{ $registry }}/{{ end }}{{ .image.repository }}{{ with .image.tag }}:{{ . }}{{ end }}{{ with .image.digest }}@{{ . }}{{ end }}
{{- end }}
`;
}

export interface NotesService {
  /** Values key of the compose service whose own Service it is; undefined for an alias Service. */
  readonly key?: string;
  readonly name: string;
  readonly ports: readonly number[];
  /** Its type is a value (service.type). */
  readonly typed: boolean;
}

export interface NotesSecret {
  readonly name: string;
  readonly keys: readonly string[];
}

export function notesTxt(chart: string, services: readonly NotesService[], ingresses: readonly string[], secrets: readonly NotesSecret[]): string {
  const ns = `{{ include "${chart}.namespace" . }}`;
  const lines = [`{{ .Chart.Name }} {{ .Chart.Version }} is installed as release {{ .Release.Name }} in namespace ${ns}.`];
  if (services.length) lines.push('', 'Reach a Service from your machine (inside the cluster, by its name, as in compose):');
  for (const s of services) {
    // A local port below 1024 would need root: 80 is forwarded from 8080.
    const forward = `  ${s.name}: kubectl -n ${ns} port-forward service/${s.name} ${s.ports.map((p) => `${p < 1024 ? p + 8000 : p}:${p}`).join(' ')}`;
    if (!s.typed || s.key === undefined) {
      lines.push(forward);
      continue;
    }
    const type = `${valuesRef([s.key, 'service', 'type'])}`;
    lines.push(
      `{{- if eq ${type} "LoadBalancer" }}`,
      `  ${s.name}: kubectl -n ${ns} get service ${s.name} (its EXTERNAL-IP, ports ${s.ports.join(', ')})`,
      `{{- else if eq ${type} "NodePort" }}`,
      `  ${s.name}: on every node, at the ports kubectl -n ${ns} get service ${s.name} -o jsonpath='{.spec.ports[*].nodePort}' prints`,
      '{{- else }}',
      forward,
      '{{- end }}',
    );
  }
  for (const key of ingresses) {
    const ref = valuesRef([key, 'ingress']);
    lines.push(`{{- if ${ref}.enabled }}`, `{{- range ${ref}.hosts }}`, `  ${key}: http{{ if ${ref}.tls }}s{{ end }}://{{ .host | default "<any host>" }}{{ .path }} (Ingress)`, '{{- end }}', '{{- end }}');
  }
  for (const s of secrets) {
    const ref = valuesRef(['secrets', s.name, 'stringData']);
    lines.push(
      `{{- if not ${ref} }}`,
      '',
      `Secret ${s.name} is not made by this chart (its values are not in values.yaml): create it before the pods that use it can start,`,
      `  kubectl -n ${ns} create secret generic ${s.name} ${s.keys.map((k) => `--from-file=${k}=FILE`).join(' ')}`,
      `or pass its values: helm upgrade … ${s.keys.map((k) => `--set-file secrets.${s.name}.stringData.${k.replace(/\./g, '\\.')}=FILE`).join(' ')}`,
      '{{- end }}',
    );
  }
  return lines.join('\n') + '\n';
}
