// ComfyUI API-format graphs: the catalogue in comfy-workflows/, the validator, and filling in a
// render task. Nodes are found by role (their _meta.title), never by id, so a graph re-exported
// from the ComfyUI editor keeps working as long as the titles stay.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../../domain/errors';
import type { QUALITY_LIMIT_NAMES } from '../../domain/quality';
import { z } from 'zod';
import { parseJsonPayload } from '../../domain/payload-schemas';
import { apiGraphSchema, objectInfoSchema } from './comfyui-schemas';

export type Link = [string, number];
export type InputValue = string | number | boolean | Link;

export interface GraphNode {
  class_type: string;
  inputs: Record<string, InputValue>;
  _meta?: { title?: string };
}

export type ApiGraph = Record<string, GraphNode>;

/** An input's type: a type name ("INT", "MODEL", "COMBO") or, for a classic combo, its options. */
export type InputType = string | (string | number)[];
/** The second element of an input spec: default, min, max, step, options (COMBO form), tooltip… */
export type InputOptions = { min?: number; max?: number; options?: (string | number)[] } & Record<string, unknown>;
export type InputSpec = [InputType] | [InputType, InputOptions];

/**
 * One node as ComfyUI's GET /object_info describes it (server.py node_info; V3 nodes through
 * comfy_api get_v1_info, same shape). Only `input`, `output` and `output_node` matter here; the
 * rest is kept so that a real /object_info can be fed in unchanged.
 */
export interface CoreNodeSchema {
  input: { required?: Record<string, InputSpec>; optional?: Record<string, InputSpec>; hidden?: Record<string, unknown> };
  input_order?: Record<string, string[]>;
  output: InputType[];
  output_is_list?: boolean[];
  output_name?: string[];
  name?: string;
  display_name?: string;
  description?: string;
  python_module?: string;
  category?: string;
  output_node?: boolean;
}

/** GET /object_info: node class name -> schema. */
export type ObjectInfo = Record<string, CoreNodeSchema>;

/**
 * Combo inputs whose options are the files in a model folder (ComfyUI's folder_paths names).
 * Those options are a property of the server's disk, not of ComfyUI: see ValidateOptions.modelFiles.
 */
export const MODEL_FILE_INPUTS: Record<string, Record<string, string>> = {
  UNETLoader: { unet_name: 'diffusion_models' },
  CLIPLoader: { clip_name: 'text_encoders' },
  VAELoader: { vae_name: 'vae' },
  LoraLoaderModelOnly: { lora_name: 'loras' },
};

export interface ValidateOptions {
  /**
   * Check model-file combos (unet_name, clip_name, vae_name, lora_name) against their options.
   * Off by default: cubcanvas validates its graphs at start-up, before any server is known, and
   * the file lists in core-nodes.json are only what a server provisioned as README says would
   * answer — a machine holding the same weights under other names is still a good server. Turn it
   * on with a live server's /object_info, whose lists are the files that server really has; the
   * server itself rejects a missing file at POST /prompt either way ("Value not in list").
   */
  modelFiles?: boolean;
}

/** A problem (or, with severity warning, a remark) about a graph; `text` is the sentence. */
export interface GraphIssue {
  severity: 'error' | 'warning';
  /** ComfyUI's error type where ComfyUI has one (value_not_in_list, …), else cubcanvas's own. */
  type: string;
  node?: string;
  classType?: string;
  input?: string;
  /** ComfyUI's message and details, so a double can answer as ComfyUI would. */
  message: string;
  details: string;
  text: string;
}

export const ROLES = {
  positive: { title: 'cubcanvas.positive', classType: 'CLIPTextEncode' },
  negative: { title: 'cubcanvas.negative', classType: 'CLIPTextEncode' },
  latent: { title: 'cubcanvas.latent', classType: 'EmptySD3LatentImage' },
  sampler: { title: 'cubcanvas.sampler', classType: 'KSampler' },
  output: { title: 'cubcanvas.output', classType: 'SaveImage' },
} as const;
export type Role = keyof typeof ROLES;

export interface GraphEntry {
  name: string;
  file: string;
  version: string;
  model: string;
  description: string;
  promptSuffix: string;
  negativeSuffix: string;
  /**
   * Validation limits of this graph's pictures over the defaults (domain/quality.ts): a colouring
   * page is mostly white, which the defaults call over-exposed.
   */
  quality?: Partial<Record<(typeof QUALITY_LIMIT_NAMES)[number], number>>;
  /**
   * Highest picture safety score per class (nsfwjs: Porn, Hentai, Sexy) over the defaults in
   * domain/picture-safety-limits.ts; validated by pictureSafetyLimits when the graph is loaded.
   */
  safety?: Record<string, number>;
}

/**
 * A model file the graphs use (manifest.json "models"): where to get it and, optionally, the
 * SHA-256 a render must find (the environment lock; a mismatch fails the render before sampling).
 */
export interface ModelFileEntry {
  file: string;
  /** "models/diffusion_models": the ComfyUI folder under models/. */
  folder: string;
  size?: string;
  sha256?: string;
}

/**
 * comfy-workflows/manifest.json. Quality and safety limits are checked here only as numbers by
 * name: their own loaders (qualityLimits, pictureSafetyLimits) name an unknown limit better.
 */
const catalogManifestSchema = z.object({
  default: z.string(),
  graphs: z.record(
    z.string(),
    z.object({
      file: z.string(),
      version: z.string(),
      model: z.string(),
      description: z.string(),
      promptSuffix: z.string(),
      negativeSuffix: z.string(),
      quality: z.record(z.string(), z.number()).optional(),
      safety: z.record(z.string(), z.number()).optional(),
    }),
  ),
  models: z.array(z.object({ file: z.string(), folder: z.string(), size: z.string().optional(), sha256: z.string().optional() })).optional(),
});

export interface GraphCatalog {
  dir: string;
  defaultGraph: string;
  graphs: Record<string, GraphEntry>;
  /** The model files, with the hashes pinned for them. */
  models: ModelFileEntry[];
  /** core-nodes.json: /object_info of the pinned ComfyUI release, for the nodes the graphs use. */
  coreNodes: ObjectInfo;
}

export const DEFAULT_GRAPH_DIR = resolve(__dirname, '..', '..', 'comfy-workflows');
const PRIMITIVE_TYPES = new Set(['INT', 'FLOAT', 'STRING', 'BOOLEAN', 'COMBO']);

const isLink = (v: unknown): v is Link => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'number';

export function loadCatalog(dir: string = DEFAULT_GRAPH_DIR): GraphCatalog {
  const manifest = parseJsonPayload(catalogManifestSchema, readFileSync(join(dir, 'manifest.json'), 'utf8'), join(dir, 'manifest.json'));
  const coreNodes = parseJsonPayload(objectInfoSchema, readFileSync(join(dir, 'core-nodes.json'), 'utf8'), join(dir, 'core-nodes.json'));
  const graphs = Object.fromEntries(Object.entries(manifest.graphs).map(([name, g]) => [name, { name, ...g }]));
  if (!graphs[manifest.default]) throw new Error(`${join(dir, 'manifest.json')}: default graph "${manifest.default}" is not listed`);
  const models = manifest.models ?? [];
  for (const m of models)
    if (m.sha256 !== undefined && !/^[0-9a-f]{64}$/.test(m.sha256))
      throw new Error(`${join(dir, 'manifest.json')}: models "${m.file}" sha256 must be 64 lower-case hex digits, got "${m.sha256}"`);
  return { dir, defaultGraph: manifest.default, graphs, models, coreNodes };
}

export function loadGraph(catalog: GraphCatalog, name: string): ApiGraph {
  const entry = catalog.graphs[name];
  if (!entry) throw new Error(`unknown graph "${name}"; known: ${Object.keys(catalog.graphs).join(', ')}`);
  return parseJsonPayload(apiGraphSchema, readFileSync(join(catalog.dir, entry.file), 'utf8'), join(catalog.dir, entry.file));
}

/**
 * The graph a backend is configured with (CUBCANVAS_COMFYUI_GRAPH, default: the manifest's),
 * loaded and validated once at start-up: a broken graph stops the worker, not a render.
 */
export function configuredGraph(catalog: GraphCatalog, name = catalog.defaultGraph): { entry: GraphEntry; graph: ApiGraph; warnings: string[] } {
  const entry = catalog.graphs[name];
  if (!entry) throw new ConfigError('CUBCANVAS_COMFYUI_GRAPH', `unknown graph "${name}"; known: ${Object.keys(catalog.graphs).join(', ')}`);
  const graph = loadGraph(catalog, name);
  const issues = checkGraph(graph, catalog.coreNodes);
  const problems = issues.filter((i) => i.severity === 'error').map((i) => i.text);
  if (problems.length) throw new ConfigError('CUBCANVAS_COMFYUI_GRAPH', `graph "${name}" is invalid: ${problems.join('; ')}`);
  return { entry, graph, warnings: issues.filter((i) => i.severity === 'warning').map((i) => `graph "${name}": ${i.text}`) };
}

/** Every problem with a graph, as sentences; empty when it is valid. Warnings are left out. */
export function validateGraph(graph: ApiGraph, coreNodes: ObjectInfo, opts: ValidateOptions = {}): string[] {
  return checkGraph(graph, coreNodes, opts)
    .filter((i) => i.severity === 'error')
    .map((i) => i.text);
}

/** Python's str() of a list, as ComfyUI's messages print combo options. */
const pyList = (xs: readonly unknown[]) => `[${xs.map((x) => (typeof x === 'string' ? `'${x}'` : String(x))).join(', ')}]`;

/** Whether a link's source type fits an input type, as comfy_execution/validation.py decides. */
function linkTypeFits(received: InputType, expected: InputType): boolean {
  if (typeof received !== 'string' || typeof expected !== 'string') {
    // A combo output (a list of options) into a combo input: ComfyUI compares them as values.
    return JSON.stringify(received) === JSON.stringify(expected) || (Array.isArray(expected) && received === 'COMBO');
  }
  if (received === expected || received === '*' || expected === '*') return true;
  const ours = new Set(received.split(',').map((t) => t.trim()));
  return expected.split(',').some((t) => ours.has(t.trim()));
}

/**
 * A widget value converted the way ComfyUI's validate_inputs converts it (int(), float(), str(),
 * bool()), or an error sentence when Python's conversion would raise.
 */
function convert(value: string | number | boolean, type: InputType): { ok: true; value: string | number | boolean } | { ok: false; why: string } {
  if (type === 'INT') {
    if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 };
    if (typeof value === 'number')
      return Number.isFinite(value) ? { ok: true, value: Math.trunc(value) } : { ok: false, why: `cannot convert ${value} to integer` };
    return /^\s*[+-]?\d+\s*$/.test(value) ? { ok: true, value: Number(value) } : { ok: false, why: `invalid literal for int() with base 10: '${value}'` };
  }
  if (type === 'FLOAT') {
    if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 };
    if (typeof value === 'number') return { ok: true, value };
    const n = Number(value);
    return value.trim() !== '' && !Number.isNaN(n) ? { ok: true, value: n } : { ok: false, why: `could not convert string to float: '${value}'` };
  }
  if (type === 'STRING') return { ok: true, value: String(value) };
  if (type === 'BOOLEAN') return { ok: true, value: typeof value === 'string' ? value !== '' : Boolean(value) };
  return { ok: true, value };
}

/**
 * Errors and warnings about a graph, checked against an /object_info (core-nodes.json, or a live
 * server's). Node inputs are checked the way ComfyUI's execution.validate_inputs checks them:
 * only declared inputs count (an undeclared one is ignored by ComfyUI, so it is a warning here),
 * required ones must be present, links must come from an output of a fitting type, and values are
 * converted to their type and then held to min, max and the combo's options — either combo form,
 * `[[options], {...}]` (classic nodes) or `["COMBO", {options: [...]}]` (V3 nodes). On top of
 * ComfyUI's checks: every role once, no cycles, a value where a link is needed is an error.
 */
export function checkGraph(graph: ApiGraph, coreNodes: ObjectInfo, opts: ValidateOptions = {}): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const add = (
    severity: GraphIssue['severity'],
    type: string,
    text: string,
    at: Partial<Pick<GraphIssue, 'node' | 'classType' | 'input' | 'message' | 'details'>> = {},
  ) => issues.push({ severity, type, text, message: at.message ?? text, details: at.details ?? '', node: at.node, classType: at.classType, input: at.input });
  for (const [id, node] of Object.entries(graph)) {
    if (typeof node !== 'object' || node === null || typeof node.class_type !== 'string' || typeof node.inputs !== 'object' || node.inputs === null) {
      add('error', 'invalid_prompt', `node ${id}: not a node (needs class_type and inputs)`, {
        node: id,
        message: 'Cannot execute because a node is missing the class_type property.',
        details: `Node ID '#${id}'`,
      });
      continue;
    }
    const schema = coreNodes[node.class_type];
    if (!schema) {
      add('error', 'invalid_prompt', `node ${id}: unknown node type ${node.class_type}`, {
        node: id,
        classType: node.class_type,
        message: `Cannot execute because node ${node.class_type} does not exist.`,
        details: `Node ID '#${id}'`,
      });
      continue;
    }
    const at = (input: string, message: string, details: string) => ({ node: id, classType: node.class_type, input, message, details });
    const required = schema.input.required ?? {};
    const declared: Record<string, InputSpec> = { ...(schema.input.optional ?? {}), ...required };
    for (const name of Object.keys(required)) {
      if (!(name in node.inputs))
        add(
          'error',
          'required_input_missing',
          `node ${id} (${node.class_type}): required input "${name}" missing`,
          at(name, 'Required input is missing', name),
        );
    }
    for (const [name, given] of Object.entries(node.inputs as Record<string, unknown>)) {
      const spec = declared[name];
      if (!spec) {
        // ComfyUI validates and passes only declared inputs; an extra one (an older node version's
        // input, a typo) is dropped without a word. Worth a look, not a failure.
        const hidden = name in (schema.input.hidden ?? {}) ? ' (a hidden input: ComfyUI fills it itself)' : '';
        add(
          'warning',
          'undeclared_input',
          `node ${id} (${node.class_type}): no input named "${name}"${hidden}; ComfyUI ignores it`,
          at(name, 'Undeclared input ignored', name),
        );
        continue;
      }
      const [type, extra = {}] = spec;
      // The editor wraps a list-valued widget as {"__value__": [...]} (a bare list is a link).
      const value =
        given !== null && typeof given === 'object' && !Array.isArray(given) && '__value__' in given ? (given as { __value__: unknown }).__value__ : given;
      if (Array.isArray(value) && given === value) {
        if (!isLink(value)) {
          add(
            'error',
            'bad_linked_input',
            `node ${id} input "${name}": a link must be [node id, output index], got ${JSON.stringify(value)}`,
            at(name, 'Bad linked input, must be a length-2 list of [node_id, slot_index]', name),
          );
          continue;
        }
        const [from, index] = value;
        const source = graph[from];
        if (!source)
          add(
            'error',
            'bad_linked_input',
            `node ${id} input "${name}": links to missing node ${from}`,
            at(name, 'Bad linked input, must be a length-2 list of [node_id, slot_index]', `${name}: node ${from} does not exist`),
          );
        else {
          const outputs = coreNodes[source.class_type]?.output ?? [];
          const received = outputs[index];
          if (index < 0 || received === undefined)
            add(
              'error',
              'bad_linked_input',
              `node ${id} input "${name}": node ${from} (${source.class_type}) has no output ${index}`,
              at(name, 'Bad linked input, must be a length-2 list of [node_id, slot_index]', `${name}: node ${from} has no output ${index}`),
            );
          else if (!linkTypeFits(received, type)) {
            const shown = (t: InputType) => (typeof t === 'string' ? t : 'COMBO');
            add(
              'error',
              'return_type_mismatch',
              `node ${id} input "${name}": expects ${shown(type)}, node ${from} output ${index} is ${shown(received)}`,
              at(name, 'Return type mismatch between linked nodes', `${name}, received_type(${shown(received)}) mismatch input_type(${shown(type)})`),
            );
          }
        }
        continue;
      }
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        add(
          'error',
          'invalid_input_type',
          `node ${id} input "${name}": ${JSON.stringify(value)} is not a value`,
          at(name, `Failed to convert an input value to a ${String(type)} value`, `${name}, ${JSON.stringify(value)}`),
        );
        continue;
      }
      const isCombo = Array.isArray(type) || type === 'COMBO';
      if (!isCombo && !PRIMITIVE_TYPES.has(type)) {
        add(
          'error',
          'value_for_link',
          `node ${id} input "${name}": expects a link to a ${type}, got ${JSON.stringify(value)}`,
          at(name, 'Invalid input', `${name}: expects a link to a ${type}`),
        );
        continue;
      }
      const converted = convert(value, type);
      if (!converted.ok) {
        add(
          'error',
          'invalid_input_type',
          `node ${id} input "${name}": cannot convert ${JSON.stringify(value)} to ${String(type)} (${converted.why})`,
          at(name, `Failed to convert an input value to a ${String(type)} value`, `${name}, ${String(value)}, ${converted.why}`),
        );
        continue;
      }
      const v = converted.value;
      if (typeof extra.min === 'number' && typeof v === 'number' && v < extra.min) {
        add(
          'error',
          'value_smaller_than_min',
          `node ${id} input "${name}": ${v} is smaller than the minimum ${extra.min}`,
          at(name, `Value ${v} smaller than min of ${extra.min}`, name),
        );
        continue;
      }
      if (typeof extra.max === 'number' && typeof v === 'number' && v > extra.max) {
        add(
          'error',
          'value_bigger_than_max',
          `node ${id} input "${name}": ${v} is bigger than the maximum ${extra.max}`,
          at(name, `Value ${v} bigger than max of ${extra.max}`, name),
        );
        continue;
      }
      if (isCombo) {
        if (!opts.modelFiles && MODEL_FILE_INPUTS[node.class_type]?.[name]) {
          // The file list is the server's (see ValidateOptions.modelFiles): only the type is ours to check.
          if (typeof v !== 'string')
            add(
              'error',
              'value_not_in_list',
              `node ${id} input "${name}": a model file name must be a string, got ${JSON.stringify(v)}`,
              at(name, 'Value not in list', `${name}: '${String(v)}' is not a file name`),
            );
          continue;
        }
        const options = Array.isArray(type) ? type : (extra.options ?? []);
        if (!options.includes(v as string | number)) {
          // ComfyUI leaves long lists (scanned model folders) out of its message.
          const list = options.length > 20 ? `(list of length ${options.length})` : pyList(options);
          add(
            'error',
            'value_not_in_list',
            `node ${id} input "${name}": ${JSON.stringify(v)} is not one of ${list}`,
            at(name, 'Value not in list', `${name}: '${String(v)}' not in ${list}`),
          );
        }
      }
    }
  }
  for (const [role, { title, classType }] of Object.entries(ROLES)) {
    const holders = Object.entries(graph).filter(([, n]) => n?._meta?.title === title);
    if (holders.length !== 1) add('error', 'cubcanvas_role', `role ${role}: ${holders.length} nodes titled "${title}", need exactly 1`);
    else if (holders[0]![1].class_type !== classType)
      add('error', 'cubcanvas_role', `role ${role}: node ${holders[0]![0]} is ${holders[0]![1].class_type}, need ${classType}`);
  }
  // Cycles: depth-first over links, colouring nodes in progress.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done' || !graph[id]) return;
    if (state.get(id) === 'visiting') {
      add('error', 'dependency_cycle', `cycle: ${[...path.slice(path.indexOf(id)), id].join(' -> ')}`);
      return;
    }
    state.set(id, 'visiting');
    for (const v of Object.values(graph[id]!.inputs ?? {})) if (isLink(v)) visit(v[0], [...path, id]);
    state.set(id, 'done');
  };
  for (const id of Object.keys(graph)) visit(id, []);
  if (!Object.values(graph).some((n) => coreNodes[n?.class_type]?.output_node))
    add('error', 'prompt_no_outputs', 'no output node (SaveImage)', { message: 'Prompt has no outputs' });
  return issues;
}

export function nodeWithRole(graph: ApiGraph, role: Role): [string, GraphNode] {
  const found = Object.entries(graph).find(([, n]) => n._meta?.title === ROLES[role].title);
  if (!found) throw new Error(`graph has no node titled "${ROLES[role].title}"`);
  return found;
}

export interface GraphInputs {
  positive: string;
  negative: string;
  width: number;
  height: number;
  seed: number;
  filenamePrefix: string;
  steps?: number;
}

/** A copy of the graph with the task's values in the role nodes. */
export function fillGraph(graph: ApiGraph, entry: GraphEntry, values: GraphInputs): ApiGraph {
  const filled = structuredClone(graph);
  nodeWithRole(filled, 'positive')[1].inputs.text = values.positive + entry.promptSuffix;
  nodeWithRole(filled, 'negative')[1].inputs.text = values.negative + entry.negativeSuffix;
  const latent = nodeWithRole(filled, 'latent')[1];
  latent.inputs.width = values.width;
  latent.inputs.height = values.height;
  const sampler = nodeWithRole(filled, 'sampler')[1];
  sampler.inputs.seed = values.seed;
  if (values.steps !== undefined) sampler.inputs.steps = values.steps;
  nodeWithRole(filled, 'output')[1].inputs.filename_prefix = values.filenamePrefix;
  return filled;
}
