// Whether a callback URL may be used: its shape, its scheme and its host against the allow-list.
// Checked by the client (so the API answers 400 at once) and again by the delivery, which also
// checks the addresses the host resolves to (resolve.ts).
import { isIP } from 'node:net';
import { matchHost, normaliseHost, type AllowRule } from './allow-list';
import { isInternalAddress } from './address-policy';
import { WebhookError, WebhookErrorType } from './errors';

export const ALLOWED_HOSTS_SETTING = 'CUBCANVAS_WEBHOOK_ALLOWED_HOSTS';
const MAX_URL_LENGTH = 2048;

export interface CheckedTarget {
  url: URL;
  rule: AllowRule;
}

/** Throws WebhookError(TargetRefused) with a message fit for the caller (it names what to change). */
export function checkCallbackTarget(raw: string, rules: readonly AllowRule[]): CheckedTarget {
  const refuse = (why: string) => new WebhookError(WebhookErrorType.TargetRefused, `callbackUrl ${why}`);
  if (rules.length === 0) throw refuse(`cannot be used: webhooks are off (${ALLOWED_HOSTS_SETTING} is empty)`);
  if (raw.length > MAX_URL_LENGTH) throw refuse(`is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(`${JSON.stringify(raw)} is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse(`must be https (or http for a host allowed with +http), not ${url.protocol}`);
  if (url.username || url.password) throw refuse('must not hold credentials (user:password@)');
  if (url.hash) throw refuse('must not have a #fragment');
  const host = normaliseHost(url.hostname);
  const rule = matchHost(rules, host);
  if (!rule) throw refuse(`host "${host}" is not in ${ALLOWED_HOSTS_SETTING}`);
  if (url.protocol === 'http:' && !rule.http)
    throw refuse(`must be https: "${host}" is allowed for https only (mark it +http in ${ALLOWED_HOSTS_SETTING} to allow http)`);
  const literal = host.replace(/^\[|\]$/g, '');
  if (isIP(literal) && isInternalAddress(literal) && !rule.private) {
    throw refuse(`names the internal address ${literal}; allow it with +private in ${ALLOWED_HOSTS_SETTING} if that is intended`);
  }
  return { url, rule };
}
