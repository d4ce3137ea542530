/**
 * The shared timeline of the viz/replay views: the current frame, whether it
 * plays and at how many frames per second; views subscribe and redraw.
 */
export interface TimelineState {
  readonly frame: number;
  readonly playing: boolean;
  /** Frames per second while playing. */
  readonly speed: number;
}

export type Listener = (s: TimelineState) => void;

export class Timeline {
  private s: TimelineState = { frame: 0, playing: false, speed: 10 };
  private readonly listeners = new Set<Listener>();
  private handle: number | null = null;
  private lastMs = 0;
  private carry = 0;

  constructor(private readonly frameCount: number) {}

  get state(): TimelineState {
    return this.s;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    fn(this.s);
    return () => this.listeners.delete(fn);
  }

  setFrame(frame: number): void {
    const f = Math.max(0, Math.min(this.frameCount - 1, Math.round(frame)));
    this.update({ frame: f });
  }

  setSpeed(speed: number): void {
    if (speed > 0) this.update({ speed });
  }

  toggle(): void {
    if (this.s.playing) this.pause();
    else this.play();
  }

  play(): void {
    if (this.s.playing || this.frameCount < 2) return;
    if (this.s.frame >= this.frameCount - 1) this.setFrame(0);
    this.lastMs = performance.now();
    this.carry = 0;
    this.update({ playing: true });
    this.handle = requestAnimationFrame(() => this.tick());
  }

  pause(): void {
    if (this.handle !== null) cancelAnimationFrame(this.handle);
    this.handle = null;
    this.update({ playing: false });
  }

  private tick(): void {
    this.handle = null;
    if (!this.s.playing) return;
    const now = performance.now();
    this.carry += ((now - this.lastMs) / 1000) * this.s.speed;
    this.lastMs = now;
    const step = Math.floor(this.carry);
    if (step > 0) {
      this.carry -= step;
      this.setFrame(this.s.frame + step);
      if (this.s.frame >= this.frameCount - 1) {
        this.update({ playing: false });
        return;
      }
    }
    this.handle = requestAnimationFrame(() => this.tick());
  }

  private update(patch: Partial<TimelineState>): void {
    const next = { ...this.s, ...patch };
    if (
      next.frame === this.s.frame &&
      next.playing === this.s.playing &&
      next.speed === this.s.speed
    )
      return;
    this.s = next;
    for (const fn of this.listeners) fn(next);
  }
}
