// Which failed starts of the test S3 server are retried on new ports (toolchain/seaweedfs.ts): a
// port lost to another process between being chosen and being bound, in either of the ways weed
// reports it, and nothing else.
import { describe, expect, it } from 'vitest';
import { PORT_TAKEN } from '../toolchain/seaweedfs';

describe('a lost port when the test S3 server starts', () => {
  it('is recognised from the bind error and from weed mini’s own port check', () => {
    expect(PORT_TAKEN.test('weed exited with 1: listen tcp 127.0.0.1:20945: bind: address already in use')).toBe(true);
    expect(
      PORT_TAKEN.test(
        'weed exited with 1: E1130 03:40:27.343466 mini.go:1244 Port allocation failed: port 20945 for S3 (specified by flag s3.port) is not available on 127.0.0.1 and cannot be used',
      ),
    ).toBe(true);
  });

  it('is not taken from other failures, which are not retried', () => {
    expect(PORT_TAKEN.test('weed exited with 1: invalid s3 config file')).toBe(false);
    expect(PORT_TAKEN.test('S3 did not answer within 60 s')).toBe(false);
  });
});
