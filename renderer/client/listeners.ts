/** A tiny typed listener set: the transports fan events out to many subscribers. */
export class ListenerSet<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        // One broken subscriber must not stop the others from hearing the event.
        console.error('Event listener failed:', error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
