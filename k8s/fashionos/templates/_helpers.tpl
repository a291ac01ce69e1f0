{{/* Release full name, at most 63 characters. */}}
{{- define "fashionos.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "fashionos.serviceAccountName" -}}
{{- default (include "fashionos.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "fashionos.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: fashionos
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one service; call with (dict "root" $ "name" $name). */}}
{{- define "fashionos.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "fashionos.image" -}}
{{- printf "%s/fashionos-%s:%s" .root.Values.image.registry .name (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{/* Whether a service runs the migrate hook: api-gateway only with the built-in identity. */}}
{{- define "fashionos.migrates" -}}
{{- if and .svc.enabled .svc.database (or (ne .name "api-gateway") .root.Values.identity.enabled) -}}true{{- end -}}
{{- end -}}

{{/* Non-root, read-only, no capabilities: every container. */}}
{{- define "fashionos.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "fashionos.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurityContext.runAsUser }}
runAsGroup: {{ .Values.podSecurityContext.runAsGroup }}
fsGroup: {{ .Values.podSecurityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Environment of every container; call with (dict "root" $ "databaseSecret" <secret values> ). */}}
{{- define "fashionos.env" -}}
{{- $v := .root.Values -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .databaseSecret.name }}
      key: {{ .databaseSecret.key }}
- name: S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.secrets.s3.name }}
      key: {{ $v.secrets.s3.accessKeyKey }}
- name: S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.secrets.s3.name }}
      key: {{ $v.secrets.s3.secretKeyKey }}
{{- if $v.secrets.jwt.name }}
- name: JWT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $v.secrets.jwt.name }}
      key: {{ $v.secrets.jwt.key }}
{{- end }}
{{- if $v.secrets.gemini.name }}
- name: GEMINI_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $v.secrets.gemini.name }}
      key: {{ $v.secrets.gemini.key }}
{{- end }}
{{- if $v.secrets.kafkaSasl.name }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $v.secrets.kafkaSasl.name }}
      key: {{ $v.secrets.kafkaSasl.key }}
{{- end }}
{{- if $v.secrets.kafkaTruststore.name }}
- name: KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $v.secrets.kafkaTruststore.name }}
      key: {{ $v.secrets.kafkaTruststore.key }}
{{- end }}
{{- end -}}

{{- define "fashionos.volumes" -}}
- name: tmp
  emptyDir: {}
{{- with .Values.secrets.databaseCa.name }}
- name: postgresql-ca
  secret:
    secretName: {{ . }}
{{- end }}
{{- with .Values.secrets.kafkaTruststore.name }}
- name: kafka-truststore
  secret:
    secretName: {{ . }}
{{- end }}
{{- end -}}

{{- define "fashionos.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.secrets.databaseCa.name }}
- name: postgresql-ca
  mountPath: /etc/postgresql-ca
  readOnly: true
{{- end }}
{{- if .Values.secrets.kafkaTruststore.name }}
- name: kafka-truststore
  mountPath: /etc/kafka-truststore
  readOnly: true
{{- end }}
{{- end -}}

{{/* Non-secret environment shared by services (ConfigMap) and hook Jobs (inline: hooks run before the ConfigMap exists). */}}
{{- define "fashionos.configData" -}}
{{- $v := .Values -}}
PORT: "8080"
DATABASE_MIGRATE: "false"
DATABASE_RUNTIME_USER: {{ $v.database.runtimeUser | quote }}
DATABASE_POOL_SIZE: {{ $v.database.poolSize | quote }}
{{- with $v.database.sslMode }}
DATABASE_SSLMODE: {{ . | quote }}
{{- end }}
{{- if $v.secrets.databaseCa.name }}
DATABASE_SSLROOTCERT: {{ printf "/etc/postgresql-ca/%s" $v.secrets.databaseCa.key | quote }}
{{- end }}
KAFKA_CREATE_TOPICS: "false"
KAFKA_BOOTSTRAP_SERVERS: {{ $v.kafka.bootstrapServers | quote }}
KAFKA_TOPIC_PREFIX: {{ $v.kafka.topicPrefix | quote }}
KAFKA_SECURITY_PROTOCOL: {{ $v.kafka.securityProtocol | quote }}
{{- with $v.kafka.saslMechanism }}
KAFKA_SASL_MECHANISM: {{ . | quote }}
{{- end }}
{{- with $v.kafka.truststoreLocation }}
KAFKA_SSL_TRUSTSTORE_LOCATION: {{ . | quote }}
{{- end }}
{{- with $v.kafka.truststoreType }}
KAFKA_SSL_TRUSTSTORE_TYPE: {{ . | quote }}
{{- end }}
KAFKA_PARTITIONS: {{ $v.kafka.topics.partitions | quote }}
KAFKA_REPLICATION_FACTOR: {{ $v.kafka.topics.replicationFactor | quote }}
KAFKA_MIN_INSYNC_REPLICAS: {{ $v.kafka.topics.minInsyncReplicas | quote }}
S3_ENDPOINT: {{ $v.s3.endpoint | quote }}
S3_PUBLIC_ENDPOINT: {{ $v.s3.publicEndpoint | quote }}
S3_REGION: {{ $v.s3.region | quote }}
{{- with $v.jwt.jwksUrl }}
JWKS_URL: {{ . | quote }}
{{- end }}
JWKS_REFRESH_MS: {{ $v.jwt.jwksRefreshMs | int64 | quote }}
JWT_ISSUER: {{ $v.jwt.issuer | quote }}
JWT_AUDIENCE: {{ $v.jwt.audience | quote }}
{{- with $v.jwt.roles }}
JWT_ROLES: {{ . | quote }}
{{- end }}
IDENTITY_ENABLED: {{ $v.identity.enabled | quote }}
GEMINI_MODEL: {{ $v.gemini.model | quote }}
LOG_FORMAT: {{ $v.config.logFormat | quote }}
LOG_LEVEL: {{ $v.config.logLevel | quote }}
SHUTDOWN_DELAY_MS: {{ $v.config.shutdownDelayMs | quote }}
SHUTDOWN_GRACE_MS: {{ $v.config.shutdownGraceMs | quote }}
{{- with $v.config.corsAllowedOrigins }}
CORS_ALLOWED_ORIGINS: {{ . | quote }}
{{- end }}
RATE_LIMIT_PER_MINUTE: {{ $v.config.rateLimitPerMinute | quote }}
{{- with $v.config.publicBaseUrl }}
PUBLIC_BASE_URL: {{ . | quote }}
{{- end }}
JAVA_TOOL_OPTIONS: {{ $v.config.javaOpts | quote }}
EVENTS_SERVICE_URL: "http://events-service:8080"
TASKS_SERVICE_URL: "http://tasks-service:8080"
BUDGET_SERVICE_URL: "http://budget-service:8080"
FILES_SERVICE_URL: "http://files-service:8080"
REALTIME_GATEWAY_URL: "http://realtime-gateway:8080"
{{- range $k, $val := $v.config.extraEnv }}
{{ $k }}: {{ $val | quote }}
{{- end }}
{{- end -}}

{{- define "fashionos.hookEnv" -}}
{{- range $k, $val := (include "fashionos.configData" . | fromYaml) }}
- name: {{ $k }}
  value: {{ $val | quote }}
{{- end }}
{{- end -}}
