// bin/cubcanvas: generate, screen, check-image, status, cancel, dev, worker, doctor, config, k8s.
// `cubcanvas help` lists them. Each command's module is loaded when it runs, so that the quick
// ones (screen, check-image, config) start without loading the Temporal SDK.
import { quietKnownWarnings } from '../config/node-warnings';
import { loadConfig } from '../config/settings';
import { ConfigError, InvalidRequestError } from '../domain/errors';
import { err, UsageError } from './common';

const USAGE = `cubcanvas — safe, cute cartoon-animal pictures for children's content

Usage:
  cubcanvas generate "<prompt>" [--size WxH|preset] [--seed N] [--style S] [--request-id ID] [--json]
      Runs one request through the pipeline and prints the image path (or URL).
      Without TEMPORAL_ADDRESS it uses the embedded server of the data folder.
      Exit: 0 done, 3 prompt rejected, 1 failed, 2 bad input.
  cubcanvas screen "<prompt>" [--style S] [--json]
      Screens a prompt without generating: allowed, category, reasons, final and negative prompt. Exit 0 either way.
  cubcanvas check-image <file> [--size WxH] [--json]
      Measures an image as the validate step does: ok, reasons, metrics. Exit 0 if ok, 1 if not.
  cubcanvas status <requestId> [--json]
      Where a request is: step, render progress, outcome, GPU-seconds and cost, and its picture when done.
  cubcanvas cancel <requestId>
      Cancels a request; its render stops unless another request shares it.
  cubcanvas dev
      Starts the embedded Temporal server with its Web UI, and a worker; stays up until Ctrl-C.
  cubcanvas worker
      Runs a worker against TEMPORAL_ADDRESS.
  cubcanvas doctor [--json]
      Checks Temporal, storage (write/read/delete a probe), Kubernetes and ComfyUI where configured.
      Exit 0 if everything configured works, 1 if not.
  cubcanvas config
      Prints every setting with its value (environment variables, see README).
  cubcanvas k8s sweep [--dry-run] [--json]
      Deletes render Jobs (CUBCANVAS_K8S_NAMESPACE) whose render workflow has closed; the worker's
      sweeper Schedule does the same every CUBCANVAS_K8S_SWEEP_MINUTES.

Size presets: square (1328x1328, default), landscape, portrait, book, book-portrait, small (512x512).
Styles: storybook (default), flat, watercolor, crayon.`;

export async function main(argv: string[]): Promise<number> {
  quietKnownWarnings();
  const [command, ...rest] = argv;
  // The Temporal commands install the SDK's logging before anything creates its native runtime.
  const temporal = async () => {
    (await import('../worker/logging')).installSdkLogging();
    return { requests: await import('./commands/requests'), servers: await import('./commands/servers') };
  };
  const local = () => import('./commands/local');
  try {
    switch (command) {
      case 'generate':
        return await (await temporal()).requests.generate(rest, loadConfig());
      case 'status':
        return await (await temporal()).requests.status(rest, loadConfig());
      case 'cancel':
        return await (await temporal()).requests.cancel(rest, loadConfig());
      case 'dev':
        return await (await temporal()).servers.dev(loadConfig());
      case 'worker':
        return await (await temporal()).servers.worker(loadConfig());
      case 'k8s':
        await temporal();
        return await (await import('./commands/kubernetes')).k8s(rest, loadConfig());
      case 'doctor':
        return await (await temporal()).servers.doctor(rest, loadConfig());
      case 'screen':
        return (await local()).screen(rest);
      case 'check-image':
        return await (await local()).checkImage(rest);
      case 'config':
        return (await local()).showConfig(loadConfig());
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      err(`cubcanvas: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof InvalidRequestError || e instanceof ConfigError) {
      err(`cubcanvas: ${e.message}`);
      return 2;
    }
    err(`cubcanvas: ${(e as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
