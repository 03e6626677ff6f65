{{/* The release's name, with the chart's name unless the release already contains it; a DNS label. */}}
{{- define "kubervisor.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* What selects the operator's pods; never changes across upgrades (a Deployment's selector is immutable). */}}
{{- define "kubervisor.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "kubervisor.labels" -}}
{{ include "kubervisor.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The scope, checked: a typo must not silently install the other RBAC. */}}
{{- define "kubervisor.scope" -}}
{{- if not (has .Values.scope (list "cluster" "namespace")) -}}
{{- fail (printf "scope must be cluster or namespace, not %q" .Values.scope) -}}
{{- end -}}
{{- .Values.scope -}}
{{- end -}}
