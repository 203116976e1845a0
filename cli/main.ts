// bin/cubcanvas: generate, screen, check-image, status, cancel, dev, worker, doctor, config, k8s,
// batch, schedule, cost, purge, serve.
// `cubcanvas help` lists them. Each command's module is loaded when it runs, so that the quick
// ones (screen, check-image, config) start without loading the Temporal SDK.
import { quietKnownWarnings } from '../config/node-warnings';
import { ConfigError, InvalidRequestError } from '../domain/errors';
import { CliError, err, printJsonError, UsageError } from './common';

// The settings module pulls in the Temporal client and sharp: imported when a command needs it, so
// that `screen` and `--help` start fast.
const loadConfig = async () => (await import('../config/settings')).loadConfig();

const USAGE = `cubcanvas — safe, cute cartoon-animal pictures for children's content

Usage:
  cubcanvas generate "<prompt>" [--size WxH|preset] [--seed N] [--style S] [--request-id ID] [--json]
      Runs one request through the pipeline and prints the image path (or URL).
      Without TEMPORAL_ADDRESS it uses the embedded server of the data folder.
      Exit: 0 done, 3 prompt rejected, 1 failed, 2 bad input.
  cubcanvas screen "<prompt>" [--style S] [--json]
      Screens a prompt without generating: allowed, category, reasons, final and negative prompt. Exit 0 either way.
  cubcanvas check-image <file> [--size WxH] [--json]
      Measures an image as the validate step does: ok, reasons, metrics.
      Exit 0 if ok, 1 if not, 2 if the file cannot be read or is not an image.
  cubcanvas verify <file> [--json]
      Reads a picture's content credentials (C2PA): checks the signature and the hash binding, says
      whether the signer is trusted (CUBCANVAS_C2PA_TRUST_ANCHORS) and prints what the manifest states.
      Exit 0 valid, 1 invalid or tampered, 2 no manifest, or not a readable PNG/JPEG.
  cubcanvas status <requestId> [--json]
      Where a request is: step, render progress, outcome, GPU-seconds and cost, and its picture when done
      (a URL minted now). Exit 0, 2 unknown request.
  cubcanvas cancel <requestId> [--json]
      Cancels a request; its render stops unless another request shares it.
      Exit 0 cancellation requested, 2 unknown request, 3 already finished (nothing cancelled).
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
  cubcanvas batch <manifest.csv|.json> [--wait] [--id ID] [--group-size N] [--max-jobs M] [--json]
      Makes every item of a manifest (CSV header id,prompt[,size,style,seed] or a JSON list) a
      request; cache misses render N per GPU run (default 10), M runs at once (default 2). Shows
      progress while waiting (always without TEMPORAL_ADDRESS) and prints where the report is.
      Exit 0 all items completed or rejected, 1 some failed, 2 bad manifest (every problem listed).
  cubcanvas schedule create <name> (--cron "0 8 * * *" [--timezone Asia/Shanghai] | --every 24h)
                   (--manifest KEY | --manifest-prefix PREFIX) [--group-size N] [--max-jobs M]
                   [--overlap skip|buffer-one|buffer-all|cancel-other|terminate-other|allow-all]
                   [--catchup 1h] [--note TEXT] [--json]
  cubcanvas schedule list|describe <name>|pause <name>|unpause <name>|trigger <name>|delete <name> [--json]
  cubcanvas schedule backfill <name> --from ISO-TIME --to ISO-TIME
      Daily batches on Temporal Schedules: each run makes a batch of the manifest at KEY, or of
      the newest .csv/.json under PREFIX, in the blob store. Keep a worker running (cubcanvas dev).
  cubcanvas cost [--since 30d|YYYY-MM-DD] [--by day|caller] [--json] [--chart FILE]
      Pictures and GPU cost per day and in total from the ledger, against one GPU kept running;
      --by caller: per HTTP API token name instead (who spent the GPU time).
  cubcanvas purge (--request ID | --older-than 30d) [--dry-run] [--json]
      Deletes a request's picture, staging leftovers, prompt text in its ledger record (cost kept) and
      the cache entries no other request uses; --older-than: every request (and batch report) that old.
      --dry-run lists what would go. Exit 0 done, 2 bad duration or unknown request.
  cubcanvas serve [--port N] [--host H]
      The HTTP API (default 127.0.0.1:8080; see README "HTTP API"). Without TEMPORAL_ADDRESS it
      runs the embedded server and a worker too. Without CUBCANVAS_API_TOKENS(_FILE) loopback only.

Size presets: square (1328x1328, default), landscape, portrait, book, book-portrait, small (512x512).
Styles: storybook (default), flat, watercolor, crayon.
With --json, an error is printed on stdout as {"error": {"type", "message"}} (exit code as above).`;

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
        return await (await temporal()).requests.generate(rest, await loadConfig());
      case 'status':
        return await (await temporal()).requests.status(rest, await loadConfig());
      case 'cancel':
        return await (await temporal()).requests.cancel(rest, await loadConfig());
      case 'dev':
        return await (await temporal()).servers.dev(await loadConfig());
      case 'worker':
        return await (await temporal()).servers.worker(await loadConfig());
      case 'k8s':
        await temporal();
        return await (await import('./commands/kubernetes')).k8s(rest, await loadConfig());
      case 'batch':
        await temporal();
        return await (await import('./commands/batch')).batch(rest, await loadConfig());
      case 'schedule':
        await temporal();
        return await (await import('./commands/schedule')).schedule(rest, await loadConfig());
      case 'cost':
        return await (await import('./commands/cost')).cost(rest, await loadConfig());
      case 'purge':
        await temporal();
        return await (await import('./commands/purge')).purge(rest, await loadConfig());
      case 'serve':
        await temporal();
        return await (await import('./commands/serve')).serve(rest, await loadConfig());
      case 'doctor':
        return await (await temporal()).servers.doctor(rest, await loadConfig());
      case 'screen':
        return await (await local()).screen(rest);
      case 'check-image':
        return await (await local()).checkImage(rest);
      case 'config':
        return (await local()).showConfig(await loadConfig());
      case 'verify':
        return await (await import('./commands/verify')).verify(rest, await loadConfig());
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
    return reportError(e, wantsJson(argv));
  }
}

/** --json anywhere before a "--" (after it, "--json" would be a positional). */
function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

/** Prints an error as text on stderr (usage text for usage errors only) or as JSON on stdout; returns the exit code. */
function reportError(e: unknown, json: boolean): number {
  const message = e instanceof Error ? e.message : String(e);
  let type: string;
  let code: number;
  if (e instanceof UsageError || (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
    if (!json) {
      err(`cubcanvas: ${message}\n\n${USAGE}`);
      return 2;
    }
    [type, code] = ['UsageError', 2];
  } else if (e instanceof CliError) {
    [type, code] = [e.type, e.exitCode];
  } else if (e instanceof InvalidRequestError || e instanceof ConfigError) {
    [type, code] = [e.type, 2];
  } else {
    // A runtime failure (server unreachable, storage down, a bug): the error's own name says which.
    [type, code] = [e instanceof Error && e.name !== 'Error' ? e.name : 'Error', 1];
  }
  if (json) printJsonError(type, message);
  else err(`cubcanvas: ${message}`);
  return code;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`cubcanvas: ${(err as Error).stack ?? String(err)}`);
      process.exit(1);
    },
  );
}
