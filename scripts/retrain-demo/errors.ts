/**
 * A failure of the demo a user can act on: printed as is (no stack), with an exit code.
 */
export class DemoError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'DemoError';
    this.exitCode = exitCode;
  }
}
