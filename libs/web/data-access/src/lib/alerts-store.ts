import { DestroyRef, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { CreatePriceAlertRequest, PriceAlert } from '@lilux/contracts';
import { AlertsApi } from './alerts-api';
import { withAlert, withoutAlert } from './alert-patches';
import { LiveFeed } from './live-feed';

/**
 * The signed-in user's price alerts, shared by the alerts panel and the chart's alert lines: read once, then patched
 * from the live channel (an alert that fired, or changed in another tab) and from the answers to this tab's changes.
 */
@Injectable()
export class AlertsStore {
  private readonly api = inject(AlertsApi);
  private readonly live = inject(LiveFeed);
  private hasLoaded = false;

  readonly alerts = signal<PriceAlert[]>([]);

  constructor() {
    this.live.alertEvents.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe((event) => {
      if (event.event === 'alert') this.alerts.update((alerts) => withAlert(alerts, event.data));
    });
    let wasLive = false;
    effect(() => {
      const isLive = this.live.state() === 'live';
      if (isLive && !wasLive && untracked(() => this.hasLoaded)) untracked(() => void this.load());
      wasLive = isLive;
    });
    void this.load();
  }

  async load(): Promise<void> {
    this.alerts.set(await this.api.list());
    this.hasLoaded = true;
  }

  /** Refusals that name a field are thrown back to the form. */
  async create(request: CreatePriceAlertRequest): Promise<PriceAlert> {
    const alert = await this.api.create(request);
    this.alerts.update((alerts) => withAlert(alerts, alert));
    return alert;
  }

  /** Pauses an alert, or arms it again (a fired one-shot alert too). */
  async setState(id: string, state: 'active' | 'paused'): Promise<void> {
    const alert = await this.api.update(id, { state });
    this.alerts.update((alerts) => withAlert(alerts, alert));
  }

  /**
   * A new level for an alert, from its line dragged on the chart: the line stays where it was dropped while the
   * server is asked, and goes back where it was if the server refuses (the refusal itself is a toast).
   */
  async move(id: string, price: string): Promise<boolean> {
    const before = this.alerts().find((alert) => alert.id === id);
    if (!before) return false;
    const moved = { ...before, price };
    this.alerts.update((alerts) => withAlert(alerts, moved));
    try {
      const saved = await this.api.update(id, { price });
      this.alerts.update((alerts) => withAlert(alerts, saved));
      return true;
    } catch {
      // Only if nothing newer came meanwhile (an event of the alert firing): that one is the truth now.
      if (this.alerts().find((alert) => alert.id === id) === moved) this.alerts.update((alerts) => withAlert(alerts, before));
      return false;
    }
  }

  async remove(id: string): Promise<void> {
    await this.api.remove(id);
    this.alerts.update((alerts) => withoutAlert(alerts, id));
  }
}
