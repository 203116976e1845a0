// The ComfyUI double as a process of its own, for the runner's "start ComfyUI" path:
//   FAKE_COMFYUI_PORT=8188 node --import tsx test/support/fake-comfyui-main.ts
import { FakeComfyUi } from './fake-comfyui';

const fake = new FakeComfyUi();
fake.port = Number(process.env.FAKE_COMFYUI_PORT ?? 8188);
// A real ComfyUI takes 10-15 s to boot; a short delay keeps the runner's wait honest.
setTimeout(() => void fake.start().then(() => process.stdout.write(`fake ComfyUI on ${fake.url}\n`)), Number(process.env.FAKE_COMFYUI_BOOT_MS ?? 500));
process.once('SIGTERM', () => void fake.stop().then(() => process.exit(0)));
