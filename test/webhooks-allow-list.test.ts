// The pure parts of the webhook guard: the allow-list syntax and matching, which addresses count
// as internal, the target check the API and the delivery share, and the secret's format.
import { describe, expect, it } from 'vitest';
import { ConfigError, InvalidRequestError } from '../domain/errors';
import { matchHost, parseAllowList } from '../webhooks/allow-list';
import { isInternalAddress } from '../webhooks/address-policy';
import { checkCallback } from '../webhooks/callback-request';
import { webhookIdFor } from '../webhooks/events';
import { loadWebhookSettings } from '../webhooks/settings';
import { checkCallbackTarget } from '../webhooks/target';

const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

describe('allow-list', () => {
  const rules = parseAllowList(' Hooks.Example.com , *.partner.cn,127.0.0.1+http+private, [::1]+private ,');

  it('parses hosts, wildcards, IP literals and marks', () => {
    expect(rules).toEqual([
      { pattern: 'hooks.example.com', http: false, private: false },
      { pattern: '*.partner.cn', http: false, private: false },
      { pattern: '127.0.0.1', http: true, private: true },
      { pattern: '[::1]', http: false, private: true },
    ]);
  });

  it('matches exact names without case or a trailing dot, and wildcards below their suffix only', () => {
    expect(matchHost(rules, 'HOOKS.example.com.')?.pattern).toBe('hooks.example.com');
    expect(matchHost(rules, 'a.partner.cn')?.pattern).toBe('*.partner.cn');
    expect(matchHost(rules, 'a.b.partner.cn')?.pattern).toBe('*.partner.cn');
    expect(matchHost(rules, 'partner.cn')).toBeUndefined();
    expect(matchHost(rules, 'evilpartner.cn')).toBeUndefined();
    expect(matchHost(rules, 'partner.cn.evil.com')).toBeUndefined();
    expect(matchHost(rules, 'sub.hooks.example.com')).toBeUndefined();
    expect(matchHost(rules, '127.0.0.2')).toBeUndefined();
    expect(matchHost(rules, '[::1]')?.private).toBe(true);
  });

  it('never lets a wildcard match an IP literal', () => {
    expect(matchHost(parseAllowList('*.0.0.1'), '127.0.0.1')).toBeUndefined();
  });

  it.each([
    ['https://hooks.example.com/x', 'no scheme, port or path'],
    ['hooks.example.com:8443', 'no scheme, port or path'],
    ['hooks.example.com/path', 'no scheme, port or path'],
    ['*', 'wildcard'],
    ['*.com', 'at least two labels'],
    ['a.*.example.com', 'wildcard must be the whole first label'],
    ['hooks.example.com+https', 'unknown mark "+https"'],
  ])('refuses %s with a message saying why', (entry, why) => {
    expect(() => parseAllowList(entry)).toThrow(why);
  });
});

describe('internal addresses', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'fc00::1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a00:1',
  ])('%s is internal', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });
  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '192.169.0.1', '2606:4700:4700::1111', '2001:4860:4860::8888'])('%s is public', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });
});

describe('callback target', () => {
  const rules = parseAllowList('hooks.example.com,10.0.0.5,10.0.0.6+private,plain.example.com+http');

  it('accepts https to a listed host, on any port and path', () => {
    expect(checkCallbackTarget('https://hooks.example.com:8443/cb?x=1', rules).url.pathname).toBe('/cb');
  });

  it.each([
    ['http://hooks.example.com/cb', 'must be https'],
    ['https://other.example.com/cb', 'host "other.example.com" is not in CUBCANVAS_WEBHOOK_ALLOWED_HOSTS'],
    ['https://user:pw@hooks.example.com/cb', 'credentials'],
    ['ftp://hooks.example.com/cb', 'must be https'],
    ['https://hooks.example.com/cb#frag', 'fragment'],
    ['/relative', 'not an absolute URL'],
    ['https://10.0.0.5/cb', 'internal address 10.0.0.5'],
  ])('refuses %s', (url, why) => {
    expect(() => checkCallbackTarget(url, rules)).toThrow(why);
  });

  it('allows plain http and internal literals only where marked', () => {
    expect(checkCallbackTarget('http://plain.example.com/cb', rules).rule.http).toBe(true);
    expect(checkCallbackTarget('https://10.0.0.6/cb', rules).rule.private).toBe(true);
  });

  it('refuses everything when the list is empty, naming the setting', () => {
    expect(() => checkCallbackTarget('https://hooks.example.com/cb', [])).toThrow('webhooks are off (CUBCANVAS_WEBHOOK_ALLOWED_HOSTS is empty)');
  });

  it('checks the events asked for and lists every problem at once', () => {
    expect(checkCallback({ url: 'https://hooks.example.com/cb' }, rules).events).toEqual(['image.completed', 'image.rejected', 'image.failed']);
    expect(checkCallback({ url: 'https://hooks.example.com/cb', events: ['image.progress', 'image.progress'] }, rules).events).toEqual(['image.progress']);
    let problems: string[] = [];
    try {
      checkCallback({ url: 'https://x.invalid/cb', events: ['image.done'] }, rules);
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidRequestError);
      problems = (err as InvalidRequestError).problems;
    }
    expect(problems).toHaveLength(2);
    expect(problems[1]).toContain('"image.done" is not one of');
  });
});

describe('webhook ids', () => {
  it('are stable per run and event and hold no "." (Standard Webhooks signs "{id}.{timestamp}.{body}")', () => {
    const id = webhookIdFor('0f8fad5b-d9cb-469f-a165-70867728950e', 'image.completed');
    expect(id).toBe('msg_0f8fad5bd9cb469fa16570867728950e_completed');
    expect(id).not.toContain('.');
  });
});

describe('webhook settings', () => {
  const hosts = { CUBCANVAS_WEBHOOK_ALLOWED_HOSTS: 'hooks.example.com' };

  it('are off without hosts, and then refuse a stray secret', () => {
    expect(loadWebhookSettings({})).toBeUndefined();
    expect(() => loadWebhookSettings({ CUBCANVAS_WEBHOOK_SECRET: secret })).toThrow('CUBCANVAS_WEBHOOK_ALLOWED_HOSTS is empty');
  });

  it('need a Standard Webhooks secret of 24..64 bytes, and never repeat it in a message', () => {
    expect(loadWebhookSettings({ ...hosts, CUBCANVAS_WEBHOOK_SECRET: secret })?.signingSecretKey).toBe(secret);
    const cases: [string | undefined, string][] = [
      [undefined, 'is required'],
      ['c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0', 'must start with "whsec_"'],
      ['whsec_not base64!', 'standard base64'],
      [`whsec_${Buffer.alloc(16).toString('base64')}`, 'decodes to 16 bytes'],
      [`whsec_${Buffer.alloc(65).toString('base64')}`, 'decodes to 65 bytes'],
    ];
    for (const [value, why] of cases) {
      const run = () => loadWebhookSettings({ ...hosts, ...(value === undefined ? {} : { CUBCANVAS_WEBHOOK_SECRET: value }) });
      expect(run).toThrow(ConfigError);
      expect(run).toThrow(why);
      if (value) expect(() => run()).not.toThrow(value);
    }
  });

  it('name the entry that is wrong in the host list', () => {
    expect(() => loadWebhookSettings({ CUBCANVAS_WEBHOOK_ALLOWED_HOSTS: 'ok.example.com,http://bad.example.com', CUBCANVAS_WEBHOOK_SECRET: secret })).toThrow(
      'configuration CUBCANVAS_WEBHOOK_ALLOWED_HOSTS: "http://bad.example.com"',
    );
  });

  it('refuse a longest retry interval shorter than the first', () => {
    expect(() =>
      loadWebhookSettings({
        ...hosts,
        CUBCANVAS_WEBHOOK_SECRET: secret,
        CUBCANVAS_WEBHOOK_RETRY_INITIAL_MS: '5000',
        CUBCANVAS_WEBHOOK_RETRY_MAX_INTERVAL_MS: '1000',
      }),
    ).toThrow('CUBCANVAS_WEBHOOK_RETRY_MAX_INTERVAL_MS');
  });
});
