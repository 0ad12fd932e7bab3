// Re-runs a refresh while it says there is more to see, pausing while the tab is hidden. One per view.

export class Poller {
  constructor(refresh, intervalMs = 2500) {
    this.refresh = refresh;
    this.intervalMs = intervalMs;
    this.timer = null;
    this.stopped = false;
    this.onVisibility = () => { if (!document.hidden && this.timer === null && !this.stopped) this.schedule(0); };
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  /** Runs the refresh now; it returns true to be called again after the interval. */
  start() { this.schedule(0); }

  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      this.timer = null;
      if (this.stopped || document.hidden) return;
      let again = false;
      try { again = await this.refresh(); } catch { again = false; }
      if (again && !this.stopped) this.schedule(this.intervalMs);
    }, delay);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }
}
