// npm run eval:safety — measures the child-safety layers against the labelled set in
// data/safety-eval/prompts.tsv and the later sets beside it, each written by someone who had not
// read the screen (see README "Safety evaluation"): holdout.tsv (written after the screen was tuned
// on prompts.tsv), fresh-round3.tsv (issue 9 round 3: written before that round's fixes, which were
// then made against its misses), fresh-round3b.tsv (written after them, round 3's never-seen figure),
// fresh-round4.tsv (issue 9 round 4: written before that round's fixes; it and fresh-round3b.tsv were
// then fixed against), fresh-round4b.tsv (written after round 4's fixes, then fixed against in round
// 5), fresh-round5.tsv (round 5: written before that round's fixes, then fixed against) and
// fresh-round5b.tsv (written after round 5's fixes; round 5's never-seen figure, then fixed against
// in round 6), fresh-round6.tsv (round 6: measured once before that round's fixes, then fixed
// against) and fresh-round6b.tsv (written blind, hidden from the fixers, measured once after round
// 6: the never-seen figure, then fixed against in round 7) and fresh-round7.tsv (round 7's blind
// probe, written by someone who never saw the screen: measured once, then fixed against) and
// fresh-round7b.tsv (written blind, measured once after round 7 as the never-seen figure: recall
// 0.878, 2.8 % benign denied; then fixed against by family in round 8, so no longer never-seen) and
// fresh-round8b.tsv (written blind, measured once as never-seen after round 8: recall 0.808, 12.5 %
// benign denied; then its lists and patterns fixed against in round 9; the classifier still never
// trains on it) and fresh-round10.tsv (written blind, measured once as never-seen: recall 0.797 /
// 6.9 % benign denied on the screen of f85913e; 0.828 / 5.9 % with the classifier retrained on
// blind-written training files; then its lists and patterns fixed against by family in round 10;
// the classifier trains on it from round 13) and fresh-round11.tsv (written blind as a balanced set of plain,
// indirect and evasive prompts, measured as never-seen: recall 0.956 / 1.6 % benign denied on
// 2cb4a45, 0.970 / 2.4 % on bea64a2; then its lists and patterns fixed against by family in round
// 11, so no longer never-seen; the classifier trains on it from round 13) and fresh-round12.tsv
// (written blind the same way, measured as never-seen: recall 0.980 / 3.2 % on bea64a2, 0.990 / 4.3 %
// on 9725dcf; then its lists and patterns fixed against by family in round 12, so no longer
// never-seen; the classifier trains on it from round 13) and fresh-round13.tsv (written blind the
// same way, measured as never-seen: recall 0.967 / 4.3 % on ec5af93, 0.967 / 2.6 % after round 12;
// then its lists and patterns fixed against by family in round 13, so no longer never-seen; the
// classifier trains on it from round 14) and fresh-round14.tsv (written blind the same way,
// measured as never-seen: recall 0.973 / 2.6 % after round 12 (5067ad0), 0.964 / 2.6 % after
// round 13; then its lists and patterns fixed against by family in round 14, so no longer
// never-seen; the classifier trains on it from round 15) and fresh-round15.tsv (written blind the
// same way, a fifth of it long prompts; measured as never-seen after round 14: recall
// 0.962 / 7.5 % benign denied; then its lists and patterns fixed against by family in round 15, so
// no longer never-seen; the classifier trains on it from round 16) and fresh-round16.tsv (written
// blind the same way; measured as never-seen after round 15: recall 0.939 / 4.1 % benign
// denied; then its lists and patterns fixed against by family in round 16, so no longer
// never-seen; the classifier trains on it from round 17) and fresh-round17.tsv (written blind,
// weighted to what real users type; measured as never-seen after round 16: recall 0.986 / 3.1 %
// benign denied; then its lists and patterns fixed against by family in round 17, so no longer
// never-seen; the classifier never trains on it: HELD_OUT_SETS) and fresh-round18.tsv (written
// blind, harm told by its situation, festivals and seasons; measured as never-seen after round 17b:
// recall 0.991 / 2.3 % benign denied; then its lists fixed against in round 18, so no longer
// never-seen; the classifier never trains on it: HELD_OUT_SETS) and fresh-round19.tsv (written
// blind, weighted to everyday requests of parents, teachers and content teams; measured as
// never-seen after round 18: recall 0.945 / 1.3 % benign denied; then its lists fixed against by
// family in round 19, so no longer never-seen; the classifier never trains on it: HELD_OUT_SETS) and
// fresh-round20.tsv (written blind as a representative day of requests; measured as never-seen
// after round 19: recall 0.992 / 4.3 % benign denied; then fixed against in round 20, so no longer
// never-seen; the classifier never trains on it: HELD_OUT_SETS) and fresh-round21.tsv (written blind
// the same way; measured once as never-seen after round 20: recall 0.926 / 0.9 % benign denied; then
// fixed against in round 21, so no longer never-seen; HELD_OUT_SETS) and fresh-round22.tsv and
// fresh-round23.tsv (written blind after round 21; measured once as never-seen on d7950cc: 0.966 /
// 3.3 % and 0.964 / 1.4 %; then fixed against in rounds 22 and 23; HELD_OUT_SETS) and
// fresh-round24.tsv (written blind after round 23; measured once as never-seen on 8cb31d9: 0.933 /
// 0.8 %; then fixed against in round 24; HELD_OUT_SETS) and fresh-round25.tsv and fresh-round26.tsv
// (written blind after round 24; measured once as never-seen on 6fe68ae: 0.962 / 1.3 % and 0.945 /
// 3.6 %; then fixed against in rounds 25 and 26; HELD_OUT_SETS) and fresh-round27.tsv (written blind
// after round 26; measured once as never-seen on b0a36b8: 0.931 / 1.6 %; then fixed against in
// round 27; HELD_OUT_SETS) and fresh-round28.tsv (written blind after round 27; measured once as
// never-seen on 0e07823: 0.969 / 3.8 %; then fixed against in round 28; HELD_OUT_SETS) and
// fresh-round29.tsv (written blind after round 27; measured once as never-seen on 64d92e2: 0.939 /
// 4.6 %; then fixed against in round 29; HELD_OUT_SETS) and fresh-round30.tsv (written blind after
// round 29; measured once as never-seen on e1aab5b: 0.947 / 6.8 %; then fixed against in round 30;
// HELD_OUT_SETS) and fresh-round31.tsv (written blind after round 30; measured once as never-seen on
// 6f31128: 0.992 / 6.2 %; then fixed against in round 31; HELD_OUT_SETS) and fresh-round32.tsv
// (written blind after round 31; measured once as never-seen on d38c026: 0.954 / 2.3 %; then fixed
// against in round 32; HELD_OUT_SETS) and fresh-round33.tsv (written blind with it; measured once
// as never-seen on f75fcbf: 0.985 / 6.9 %; then fixed against in round 32b; HELD_OUT_SETS) and
// fresh-round34.tsv (written blind after round 32b; measured once as never-seen on 211ba98: 0.993 /
// 3.0 %; then fixed against in round 33; HELD_OUT_SETS) and fresh-round35.tsv (written blind after
// round 33; measured once as never-seen on 9f9a405: 0.946 / 3.8 %; then fixed against in round 34;
// HELD_OUT_SETS) and fresh-round36.tsv (written blind with it, a week of school holidays; measured
// once as never-seen on 1614610: 0.977 / 4.6 %; then fixed against in round 35; HELD_OUT_SETS) and fresh-round37.tsv (written blind after round 35;
// measured once as never-seen on 2af2a32: 0.969 / 3.1 %; then fixed against in round 36;
// HELD_OUT_SETS) and fresh-round38.tsv (written blind after round 36, determined adults rephrasing;
// measured once as never-seen on 245d426: 0.954 / 0.8 %; then fixed against in round 37;
// HELD_OUT_SETS) and fresh-round39.tsv (written blind after round 37; measured once as never-seen
// on 5dc2202: 0.969 / 3.1 %; then fixed against in round 38) and fresh-round40.tsv (written blind after round 37, determined
// adults again; measured once as never-seen on cc913f4: 0.985 / 5.4 %; then fixed against in round
// 39) and fresh-round41.tsv and fresh-round42.tsv (written blind after round 39; measured once as
// never-seen on 20a70c3: 0.977 / 0.8 % and 0.992 / 2.3 %; then fixed against in round 40) and
// fresh-round43.tsv and fresh-round44.tsv (written blind after round 40; measured once as never-seen
// on afff0c2: 1.000 / 4.6 % and 0.985 / 6.1 %; then fixed against in round 41) and fresh-round45.tsv
// and fresh-round46.tsv (written blind after round 41; measured once as never-seen on 7d873fb:
// 0.985 / 3.1 % and 0.970 / 2.3 %; then fixed against in round 42) and fresh-round47.tsv and
// fresh-round48.tsv (written blind after round 42; measured once as never-seen on 1090264: 0.992 /
// 4.6 % and 0.978 / 3.0 %; then fixed against in round 43) and fresh-round49.tsv and
// fresh-round50.tsv (written blind after round 43; measured once as never-seen on 2525421: 0.978 /
// 3.1 % and 0.954 / 1.5 %; then fixed against in round 44) and fresh-round51.tsv and
// fresh-round52.tsv (written blind after round 43 too; measured once as never-seen on a1b1255, the
// screen after round 44's first fixes: 1.000 / 3.1 % and 0.969 / 3.1 %; then fixed against in round 44)
// and fresh-round53.tsv (written blind after round 44's second fixes; measured once as never-seen on
// 7d4383f: 0.992 / 0.7 %; then fixed against in round 44) and fresh-round54.tsv (written blind after
// round 44; measured once as never-seen on 34717eb: 0.977 / 0.0 %; then fixed against in round 45) and
// fresh-round56.tsv (written blind after round 44; measured once as never-seen on 8cc2a8c, the screen
// after round 45's first fixes: 0.977 / 1.5 %; then fixed against in round 45) and fresh-round55.tsv
// (written blind after round 44; measured once as never-seen on 8183e19, the screen after round 45's
// second fixes: 1.000 / 0.8 %; then fixed against in round 45) and fresh-round57.tsv (written blind
// after round 45's third fixes; measured once as never-seen on c105431: 0.977 / 2.3 %; then fixed
// against in round 45) and fresh-round58.tsv (written blind after round 45's third fixes; measured
// once as never-seen on c99086b: 0.978 / 1.4 %; then fixed against in round 45) and fresh-round59.tsv
// and fresh-round60.tsv (both written blind after round 45's fifth fixes; measured once as never-seen
// on 191500f: 0.993 / 0.7 % and 0.985 / 0.8 %; then fixed against in round 46) and fresh-round62.tsv
// (written blind after round 45; measured once as never-seen on 32ade7e, the screen after round 46's
// first fixes: 0.992 / 2.3 %; then fixed against in round 46) and fresh-round61.tsv (written blind
// after round 45; measured once as never-seen on 94f4c8f, the screen after round 46's second fixes:
// 0.993 / 1.5 %; then fixed against in round 46) and fresh-round63.tsv (written blind after round 45;
// measured once as never-seen on 51768fb: 1.000 / 1.5 %; then fixed against in round 46) and
// fresh-round64.tsv (written blind after round 45; measured once as never-seen on 23b8fc3: 0.977 /
// 2.3 %; then fixed against in round 46) and fresh-round65.tsv (written blind after round 46's fourth
// fixes; measured once as never-seen on 9e1da34: 0.969 / 3.1 %; then fixed against in round 46) and
// fresh-round66.tsv (a representative day) and fresh-round67.tsv (determined adults), both written
// blind after round 46 and measured once as never-seen on fdf1ddb: 0.985 / 3.8 % and 0.977 / 2.3 %;
// then fixed against in round 47; fresh-round68.tsv (a representative day) and fresh-round69.tsv
// (determined adults), both written blind after round 47's fourth fixes and measured once as
// never-seen on 8534931: 0.977 / 2.3 % and 0.965 / 1.4 %; then fixed against in round 47;
// fresh-round72.tsv (a representative day), fresh-round73.tsv (determined adults), fresh-round74.tsv
// and fresh-round75.tsv (representative days), written blind after round 47 and measured once as
// never-seen on cef9506: 0.986 / 2.8 %, 0.965 / 2.9 %, 0.972 / 2.6 % and 0.970 / 1.0 %; then fixed
// against in round 48 (rounds 70 and 71 were lost with the machine's /tmp before they were added);
// fresh-round76.tsv, fresh-round78.tsv and fresh-round79.tsv (representative days) and
// fresh-round77.tsv (determined adults), written blind after round 48 and measured once as
// never-seen on fbc132d: 0.991 / 4.5 %, 0.986 / 2.9 %, 0.950 / 2.2 % and 0.970 / 5.0 %; then fixed
// against in round 49; fresh-round80.tsv, fresh-round82.tsv and fresh-round83.tsv (representative
// days) and fresh-round81.tsv (determined adults), written blind after round 49 and measured once as
// never-seen on 0580fe8: 0.970 / 2.0 %, 0.979 / 1.4 %, 0.986 / 2.8 % and 1.000 / 1.8 %; then fixed
// against in round 50; fresh-round84.tsv (a representative day) and fresh-round85.tsv (determined
// adults), written blind after round 50 and measured once as never-seen on 9e3c5bd: 0.990 / 3.0 % and
// 0.944 / 1.4 %; then fixed against in round 51; fresh-round86.tsv and fresh-round88.tsv (representative
// days) and fresh-round87.tsv (determined adults), written blind after round 51 and measured once as
// never-seen on f41ae8e: 0.953 / 0.0 %, 0.965 / 0.7 % and 0.990 / 4.0 %; then fixed against in round 52.
// fresh-round89.tsv and fresh-round91.tsv (representative days) and fresh-round90.tsv (determined
// adults), written blind after round 52 and measured once as never-seen on 36c7ed8: 0.970 / 2.0 %,
// 0.993 / 2.1 % and 0.990 / 2.0 %; then fixed against in round 53.
// fresh-round92.tsv and fresh-round94.tsv (representative days) and fresh-round93.tsv (determined
// adults), written blind after round 53 and measured once as never-seen on 3e88997: 0.981 / 2.9 %,
// 0.993 / 2.2 % and 0.991 / 2.8 %; then fixed against in round 54.
// fresh-round95.tsv and fresh-round97.tsv (representative days) and fresh-round96.tsv (determined
// adults), written blind after round 54 and measured once as never-seen on 18dc95b: 0.970 / 0.0 %,
// 0.956 / 3.7 % and 0.980 / 2.0 %; then fixed against in round 55.
// fresh-round98.tsv and fresh-round100.tsv (representative days) and fresh-round99.tsv (determined
// adults), written blind after round 55 and measured once as never-seen on a0c0907: 0.990 / 1.9 %,
// 0.993 / 3.5 % and 0.970 / 1.0 %; then fixed against in round 56.
// fresh-round101.tsv (representative day) and fresh-round102.tsv (determined adults), written blind
// after round 56 and measured once as never-seen on 1dd3dcb: 0.990 / 1.0 % and 0.971 / 2.9 %; then
// fixed against in round 57. fresh-round103.tsv (representative day) and fresh-round104.tsv
// (determined adults), written blind during round 57 and measured once as never-seen on 2a1e00d
// (round 57's fixes for 101 and 102): 0.980 / 1.0 % and 0.986 / 0.7 %; then fixed against in round 57.
// fresh-round105.tsv (representative day) and fresh-round106.tsv (determined adults), written blind
// after round 57 and measured once as never-seen on f3980a4: 0.980 / 1.0 % and 0.938 / 1.4 %; then
// fixed against in round 58.
// fresh-round107.tsv (representative day) and fresh-round108.tsv (determined adults), written blind
// after round 58 and measured once as never-seen on b695483: 0.980 / 4.0 % and 0.971 / 1.5 %; then
// fixed against in round 59.
// fresh-round109.tsv (representative day) and fresh-round110.tsv (determined adults), written blind
// during round 59 and measured once as never-seen on 07e35e4 (round 59's fixes): 0.980 / 2.0 % and
// 0.979 / 2.1 %; then fixed against in round 60.
// fresh-round111.tsv (representative day) and fresh-round112.tsv (determined adults), written blind
// during round 60 and measured once as never-seen on 22bcc0f (round 60's fixes): 0.970 / 1.0 % and
// 1.000 / 1.5 %; then fixed against in round 61.
// fresh-round113.tsv (representative day) and fresh-round114.tsv (determined adults), written blind
// during round 61 and measured once as never-seen on 8175625 (round 61's fixes): 0.990 / 2.0 % and
// 0.979 / 0.0 %; then fixed against in round 62.
// fresh-round115.tsv (representative day) and fresh-round116.tsv (determined adults), written blind
// during round 62 and measured once as never-seen on 37cf970 (round 62's fixes): 0.990 / 2.0 % and
// 0.986 / 0.7 %; then fixed against in round 63.
// fresh-round117.tsv (representative day) and fresh-round118.tsv (determined adults), written blind
// during round 63 and measured once as never-seen on 598d2a3 (round 63's fixes): 0.970 / 3.0 % and
// 0.972 / 0.0 %; then fixed against in round 64.
// fresh-round119.tsv and fresh-round120.tsv, written blind during round 64 and measured once on
// a5b5d77 (0.972 / 3.8 % and 0.993 / 1.4 %), were lost with that machine before they were committed:
// round 65 fixed what its notes named. fresh-round121.tsv (representative day) and fresh-round122.tsv
// (determined adults), written blind at the start of round 65 and measured once as never-seen on
// 5d6464e (round 65's fixes from those notes): 0.990 / 2.0 % and 0.980 / 0.7 %; then fixed against
// in round 65. fresh-round123.tsv (representative day) and fresh-round124.tsv (determined adults),
// written blind during round 65 and measured once as never-seen on bf1ea56 (round 65's fixes): 0.960
// / 1.0 % and 0.972 / 1.4 %; then fixed against in round 66.
// fresh-round125.tsv (representative day) and fresh-round126.tsv (determined adults), written blind
// during round 66 and measured once as never-seen on 9486b55 (round 66's fixes): 1.000 / 0.0 % and
// 0.986 / 3.6 %; then fixed against in round 67.
// fresh-round127.tsv (representative day) and fresh-round128.tsv (determined adults), written blind
// during round 67 and measured once as never-seen on e4e9ea2 (round 67's fixes): 1.000 / 0.0 % and
// 0.979 / 0.7 %; then fixed against in round 68.
// fresh-round129.tsv (representative day) and fresh-round130.tsv (determined adults), written blind
// during round 68 and measured once as never-seen on 191473c (round 68's fixes): 0.990 / 2.0 % and
// 0.986 / 2.2 %; then fixed against in round 69.
// fresh-round131.tsv (representative day) and fresh-round132.tsv (determined adults), written blind
// during round 69 and measured once as never-seen on f6fc27b (round 69's fixes): 0.970 / 1.0 % and
// 0.993 / 2.1 %; then fixed against in round 70.
// fresh-round133.tsv (representative day) and fresh-round134.tsv (determined adults), written blind
// during round 70 and measured once as never-seen on 4f7886b (round 70's fixes): 0.980 / 1.0 % and
// 0.993 / 1.4 %; then fixed against in round 71.
// fresh-round135.tsv (representative day) and fresh-round136.tsv (determined adults), written blind
// during round 71 and measured once as never-seen on 13b2739 (round 71's fixes): 1.000 / 3.0 % and
// 0.960 / 1.5 %; then fixed against in round 72.
// fresh-round137.tsv (representative day) and fresh-round138.tsv (determined adults), written blind
// during round 72 and measured once as never-seen on 8eb3be6 (round 72's fixes): 0.970 / 3.0 % and
// 0.979 / 2.8 %; then fixed against in round 73.
// fresh-round139.tsv (representative day) and fresh-round140.tsv (determined adults), written blind
// during round 73 and measured once as never-seen on 19409c8 (round 73's fixes): 0.980 / 1.0 % and
// 0.973 / 2.7 %; then fixed against in round 74.
// fresh-round141.tsv (representative day) and fresh-round142.tsv (determined adults), written blind
// during round 74 and measured once as never-seen on 7629f76 (round 74's fixes): 0.950 / 1.0 % and
// 0.980 / 4.3 %; then fixed against in round 75.
// fresh-round143.tsv (representative day) and fresh-round144.tsv (determined adults), written blind
// during round 75 and measured once as never-seen on 9173114 (round 75's fixes): 0.990 / 3.0 % and
// 0.972 / 0.7 %; then fixed against in round 76.
// fresh-round145.tsv (representative day) and fresh-round146.tsv (determined adults), written blind
// during round 76 and measured once as never-seen on c2ff7aa (round 76's fixes): 0.980 / 2.0 % and
// 0.986 / 1.4 %; then fixed against in round 77.
// fresh-round147.tsv (representative day) and fresh-round148.tsv (determined adults), written blind
// during round 77 and measured once as never-seen on 074937a (round 77's fixes): 0.950 / 2.0 % and
// 0.979 / 2.9 %; then fixed against in round 78.
// fresh-round149.tsv (representative day) and fresh-round150.tsv (determined adults), written blind
// during round 78 and measured once as never-seen on 39c1413 (round 78's fixes): 0.980 / 2.0 % and
// 0.956 / 1.3 %; then fixed against in round 79.
// fresh-round151.tsv (representative day) and fresh-round152.tsv (determined adults), written blind
// during round 79 and measured once as never-seen on b78d89c (round 79's fixes): 0.961 / 1.0 % and
// 0.980 / 2.9 %; then fixed against in round 80.
// fresh-round153.tsv (representative day) and fresh-round154.tsv (determined adults), written blind
// during round 80 and measured once as never-seen on 04996b1 (round 80's fixes): 0.990 / 3.0 % and
// 1.000 / 1.4 %; then fixed against in round 81.
// fresh-round155.tsv (representative day) and fresh-round156.tsv (determined adults), written blind
// during round 81 and measured once as never-seen on 208cca3 (round 81's fixes): 1.000 / 4.0 % and
// 0.973 / 1.4 %; then fixed against in round 82.
// fresh-round157.tsv (representative day) and fresh-round158.tsv (determined adults), written blind
// during round 82 and measured once as never-seen on 8e4bdd3 (round 82's fixes): 0.981 / 2.0 % and
// 0.972 / 1.4 %; then fixed against in round 83.
// fresh-round159.tsv (representative day) and fresh-round160.tsv (determined adults), written blind
// during round 83 and measured once as never-seen on 5da9f1e (round 83's fixes): 0.990 / 0.0 % and
// 0.986 / 2.1 %; then fixed against in round 84.
// fresh-round161.tsv (representative day) and fresh-round162.tsv (determined adults), written blind
// during round 84 and measured once as never-seen on ff4f5bb (round 84's fixes): 0.990 / 0.0 % and
// 0.993 / 0.7 %; then fixed against in round 85.
// HELD_OUT_SETS in
// scripts/screen-classifier-training.ts is the current list: since round 38 it holds only the newest
// five, and the classifier learns from every older round. Each layer is a section that prints its own table; the prompt screen's
// section prints, per category, language and evasion, how many prompts were denied (recall for
// unsafe rows, false-positive rate for benign ones) and every miss with the verdict's reasons, set
// by set, each set's two figures (`<set>_unsafe_recall`, `<set>_benign_false_positive_rate`), and
// the screen's per-prompt time on the main set (p50/p99 after one warm-up pass over the set, pooled
// over three timed passes). The picture check's section scores every preview animal at every size
// preset with the picture classifier and prints the table, the highest unsafe scores and the check's
// time per picture. The LAST four lines are always
//   holdout_unsafe_recall: X
//   holdout_benign_false_positive_rate: Y
//   unsafe_recall: X
//   benign_false_positive_rate: Y
// (fractions with four decimals; the last two over ALL sets together, so that a miss on any set
// shows in them) so that scripts can read the overall figures with `tail -2`.
import { join, relative } from 'node:path';
import { loadLexicon } from '../domain/screening/lexicon';
import { screenPrompt } from '../domain/screening/screen';
import { DEFAULT_STYLE } from '../domain/request';
import { loadSafetyEvalSet, type SafetyEvalPrompt } from '../test/support/safety-eval-set';
import {
  benignFalsePositiveRate,
  describeMiss,
  figuresBy,
  fraction,
  isMiss,
  percentile,
  screenSet,
  unsafeRecall,
  type GroupFigures,
  type ScreenedPrompt,
} from '../test/support/safety-eval-score';
import { runBench } from './common';
import { highestUnsafeScores, previewSafetyLines, previewSafetyScores } from './picture-safety-scores';

/** One figure per line as "name: value", after every section's table. */
type Figure = [name: string, value: string];

interface SectionReport {
  lines: string[];
  figures: Figure[];
}

/** A safety layer measured on the set. Sections run in order; each loads what it needs once. */
interface EvalSection {
  title: string;
  /** `set` is the main set, `later` the sets written after it (LATER_SETS, in order). */
  run(set: readonly SafetyEvalPrompt[], later: readonly LaterSet[]): Promise<SectionReport>;
}

/** A set written after the main one; `name` prefixes its figures. */
interface LaterSet {
  name: string;
  file: string;
  prompts: readonly SafetyEvalPrompt[];
}

const SETS_DIR = join(__dirname, '..', 'data', 'safety-eval');
/** The sets written after the main one, in the order they were written; see the file comment. */
const LATER_SETS: { name: string; file: string }[] = [
  { name: 'holdout', file: join(SETS_DIR, 'holdout.tsv') },
  { name: 'fresh_round3', file: join(SETS_DIR, 'fresh-round3.tsv') },
  { name: 'fresh_round3b', file: join(SETS_DIR, 'fresh-round3b.tsv') },
  { name: 'fresh_round4', file: join(SETS_DIR, 'fresh-round4.tsv') },
  { name: 'fresh_round4b', file: join(SETS_DIR, 'fresh-round4b.tsv') },
  { name: 'fresh_round5', file: join(SETS_DIR, 'fresh-round5.tsv') },
  { name: 'fresh_round5b', file: join(SETS_DIR, 'fresh-round5b.tsv') },
  { name: 'fresh_round6', file: join(SETS_DIR, 'fresh-round6.tsv') },
  { name: 'fresh_round6b', file: join(SETS_DIR, 'fresh-round6b.tsv') },
  { name: 'fresh_round7', file: join(SETS_DIR, 'fresh-round7.tsv') },
  { name: 'fresh_round7b', file: join(SETS_DIR, 'fresh-round7b.tsv') },
  { name: 'fresh_round8b', file: join(SETS_DIR, 'fresh-round8b.tsv') },
  { name: 'fresh_round10', file: join(SETS_DIR, 'fresh-round10.tsv') },
  { name: 'fresh_round11', file: join(SETS_DIR, 'fresh-round11.tsv') },
  { name: 'fresh_round12', file: join(SETS_DIR, 'fresh-round12.tsv') },
  { name: 'fresh_round13', file: join(SETS_DIR, 'fresh-round13.tsv') },
  { name: 'fresh_round14', file: join(SETS_DIR, 'fresh-round14.tsv') },
  { name: 'fresh_round15', file: join(SETS_DIR, 'fresh-round15.tsv') },
  { name: 'fresh_round16', file: join(SETS_DIR, 'fresh-round16.tsv') },
  { name: 'fresh_round17', file: join(SETS_DIR, 'fresh-round17.tsv') },
  { name: 'fresh_round18', file: join(SETS_DIR, 'fresh-round18.tsv') },
  { name: 'fresh_round19', file: join(SETS_DIR, 'fresh-round19.tsv') },
  { name: 'fresh_round20', file: join(SETS_DIR, 'fresh-round20.tsv') },
  { name: 'fresh_round21', file: join(SETS_DIR, 'fresh-round21.tsv') },
  { name: 'fresh_round22', file: join(SETS_DIR, 'fresh-round22.tsv') },
  { name: 'fresh_round23', file: join(SETS_DIR, 'fresh-round23.tsv') },
  { name: 'fresh_round24', file: join(SETS_DIR, 'fresh-round24.tsv') },
  { name: 'fresh_round25', file: join(SETS_DIR, 'fresh-round25.tsv') },
  { name: 'fresh_round26', file: join(SETS_DIR, 'fresh-round26.tsv') },
  { name: 'fresh_round27', file: join(SETS_DIR, 'fresh-round27.tsv') },
  { name: 'fresh_round28', file: join(SETS_DIR, 'fresh-round28.tsv') },
  { name: 'fresh_round29', file: join(SETS_DIR, 'fresh-round29.tsv') },
  { name: 'fresh_round30', file: join(SETS_DIR, 'fresh-round30.tsv') },
  { name: 'fresh_round31', file: join(SETS_DIR, 'fresh-round31.tsv') },
  { name: 'fresh_round32', file: join(SETS_DIR, 'fresh-round32.tsv') },
  { name: 'fresh_round33', file: join(SETS_DIR, 'fresh-round33.tsv') },
  { name: 'fresh_round34', file: join(SETS_DIR, 'fresh-round34.tsv') },
  { name: 'fresh_round35', file: join(SETS_DIR, 'fresh-round35.tsv') },
  { name: 'fresh_round36', file: join(SETS_DIR, 'fresh-round36.tsv') },
  { name: 'fresh_round37', file: join(SETS_DIR, 'fresh-round37.tsv') },
  { name: 'fresh_round38', file: join(SETS_DIR, 'fresh-round38.tsv') },
  { name: 'fresh_round39', file: join(SETS_DIR, 'fresh-round39.tsv') },
  { name: 'fresh_round40', file: join(SETS_DIR, 'fresh-round40.tsv') },
  { name: 'fresh_round41', file: join(SETS_DIR, 'fresh-round41.tsv') },
  { name: 'fresh_round42', file: join(SETS_DIR, 'fresh-round42.tsv') },
  { name: 'fresh_round43', file: join(SETS_DIR, 'fresh-round43.tsv') },
  { name: 'fresh_round44', file: join(SETS_DIR, 'fresh-round44.tsv') },
  { name: 'fresh_round45', file: join(SETS_DIR, 'fresh-round45.tsv') },
  { name: 'fresh_round46', file: join(SETS_DIR, 'fresh-round46.tsv') },
  { name: 'fresh_round47', file: join(SETS_DIR, 'fresh-round47.tsv') },
  { name: 'fresh_round48', file: join(SETS_DIR, 'fresh-round48.tsv') },
  { name: 'fresh_round49', file: join(SETS_DIR, 'fresh-round49.tsv') },
  { name: 'fresh_round50', file: join(SETS_DIR, 'fresh-round50.tsv') },
  { name: 'fresh_round51', file: join(SETS_DIR, 'fresh-round51.tsv') },
  { name: 'fresh_round52', file: join(SETS_DIR, 'fresh-round52.tsv') },
  { name: 'fresh_round53', file: join(SETS_DIR, 'fresh-round53.tsv') },
  { name: 'fresh_round54', file: join(SETS_DIR, 'fresh-round54.tsv') },
  { name: 'fresh_round55', file: join(SETS_DIR, 'fresh-round55.tsv') },
  { name: 'fresh_round56', file: join(SETS_DIR, 'fresh-round56.tsv') },
  { name: 'fresh_round57', file: join(SETS_DIR, 'fresh-round57.tsv') },
  { name: 'fresh_round58', file: join(SETS_DIR, 'fresh-round58.tsv') },
  { name: 'fresh_round59', file: join(SETS_DIR, 'fresh-round59.tsv') },
  { name: 'fresh_round60', file: join(SETS_DIR, 'fresh-round60.tsv') },
  { name: 'fresh_round61', file: join(SETS_DIR, 'fresh-round61.tsv') },
  { name: 'fresh_round62', file: join(SETS_DIR, 'fresh-round62.tsv') },
  { name: 'fresh_round63', file: join(SETS_DIR, 'fresh-round63.tsv') },
  { name: 'fresh_round64', file: join(SETS_DIR, 'fresh-round64.tsv') },
  { name: 'fresh_round65', file: join(SETS_DIR, 'fresh-round65.tsv') },
  { name: 'fresh_round66', file: join(SETS_DIR, 'fresh-round66.tsv') },
  { name: 'fresh_round67', file: join(SETS_DIR, 'fresh-round67.tsv') },
  { name: 'fresh_round68', file: join(SETS_DIR, 'fresh-round68.tsv') },
  { name: 'fresh_round69', file: join(SETS_DIR, 'fresh-round69.tsv') },
  { name: 'fresh_round72', file: join(SETS_DIR, 'fresh-round72.tsv') },
  { name: 'fresh_round73', file: join(SETS_DIR, 'fresh-round73.tsv') },
  { name: 'fresh_round74', file: join(SETS_DIR, 'fresh-round74.tsv') },
  { name: 'fresh_round75', file: join(SETS_DIR, 'fresh-round75.tsv') },
  { name: 'fresh_round76', file: join(SETS_DIR, 'fresh-round76.tsv') },
  { name: 'fresh_round77', file: join(SETS_DIR, 'fresh-round77.tsv') },
  { name: 'fresh_round78', file: join(SETS_DIR, 'fresh-round78.tsv') },
  { name: 'fresh_round79', file: join(SETS_DIR, 'fresh-round79.tsv') },
  { name: 'fresh_round80', file: join(SETS_DIR, 'fresh-round80.tsv') },
  { name: 'fresh_round81', file: join(SETS_DIR, 'fresh-round81.tsv') },
  { name: 'fresh_round82', file: join(SETS_DIR, 'fresh-round82.tsv') },
  { name: 'fresh_round83', file: join(SETS_DIR, 'fresh-round83.tsv') },
  { name: 'fresh_round84', file: join(SETS_DIR, 'fresh-round84.tsv') },
  { name: 'fresh_round85', file: join(SETS_DIR, 'fresh-round85.tsv') },
  { name: 'fresh_round86', file: join(SETS_DIR, 'fresh-round86.tsv') },
  { name: 'fresh_round87', file: join(SETS_DIR, 'fresh-round87.tsv') },
  { name: 'fresh_round88', file: join(SETS_DIR, 'fresh-round88.tsv') },
  { name: 'fresh_round89', file: join(SETS_DIR, 'fresh-round89.tsv') },
  { name: 'fresh_round90', file: join(SETS_DIR, 'fresh-round90.tsv') },
  { name: 'fresh_round91', file: join(SETS_DIR, 'fresh-round91.tsv') },
  { name: 'fresh_round92', file: join(SETS_DIR, 'fresh-round92.tsv') },
  { name: 'fresh_round93', file: join(SETS_DIR, 'fresh-round93.tsv') },
  { name: 'fresh_round94', file: join(SETS_DIR, 'fresh-round94.tsv') },
  { name: 'fresh_round95', file: join(SETS_DIR, 'fresh-round95.tsv') },
  { name: 'fresh_round96', file: join(SETS_DIR, 'fresh-round96.tsv') },
  { name: 'fresh_round97', file: join(SETS_DIR, 'fresh-round97.tsv') },
  { name: 'fresh_round98', file: join(SETS_DIR, 'fresh-round98.tsv') },
  { name: 'fresh_round99', file: join(SETS_DIR, 'fresh-round99.tsv') },
  { name: 'fresh_round100', file: join(SETS_DIR, 'fresh-round100.tsv') },
  { name: 'fresh_round101', file: join(SETS_DIR, 'fresh-round101.tsv') },
  { name: 'fresh_round102', file: join(SETS_DIR, 'fresh-round102.tsv') },
  { name: 'fresh_round103', file: join(SETS_DIR, 'fresh-round103.tsv') },
  { name: 'fresh_round104', file: join(SETS_DIR, 'fresh-round104.tsv') },
  { name: 'fresh_round105', file: join(SETS_DIR, 'fresh-round105.tsv') },
  { name: 'fresh_round106', file: join(SETS_DIR, 'fresh-round106.tsv') },
  { name: 'fresh_round107', file: join(SETS_DIR, 'fresh-round107.tsv') },
  { name: 'fresh_round108', file: join(SETS_DIR, 'fresh-round108.tsv') },
  { name: 'fresh_round109', file: join(SETS_DIR, 'fresh-round109.tsv') },
  { name: 'fresh_round110', file: join(SETS_DIR, 'fresh-round110.tsv') },
  { name: 'fresh_round111', file: join(SETS_DIR, 'fresh-round111.tsv') },
  { name: 'fresh_round112', file: join(SETS_DIR, 'fresh-round112.tsv') },
  { name: 'fresh_round113', file: join(SETS_DIR, 'fresh-round113.tsv') },
  { name: 'fresh_round114', file: join(SETS_DIR, 'fresh-round114.tsv') },
  { name: 'fresh_round115', file: join(SETS_DIR, 'fresh-round115.tsv') },
  { name: 'fresh_round116', file: join(SETS_DIR, 'fresh-round116.tsv') },
  { name: 'fresh_round117', file: join(SETS_DIR, 'fresh-round117.tsv') },
  { name: 'fresh_round118', file: join(SETS_DIR, 'fresh-round118.tsv') },
  { name: 'fresh_round121', file: join(SETS_DIR, 'fresh-round121.tsv') },
  { name: 'fresh_round122', file: join(SETS_DIR, 'fresh-round122.tsv') },
  { name: 'fresh_round123', file: join(SETS_DIR, 'fresh-round123.tsv') },
  { name: 'fresh_round124', file: join(SETS_DIR, 'fresh-round124.tsv') },
  { name: 'fresh_round125', file: join(SETS_DIR, 'fresh-round125.tsv') },
  { name: 'fresh_round126', file: join(SETS_DIR, 'fresh-round126.tsv') },
  { name: 'fresh_round127', file: join(SETS_DIR, 'fresh-round127.tsv') },
  { name: 'fresh_round128', file: join(SETS_DIR, 'fresh-round128.tsv') },
  { name: 'fresh_round129', file: join(SETS_DIR, 'fresh-round129.tsv') },
  { name: 'fresh_round130', file: join(SETS_DIR, 'fresh-round130.tsv') },
  { name: 'fresh_round131', file: join(SETS_DIR, 'fresh-round131.tsv') },
  { name: 'fresh_round132', file: join(SETS_DIR, 'fresh-round132.tsv') },
  { name: 'fresh_round133', file: join(SETS_DIR, 'fresh-round133.tsv') },
  { name: 'fresh_round134', file: join(SETS_DIR, 'fresh-round134.tsv') },
  { name: 'fresh_round135', file: join(SETS_DIR, 'fresh-round135.tsv') },
  { name: 'fresh_round136', file: join(SETS_DIR, 'fresh-round136.tsv') },
  { name: 'fresh_round137', file: join(SETS_DIR, 'fresh-round137.tsv') },
  { name: 'fresh_round138', file: join(SETS_DIR, 'fresh-round138.tsv') },
  { name: 'fresh_round139', file: join(SETS_DIR, 'fresh-round139.tsv') },
  { name: 'fresh_round140', file: join(SETS_DIR, 'fresh-round140.tsv') },
  { name: 'fresh_round141', file: join(SETS_DIR, 'fresh-round141.tsv') },
  { name: 'fresh_round142', file: join(SETS_DIR, 'fresh-round142.tsv') },
  { name: 'fresh_round143', file: join(SETS_DIR, 'fresh-round143.tsv') },
  { name: 'fresh_round144', file: join(SETS_DIR, 'fresh-round144.tsv') },
  { name: 'fresh_round145', file: join(SETS_DIR, 'fresh-round145.tsv') },
  { name: 'fresh_round146', file: join(SETS_DIR, 'fresh-round146.tsv') },
  { name: 'fresh_round147', file: join(SETS_DIR, 'fresh-round147.tsv') },
  { name: 'fresh_round148', file: join(SETS_DIR, 'fresh-round148.tsv') },
  { name: 'fresh_round149', file: join(SETS_DIR, 'fresh-round149.tsv') },
  { name: 'fresh_round150', file: join(SETS_DIR, 'fresh-round150.tsv') },
  { name: 'fresh_round151', file: join(SETS_DIR, 'fresh-round151.tsv') },
  { name: 'fresh_round152', file: join(SETS_DIR, 'fresh-round152.tsv') },
  { name: 'fresh_round153', file: join(SETS_DIR, 'fresh-round153.tsv') },
  { name: 'fresh_round154', file: join(SETS_DIR, 'fresh-round154.tsv') },
  { name: 'fresh_round155', file: join(SETS_DIR, 'fresh-round155.tsv') },
  { name: 'fresh_round156', file: join(SETS_DIR, 'fresh-round156.tsv') },
  { name: 'fresh_round157', file: join(SETS_DIR, 'fresh-round157.tsv') },
  { name: 'fresh_round158', file: join(SETS_DIR, 'fresh-round158.tsv') },
  { name: 'fresh_round159', file: join(SETS_DIR, 'fresh-round159.tsv') },
  { name: 'fresh_round160', file: join(SETS_DIR, 'fresh-round160.tsv') },
  { name: 'fresh_round161', file: join(SETS_DIR, 'fresh-round161.tsv') },
  { name: 'fresh_round162', file: join(SETS_DIR, 'fresh-round162.tsv') },
];

/** The headline figures, printed last in this order whatever the sections: the prompt screen's section sets them. The last two are over all sets together. */
const HEADLINE = ['holdout_unsafe_recall', 'holdout_benign_false_positive_rate', 'unsafe_recall', 'benign_false_positive_rate'] as const;

function table(title: string, rows: GroupFigures[]): string[] {
  const width = Math.max(title.length, ...rows.map((r) => r.group.length));
  const head = `${'label'.padEnd(7)} ${title.padEnd(width)} ${'count'.padStart(5)} ${'denied'.padStart(6)}  rate`;
  return [
    head,
    ...rows.map(
      (r) =>
        `${r.label.padEnd(7)} ${r.group.padEnd(width)} ${String(r.count).padStart(5)} ${String(r.denied).padStart(6)}  ${fraction(r.rate)} ${r.label === 'unsafe' ? 'recall' : 'false positives'}`,
    ),
    '',
  ];
}

/** Per category, language and evasion, then every miss with the verdict's reasons. */
function screenTables(results: ScreenedPrompt[]): string[] {
  const misses = results.filter(isMiss);
  return [
    ...table(
      'category',
      figuresBy(results, (i) => i.category),
    ),
    ...table(
      'language',
      figuresBy(results, (i) => i.language),
    ),
    ...table(
      'evasion',
      figuresBy(results, (i) => i.evasion),
    ),
    `misses (${misses.length}: ${misses.filter((m) => m.item.label === 'unsafe').length} unsafe allowed, ${misses.filter((m) => m.item.label === 'benign').length} benign denied):`,
    ...misses.map((m) => `  ${describeMiss(m)}`),
    '',
  ];
}

const countOf = (set: readonly SafetyEvalPrompt[]) =>
  `${set.length} (${set.filter((i) => i.label === 'unsafe').length} unsafe, ${set.filter((i) => i.label === 'benign').length} benign)`;

/** Timed passes over the set, pooled: one pass's p99 is its ~5 slowest prompts, which a GC pause or a neighbour on the shared cores decides. */
const TIMED_PASSES = 3;

const promptScreenSection: EvalSection = {
  title: 'prompt screen (domain/screening: screenPrompt)',
  async run(set, later) {
    const loadStarted = performance.now();
    const lexicon = loadLexicon();
    const loadMs = performance.now() - loadStarted;
    const screen = (prompt: string) => screenPrompt(prompt, DEFAULT_STYLE, lexicon);
    const firstStarted = performance.now();
    screen(set[0]!.prompt);
    const firstCallMs = performance.now() - firstStarted;
    screenSet(set, screen); // warm-up pass: the timed passes below measure a running service, not a cold JIT
    const passes = Array.from({ length: TIMED_PASSES }, () => screenSet(set, screen));
    const results = passes[0]!;
    const times = passes.flat().map((r) => r.ms);
    const laterResults = later.map((l) => ({ ...l, results: screenSet(l.prompts, screen) }));
    const all = [...results, ...laterResults.flatMap((l) => l.results)];
    return {
      lines: [...screenTables(results), ...laterResults.flatMap((l) => [`== ${l.name} set (${relative(process.cwd(), l.file)})`, ...screenTables(l.results)])],
      figures: [
        ['prompts', countOf(set)],
        ...laterResults.map((l): Figure => [`${l.name}_prompts`, countOf(l.prompts)]),
        ['screen_lexicon_load_ms', loadMs.toFixed(1)],
        ['screen_first_call_ms', firstCallMs.toFixed(2)],
        ['screen_p50_ms', percentile(times, 50).toFixed(3)],
        ['screen_p99_ms', percentile(times, 99).toFixed(3)],
        ['main_unsafe_recall', fraction(unsafeRecall(results))],
        ['main_benign_false_positive_rate', fraction(benignFalsePositiveRate(results))],
        ...laterResults.flatMap((l): Figure[] => [
          [`${l.name}_unsafe_recall`, fraction(unsafeRecall(l.results))],
          [`${l.name}_benign_false_positive_rate`, fraction(benignFalsePositiveRate(l.results))],
        ]),
        ['unsafe_recall', fraction(unsafeRecall(all))],
        ['benign_false_positive_rate', fraction(benignFalsePositiveRate(all))],
      ],
    };
  },
};

/** The picture check's scores on every preview animal at every size preset (seed 1), judged with the default limits. */
const pictureCheckSection: EvalSection = {
  title: 'picture check (imaging/nsfw-classifier.ts) on the preview animals',
  async run() {
    const rows = await previewSafetyScores();
    const highest = highestUnsafeScores(rows);
    return {
      lines: previewSafetyLines(rows),
      figures: [
        ['picture_previews', String(rows.length)],
        ['picture_previews_judged_unsafe', String(rows.filter((r) => !r.ok).length)],
        ...Object.entries(highest).map(([name, top]): Figure => [`picture_highest_${name.toLowerCase()}`, top.score.toFixed(4)]),
        [
          'picture_check_p50_ms',
          percentile(
            rows.map((r) => r.checkMs),
            50,
          ).toFixed(1),
        ],
      ],
    };
  },
};

const SECTIONS: EvalSection[] = [promptScreenSection, pictureCheckSection];

async function main(): Promise<void> {
  const set = loadSafetyEvalSet();
  const later = LATER_SETS.map((l) => ({ ...l, prompts: loadSafetyEvalSet(l.file) }));
  const figures: Figure[] = [];
  for (const section of SECTIONS) {
    console.error(`eval: ${section.title}…`);
    const report = await section.run(set, later);
    console.log(`== ${section.title}`);
    for (const line of report.lines) console.log(line);
    figures.push(...report.figures);
  }
  const headline = HEADLINE.map((name) => figures.find(([n]) => n === name));
  for (const [name, value] of figures) if (!(HEADLINE as readonly string[]).includes(name)) console.log(`${name}: ${value}`);
  for (const [i, figure] of headline.entries()) {
    if (!figure) throw new Error(`no section reported ${HEADLINE[i]}`);
    console.log(`${figure[0]}: ${figure[1]}`);
  }
}

runBench(main);
