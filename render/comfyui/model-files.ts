// Which model files a graph makes ComfyUI load, and where on disk ComfyUI finds them. The folders
// follow ComfyUI's folder_paths: <ComfyUI>/models/<folder> first, then each extra_model_paths.yaml
// group's `base_path` joined with the folder's path(s) (several paths: one per line), appended in
// file order, or put first when the group says `is_default: true`. A file is the first match in
// that order, as folder_paths.get_full_path finds it. The legacy folder names "unet" and "clip" are
// the same folders as "diffusion_models" and "text_encoders" (folder_paths' map_legacy).
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '../../domain/errors';
import { MODEL_FILE_INPUTS, type ApiGraph } from './graph';

/** ComfyUI folder name ("diffusion_models", "loras") -> directories, searched in order. */
export type ModelFolders = Record<string, string[]>;

/** One model file a graph names: the folder its loader reads and the file name as written. */
export interface GraphModelFile {
  folder: string;
  name: string;
}

const LEGACY_FOLDERS: Record<string, string> = { unet: 'diffusion_models', clip: 'text_encoders' };
const canonical = (folder: string) => LEGACY_FOLDERS[folder] ?? folder;
/** folder_paths' own folders under <ComfyUI>/models for the loaders cubcanvas graphs use. */
const DEFAULT_FOLDERS: Record<string, string[]> = {
  diffusion_models: ['unet', 'diffusion_models'],
  text_encoders: ['text_encoders', 'clip'],
  vae: ['vae'],
  loras: ['loras'],
  checkpoints: ['checkpoints'],
};

/**
 * The model folders of a ComfyUI configured with `--extra-model-paths-config <yamlPath>`, its
 * checkout at `comfyuiDir` (whose models/ folders come first) when given. Bad YAML fails with
 * the setting's name (`setting`), the file and what is wrong.
 */
export function loadModelFolders(yamlPath: string, setting: string, comfyuiDir?: string): ModelFolders {
  let doc: Record<string, Record<string, string | boolean>>;
  try {
    doc = parseModelPathsYaml(readFileSync(yamlPath, 'utf8'));
  } catch (err) {
    throw new ConfigError(setting, `cannot read ${yamlPath}: ${(err as Error).message}`);
  }
  const first: ModelFolders = {};
  const last: ModelFolders = {};
  for (const raw of Object.values(doc)) {
    const conf = { ...raw };
    // Relative base paths are relative to the YAML file, as ComfyUI resolves them.
    const base = typeof conf.base_path === 'string' ? resolve(dirname(yamlPath), conf.base_path) : dirname(yamlPath);
    const target = conf.is_default === true ? first : last;
    delete conf.base_path;
    delete conf.is_default;
    for (const [folder, paths] of Object.entries(conf)) {
      if (typeof paths !== 'string') continue;
      for (const line of paths.split('\n').map((l) => l.trim())) {
        if (!line) continue;
        (target[canonical(folder)] ??= []).push(isAbsolute(line) ? line : join(base, line));
      }
    }
  }
  const folders: ModelFolders = {};
  const add = (from: ModelFolders) => {
    for (const [f, dirs] of Object.entries(from)) (folders[f] ??= []).push(...dirs);
  };
  add(first);
  if (comfyuiDir) for (const [f, dirs] of Object.entries(DEFAULT_FOLDERS)) (folders[f] ??= []).push(...dirs.map((d) => join(comfyuiDir, 'models', d)));
  add(last);
  return folders;
}

/** The model files a graph's loader nodes name (UNETLoader unet_name, CLIPLoader clip_name, …), each once. */
export function graphModelFiles(graph: ApiGraph): GraphModelFile[] {
  const seen = new Map<string, GraphModelFile>();
  for (const node of Object.values(graph)) {
    for (const [input, folder] of Object.entries(MODEL_FILE_INPUTS[node.class_type] ?? {})) {
      const name = node.inputs[input];
      if (typeof name === 'string') seen.set(`${folder}/${name}`, { folder, name });
    }
  }
  return [...seen.values()];
}

/** Where ComfyUI would load a file from, or undefined when no folder has it. */
export async function findModelFile(folders: ModelFolders, file: GraphModelFile): Promise<string | undefined> {
  for (const dir of folders[canonical(file.folder)] ?? []) {
    const path = join(dir, file.name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) return path;
  }
  return undefined;
}

/**
 * The YAML that extra_model_paths.yaml files use (ComfyUI's example and runner/extra_model_paths.yaml):
 * top-level group names, indented `key: value` pairs, `key: |` blocks of one path per line,
 * `# comments`. Not general YAML (the runner image carries no YAML library); anything else is an error
 * naming the line.
 */
export function parseModelPathsYaml(text: string): Record<string, Record<string, string | boolean>> {
  const out: Record<string, Record<string, string | boolean>> = {};
  let group: Record<string, string | boolean> | undefined;
  let block: { key: string; indent: number; lines: string[] } | undefined;
  const lines = text.split(/\r?\n/);
  const flush = () => {
    if (block && group) group[block.key] = block.lines.join('\n');
    block = undefined;
  };
  lines.forEach((line, i) => {
    const indent = line.length - line.trimStart().length;
    const content = line.replace(/\s+#.*$/, '').replace(/^\s*#.*$/, '');
    if (block && (content.trim() === '' || indent > block.indent)) {
      if (content.trim()) block.lines.push(content.trim());
      return;
    }
    flush();
    if (!content.trim()) return;
    const m = /^(\s*)([^:\s][^:]*):\s*(.*)$/.exec(content);
    if (!m) throw new Error(`line ${i + 1}: expected "name:" or "folder: path", got "${line.trim()}"`);
    const [, lead, key, rawValue] = m as unknown as [string, string, string, string];
    const value = rawValue.trim().replace(/^(['"])(.*)\1$/, '$2');
    if (lead.length === 0) {
      if (value) throw new Error(`line ${i + 1}: group "${key}" must be followed by indented folder lines`);
      group = out[key.trim()] = {};
      return;
    }
    if (!group) throw new Error(`line ${i + 1}: "${key.trim()}" is not inside a group`);
    if (value === '|' || value === '|-') block = { key: key.trim(), indent, lines: [] };
    else group[key.trim()] = value === 'true' ? true : value === 'false' ? false : value;
  });
  flush();
  return out;
}

/** The first group's base_path of an extra_model_paths.yaml (where the models are), if it has one. */
export function firstBasePath(yamlPath: string): string | undefined {
  const groups = Object.values(parseModelPathsYaml(readFileSync(yamlPath, 'utf8')));
  const base = groups.map((g) => g.base_path).find((b): b is string => typeof b === 'string');
  return base === undefined ? undefined : resolve(dirname(yamlPath), base);
}
