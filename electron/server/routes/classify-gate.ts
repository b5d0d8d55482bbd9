/**
 * Admission control for `/api/v1/classify`. Each accepted request holds its upload and a
 * decoded preview in memory, and onnxruntime runs one inference at a time anyway, so
 * only `maxActive` requests read their body and classify at once, `maxWaiting` more wait
 * their turn (unread: their bodies stay in the client's socket, not in our memory), and
 * the rest are answered at once with 503 + Retry-After. Memory is then bounded by the
 * limit, whatever the burst (40 concurrent 45 MB uploads took the server to 2.9 GB).
 */
import os from 'node:os';

export interface ClassifyGateOptions {
  /** Requests reading and classifying at once. */
  maxActive: number;
  /** Requests waiting for a turn; beyond them the answer is 503. */
  maxWaiting: number;
}

export interface ClassifyGate {
  /**
   * A turn: resolves with the function that gives it back once the request may go on;
   * null when the gate is full (answer 503). `cancelled` drops a waiting request whose
   * client went away.
   */
  enter(cancelled: Promise<void>): Promise<(() => void) | null> | null;
  readonly active: number;
  readonly waiting: number;
}

export function defaultClassifyGateOptions(): ClassifyGateOptions {
  // Decoding runs on libuv's threads while the model runs on its own: two or three at
  // once keep both busy on a small machine without holding more uploads than needed.
  const maxActive = Math.min(4, Math.max(2, os.availableParallelism()));
  return { maxActive, maxWaiting: maxActive * 4 };
}

export function createClassifyGate(options: ClassifyGateOptions): ClassifyGate {
  let active = 0;
  const queue: ((turn: boolean) => void)[] = [];

  function release(): void {
    const next = queue.shift();
    if (next) next(true);
    else active--;
  }

  function turn(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  }

  return {
    enter(cancelled) {
      if (active < options.maxActive) {
        active++;
        return Promise.resolve(turn());
      }
      if (queue.length >= options.maxWaiting) return null;
      return new Promise((resolve) => {
        const waiter = (granted: boolean) => resolve(granted ? turn() : null);
        queue.push(waiter);
        void cancelled.then(() => {
          const index = queue.indexOf(waiter);
          if (index >= 0) {
            queue.splice(index, 1);
            waiter(false);
          }
        });
      });
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}
