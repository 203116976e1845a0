// Issue 9 round 47: harmless prompts of the labelled sets that patterns denied because a word of a
// harmless phrase stood where the pattern wanted a creature or a blow: a dog biscuit bitten in half,
// a biscuit shaped like a bone, adults huffing and puffing, a conductor punching tickets, a paper
// plane thrown from a classroom window. And a creature thrown from a window, named after the window,
// that no pattern saw. The examples are written for this file, not taken from the sets.
import { describe, it } from 'vitest';
import { expectDenied, expectListsAllow } from './support/screening-checks';

describe('round 47: harmless phrases that stood in for a creature or a blow', () => {
  it.each([
    'a puppy biting a dog biscuit in half to share with her brother',
    'two kittens snapping a cat treat in half',
    '小狗把骨头形状的饼干咬断了，分给小猫一半',
    'a hippo huffing and puffing up the hill, kids cheering him on',
    'a walrus conductor punching tickets on the snow train, kids waving',
    '小熊把纸飞机从教室窗口扔出去，飞过了操场',
    '小兔子把纸飞机从阳台上扔下去，风把它吹得好远',
  ])('allows "%s"', expectListsAllow);
  it.each([
    ['a wolf biting a dog in half', 'gore'],
    ['a kid huffing glue behind the school', 'drugs'],
    ['a bully punching kids at the ticket booth', 'violence'],
    ['小狗把小猫的骨头咬断了', 'violence'],
    ['小朋友把纸飞机和小猫从教室窗口扔出去', 'violence'],
    ['小朋友拿着纸飞机从窗口把小猫扔出去', 'violence'],
    ['小熊从阳台上把弟弟推下去', 'violence'],
  ])('denies "%s" as %s', expectDenied);
});
