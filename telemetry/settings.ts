// Whether and where traces go. The standard OpenTelemetry variables (the ones every OTel SDK and
// collector documents) decide, plus CUBCANVAS_OTEL for the console and for turning tracing off.
import { oneOf, optional, type Env, type SettingDoc } from '../config/parse';

export const TRACE_EXPORTERS = ['otlp', 'console', 'off'] as const;
export type TraceExporterKind = Exclude<(typeof TRACE_EXPORTERS)[number], 'off'>;

export interface TracingSettings {
  exporter: TraceExporterKind;
  /** OTEL_SERVICE_NAME; unset, each process names itself (cubcanvas-worker, cubcanvas-api). */
  serviceName: string | undefined;
}

export const TELEMETRY_SETTINGS: SettingDoc[] = [
  {
    name: 'CUBCANVAS_OTEL',
    default: '(otlp when OTEL_EXPORTER_OTLP_ENDPOINT is set, else off)',
    meaning:
      'Tracing: `otlp` (OTLP over HTTP to OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4318), `console` (spans printed to stdout) or `off`. Off, no trace interceptor runs. See [Tracing](#tracing).',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    default: '(unset)',
    meaning:
      'OTLP/HTTP collector base URL, e.g. `http://otel-collector:4318` (spans go to `/v1/traces`; `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` gives the full URL instead). Setting it turns tracing on.',
  },
  {
    name: 'OTEL_SERVICE_NAME',
    default: '`cubcanvas-worker` / `cubcanvas-api`',
    meaning: 'service.name of the spans this process exports (`OTEL_RESOURCE_ATTRIBUTES` adds attributes).',
  },
];

/** undefined when tracing is off. */
export function loadTracingSettings(env: Env): TracingSettings | undefined {
  const raw = oneOf(env, 'CUBCANVAS_OTEL', TRACE_EXPORTERS);
  const endpoint = optional(env, 'OTEL_EXPORTER_OTLP_ENDPOINT') ?? optional(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const kind = raw ?? (endpoint ? 'otlp' : 'off');
  if (kind === 'off') return undefined;
  return { exporter: kind, serviceName: optional(env, 'OTEL_SERVICE_NAME') };
}
