// One POST to a checked target, guarded against SSRF: the host is resolved here, every address it
// resolves to is checked, and the connection goes to those addresses (the lookup is handed to the
// socket), so a name cannot resolve to a public address for the check and a private one for the
// connection (DNS rebinding). Redirects are not followed (node:http never does): a 3xx is an answer.
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupAddress } from 'node:dns';
import { isInternalAddress } from './address-policy';
import { WebhookError, WebhookErrorType } from './errors';
import type { CheckedTarget } from './target';

export interface PostAnswer {
  status: number;
  /** Retry-After in ms (seconds or an HTTP date), when given. */
  retryAfterMs: number | undefined;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The lookup the socket uses: resolves, refuses internal addresses unless the rule allows them. */
function guardedLookup(allowPrivate: boolean, onRefused: (err: WebhookError) => void) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, verbatim: true }).then(
      (addresses) => {
        const internal = addresses.find((a) => isInternalAddress(a.address));
        if (internal && !allowPrivate) {
          const err = new WebhookError(
            WebhookErrorType.TargetRefused,
            `callbackUrl host "${hostname}" resolves to the internal address ${internal.address}; allow it with +private in CUBCANVAS_WEBHOOK_ALLOWED_HOSTS if that is intended`,
          );
          onRefused(err);
          callback(Object.assign(new Error(err.message), { code: 'EWEBHOOKREFUSED' }), []);
          return;
        }
        // Node 20's sockets ask for all addresses (happy eyeballs); older callers for one.
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, []),
    );
  };
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function postJson(target: CheckedTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    let refused: WebhookError | undefined;
    const options: RequestOptions = {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'cubcanvas-webhooks/1' },
      lookup: guardedLookup(target.rule.private, (err) => (refused = err)) as RequestOptions['lookup'],
      // A fresh connection per attempt: a pooled socket would skip the lookup, and its check.
      agent: false,
      timeout: timeoutMs,
    };
    const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target.url, options, (res) => {
      // Only the status matters; the body is read and dropped so that the socket closes cleanly.
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfterMs: parseRetryAfter(res.headers['retry-after']) }));
      res.on('error', (err) => reject(new WebhookError(WebhookErrorType.Unavailable, `reading the answer of ${target.url.host} failed: ${err.message}`)));
    });
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => reject(refused ?? new WebhookError(WebhookErrorType.Unavailable, `POST to ${target.url.host} failed: ${err.message}`)));
    req.end(body);
  });
}
