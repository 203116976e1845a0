// What the kubernetes render backend may do in its namespace: the one list that `cubcanvas doctor`
// checks (SelfSubjectAccessReview) and that the Role in k8s/ must grant. Add a verb here when the
// backend starts to use it, and both follow.

export interface RequiredPermission {
  /** API group: 'batch', or '' for the core group. */
  group: string;
  resource: string;
  subresource?: string;
  verbs: string[];
}

export const REQUIRED_PERMISSIONS: RequiredPermission[] = [
  // create: one Job per render; get/list/watch: follow it and find the Jobs a killed worker left
  // (adoption, the sweeper); delete: a cancelled request or a finished render frees the GPU.
  { group: 'batch', resource: 'jobs', verbs: ['create', 'get', 'list', 'watch', 'delete'] },
  // The pod says what the Job does not: unschedulable, image pull errors, OOMKilled, exit codes.
  { group: '', resource: 'pods', verbs: ['get', 'list', 'watch'] },
  // The runner's last lines explain a failed render.
  { group: '', resource: 'pods', subresource: 'log', verbs: ['get'] },
];

/** The name kubectl and API errors use: jobs.batch, pods, pods/log. */
export function permissionResourceName(p: Pick<RequiredPermission, 'group' | 'resource' | 'subresource'>): string {
  return `${p.resource}${p.group ? `.${p.group}` : ''}${p.subresource ? `/${p.subresource}` : ''}`;
}
