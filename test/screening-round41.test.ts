// Issue 9 round 41: an idiom card of 打草惊蛇 ("beat the grass and startle the snake") with a child
// parting the grass with a stick was denied as a beating with a household object (fresh-round35).
import { describe, it } from 'vitest';
import { expectDenied, expectListsAllow } from './support/screening-checks';

describe('round 41', () => {
  it.each([
    ['熊爸爸用棍子打小熊', 'violence'],
    ['打草惊蛇以后，妈妈拿棍子打小猴子', 'violence'],
  ])('denies "%s" as %s', expectDenied);
  it.each(['成语配图：打草惊蛇，小朋友拿一根棍子拨开草丛，小蛇溜走了'])('allows "%s"', expectListsAllow);
});
