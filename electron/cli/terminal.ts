/**
 * What the CLI touches of the process: output streams, terminal width, Ctrl-C and exit.
 * Behind an interface so commands can be unit-tested with a fake.
 */
export interface OutputStream {
  write(text: string): void;
  readonly isTTY: boolean;
  readonly columns: number;
}

export interface Terminal {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Calls `handler` on each Ctrl-C (SIGINT) until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
  /** Ends the process at once (a second Ctrl-C). */
  exit(code: number): never;
}

function wrap(stream: NodeJS.WriteStream): OutputStream {
  return {
    write: (text) => {
      stream.write(text);
    },
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.columns || 80;
    },
  };
}

/** The real process. */
export function processTerminal(): Terminal {
  // `inspection-desk list | head` closes stdout early: that is a normal way to stop.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    stdout: wrap(process.stdout),
    stderr: wrap(process.stderr),
    onInterrupt(handler) {
      const listener = () => handler();
      process.on('SIGINT', listener);
      return () => {
        process.off('SIGINT', listener);
      };
    },
    exit(code) {
      process.exit(code);
    },
  };
}
