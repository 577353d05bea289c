// Messages handed to the UAC and not yet settled by the clean timer (Kamailio ms_msg_list):
// a message in this list is never sent again, so a quick second REGISTER cannot duplicate it.

export type FlightState = 'sending' | 'done' | 'error';

export interface FlightEntry {
  state: FlightState;
  /** Sent by the reminder timer (a failure resets snd_time instead of keeping it pending). */
  reminder: boolean;
  /** The row was already deleted after its 2xx. */
  deleted: boolean;
}

export class InFlight {
  private readonly entries = new Map<number, FlightEntry>();

  has(id: number): boolean {
    return this.entries.has(id);
  }

  get(id: number): FlightEntry | undefined {
    return this.entries.get(id);
  }

  start(id: number, reminder: boolean): void {
    this.entries.set(id, { state: 'sending', reminder, deleted: false });
  }

  settle(id: number, state: 'done' | 'error'): void {
    const e = this.entries.get(id);
    if (e) e.state = state;
  }

  markDeleted(id: number): void {
    const e = this.entries.get(id);
    if (e) e.deleted = true;
  }

  /** Detaches every settled entry (the clean timer's msg_list_reset) and returns them. */
  takeSettled(): [number, FlightEntry][] {
    const settled = [...this.entries].filter(([, e]) => e.state !== 'sending');
    for (const [id] of settled) this.entries.delete(id);
    return settled;
  }

  get size(): number {
    return this.entries.size;
  }
}
