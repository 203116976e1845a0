// A ComfyUI double for tests: real HTTP and WebSocket on loopback, with the routes, request and
// message shapes of ComfyUI's server.py (checked against ComfyUI v0.3.6x): GET/POST /prompt,
// GET /queue, POST /queue (clear, delete), POST /interrupt, POST /free, GET /history[/{id}],
// POST /history, GET /view, GET /system_stats, GET /object_info[/{class}], GET /models[/{folder}],
// WS /ws?clientId=… — every route also under /api. Like ComfyUI it validates a prompt before
// queueing it (graph.ts's checkGraph against its own /object_info: types, ranges, combo options,
// its model files), broadcasts `status` whenever the queue changes, keeps one socket per client id,
// and draws width//8*8 x height//8*8 (the latent is 1/8 the size). Pictures come from the preview
// renderer. It can be told to reject a graph, fail mid-run with a CUDA OOM, run slowly, drop or
// silence its WebSockets, or restart (losing queue, history and loaded models, as ComfyUI does).
// Like SaveImage without --disable-metadata it writes the API graph into each PNG as a tEXt chunk
// "prompt" (PIL PngInfo.add_text, after IHDR); it can add the editor's "workflow" and, as a custom
// save node or an image editor would, EXIF (eXIf), XMP (iTXt XML:com.adobe.xmp) and a zTXt chunk.
import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { checkGraph, loadCatalog, MODEL_FILE_INPUTS, nodeWithRole, type ApiGraph, type InputSpec, type ObjectInfo } from '../../render/comfyui/graph';
import { animalForPrompt } from '../../render/preview/animals';
import { drawPreview } from '../../render/preview/draw';
import { normalizePrompt } from '../../domain/screening/normalize';
import { latin1Safe, pngChunk } from '../../imaging/png-text';

export interface FakeBehaviour {
  stepMs: number;
  modelLoadMs: number;
  /** The next prompt is rejected with node_errors on this node id. */
  rejectNextOnNode?: string;
  /** The next prompt fails with CUDA out of memory at this sampler step. */
  oomNextAtStep?: number;
  /** Close every WebSocket when the next prompt reaches this step. */
  dropSocketsAtStep?: number;
  /** Stop sending on every open WebSocket, without closing it, when the next prompt reaches this step. */
  silenceSocketsAtStep?: number;
  /** Restart the whole server when the next prompt reaches this step. */
  restartAtStep?: number;
  /** Model files present on the "disk"; others fail validation like a missing file does. */
  models: string[];
  /** Also write "workflow" (tEXt), EXIF, XMP and zTXt into every picture, beside "prompt". */
  extraMetadata?: boolean;
}

interface QueueItem {
  number: number;
  promptId: string;
  clientId: string;
  prompt: ApiGraph;
  /** The output nodes validation passed: the queue row's fifth element. */
  outputs: string[];
}

type NodeErrors = Record<
  string,
  { errors: { type: string; message: string; details: string; extra_info: Record<string, unknown> }[]; dependent_outputs: string[]; class_type: string }
>;

const catalog = loadCatalog();
/** The model files manifest.json names, by ComfyUI folder ("models/loras" -> "loras"). */
const MANIFEST_MODELS = (JSON.parse(readFileSync(join(catalog.dir, 'manifest.json'), 'utf8')) as { models: { file: string; folder: string }[] }).models.map(
  (m) => ({ file: m.file, folder: m.folder.replace(/^models\//, '') }),
);
const ALL_MODELS = MANIFEST_MODELS.map((m) => m.file);
/** folder_paths.folder_names_and_paths of ComfyUI v0.3.6x: what GET /models lists. */
const MODEL_FOLDERS = [
  'checkpoints',
  'configs',
  'loras',
  'vae',
  'text_encoders',
  'diffusion_models',
  'clip_vision',
  'style_models',
  'embeddings',
  'diffusers',
  'vae_approx',
  'controlnet',
  'gligen',
  'upscale_models',
  'custom_nodes',
  'hypernetworks',
  'photomaker',
  'classifiers',
  'model_patches',
  'audio_encoders',
];
/** Errors ComfyUI finds only when executing, not when validating a prompt: the double does not reject them. */
const NOT_VALIDATION_ERRORS = new Set(['cubcanvas_role', 'dependency_cycle', 'value_for_link', 'prompt_no_outputs', 'invalid_prompt']);

export class FakeComfyUi {
  behaviour: FakeBehaviour = { stepMs: 5, modelLoadMs: 200, models: [...ALL_MODELS] };
  /** Times the models were loaded into (fake) VRAM since the last restart. */
  modelLoads = 0;
  interrupts: (string | undefined)[] = [];
  /** Prompt ids named in POST /queue {"delete": [...]}. */
  queueDeletes: string[] = [];
  submitted: { promptId: string; clientId: string; prompt: ApiGraph }[] = [];
  /** Prompt ids in the order they started executing. */
  executed: string[] = [];
  /** GET /object_info/{class} requests answered. */
  objectInfoRequests = 0;
  restarts = 0;
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  /** 0: a free port on first start; a restart keeps the port. */
  port = 0;
  /** One socket per client id, as server.py's self.sockets: a newer socket replaces the older. */
  private sockets = new Map<string, WebSocket>();
  /** Every socket still open, mapped or not (to close them on stop). */
  private open = new Set<WebSocket>();
  /** Sockets that stay open but get nothing any more (a connection dead without a FIN). */
  private silenced = new WeakSet<WebSocket>();
  private queue: QueueItem[] = [];
  private running: QueueItem | undefined;
  private lastNodeId: string | undefined;
  private interrupted = false;
  /** POST /free flags, acted on between prompts as ComfyUI's prompt worker does. */
  private flags: { unload_models?: boolean; free_memory?: boolean } = {};
  private history = new Map<string, unknown>();
  private files = new Map<string, Buffer>();
  private counter = 0;
  private loaded = false;
  private generation = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** How many sockets are mapped to a client id (server.py keeps at most one). */
  socketsOf(clientId: string): number {
    return this.sockets.has(clientId) ? 1 : 0;
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
        // server.py: a known clientId reuses the session (the older socket is dropped from the map but
        // not closed, so it just stops hearing anything); none gets a fresh hex id.
        const clientId = url.searchParams.get('clientId') || randomUUID().replace(/-/g, '');
        this.sockets.set(clientId, ws);
        this.open.add(ws);
        // server.py pops the client id when any of its sockets closes — also an older one closing
        // after a newer took its place, which leaves the newer deaf: a reason clients poll /history.
        ws.on('close', () => {
          this.open.delete(ws);
          this.sockets.delete(clientId);
        });
        this.sendTo(ws, 'status', { status: this.queueInfo(), sid: clientId });
        // On reconnect the executing client hears which node is running (without a prompt id).
        if (this.running?.clientId === clientId && this.lastNodeId !== undefined) this.sendTo(ws, 'executing', { node: this.lastNodeId });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    void this.executor(generation);
  }

  async stop(): Promise<void> {
    this.generation++;
    for (const ws of this.open) ws.terminate();
    this.open.clear();
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
    for (const ws of this.open) ws.terminate();
  }

  /** Every open socket stops receiving, without closing: the client cannot tell it is dead. */
  silenceSockets(): void {
    for (const ws of this.open) this.silenced.add(ws);
  }

  private sendTo(ws: WebSocket, type: string, data: Record<string, unknown>): void {
    if (!this.silenced.has(ws)) ws.send(JSON.stringify({ type, data }));
  }

  /** server.py send_json: to the client id's one socket, or to every socket without one. */
  private send(clientId: string | undefined, type: string, data: Record<string, unknown>): void {
    if (clientId === undefined) for (const ws of this.sockets.values()) this.sendTo(ws, type, data);
    else {
      const ws = this.sockets.get(clientId);
      if (ws) this.sendTo(ws, type, data);
    }
  }

  private queueInfo() {
    return { exec_info: { queue_remaining: this.queue.length + (this.running ? 1 : 0) } };
  }

  /** server.py queue_updated: every queue change is broadcast as `status`. */
  private queueUpdated(): void {
    this.send(undefined, 'status', { status: this.queueInfo() });
  }

  /** The model files on the "disk", in a folder: manifest files by their folder, others in every folder. */
  modelFiles(folder: string): string[] {
    const known = new Map(MANIFEST_MODELS.map((m) => [m.file, m.folder]));
    return this.behaviour.models.filter((f) => (known.get(f) ?? folder) === folder);
  }

  /** core-nodes.json with this server's own files in the loader combos, as a live /object_info. */
  objectInfo(): ObjectInfo {
    const info = structuredClone(catalog.coreNodes);
    for (const [classType, inputs] of Object.entries(MODEL_FILE_INPUTS)) {
      for (const [input, folder] of Object.entries(inputs)) {
        const spec = info[classType]?.input.required?.[input];
        if (!spec) continue;
        // VAELoader.vae_list always offers "pixel_space" besides the files.
        const files = [...this.modelFiles(folder), ...(classType === 'VAELoader' ? ['pixel_space'] : [])];
        info[classType]!.input.required![input] = (spec.length > 1 ? [files, spec[1]] : [files]) as InputSpec;
      }
    }
    return info;
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  }

  /** aiohttp's web.Response(status=200): no body. */
  private ok(res: ServerResponse): void {
    res.statusCode = 200;
    res.end();
  }

  private async body(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString();
    return text ? JSON.parse(text) : {};
  }

  private row(q: QueueItem): unknown[] {
    return [q.number, q.promptId, q.prompt, { client_id: q.clientId }, q.outputs];
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/api(?=\/)/, '');
    const get = req.method === 'GET';
    const post = req.method === 'POST';
    if (get && path === '/system_stats') {
      return this.json(res, 200, {
        system: {
          os: 'posix',
          ram_total: 64 * 2 ** 30,
          ram_free: 60 * 2 ** 30,
          comfyui_version: '0.3.66',
          python_version: '3.12.3',
          pytorch_version: '2.8.0+cu128',
          embedded_python: false,
          argv: ['main.py', '--listen', '127.0.0.1'],
        },
        devices: [
          {
            name: 'cuda:0 NVIDIA A10G : cudaMallocAsync',
            type: 'cuda',
            index: 0,
            vram_total: 24 * 2 ** 30,
            vram_free: 23 * 2 ** 30,
            torch_vram_total: 0,
            torch_vram_free: 0,
          },
        ],
      });
    }
    if (get && path === '/object_info') return this.json(res, 200, this.objectInfo());
    if (get && path.startsWith('/object_info/')) {
      this.objectInfoRequests++;
      const name = decodeURIComponent(path.slice('/object_info/'.length));
      const node = this.objectInfo()[name];
      return this.json(res, 200, node ? { [name]: node } : {});
    }
    if (get && path === '/models') return this.json(res, 200, MODEL_FOLDERS);
    if (get && path.startsWith('/models/')) {
      const folder = decodeURIComponent(path.slice('/models/'.length));
      if (!MODEL_FOLDERS.includes(folder)) return void ((res.statusCode = 404), res.end());
      return this.json(res, 200, this.modelFiles(folder));
    }
    if (get && path === '/prompt') return this.json(res, 200, this.queueInfo());
    if (get && path === '/queue')
      return this.json(res, 200, { queue_running: this.running ? [this.row(this.running)] : [], queue_pending: this.queue.map((q) => this.row(q)) });
    if (get && path === '/history') {
      // execution.py get_history: oldest first; max_items alone means the newest max_items.
      const entries = [...this.history.entries()];
      const maxItems = url.searchParams.has('max_items') ? Number(url.searchParams.get('max_items')) : undefined;
      let offset = url.searchParams.has('offset') ? Number(url.searchParams.get('offset')) : -1;
      if (offset < 0 && maxItems !== undefined) offset = entries.length - maxItems;
      const picked = entries.slice(Math.max(0, offset), maxItems === undefined ? undefined : Math.max(0, offset) + maxItems);
      return this.json(res, 200, Object.fromEntries(picked));
    }
    if (get && path.startsWith('/history/')) {
      const id = decodeURIComponent(path.slice('/history/'.length));
      const h = this.history.get(id);
      return this.json(res, 200, h ? { [id]: h } : {});
    }
    if (get && path === '/view') {
      const file = this.files.get(`${url.searchParams.get('type') ?? 'output'}/${url.searchParams.get('subfolder') ?? ''}/${url.searchParams.get('filename')}`);
      if (!file) return void ((res.statusCode = 404), res.end());
      res.setHeader('content-type', 'image/png');
      return void res.end(file);
    }
    if (post && path === '/interrupt') {
      const body = (await this.body(req).catch(() => ({}))) as { prompt_id?: string };
      this.interrupts.push(body.prompt_id);
      // server.py: with a prompt id, only if that prompt is the running one; without, whatever runs.
      if (!body.prompt_id || body.prompt_id === this.running?.promptId) this.interrupted = true;
      return this.ok(res);
    }
    if (post && path === '/queue') {
      const body = (await this.body(req)) as { clear?: boolean; delete?: string[] };
      if (body.clear) {
        this.queue = [];
        this.queueUpdated();
      }
      for (const id of body.delete ?? []) {
        this.queueDeletes.push(id);
        // Only pending prompts: a running one is not in the queue (it needs /interrupt).
        const at = this.queue.findIndex((q) => q.promptId === id);
        if (at >= 0) {
          this.queue.splice(at, 1);
          this.queueUpdated();
        }
      }
      return this.ok(res);
    }
    if (post && path === '/free') {
      const body = (await this.body(req)) as { unload_models?: boolean; free_memory?: boolean };
      if (body.unload_models) this.flags.unload_models = true;
      if (body.free_memory) this.flags.free_memory = true;
      return this.ok(res);
    }
    if (post && path === '/history') {
      const body = (await this.body(req)) as { clear?: boolean; delete?: string[] };
      if (body.clear) this.history.clear();
      for (const id of body.delete ?? []) this.history.delete(id);
      return this.ok(res);
    }
    if (post && path === '/prompt')
      return this.submit((await this.body(req)) as { prompt?: ApiGraph; client_id?: string; prompt_id?: string; number?: number; front?: boolean }, res);
    return void ((res.statusCode = 404), res.end(`404: Not Found`));
  }

  /** server.py post_prompt and execution.py validate_prompt. */
  private submit(body: { prompt?: ApiGraph; client_id?: string; prompt_id?: string; number?: number; front?: boolean }, res: ServerResponse): void {
    let number: number;
    if (typeof body.number === 'number') number = body.number;
    else {
      number = body.front ? -this.counter : this.counter;
      this.counter++;
    }
    const prompt = body.prompt;
    if (!prompt || typeof prompt !== 'object') {
      return this.json(res, 400, {
        error: { type: 'no_prompt', message: 'No prompt provided', details: 'No prompt provided', extra_info: {} },
        node_errors: {},
      });
    }
    const info = this.objectInfo();
    const fail = (type: string, message: string, details: string) =>
      this.json(res, 400, { error: { type, message, details, extra_info: {} }, node_errors: {} });
    for (const [id, node] of Object.entries(prompt)) {
      if (typeof node?.class_type !== 'string')
        return fail('invalid_prompt', 'Cannot execute because a node is missing the class_type property.', `Node ID '#${id}'`);
      if (!info[node.class_type]) return fail('invalid_prompt', `Cannot execute because node ${node.class_type} does not exist.`, `Node ID '#${id}'`);
    }
    const outputs = Object.entries(prompt)
      .filter(([, n]) => info[n.class_type]?.output_node)
      .map(([id]) => id);
    if (outputs.length === 0) return fail('prompt_no_outputs', 'Prompt has no outputs', '');
    // ComfyUI validates only what the outputs depend on.
    const reachable = new Set<string>();
    const walk = (id: string) => {
      if (reachable.has(id) || !prompt[id]) return;
      reachable.add(id);
      for (const v of Object.values(prompt[id]!.inputs ?? {})) if (Array.isArray(v) && typeof v[0] === 'string') walk(v[0]);
    };
    outputs.forEach(walk);
    const nodeErrors: NodeErrors = {};
    const addError = (id: string, type: string, message: string, details: string, input: string | undefined) => {
      nodeErrors[id] ??= { errors: [], dependent_outputs: outputs, class_type: prompt[id]!.class_type };
      nodeErrors[id]!.errors.push({ type, message, details, extra_info: input === undefined ? {} : { input_name: input } });
    };
    if (this.behaviour.rejectNextOnNode) {
      const id = this.behaviour.rejectNextOnNode;
      this.behaviour.rejectNextOnNode = undefined;
      if (prompt[id]) addError(id, 'required_input_missing', 'Required input is missing', 'clip', 'clip');
    }
    for (const issue of checkGraph(prompt, info, { modelFiles: true })) {
      if (issue.severity !== 'error' || NOT_VALIDATION_ERRORS.has(issue.type) || !issue.node || !reachable.has(issue.node)) continue;
      addError(issue.node, issue.type, issue.message, issue.details, issue.input);
    }
    if (Object.keys(nodeErrors).length > 0) {
      const details = Object.values(nodeErrors)
        .flatMap((n) => n.errors.map((e) => `${e.message}: ${e.details}`))
        .join('\n');
      return this.json(res, 400, {
        error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details, extra_info: {} },
        node_errors: nodeErrors,
      });
    }
    const item: QueueItem = { number, promptId: body.prompt_id ?? randomUUID(), clientId: body.client_id ?? '', prompt, outputs };
    this.submitted.push({ promptId: item.promptId, clientId: item.clientId, prompt: item.prompt });
    // A heap on (number, …) in ComfyUI: the lowest number runs first ("front" queues negative).
    this.queue.push(item);
    this.queue.sort((x, y) => x.number - y.number);
    this.queueUpdated();
    this.json(res, 200, { prompt_id: item.promptId, number: item.number, node_errors: {} });
  }

  private applyFlags(): void {
    if (this.flags.unload_models) this.loaded = false;
    this.flags = {};
  }

  private async executor(generation: number): Promise<void> {
    while (generation === this.generation) {
      this.applyFlags();
      const item = this.queue.shift();
      if (!item) {
        await sleep(5);
        continue;
      }
      this.running = item;
      this.interrupted = false;
      this.executed.push(item.promptId);
      this.queueUpdated();
      try {
        await this.execute(item, generation);
      } finally {
        if (this.running === item) {
          this.running = undefined;
          this.lastNodeId = undefined;
          if (generation === this.generation) this.queueUpdated();
        }
      }
    }
  }

  private async execute(item: QueueItem, generation: number): Promise<void> {
    const { promptId, clientId, prompt } = item;
    const messages: [string, Record<string, unknown>][] = [];
    const event = (type: string, data: Record<string, unknown>) => {
      const full = { ...data, prompt_id: promptId };
      if (['execution_start', 'execution_cached', 'execution_success', 'execution_error', 'execution_interrupted'].includes(type))
        messages.push([type, { ...full, timestamp: Date.now() }]);
      if (type === 'executing') this.lastNodeId = (data.node as string | null) ?? undefined;
      this.send(clientId, type, full);
    };
    const finish = (statusStr: 'success' | 'error', outputs: Record<string, unknown>) => {
      this.history.set(promptId, {
        prompt: this.row(item),
        outputs,
        status: { status_str: statusStr, completed: statusStr === 'success', messages },
        meta: {},
      });
    };
    event('execution_start', { timestamp: Date.now() });
    const loaders = Object.entries(prompt)
      .filter(([, n]) => ['UNETLoader', 'CLIPLoader', 'VAELoader', 'LoraLoaderModelOnly'].includes(n.class_type))
      .map(([id]) => id);
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
      if (this.behaviour.silenceSocketsAtStep === step) {
        this.behaviour.silenceSocketsAtStep = undefined;
        this.silenceSockets();
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
    // EmptySD3LatentImage makes a latent of height//8 x width//8; the VAE decodes it 8 times larger.
    const size = (v: unknown) => Math.floor(Number(v) / 8) * 8;
    const png = await drawPreview({
      animal: animalForPrompt(normalizePrompt(positive)),
      width: size(latent.width),
      height: size(latent.height),
      seed: Number(sampler.inputs.seed),
    });
    const prefix = String(output.inputs.filename_prefix);
    const subfolder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const filename = `${prefix.slice(prefix.lastIndexOf('/') + 1)}_${String(item.number).padStart(5, '0')}_.png`;
    this.files.set(`output/${subfolder}/${filename}`, this.withSaveImageMetadata(png, prompt));
    const images = [{ filename, subfolder, type: 'output' }];
    event('executed', { node: outputId, display_node: outputId, output: { images } });
    event('executing', { node: null });
    event('execution_success', { timestamp: Date.now() });
    finish('success', { [outputId]: { images } });
  }

  /** The picture as SaveImage writes it: metadata chunks right after IHDR, as PIL places them. */
  private withSaveImageMetadata(png: Buffer, prompt: ApiGraph): Buffer {
    const text = (keyword: string, value: string) => pngChunk('tEXt', Buffer.from(`${keyword}\0${value}`, 'latin1'));
    const json = (v: unknown) => latin1Safe(JSON.stringify(v));
    const added = [text('prompt', json(prompt))];
    if (this.behaviour.extraMetadata) {
      added.push(
        text('workflow', json({ nodes: Object.entries(prompt).map(([id, n]) => ({ id, type: n.class_type, widgets_values: Object.values(n.inputs) })) })),
      );
      // eXIf: a little-endian TIFF header with an empty IFD, followed by an ImageDescription-like tail.
      added.push(
        pngChunk('eXIf', Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]), Buffer.from(json(prompt), 'latin1')])),
      );
      const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>${json(prompt)}</rdf:Description></x:xmpmeta>`;
      added.push(pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(xmp, 'utf8')])));
      added.push(pngChunk('zTXt', Buffer.concat([Buffer.from('parameters\0\0', 'latin1'), deflateSync(Buffer.from(json(prompt), 'latin1'))])));
    }
    const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
    return Buffer.concat([png.subarray(0, ihdrEnd), ...added, png.subarray(ihdrEnd)]);
  }
}
