import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOSED_CONNECTION_DETAILS } from '../temporal/grpc-interceptors';

const script = join(__dirname, 'support', 'closed-connection', 'close-while-retrying.ts');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Each case closes a Connection while a call to a dead port waits to retry, in a process of its own:
// the failure being guarded against kills the process it happens in.
describe('closing a Temporal connection while a call waits to retry', () => {
  it('ends the call as CANCELLED, saying why, and the process lives on', { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await run([]);
    expect(stderr).not.toContain('Channel has been shut down');
    expect(stdout.trim()).toBe(`ended: code 1 ${CLOSED_CONNECTION_DETAILS}`);
    expect(code).toBe(0);
  });

  // The reason for the guard, kept as a canary: once the SDK clears its retry timer on close this
  // fails, and temporal/grpc-interceptors.ts can go.
  it("kills the process with the SDK's default interceptors", { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await run(['sdk-default']);
    expect(stderr).toContain('Error: Channel has been shut down');
    expect(stderr).toContain('grpc-retry');
    expect(stdout).not.toContain('ended');
    expect(code).not.toBe(0);
  });
});
