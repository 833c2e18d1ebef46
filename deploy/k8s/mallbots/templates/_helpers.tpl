{{/* Labels of every object; `component` names the part (a service name, postgres, kafka, nats). */}}
{{- define "mallbots.labels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/part-of: mallbots
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "mallbots.selector" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* The broker choice, checked once. */}}
{{- define "mallbots.eventServerType" -}}
{{- if not (has .Values.eventServerType (list "kafka" "nats")) -}}
{{- fail (printf "eventServerType must be kafka or nats, not %q" .Values.eventServerType) -}}
{{- end -}}
{{- .Values.eventServerType -}}
{{- end -}}

{{/* The broker being drained during a swap: empty, or the other one. */}}
{{- define "mallbots.eventServerDrainFrom" -}}
{{- $from := .Values.eventServerDrainFrom | default "" -}}
{{- if and $from (not (has $from (list "kafka" "nats"))) -}}
{{- fail (printf "eventServerDrainFrom must be empty, kafka or nats, not %q" $from) -}}
{{- end -}}
{{- if and $from (eq $from .Values.eventServerType) -}}
{{- fail (printf "eventServerDrainFrom names the broker eventServerType already uses (%q): drain the other one" $from) -}}
{{- end -}}
{{- $from -}}
{{- end -}}
