// Every graph in comfy-workflows/ is a valid ComfyUI API graph of core nodes with every role once;
// the validator catches each kind of broken graph.
import { describe, expect, it } from 'vitest';
import { fillGraph, loadCatalog, loadGraph, nodeWithRole, validateGraph, type ApiGraph } from '../render/comfyui/graph';

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
    const filled = fillGraph(graph, catalog.graphs['qwen-image-coloring-page']!, { positive: 'a panda', negative: 'scary', width: 1024, height: 768, seed: 42, filenamePrefix: 'cubcanvas/t1' });
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
    ['a misspelt input', (g) => ((g['9']!.inputs as Record<string, unknown>).sampler = 'euler'), /no input named "sampler"/],
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
});
