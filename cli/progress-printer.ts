// Live step progress for `generate`: a line per finished step, and the render bar in place on a TTY.
import type { RequestProgress } from '../domain/pipeline';

export class ProgressPrinter {
  private printedSteps = 0;
  private lastRender = '';

  constructor(private readonly out: NodeJS.WriteStream) {}

  update(p: RequestProgress): void {
    while (this.printedSteps < p.timings.length) {
      const t = p.timings[this.printedSteps++]!;
      this.clearLine();
      this.out.write(`  ✓ ${t.step.padEnd(10)} ${String(t.ms).padStart(6)} ms\n`);
    }
    if (p.render && (p.step === 'render' || p.step === 'validate')) {
      const r = p.render;
      const width = 20;
      const filled = r.max > 0 ? Math.round((r.value / r.max) * width) : 0;
      const line = `  … ${p.step.padEnd(10)} attempt ${r.attempt + 1} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${r.value}/${r.max} ${r.phase}`;
      if (line !== this.lastRender) {
        this.lastRender = line;
        if (this.out.isTTY) this.out.write(`\r${line}\x1b[K`);
        else this.out.write(`${line}\n`);
      }
    }
  }

  private clearLine(): void {
    if (this.out.isTTY && this.lastRender) this.out.write('\r\x1b[K');
    this.lastRender = '';
  }

  finish(): void {
    this.clearLine();
  }
}
