// What ships: the GitHub workflows and the two images. The workflows cannot run here, so
// actionlint (the pinned build from toolchain/actionlint.ts) judges them, with a broken workflow as
// a control that it does report findings; the Dockerfiles cannot be built here (no Docker engine),
// so their FROM and USER lines are checked as text.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadYaml } from '@kubernetes/client-node';
import { ensureActionlint } from '../toolchain/actionlint';
import { projectRoot } from '../toolchain/pypi-binary';

const workflowsDir = join(projectRoot, '.github', 'workflows');
const workflowFiles = readdirSync(workflowsDir)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => join(workflowsDir, f));

let actionlint: string;

beforeAll(() => {
  actionlint = ensureActionlint((line) => console.error(`delivery.test: ${line}`));
}, 300_000); // the first build downloads and compiles actionlint: ~10 s here, more on a cold cache

function lint(files: string[]): { status: number | null; findings: string } {
  const run = spawnSync(actionlint, ['-no-color', ...files], { cwd: projectRoot, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, findings: `${run.stdout}${run.stderr}`.trim() };
}

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
}
interface Job {
  permissions?: Record<string, string> | string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

const workflow = (name: string) => loadYaml<Workflow>(readFileSync(join(workflowsDir, name), 'utf8'));
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps);
const stepUsing = (wf: Workflow, action: string) => steps(wf).filter((s) => s.uses?.startsWith(`${action}@`));

describe('GitHub workflows', () => {
  it('are ci.yml and release.yml, and every YAML file starts with a comment saying what it is for', () => {
    expect(workflowFiles.map((f) => f.slice(workflowsDir.length + 1)).sort()).toEqual(['ci.yml', 'release.yml']);
    for (const file of workflowFiles) expect(readFileSync(file, 'utf8'), file).toMatch(/^# \S/);
  });

  it('actionlint finds nothing in them', () => {
    const { status, findings } = lint(workflowFiles);
    expect(findings, `actionlint findings:\n${findings}`).toBe('');
    expect(status).toBe(0);
  });

  it('actionlint does report a broken workflow (so "nothing" above means something)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cubcanvas-actionlint-'));
    const broken = join(dir, 'broken.yml');
    writeFileSync(
      broken,
      [
        'on: push',
        'jobs:',
        '  t:',
        '    runs-on: ubuntu-24.04',
        '    steps:',
        '      - uses: actions/checkout@v6',
        '        with:',
        '          no-such-input: 1',
        '      - run: echo ${{ github.no_such_context }}',
        '',
      ].join('\n'),
    );
    const { status, findings } = lint([broken]);
    expect(status).toBe(1);
    expect(findings).toContain('no-such-input');
    expect(findings).toContain('no_such_context');
  });

  it('pins every action to a version tag or a commit, never a branch', () => {
    for (const file of ['ci.yml', 'release.yml']) {
      for (const s of steps(workflow(file)).filter((x) => x.uses)) {
        expect(s.uses, `${file}: ${s.uses}`).toMatch(/@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
      }
    }
  });

  it('ci: on push and pull request, Node 20 and 24 with the npm cache, Python 3.11, Go 1.26, cached .tools and Go builds, npm test', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(stepUsing(ci, 'actions/checkout')).toHaveLength(1);
    expect(stepUsing(ci, 'actions/setup-node')[0]?.with).toMatchObject({ 'node-version': '${{ matrix.node }}', cache: 'npm' });
    // The development machines' Node and the LTS the images run on.
    expect((ci as unknown as { jobs: { test: { strategy?: { matrix?: { node?: string[] } } } } }).jobs.test.strategy?.matrix?.node).toEqual(['20', '24']);
    expect(stepUsing(ci, 'actions/setup-python')[0]?.with).toMatchObject({ 'python-version': '3.11' });
    expect(stepUsing(ci, 'actions/setup-go')[0]?.with).toMatchObject({ 'go-version': '1.26' });
    const cache = stepUsing(ci, 'actions/cache')[0]?.with;
    expect(String(cache?.path).split('\n')).toEqual(expect.arrayContaining(['.tools', '~/.cache/go-build']));
    expect(String(cache?.key)).toContain("hashFiles('toolchain/**'");
    expect(steps(ci).at(-1)?.run).toBe('npm test');
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it('release: on v* tags, pushes both images to ghcr.io with least privilege, renders the overlays into the release', () => {
    const release = workflow('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    // Nothing granted workflow-wide; only the image job may write packages.
    expect(release.permissions).toEqual({});
    const builds = stepUsing(release, 'docker/build-push-action');
    expect(builds.map((b) => b.with?.file).sort()).toEqual(['runner/Dockerfile', 'worker/Dockerfile']);
    for (const b of builds) expect(b.with?.push).toBe(true);
    const imageJob = Object.values(release.jobs).find((j) => j.steps.some((s) => s.uses?.startsWith('docker/build-push-action@')))!;
    expect(imageJob.permissions).toEqual({ contents: 'read', packages: 'write' });
    expect(stepUsing(release, 'docker/login-action')[0]?.with?.registry).toBe('ghcr.io');
    for (const meta of stepUsing(release, 'docker/metadata-action')) expect(String(meta.with?.images)).toMatch(/^ghcr\.io\//);
    const scripts = steps(release)
      .map((s) => s.run ?? '')
      .join('\n');
    expect(scripts).toContain('kubectl kustomize');
    expect(scripts).toContain('k8s/overlays/prod');
    expect(scripts).toContain('k8s/overlays/dev');
    expect(scripts).toMatch(/gh release (create|upload)/);
    // Every job that writes says so itself, and no job may write everything.
    for (const [name, job] of Object.entries(release.jobs)) {
      expect(job.permissions, name).toBeTypeOf('object');
      expect(Object.values(job.permissions as Record<string, string>).filter((v) => v === 'write').length, name).toBeLessThanOrEqual(1);
    }
  });
});

interface Stage {
  image: string;
  name: string | undefined;
}

function dockerfile(path: string): { text: string; stages: Stage[]; users: string[] } {
  const text = readFileSync(join(projectRoot, path), 'utf8');
  // Continuation lines never start with FROM/USER, so one instruction per matching line.
  const stages = [...text.matchAll(/^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?\s*$/gim)].map((m) => ({ image: m[1]!, name: m[2] }));
  const users = [...text.matchAll(/^USER\s+(\S+)\s*$/gim)].map((m) => m[1]!);
  return { text, stages, users };
}

describe.each(['worker/Dockerfile', 'runner/Dockerfile'])('%s', (path) => {
  const { text, stages, users } = dockerfile(path);

  it('is multi-stage, every stage named with FROM … AS', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) expect(s.name, `FROM ${s.image}`).toMatch(/^[a-z][a-z0-9_.-]*$/);
  });

  it('pins every external base image to an exact version tag (no latest, no bare name)', () => {
    const stageNames = new Set(stages.map((s) => s.name));
    for (const { image } of stages.filter((s) => !stageNames.has(s.image))) {
      const tag = /^[^@]+:([^:/@]+)(@sha256:[0-9a-f]{64})?$/.exec(image)?.[1];
      expect(tag, `FROM ${image} has no tag`).toBeDefined();
      expect(tag, `FROM ${image}`).not.toMatch(/latest/i);
      // A version, not a moving name: node:24.19.0-bookworm-slim, pytorch 2.8.0-cuda12.8-…
      expect(tag, `FROM ${image}`).toMatch(/^v?\d+\.\d+(\.\d+)?/);
    }
  });

  it('runs as a numeric non-root user (so Kubernetes runAsNonRoot can verify it)', () => {
    const last = users.at(-1);
    expect(last, 'no USER instruction').toBeDefined();
    // The final stage's USER is the one the image runs as: after its FROM, and the file's last.
    expect(text.lastIndexOf(`USER ${last}`)).toBeGreaterThan(text.search(new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${stages.at(-1)!.name}\\s*$`, 'im')));
    expect(last).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    expect(last).not.toMatch(/^0(:|$)/);
  });

  it('has an ENTRYPOINT', () => {
    expect(text).toMatch(/^ENTRYPOINT\s+\[/m);
  });
});

describe('worker/Dockerfile', () => {
  const { text } = dockerfile('worker/Dockerfile');
  it('installs with npm ci, prebuilds the workflow bundle, and runs the CLI (the Deployment passes args ["worker"])', () => {
    expect(text).toMatch(/^RUN npm ci\b/m);
    expect(text).toContain('scripts/bundle-workflows.ts /app/workflow-bundle.js');
    expect(text).toContain('CUBCANVAS_WORKFLOW_BUNDLE=/app/workflow-bundle.js');
    expect(text).toMatch(/^ENTRYPOINT \["\/app\/bin\/cubcanvas"\]$/m);
  });
});

describe('Node in the images', () => {
  // The images run on Node 24 LTS, and on exactly the release `npm run test:node-versions` runs the
  // whole suite on, so that what ships is what was tested.
  const script = readFileSync(join(projectRoot, 'scripts', 'test-node-versions.ts'), 'utf8');
  const tested = /nodeWheel\('(24\.\d+\.\d+)'\)/.exec(script)?.[1];

  it.each(['worker/Dockerfile', 'runner/Dockerfile'])('%s uses node:<the tested Node 24 release>-bookworm-slim for every Node stage', (path) => {
    expect(tested, 'scripts/test-node-versions.ts pins no Node 24 release').toBeDefined();
    const nodeImages = dockerfile(path)
      .stages.map((s) => s.image)
      .filter((image) => /^node:/.test(image));
    expect(nodeImages.length).toBeGreaterThan(0);
    for (const image of nodeImages) expect(image).toBe(`node:${tested}-bookworm-slim`);
  });
});
