// The web page at / in real headless Chromium (Debian's), against the real API on a real pipeline
// (worker on the shared Temporal dev server; the preview backend slowed so that progress shows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../api/server';
import { loadApiSettings } from '../api/settings';
import { SIZE_PRESETS, STYLES } from '../domain/request';
import { ensureChromium } from '../toolchain/chromium';
import { startPipeline, testConfig, uniquePrompt, type TestPipeline } from './support/pipeline';
import { ScriptedBackend } from './support/scripted-backend';
import { FsBlobStore } from '../storage/fs-store';
import { until } from './support/until';

// A caller name of this file's own, so that the gallery lists this file's pictures only.
const CALLER = `web-${randomBytes(4).toString('hex')}`;
const TOKEN = `web-page-token-${randomBytes(8).toString('hex')}`;
const OTHER_TOKEN = `web-page-other-${randomBytes(8).toString('hex')}`;
// Screenshots replace the README's only when asked (CUBCANVAS_UPDATE_SCREENSHOTS=1): a test run
// leaves the tracked files alone, and the screenshots are still taken, so that path stays tested.
const DOCS = process.env.CUBCANVAS_UPDATE_SCREENSHOTS === '1' ? join(__dirname, '..', 'docs') : mkdtempSync(join(tmpdir(), 'cubcanvas-screens-'));

/**
 * The page's globals inside page.evaluate callbacks, which run in Chromium. The project's tsconfig
 * has no DOM lib (the rest is Node code, and a lib reference would apply to every file), so the
 * callbacks take document & co. from globalThis, untyped.
 */
type InPage = any;

let pipeline: TestPipeline;
let browser: Browser;
let app: FastifyInstance;
let url: string;
let port: number;

/** The API as `serve` builds it, on a given port (0: any), so a test can stop it and start it again on the same one. */
async function listen(onPort: number): Promise<void> {
  const settings = {
    ...loadApiSettings({}),
    tokens: new Map([
      [CALLER, TOKEN],
      [`${CALLER}-other`, OTHER_TOKEN],
    ]),
    ratePerMinute: 0,
    dailyQuota: 0,
    maxBacklog: 0,
  };
  ({ app } = buildApi({
    client: pipeline.client,
    store: pipeline.worker.deps.store,
    settings,
    contentDelivery: 'stream',
    eventsPollMs: 150,
    eventsHeartbeatMs: 1000,
  }));
  await app.listen({ port: onPort, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  port = address.port;
  url = `http://127.0.0.1:${port}`;
}

const api = async (path: string, init: RequestInit = {}) =>
  fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...(init.headers as Record<string, string>) } });

beforeAll(async () => {
  // 12 preview steps of 250 ms: a render of ~3 s, long enough to see the bar move and to stop the API in.
  pipeline = await startPipeline({ env: { CUBCANVAS_PREVIEW_STEPS: '12', CUBCANVAS_PREVIEW_STEP_MS: '250' } });
  await listen(0);
  browser = await chromium.launch({ executablePath: ensureChromium((line) => process.stderr.write(`${line}\n`)), args: ['--no-sandbox'] });
  mkdirSync(DOCS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await pipeline?.stop();
});

/** A fresh browser profile on the page; `token` is put in localStorage first, as a returning visitor has it. */
async function openPage(opts: BrowserContextOptions & { token?: string | null; baseUrl?: string } = {}): Promise<Page> {
  const { token = TOKEN, baseUrl = url, ...contextOptions } = opts;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', ...contextOptions });
  if (token) await context.addInitScript((t) => (globalThis as InPage).localStorage.setItem('cubcanvas.token', t), token);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.waitForFunction(
    () =>
      (globalThis as InPage).document.documentElement.lang !== '' && (globalThis as InPage).document.querySelector('#size option')?.textContent?.includes('×'),
  );
  return page;
}

/** Records every aria-valuenow the progress bar takes, in order. */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as InPage;
    w.progressValues = [];
    const bar = (globalThis as InPage).document.getElementById('progress')!;
    new (globalThis as InPage).MutationObserver(() => w.progressValues.push(Number(bar.getAttribute('aria-valuenow')))).observe(bar, {
      attributes: true,
      attributeFilter: ['aria-valuenow'],
    });
  });
}

const progressValues = (page: Page) => page.evaluate(() => (globalThis as InPage).progressValues);

async function waitForPicture(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const img = (globalThis as InPage).document.getElementById('picture');
      return !(globalThis as InPage).document.getElementById('result')!.hidden && img.complete && img.naturalWidth > 0;
    },
    undefined,
    { timeout: 45_000 },
  );
}

async function message(page: Page): Promise<{ text: string; lang: string }> {
  return page.$eval('#message', (el) => ({ text: el.textContent ?? '', lang: el.getAttribute('lang') ?? '' }));
}

async function waitForMessage(page: Page, pattern: RegExp, timeout = 30_000): Promise<{ text: string; lang: string }> {
  await page.waitForFunction(
    (source) => new RegExp(source, 'i').test((globalThis as InPage).document.getElementById('message')!.textContent ?? ''),
    pattern.source,
    { timeout },
  );
  return message(page);
}

describe('serving the page', () => {
  it('serves / and the fixed list of /web files without a token, with content types, revalidation and a CSP; nothing else', async () => {
    const expected: Record<string, RegExp> = {
      '/': /^text\/html; charset=utf-8/,
      '/web/app.js': /^text\/javascript/,
      '/web/style.css': /^text\/css/,
      '/web/messages.js': /^text\/javascript/,
      '/web/icon.svg': /^image\/svg\+xml/,
    };
    for (const [path, type] of Object.entries(expected)) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(type);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await fetch(`${url}${path}`, { headers: { 'if-none-match': etag } });
      expect(again.status, `${path} revalidated`).toBe(304);
    }
    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/web/app.js">');
    // Only the listed files: no traversal, no other file of the repository, not even in web/.
    for (const path of ['/web/../package.json', '/web/%2e%2e/package.json', '/web/', '/web/index.html', '/web/nothing.js', '/package.json']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).not.toBe(200);
    }
  });

  it('offers exactly the size presets and styles the API accepts', async () => {
    const page = await openPage();
    const sizes = await page.$$eval('#size option', (os) => os.map((o) => ({ value: o.value, w: Number(o.dataset.w), h: Number(o.dataset.h) })));
    expect(sizes).toEqual(Object.entries(SIZE_PRESETS).map(([value, s]) => ({ value, w: s.width, h: s.height })));
    expect(await page.$$eval('#style option', (os) => os.map((o) => o.value))).toEqual([...STYLES]);
    await page.context().close();
  });
});

describe('GET /v1/images (the gallery route)', () => {
  it('refuses a bad limit and a missing token with problems', async () => {
    const bad = await api('/v1/images?limit=500');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(await bad.json()).toMatchObject({ type: 'urn:cubcanvas:problem:InvalidRequest', problems: ['limit must be an integer in 1..50, got "500"'] });
    expect((await fetch(`${url}/v1/images`)).status).toBe(401);
  });
});

describe('a person making a picture', () => {
  it('types a prompt, picks a size and style, watches the bar move, gets the picture with its cost, downloads it and finds it in the gallery', async () => {
    const page = await openPage({ token: null });
    // The token, typed into its field (kept in localStorage from then on).
    await page.click('#token-box summary');
    await page.fill('#token', TOKEN);
    await page.press('#token', 'Tab');
    expect(await page.evaluate(() => (globalThis as InPage).localStorage.getItem('cubcanvas.token'))).toBe(TOKEN);

    const prompt = uniquePrompt('bunny');
    await page.fill('#prompt', prompt);
    await page.selectOption('#size', 'small');
    await page.selectOption('#style', 'watercolor');
    await recordProgress(page);
    await page.click('#generate');
    await waitForPicture(page);

    // The bar moved through values between 0 and 100, never backwards, and ended full.
    const values = await progressValues(page);
    const between = values.filter((v: number) => v > 0 && v < 100);
    expect(new Set(between).size, `aria-valuenow went ${values.join(',')}`).toBeGreaterThanOrEqual(3);
    expect(values.slice(1).every((v: number, i: number) => v >= values[i]!)).toBe(true);
    expect(await page.getAttribute('#progress', 'aria-valuenow')).toBe('100');

    const list = (await (await api('/v1/images?limit=5')).json()) as { items: { requestId: string; status: string }[] };
    const id = list.items[0]!.requestId;
    const status = (await (await api(`/v1/images/${id}`)).json()) as {
      status: string;
      result: { width: number; height: number };
      cost: { amount: number; currency: string };
    };
    expect(status).toMatchObject({ status: 'completed', result: { width: 512, height: 512 } });
    expect(await page.$eval('#picture', (img) => [img.naturalWidth, img.alt])).toEqual([512, `Cartoon picture: ${prompt}`]);
    expect(await page.textContent('#cost')).toMatch(new RegExp(`^Cost: ${status.cost.amount.toFixed(4)} ${status.cost.currency} \\(`));
    expect((await message(page)).text).toBe('Your picture is ready!');

    // The download button gives the picture's PNG, the same bytes as /content.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe(`cubcanvas-${id}.png`);
    const saved = readFileSync((await download.path())!);
    const content = Buffer.from(await (await api(`/v1/images/${id}/content`)).arrayBuffer());
    expect(saved.subarray(1, 4).toString()).toBe('PNG');
    expect(saved.equals(content)).toBe(true);

    // The gallery shows it (loaded with the token), with the prompt as alt text.
    await page.waitForFunction(
      (rid) => {
        const img = (globalThis as InPage).document.querySelector(`#gallery li[data-request-id="${rid}"] img`);
        return !!img && img.complete && img.naturalWidth > 0;
      },
      id,
      { timeout: 20_000 },
    );
    expect(await page.$eval(`#gallery li[data-request-id="${id}"] img`, (img) => img.alt)).toBe(`Cartoon picture: ${prompt}`);

    await page.evaluate(() => (globalThis as InPage).scrollTo(0, 0));
    await page.screenshot({ path: join(DOCS, 'web-page.png') });
    await page.context().close();
  });

  it('fits a phone: one column, large tap targets, no sideways scrolling', async () => {
    const page = await openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    await page.fill('#prompt', uniquePrompt('kitten'));
    await page.selectOption('#size', 'small');
    await page.tap('#generate');
    await waitForPicture(page);
    expect(await page.evaluate(() => (globalThis as InPage).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const selector of ['#generate', '#download', '#prompt', '#size', '#style', '#token-box summary']) {
      const box = (await page.locator(selector).boundingBox())!;
      expect(box.height, selector).toBeGreaterThanOrEqual(44);
    }
    await page.screenshot({ path: join(DOCS, 'web-page-phone.png') });
    await page.context().close();
  });
});

describe('rejected prompts, in the visitor’s language', () => {
  it('answers "a bunny holding a gun" with a friendly English sentence that does not repeat the word', async () => {
    const page = await openPage();
    await page.fill('#prompt', 'a bunny holding a gun');
    // Enter in the prompt sends it (Shift+Enter would be a new line).
    await page.press('#prompt', 'Enter');
    const m = await waitForMessage(page, /weapons/);
    expect(m.lang).toBe('en');
    expect(m.text).toMatch(/^We don’t draw weapons\. Try giving the animal a balloon/);
    expect(m.text).not.toMatch(/gun|rejected|UnsafePrompt/i);
    expect(await page.isHidden('#result')).toBe(true);
    // The API's own reason does name the word: the page chose not to show it.
    const list = (await (await api('/v1/images?limit=3')).json()) as { items: { requestId: string; status: string }[] };
    const rejected = list.items.find((i) => i.status === 'rejected')!;
    const status = (await (await api(`/v1/images/${rejected.requestId}`)).json()) as { error: { message: string }; result: { category: string } };
    expect(status.result.category).toBe('weapons');
    expect(status.error.message).toContain('gun');
    await page.context().close();
  });

  it('answers a Chinese prompt in Chinese on an English browser, and a Chinese browser gets a Chinese page', async () => {
    const page = await openPage();
    await page.fill('#prompt', '一只拿着枪的兔子');
    await page.click('#generate');
    const m = await waitForMessage(page, /武器/);
    expect(m.lang).toBe('zh-CN');
    expect(m.text).toBe('我们不画武器。试试让小动物拿着气球、花朵或者心爱的玩具吧！');
    expect(m.text).not.toContain('枪');
    // The page itself stays in the browser's language.
    expect(await page.textContent('#generate')).toBe('Draw my picture');
    await page.context().close();

    const zh = await openPage({ locale: 'zh-CN' });
    expect(await zh.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await zh.textContent('#generate')).toBe('画我的图');
    expect(await zh.textContent('label[for=prompt]')).toBe('想画什么？');
    await zh.context().close();
  });
});

describe('a failed render', () => {
  it('says in plain words that the picture did not come out, in the prompt’s language, and shows no picture', async () => {
    // A pipeline of its own whose backend only ever draws a blank picture: validation fails three times.
    const config = testConfig();
    const store = new FsBlobStore(join(config.dataDir, 'store'));
    const failing = await startPipeline({ config, overrides: { store, backend: new ScriptedBackend(store, () => 'blank') } });
    const settings = { ...loadApiSettings({}), tokens: new Map([[CALLER, TOKEN]]), ratePerMinute: 0, dailyQuota: 0, maxBacklog: 0 };
    const { app: failingApi } = buildApi({ client: failing.client, store, settings, contentDelivery: 'stream', eventsPollMs: 150, eventsHeartbeatMs: 1000 });
    try {
      await failingApi.listen({ port: 0, host: '127.0.0.1' });
      const address = failingApi.server.address();
      if (!address || typeof address === 'string') throw new Error('no address');
      const baseUrl = `http://127.0.0.1:${address.port}`;

      const page = await openPage({ baseUrl });
      await page.fill('#prompt', uniquePrompt('hedgehog'));
      await page.click('#generate');
      const m = await waitForMessage(page, /didn’t come out clearly/, 60_000).catch(async (e: unknown) => {
        throw new Error(`${String(e)}; the page says: ${(await message(page)).text}`);
      });
      expect(m.lang).toBe('en');
      expect(m.text).not.toMatch(/ImageQualityFailed|too_dark|luma/);
      expect(await page.isHidden('#result')).toBe(true);
      // The button is usable again, for the retry the message suggests.
      expect(await page.isEnabled('#generate')).toBe(true);
      await page.context().close();

      const zh = await openPage({ baseUrl });
      await zh.fill('#prompt', '一只在草地上打滚的小刺猬');
      await zh.click('#generate');
      const zm = await waitForMessage(zh, /图画都不够清楚/, 60_000);
      expect(zm.lang).toBe('zh-CN');
      await zh.context().close();
    } finally {
      await failingApi.close();
      await failing.stop();
    }
  });
});

describe('keyboard and accessibility', () => {
  it('reaches the prompt and the button with Tab, with a visible focus ring, and Enter on the button submits', async () => {
    const page = await openPage();
    const order: string[] = [];
    for (let i = 0; i < 12 && !order.includes('generate'); i++) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(
          () => (globalThis as InPage).document.activeElement?.id || (globalThis as InPage).document.activeElement?.tagName.toLowerCase() || '',
        ),
      );
      if (order.at(-1) === 'prompt') await page.keyboard.type(uniquePrompt('duckling'));
    }
    expect(order.indexOf('prompt')).toBeGreaterThanOrEqual(0);
    expect(order.slice(order.indexOf('prompt'))).toEqual(['prompt', 'size', 'style', 'generate']);
    expect(await page.evaluate(() => (globalThis as InPage).getComputedStyle((globalThis as InPage).document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !(globalThis as InPage).document.getElementById('progress-area')!.hidden);
    await waitForPicture(page);
    await page.context().close();
  });

  it('ties every input to a label, gives every picture alt text, labels the live regions, and keeps text contrast at AA', async () => {
    const page = await openPage();
    const report = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as InPage;
      const unlabelled = [...document.querySelectorAll('input, select, textarea')]
        .filter((el: InPage) => el.labels?.length === 0 && !el.getAttribute('aria-label'))
        .map((el) => el.id);
      const noAlt = [...document.querySelectorAll('img')].filter((img) => !img.hasAttribute('alt')).map((img) => img.outerHTML);
      const nameless = [...document.querySelectorAll('button, a[href]')]
        .filter((el) => !(el.textContent ?? '').trim() && !el.getAttribute('aria-label') && !el.querySelector('img[alt]:not([alt=""])'))
        .map((el) => el.outerHTML);
      const bar = document.querySelector('[role=progressbar]')!;
      const live = [...document.querySelectorAll('[aria-live]')].map((el) => el.id);
      // WCAG relative luminance and contrast ratio of an element's text on its (nearest opaque) background.
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = (c: string) => {
        const [r, g, b] = rgb(c)
          .map((v) => v / 255)
          .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const background = (el: InPage): string => {
        for (; el; el = el.parentElement) {
          const c = getComputedStyle(el).backgroundColor;
          if (rgb(c).length === 3 || (rgb(c)[3] ?? 0) > 0) return c;
        }
        return 'rgb(255, 255, 255)';
      };
      const contrast = (sel: string) => {
        const el = document.querySelector(sel)!;
        const [a, b] = [lum(getComputedStyle(el).color), lum(background(el))].sort((x, y) => y - x);
        return Math.round(((a! + 0.05) / (b! + 0.05)) * 10) / 10;
      };
      return {
        unlabelled,
        noAlt,
        nameless,
        bar: [bar.getAttribute('aria-valuemin'), bar.getAttribute('aria-valuemax'), bar.getAttribute('aria-labelledby')],
        live,
        contrast: Object.fromEntries(['h1', '.tagline', 'label[for=prompt]', '.hint', '#generate', '.token summary'].map((s) => [s, contrast(s)])),
      };
    });
    expect(report.unlabelled).toEqual([]);
    expect(report.noAlt).toEqual([]);
    expect(report.nameless).toEqual([]);
    expect(report.bar).toEqual(['0', '100', 'progress-label']);
    expect(report.live).toEqual(expect.arrayContaining(['message', 'progress-step']));
    for (const [selector, ratio] of Object.entries(report.contrast)) expect(ratio, selector).toBeGreaterThanOrEqual(4.5);
    await page.context().close();
  });
});

describe('a lost connection', () => {
  it('says so when the API stops mid-request, retries with back-off, and shows the picture once the API is back', async () => {
    const page = await openPage();
    await page.fill('#prompt', uniquePrompt('hedgehog'));
    await page.selectOption('#size', 'small');
    await page.click('#generate');
    // Stop the API once the request is under way (the workflow carries on without it).
    await page.waitForFunction(() => Number((globalThis as InPage).document.getElementById('progress')!.getAttribute('aria-valuenow')) > 0, undefined, {
      timeout: 30_000,
    });
    const oldPort = port;
    await app.close();
    const lost = await waitForMessage(page, /connection to the server was lost|can’t be reached/);
    expect(lost.lang).toBe('en');
    // The retries find nobody: the page says the server cannot be reached, with the next wait.
    const down = await waitForMessage(page, /The cubcanvas server can’t be reached right now\. Trying again in \d+ s/);
    expect(down.text).toMatch(/Trying again in [1-9]\d* s/);
    expect(await page.isHidden('#result')).toBe(true);

    await listen(oldPort);
    await waitForPicture(page);
    expect((await message(page)).text).toBe('Your picture is ready!');
    await page.context().close();
  }, 90_000);
});

describe('the API the page is served by', () => {
  it('lists only the caller’s requests, newest first', async () => {
    const r = await api('/v1/images', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: uniquePrompt('lamb'), size: 'small' }),
    });
    expect(r.status).toBe(202);
    const { requestId } = (await r.json()) as { requestId: string };
    const list = await until('the new request listed', async () => {
      const body = (await (await api('/v1/images?limit=50')).json()) as { items: { requestId: string; status: string; createdAt: string }[] };
      return body.items.some((i) => i.requestId === requestId) ? body : undefined;
    });
    expect(list.items[0]!.requestId).toBe(requestId);
    const times = list.items.map((i) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    // Another token's request is in its own list, not in this one.
    const other = await api('/v1/images', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OTHER_TOKEN}` },
      body: JSON.stringify({ prompt: uniquePrompt('calf'), size: 'small' }),
    });
    const otherId = ((await other.json()) as { requestId: string }).requestId;
    const otherList = await until('the other request listed', async () => {
      const body = (await (await api('/v1/images?limit=50', { headers: { authorization: `Bearer ${OTHER_TOKEN}` } })).json()) as {
        items: { requestId: string }[];
      };
      return body.items.length > 0 ? body : undefined;
    });
    expect(otherList.items.map((i) => i.requestId)).toEqual([otherId]);
    const mine = (await (await api('/v1/images?limit=50')).json()) as { items: { requestId: string }[] };
    expect(mine.items.map((i) => i.requestId)).not.toContain(otherId);
    expect(mine.items.map((i) => i.requestId)).toContain(requestId);
    await until(
      'the lamb finished',
      async () => (((await (await api(`/v1/images/${requestId}`)).json()) as { status: string }).status !== 'running' ? true : undefined),
      60_000,
    );
  });
});
