// A ComfyUI double for tests: real HTTP and WebSocket on loopback, the request and message shapes
// of ComfyUI's server (POST /prompt, GET /history/{id}, /view, /interrupt, /queue, /system_stats,
// /object_info, WS /ws?clientId=…, every route also under /api), and pictures drawn by the preview
// renderer. It can be told to reject a graph, fail mid-run with a CUDA OOM, run slowly, drop its
// WebSockets, or restart (losing queue, history and loaded models, as ComfyUI does).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { loadCatalog, nodeWithRole, validateGraph, type ApiGraph } from '../../render/comfyui/graph';
import { animalForPrompt } from '../../render/preview/animals';
import { drawPreview } from '../../render/preview/draw';
import { normalizePrompt } from '../../domain/screening/normalize';

export interface FakeBehaviour {
  stepMs: number;
  modelLoadMs: number;
  /** The next prompt is rejected with node_errors on this node id. */
  rejectNextOnNode?: string;
  /** The next prompt fails with CUDA out of memory at this sampler step. */
  oomNextAtStep?: number;
  /** Close every WebSocket when the next prompt reaches this step. */
  dropSocketsAtStep?: number;
  /** Restart the whole server when the next prompt reaches this step. */
  restartAtStep?: number;
  /** Model files present on the "disk"; others fail validation like a missing file does. */
  models: string[];
}

interface QueueItem {
  number: number;
  promptId: string;
  clientId: string;
  prompt: ApiGraph;
}

const catalog = loadCatalog();
const ALL_MODELS = ['qwen_image_fp8_e4m3fn.safetensors', 'qwen_2.5_vl_7b_fp8_scaled.safetensors', 'qwen_image_vae.safetensors', 'Qwen-Image-Lightning-8steps-V1.0.safetensors'];
const MODEL_INPUTS = new Set(['unet_name', 'clip_name', 'vae_name', 'lora_name']);

export class FakeComfyUi {
  behaviour: FakeBehaviour = { stepMs: 5, modelLoadMs: 200, models: [...ALL_MODELS] };
  /** Times the models were loaded into (fake) VRAM since the last restart. */
  modelLoads = 0;
  interrupts: (string | undefined)[] = [];
  submitted: { promptId: string; clientId: string; prompt: ApiGraph }[] = [];
  restarts = 0;
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  /** 0: a free port on first start; a restart keeps the port. */
  port = 0;
  private sockets = new Map<string, Set<WebSocket>>();
  private queue: QueueItem[] = [];
  private running: QueueItem | undefined;
  private interrupted = false;
  private history = new Map<string, unknown>();
  private files = new Map<string, Buffer>();
  private counter = 0;
  private loaded = false;
  private generation = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const generation = ++this.generation;
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/ws' && url.pathname !== '/api/ws') return socket.destroy();
      this.wss!.handleUpgrade(req, socket, head, (ws) => {
        const clientId = url.searchParams.get('clientId') ?? randomUUID().replace(/-/g, '');
        if (!this.sockets.has(clientId)) this.sockets.set(clientId, new Set());
        this.sockets.get(clientId)!.add(ws);
        ws.on('close', () => this.sockets.get(clientId)?.delete(ws));
        ws.send(JSON.stringify({ type: 'status', data: { status: { exec_info: { queue_remaining: this.queue.length + (this.running ? 1 : 0) } }, sid: clientId } }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    void this.executor(generation);
  }

  async stop(): Promise<void> {
    this.generation++;
    for (const set of this.sockets.values()) for (const ws of set) ws.terminate();
    this.sockets.clear();
    this.wss?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  /** Like a ComfyUI process restart: queue, history and loaded models are gone; same port. */
  async restart(downMs = 300): Promise<void> {
    await this.stop();
    this.queue = [];
    this.running = undefined;
    this.history.clear();
    this.loaded = false;
    this.modelLoads = 0;
    this.restarts++;
    await sleep(downMs);
    await this.start();
  }

  dropSockets(): void {
    for (const set of this.sockets.values()) for (const ws of set) ws.terminate();
  }

  private send(clientId: string, type: string, data: Record<string, unknown>): void {
    for (const ws of this.sockets.get(clientId) ?? []) ws.send(JSON.stringify({ type, data }));
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  }

  private async body(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString();
    return text ? JSON.parse(text) : {};
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/api(?=\/)/, '');
    if (req.method === 'GET' && path === '/system_stats') {
      return this.json(res, 200, {
        system: { os: 'posix', ram_total: 64 * 2 ** 30, ram_free: 60 * 2 ** 30, comfyui_version: '0.3.66', python_version: '3.12.3', pytorch_version: '2.8.0+cu128', embedded_python: false, argv: ['main.py', '--listen', '127.0.0.1'] },
        devices: [{ name: 'cuda:0 NVIDIA A10G : cudaMallocAsync', type: 'cuda', index: 0, vram_total: 24 * 2 ** 30, vram_free: 23 * 2 ** 30, torch_vram_total: 0, torch_vram_free: 0 }],
      });
    }
    if (req.method === 'GET' && path === '/object_info') return this.json(res, 200, catalog.coreNodes);
    if (req.method === 'GET' && path === '/queue') {
      const row = (q: QueueItem) => [q.number, q.promptId, q.prompt, { client_id: q.clientId }, []];
      return this.json(res, 200, { queue_running: this.running ? [row(this.running)] : [], queue_pending: this.queue.map(row) });
    }
    if (req.method === 'GET' && path.startsWith('/history/')) {
      const id = decodeURIComponent(path.slice('/history/'.length));
      const h = this.history.get(id);
      return this.json(res, 200, h ? { [id]: h } : {});
    }
    if (req.method === 'GET' && path === '/view') {
      const file = this.files.get(`${url.searchParams.get('type')}/${url.searchParams.get('subfolder') ?? ''}/${url.searchParams.get('filename')}`);
      if (!file) return this.json(res, 404, { error: 'not found' });
      res.setHeader('content-type', 'image/png');
      return void res.end(file);
    }
    if (req.method === 'POST' && path === '/interrupt') {
      const body = (await this.body(req)) as { prompt_id?: string };
      this.interrupts.push(body.prompt_id);
      if (!body.prompt_id || body.prompt_id === this.running?.promptId) this.interrupted = true;
      return this.json(res, 200, {});
    }
    if (req.method === 'POST' && path === '/prompt') return this.submit((await this.body(req)) as { prompt?: ApiGraph; client_id?: string; prompt_id?: string }, res);
    return this.json(res, 404, { error: `no route ${req.method} ${url.pathname}` });
  }

  private submit(body: { prompt?: ApiGraph; client_id?: string; prompt_id?: string }, res: ServerResponse): void {
    if (!body.prompt || typeof body.prompt !== 'object') {
      return this.json(res, 400, { error: { type: 'no_prompt', message: 'No prompt provided', details: 'No prompt provided', extra_info: {} }, node_errors: {} });
    }
    const nodeErrors: Record<string, { errors: { type: string; message: string; details: string; extra_info: Record<string, unknown> }[]; dependent_outputs: string[]; class_type: string }> = {};
    const outputs = Object.entries(body.prompt).filter(([, n]) => n.class_type === 'SaveImage').map(([id]) => id);
    const addError = (id: string, type: string, message: string, details: string, input: string) => {
      const node = body.prompt![id]!;
      nodeErrors[id] ??= { errors: [], dependent_outputs: outputs, class_type: node.class_type };
      nodeErrors[id]!.errors.push({ type, message, details, extra_info: { input_name: input } });
    };
    if (this.behaviour.rejectNextOnNode) {
      const id = this.behaviour.rejectNextOnNode;
      this.behaviour.rejectNextOnNode = undefined;
      if (body.prompt[id]) addError(id, 'required_input_missing', 'Required input is missing', 'clip', 'clip');
    }
    for (const [id, node] of Object.entries(body.prompt)) {
      for (const [input, value] of Object.entries(node.inputs ?? {})) {
        if (MODEL_INPUTS.has(input) && !this.behaviour.models.includes(String(value))) {
          addError(id, 'value_not_in_list', 'Value not in list', `${input}: '${value}' not in ${JSON.stringify(this.behaviour.models)}`, input);
        }
      }
    }
    for (const problem of validateGraph(body.prompt, catalog.coreNodes).filter((p) => !p.startsWith('role '))) {
      const id = /^node (\S+)/.exec(problem)?.[1];
      if (id && body.prompt[id]) addError(id, 'invalid_input', 'Invalid input', problem, '');
    }
    if (Object.keys(nodeErrors).length > 0) {
      return this.json(res, 400, { error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '', extra_info: {} }, node_errors: nodeErrors });
    }
    const item: QueueItem = { number: this.counter++, promptId: body.prompt_id ?? randomUUID(), clientId: body.client_id ?? '', prompt: body.prompt };
    this.submitted.push({ promptId: item.promptId, clientId: item.clientId, prompt: item.prompt });
    this.queue.push(item);
    this.json(res, 200, { prompt_id: item.promptId, number: item.number, node_errors: {} });
  }

  private async executor(generation: number): Promise<void> {
    while (generation === this.generation) {
      const item = this.queue.shift();
      if (!item) {
        await sleep(5);
        continue;
      }
      this.running = item;
      this.interrupted = false;
      try {
        await this.execute(item, generation);
      } finally {
        if (this.running === item) this.running = undefined;
      }
    }
  }

  private async execute(item: QueueItem, generation: number): Promise<void> {
    const { promptId, clientId, prompt } = item;
    const messages: [string, Record<string, unknown>][] = [];
    const event = (type: string, data: Record<string, unknown>) => {
      const full = { ...data, prompt_id: promptId };
      if (['execution_start', 'execution_cached', 'execution_success', 'execution_error', 'execution_interrupted'].includes(type)) messages.push([type, { ...full, timestamp: Date.now() }]);
      this.send(clientId, type, full);
    };
    const finish = (statusStr: 'success' | 'error', outputs: Record<string, unknown>) => {
      this.history.set(promptId, { prompt: [item.number, promptId, prompt, { client_id: clientId }, Object.keys(outputs)], outputs, status: { status_str: statusStr, completed: statusStr === 'success', messages }, meta: {} });
    };
    event('execution_start', { timestamp: Date.now() });
    const loaders = Object.entries(prompt).filter(([, n]) => ['UNETLoader', 'CLIPLoader', 'VAELoader', 'LoraLoaderModelOnly'].includes(n.class_type)).map(([id]) => id);
    if (this.loaded) event('execution_cached', { nodes: loaders, timestamp: Date.now() });
    else {
      event('execution_cached', { nodes: [], timestamp: Date.now() });
      for (const id of loaders) event('executing', { node: id, display_node: id });
      await sleep(this.behaviour.modelLoadMs);
      this.loaded = true;
      this.modelLoads++;
    }
    const [samplerId, sampler] = nodeWithRole(prompt, 'sampler');
    const steps = Number(sampler.inputs.steps);
    event('executing', { node: samplerId, display_node: samplerId });
    for (let step = 1; step <= steps; step++) {
      await sleep(this.behaviour.stepMs);
      if (generation !== this.generation) return;
      if (this.behaviour.restartAtStep === step) {
        this.behaviour.restartAtStep = undefined;
        void this.restart();
        return;
      }
      if (this.behaviour.dropSocketsAtStep === step) {
        this.behaviour.dropSocketsAtStep = undefined;
        this.dropSockets();
      }
      if (this.interrupted) {
        event('execution_interrupted', { node_id: samplerId, node_type: 'KSampler', executed: loaders });
        return finish('error', {});
      }
      if (this.behaviour.oomNextAtStep === step) {
        this.behaviour.oomNextAtStep = undefined;
        event('execution_error', {
          node_id: samplerId,
          node_type: 'KSampler',
          executed: loaders,
          exception_message: 'CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 22.06 GiB of which 1.19 GiB is free.',
          exception_type: 'torch.OutOfMemoryError',
          traceback: ['  File "/comfyui/execution.py", line 496, in execute\n'],
          current_inputs: {},
          current_outputs: {},
        });
        return finish('error', {});
      }
      event('progress', { value: step, max: steps, node: samplerId });
    }
    const latent = nodeWithRole(prompt, 'latent')[1].inputs;
    const positive = String(nodeWithRole(prompt, 'positive')[1].inputs.text);
    const [outputId, output] = nodeWithRole(prompt, 'output');
    const png = await drawPreview({ animal: animalForPrompt(normalizePrompt(positive)), width: Number(latent.width), height: Number(latent.height), seed: Number(sampler.inputs.seed) });
    const prefix = String(output.inputs.filename_prefix);
    const subfolder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const filename = `${prefix.slice(prefix.lastIndexOf('/') + 1)}_${String(item.number).padStart(5, '0')}_.png`;
    this.files.set(`output/${subfolder}/${filename}`, png);
    const images = [{ filename, subfolder, type: 'output' }];
    event('executed', { node: outputId, display_node: outputId, output: { images } });
    event('executing', { node: null });
    event('execution_success', { timestamp: Date.now() });
    finish('success', { [outputId]: { images } });
  }
}
