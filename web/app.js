// The page: submit a prompt, follow its progress, show the picture, list recent ones.
// Text is always inserted with textContent, never as markup.
import { apiFetch, apiJson, ApiProblemError, pictureUrl, savedToken, saveToken, UnreachableError } from './api.js';
import { followEvents } from './events.js';
import { failureMessage, pageLanguage, promptLanguage, rejectionMessage, SIZE_NAMES, STYLE_NAMES, TEXT } from './messages.js';

const $ = (id) => document.getElementById(id);
const ui = pageLanguage();
const STEP_WEIGHTS = { screen: 5, cache: 5, render: 65, validate: 7, watermark: 6, publish: 6, cost: 6 };
const PROMPTS_KEY = 'cubcanvas.prompts';
const GALLERY_LIMIT = 12;

let current; // { requestId, lang, controller, percent }
const ownedUrls = new Map(); // requestId -> blob: URL of its picture

// ---- language ---------------------------------------------------------------------------------

function localize() {
  const t = TEXT[ui];
  document.documentElement.lang = ui === 'zh' ? 'zh-CN' : 'en';
  document.title = t.title;
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t[el.dataset.t];
  for (const el of document.querySelectorAll('[data-t-placeholder]')) el.placeholder = t[el.dataset.tPlaceholder];
  for (const option of $('size').options) option.textContent = `${SIZE_NAMES[ui][option.value]} · ${option.dataset.w}×${option.dataset.h}`;
  for (const option of $('style').options) option.textContent = STYLE_NAMES[ui][option.value];
}

// ---- messages and progress ----------------------------------------------------------------------

function say(text, lang, kind = 'warn') {
  const box = $('message');
  box.textContent = text;
  box.lang = lang === 'zh' ? 'zh-CN' : 'en';
  box.classList.toggle('ok', kind === 'ok');
  box.dataset.kind = kind;
  box.hidden = false;
}

function quiet() {
  $('message').hidden = true;
  $('message').textContent = '';
}

function percentOf(status) {
  if (status.status !== 'running') return 100;
  let p = 0;
  for (const step of status.stepsDone || []) p += STEP_WEIGHTS[step] || 0;
  if (status.step === 'render' && status.render && status.render.max > 0) p += STEP_WEIGHTS.render * Math.min(1, status.render.value / status.render.max);
  return Math.min(99, Math.round(p));
}

function showProgress(step, percent, lang) {
  $('progress-area').hidden = false;
  // Never backwards: a regeneration restarts the render, the bar waits for it to catch up.
  const value = Math.max(current ? current.percent : 0, percent);
  if (current) current.percent = value;
  const bar = $('progress');
  bar.setAttribute('aria-valuenow', String(value));
  const stepText = TEXT[lang].steps[step] || TEXT[lang].steps.render;
  bar.setAttribute('aria-valuetext', `${value}% — ${stepText}`);
  bar.querySelector('.progress-fill').style.width = `${value}%`;
  const label = $('progress-step');
  // Only a change of step is announced (aria-live), not every percent.
  if (label.textContent !== stepText) label.textContent = stepText;
  label.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

function setBusy(busy) {
  $('generate').disabled = busy;
  $('generate').setAttribute('aria-busy', String(busy));
}

function problemText(err, lang) {
  const p = TEXT[lang].problem;
  if (err instanceof UnreachableError) return TEXT[lang].connection.unreachable;
  if (!(err instanceof ApiProblemError)) return p.other(String(err && err.message));
  switch (err.name) {
    case 'Unauthorized':
      $('token-box').open = true;
      return p.Unauthorized;
    case 'RateLimited':
    case 'Overloaded':
      return p[err.name](err.retryAfter || 5);
    case 'Forbidden':
    case 'QuotaExceeded':
    case 'TemporalUnavailable':
      return p[err.name];
    case 'InvalidRequest':
      return p.InvalidRequest(err.problems.join('; ') || err.message);
    default:
      return p.other(err.message);
  }
}

// ---- prompts remembered for alt text ------------------------------------------------------------

function rememberedPrompts() {
  try {
    return JSON.parse(localStorage.getItem(PROMPTS_KEY) || '{}');
  } catch {
    return {};
  }
}

function rememberPrompt(requestId, prompt) {
  const all = rememberedPrompts();
  all[requestId] = prompt;
  const ids = Object.keys(all);
  for (const old of ids.slice(0, Math.max(0, ids.length - 100))) delete all[old];
  try {
    localStorage.setItem(PROMPTS_KEY, JSON.stringify(all));
  } catch {
    /* storage full or disabled: alt text falls back to the date */
  }
}

function altText(requestId, createdAt, lang = ui) {
  const prompt = rememberedPrompts()[requestId];
  if (prompt) return TEXT[lang].pictureAlt(prompt);
  const when = createdAt ? new Date(createdAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') : '';
  return TEXT[lang].pictureAltUnknown(when);
}

// ---- the picture ------------------------------------------------------------------------------

async function pictureFor(status) {
  if (ownedUrls.has(status.requestId)) return ownedUrls.get(status.requestId);
  const { url, owned } = await pictureUrl(status);
  if (owned) ownedUrls.set(status.requestId, url);
  return url;
}

async function showPicture(status, lang) {
  const url = await pictureFor(status);
  const img = $('picture');
  img.alt = altText(status.requestId, undefined, lang);
  img.src = url;
  const cost = status.cost;
  const seconds = cost ? Number(cost.gpuSeconds.toFixed(1)) : 0;
  $('cost').textContent =
    !cost || (cost.amount === 0 && status.result && status.result.cacheHit)
      ? TEXT[lang].costFree
      : TEXT[lang].cost(cost.amount.toFixed(4), cost.currency, seconds);
  const preview = $('preview-note');
  preview.hidden = !(status.result && status.result.preview);
  preview.textContent = TEXT[lang].preview;
  const link = $('download');
  link.href = url;
  link.download = `cubcanvas-${status.requestId}.png`;
  $('result').hidden = false;
}

// ---- one request ------------------------------------------------------------------------------

async function finish(final, lang) {
  const status = final.status;
  if (final.type === 'completed') {
    showProgress('done', 100, lang);
    await showPicture(status, lang);
    // The bar has done its job: the message says it once, not twice.
    $('progress-area').hidden = true;
    say(TEXT[lang].steps.done, lang, 'ok');
    // On a phone the picture lands below the fold: bring it up (focus stays where it was).
    if ($('result').getBoundingClientRect().top > innerHeight * 0.6) $('result').scrollIntoView({ block: 'start' });
  } else if (final.type === 'rejected') {
    $('progress-area').hidden = true;
    const category = status.result && status.result.category;
    say(rejectionMessage(lang, category), lang);
  } else {
    $('progress-area').hidden = true;
    say(failureMessage(lang, final.type, status.error && status.error.type), lang);
  }
}

async function follow(requestId, lang) {
  const controller = new AbortController();
  current = { requestId, lang, controller, percent: 0 };
  const final = await followEvents(`/v1/images/${encodeURIComponent(requestId)}/events`, {
    token: savedToken(),
    signal: controller.signal,
    onStatus: (s) => showProgress(s.step, percentOf(s), lang),
    onTrouble: ({ kind, delayMs }) => {
      const c = TEXT[lang].connection;
      say(kind === 'down' ? c.down(Math.round(delayMs / 1000)) : kind === 'service' ? c.serviceAway : c.lost(Math.round(delayMs / 1000)), lang);
    },
    onRecovered: () => say(TEXT[lang].connection.back, lang, 'ok'),
  });
  await finish(final, lang);
}

/** A random request id. crypto.randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere. */
function newRequestId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

async function submit(event) {
  event.preventDefault();
  const prompt = $('prompt').value.trim();
  const lang = promptLanguage(prompt, ui);
  if (!prompt) {
    say(TEXT[lang].emptyPrompt, lang);
    $('prompt').focus();
    return;
  }
  if (current) current.controller.abort();
  current = undefined;
  setBusy(true);
  quiet();
  $('result').hidden = true;
  $('progress').setAttribute('aria-valuenow', '0');
  showProgress('start', 0, lang);
  try {
    const body = { prompt, size: $('size').value, style: $('style').value };
    // A fresh id per press: a retried POST (a double click, a flaky network) is the same request.
    const requestId = newRequestId();
    const started = await apiJson('/v1/images', { method: 'POST', json: body, headers: { 'idempotency-key': requestId } });
    rememberPrompt(started.requestId, prompt);
    void refreshGallery();
    await follow(started.requestId, lang);
  } catch (err) {
    if (err && err.name === 'AbortError') return;
    $('progress-area').hidden = true;
    say(problemText(err, lang), lang);
  } finally {
    setBusy(false);
    void refreshGallery();
  }
}

// ---- gallery ----------------------------------------------------------------------------------

let galleryRun = 0;
let galleryTimer;

async function refreshGallery() {
  const run = ++galleryRun;
  let list;
  try {
    list = await apiJson(`/v1/images?limit=${GALLERY_LIMIT}`);
  } catch {
    return; // the main area already says what is wrong; an empty gallery says nothing false
  }
  if (run !== galleryRun) return;
  const items = list.items.filter((i) => i.status === 'completed' || i.status === 'running');
  const ul = $('gallery');
  $('gallery-empty').hidden = items.length > 0;
  const entries = [];
  const lis = items.map((item) => {
    const li = document.createElement('li');
    li.dataset.requestId = item.requestId;
    li.dataset.status = item.status;
    if (item.status === 'running') {
      const box = document.createElement('div');
      box.className = 'running';
      box.textContent = TEXT[ui].galleryRunning;
      li.append(box);
      return li;
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.title = TEXT[ui].galleryShow;
    const img = document.createElement('img');
    img.alt = altText(item.requestId, item.createdAt);
    button.append(img);
    button.addEventListener('click', () => void showFromGallery(item.requestId));
    li.append(button);
    entries.push({ item, img });
    return li;
  });
  // Swapped in one go, so the list never flickers empty while it is rebuilt.
  ul.replaceChildren(...lis);
  // Pictures still being drawn (here or in another tab): look again in a while.
  clearTimeout(galleryTimer);
  if (items.some((i) => i.status === 'running')) galleryTimer = setTimeout(() => void refreshGallery(), 3000);
  for (const { item, img } of entries) {
    if (run !== galleryRun) return;
    try {
      // The status gives a presigned URL when the store has them (S3), else the picture is fetched.
      img.src = ownedUrls.get(item.requestId) || (await pictureFor(await apiJson(item.links.self)));
    } catch {
      /* a picture that cannot be loaded keeps its alt text */
    }
  }
}

async function showFromGallery(requestId) {
  try {
    const status = await apiJson(`/v1/images/${encodeURIComponent(requestId)}`);
    const prompt = rememberedPrompts()[requestId] || '';
    await showPicture(status, promptLanguage(prompt, ui));
    $('result').scrollIntoView({ behavior: 'smooth', block: 'start' });
    $('download').focus();
  } catch (err) {
    say(problemText(err, ui), ui);
  }
}

// ---- start ------------------------------------------------------------------------------------

function start() {
  localize();
  const token = $('token');
  token.value = savedToken();
  token.addEventListener('change', () => {
    saveToken(token.value.trim());
    say(TEXT[ui].tokenSaved, ui, 'ok');
    void refreshGallery();
  });
  $('token-forget').addEventListener('click', () => {
    token.value = '';
    saveToken('');
    say(TEXT[ui].tokenForgotten, ui, 'ok');
  });
  $('generate-form').addEventListener('submit', (e) => void submit(e));
  // Enter sends, Shift+Enter is a new line; Enter that confirms an input method's candidate
  // (typing Chinese with pinyin) must not send a half-typed prompt.
  $('prompt').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      $('generate-form').requestSubmit();
    }
  });
  void refreshGallery();
  // The server may be down when the page loads (it was cached): say so plainly.
  apiFetch('/healthz').catch((err) => {
    if (err instanceof UnreachableError) say(TEXT[ui].connection.unreachable, ui);
  });
}

start();
