// Every sentence the page shows, in English and Chinese. A rejection is told by its category only:
// the API's reason text names the matched word, which a child should not see repeated back.

/** @typedef {'en' | 'zh'} Lang */

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]/;

/** The page's own language, from the browser's preference. */
export function pageLanguage(languages = navigator.languages || [navigator.language]) {
  for (const tag of languages) {
    const t = String(tag).toLowerCase();
    if (t.startsWith('zh')) return 'zh';
    if (t.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The language to answer a prompt in: its script first (a Chinese prompt gets Chinese), else the page's. */
export function promptLanguage(prompt, fallback) {
  if (HAN.test(prompt)) return 'zh';
  if (LATIN.test(prompt)) return 'en';
  return fallback;
}

export const TEXT = {
  en: {
    title: 'cubcanvas',
    tagline: 'Gentle cartoon-animal pictures for children’s stories',
    promptLabel: 'What should we draw?',
    promptHint: 'One animal and what it is doing, in English or Chinese. Up to 500 characters.',
    promptPlaceholder: 'a cute baby panda on a grassy hill',
    sizeLabel: 'Size',
    styleLabel: 'Style',
    generate: 'Draw my picture',
    tokenSummary: 'Access token (only if your server needs one)',
    tokenLabel: 'Token',
    tokenHint: 'Kept in this browser only and sent to this server with each request.',
    tokenForget: 'Forget token',
    tokenSaved: 'Token saved in this browser.',
    tokenForgotten: 'Token removed from this browser.',
    resultTitle: 'Your picture',
    progressLabel: 'Drawing progress',
    download: 'Download picture',
    galleryTitle: 'Your recent pictures',
    galleryEmpty: 'Pictures you make will appear here.',
    galleryRunning: 'Still drawing…',
    galleryShow: 'Show this picture',
    pictureAlt: (prompt) => `Cartoon picture: ${prompt}`,
    pictureAltUnknown: (when) => `Cartoon picture made ${when}`,
    cost: (amount, currency, seconds) => `Cost: ${amount} ${currency} (${seconds} GPU-seconds)`,
    costFree: 'Cost: free (this picture was already drawn and came from the cache)',
    preview: 'Preview drawing (no AI model on this server)',
    steps: {
      start: 'Sending your idea…',
      screen: 'Checking the idea is right for children…',
      cache: 'Looking for a picture we already drew…',
      render: 'Drawing…',
      validate: 'Checking the picture came out well…',
      watermark: 'Adding the little watermark…',
      publish: 'Saving your picture…',
      cost: 'Finishing up…',
      done: 'Your picture is ready!',
    },
    emptyPrompt: 'Please type an idea for the picture first.',
    rejected: {
      violence: 'Let’s keep it gentle: we don’t draw fighting or anyone getting hurt. How about the animal playing, dancing or having a picnic?',
      weapons: 'We don’t draw weapons. Try giving the animal a balloon, a flower or a favourite toy instead.',
      gore: 'We don’t draw blood or injuries. How about a happy, cosy scene instead?',
      horror: 'That sounds a bit too scary for little ones. Try a friendly, sunny version of the idea.',
      drugs: 'We can’t draw drugs. How about the animal enjoying fruit or a cup of warm milk?',
      alcohol: 'We don’t draw alcohol. A glass of juice or lemonade would be lovely instead.',
      smoking: 'We don’t draw smoking. Maybe the animal could blow soap bubbles instead?',
      sexual: 'We can only draw pictures that are right for children. Please try a different idea.',
      'self-harm': 'We won’t draw anyone hurting themselves. If you or someone you know is having a hard time, please talk to a grown-up you trust.',
      hate: 'We draw pictures that are kind to everyone, so we can’t draw that. Try an idea about friendship.',
      terrorism: 'We can’t draw that. How about animals working together to build something?',
      moderation_unavailable: 'We couldn’t check this idea just now, so we didn’t draw it. Please try again in a little while.',
      other: 'That idea isn’t right for a children’s picture. Please try a different one.',
    },
    failed: {
      UnsafeImage: 'The picture didn’t pass our safety check, so we didn’t keep it. Please try a different idea.',
      ImageQualityFailed: 'The picture didn’t come out clearly, even after a few tries. Please try again or change the idea a little.',
      RenderTimedOut: 'Drawing took too long and was stopped. Please try again.',
      cancelled: 'This picture was cancelled.',
      other: 'Something went wrong while drawing — it’s not your fault. Please try again.',
    },
    problem: {
      Unauthorized: 'This server needs an access token. Please enter yours under “Access token”.',
      Forbidden: 'That picture belongs to someone else’s token.',
      RateLimited: (s) => `That’s a lot of pictures at once! Please wait ${s} seconds and try again.`,
      QuotaExceeded: 'You’ve made all of today’s pictures. Please come back tomorrow.',
      Overloaded: (s) => `We’re very busy right now. Please try again in ${s} seconds.`,
      TemporalUnavailable: 'The drawing service is having a rest. Please try again in a moment.',
      InvalidRequest: (detail) => `The request wasn’t accepted: ${detail}`,
      other: (detail) => `Something went wrong: ${detail}`,
    },
    connection: {
      lost: (s) => `The connection to the server was lost. Trying again in ${s} s…`,
      down: (s) => `The cubcanvas server can’t be reached right now. Trying again in ${s} s…`,
      serviceAway: 'The drawing service is briefly unavailable; still waiting for your picture…',
      back: 'Connected again.',
      unreachable: 'The cubcanvas server can’t be reached. Please check it is running and try again.',
    },
  },
  zh: {
    title: 'cubcanvas 小画布',
    tagline: '为儿童故事画温柔可爱的卡通小动物',
    promptLabel: '想画什么？',
    promptHint: '写一只小动物和它在做什么，中文或英文都可以，最多 500 个字。',
    promptPlaceholder: '草地上可爱的熊猫宝宝',
    sizeLabel: '尺寸',
    styleLabel: '风格',
    generate: '画我的图',
    tokenSummary: '访问令牌（只有服务器要求时才需要）',
    tokenLabel: '令牌',
    tokenHint: '只保存在这个浏览器里，每次请求时发送给这个服务器。',
    tokenForget: '删除令牌',
    tokenSaved: '令牌已保存在这个浏览器里。',
    tokenForgotten: '令牌已从这个浏览器删除。',
    resultTitle: '你的图画',
    progressLabel: '绘画进度',
    download: '下载图画',
    galleryTitle: '最近的图画',
    galleryEmpty: '你画的图会出现在这里。',
    galleryRunning: '还在画…',
    galleryShow: '查看这张图',
    pictureAlt: (prompt) => `卡通图画：${prompt}`,
    pictureAltUnknown: (when) => `${when} 画的卡通图画`,
    cost: (amount, currency, seconds) => `费用：${amount} ${currency}（GPU ${seconds} 秒）`,
    costFree: '费用：免费（这张图以前画过，直接从缓存取出）',
    preview: '预览画（这个服务器没有 AI 模型）',
    steps: {
      start: '正在发送你的想法…',
      screen: '正在检查这个想法适不适合小朋友…',
      cache: '正在找找以前有没有画过…',
      render: '正在画…',
      validate: '正在检查图画效果…',
      watermark: '正在加上小水印…',
      publish: '正在保存你的图画…',
      cost: '马上就好…',
      done: '你的图画画好啦！',
    },
    emptyPrompt: '请先写下想画的内容。',
    rejected: {
      violence: '我们只画温柔的画面，不画打架或受伤。让小动物玩耍、跳舞或者野餐怎么样？',
      weapons: '我们不画武器。试试让小动物拿着气球、花朵或者心爱的玩具吧！',
      gore: '我们不画流血或受伤的样子。换一个开心、温暖的场景怎么样？',
      horror: '这个对小朋友来说有点吓人。试试换成友好、阳光的版本吧！',
      drugs: '我们不能画毒品。让小动物吃水果或者喝一杯热牛奶怎么样？',
      alcohol: '我们不画酒。换成一杯果汁或柠檬水就很好！',
      smoking: '我们不画吸烟。让小动物吹肥皂泡泡怎么样？',
      sexual: '我们只画适合小朋友的图画，请换一个想法吧。',
      'self-harm': '我们不画伤害自己的画面。如果你或身边的人正在难过，请和你信任的大人聊一聊。',
      hate: '我们的画对每个人都友善，所以不能画这个。试试画关于友谊的故事吧！',
      terrorism: '我们不能画这个。画小动物们一起搭建东西怎么样？',
      moderation_unavailable: '现在暂时无法检查这个想法，所以没有画。请过一会儿再试。',
      other: '这个想法不适合儿童图画，请换一个试试。',
    },
    failed: {
      UnsafeImage: '这张图没有通过安全检查，所以没有保留。请换一个想法试试。',
      ImageQualityFailed: '试了几次，图画都不够清楚。请再试一次，或者稍微改一下想法。',
      RenderTimedOut: '画得太久，已经停止了。请再试一次。',
      cancelled: '这张图已经取消了。',
      other: '画画的时候出了点问题，不是你的错。请再试一次。',
    },
    problem: {
      Unauthorized: '这个服务器需要访问令牌，请在“访问令牌”里填写。',
      Forbidden: '这张图属于别的令牌。',
      RateLimited: (s) => `一下子画得太多啦！请等 ${s} 秒再试。`,
      QuotaExceeded: '今天的图画已经画完了，明天再来吧。',
      Overloaded: (s) => `现在太忙了，请 ${s} 秒后再试。`,
      TemporalUnavailable: '绘画服务正在休息，请稍后再试。',
      InvalidRequest: (detail) => `请求没有被接受：${detail}`,
      other: (detail) => `出了点问题：${detail}`,
    },
    connection: {
      lost: (s) => `和服务器的连接断开了，${s} 秒后重新连接…`,
      down: (s) => `现在连不上 cubcanvas 服务器，${s} 秒后再试…`,
      serviceAway: '绘画服务暂时不可用，还在等你的图画…',
      back: '已重新连接。',
      unreachable: '连不上 cubcanvas 服务器，请确认它正在运行后再试。',
    },
  },
};

export const SIZE_NAMES = {
  en: { square: 'Square', landscape: 'Landscape', portrait: 'Portrait', book: 'Book page', 'book-portrait': 'Book page, upright', small: 'Small (quick)' },
  zh: { square: '正方形', landscape: '横版', portrait: '竖版', book: '绘本页', 'book-portrait': '竖版绘本页', small: '小图（更快）' },
};

export const STYLE_NAMES = {
  en: { storybook: 'Storybook', flat: 'Flat colours', watercolor: 'Watercolour', crayon: 'Crayon' },
  zh: { storybook: '绘本', flat: '扁平色块', watercolor: '水彩', crayon: '蜡笔' },
};

/** The friendly sentence for a rejection category (never the reason text, which quotes the prompt). */
export function rejectionMessage(lang, category) {
  const table = TEXT[lang].rejected;
  return Object.hasOwn(table, category) ? table[category] : table.other;
}

/** The friendly sentence for a failed request's error type. */
export function failureMessage(lang, state, errorType) {
  const table = TEXT[lang].failed;
  if (state === 'cancelled') return table.cancelled;
  return Object.hasOwn(table, errorType) && errorType !== 'cancelled' ? table[errorType] : table.other;
}
