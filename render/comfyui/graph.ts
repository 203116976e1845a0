// ComfyUI API-format graphs: the catalogue in comfy-workflows/, the validator, and filling in a
// render task. Nodes are found by role (their _meta.title), never by id, so a graph re-exported
// from the ComfyUI editor keeps working as long as the titles stay.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../../domain/errors';

export type Link = [string, number];
export type InputValue = string | number | boolean | Link;

export interface GraphNode {
  class_type: string;
  inputs: Record<string, InputValue>;
  _meta?: { title?: string };
}

export type ApiGraph = Record<string, GraphNode>;

export interface CoreNodeSchema {
  input: { required?: Record<string, [string, ...unknown[]]>; optional?: Record<string, [string, ...unknown[]]> };
  output: string[];
  output_node?: boolean;
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
}

export interface GraphCatalog {
  dir: string;
  defaultGraph: string;
  graphs: Record<string, GraphEntry>;
  coreNodes: Record<string, CoreNodeSchema>;
}

export const DEFAULT_GRAPH_DIR = resolve(__dirname, '..', '..', 'comfy-workflows');
const PRIMITIVE_TYPES = new Set(['INT', 'FLOAT', 'STRING', 'BOOLEAN', 'COMBO']);

const isLink = (v: InputValue): v is Link => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'number';

export function loadCatalog(dir: string = DEFAULT_GRAPH_DIR): GraphCatalog {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { default: string; graphs: Record<string, Omit<GraphEntry, 'name'>> };
  const coreNodes = JSON.parse(readFileSync(join(dir, 'core-nodes.json'), 'utf8')) as Record<string, CoreNodeSchema>;
  delete (coreNodes as Record<string, unknown>)._comment;
  const graphs = Object.fromEntries(Object.entries(manifest.graphs).map(([name, g]) => [name, { name, ...g }]));
  if (!graphs[manifest.default]) throw new Error(`${join(dir, 'manifest.json')}: default graph "${manifest.default}" is not listed`);
  return { dir, defaultGraph: manifest.default, graphs, coreNodes };
}

export function loadGraph(catalog: GraphCatalog, name: string): ApiGraph {
  const entry = catalog.graphs[name];
  if (!entry) throw new Error(`unknown graph "${name}"; known: ${Object.keys(catalog.graphs).join(', ')}`);
  return JSON.parse(readFileSync(join(catalog.dir, entry.file), 'utf8')) as ApiGraph;
}

/**
 * The graph a backend is configured with (CUBCANVAS_COMFYUI_GRAPH, default: the manifest's),
 * loaded and validated once at start-up: a broken graph stops the worker, not a render.
 */
export function configuredGraph(catalog: GraphCatalog, name = catalog.defaultGraph): { entry: GraphEntry; graph: ApiGraph } {
  const entry = catalog.graphs[name];
  if (!entry) throw new ConfigError('CUBCANVAS_COMFYUI_GRAPH', `unknown graph "${name}"; known: ${Object.keys(catalog.graphs).join(', ')}`);
  const graph = loadGraph(catalog, name);
  const problems = validateGraph(graph, catalog.coreNodes);
  if (problems.length) throw new ConfigError('CUBCANVAS_COMFYUI_GRAPH', `graph "${name}" is invalid: ${problems.join('; ')}`);
  return { entry, graph };
}

/** Every problem with a graph, as sentences; empty when it is valid. */
export function validateGraph(graph: ApiGraph, coreNodes: Record<string, CoreNodeSchema>): string[] {
  const problems: string[] = [];
  for (const [id, node] of Object.entries(graph)) {
    if (typeof node !== 'object' || node === null || typeof node.class_type !== 'string' || typeof node.inputs !== 'object') {
      problems.push(`node ${id}: not a node (needs class_type and inputs)`);
      continue;
    }
    const schema = coreNodes[node.class_type];
    if (!schema) {
      problems.push(`node ${id}: unknown node type ${node.class_type}`);
      continue;
    }
    const declared = { ...(schema.input.required ?? {}), ...(schema.input.optional ?? {}) };
    for (const name of Object.keys(schema.input.required ?? {})) {
      if (!(name in node.inputs)) problems.push(`node ${id} (${node.class_type}): required input "${name}" missing`);
    }
    for (const [name, value] of Object.entries(node.inputs)) {
      const spec = declared[name];
      if (!spec) {
        problems.push(`node ${id} (${node.class_type}): no input named "${name}"`);
        continue;
      }
      const expected = spec[0];
      if (isLink(value)) {
        const [from, index] = value;
        const source = graph[from];
        if (!source) problems.push(`node ${id} input "${name}": links to missing node ${from}`);
        else {
          const outputs = coreNodes[source.class_type]?.output ?? [];
          if (index < 0 || index >= outputs.length) problems.push(`node ${id} input "${name}": node ${from} (${source.class_type}) has no output ${index}`);
          else if (outputs[index] !== expected) problems.push(`node ${id} input "${name}": expects ${expected}, node ${from} output ${index} is ${outputs[index]}`);
        }
      } else if (!PRIMITIVE_TYPES.has(expected)) {
        problems.push(`node ${id} input "${name}": expects a link to a ${expected}, got ${JSON.stringify(value)}`);
      }
    }
  }
  for (const [role, { title, classType }] of Object.entries(ROLES)) {
    const holders = Object.entries(graph).filter(([, n]) => n?._meta?.title === title);
    if (holders.length !== 1) problems.push(`role ${role}: ${holders.length} nodes titled "${title}", need exactly 1`);
    else if (holders[0]![1].class_type !== classType) problems.push(`role ${role}: node ${holders[0]![0]} is ${holders[0]![1].class_type}, need ${classType}`);
  }
  // Cycles: depth-first over links, colouring nodes in progress.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done' || !graph[id]) return;
    if (state.get(id) === 'visiting') {
      problems.push(`cycle: ${[...path.slice(path.indexOf(id)), id].join(' -> ')}`);
      return;
    }
    state.set(id, 'visiting');
    for (const v of Object.values(graph[id]!.inputs ?? {})) if (isLink(v)) visit(v[0], [...path, id]);
    state.set(id, 'done');
  };
  for (const id of Object.keys(graph)) visit(id, []);
  if (!Object.values(graph).some((n) => coreNodes[n?.class_type]?.output_node)) problems.push('no output node (SaveImage)');
  return problems;
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
