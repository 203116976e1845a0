import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A module beside this one's folder: the TypeScript source in a checkout, JS when compiled. */
function sourceOrCompiled(dir: string, name: string): string {
  const ts = join(__dirname, '..', dir, `${name}.ts`);
  return existsSync(ts) ? ts : join(__dirname, '..', dir, `${name}.js`);
}

/** The workflows module the bundler starts from: the TypeScript source in a checkout, JS when compiled. */
export function workflowsEntry(): string {
  return sourceOrCompiled('workflows', 'index');
}

/**
 * Workflow interceptor modules every bundle carries (the start-up bundle, the tests' prebuilt one,
 * the image's): how each request ended, for the metrics, and OpenTelemetry tracing, which does
 * nothing for a workflow started without a trace context.
 */
export function workflowInterceptorModules(): string[] {
  return [sourceOrCompiled('metrics', 'workflow-interceptors'), sourceOrCompiled('telemetry', 'workflow-interceptors')];
}
