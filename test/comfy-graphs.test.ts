// Every graph in comfy-workflows/ is a valid ComfyUI API graph of core nodes with every role once;
// the validator catches each kind of broken graph, and reads /object_info as ComfyUI writes it.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkGraph,
  configuredGraph,
  fillGraph,
  loadCatalog,
  loadGraph,
  nodeWithRole,
  validateGraph,
  type ApiGraph,
  type InputSpec,
  type ObjectInfo,
} from '../render/comfyui/graph';

const catalog = loadCatalog();
const names = Object.keys(catalog.graphs);

describe('comfy-workflows', () => {
  it('lists the three graphs with versions, the 8-step Lightning graph as default', () => {
    expect(names.sort()).toEqual(['qwen-image-20step', 'qwen-image-coloring-page', 'qwen-image-lightning-8step']);
    expect(catalog.defaultGraph).toBe('qwen-image-lightning-8step');
    expect(new Set(names.map((n) => catalog.graphs[n]!.version)).size).toBe(3);
  });

  it.each(names)('%s is valid', (name) => {
    expect(validateGraph(loadGraph(catalog, name), catalog.coreNodes)).toEqual([]);
  });

  it('matches the official templates: 20 steps cfg 2.5, and 8 steps cfg 1.0 with the Lightning LoRA', () => {
    const standard = loadGraph(catalog, 'qwen-image-20step');
    const lightning = loadGraph(catalog, 'qwen-image-lightning-8step');
    expect(nodeWithRole(standard, 'sampler')[1].inputs).toMatchObject({ steps: 20, cfg: 2.5, sampler_name: 'euler', scheduler: 'simple' });
    expect(nodeWithRole(lightning, 'sampler')[1].inputs).toMatchObject({ steps: 8, cfg: 1 });
    expect(Object.values(lightning).some((n) => n.class_type === 'LoraLoaderModelOnly' && String(n.inputs.lora_name).includes('Lightning-8steps'))).toBe(true);
    expect(Object.values(standard).some((n) => n.class_type === 'LoraLoaderModelOnly')).toBe(false);
  });

  it('fills the role nodes and nothing else', () => {
    const graph = loadGraph(catalog, 'qwen-image-coloring-page');
    const filled = fillGraph(graph, catalog.graphs['qwen-image-coloring-page']!, {
      positive: 'a panda',
      negative: 'scary',
      width: 1024,
      height: 768,
      seed: 42,
      filenamePrefix: 'cubcanvas/t1',
    });
    expect(nodeWithRole(filled, 'positive')[1].inputs.text).toMatch(/^a panda, black and white line art/);
    expect(nodeWithRole(filled, 'negative')[1].inputs.text).toMatch(/^scary, colour/);
    expect(nodeWithRole(filled, 'latent')[1].inputs).toMatchObject({ width: 1024, height: 768 });
    expect(nodeWithRole(filled, 'sampler')[1].inputs.seed).toBe(42);
    expect(nodeWithRole(filled, 'output')[1].inputs.filename_prefix).toBe('cubcanvas/t1');
    expect(nodeWithRole(graph, 'sampler')[1].inputs.seed).toBe(0);
    expect(validateGraph(filled, catalog.coreNodes)).toEqual([]);
  });

  const broken: [string, (g: ApiGraph) => void, RegExp][] = [
    ['a link to a missing node', (g) => (g['10']!.inputs.samples = ['99', 0]), /links to missing node 99/],
    ['a link to a missing output', (g) => (g['10']!.inputs.vae = ['3', 1]), /has no output 1/],
    ['a link of the wrong type', (g) => (g['10']!.inputs.vae = ['2', 0]), /expects VAE, node 2 output 0 is CLIP/],
    ['an unknown node type', (g) => (g['5']!.class_type = 'ModelSamplingMagic'), /unknown node type ModelSamplingMagic/],
    [
      'a misspelt required input (now missing)',
      (g) => {
        (g['9']!.inputs as Record<string, unknown>).sampler = g['9']!.inputs.sampler_name;
        delete g['9']!.inputs.sampler_name;
      },
      /required input "sampler_name" missing/,
    ],
    ['a sampler ComfyUI does not have', (g) => (g['9']!.inputs.sampler_name = 'eulr'), /input "sampler_name": "eulr" is not one of \(list of length \d+\)/],
    ['a scheduler ComfyUI does not have', (g) => (g['9']!.inputs.scheduler = 'simpel'), /input "scheduler": "simpel" is not one of \['simple', 'sgm_uniform'/],
    ['a text-encoder type ComfyUI does not have', (g) => (g['2']!.inputs.type = 'qwen'), /input "type": "qwen" is not one of/],
    ['a width below 16', (g) => (g['8']!.inputs.width = 8), /input "width": 8 is smaller than the minimum 16/],
    ['a height above MAX_RESOLUTION', (g) => (g['8']!.inputs.height = 20000), /input "height": 20000 is bigger than the maximum 16384/],
    ['zero steps', (g) => (g['9']!.inputs.steps = 0), /input "steps": 0 is smaller than the minimum 1/],
    ['a denoise above 1', (g) => (g['9']!.inputs.denoise = 1.5), /input "denoise": 1.5 is bigger than the maximum 1/],
    ['a negative seed', (g) => (g['9']!.inputs.seed = -1), /input "seed": -1 is smaller than the minimum 0/],
    ['a cfg that is not a number', (g) => (g['9']!.inputs.cfg = 'high'), /input "cfg": cannot convert "high" to FLOAT/],
    ['a value where a link is needed', (g) => (g['9']!.inputs.model = 'qwen'), /input "model": expects a link to a MODEL/],
    ['a missing required input', (g) => delete g['9']!.inputs.scheduler, /required input "scheduler" missing/],
    ['a missing role', (g) => (g['7']!._meta = { title: 'Negative' }), /role negative: 0 nodes/],
    ['a doubled role', (g) => (g['7']!._meta = { title: 'cubcanvas.positive' }), /role positive: 2 nodes/],
    ['a cycle', (g) => (g['5']!.inputs.model = ['9', 0]), /cycle: /],
    ['no output node', (g) => delete g['11'], /no output node/],
  ];
  it.each(broken)('rejects %s', (_what, breakIt, message) => {
    const g = structuredClone(loadGraph(catalog, 'qwen-image-lightning-8step'));
    breakIt(g);
    expect(validateGraph(g, catalog.coreNodes).join('\n')).toMatch(message);
  });

  it('keeps core-nodes.json in the shape of a real GET /object_info', () => {
    // server.py node_info: every field a client of /object_info reads, and combos with their options.
    for (const [name, node] of Object.entries(catalog.coreNodes)) {
      expect(node.name, name).toBe(name);
      expect(typeof node.display_name, name).toBe('string');
      expect(typeof node.category, name).toBe('string');
      expect(typeof node.output_node, name).toBe('boolean');
      expect(node.output_name, name).toHaveLength(node.output.length);
      expect(node.output_is_list, name).toHaveLength(node.output.length);
      const categories = Object.keys(node.input);
      expect(Object.keys(node.input_order ?? {}).sort(), name).toEqual(categories.sort());
      for (const cat of categories) expect(node.input_order![cat], `${name}.${cat}`).toEqual(Object.keys(node.input[cat as keyof typeof node.input]!));
      for (const [input, spec] of Object.entries({ ...node.input.required, ...node.input.optional })) {
        // Never the bare ["COMBO"] a real server does not write: a combo carries its options.
        if (spec[0] === 'COMBO') expect(Array.isArray(spec[1]?.options), `${name}.${input}`).toBe(true);
        else if (Array.isArray(spec[0])) expect(spec[0].length, `${name}.${input}`).toBeGreaterThan(0);
      }
    }
    // The ranges ComfyUI enforces, as nodes.py / nodes_sd3.py declare them.
    expect(catalog.coreNodes.EmptySD3LatentImage!.input.required!.width).toEqual(['INT', { default: 1024, min: 16, max: 16384, step: 16 }]);
    expect(catalog.coreNodes.KSampler!.input.required!.sampler_name![0]).toContain('euler');
    expect(catalog.coreNodes.SaveImage!.output_node).toBe(true);
  });

  it('reads both combo forms: [[options], {...}] and ["COMBO", {options: [...]}]', () => {
    // A V3 node (comfy_api io.Combo) writes its combo as ["COMBO", {options}]: convert every classic
    // combo of core-nodes.json to that form, as a newer ComfyUI's /object_info would answer.
    const v3: ObjectInfo = structuredClone(catalog.coreNodes);
    for (const node of Object.values(v3)) {
      for (const inputs of [node.input.required, node.input.optional]) {
        for (const [name, spec] of Object.entries(inputs ?? {})) {
          if (Array.isArray(spec[0])) inputs![name] = ['COMBO', { ...(spec[1] ?? {}), options: spec[0] }] as InputSpec;
        }
      }
    }
    const g = loadGraph(catalog, 'qwen-image-20step');
    expect(validateGraph(g, v3)).toEqual([]);
    expect(validateGraph(g, v3, { modelFiles: true })).toEqual([]);
    const bad = structuredClone(g);
    nodeWithRole(bad, 'sampler')[1].inputs.scheduler = 'karas';
    expect(validateGraph(bad, v3).join('\n')).toMatch(/input "scheduler": "karas" is not one of \['simple'/);
    expect(validateGraph(bad, catalog.coreNodes).join('\n')).toMatch(/input "scheduler": "karas" is not one of \['simple'/);
  });

  it("checks model file names only against a server's own list", () => {
    const g = loadGraph(catalog, 'qwen-image-lightning-8step');
    g['4']!.inputs.lora_name = 'Qwen-Image-Lightning-8steps-V2.0-bf16.safetensors';
    // Before a server is known: another file name may well be on that server's disk.
    expect(validateGraph(g, catalog.coreNodes)).toEqual([]);
    // With a server's /object_info: its files, checked like ComfyUI does, with ComfyUI's details.
    const issues = checkGraph(g, catalog.coreNodes, { modelFiles: true });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      severity: 'error',
      type: 'value_not_in_list',
      node: '4',
      classType: 'LoraLoaderModelOnly',
      input: 'lora_name',
      message: 'Value not in list',
      details: "lora_name: 'Qwen-Image-Lightning-8steps-V2.0-bf16.safetensors' not in ['Qwen-Image-Lightning-8steps-V1.0.safetensors']",
    });
    g['4']!.inputs.lora_name = 7;
    expect(validateGraph(g, catalog.coreNodes).join('\n')).toMatch(/a model file name must be a string/);
  });

  it('accepts declared optional inputs, and only warns about inputs ComfyUI would ignore', () => {
    const g = loadGraph(catalog, 'qwen-image-lightning-8step');
    // CLIPLoader's optional "device": present in the graphs, and optional.
    expect(g['2']!.inputs.device).toBe('default');
    delete g['2']!.inputs.device;
    expect(validateGraph(g, catalog.coreNodes)).toEqual([]);
    g['2']!.inputs.device = 'gpu';
    expect(validateGraph(g, catalog.coreNodes).join('\n')).toMatch(/input "device": "gpu" is not one of \['default', 'cpu'\]/);
    g['2']!.inputs.device = 'cpu';
    // An input the node does not declare (say, from another version of the node): ComfyUI drops it.
    (g['5']!.inputs as Record<string, unknown>).sampling = 'default';
    (g['9']!.inputs as Record<string, unknown>).sampler = 'euler';
    expect(validateGraph(g, catalog.coreNodes)).toEqual([]);
    const warnings = checkGraph(g, catalog.coreNodes)
      .filter((i) => i.severity === 'warning')
      .map((i) => i.text);
    expect(warnings).toEqual([
      'node 5 (ModelSamplingAuraFlow): no input named "sampling"; ComfyUI ignores it',
      'node 9 (KSampler): no input named "sampler"; ComfyUI ignores it',
    ]);
  });

  it('converts values as ComfyUI does before checking them', () => {
    const g = loadGraph(catalog, 'qwen-image-20step');
    // int("1024") and float("2.5") succeed in ComfyUI's validate_inputs; int("8.5") does not.
    nodeWithRole(g, 'latent')[1].inputs.width = '1024';
    nodeWithRole(g, 'sampler')[1].inputs.cfg = '2.5';
    expect(validateGraph(g, catalog.coreNodes)).toEqual([]);
    nodeWithRole(g, 'sampler')[1].inputs.steps = '8.5';
    expect(validateGraph(g, catalog.coreNodes).join('\n')).toMatch(/input "steps": cannot convert "8.5" to INT/);
  });

  it('starts with a configured graph that has undeclared inputs, handing on the warnings', () => {
    expect(configuredGraph(catalog).warnings).toEqual([]);
    // A re-exported graph carrying an input this ComfyUI does not declare still starts the worker.
    const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-graphs-'));
    cpSync(catalog.dir, dir, { recursive: true });
    const file = join(dir, catalog.graphs[catalog.defaultGraph]!.file);
    const g = JSON.parse(readFileSync(file, 'utf8')) as ApiGraph;
    (g['5']!.inputs as Record<string, unknown>).sampling = 'default';
    writeFileSync(file, JSON.stringify(g));
    expect(configuredGraph(loadCatalog(dir)).warnings).toEqual([
      'graph "qwen-image-lightning-8step": node 5 (ModelSamplingAuraFlow): no input named "sampling"; ComfyUI ignores it',
    ]);
  });
});
