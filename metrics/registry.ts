// One prom-client Registry per process part that serves /metrics (the worker's health port, the
// HTTP API), and the get-or-create helpers every metric definition goes through.
import { collectDefaultMetrics, Counter, Histogram, Registry, type CounterConfiguration, type HistogramConfiguration } from 'prom-client';

/** Every cubcanvas metric name starts with this, the Node process metrics included. */
export const METRIC_PREFIX = 'cubcanvas_';

/**
 * A registry with the Node process metrics (CPU, memory, event-loop lag, GC) under the cubcanvas_
 * prefix. A registry of its own rather than prom-client's global one: two workers in one process
 * (tests, `cubcanvas dev`) or a worker and the API can each serve theirs, or share one on purpose.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return registry;
}

/**
 * The counter of that name in the registry, created on first use. Two workers handed the same
 * registry define the same metrics; prom-client refuses a second registration of a name, so the
 * second one reuses the first's (the task_queue label tells their series apart).
 */
export function counterIn<L extends string>(registry: Registry, config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
  const existing = registry.getSingleMetric(config.name);
  if (existing) return existing as Counter<L>;
  return new Counter<L>({ ...config, registers: [registry] });
}

/** The histogram of that name in the registry, created on first use (see counterIn). */
export function histogramIn<L extends string>(registry: Registry, config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
  const existing = registry.getSingleMetric(config.name);
  if (existing) return existing as Histogram<L>;
  return new Histogram<L>({ ...config, registers: [registry] });
}
