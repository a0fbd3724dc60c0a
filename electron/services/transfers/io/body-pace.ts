/**
 * What I/O code needs of a speed limit (the engine's Pacer, bandwidth.ts):
 * take bytes before they go (a promise when they must wait), and the step to
 * send in while a limit applies. Declared here so io/ does not import the engine.
 */
export interface BodyPace {
  take(bytes: number): Promise<void> | undefined;
  /** The bytes to send or read at a time under the tightest limit, or undefined without one. */
  step(): number | undefined;
}
