// The job the runner is given (runner/contract.ts RunnerJob), as it reads it from a file or the
// store: written by a worker that may be another version. Every problem is listed in one message
// ("tasks[0].spec.width must be an integer; …") so that a launcher's bug is fixed in one go.
import { z } from 'zod';
import type { RunnerJob } from './contract';

const nonEmpty = z.string({ error: 'must be a non-empty string' }).min(1, { error: 'must be a non-empty string' });
const integer = z.int({ error: 'must be an integer' });
/** prompt and negativePrompt are one pair to the reader: a problem with either is reported once, at the spec. */
const PROMPT_PAIR = 'needs prompt and negativePrompt strings';
const promptText = z.string({ error: PROMPT_PAIR });

const taskSchema = z.object(
  {
    taskId: nonEmpty,
    outputKey: nonEmpty,
    spec: z.object({ prompt: promptText, negativePrompt: promptText, width: integer, height: integer, seed: integer }, { error: PROMPT_PAIR }),
  },
  { error: 'must be an object with taskId, outputKey and spec' },
);

export const runnerJobSchema: z.ZodType<RunnerJob> = z.object(
  {
    runId: nonEmpty,
    manifestKey: nonEmpty,
    graph: z.string({ error: 'must be a string' }).optional(),
    tasks: z.array(taskSchema, { error: 'must be a non-empty array' }).min(1, { error: 'must be a non-empty array' }),
  },
  { error: 'not a job object' },
);

/** A path as the job's author would write it: tasks[0].spec.width. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** zod's issues as the runner reports them: "invalid job: a must …; b must …" (or "not a job object"). */
export function describeJobProblems(error: z.ZodError): string {
  if (error.issues.some((i) => i.path.length === 0)) return 'not a job object';
  const problems = error.issues.map((i) => {
    const path = i.message === PROMPT_PAIR && typeof i.path.at(-1) === 'string' && i.path.at(-1) !== 'spec' ? i.path.slice(0, -1) : i.path;
    return `${pathText(path)} ${i.message}`;
  });
  return `invalid job: ${[...new Set(problems)].join('; ')}`;
}
