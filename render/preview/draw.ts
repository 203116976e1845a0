// Draws a simple cartoon animal as SVG, rasterised by sharp: the CPU "preview" renderer used when
// no GPU is configured. Pictures vary with the seed (sky, sun, clouds, pose, flowers) and always
// carry a PREVIEW badge so that nobody mistakes them for model output.
import sharp from 'sharp';
import { xmlEscape } from '../../imaging/svg';
import type { AnimalLook } from './animals';
import { seededRandom } from './rng';

const INK = '#3b2f35';
const STROKE = `stroke="${INK}" stroke-width="9" stroke-linejoin="round"`;

function hsl(h: number, s: number, l: number): string {
  return `hsl(${Math.round(h)}, ${Math.round(s)}%, ${Math.round(l)}%)`;
}

function ears(a: AnimalLook): string {
  const pair = (left: string) => `${left}<g transform="scale(-1,1)">${left}</g>`;
  switch (a.ears) {
    case 'round':
      return pair(
        `<circle cx="-135" cy="-655" r="72" fill="${a.fur === '#ffffff' ? a.limbs : a.fur}" ${STROKE}/><circle cx="-135" cy="-655" r="38" fill="${a.earInner}"/>`,
      );
    case 'pointy':
      return pair(`<path d="M-175,-560 L-150,-735 L-55,-640 Z" fill="${a.fur}" ${STROKE}/><path d="M-150,-590 L-140,-690 L-88,-638 Z" fill="${a.earInner}"/>`);
    case 'long':
      return pair(
        `<ellipse cx="-75" cy="-760" rx="48" ry="150" fill="${a.fur}" ${STROKE}/><ellipse cx="-75" cy="-750" rx="24" ry="110" fill="${a.earInner}"/>`,
      );
    case 'floppy':
      return pair(`<ellipse cx="-185" cy="-470" rx="62" ry="125" transform="rotate(18,-185,-470)" fill="${a.earInner}" ${STROKE}/>`);
    case 'big':
      return pair(`<circle cx="-195" cy="-560" r="120" fill="${a.fur}" ${STROKE}/><circle cx="-195" cy="-560" r="72" fill="${a.earInner}"/>`);
    case 'tufts':
      return pair(`<path d="M-150,-640 L-175,-760 L-70,-675 Z" fill="${a.fur}" ${STROKE}/>`);
    case 'none':
      return '';
  }
}

function face(a: AnimalLook, rnd: () => number): string {
  const f = new Set(a.features);
  const parts: string[] = [];
  const eyeY = f.has('eyesOnTop') ? -650 : -520;
  if (f.has('eyesOnTop'))
    parts.push(`<circle cx="-85" cy="-660" r="70" fill="${a.fur}" ${STROKE}/><circle cx="85" cy="-660" r="70" fill="${a.fur}" ${STROKE}/>`);
  if (f.has('faceMask')) parts.push(`<ellipse cx="0" cy="-450" rx="150" ry="110" fill="${a.belly}"/>`);
  if (f.has('eyePatches'))
    parts.push(
      `<ellipse cx="-78" cy="-515" rx="52" ry="66" transform="rotate(25,-78,-515)" fill="${a.limbs}"/><ellipse cx="78" cy="-515" rx="52" ry="66" transform="rotate(-25,78,-515)" fill="${a.limbs}"/>`,
    );
  const look = (rnd() - 0.5) * 10;
  for (const x of [-78, 78]) {
    parts.push(
      `<circle cx="${x + look}" cy="${eyeY}" r="31" fill="${INK}"/><circle cx="${x + look + 10}" cy="${eyeY - 12}" r="11" fill="#ffffff"/><circle cx="${x + look - 9}" cy="${eyeY + 10}" r="5" fill="#ffffff"/>`,
    );
  }
  parts.push(
    `<ellipse cx="-135" cy="-430" rx="36" ry="22" fill="#ff8fa8" opacity="0.55"/><ellipse cx="135" cy="-430" rx="36" ry="22" fill="#ff8fa8" opacity="0.55"/>`,
  );
  if (f.has('beak')) {
    parts.push(`<path d="M-45,-455 Q0,-500 45,-455 Q0,-395 -45,-455 Z" fill="${a.limbs}" ${STROKE}/>`);
  } else if (f.has('trunk')) {
    parts.push(`<path d="M-40,-470 Q-45,-300 60,-300 Q95,-300 90,-335 Q40,-330 40,-470 Z" fill="${a.fur}" ${STROKE}/>`);
  } else {
    if (f.has('snout')) parts.push(`<ellipse cx="0" cy="-440" rx="78" ry="56" fill="${a.belly}" ${STROKE}/>`);
    if (f.has('bigNose')) parts.push(`<ellipse cx="0" cy="-455" rx="42" ry="55" fill="${INK}"/>`);
    else parts.push(`<ellipse cx="0" cy="-462" rx="22" ry="15" fill="${INK}"/>`);
    parts.push(`<path d="M-38,-425 Q-19,-395 0,-425 Q19,-395 38,-425" fill="none" stroke="${INK}" stroke-width="8" stroke-linecap="round"/>`);
  }
  if (f.has('whiskers')) {
    for (const side of [-1, 1]) {
      parts.push(
        `<path d="M${side * 70},-440 L${side * 185},-460 M${side * 70},-425 L${side * 190},-420" stroke="${INK}" stroke-width="5" stroke-linecap="round"/>`,
      );
    }
  }
  return parts.join('');
}

function standingAnimal(a: AnimalLook, rnd: () => number): string {
  const f = new Set(a.features);
  const parts: string[] = [];
  if (f.has('mane')) {
    const tufts = Array.from({ length: 14 }, (_, i) => {
      const t = (i / 14) * Math.PI * 2;
      return `<circle cx="${Math.cos(t) * 205}" cy="${-500 + Math.sin(t) * 205}" r="70" fill="#d9822b" ${STROKE}/>`;
    });
    parts.push(tufts.join(''));
  }
  parts.push(
    `<ellipse cx="-105" cy="-30" rx="80" ry="45" fill="${a.limbs}" ${STROKE}/><ellipse cx="105" cy="-30" rx="80" ry="45" fill="${a.limbs}" ${STROKE}/>`,
  );
  const wave = (rnd() - 0.5) * 40;
  parts.push(`<ellipse cx="-185" cy="-250" rx="55" ry="105" transform="rotate(${25 + wave},-185,-250)" fill="${a.limbs}" ${STROKE}/>`);
  parts.push(`<ellipse cx="185" cy="-250" rx="55" ry="105" transform="rotate(${-25 - wave},185,-250)" fill="${a.limbs}" ${STROKE}/>`);
  parts.push(`<ellipse cx="0" cy="-215" rx="190" ry="200" fill="${a.fur}" ${STROKE}/>`);
  if (f.has('wool'))
    for (let i = 0; i < 9; i++)
      parts.push(`<circle cx="${-140 + (i % 3) * 140}" cy="${-320 + Math.floor(i / 3) * 100}" r="62" fill="${a.fur}" stroke="#e6dccb" stroke-width="6"/>`);
  parts.push(`<ellipse cx="0" cy="-185" rx="120" ry="130" fill="${a.belly}"/>`);
  parts.push(ears(a));
  parts.push(`<circle cx="0" cy="-500" r="195" fill="${a.fur}" ${STROKE}/>`);
  if (f.has('stripes'))
    parts.push(
      `<path d="M-30,-690 Q0,-640 30,-690 M-150,-560 Q-110,-545 -160,-520 M150,-560 Q110,-545 160,-520" fill="none" stroke="${INK}" stroke-width="12" stroke-linecap="round"/>`,
    );
  if (f.has('spots'))
    for (let i = 0; i < 6; i++)
      parts.push(`<circle cx="${(rnd() - 0.5) * 200}" cy="${-260 + (rnd() - 0.5) * 160}" r="${10 + rnd() * 10}" fill="${a.limbs}" opacity="0.5"/>`);
  parts.push(face(a, rnd));
  return parts.join('');
}

function birdAnimal(a: AnimalLook, rnd: () => number): string {
  const parts: string[] = [];
  parts.push(`<ellipse cx="-75" cy="-25" rx="60" ry="30" fill="${a.limbs}" ${STROKE}/><ellipse cx="75" cy="-25" rx="60" ry="30" fill="${a.limbs}" ${STROKE}/>`);
  parts.push(ears(a));
  parts.push(`<ellipse cx="0" cy="-360" rx="230" ry="330" fill="${a.fur}" ${STROKE}/>`);
  parts.push(`<ellipse cx="0" cy="-250" rx="160" ry="210" fill="${a.belly}"/>`);
  const flap = (rnd() - 0.5) * 30;
  parts.push(`<ellipse cx="-225" cy="-300" rx="50" ry="130" transform="rotate(${20 + flap},-225,-300)" fill="${a.fur}" ${STROKE}/>`);
  parts.push(`<ellipse cx="225" cy="-300" rx="50" ry="130" transform="rotate(${-20 - flap},225,-300)" fill="${a.fur}" ${STROKE}/>`);
  parts.push(`<ellipse cx="0" cy="-505" rx="150" ry="120" fill="${a.belly}"/>`);
  if (a.features.includes('spots'))
    for (let i = 0; i < 6; i++) parts.push(`<path d="M${-90 + i * 36},-250 q10,18 20,0" fill="none" stroke="${INK}" stroke-width="5"/>`);
  parts.push(face(a, rnd));
  return parts.join('');
}

function whaleAnimal(a: AnimalLook, rnd: () => number): string {
  const spout = 0.5 + rnd() * 0.5;
  return [
    `<path d="M0,-760 q-40,-60 -90,-40 M0,-760 q40,-60 90,-40 M0,-760 L0,-640" fill="none" stroke="#7fc8f8" stroke-width="18" stroke-linecap="round" opacity="${spout}"/>`,
    `<path d="M300,-260 Q420,-420 460,-330 Q420,-300 470,-180 Q390,-220 300,-200 Z" fill="${a.fur}" ${STROKE}/>`,
    `<ellipse cx="0" cy="-330" rx="340" ry="250" fill="${a.fur}" ${STROKE}/>`,
    `<ellipse cx="0" cy="-230" rx="260" ry="130" fill="${a.belly}"/>`,
    `<ellipse cx="-120" cy="-150" rx="90" ry="40" transform="rotate(-20,-120,-150)" fill="${a.fur}" ${STROKE}/>`,
    `<g transform="translate(-60,150)">${face(a, rnd)}</g>`,
  ].join('');
}

export interface PreviewScene {
  animal: AnimalLook;
  width: number;
  height: number;
  seed: number;
}

export function previewSvg({ animal, width, height, seed }: PreviewScene): string {
  const rnd = seededRandom(seed);
  const unit = Math.min(width, height) / 1000;
  const hue = rnd() * 360;
  const skyTop = hsl(hue, 70, 80);
  const skyBottom = hsl(hue + 30, 75, 90);
  const hill = hsl(95 + rnd() * 40, 50, 62);
  const groundY = height * 0.8;
  const cloud = (cx: number, cy: number, r: number) =>
    `<g fill="#ffffff" opacity="0.9"><circle cx="${cx}" cy="${cy}" r="${r}"/><circle cx="${cx + r}" cy="${cy + r * 0.2}" r="${r * 0.8}"/><circle cx="${cx - r}" cy="${cy + r * 0.25}" r="${r * 0.7}"/></g>`;
  const clouds = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => cloud(rnd() * width, height * (0.08 + rnd() * 0.25), (40 + rnd() * 40) * unit)).join(
    '',
  );
  const sunLeft = rnd() < 0.5;
  const sun = `<circle cx="${sunLeft ? width * 0.14 : width * 0.86}" cy="${height * 0.15}" r="${70 * unit}" fill="#ffd35c" stroke="#f7b731" stroke-width="${8 * unit}"/>`;
  const flowers = Array.from({ length: 6 + Math.floor(rnd() * 8) }, () => {
    const x = rnd() * width;
    const y = groundY + rnd() * (height - groundY);
    const c = hsl(rnd() * 360, 80, 75);
    return `<circle cx="${x}" cy="${y}" r="${14 * unit}" fill="${c}" stroke="${INK}" stroke-width="${3 * unit}"/><circle cx="${x}" cy="${y}" r="${5 * unit}" fill="#ffd35c"/>`;
  }).join('');
  const scale = unit * (0.78 + rnd() * 0.17);
  const ax = width / 2 + (rnd() - 0.5) * width * 0.15;
  const tilt = (rnd() - 0.5) * 10;
  const body = animal.body === 'bird' ? birdAnimal(animal, rnd) : animal.body === 'whale' ? whaleAnimal(animal, rnd) : standingAnimal(animal, rnd);
  const badge = Math.max(12, Math.round(28 * unit));
  const badgeText = `PREVIEW · ${animal.id}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${skyTop}"/><stop offset="1" stop-color="${skyBottom}"/></linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#sky)"/>
${sun}${clouds}
<ellipse cx="${width / 2}" cy="${height * 1.12}" rx="${width * 0.85}" ry="${height * 0.4}" fill="${hill}" stroke="${INK}" stroke-width="${6 * unit}"/>
${flowers}
<g transform="translate(${ax},${groundY + 40 * unit}) scale(${scale}) rotate(${tilt})">${body}</g>
<g><rect x="${badge * 0.6}" y="${badge * 0.6}" width="${badge * (badgeText.length * 0.66 + 1)}" height="${badge * 1.6}" rx="${badge * 0.4}" fill="#ffffff" fill-opacity="0.8" stroke="${INK}" stroke-width="2"/>
<text x="${badge * 1.1}" y="${badge * 1.85}" font-family="DejaVu Sans, sans-serif" font-size="${badge}" font-weight="bold" fill="${INK}">${xmlEscape(badgeText)}</text></g>
</svg>`;
}

export async function drawPreview(scene: PreviewScene): Promise<Buffer> {
  return sharp(Buffer.from(previewSvg(scene)))
    .png({ compressionLevel: 6 })
    .toBuffer();
}
