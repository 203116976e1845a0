// A group of pictures rendered in one GPU run (one Job, one model load): its input contract and
// checks, shared by the group workflow and whoever starts it (the batch path).
import type { RenderSpec } from './pipeline';
import { REQUEST_ID_PATTERN } from './request';

export const MAX_GROUP_TASKS = 100;
const TASK_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export interface RenderGroupRequest {
  /** Names the group's workflow (`group-<groupId>`) and its GPU work; a request id's alphabet. */
  groupId: string;
  tasks: { taskId: string; spec: RenderSpec }[];
}

export const groupWorkflowId = (groupId: string) => `group-${groupId}`;

/** Every problem with a group request, as sentences; empty when it is valid. */
export function renderGroupProblems(req: Partial<RenderGroupRequest>): string[] {
  const problems: string[] = [];
  if (typeof req.groupId !== 'string' || !REQUEST_ID_PATTERN.test(req.groupId))
    problems.push('groupId must be 1..128 letters, digits, ".", "_" or "-", starting with a letter or digit');
  if (!Array.isArray(req.tasks) || req.tasks.length === 0) problems.push('tasks must be a non-empty list');
  else {
    if (req.tasks.length > MAX_GROUP_TASKS) problems.push(`a group holds at most ${MAX_GROUP_TASKS} tasks, got ${req.tasks.length}`);
    const seen = new Set<string>();
    req.tasks.forEach((t, i) => {
      if (typeof t?.taskId !== 'string' || !TASK_ID_PATTERN.test(t.taskId)) problems.push(`tasks[${i}].taskId must be 1..64 letters, digits, "_" or "-"`);
      else if (seen.has(t.taskId)) problems.push(`tasks[${i}].taskId "${t.taskId}" is used twice`);
      else seen.add(t.taskId);
      if (typeof t?.spec?.prompt !== 'string' || !Number.isInteger(t.spec.width) || !Number.isInteger(t.spec.height) || !Number.isInteger(t.spec.seed))
        problems.push(`tasks[${i}].spec needs prompt, width, height and seed`);
    });
  }
  return problems;
}
