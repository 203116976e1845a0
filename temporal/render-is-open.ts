// "Is that render workflow still running?" — the question the render Job sweeper asks, from the
// activity and from `cubcanvas k8s sweep` alike.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';

export function renderIsOpen(client: Client): (renderId: string) => Promise<boolean> {
  return async (renderId) => {
    try {
      return (await client.workflow.getHandle(renderId).describe()).status.name === 'RUNNING';
    } catch (err) {
      // Gone past the namespace's retention: long closed.
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  };
}
