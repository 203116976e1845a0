// Issue 9 round 48: a sniffer dog at the airport sniffs suitcases; "sniff" no longer makes "line"
// (a security line, clean line art) a line of powder. A line sniffed or snorted still is. The
// examples are written for this file, not taken from the sets.
import { describe, it } from 'vitest';
import { expectDenied, expectListsAllow } from './support/screening-checks';

describe('round 48: a sniffer dog is not drug use', () => {
  it.each([
    'comic of the airport security line: a sniffer dog checking suitcases, clean line art',
    'two detection dogs in little vests waiting in line at the airport, flat line drawing',
  ])('allows "%s"', expectListsAllow);
  it.each([
    ['a raccoon sniffing lines at the airport while the sniffer dog sleeps', 'drugs'],
    ['a sniffer dog watching a kitten snort lines of white powder', 'drugs'],
  ])('denies "%s" as %s', expectDenied);
});
