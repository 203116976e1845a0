// The ComfyUI double as a process of its own, for the runner's "start ComfyUI" path:
//   FAKE_COMFYUI_PORT=8188 node --import tsx test/support/fake-comfyui-main.ts
// FAKE_COMFYUI_BOOT_MS, FAKE_COMFYUI_STEP_MS and FAKE_COMFYUI_MODEL_LOAD_MS set its pace.
import { FakeComfyUi } from './fake-comfyui';

const fake = new FakeComfyUi();
fake.port = Number(process.env.FAKE_COMFYUI_PORT ?? 8188);
// A GPU's pace, for benchmarks that play the article's times (bench/batch-economics.ts).
if (process.env.FAKE_COMFYUI_STEP_MS) fake.behaviour.stepMs = Number(process.env.FAKE_COMFYUI_STEP_MS);
if (process.env.FAKE_COMFYUI_MODEL_LOAD_MS) fake.behaviour.modelLoadMs = Number(process.env.FAKE_COMFYUI_MODEL_LOAD_MS);
// A real ComfyUI takes 10-15 s to boot; a short delay keeps the runner's wait honest.
setTimeout(() => void fake.start().then(() => process.stdout.write(`fake ComfyUI on ${fake.url}\n`)), Number(process.env.FAKE_COMFYUI_BOOT_MS ?? 500));
process.once('SIGTERM', () => void fake.stop().then(() => process.exit(0)));
